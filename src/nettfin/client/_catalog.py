"""Every resource the clients serve, one line each.

`client.customers` is the resource the line `customers = declare(...)` below makes: a `Resource` on a `Client`,
an `AsyncResource` on an `AsyncClient`, typed by its model for editors and type checkers. `RESOURCES`, which the
CLI and `find_spec` read, is collected from these lines: adding a resource to the SDK and the CLI is adding one.

`declare(path, key, model, operations, **options)`: `operations` defaults to "list get"; the options are those
of `ResourceSpec` (`paged`, `item`, `actions`, `create`, `attachment`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from . import models
from ._errors import NettfinError
from ._resources import ResourceSpec

if TYPE_CHECKING:
    from ._client import AsyncClient, Client
    from ._resources import AsyncResource, Resource

T = TypeVar("T")


class Declared(Generic[T]):
    """A resource declared on the clients; reading it from a client gives (and keeps) the client's resource."""

    def __init__(self, path: str, key: str, model: type[T] | None, operations: str, options: dict[str, Any]) -> None:
        self._args = (path, key, model, frozenset(operations.split()))
        self._options = options
        self.spec: ResourceSpec

    def __set_name__(self, owner: type, name: str) -> None:
        self.spec = ResourceSpec(name, *self._args, **self._options)

    @overload
    def __get__(self, client: None, owner: type) -> Declared[T]: ...
    @overload
    def __get__(self, client: Client, owner: type) -> Resource[T]: ...
    @overload
    def __get__(self, client: AsyncClient, owner: type) -> AsyncResource[T]: ...

    def __get__(self, client: Any, owner: type) -> Any:
        if client is None:
            return self
        made = client._resource_type(client, self.spec)
        client.__dict__[self.spec.name] = made  # later reads find it without the descriptor
        return made


def declare(path: str, key: str, model: type[T] | None, operations: str = "list get", **options: Any) -> Declared[T]:
    return Declared(path, key, model, operations, options)


