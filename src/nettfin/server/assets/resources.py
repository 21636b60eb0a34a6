"""Fixed asset classes (FA201000), property tax groups (FA209000), fixed assets (FA303000) and fixed asset
transactions (FA301000) as the API serves them: read-only `kit.resource` declarations, list (paged) and get, with
the real DTOs' shapes and the real lists' filters.

An asset reads its accounts from its class (only with `expandAccounts`, as the real parameter says) and its book
balance from its transactions: the last period depreciated is the latest depreciation transaction's. The real
service has no write route for any of the four: `service.py` acquires and depreciates.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import selectinload

from ..kit.filters import Shows
from ..kit.members import Attribute, Nested, Objects, Shape
from ..kit.records import RecordKey
from ..kit.render import DecimalNumber, format_date
from ..kit.resource import (
    ERROR_INFO,
    LAST_MODIFIED,
    READ_ONLY,
    Computed,
    Equals,
    Flag,
    ModifiedSince,
    Resource,
    Texts,
)
from ..ledger.models import Account, Subaccount
from .filters import CodeOf, DateBound, PeriodBound
from .models import FixedAsset, FixedAssetClass, FixedAssetTransaction, PropertyTaxGroup
from .schedule import period_of
from .schemas import AssetStatus, Origin, PropertyType, RegisterStatus, TransactionType
from .service import (
    ASSET_RESOURCE,
    BOOK_DESCRIPTION,
    BOOK_ID,
    CLASS_RESOURCE,
    TAX_GROUP_RESOURCE,
    TRANSACTION_RESOURCE,
    figures,
)

EXPAND_ACCOUNTS = "expandAccounts"
_EXPAND = "Set to True to include accounts and subaccounts. Default value is False"


def _account(account: Account | None) -> str | None:
    return None if account is None else account.account_cd


def _subaccount(subaccount: Subaccount | None) -> str | None:
    return None if subaccount is None else subaccount.subaccount_cd


def _years(value: Decimal | None) -> Decimal | None:
    """A useful life as its years (`5`, `2.5`), without the stored scale's trailing zeros."""
    if value is None:
        return None
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


def _class_accounts(name: str) -> Shape:
    """The accounts a class gives its assets (`accountsInFixedAssetClassDto`, `accountsInFixedAssetDto`): the
    ones nettfin posts to; disposal, gain and loss accounts nettfin has none of."""
    return Shape(
        name,
        (
            Computed("accountID", str, lambda c: _account(c.asset_account)),
            Computed("subAccountID", str, lambda c: _subaccount(c.asset_subaccount)),
            Computed("accrualAccountID", str, lambda c: _account(c.accrual_account)),
            Computed("accrualSubAccountID", str, lambda c: _subaccount(c.accrual_subaccount)),
            Computed("accumulatedDepreciationAccountID", str, lambda c: _account(c.accumulated_account)),
            Computed("accumulatedDepreciationSubAccountID", str, lambda c: _subaccount(c.accumulated_subaccount)),
            Computed("depreciatedExpenseAccountID", str, lambda c: _account(c.expense_account)),
            Computed("depreciatedExpenseSubAccountID", str, lambda c: _subaccount(c.expense_subaccount)),
        ),
    )


# --- classes ----------------------------------------------------------------------------------------------

BOOK_SETTINGS = Shape(
    "bookSettingsInFixedAssetClassDto",
    (
        Computed("bookID", str, lambda c: BOOK_ID, "The book id"),
        Attribute("depreciationMethodID", "depreciation_method_id", description="The depreciation method id"),
    ),
)

