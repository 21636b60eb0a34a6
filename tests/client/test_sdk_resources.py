"""Every resource in the SDK's table against the real app (both databases), and the SDK's typed read models
against the REAL OpenAPI documents in shared/reference/visma-openapi: each member a model declares must be a
member of the real component, with a compatible type; what the app answers, as the SDK parsed it (exact
Decimals), must validate against the real component."""

from __future__ import annotations

import inspect
import typing
from datetime import date, datetime
from decimal import Decimal
from types import NoneType, UnionType

import pytest

from nettfin.client import RESOURCES, AsyncClient, AsyncResource, Client, Record, Resource, ResourceSpec, models
from nettfin.client._catalog import Catalog, Declared
from nettfin.client.models import Shape
from nettfin.server.assets.service import (
    Acquisition,
    ClassAccounts,
    acquire,
    add_class,
    add_property_tax_group,
    depreciate,
)
from nettfin.server.attributes.models import Attribute
from nettfin.server.crm.contacts import enter_contact
from nettfin.server.crm.payment_methods import enter_payment_method
from nettfin.server.crm.sales_categories import add_category
from nettfin.server.crm.salespersons import enter_salesperson
from nettfin.server.currencies.service import add_currency, add_rate, add_rate_type
from nettfin.server.inventory.models import LandedCostCode, LotSerialClass
from nettfin.server.ledger.models import DeferralCode
from nettfin.server.payables.models import SupplierClass
from nettfin.server.projects.service import add_account_group
from nettfin.server.receivables.models import CustomerClass
from nettfin.server.shipping.models import Carrier, PackagingType
from nettfin.server.terms.models import CreditTerms, PaymentMethod
from nettfin.server.timecards.earnings import ensure_earning_types
from tests.factories import insert_customers
from tests.ledger_factories import add_dimension, add_vat_setup, add_years, insert_accounts, insert_subaccounts
from tests.party_factories import (
    add_employee_reference_data,
    add_inventory_reference_data,
    contract_problems,
    insert_employees,
    insert_items,
    insert_suppliers,
    schemas,
)
from tests.pricing_factories import add_pricing_records
from tests.project_factories import add_project
from tests.sdk_helpers import sdk_client
from tests.test_visma_contract import definitions
from tests.test_visma_contract import problems as legacy_problems

