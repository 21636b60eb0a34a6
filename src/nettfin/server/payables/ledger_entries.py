"""What supplier documents post, as posting-engine lines (base currency):

- an invoice, credit adjustment or prepayment: each line's amount (less the VAT it contains) debits its
  expense account, each VAT ID's amount debits the VAT ID's claimable account, and the document's amount
  credits the supplier ledger account; a reverse-charge VAT ID debits its claimable and credits its payable
  account with the same amount. A debit adjustment posts the mirror image. Negative lines post the other side.
- a payment: each paid document's amount debits the supplier ledger account the document credited (a paid
  debit adjustment credits it), what is left unapplied debits the supplier's ledger account, and the
  payment amount credits the cash account.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..kit.records import load_by_codes
from ..ledger.models import Account, Subaccount
from ..ledger.posting import PostingLine
from ..projects.lookup import ProjectRefs, check_project
from ..tax.models import Vat
from .document_models import SupplierDocument, SupplierPayment
from .models import Supplier

ZERO = Decimal(0)
# A debit adjustment reduces what is owed: it posts with the opposite sign.
REDUCING_TYPES = ("DebitAdj",)


def sign(document_type: str) -> int:
    return -1 if document_type in REDUCING_TYPES else 1


def entry(account: str, subaccount: str | None, amount: Decimal, **details) -> PostingLine:
    """A debit for a positive amount, a credit for a negative one."""
    if amount >= 0:
        return PostingLine(account=account, subaccount=subaccount, debit=amount, **details)
    return PostingLine(account=account, subaccount=subaccount, credit=-amount, **details)


def supplier_ledger_account(session: Session, supplier: Supplier) -> tuple[Account | None, Subaccount | None, list]:
    """The supplier's ledger account and subaccount (`glAccounts.supplierAccount`), else the company's
    supplier ledger control account; a problem when there is neither."""
    accounts = supplier.gl_accounts or {}
    code = accounts.get("supplierAccount")
    if code:
        account = load_by_codes(session, Account, Account.account_cd, supplier.company_id, [code]).get(code)
    else:
        account = session.scalars(
            select(Account)
            .where(Account.company_id == supplier.company_id, Account.control_account_module == "AP", Account.active)
            .order_by(Account.account_cd)
        ).first()
    if account is None:
        return None, None, [f"Supplier '{supplier.number}' has no supplier ledger account ('supplierAccount')."]
    number = accounts.get("supplierSubaccount")
    subaccount = load_by_codes(session, Subaccount, Subaccount.subaccount_cd, supplier.company_id, [number]).get(number)
    return account, subaccount, []


def invoice_entries(
    session: Session, document: SupplierDocument, *, against: tuple[str, str | None] | None = None
) -> tuple[list[PostingLine], list[str]]:
    """The posting lines of a document being released, and problems (a VAT ID without its account). `against`:
    the account and subaccount the amount goes to instead of the supplier ledger account (a prebooking)."""
    direction = sign(document.document_type)
    reference, party = document.reference_number, document.supplier.number
    projects, problems = _line_projects(session, document)
    lines = []
    for index, line in enumerate(document.lines):
        details = {
            "description": line.description,
            "reference": reference,
            "vat_id": line.vat_id,
            "vat_category": line.vat_category,
            "inventory_number": line.inventory_number,
            "quantity": line.quantity,
            "uom": line.uom,
            "project_id": projects[index].project_id,
        }
        subaccount = line.subaccount.subaccount_cd if line.subaccount else None
        # A line billing a purchase receipt clears the receipt's value from the PO accrual account; the rest is
        # purchase price variance (payables.receipt_billing).
        cleared = line.receipt_value if line.receipt_value is not None else line.taxable
        if cleared:
            lines.append(entry(line.account.account_cd, subaccount, direction * cleared, **details))
        if line.taxable != cleared:
            lines.append(entry(line.variance_account_cd, None, direction * (line.taxable - cleared), **details))
    vat_lines, vat_problems = _vat_entries(session, document, direction)
    problems += vat_problems
    lines += vat_lines
    payable = against or supplier_side(document)
    lines.append(
        entry(
            *payable, -direction * document.amount, description=document.description, reference=reference, party=party
        )
    )
    return lines, problems


def supplier_side(document: SupplierDocument) -> tuple[str, str | None]:
    """The supplier ledger account and subaccount the document posts to."""
    return _account_of(document.ap_account, document.ap_subaccount)


def settlement_entries(
    document: SupplierDocument, account: tuple[str, str | None], amount: Decimal, description: str
) -> list[PostingLine]:
    """`amount` (base currency) moved from `account` onto the supplier ledger account, on the side the document
    posts to it (a prebooked document's release, from its prebooking account); a negative amount takes it off
    the supplier ledger account onto `account` (a balance write-off)."""
    direction = sign(document.document_type)
    details = {"description": description, "reference": document.reference_number}
    return [
        entry(*account, direction * amount, **details),
        entry(*supplier_side(document), -direction * amount, party=document.supplier.number, **details),
    ]


def _line_projects(session: Session, document: SupplierDocument) -> tuple[list[ProjectRefs], list[str]]:
    """Each line's project as it is when the document posts (a project closed since refuses the release)."""
    found, problems = [], []
    for line in document.lines:
        refs, refused = check_project(session, document.company_id, line.project_id)
        found.append(refs)
        problems += [f"Line {line.line_number}: {problem}" for problem in refused]
    return found, problems


def _vat_entries(session: Session, document: SupplierDocument, direction: int) -> tuple[list[PostingLine], list]:
    vats = load_by_codes(session, Vat, Vat.vat_id, document.company_id, (tax.vat_id for tax in document.taxes))
    lines, problems = [], []
    for tax in document.taxes:
        if not tax.vat:
            continue
        vat = vats.get(tax.vat_id)
        if vat is None or vat.claimable_account is None:
            problems.append(f"VAT '{tax.vat_id}' has no claimable account (TX205000).")
            continue
        details = {"description": vat.description, "reference": document.reference_number, "vat_id": tax.vat_id}
        claimable = _account_of(vat.claimable_account, vat.claimable_subaccount)
        lines.append(entry(*claimable, direction * tax.vat, **details))
        if tax.reverse:
            if vat.payable_account is None:
                problems.append(f"VAT '{tax.vat_id}' has no payable account (TX205000).")
                continue
            payable = _account_of(vat.payable_account, vat.payable_subaccount)
            lines.append(entry(*payable, -direction * tax.vat, **details))
    return lines, problems


def _account_of(account: Account, subaccount: Subaccount | None) -> tuple[str, str | None]:
    return account.account_cd, subaccount.subaccount_cd if subaccount else None


def payment_entries(payment: SupplierPayment, cash_account: str) -> list[PostingLine]:
    """The posting lines of a payment being released; `amount_paid_base` is set on its lines."""
    reference = payment.reference_number
    party = payment.supplier.number
    lines = []
    for line in payment.lines:
        document = line.document
        lines.append(
            entry(
                document.ap_account.account_cd,
                document.ap_subaccount.subaccount_cd if document.ap_subaccount else None,
                sign(document.document_type) * line.amount_paid_base,
                description=f"{document.document_type} {document.reference_number}",
                reference=reference,
                party=party,
            )
        )
    if payment.unapplied_balance:
        subaccount = (payment.supplier.gl_accounts or {}).get("supplierSubaccount")
        unapplied = payment.unapplied_balance
        lines.append(entry(payment.ap_account.account_cd, subaccount, unapplied, reference=reference, party=party))
    paid = sum((line.debit - line.credit for line in lines), ZERO)
    lines.append(entry(cash_account, None, -paid, description=payment.description, reference=reference, party=party))
    return [line for line in lines if line.debit or line.credit]
