"""Supplier use cases: list, read, create and update, supplier classes and balances, with the service's
validation wording."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database
from ..identity.models import Company
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.conditions import DateCondition
from ..kit.errors import NotFound, record_errors
from ..kit.paging import Listing, Page, PageResult, fetch_page
from ..kit.records import (
    RecordKey,
    Scalars,
    apply_nested,
    apply_references,
    apply_scalars,
    assign_key,
    find_by_code,
    load_by_codes,
    missing_codes,
)
from ..kit.responses import check_if_match
from ..ledger.models import Account, Subaccount
from ..numbering.service import SUPPLIER
from ..tax.models import VatZone
from ..terms.models import CreditTerms
from .models import Supplier, SupplierClass
from .schemas import SupplierUpdateDto

RESOURCE = "supplier"
LISTING = Listing(resource=RESOURCE, model=Supplier, key=Supplier.number)
KEY = RecordKey(field="number", column=Supplier.number, label="Supplier ID", series_id=SUPPLIER)
_CURRENCY = re.compile(r"^[A-Z]{3}$")

_SCALARS: Scalars = {
    "name": ("name", "Supplier name", None),
    "status": ("status", "Status", "Active"),
    "accountReference": ("account_reference", "Account ref.", None),
    "numberOfEmployees": ("number_of_employees", "Number of employees", None),
    "documentLanguage": ("document_language", "Document language", None),
    "currencyId": ("currency_id", "Currency", None),
    "currencyOverride": ("currency_override", "Enable currency override", False),
    "currencyRateOverride": ("currency_rate_override", "Enable rate override", False),
    "paymentMethodId": ("payment_method_id", "Payment method", None),
    "cashAccount": ("cash_account", "Cash account", None),
    "paymentLeadTime": ("payment_lead_time", "Payment lead time (days)", 0),
    "paymentRefDisplayMask": ("payment_ref_display_mask", "Payment ref. display mask", None),
    "paySeparately": ("pay_separately", "Pay separately", False),
    "vatRegistrationId": ("vat_registration_id", "VAT registration ID", None),
    "corporateId": ("corporate_id", "Corporate ID", None),
    "chargeBearer": ("charge_bearer", "Charge bearer", "Shared"),
    "accountUsedForPayment": ("account_used_for_payment", "Account used for payment", "BBAN"),
    "paymentBy": ("payment_by", "Payment by", "DueDate"),
    "retainageCashAccountID": ("retainage_cash_account", "Retainage cash account", None),
    "retainageApply": ("retainage_apply", "Apply retainage", False),
    "retainagePct": ("retainage_pct", "Retainage (%)", Decimal(0)),
    "note": ("note", "Note", None),
    "naceCode": ("nace_code", "Industry code", None),
    "landedCostSupplier": ("landed_cost_supplier", "Landed cost supplier", False),
}
_NESTED = {
    "mainAddress": "main_address",
    "mainContact": "main_contact",
    "remitAddress": "remit_address",
    "remitContact": "remit_contact",
    "supplierAddress": "supplier_address",
    "supplierContact": "supplier_contact",
}
_NOT_NEGATIVE = ("numberOfEmployees", "paymentLeadTime", "retainagePct")
# glAccounts members that name GL accounts, with the labels the service's messages use; the two
# subaccount members are kept as given (segment validation is the ledger's).
GL_ACCOUNT_LABELS = {
    "supplierAccount": "Supplier account",
    "expenseAccount": "Expense account",
    "expenseAccountNonTax": "Expense account non-taxable",
    "expenseEUAccount": "Expense EU account",
    "expenseAccountImport": "Expense account import",
}
GL_SUBACCOUNTS = ("supplierSubaccount", "expenseSubaccount")


@dataclass(frozen=True)
class SupplierFilters:
    name: str | None = None
    status: str | None = None
    corporate_id: str | None = None
    vat_registration_id: str | None = None
    greater_than: str | None = None
    modified: DateCondition | None = None

    def conditions(self) -> list:
        found = []
        if self.name:
            found.append(Supplier.name.icontains(self.name, autoescape=True))
        if self.status:
            found.append(Supplier.status == self.status)
        if self.corporate_id:
            found.append(Supplier.corporate_id == self.corporate_id)
        if self.vat_registration_id:
            found.append(Supplier.vat_registration_id == self.vat_registration_id)
        if self.greater_than:
            found.append(Supplier.number > self.greater_than)
        if self.modified:
            found.append(self.modified.apply(Supplier.last_modified_at))
        return found


@dataclass(frozen=True)
class GlReferences:
    """The GL accounts and subaccounts a set of suppliers names, by code, for rendering `glAccounts`."""

    accounts: dict[str, Any] = field(default_factory=dict)
    subaccounts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SupplierPage:
    result: PageResult
    references: GlReferences


def list_suppliers(
    db: Database, *, company_id: int, filters: SupplierFilters, page: Page, with_accounts: bool = False
) -> SupplierPage:
    with db.reading() as session:
        result = fetch_page(
            session, LISTING, company_id=company_id, conditions=filters.conditions(), signature=filters, page=page
        )
        references = _gl_references(session, company_id, result.rows) if with_accounts else GlReferences()
        return SupplierPage(result, references)


def get_supplier(db: Database, *, company_id: int, number: str) -> tuple[Supplier, GlReferences]:
    with db.reading() as session:
        supplier = _find(session, company_id, number)
        return supplier, _gl_references(session, company_id, [supplier])


def list_supplier_classes(db: Database, *, company_id: int) -> list[SupplierClass]:
    with db.reading() as session:
        statement = select(SupplierClass).where(SupplierClass.company_id == company_id)
        return list(session.scalars(statement.order_by(SupplierClass.class_id)).unique())


def get_supplier_class(db: Database, *, company_id: int, class_id: str) -> SupplierClass:
    with db.reading() as session:
        found = find_by_code(session, SupplierClass, SupplierClass.class_id, company_id, class_id)
        if found is None:
            raise NotFound(messages.not_found("Supplier class", class_id))
        return found


def list_balances(
    db: Database,
    *,
    company_id: int,
    greater_than: str | None,
    modified: DateCondition | None,
    skip: int | None,
    read: int | None,
) -> list[Supplier]:
    """Suppliers whose balances are asked for; the list is not paged, so the deprecated `skipRecords` and
    `numberToRead` still apply here."""
    statement = select(Supplier).where(*SupplierFilters(greater_than=greater_than, modified=modified).conditions())
    statement = statement.where(Supplier.company_id == company_id).order_by(Supplier.number, Supplier.id)
    if skip:
        statement = statement.offset(skip)
    if read:
        statement = statement.limit(read)
    with db.reading() as session:
        return list(session.scalars(statement).unique())


def create_supplier(db: Database, *, company_id: int, dto: SupplierUpdateDto) -> tuple[Supplier, list[str]]:
    """A new supplier, and the names of request fields the service ignored (a number it replaced)."""
    changes = dto.changes()
    with db.writing() as session:
        supplier = Supplier(company_id=company_id, currency_id=_base_currency(session, company_id))
        problems, ignored = assign_key(session, supplier, changes, KEY)
        problems += _apply(session, supplier, changes, inserting=True, override_class=True)
        if problems:
            raise record_errors(action="inserting", entity="supplier", record="Supplier", errors=problems)
        supplier.created_at = supplier.last_modified_at = utcnow()
        session.add(supplier)
        try:
            session.flush()
        except IntegrityError:
            # Another transaction took the same number between our check and our insert.
            raise record_errors(
                action="inserting", entity="supplier", record="Supplier", errors=[KEY.duplicate(supplier.number)]
            ) from None
        bump_version(session, company_id=company_id, resource=RESOURCE)
        return supplier, ignored


def update_supplier(
    db: Database, *, company_id: int, number: str, dto: SupplierUpdateDto, if_match: str | None
) -> tuple[Supplier, list[str]]:
    changes = dto.changes()
    with db.writing() as session:
        supplier = _find(session, company_id, number, for_update=True)
        check_if_match(if_match, supplier.row_version)
        ignored = ["number"] if "number" in changes and changes["number"] != supplier.number else []
        # The record holds the request's values until they are checked: no lookup may flush them first.
        with session.no_autoflush:
            problems = _apply(
                session, supplier, changes, inserting=False, override_class=bool(dto.overrideWithClassValues)
            )
        if problems:
            raise record_errors(action="updating", entity="supplier", record="Supplier", errors=problems)
        supplier.last_modified_at = utcnow()
        bump_version(session, company_id=company_id, resource=RESOURCE)
        session.flush()
        return supplier, ignored


def _find(session: Session, company_id: int, number: str, *, for_update: bool = False) -> Supplier:
    statement = select(Supplier).where(Supplier.company_id == company_id, Supplier.number == number)
    if for_update:
        statement = statement.with_for_update(of=Supplier)
    supplier = session.scalars(statement).unique().first()
    if supplier is None:
        raise NotFound(messages.not_found("Supplier", number))
    return supplier


def _base_currency(session: Session, company_id: int) -> str:
    return session.get(Company, company_id).base_currency


def _gl_references(session: Session, company_id: int, suppliers) -> GlReferences:
    codes = [s.gl_accounts.get(wire) for s in suppliers for wire in GL_ACCOUNT_LABELS]
    subaccounts = [s.gl_accounts.get(wire) for s in suppliers for wire in GL_SUBACCOUNTS]
    return GlReferences(
        load_by_codes(session, Account, Account.account_cd, company_id, codes),
        load_by_codes(session, Subaccount, Subaccount.subaccount_cd, company_id, subaccounts),
    )


def _apply(session: Session, supplier: Supplier, changes: dict, *, inserting: bool, override_class: bool) -> list:
    """Apply a PATCH to the supplier; returns every problem found (nothing is kept when there is one)."""
    problems = apply_scalars(supplier, changes, _SCALARS, not_negative=_NOT_NEGATIVE)
    problems += apply_nested(supplier, changes, _NESTED)
    if (supplier.retainage_pct or 0) > 100:
        problems.append("'Retainage (%)' cannot be greater than 100.")
    if not supplier.name:
        problems.append("'Supplier name' cannot be empty.")
    problems += _apply_gl_accounts(session, supplier, changes)
    if "supplierPaymentMethodDetails" in changes:
        problems += _apply_payment_method_details(supplier, changes["supplierPaymentMethodDetails"])
    problems += _apply_references(session, supplier, changes, inserting=inserting, override_class=override_class)
    if supplier.currency_id is None:
        supplier.currency_id = _base_currency(session, supplier.company_id)
    elif not _CURRENCY.match(supplier.currency_id):
        problems.append(messages.cannot_be_found("Currency", supplier.currency_id))
    return problems


def _apply_gl_accounts(session: Session, supplier: Supplier, changes: dict) -> list[str]:
    if "glAccounts" not in changes:
        return []
    merged = {} if changes["glAccounts"] is None else dict(supplier.gl_accounts or {})
    for wire, code in (changes["glAccounts"] or {}).items():
        code = code.strip() if isinstance(code, str) else None
        if code:
            merged[wire] = code
        else:
            merged.pop(wire, None)
    supplier.gl_accounts = merged
    named = {wire: merged[wire] for wire in GL_ACCOUNT_LABELS if wire in merged}
    return missing_codes(session, Account, Account.account_cd, supplier.company_id, named, GL_ACCOUNT_LABELS)


def _apply_payment_method_details(supplier: Supplier, lines: list[dict] | None) -> list[str]:
    """Each line sets the value of the detail its description names (adding it when it is new)."""
    details = {d["description"]: d["value"] for d in supplier.payment_method_details or []}
    problems = []
    for index, line in enumerate(lines or []):
        description = (line.get("paymentMethodDetailDescription") or "").strip()
        if not description:
            problems.append(f"supplierPaymentMethodDetails[{index}]: 'paymentMethodDetailDescription' cannot be empty.")
            continue
        details[description] = line.get("paymentMethodDetailValue")
    supplier.payment_method_details = [{"description": d, "value": v} for d, v in details.items()]
    return problems


def _apply_references(
    session: Session, supplier: Supplier, changes: dict, *, inserting: bool, override_class: bool
) -> list[str]:
    problems: list[str] = []
    company_id = supplier.company_id
    problems += apply_references(
        session,
        supplier,
        company_id,
        changes,
        (
            ("supplierClassId", "supplier_class", SupplierClass, SupplierClass.class_id, "Supplier class"),
            ("creditTermsId", "credit_terms", CreditTerms, CreditTerms.terms_id, "Terms"),
            ("vatZoneId", "vat_zone", VatZone, VatZone.zone_id, "VAT zone"),
            ("parentRecordNumber", "parent", Supplier, Supplier.number, "Parent account"),
        ),
    )
    if supplier.parent is not None and supplier.parent.id is not None and supplier.parent.id == supplier.id:
        problems.append("'Parent account' cannot be the supplier itself.")
    supplier_class = supplier.supplier_class
    if supplier_class is not None and (inserting or (override_class and "supplierClassId" in changes)):
        _take_class_defaults(supplier, supplier_class, changes)
    if supplier_class is not None and supplier_class.required_vat_zone and supplier.vat_zone is None:
        problems.append("'VAT zone' cannot be empty.")
    return problems


def _take_class_defaults(supplier: Supplier, supplier_class: SupplierClass, changes: dict) -> None:
    """A class's defaults fill what the request did not give (overrideWithClassValues on update)."""
    if "vatZoneId" not in changes and supplier_class.vat_zone is not None:
        supplier.vat_zone = supplier_class.vat_zone
    if "creditTermsId" not in changes and supplier_class.credit_terms is not None:
        supplier.credit_terms = supplier_class.credit_terms
    if "paymentMethodId" not in changes and supplier_class.payment_method_id:
        supplier.payment_method_id = supplier_class.payment_method_id
    if "currencyId" not in changes and supplier_class.currency_id:
        supplier.currency_id = supplier_class.currency_id