# The 2016 legacy swagger: the only public document of customer payments and general ledger balances.
LEGACY = "2016"
# Each resource's read DTO: (document in visma-openapi/, or LEGACY; component).
CONTRACT = {
    "customers": ("customer", "CustomerDto"),
    "customer_classes": ("customer", "CustomerClassDto"),
    "suppliers": ("supplier", "SupplierDto"),
    "supplier_classes": ("supplier", "SupplierClassDto"),
    "supplier_balances": ("supplier", "SupplierBalanceDto"),
    "supplier_po_balances": ("supplier", "SupplierPOBalanceDto"),
    "supplier_locations": ("supplierlocation", "SupplierLocationDto"),
    "supplier_documents": ("supplierdocument", "SupplierDocumentDto"),
    "contacts": ("contact", "ContactDto"),
    "locations": ("location", "LocationDto"),
    "customer_payment_methods": ("customerpaymentmethod", "CustomerPaymentMethodDto"),
    "salespersons": ("salesperson", "SalesPersonDto"),
    "sales_categories": ("salescategory", "SalesCategoryDto"),
    "inventory_items": ("inventory", "InventoryDto"),
    "item_classes": ("inventory", "ItemClassDto"),
    "item_posting_classes": ("inventory", "PostingClassDto"),
    "warehouses": ("warehouse", "WarehouseDto"),
    "customer_sales_prices": ("customersalesprice", "CustomerSalesPriceDto"),
    "discount_codes": ("discount-code", "DiscountCodeDto"),
    "discounts": ("discount", "DiscountDto"),
    "lot_serial_classes": ("lotserialclass", "LotSerialClassDto"),
    "landed_cost_codes": ("landedcostcode", "LandedCostCodeDto"),
    "carriers": ("carrier", "CarrierDto"),
    "packaging_types": ("packagingtype", "PackagingTypeDto"),
    "employees": ("employee", "EmployeeDto"),
    "departments": ("department", "DepartmentDto"),
    "accounts": ("account", "AccountDto"),
    "cash_accounts": ("cashaccount", "CashAccountDto"),
    "financial_periods": ("financialperiod", "FinancialPeriodDto"),
    "dimensions": ("dimension", "DtoDimension"),
    "dimension_segments": ("dimension", "DtoSegment"),
    "subaccounts": ("sub-account", "SubAccountDto"),
    "vat_ids": ("vat", "VatInformationDto"),
    "vat_categories": ("vatcategory", "VatCategoryDto"),
    "vat_zones": ("vatzone", "VatZoneDto"),
    "currencies": ("currency", "CurrencyDto"),
    "currency_rate_types": ("currencyratetype", "CurrencyRateTypeDto"),
    "currency_rates": ("currencyrate", "CurrencyRateDto"),
    "branches": ("branch", "BranchDto"),
    "organizations": ("organization", "ExtendedOrganizationDto"),
    "fixed_asset_classes": ("fixedassetclass", "FixedAssetClassDto"),
    "fixed_asset_property_tax_groups": ("fixedassetpropertytaxgroup", "FixedAssetPropertyTaxDto"),
    "fixed_assets": ("fixedasset", "FixedAssetDto"),
    "fixed_asset_transactions": ("fixedassettransaction", "FixedAssetTransactionDto"),
    "supplier_invoices": ("supplierinvoice", "SupplierInvoiceDto"),
    "supplier_payments": ("supplierpayment", "SupplierPaymentDto"),
    "customer_invoices": ("customerinvoice", "CustomerInvoiceDto"),
    "customer_credit_notes": ("customercreditnote", "CustomerCreditNoteDto"),
    "customer_debit_notes": ("customerdebitnote", "CustomerDebitNoteDto"),
    "credit_notes": ("credit-note", "CreditNoteDto"),
    "customer_documents": ("customerdocument", "CustomerDocumentDto"),
    "customer_credit_write_offs": ("customercreditwriteoff", "CustomerCreditWriteOffDto"),
    "customer_payments": (LEGACY, "PaymentDto"),
    "customer_balances": ("customer", "CustomerBalanceDto"),
    "customer_balances_v2": ("customerv2", "CustomerBalanceV2Dto"),
    "cash_sales": ("cashsale", "CashSaleDto"),
    "customer_overdue_charges": ("customeroverduecharge", "CustomerOverdueChargeDto"),
    "customer_contracts": ("customer-contract", "CustomerContractDto"),
    "contract_templates": ("contracttemplate", "ContractTemplateDto"),
    "contract_usage": ("contractusage", "ContractUsageDto"),
    "purchase_orders": ("purchase-order", "PurchaseOrderDto"),
    "purchase_order_basics": ("purchaseorderbasic", "PurchaseOrderBasicDto"),
    "sales_order_types": ("salesordertype", "SalesOrderTypeDto"),
    "sales_orders": ("sales-order", "SalesOrderDto"),
    "sales_order_basics": ("salesorderbasic", "SalesOrderBasicDto"),
    "stocktakes": ("stocktakev2", "StocktakeV2Dto"),
    "purchase_receipts": ("purchasereceipt", "PurchaseReceiptDto"),
    "shipments": ("shipment", "ShipmentDto"),
    "time_cards": ("time-card", "TimeCardDto"),
    "earning_types": ("earningtype", "EarningTypeDto"),
    "expense_claims": ("expenseclaim", "ExpenseClaimDto"),
    "expense_receipts": ("expensereceipt", "ExpenseReceiptDto"),
    "projects": ("project", "ProjectDto"),
    "project_basics": ("projectbasic", "ProjectBasicDto"),
    "project_tasks": ("projecttask", "TaskExtendedDto"),
    "project_account_groups": ("projectaccountgroup", "ProjectAccountGroupDto"),
    "project_budgets": ("projectbudget", "ProjectBudgetDto"),
    "project_transactions": ("projecttransaction", "ProjectTransactionDocumentDto"),
    "journal_transactions": ("journaltransactionv2", "JournalTransactionDto"),
    "general_ledger_balances": (LEGACY, "GeneralLedgerBalanceDto"),
    "countries": ("country", "CountryDto"),
    "credit_terms": ("creditterm", "CreditTermDto"),
    "units_of_measure": ("unit-of-measure", "UnitOfMeasureDto"),
    "ledgers": ("ledger", "LedgerDto"),
    "budgets": ("budget", "BudgetDto"),
    "deferral_codes": ("deferralcode", "DeferralCodeDto"),
    "cash_transactions": ("cashtransaction", "CashTransactionDto"),
    "kit_specifications": ("kitspecifications", "KitSpecificationDto"),
    "kit_assemblies": ("kitassembly", "KitAssemblyDto"),
    "inventory_receipts": ("inventory-receipt", "InventoryReceiptDto"),
    "inventory_issues": ("inventoryissue", "InventoryIssueDto"),
    "inventory_adjustments": ("inventoryadjustment", "InventoryAdjustmentDto"),
    "inventory_transfers": ("inventorytransfer", "InventoryTransferDto"),
    "features": ("featuresset", "FeatureDto"),
    "attributes": ("attribute", "AttributeDto"),
    "languages": ("multi-language", "ActiveMultilanguageDto"),
    "ui_extension_screens": ("uiextension", "UiExtensionScreenDto"),
    "payment_methods": ("payment-method", "PaymentMethodDto"),
    "number_sequences": ("numbersequence", "NumberingDto"),
    "general_ledger_balances_v2": ("generalledgerbalancev2", "GeneralLedgerBalanceDto"),
    "general_ledger_transactions": ("generalledgertransactions", "GeneralLedgerTransactionDetailsDto"),
}
# Documents the `company` fixture holds none of (test_sdk_documents creates them); their lists may be empty.
DOCUMENTS = {
    "supplier_invoices",
    "supplier_payments",
    "supplier_documents",
    "customer_invoices",
    "customer_credit_notes",
    "customer_debit_notes",
    "credit_notes",
    "customer_documents",
    "customer_credit_write_offs",
    "customer_payments",
    "customer_balances",
    "customer_balances_v2",
    "cash_sales",
    "customer_overdue_charges",
    "customer_contracts",
    "contract_templates",
    "contract_usage",
    "purchase_orders",
    "purchase_order_basics",
    "sales_orders",
    "sales_order_basics",
    "stocktakes",
    "purchase_receipts",
    "shipments",
    "time_cards",
    "expense_claims",
    "expense_receipts",
    "project_budgets",
    "project_transactions",
    "journal_transactions",
    "general_ledger_balances",
    "general_ledger_balances_v2",
    "general_ledger_transactions",
    "cash_transactions",
    "inventory_receipts",
    "inventory_issues",
    "inventory_adjustments",
    "inventory_transfers",
    "budgets",
    "kit_specifications",
    "kit_assemblies",
}
SPECS = {spec.name: spec for spec in RESOURCES}
# Lists paged over their lines (docs/compatibility.md): `totalCount` counts lines, and a batch whose lines straddle
# two pages is on both. The company's fixed assets posted batches of two and more lines.
LINE_PAGED = {"journal_transactions"}
# Lists the service refuses without a filter ("a filter needs to be specified").
REQUIRED_FILTERS = {
    "time_cards": {"lastModifiedDateTime": (">=", datetime(2000, 1, 1))},
    "journal_transactions": {"lastModifiedDateTime": (">=", datetime(2000, 1, 1))},
    "general_ledger_transactions": {"ledger": "ACTUAL"},
    "general_ledger_balances_v2": {"periodId": "202401"},
    "customer_balances_v2": {"fromFinPeriod": "202401", "toFinPeriod": "202412"},
    "budgets": {"branch": "1", "ledger": "BUDGET", "financialYear": "2024"},
}
# A key per resource that only lists (or whose list does not hold its records).
KEYS = {
    "dimensions": "SUBACCOUNT",
    "dimension_segments": ("SUBACCOUNT", 1),
    "supplier_locations": ("S00001", "MAIN"),
    "customer_payment_methods": ("C00001", "BANK"),
}