FIXED_ASSET_CLASS = Resource(
    name=CLASS_RESOURCE,
    model=FixedAssetClass,
    path="/v1/fixedAssetClass",
    tag="FixedAssetClass",
    label="Fixed asset class",
    key=RecordKey("classID", FixedAssetClass.class_id, "Fixed asset class"),
    key_param="ClassID",
    members=(
        Attribute("classID", "class_id", description="The id that identifies this fixed asset class"),
        Computed("recordType", str, lambda c: "C", "The type of the record. This value is 'C' for fixed asset classes"),
        Attribute("description", "description"),
        Attribute("active", "active", bool),
        Attribute("assetTypeID", "asset_type_id"),
        Attribute("isTangible", "is_tangible", bool),
        Attribute("depreciable", "depreciable", bool),
        Computed("usefulLife", DecimalNumber, lambda c: _years(c.useful_life), "Default useful life in years"),
        Attribute("acceleratedDepreciation", "accelerated_depreciation", bool),
        Nested("bookSettings", BOOK_SETTINGS),
        Nested("accounts", _class_accounts("accountsInFixedAssetClassDto")),
        ERROR_INFO,
    ),
    texts=Texts(
        list="Get a range of Fixed Asset Classes - Screen ID:FA201000",
        get="Get a specific Fixed Asset Class - Screen ID:FA201000",
        key="The fixed asset class's id.",
    ),
    dto="FixedAssetClassDto",
    operations=READ_ONLY,
    filters=(Equals("classID", "class_id", description="Fixed Asset Class ID that identifies the fixed asset class."),),
)


# --- property tax groups ----------------------------------------------------------------------------------

PROPERTY_TAX_DETAIL = Shape(
    "FixedAssetPropertyTaxDetailsDto",
    (
        Computed("date", str, lambda d: format_date(d.date), "The date"),
        Attribute("propertyValue", "property_value", DecimalNumber, "The property value"),
        Attribute("minPercent", "min_percent", DecimalNumber, "The minimum value percentage"),
    ),
)

PROPERTY_TAX_GROUP = Resource(
    name=TAX_GROUP_RESOURCE,
    model=PropertyTaxGroup,
    path="/v1/fixedAssetPropertyTaxGroup",
    tag="FixedAssetPropertyTaxGroup",
    label="Property tax group",
    key=RecordKey("propertyTaxID", PropertyTaxGroup.property_tax_id, "Property tax group"),
    key_param="PropertyTaxID",
    members=(
        Attribute("propertyTaxID", "property_tax_id", description="The property tax id of this property tax group"),
        Attribute("description", "description"),
        Attribute("active", "active", bool),
        Objects("details", PROPERTY_TAX_DETAIL, lambda group: group.details, "Fixed Asset Property Tax Details"),
        ERROR_INFO,
    ),
    texts=Texts(
        list="Get a range of Fixed Asset Property Tax Groups - Screen ID: FA209000",
        get="Get a specific Fixed Asset Property Tax Group - Screen ID: FA209000",
        key="The property tax group's id.",
    ),
    dto="FixedAssetPropertyTaxDto",
    operations=READ_ONLY,
    filters=(
        Equals("propertyTaxID", "property_tax_id", description="Property Tax ID that identifies the group."),
        Equals("active", "active", bool, "Set to True to select active fixed asset property tax groups."),
    ),
    load=(selectinload(PropertyTaxGroup.details),),
)


# --- assets -----------------------------------------------------------------------------------------------

DETAILS = Shape(
    "detailsInFixedAssetDto",
    (
        Attribute("propertyType", "property_type", PropertyType),
        Attribute("status", "status", AssetStatus),
        Computed("receiptDate", str, lambda a: format_date(a.receipt_date), "The date of the receipt"),
        Computed("depreciateFromDate", str, lambda a: format_date(a.depreciate_from_date), "Placed in service"),
        Attribute("acquisitionCost", "acquisition_cost", DecimalNumber),
        Attribute("salvageAmount", "salvage_amount", DecimalNumber),
        Attribute("billNumber", "bill_number"),
        Attribute("serialNumber", "serial_number"),
    ),
)
BOOK = Shape(
    "bookInBookBalanceDto",
    (
        Computed("bookID", str, lambda a: BOOK_ID, "The book id of this fixed asset"),
        Computed("description", str, lambda a: BOOK_DESCRIPTION, "The description of the book"),
    ),
)
BOOK_BALANCE = Shape(
    "bookBalanceInFixedAssetDto",
    (
        Computed("acquisitionCost", DecimalNumber, lambda a: figures(a).acquisition_cost),
        Computed("depreciationMethodID", str, lambda a: a.asset_class.depreciation_method_id),
        Computed("depreciationFromDate", str, lambda a: format_date(a.depreciate_from_date)),
        Computed("depreciationFromPeriod", str, lambda a: period_of(a.depreciate_from_date)),
        Computed("depreciationToPeriod", str, lambda a: figures(a).depreciation_to_period),
        Computed("lastDepreciationPeriod", str, lambda a: figures(a).last_depreciation_period),
        Attribute("salvageAmount", "salvage_amount", DecimalNumber),
        Computed("usefulLife", DecimalNumber, lambda a: _years(a.useful_life)),
        Nested("book", BOOK),
    ),
)
LOCATION = Shape(
    "locationInFixedAssetDto",
    (
        Computed("departmentID", str, lambda a: a.department and a.department.department_id),
        Computed("branchID", str, lambda a: a.branch and a.branch.branch_cd),
    ),
)
PROPERTY_TAX = Shape(
    "propertyTaxInFixedAssetDto",
    (Attribute("propertyTaxID", "property_tax_id"), Attribute("description", "description")),
)
ASSET_TYPE = Shape("typeInFixedAssetDto", (Attribute("assetTypeID", "asset_type_id"),))