class Catalog:
    """The resources, as attributes of both clients (they inherit this class)."""

    customers = declare("v1/customer", "number", models.Customer, "list get create update")
    customer_classes = declare("v1/customer/customerClass", "id", models.CustomerClass, paged=False)
    suppliers = declare("v1/supplier", "number", models.Supplier, "list get create update")
    supplier_classes = declare("v1/supplier/supplierClass", "id", models.SupplierClass, paged=False)
    supplier_balances = declare(
        "v1/supplier/balance", "supplier.number", models.SupplierBalance, item="v1/supplier/{key}/balance", paged=False
    )
    supplier_po_balances = declare(
        "v1/supplier/POBalance",
        "supplier.number",
        models.SupplierPOBalance,
        item="v1/supplier/{key}/POBalance",
        paged=False,
    )
    # A location's key is (supplier number, location id): `get(("50000", "MAIN"))`.
    supplier_locations = declare(
        "v1/supplierlocation", "baccount.number locationId", models.SupplierLocation, "list get create update"
    )
    # CRM. Contacts and locations are customers' and suppliers' alike; a location's key is (business account
    # number, location id), a customer payment method's (customer number, payment method id).
    contacts = declare("v1/contact", "contactId", models.AccountContact, "list get create update", paged=False)
    locations = declare("v1/location", "baccount.number locationId", models.AccountLocation, "list get create update")
    customer_payment_methods = declare(
        "v1/customerpaymentmethod", "customer.id paymentMethod.id", models.CustomerPaymentMethod, "get create update"
    )
    salespersons = declare(
        "v1/salesperson", "salespersonID", models.SalesPerson, "list get create update", envelope="records", paged=False
    )
    sales_categories = declare("v1/salescategory", "categoryID", models.SalesCategory, paged=False)
    supplier_documents = declare("v1/supplierdocument", "referenceNumber", models.SupplierDocument, "list")
    inventory_items = declare("v1/inventory", "inventoryNumber", models.InventoryItem, "list get create update")
    item_classes = declare("v1/inventory/itemClass", "id", models.ItemClass, item="v1/inventory/itemclass/{key}")
    item_posting_classes = declare("v1/inventory/itemPostClass", "id", models.PostingClass, "list")
    warehouses = declare("v1/warehouse", "warehouseID", models.Warehouse)
    lot_serial_classes = declare("v1/lotserialclass", "id", models.LotSerialClass)
    landed_cost_codes = declare("v1/landedCostCode", "landedCostCodeId", models.LandedCostCode)
    carriers = declare("v1/carrier", "carrierId", models.Carrier)
    packaging_types = declare("v1/packagingType", "boxId", models.PackagingType)
    employees = declare("v1/employee", "employeeNumber", models.Employee, "list get create update")
    departments = declare("v1/department", "departmentId", models.Department, "list get create update", paged=False)
    accounts = declare("v1/account", "accountCD", models.Account, "list get create update", paged=False)
    cash_accounts = declare("v1/cashaccount", "number", models.CashAccount, paged=False)
    financial_periods = declare("v1/financialPeriod", "period", models.FinancialPeriod, paged=False)
    dimensions = declare("v1/dimension", "id", models.Dimension, paged=False)
    # A segment's key is (dimension id, segment id); its PUT adds, changes and deletes segment values.
    dimension_segments = declare("v1/dimension", "segmentId", models.Segment, "get update")
    subaccounts = declare("v1/subaccount", "subaccountNumber", models.Subaccount, "list get create update")
    # update: a VAT report's note, keyed (vendorCd, taxPeriodId, revisionId), or with a lineNumber a line's.
    vat_ids = declare("v1/vat", "vatId", models.VatId, "list get update", paged=False)
    vat_categories = declare("v1/vatCategory", "vatCategoryId", models.VatCategory, paged=False)
    vat_zones = declare("v1/vatZone", "id", models.VatZone)
    # Reference lists: countries are paged with metadata, credit terms in a `records` envelope, the features
    # set is one object holding the list.
    countries = declare("v1/country", "id", models.Country)
    credit_terms = declare("v1/creditTerm", "termsId", models.CreditTerm, "list", envelope="records")
    units_of_measure = declare("v1/unitofmeasure", "fromUnit", models.UnitOfMeasure, "list", paged=False)
    ledgers = declare("v1/ledger", "number", models.Ledger, "list", paged=False)
    # A budget article has no key of its own: its PUT (update(None, ...)) names it by the body's members.
    budgets = declare("v1/budget", "account.number", models.Budget, "list create update", item="v1/budget", paged=False)
    deferral_codes = declare("v1/deferralCode", "deferralCode", models.DeferralCode)
    features = declare("v1/featuresset", "name", models.Feature, "list", paged=False, envelope="features")
    payment_methods = declare("v1/paymentmethod", "paymentMethodID", models.PaymentMethod, paged=False)
    number_sequences = declare("v1/numberSequence", "numberingId", models.Numbering, paged=False)
    currencies = declare("v1/currency", "id", models.Currency, paged=False)
    currency_rate_types = declare("v2/currencyratetype", "id", models.CurrencyRateType, "list create", paged=False)
    currency_rates = declare("v2/currencyrate", "id", models.CurrencyRate, "list create update", paged=False)
    # Prices and discounts: a price's key is its recordId; a discount series' is (discountCode, series), its list
    # and the discount codes' in a `records` envelope.
    customer_sales_prices = declare(
        "v1/customerSalesPrice", "recordId", models.CustomerSalesPrice, "list get create update"
    )
    discount_codes = declare("v1/discountCode", "discountCode", models.DiscountCode, "list", envelope="records")
    discounts = declare(
        "v1/discount",
        "discountCode series",
        models.Discount,
        "list create update delete",
        envelope="records",
        actions=("updateDiscounts",),
    )
    branches = declare("v1/branch", "number", models.Branch, paged=False)
    organizations = declare("v1/organization", "organizationCd", models.Organization, paged=False)
    attributes = declare("v1/attribute", "attributeID", models.AttributeDefinition, "list get create update delete")
    languages = declare("v1/multilanguage/languages", "languageISO", models.Language, "list", paged=False)
    ui_extension_screens = declare(
        "v1/uiExtension/availableScreens", "screenId", models.UiExtensionScreen, "list", paged=False
    )
    fixed_asset_classes = declare("v1/fixedAssetClass", "classID", models.FixedAssetClass)
    fixed_asset_property_tax_groups = declare(
        "v1/fixedAssetPropertyTaxGroup", "propertyTaxID", models.FixedAssetPropertyTaxGroup
    )
    fixed_assets = declare("v1/fixedAsset", "assetID", models.FixedAsset)
    # A register's GET by its reference number answers with its lines: list them with `refNo` instead.
    fixed_asset_transactions = declare("v1/fixedAssetTransaction", "refNo", models.FixedAssetTransaction, "list")
    # Documents. A key may be (documentType, number) where the service has both routes.
    supplier_invoices = declare(
        "v1/supplierInvoice",
        "referenceNumber",
        models.SupplierInvoice,
        "list get create update delete",
        # prebook, reverse, sendtoapproval and writeoff take a (documentType, number) key; correct a number.
        actions=("release", "voidinvoice", "prebook", "reverse", "correct", "sendtoapproval", "writeoff"),
        attachment="v1/supplierInvoice/documentType/{key}",
    )
    supplier_payments = declare(
        "v1/supplierPayment",
        "refNbr",
        models.SupplierPayment,
        "list get create update",
        actions=("release", "writeoff"),  # writeoff takes a (paymentType, number) key
    )
    customer_invoices = declare(
        "v1/customerinvoice",
        "referenceNumber",
        models.CustomerInvoice,
        "list get create update delete",
        actions=("release", "reverse", "reverseandapplytonote", "correct", "sendToAutoInvoice"),
        create="v2/customerinvoice",  # v1's POST is deprecated by the service since May 2021
    )
    customer_credit_notes = declare(
        "v1/customerCreditNote",
        "referenceNumber",
        models.CustomerNote,
        "list get create update delete",
        actions=("release", "sendToAutoInvoice"),
    )
    customer_debit_notes = declare(
        "v1/customerDebitNote",
        "referenceNumber",
        models.CustomerNote,
        "list get create update",
        actions=("release", "sendToAutoInvoice"),
    )
    # The deprecated credit note endpoint: the same credit notes with `invoiceLines`.
    credit_notes = declare(
        "v1/creditNote", "referenceNumber", models.CreditNote, "list get create update", actions=("release",)
    )
    customer_documents = declare("v1/customerdocument", "referenceNumber", models.CustomerLedgerRow, "list")
    customer_credit_write_offs = declare(
        "v1/customerCreditWriteOff", "referenceNumber", models.CustomerCreditWriteOff, "list get"
    )
    cash_sales = declare("v1/cashsale", "referenceNumber", models.CashSale, "list get create update")
    # Made by the overdue charge calculation (`nettfin admin overdue-charges calculate`), not through the API.
    customer_overdue_charges = declare(
        "v1/customerOverdueCharge", "referenceNumber", models.CustomerNote, "list get update", actions=("release",)
    )
    customer_payments = declare(
        "v1/customerPayment", "refNbr", models.CustomerPayment, "list get create update", actions=("release", "void")
    )
    customer_balances = declare(
        "v1/customer/balance", "customer.number", models.CustomerBalance, item="v1/customer/{key}/balance", paged=False
    )
    customer_balances_v2 = declare("v2/customer/balance", "customer.number", models.CustomerBalanceV2, "list")
    customer_contracts = declare(
        "v1/customerContract",
        "contractId",
        models.CustomerContract,
        "list get create update",
        actions=(
            "setupContract",
            "activateContract",
            "setupAndActivateContract",
            "terminateContract",
            "upgradeContract",
            "activateUpgrade",
        ),
        paged=False,
    )
    contract_templates = declare("v1/contractTemplate", "id", models.ContractTemplate, "list", paged=False)
    contract_usage = declare("v1/contractUsage", "contract", models.ContractUsage, "list get update", paged=False)
    purchase_orders = declare("v1/purchaseorder", "orderNbr", models.PurchaseOrder, "list get create update")
    purchase_order_basics = declare(
        "v1/purchaseorderbasic", "orderNbr", models.PurchaseOrderBasic, "list get create update"
    )
    sales_order_types = declare("v1/salesordertype", "orderType", models.SalesOrderType)
    sales_orders = declare("v1/salesorder", "orderNo", models.SalesOrder, "list get create update")
    sales_order_basics = declare("v1/salesorderbasic", "orderNo", models.SalesOrderBasic, "list get create update")
    stocktakes = declare("v2/stocktake", "referenceNbr", models.Stocktake, "list get update")
    shipments = declare(
        "v1/shipment",
        "shipmentNumber",
        models.Shipment,
        "list get create update",
        actions=("confirmShipment", "correctShipment", "cancelShipment", "addSOOrder", "addSOLine", "addLine"),
    )
    purchase_receipts = declare(
        "v1/PurchaseReceipt", "receiptNbr", models.PurchaseReceipt, "list get create update", actions=("release",)
    )
    projects = declare("v1/project", "projectID", models.Project, "list get create update")
    project_basics = declare("v1/projectbasic", "projectID", models.ProjectBasic, "list")
    project_tasks = declare("v1/projecttask", "internalId", models.ProjectTask, paged=False)
    project_account_groups = declare("v1/projectaccountgroup", "accountGroupId", models.ProjectAccountGroup)
    project_budgets = declare("v1/projectbudget", "projectID", models.ProjectBudget, "list create")
    project_transactions = declare("v1/projecttransaction", "refNbr", models.ProjectTransaction, paged=False)
    time_cards = declare(
        "v1/timeCard",
        "refNbr",
        models.TimeCard,
        "list get create update",
        paged=False,
        actions=("submit", "approval", "hold"),
    )
    earning_types = declare("v1/earningtype", "code", models.EarningType, paged=False)
    expense_claims = declare(
        "v1/expenseClaim",
        "refNbr",
        models.ExpenseClaim,
        "list get create update delete",
        actions=("submit", "approval", "hold"),
    )
    expense_receipts = declare(
        "v1/expenseReceipt", "receiptId", models.ExpenseReceipt, "list get create update delete", paged=False
    )
    journal_transactions = declare(
        "v2/journaltransaction",
        "batchNumber",
        models.JournalTransaction,
        "list get create update",
        actions=("release",),
        attachment="v2/journaltransaction/module/{key}",  # key (module, number)
    )
    cash_transactions = declare(
        "v1/cashTransaction",
        "referenceNbr",
        models.CashTransaction,
        "list get create update",
        actions=("release", "reverse"),
    )
    # Kits: lists in `records` envelopes; one specification is named (kitInventoryID, revision), one assembly
    # (type, refNo), which the SDK's single-key reads do not address: read them from the lists' filters.
    kit_specifications = declare(
        "v1/KitSpecifications", "kitInventoryID", models.KitSpecification, "list", envelope="records"
    )
    kit_assemblies = declare("v1/kitassembly", "refNo", models.KitAssembly, "list", envelope="records")
    inventory_receipts = declare(
        "v1/inventoryReceipt",
        "referenceNumber",
        models.InventoryReceipt,
        "list get create update",
        actions=("release",),
    )
    inventory_issues = declare(
        "v1/inventoryissue", "referenceNumber", models.InventoryIssue, "list get create update", actions=("release",)
    )
    inventory_adjustments = declare(
        "v1/inventoryadjustment",
        "referenceNumber",
        models.InventoryAdjustment,
        "list get create update",
        actions=("release",),
    )
    inventory_transfers = declare(
        "v1/inventoryTransfer",
        "referenceNumber",
        models.InventoryTransfer,
        "list get create update",
        actions=("release",),
    )
    general_ledger_balances = declare("v1/generalLedgerBalance", "account.number", models.GeneralLedgerBalance, "list")
    general_ledger_balances_v2 = declare(
        "v2/generalLedgerBalance", "account.number", models.GeneralLedgerBalanceV2, "list"
    )
    general_ledger_transactions = declare(
        "v1/GeneralLedgerTransactions", "batchNumber", models.GeneralLedgerTransaction, "list"
    )