@pytest.fixture
def company(tenant):
    """A company with at least one record of every resource in the SDK's table."""
    add_vat_setup(tenant)
    insert_customers(tenant, 3)
    insert_suppliers(tenant, 2)
    add_inventory_reference_data(tenant)
    insert_items(tenant, 2)
    add_employee_reference_data(tenant)
    insert_employees(tenant, 2)
    insert_accounts(tenant, "1000", "3000")
    insert_accounts(tenant, "1920", cash_account=True)
    add_years(tenant, 2024)
    add_dimension(tenant)
    insert_subaccounts(tenant, "00-000", "10-100")
    with tenant.database.writing() as session:
        session.add(CustomerClass(company_id=tenant.company_id, class_id="1", description="Innenlands"))
        session.add(SupplierClass(company_id=tenant.company_id, class_id="1", description="Leverandører"))
        session.add_all(
            CreditTerms(company_id=tenant.company_id, terms_id=days, description=f"{days} dager", due_days=int(days))
            for days in ("14", "30", "60")
        )
        session.add(PaymentMethod(company_id=tenant.company_id, payment_method_id="BANK", description="Bank"))
        add_crm_records(session, tenant.company_id)
        session.add(LotSerialClass(company_id=tenant.company_id, class_cd="LOT", tracking_method="LotNumbered"))
        session.add(LandedCostCode(company_id=tenant.company_id, code="FREIGHT", description="Freight"))
        session.add(Carrier(company_id=tenant.company_id, code="POSTEN", description="Posten"))
        session.add(
            PackagingType(company_id=tenant.company_id, box_id="SMALL", description="Small box", weight_uom="KG")
        )
        session.add(Attribute(company_id=tenant.company_id, attribute_id="COLOR", description="Colour"))
        session.add(
            DeferralCode(
                company_id=tenant.company_id,
                deferral_code_cd="FORSKUDD",
                description="Forskuddsbetalte kostnader",
                code_type="Expense",
                recognition_method="EvenPeriods",
            )
        )
        add_currency(session, tenant.company_id, "EUR")
        add_rate_type(session, tenant.company_id, "SPOT", "Spot rate")
        add_rate(session, tenant.company_id, "EUR", "NOK", "SPOT", date(2024, 1, 1), Decimal("11.5"))
        ensure_earning_types(session, company_id=tenant.company_id)
        add_account_group(session, tenant.company_id, "INCOME", "Inntekter", "Income", ["3000"])
    add_fixed_assets(tenant)
    add_project(tenant, "PRJ1", "T1", "T2")
    add_project(tenant, "PRJ2", "T1")
    add_pricing_records(tenant)
    return tenant


