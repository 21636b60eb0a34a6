"""Suppliers (AP303000) and supplier classes (AP201000) as the API serves them: `kit.resource` declarations.

A supplier's number comes from the SUPPLIER number series (or the client's, with `overrideNumberSeries`); its
class gives a new supplier its VAT zone, credit terms, payment method and currency (and an existing one with
`overrideWithClassValues`); the list is paged, with `glAccounts` only under `expandAccountInformation=true`
and `note` only under `expandNote=true`. Addresses and contacts may be sent in the read DTO's shape, as the
knowledge base's Supplier article does. What suppliers share with customers is in `kit.party` and
`parties.members`; the GL accounts and payment method details are the supplier's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy.orm import Session

from ..kit.filters import Accepted
from ..kit.members import id_and_description
from ..kit.party import (
    ATTRIBUTES,
    ENDING,
    NUMBER_OF_EMPLOYEES,
    REGISTRATION,
    REQUIRED,
    Figure,
    FlaggedScalar,
    Shown,
    address,
    contact,
    location,
    party_filters,
    switch,
)
from ..kit.records import RecordKey, load_by_codes, missing_codes
from ..kit.resource import (
    LAST_MODIFIED,
    READ_ONLY,
    TIME_STAMP,
    Computed,
    Flag,
    GreaterThan,
    Member,
    ModifiedSince,
    Resource,
    Scalar,
    Texts,
    Writing,
)
from ..kit.shapes import IdDescription
from ..kit.wire import Value
from ..ledger.models import Account, Subaccount
from ..numbering.service import SUPPLIER as SUPPLIER_SERIES
from ..parties.members import CREDIT_TERMS, CURRENCY_ID, opening, party_check, vat_zone
from .models import Supplier, SupplierClass
from .schemas import (
    AccountUsedForPayment,
    GlAccountsInSupplierDto,
    LocationInSupplierDto,
    PaymentBy,
    SupplierChargeBearer,
    SupplierGlAccountsUpdateDto,
    SupplierPaymentMethodDetailDto,
    SupplierPaymentMethodDetailUpdateDto,
    SupplierStatus,
    VatZoneInSupplierDto,
)

EXPAND_ACCOUNTS = "expandAccountInformation"
EXPAND_NOTE = "expandNote"
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
class GlReferences:
    """The GL accounts and subaccounts a set of suppliers names, by code: what `glAccounts` shows of them."""

    accounts: dict[str, Any]
    subaccounts: dict[str, Any]


def _load_gl_references(session: Session, company_id: int, suppliers: list, view: frozenset[str]) -> None:
    """The declaration's `prepare`: one query for the accounts and one for the subaccounts a page names, kept
    on each supplier as `gl_references` (not a column) for `GlAccounts` to read."""
    if EXPAND_ACCOUNTS not in view:
        return
    codes = [s.gl_accounts.get(wire) for s in suppliers for wire in GL_ACCOUNT_LABELS]
    subaccounts = [s.gl_accounts.get(wire) for s in suppliers for wire in GL_SUBACCOUNTS]
    references = GlReferences(
        load_by_codes(session, Account, Account.account_cd, company_id, codes),
        load_by_codes(session, Subaccount, Subaccount.subaccount_cd, company_id, subaccounts),
    )
    for supplier in suppliers:
        supplier.gl_references = references


@dataclass(frozen=True)
class GlAccounts(Member):
    """`glAccounts`: GL account and subaccount codes (a JSON column, not foreign keys, so that this module's
    tables do not depend on the ledger's), read with the accounts' types and descriptions. A write PATCHes them
    code by code; `{"value": null}` clears them all; an account code must name an account."""

    wire: str = "glAccounts"
    when: str | None = EXPAND_ACCOUNTS
    compact: ClassVar[bool] = True

    def schema(self) -> Any:
        return GlAccountsInSupplierDto

    def read(self, record: Any) -> Any:
        codes: dict = record.gl_accounts or {}
        references: GlReferences = record.gl_references
        shown: dict[str, dict] = {}
        for wire in GL_ACCOUNT_LABELS:
            code = codes.get(wire)
            if code is not None:
                account = references.accounts.get(code)
                type_, description = (account.type, account.description) if account else (None, None)
                shown[wire] = _without_none(type=type_, number=code, description=description)
        for wire in GL_SUBACCOUNTS:
            code = codes.get(wire)
            if code is not None:
                subaccount = references.subaccounts.get(code)
                active = subaccount.active if subaccount else True
                description = subaccount.description if subaccount else None
                shown[wire] = _without_none(active=active, id=code, description=description)
        return shown

    def write_schema(self) -> Any:
        return Value[SupplierGlAccountsUpdateDto]

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        merged = {} if value is None else dict(record.gl_accounts or {})
        for wire, code in (value or {}).items():
            code = code.strip() if isinstance(code, str) else None
            if code:
                merged[wire] = code
            else:
                merged.pop(wire, None)
        record.gl_accounts = merged
        named = {wire: merged[wire] for wire in GL_ACCOUNT_LABELS if wire in merged}
        return missing_codes(writing.session, Account, Account.account_cd, writing.company_id, named, GL_ACCOUNT_LABELS)


def _without_none(**members: Any) -> dict:
    return {name: value for name, value in members.items() if value is not None}


@dataclass(frozen=True)
class PaymentMethodDetails(Member):
    """`supplierPaymentMethodDetails`: lines named by their description (plain) with a wrapped value; each line
    sent sets the value of the detail it names, adding it when it is new."""

    wire: str = "supplierPaymentMethodDetails"
    compact: ClassVar[bool] = True

    def schema(self) -> Any:
        return list[SupplierPaymentMethodDetailDto]

    def read(self, record: Any) -> Any:
        return [
            _without_none(paymentMethodDetailDescription=d["description"], paymentMethodDetailValue=d["value"])
            for d in record.payment_method_details or []
        ]

    def write_schema(self) -> Any:
        return list[SupplierPaymentMethodDetailUpdateDto]

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        details = {d["description"]: d["value"] for d in record.payment_method_details or []}
        problems = []
        for index, line in enumerate(value or []):
            description = (line.get("paymentMethodDetailDescription") or "").strip()
            if not description:
                problems.append(f"{self.wire}[{index}]: 'paymentMethodDetailDescription' cannot be empty.")
                continue
            details[description] = line.get("paymentMethodDetailValue")
        record.payment_method_details = [{"description": d, "value": v} for d, v in details.items()]
        return problems


SUPPLIER_CLASS = Resource(
    name="supplierClass",
    model=SupplierClass,
    path="/v1/supplier/supplierClass",
    tag="Supplier",
    label="Supplier class",
    key=RecordKey("id", SupplierClass.class_id, "Supplier class"),
    key_param="supplierClassId",
    members=(
        ATTRIBUTES,
        Computed("paymentMethodId", str, lambda c: c.payment_method_id),
        # The code is kept as given, not checked against the payment methods (terms/): no description is looked up.
        Computed("paymentMethodDescription", str, lambda c: None),
        TIME_STAMP,
        *id_and_description("class_id"),
    ),
    texts=Texts(
        list="Get supplier classes - ScreenId=AP201000", get="Get a specific supplier class - ScreenId=AP201000"
    ),
    dto="SupplierClassDto",
    paged=False,
    operations=READ_ONLY,
    read_required=frozenset({"attributes", "timeStamp", "id"}),
)


SUPPLIER = Resource(
    name="supplier",
    model=Supplier,
    path="/v1/supplier",
    tag="Supplier",
    label="Supplier",
    key=RecordKey("number", Supplier.number, "Supplier ID", SUPPLIER_SERIES),
    key_wrapped=True,
    key_param="supplierCd",
    members=(
        *opening(
            "supplier", Supplier, SupplierClass, SupplierStatus, account_reference="Account ref.", read_shaped=True
        ),
        *CREDIT_TERMS,
        Scalar("documentLanguage", "document_language", "Document language"),
        CURRENCY_ID,
        address("remitAddress", "remit_address", read_shaped=True),
        contact("remitContact", "remit_contact", read_shaped=True),
        Shown("paymentMethod", IdDescription, lambda s: {"id": s.payment_method_id} if s.payment_method_id else None),
        Scalar("paymentMethodId", "payment_method_id", "Payment method", readable=False),
        Scalar("cashAccount", "cash_account", "Cash account"),
        Scalar("chargeBearer", "charge_bearer", "Charge bearer", kind=SupplierChargeBearer, cleared="Shared"),
        Scalar(
            "accountUsedForPayment",
            "account_used_for_payment",
            "Account used for payment",
            kind=AccountUsedForPayment,
            cleared="BBAN",
        ),
        Scalar("paymentBy", "payment_by", "Payment by", kind=PaymentBy, cleared="DueDate"),
        Figure("paymentLeadTime", "payment_lead_time", "Payment lead time (days)", kind=int, cleared=0),
        Scalar("paymentRefDisplayMask", "payment_ref_display_mask", "Payment ref. display mask"),
        switch("paySeparately", "pay_separately", "Pay separately"),
        address("supplierAddress", "supplier_address", read_shaped=True),
        contact("supplierContact", "supplier_contact", read_shaped=True),
        location(LocationInSupplierDto),
        *REGISTRATION,
        *vat_zone(VatZoneInSupplierDto),
        GlAccounts(),
        ATTRIBUTES,
        LAST_MODIFIED,
        PaymentMethodDetails(),
        switch("retainageApply", "retainage_apply", "Apply retainage"),
        Scalar("retainageCashAccountID", "retainage_cash_account", "Retainage cash account"),
        Figure("retainagePct", "retainage_pct", "Retainage (%)", kind=Decimal, cleared=Decimal(0), maximum=100),
        FlaggedScalar("note", "note", "Note", when=EXPAND_NOTE),
        NUMBER_OF_EMPLOYEES,
        Scalar("naceCode", "nace_code", "Industry code"),
        switch("landedCostSupplier", "landed_cost_supplier", "Landed cost supplier"),
        switch("currencyOverride", "currency_override", "Enable currency override"),
        switch("currencyRateOverride", "currency_rate_override", "Enable rate override"),
        *ENDING,
    ),
    texts=Texts(
        list="Get a range of suppliers - ScreenId=AP303000",
        get="Get a specific supplier - ScreenId=AP303000",
        create="Create a supplier",
        update="Update a specific supplier",
        notes=(
            "Paged: every element carries `metadata: {totalCount, maxPageSize}`. `name` matches a part of the "
            "name, case-insensitively. `glAccounts` is filled only with `expandAccountInformation=true`, `note` "
            "only with `expandNote=true`; a single GET always fills both."
        ),
    ),
    dto="SupplierDto",
    write_dto="SupplierUpdateDto",
    filters=(
        *party_filters(SupplierStatus, "Contains supplier name (case-insensitive)."),
        ModifiedSince(),
        GreaterThan(),
        Accepted((("attributes", str),), "Accepted and ignored: attributes are not served yet."),
        Flag(EXPAND_ACCOUNTS, "True: fill glAccounts."),
        Flag(EXPAND_NOTE, "True: fill note."),
    ),
    prepare=_load_gl_references,
    check=party_check(
        "supplier",
        (
            ("vatZoneId", "vat_zone"),
            ("creditTermsId", "credit_terms"),
            ("paymentMethodId", "payment_method_id"),
            ("currencyId", "currency_id"),
        ),
    ),
    read_required=REQUIRED
    | {
        "remitAddress",
        "remitContact",
        "chargeBearer",
        "accountUsedForPayment",
        "paymentBy",
        "paymentLeadTime",
        "paySeparately",
        "supplierAddress",
        "supplierContact",
        "supplierPaymentMethodDetails",
        "retainageApply",
        "retainagePct",
        "landedCostSupplier",
        "currencyOverride",
        "currencyRateOverride",
    },
)

# The DTOs by the names the document gives them.
SupplierDto = SUPPLIER.read_model
SupplierUpdateDto = SUPPLIER.write_model
SupplierClassDto = SUPPLIER_CLASS.read_model