@dataclass(frozen=True)
class Expanded(Nested):
    """An object a list shows only with `expandAccounts=true`, and a single GET only with `ExpandAccounts=true`."""

    when: str | None = EXPAND_ACCOUNTS


def _class_code(code: str) -> tuple[Any, ...]:
    return (FixedAsset.asset_class.has(FixedAssetClass.class_id == code),)


FIXED_ASSET = Resource(
    name=ASSET_RESOURCE,
    model=FixedAsset,
    path="/v1/fixedAsset",
    tag="FixedAsset",
    label="Fixed asset",
    key=RecordKey("assetID", FixedAsset.asset_id, "Fixed asset"),
    key_param="FixedAssetID",
    members=(
        Attribute("assetID", "asset_id", description="The id that identifies this fixed asset"),
        Computed("recordType", str, lambda a: "A", "The type of the record. This value is 'A' for fixed assets"),
        Attribute("description", "description"),
        Computed("classID", str, lambda a: a.asset_class.class_id),
        Attribute("isTangible", "is_tangible", bool),
        Attribute("quantity", "quantity", DecimalNumber),
        Attribute("depreciable", "depreciable", bool),
        Computed("usefulLife", DecimalNumber, lambda a: _years(a.useful_life), "Useful life in years"),
        Expanded("accounts", _class_accounts("accountsInFixedAssetDto"), lambda a: a.asset_class),
        Nested("details", DETAILS),
        Nested("bookBalance", BOOK_BALANCE),
        Nested("location", LOCATION, lambda a: a if a.branch or a.department else None),
        Nested("propertyTax", PROPERTY_TAX, lambda a: a.property_tax_group),
        Nested("type", ASSET_TYPE, lambda a: a.asset_class if a.asset_class.asset_type_id else None),
        LAST_MODIFIED,
        ERROR_INFO,
    ),
    texts=Texts(
        list="Get a range of Fixed Assets - Screen ID:FA303000",
        get="Get a specific Fixed Asset - Screen ID:FA303000",
        key="Identifies the fixed asset",
    ),
    dto="FixedAssetDto",
    operations=READ_ONLY,
    filters=(
        Equals("assetID", "asset_id", description="Fixed Asset ID that identifies the asset."),
        CodeOf("classID", _class_code, "View all fixed assets with this Fixed Asset Class ID."),
        Equals("status", "status", AssetStatus, "View all fixed assets with this Status."),
        DateBound("fromDate", "depreciate_from_date", True, "From 'Placed in service date' inclusive (YYYY-MM-DD)."),
        DateBound("toDate", "depreciate_from_date", False, "To 'Placed in service date' inclusive (YYYY-MM-DD)."),
        ModifiedSince(),
        Flag(EXPAND_ACCOUNTS, _EXPAND),
    ),
    get_filters=(Shows("ExpandAccounts", EXPAND_ACCOUNTS, bool, _EXPAND),),
    load=(selectinload(FixedAsset.transactions),),
)


# --- transactions -----------------------------------------------------------------------------------------