def add_crm_records(session, company_id: int) -> None:
    """A contact and a payment method of customer C00001, a sales person serving it, a sales category."""
    session.flush()
    enter_contact(session, company_id, {"businessAccount": "C00001", "lastName": "Lie", "email": "lie@kunde.example"})
    enter_payment_method(session, company_id, {"customerId": "C00001", "paymentMethodId": "BANK"})
    enter_salesperson(
        session, company_id, {"salespersonID": "SP01", "name": "Siri", "customers": [{"customerID": "C00001"}]}
    )
    add_category(session, company_id, category_id=10, description="Lamper")


def add_fixed_assets(tenant) -> None:
    """Two classes, a property tax group and three assets, one period depreciated."""
    insert_accounts(tenant, "1200", "1209")
    insert_accounts(tenant, "2990", type="Liability")
    insert_accounts(tenant, "6000", type="Expense")
    accounts = ClassAccounts("1200", "2990", "1209", "6000")
    with tenant.database.writing() as session:
        for class_id, years in (("MASKIN", 5), ("KONTOR", 3)):
            add_class(
                session,
                tenant.company_id,
                class_id=class_id,
                description=class_id,
                useful_life=Decimal(years),
                accounts=accounts,
            )
        details = [(date(2024, 1, 1), Decimal(1000000), Decimal(70))]
        add_property_tax_group(
            session, tenant.company_id, property_tax_id="EIENDOM", description="Eiendom", details=details
        )
        for number, class_id in (("FA1", "MASKIN"), ("FA2", "KONTOR"), ("FA3", "KONTOR")):
            acquisition = Acquisition(
                number, class_id, number, Decimal(36000), date(2024, 1, 10), property_tax_group="EIENDOM"
            )
            acquire(session, tenant.company_id, acquisition)
        depreciate(session, tenant.company_id, "202401")