RESOURCES: tuple[ResourceSpec, ...] = tuple(
    value.spec for value in vars(Catalog).values() if isinstance(value, Declared)
)


def _folded(text: str) -> str:
    return re.sub(r"[\s_\-/]", "", text).lower()


def _names(spec: ResourceSpec) -> tuple[set[str], set[str]]:
    """(its names, its paths), folded: `vatzones`, `vatzone`; `vatzone`, `v1vatzone`, the last segment."""
    name, path = _folded(spec.name), _folded(spec.path.split("/", 1)[-1])
    last = _folded(spec.path.rsplit("/", 1)[-1])
    return {name, name.removesuffix("s"), name.removesuffix("es")}, {path, _folded(spec.path), last}


def find_spec(name: str) -> ResourceSpec:
    """A resource by its attribute name (`vat_zones`, `vat-zones`, `vat-zone`) or path (`vatZone`, `v1/vatZone`);
    a name wins over a path, and a path that fits several resources (`balance`) is refused as ambiguous."""
    wanted = _folded(name)
    by_name = [spec for spec in RESOURCES if wanted in _names(spec)[0]]
    by_path = [spec for spec in RESOURCES if wanted in _names(spec)[1]]
    if by_name or len(by_path) == 1:
        return (by_name or by_path)[0]
    if by_path:
        choices = ", ".join(spec.name for spec in by_path)
        raise NettfinError(f"{name!r} could be any of {choices}; name one")
    known = ", ".join(spec.name for spec in RESOURCES)
    raise NettfinError(f"unknown resource {name!r}; the resources are: {known}")