TRANSACTION_ACCOUNTS = Shape(
    "accountsInFixedAssetTransactionDto",
    (
        Computed("debitAccountID", str, lambda t: _account(t.debit_account)),
        Computed("debitSubAccountID", str, lambda t: _subaccount(t.debit_subaccount)),
        Computed("creditAccountID", str, lambda t: _account(t.credit_account)),
        Computed("creditSubAccountID", str, lambda t: _subaccount(t.credit_subaccount)),
    ),
)
REGISTER = Shape(
    "registerInFixedAssetTransactionDto",
    (
        Computed("documentDate", str, lambda t: format_date(t.transaction_date)),
        Attribute("status", "status", RegisterStatus),
        Computed("hold", bool, lambda t: False),
    ),
)


def _asset_code(code: str) -> tuple[Any, ...]:
    return (FixedAssetTransaction.asset.has(FixedAsset.asset_id == code),)


def _account_code(code: str) -> tuple[Any, ...]:
    return (
        FixedAssetTransaction.debit_account.has(Account.account_cd == code),
        FixedAssetTransaction.credit_account.has(Account.account_cd == code),
    )


def _subaccount_code(code: str) -> tuple[Any, ...]:
    return (
        FixedAssetTransaction.debit_subaccount.has(Subaccount.subaccount_cd == code),
        FixedAssetTransaction.credit_subaccount.has(Subaccount.subaccount_cd == code),
    )


FIXED_ASSET_TRANSACTION = Resource(
    name=TRANSACTION_RESOURCE,
    model=FixedAssetTransaction,
    path="/v1/fixedAssetTransaction",
    tag="FixedAssetTransaction",
    label="Fixed asset transaction",
    key=RecordKey("refNo", FixedAssetTransaction.ref_no, "Fixed asset transaction"),
    key_param="RefNo",
    members=(
        Attribute("refNo", "ref_no", description="The reference number of this fixed asset transaction's register"),
        Attribute("lineNo", "line_no", int),
        Computed("branchID", str, lambda t: t.branch and t.branch.branch_cd),
        Attribute("origin", "origin", Origin),
        Computed("assetID", str, lambda t: t.asset.asset_id),
        Attribute("transactionDescription", "description"),
        Attribute("bookID", "book_id"),
        Attribute("transactionType", "transaction_type", TransactionType),
        Nested("accounts", TRANSACTION_ACCOUNTS),
        Attribute("transactionAmount", "amount", DecimalNumber),
        Computed("batchNo", str, lambda t: t.batch and t.batch.batch_number),
        Attribute("transactionPeriodID", "period_id"),
        Computed("transactionDate", str, lambda t: format_date(t.transaction_date)),
        Nested("register", REGISTER),
        LAST_MODIFIED,
        ERROR_INFO,
    ),
    texts=Texts(
        list="Get a range of transactions - Screen ID:FA301000",
        get="Get transactions for a specific Asset - Screen ID:FA301000",
        key="Identifies the fixed asset by reference number",
    ),
    dto="FixedAssetTransactionDto",
    operations=frozenset({"list"}),
    filters=(
        Equals("refNo", "ref_no", description="View all transactions connected to this Reference number."),
        CodeOf("assetID", _asset_code, "View all transactions connected to this Asset ID."),
        Equals("bookID", "book_id", description="View all transactions in this Book ID."),
        PeriodBound("fromPeriod", "period_id", True, "View all transactions from and including this Period (YYYYMM)."),
        PeriodBound("toPeriod", "period_id", False, "View all transactions to and including this Period (YYYYMM)."),
        CodeOf("accountID", _account_code, "View all transactions for this Account ID (debited or credited)."),
        CodeOf("subAccountID", _subaccount_code, "View all transactions for this Sub Account ID."),
        Equals("status", "status", RegisterStatus, "View all transactions with this Status."),
        Equals("transactionType", "transaction_type", TransactionType, "View all transactions of this type."),
        DateBound("transactionFromDate", "transaction_date", True, "From this Transaction Date (YYYY-MM-DD)."),
        DateBound("transactionToDate", "transaction_date", False, "To this Transaction Date (YYYY-MM-DD)."),
        ModifiedSince(),
    ),
)