def test_every_resource_in_the_catalog_has_its_real_read_dto_and_client_attribute():
    assert set(SPECS) == set(CONTRACT)
    sync, asynchronous = Client(token="t", company_id=1), AsyncClient(token="t", company_id=1)
    for name, spec in SPECS.items():
        assert isinstance(getattr(sync, name), Resource) and getattr(sync, name).spec is spec
        assert isinstance(getattr(asynchronous, name), AsyncResource) and getattr(asynchronous, name).spec is spec
        # The same object on every read: the descriptor keeps what it made.
        assert getattr(sync, name) is getattr(sync, name)
    sync.close()


def test_a_declared_resource_is_typed_by_its_model_for_each_client():
    """What editors and type checkers see: `client.departments` is a `Resource[Department]` on a Client and an
    `AsyncResource[Department]` on an AsyncClient, through the descriptor's overloads."""
    returns = {
        str(inspect.signature(overload).parameters["client"].annotation): inspect.signature(overload).return_annotation
        for overload in typing.get_overloads(Declared.__get__)
    }
    assert returns == {"None": "Declared[T]", "Client": "Resource[T]", "AsyncClient": "AsyncResource[T]"}
    declared = Catalog.__dict__["departments"]
    assert isinstance(declared, Declared)
    assert declared.spec.model is models.Department
    assert Client.departments is declared


# --- through the app ----------------------------------------------------------------------------------------


def _problems(record, name: str) -> list[str]:
    document, component = CONTRACT[name]
    instance = record.raw if isinstance(record, Record) else record
    if document == LEGACY:
        return legacy_problems(instance, component, "2016")
    return contract_problems(instance, document, component)


def _schemas(document: str) -> dict[str, dict]:
    return definitions() if document == LEGACY else schemas(document)


@pytest.mark.parametrize("name", [spec.name for spec in RESOURCES if "list" in spec.operations])
def test_every_listed_resource_iterates_and_each_record_matches_the_real_document(company, name):
    spec = SPECS[name]
    with sdk_client(company) as client:
        records = list(getattr(client, name).iterate(page_size=2, **REQUIRED_FILTERS.get(name, {})))
    assert records or name in DOCUMENTS, f"{name} listed nothing"
    for record in records:
        if isinstance(record, Record):
            assert isinstance(record, spec.model)
            assert not _problems(record, name), _problems(record, name)
            if spec.paged and not spec.envelope and name not in LINE_PAGED:
                assert record.metadata.total_count == len(records)


@pytest.mark.parametrize(
    "name", [spec.name for spec in RESOURCES if "get" in spec.operations and spec.name not in DOCUMENTS]
)
def test_every_resource_reads_one_record_by_its_key(company, name):
    spec = SPECS[name]
    with sdk_client(company) as client:
        resource = getattr(client, name)
        key = KEYS.get(name) or spec.key_of(resource.list()[0].raw)
        record = resource.get(key)
    assert isinstance(record, spec.model)
    composite = len(spec.key.split()) > 1  # a key of several members reads back whole
    assert spec.key_of(record.raw) == (key[-1] if isinstance(key, tuple) and not composite else key)
    assert not _problems(record, name), _problems(record, name)


