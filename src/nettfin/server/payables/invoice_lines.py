"""A supplier invoice's lines and totals: the line operations of a write body, each line's item, account,
subaccount and VAT, and the amounts the document derives from them. Totals, VAT and `taxDetailLines` are
always computed here, never taken from the client.

Amounts: a line's cost is quantity x unit cost less its discount, rounded to the øre; VAT comes from
`tax.determination` (the document's VAT zone x the line's VAT category: the item's, else the account's, else
the zone's default) at the rate valid on the document date, rounded per line or per document as the company
chose. Base-currency amounts are the document-currency amounts at the document's exchange rate, rounded to
the øre, so the posting balances in the base currency by construction.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, lazyload

from ..documents.currency import balance_on_last, to_base
from ..documents.lines import HUNDRED, LineLedger, money
from ..documents.vat import VatPart, exempt_vat_ids, vat_totals
from ..inventory.models import InventoryItem
from ..inventory.subaccounts import subaccount_number
from ..kit import messages
from ..kit.checks import fits_column
from ..kit.lines import LineBook, apply_line_operations
from ..kit.records import load_by_codes
from ..ledger.journal import Module
from ..ledger.line_subaccounts import resolve_subaccount, subaccount_from_segments
from ..ledger.models import Account
from ..ledger.posting import account_problems
from ..ledger.segments import DimensionRule
from ..ledger.subaccounts import dimension_rule
from ..projects.lookup import NON_PROJECT, check_project, is_non_project
from ..tax.determination import (
    DocumentKind,
    Explanation,
    TaxedAmount,
    VatDecision,
    VatLine,
    VatRounding,
    VatSetup,
    calculate_vat,
    determine_vat,
)
from ..tax.models import Vat
from ..tax.service import load_vat_setup, vat_rounding
from .document_models import SupplierDocument, SupplierDocumentLine, SupplierDocumentTax

ZERO = Decimal(0)
_NOT_PURCHASABLE = ("Inactive", "NoPurchases", "MarkedForDeletion")
_LINE_COLUMNS = SupplierDocumentLine.__table__.c
# Wire name -> (column, the label in messages) of the line's texts.
_TEXTS = {
    "transactionDescription": ("description", "Transaction description"),
    "uom": ("uom", "UoM"),
    "note": ("note", "Note"),
}


@dataclass
class LineContext:
    """What line validation needs, loaded once per document write."""

    session: Session
    company_id: int
    rule: DimensionRule | None
    vat_setup: VatSetup
    rounding: VatRounding
    # The accounts the lines name and the subaccount numbers of changed lines, until their records are attached.
    ledger: LineLedger
    # The VAT IDs whose taxable amounts are the vatExemptTotal.
    exempt_vat_ids: set[str] = field(default_factory=set)
    # The items a write body names, loaded once for all its lines.
    items: dict[str, InventoryItem] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, company_id: int) -> LineContext:
        return cls(
            session,
            company_id,
            dimension_rule(session, company_id, with_combinations=True),
            load_vat_setup(session, company_id),
            vat_rounding(session, company_id),
            LineLedger(session, company_id),
            exempt_vat_ids=exempt_vat_ids(session, company_id),
        )


# The item's own columns are all a line reads: its class, posting class, warehouses (five joins and two more
# queries) load only if asked for.
_ITEM_OPTIONS = (lazyload("*"),)


def preload(context: LineContext, document: SupplierDocument, sent: list[dict]) -> None:
    """The items the lines name and the accounts they may post to, in two queries for the whole body."""
    codes = {(change.get("inventoryNumber") or "").strip() for change in sent} - {""}
    context.items = load_by_codes(
        context.session, InventoryItem, InventoryItem.number, context.company_id, codes, _ITEM_OPTIONS
    )
    accounts = {(change.get("accountNumber") or "").strip() for change in sent}
    accounts |= {(item.accounts or {}).get("expenseAccount") for item in context.items.values()}
    accounts.add((document.supplier.gl_accounts or {}).get("expenseAccount") if document.supplier else None)
    context.ledger.load_accounts(accounts)


def apply_lines(context: LineContext, document: SupplierDocument, sent: list[dict] | None) -> list[str]:
    """Apply the lines of a write body (kit/lines.py's rules); every problem, prefixed by the line's place."""
    preload(context, document, sent or [])

    def create(number: int) -> SupplierDocumentLine:
        line = SupplierDocumentLine(company_id=document.company_id, line_number=number)
        document.lines.append(line)
        return line

    book = LineBook(
        collection="invoiceLines",
        noun="document",
        number=lambda line: line.line_number,
        renumber=lambda line, number: setattr(line, "line_number", number),
        create=create,
        remove=document.lines.remove,
        apply=lambda line, change, _place, inserting: _apply_line(context, document, line, change, inserting=inserting),
        session=context.session,
    )
    return apply_line_operations(book, document.lines, sent or [])


def _apply_line(
    context: LineContext, document: SupplierDocument, line: SupplierDocumentLine, change: dict, *, inserting: bool
) -> list[str]:
    problems = _apply_item(context, line, change, inserting=inserting)
    problems += _apply_amounts(line, change, inserting=inserting)
    problems += _apply_account(context, document, line, change, inserting=inserting)
    for wire, (column, label) in _TEXTS.items():
        if wire in change:
            text = (change[wire] or "").strip() or None
            problem = fits_column(_LINE_COLUMNS[column], text, label)
            problems += [problem] if problem else []
            setattr(line, column, text)
    if "vatCodeId" in change:
        line.vat_id = (change["vatCodeId"] or "").strip() or None
        line.manual_vat = line.vat_id is not None
    if "projectId" in change:
        project = (change["projectId"] or "").strip() or None
        problems += check_project(context.session, context.company_id, project)[1]
        line.project_id = NON_PROJECT if is_non_project(project) and project else project
    return problems


def _apply_item(context: LineContext, line: SupplierDocumentLine, change: dict, *, inserting: bool) -> list[str]:
    """The line's item, and the defaults it gives a new line: description, purchase unit, last cost."""
    if "inventoryNumber" not in change:
        if inserting:
            line.quantity = Decimal(1)
        return []
    code = (change["inventoryNumber"] or "").strip()
    item = context.items.get(code)
    line.item, line.inventory_number = item, item.number if item else None
    if code and item is None:
        return [messages.cannot_be_found("Item", code)]
    if item is not None and item.status in _NOT_PURCHASABLE:
        return [f"Item '{code}' cannot be purchased: its status is {item.status}."]
    if item is not None:
        line.description = line.description or item.description
        line.uom = line.uom or item.purchase_unit
        if inserting:
            line.unit_cost_cur = item.last_cost
    if inserting:
        line.quantity = Decimal(1)
    return []


def _apply_amounts(line: SupplierDocumentLine, change: dict, *, inserting: bool) -> list[str]:
    problems: list[str] = []
    for wire, column, label in (
        ("quantity", "quantity", "Quantity"),
        ("unitCostInCurrency", "unit_cost_cur", "Unit cost"),
        ("discountPercent", "discount_percent", "Discount percent"),
        ("discountAmountInCurrency", "discount_amount_cur", "Discount amount"),
        ("costInCurrency", "cost_cur", "Amount"),
    ):
        if wire in change:
            value = change[wire] if change[wire] is not None else ZERO
            problem = fits_column(_LINE_COLUMNS[column], value, label)
            problems += [problem] if problem else []
            setattr(line, column, value)
    if "costInCurrency" in change:
        line.manual_cost = change["costInCurrency"] is not None
    if "discountAmountInCurrency" in change:
        line.manual_discount = change["discountAmountInCurrency"] is not None
    if "manualDiscount" in change:
        line.manual_discount = bool(change["manualDiscount"])
    if not ZERO <= (line.discount_percent or ZERO) <= HUNDRED:
        problems.append("'Discount percent' must be between 0 and 100.")
    return problems


def _apply_account(
    context: LineContext, document: SupplierDocument, line: SupplierDocumentLine, change: dict, *, inserting: bool
) -> list[str]:
    """The expense account and subaccount: as sent, else the item's, else the supplier's."""
    problems: list[str] = []
    supplier_accounts = document.supplier.gl_accounts if document.supplier else {}
    item_accounts = line.item.accounts if line.item else {}
    if "accountNumber" in change or inserting:
        code = (change.get("accountNumber") or "").strip()
        code = code or item_accounts.get("expenseAccount") or supplier_accounts.get("expenseAccount") or ""
        account = context.ledger.account(code) if code else None
        problems += account_problems(code, account, Module.AP) + _control_account_problems(account)
        line.account = account
    if "subaccount" in change or inserting:
        current = line.subaccount.subaccount_cd if line.subaccount else None
        default = supplier_accounts.get("expenseSubaccount") or subaccount_number(
            (line.item.subaccounts if line.item else {}).get("expenseSubaccount")
        )
        number, found = subaccount_from_segments(context.rule, change.get("subaccount"), current or default)
        if context.rule is None and not found:
            number = None  # a company without the SUBACCOUNT dimension posts without subaccounts
        elif not found:
            number, found = resolve_subaccount(context.rule, number)
        problems += found
        context.ledger.set_subaccount(line, number)
    return problems


def _control_account_problems(account: Account | None) -> list[str]:
    if account is not None and account.control_account_module in ("AP", "AR"):
        return [f"Account '{account.account_cd}' is a control account: a document line cannot post to it."]
    return []


# --- amounts and VAT ----------------------------------------------------------------------------------------


def compute_totals(context: LineContext, document: SupplierDocument) -> list[str]:
    """Each line's cost and VAT, the VAT details and the document's totals; problems with the VAT."""
    problems: list[str] = []
    lines = sorted(document.lines, key=lambda line: line.line_number)
    taxed = []
    for line in lines:
        _line_cost(line)
        decision, problem = _decide_vat(context, document, line)
        problems += [f"Line {line.line_number}: {problem}"] if problem else []
        taxed.append(TaxedAmount(line.cost_cur, decision))
    vat = calculate_vat(taxed, context.rounding)
    rate = document.exchange_rate
    for line, line_vat in zip(lines, vat.lines, strict=True):
        line.taxable_cur = line_vat.taxable
        line.taxable, line.cost = to_base(line_vat.taxable, rate), to_base(line.cost_cur, rate)
    _sync_taxes(context, document, taxed, vat.lines)
    _set_totals(context, document, lines)
    _round_onto_last_line(context, document, lines)
    if document.amount_cur < 0:
        problems.append("The document total cannot be less than 0: enter a debit adjustment instead.")
    return problems


def _round_onto_last_line(context: LineContext, document: SupplierDocument, lines: list) -> None:
    """The document's amount in the base currency is its amount converted as a whole; what the lines'
    rounding leaves goes onto the last line with an amount (`documents.currency`)."""
    total = to_base(document.amount_cur, document.exchange_rate)
    taxable = [line.taxable for line in lines]
    adjusted = balance_on_last(total, taxable, document.amount - sum(taxable, ZERO))
    if adjusted == taxable:
        return
    for line, amount in zip(lines, adjusted, strict=True):
        line.cost += amount - line.taxable
        line.taxable = amount
    _set_totals(context, document, lines)


def _line_cost(line: SupplierDocumentLine) -> None:
    gross = money(line.quantity * line.unit_cost_cur)
    if line.manual_discount:
        line.discount_percent = money(line.discount_amount_cur * HUNDRED / gross) if gross else ZERO
    else:
        line.discount_amount_cur = money(gross * line.discount_percent / HUNDRED)
    if not line.manual_cost:
        line.cost_cur = gross - line.discount_amount_cur


def _decide_vat(
    context: LineContext, document: SupplierDocument, line: SupplierDocumentLine
) -> tuple[VatDecision, str | None]:
    category = line.item.vat_category_code if line.item else (line.account.tax_category if line.account else None)
    zone = document.vat_zone.zone_id if document.vat_zone else None
    given = line.vat_id if line.manual_vat else None
    outcome = determine_vat(context.vat_setup, VatLine(DocumentKind.PURCHASE, zone, category, document.date, given))
    if not isinstance(outcome, VatDecision):
        return _NO_VAT, outcome.message
    line.vat_id, line.vat_category = outcome.vat_id, outcome.explanation.category_id
    if document.tax_calculation_mode != "TaxSetting":
        mode = "ExtractFromItemAmount" if document.tax_calculation_mode == "Gross" else "ItemAmount"
        outcome = dataclasses.replace(outcome, calculate_on=mode)
    return outcome, None


_NO_VAT = VatDecision(
    None, ZERO, False, "ItemAmount", Explanation(DocumentKind.PURCHASE, None, None, "none", (), (), None, ZERO, "")
)


def _sync_taxes(context: LineContext, document: SupplierDocument, taxed: list, line_vats) -> None:
    """One VAT detail per VAT ID, updated in place (a detail's VAT ID is unique on its document)."""
    computed: dict[str, list] = {}
    for amount, line_vat in zip(taxed, line_vats, strict=True):
        if line_vat.vat_id is None:
            continue
        entry = computed.setdefault(line_vat.vat_id, [amount.decision, ZERO, ZERO])
        entry[1] += line_vat.taxable
        entry[2] += line_vat.vat
    current = {tax.vat_id: tax for tax in document.taxes}
    for vat_id in set(current) - set(computed):
        document.taxes.remove(current.pop(vat_id))
    rate = document.exchange_rate
    for vat_id, (decision, taxable, vat) in computed.items():
        tax = current.get(vat_id)
        if tax is None:
            tax = SupplierDocumentTax(company_id=document.company_id, vat_id=vat_id)
            document.taxes.append(tax)
        tax.vat_rate, tax.reverse = decision.rate, decision.reverse
        tax.taxable_cur, tax.vat_cur = taxable, vat
        tax.taxable, tax.vat = to_base(taxable, rate), to_base(vat, rate)


def _set_totals(context: LineContext, document: SupplierDocument, lines: list[SupplierDocumentLine]) -> None:
    """The header totals in the document's currency and in the base currency, by the document core's rule."""
    rate = document.exchange_rate
    document.detail_total_cur = sum((line.cost_cur for line in lines), ZERO)
    document.detail_total = sum((line.cost for line in lines), ZERO)
    document.discount_total_cur = sum((line.discount_amount_cur for line in lines), ZERO)
    document.discount_total = to_base(document.discount_total_cur, rate)
    taxes = document.taxes
    in_currency = vat_totals(
        (line.taxable_cur for line in lines),
        (VatPart(t.vat_id, t.vat_rate, t.reverse, t.taxable_cur, t.vat_cur) for t in taxes),
        context.exempt_vat_ids,
    )
    in_base = vat_totals(
        (line.taxable for line in lines),
        (VatPart(t.vat_id, t.vat_rate, t.reverse, t.taxable, t.vat) for t in taxes),
        context.exempt_vat_ids,
    )
    document.vat_total_cur, document.vat_total = in_currency.vat, in_base.vat
    document.vat_taxable_cur, document.vat_taxable = in_currency.taxable, in_base.taxable
    document.vat_exempt_cur, document.vat_exempt = in_currency.exempt, in_base.exempt
    document.amount_cur, document.amount = in_currency.amount, in_base.amount


def vat_descriptions(session: Session, company_id: int, documents) -> dict[str, str]:
    """The descriptions of the VAT IDs a page of documents uses, in one query (columns only: a VAT ID's rate
    schedule is not needed to name it)."""
    codes = {line.vat_id for d in documents for line in d.lines} | {tax.vat_id for d in documents for tax in d.taxes}
    if not codes:
        return {}
    rows = session.execute(
        select(Vat.vat_id, Vat.description).where(Vat.company_id == company_id, Vat.vat_id.in_(codes))
    )
    return dict(rows.all())