# --- the models against the real documents -----------------------------------------------------------------

_JSON_TYPES = {str: "string", int: "integer", bool: "boolean", Decimal: "number", datetime: "string"}


def _resolve(document: str, node: dict) -> tuple[str | None, dict]:
    name = None
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = _schemas(document)[name]
    return name, node


def _inner(annotation) -> object:
    if typing.get_origin(annotation) in (typing.Union, UnionType):
        (annotation,) = [arg for arg in typing.get_args(annotation) if arg is not NoneType]
    return annotation


def _member_mismatch(document: str, owner: str, alias: str, annotation, real: dict) -> list[str]:
    ours = _inner(annotation)
    if typing.get_origin(ours) is list:
        if real.get("type") != "array":
            return [f"{owner}.{alias}: a list, but the real member is {real.get('type')}"]
        ours, real = typing.get_args(ours)[0], real["items"]
    if isinstance(ours, type) and issubclass(ours, Shape):
        target, node = _resolve(document, real)
        if node.get("type", "object") != "object":
            return [f"{owner}.{alias}: an object, but the real member is {node.get('type')}"]
        return declaration_mismatches(ours, document, target or f"{owner}.{alias}", node)
    _, node = _resolve(document, real)
    if typing.get_origin(ours) is dict:
        return [] if node.get("type", "object") == "object" else [f"{owner}.{alias}: an object, not {node}"]
    expected = _JSON_TYPES[ours]
    if node.get("type") != expected or (ours is datetime) != (node.get("format") == "date-time"):
        return [f"{owner}.{alias}: {ours.__name__}, but the real member is {node.get('type')}/{node.get('format')}"]
    return []


def declaration_mismatches(model: type[Shape], document: str, component: str, node: dict | None = None) -> list[str]:
    """Members `model` declares that the real component lacks, or types it cannot hold."""
    node = node or _resolve(document, _schemas(document)[component])[1]
    real = node.get("properties", {})
    found = []
    for name, field in model.model_fields.items():
        alias = field.alias or name
        if document == LEGACY and alias == "metadata":
            continue  # paging metadata came after 2016; reference section 4
        if alias not in real:
            found.append(f"{component}.{alias} is not a member of the real document")
            continue
        found += _member_mismatch(document, component, alias, field.annotation, real[alias])
    return found


@pytest.mark.parametrize("spec", RESOURCES, ids=lambda spec: spec.name)
def test_every_typed_model_declares_only_real_members_with_real_types(spec: ResourceSpec):
    document, component = CONTRACT[spec.name]
    assert not declaration_mismatches(spec.model, document, component)


def test_the_declaration_check_catches_a_misspelt_member_and_a_wrong_type():
    class Misspelt(Record):
        numbr: str | None = None
        credit_limit: int | None = None

    assert declaration_mismatches(Misspelt, "customer", "CustomerDto") == [
        "CustomerDto.numbr is not a member of the real document",
        "CustomerDto.creditLimit: int, but the real member is number/double",
    ]


def test_a_vat_report_note_is_written_through_the_sdk(company):
    from nettfin.server.tax.models import VatReportNote

    with sdk_client(company) as client:
        etag = client.vat_ids.update(("S00001", "202403", 1), {"note": {"value": "Reconciled"}})
        client.vat_ids.update(("S00001", "202403", 1, 2), {"note": {"value": "Line two"}})
    assert etag
    with company.database.reading() as session:
        rows = session.query(VatReportNote).filter_by(company_id=company.company_id).order_by(VatReportNote.id)
        assert [(n.line_number, n.note) for n in rows] == [(0, "Reconciled"), (2, "Line two")]
