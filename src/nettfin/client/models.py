"""Typed read models: the service's read DTOs with snake_case attributes over their exact camelCase names.

Tolerant by design: every member is optional, enums are plain strings (the service adds values over time),
and members a model does not declare are kept (`model_extra`, under their wire names). Money is Decimal,
exactly as sent. `record.raw` is the JSON object as received.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr
from pydantic.alias_generators import to_camel


class Shape(BaseModel):
    """A nested member of a read DTO."""

    model_config = ConfigDict(extra="allow", validate_by_name=True, validate_by_alias=True, alias_generator=to_camel)


class Metadata(Shape):
    """Carried by every element of a paged list: the total for the filters and the endpoint's maximum page."""

    total_count: int | None = None
    max_page_size: int | None = None


class Record(Shape):
    """A top-level read DTO."""

    _raw: dict[str, Any] = PrivateAttr(default_factory=dict)

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Record:
        record = cls.model_validate(data)
        record._raw = data
        return record

    @property
    def raw(self) -> dict[str, Any]:
        """The JSON object as the service sent it."""
        return self._raw


class PagedRecord(Record):
    """An element of a paged list: `metadata` is set in lists, None on a single GET."""

    metadata: Metadata | None = None


# --- shapes shared by many DTOs --------------------------------------------------------------------------


class IdDescription(Shape):
    id: str | None = None
    description: str | None = None


class IdName(Shape):
    id: str | None = None
    name: str | None = None


class NumberName(Shape):
    number: str | None = None
    name: str | None = None


class NumberDescription(Shape):
    number: str | None = None
    description: str | None = None


class PartyRef(Shape):
    internal_id: int | None = None
    number: str | None = None
    name: str | None = None


class Address(Shape):
    address_id: int | None = None
    address_line1: str | None = None
    address_line2: str | None = None
    address_line3: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country: IdName | None = None
    county: IdName | None = None


class Contact(Shape):
    contact_id: int | None = None
    name: str | None = None
    attention: str | None = None
    email: str | None = None
    web: str | None = None
    phone1: str | None = None
    phone2: str | None = None
    fax: str | None = None


class Location(Shape):
    country_id: str | None = None
    id: str | None = None
    name: str | None = None


class Attribute(Shape):
    id: str | None = None
    value: str | None = None
    description: str | None = None


class VatZoneRef(Shape):
    id: str | None = None
    description: str | None = None
    default_vat_category: str | None = None


# --- master data ------------------------------------------------------------------------------------------


class Customer(PagedRecord):
    internal_id: int | None = None
    number: str | None = None
    name: str | None = None
    status: str | None = None
    main_address: Address | None = None
    main_contact: Contact | None = None
    account_reference: str | None = None
    parent_record: NumberName | None = None
    customer_class: IdDescription | None = None
    credit_terms: IdDescription | None = None
    currency_id: str | None = None
    credit_limit: Decimal | None = None
    invoice_address: Address | None = None
    invoice_contact: Contact | None = None
    delivery_address: Address | None = None
    delivery_contact: Contact | None = None
    vat_registration_id: str | None = None
    corporate_id: str | None = None
    gln: str | None = None
    vat_zone: VatZoneRef | None = None
    location: Location | None = None
    attributes: list[Attribute] | None = None
    last_modified_date_time: datetime | None = None
    created_date_time: datetime | None = None
    time_stamp: str | None = None


class CustomerClass(Record):
    id: str | None = None
    description: str | None = None
    tax_zone_id: str | None = None
    required_taxzone_id: bool | None = None
    payment_method_id: str | None = None
    invoice_orders_separately: bool | None = None


class Supplier(PagedRecord):
    internal_id: int | None = None
    number: str | None = None
    name: str | None = None
    status: str | None = None
    main_address: Address | None = None
    main_contact: Contact | None = None
    account_reference: str | None = None
    parent_record: NumberName | None = None
    supplier_class: IdDescription | None = None
    credit_terms: IdDescription | None = None
    document_language: str | None = None
    currency_id: str | None = None
    remit_address: Address | None = None
    remit_contact: Contact | None = None
    supplier_address: Address | None = None
    supplier_contact: Contact | None = None
    payment_method: IdDescription | None = None
    cash_account: str | None = None
    charge_bearer: str | None = None
    account_used_for_payment: str | None = None
    payment_by: str | None = None
    payment_lead_time: int | None = None
    pay_separately: bool | None = None
    location: Location | None = None
    vat_registration_id: str | None = None
    corporate_id: str | None = None
    vat_zone: VatZoneRef | None = None
    attributes: list[Attribute] | None = None
    retainage_apply: bool | None = None
    retainage_pct: Decimal | None = None
    note: str | None = None
    last_modified_date_time: datetime | None = None
    time_stamp: str | None = None


class SupplierClass(Record):
    id: str | None = None
    description: str | None = None
    payment_method_id: str | None = None
    payment_method_description: str | None = None
    time_stamp: str | None = None


class WithoutWithVat(Shape):
    without_vat: Decimal | None = None
    with_vat: Decimal | None = None


class SupplierBalance(Record):
    branch_number: str | None = None
    supplier: PartyRef | None = None
    balance: Decimal | None = None
    unreleased_purchases_not_in_approval: WithoutWithVat | None = None
    total_sent_for_approval: WithoutWithVat | None = None
    total_purchase_invoice_period: WithoutWithVat | None = None
    total_purchase_invoice_year: WithoutWithVat | None = None
    last_modified_date_time: datetime | None = None


class SupplierPOBalance(Record):
    supplier: PartyRef | None = None
    total_po_on_hold_order_total: Decimal | None = Field(None, alias="totalPOOnHoldOrderTotal")
    total_po_on_hold_line_total: Decimal | None = Field(None, alias="totalPOOnHoldLineTotal")
    total_open_po_order_total: Decimal | None = Field(None, alias="totalOpenPOOrderTotal")
    total_open_po_line_total: Decimal | None = Field(None, alias="totalOpenPOLineTotal")
    total_closed_po_order_total: Decimal | None = Field(None, alias="totalClosedPOOrderTotal")
    total_closed_po_line_total: Decimal | None = Field(None, alias="totalClosedPOLineTotal")
    last_modified_date_time: datetime | None = None


class SupplierLocation(PagedRecord):
    baccount: PartyRef | None = None
    location_id: str | None = None
    location_name: str | None = None
    active: bool | None = None
    address: Address | None = None
    contact: Contact | None = None
    vat_registration_id: str | None = None
    vat_zone: VatZoneRef | None = None
    edi_code: str | None = None
    gln: str | None = None
    corporate_id: str | None = None
    last_modified_date_time: datetime | None = None
    time_stamp: str | None = None


# --- CRM ------------------------------------------------------------------------------------------------------


class AccountContact(Record):
    """A contact of a customer or supplier (`ContactDto`)."""

    contact_id: int | None = None
    display_name: str | None = None
    active: bool | None = None
    title: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    position: str | None = None
    business_account: str | None = None
    business_account_type: str | None = None
    same_as_account: bool | None = None
    address: Address | None = None
    email: str | None = None
    phone1: str | None = None
    contact_method: str | None = None
    last_modified_date_time: datetime | None = None
    time_stamp: str | None = None


class AccountLocation(PagedRecord):
    """A location of a customer or supplier (`LocationDto`)."""

    baccount: PartyRef | None = None
    location_id: str | None = None
    location_name: str | None = None
    active: bool | None = None
    address: Address | None = None
    contact: Contact | None = None
    vat_registration_id: str | None = None
    vat_zone: VatZoneRef | None = None
    gln: str | None = None
    corporate_id: str | None = None
    last_modified_date_time: datetime | None = None
    internal_id: int | None = None


class CustomerPaymentMethodDetail(Shape):
    detail_id: str | None = None
    description: str | None = None
    value: str | None = None


class CustomerPaymentMethod(Record):
    customer: IdName | None = None
    payment_method: IdDescription | None = None
    active: bool | None = None
    cash_account: IdDescription | None = None
    card_or_account_no: str | None = None
    payment_method_details: list[CustomerPaymentMethodDetail] | None = None
    time_stamp: str | None = None


class SalesPersonCustomer(Shape):
    b_account_id: int | None = Field(None, alias="bAccountID")
    customer_name: str | None = None
    location_id: int | None = Field(None, alias="locationID")
    location_name: str | None = None
    is_default: bool | None = None
    commision_pct: Decimal | None = None


class SalesPerson(Record):
    salesperson_id: str | None = Field(None, alias="salespersonID")
    name: str | None = None
    is_active: bool | None = None
    commission_pct: Decimal | None = None
    sales_sub: IdDescription | None = None
    customers: list[SalesPersonCustomer] | None = None
    created_date_time: datetime | None = None
    last_modified_date_time: datetime | None = None


class SalesCategory(Record):
    category_id: int | None = Field(None, alias="categoryID")
    description: str | None = None
    parent_id: int | None = Field(None, alias="parentID")
    sort_order: int | None = None
    # `subCategories` (the same shape, nested) stays in `raw`.


class SupplierDocument(PagedRecord):
    supplier: PartyRef | None = None
    document_type: str | None = None
    reference_number: str | None = None
    status: str | None = None
    date: datetime | None = None
    due_date: datetime | None = None
    currency_id: str | None = None
    amount: Decimal | None = None
    balance: Decimal | None = None
    financial_period: str | None = None
    description: str | None = None
    last_modified_date_time: datetime | None = None


class AttachmentRef(Shape):
    name: str | None = None
    id: str | None = None
    revision: int | None = None


class ItemClassRef(Shape):
    id: str | None = None
    description: str | None = None
    type: str | None = None


class InventoryItem(PagedRecord):
    inventory_id: int | None = None
    inventory_number: str | None = None
    status: str | None = None
    type: str | None = None
    description: str | None = None
    body: str | None = None
    item_class: ItemClassRef | None = None
    posting_class: IdDescription | None = None
    vat_code: IdDescription | None = None
    default_price: Decimal | None = None
    pending_cost: Decimal | None = None
    current_cost: Decimal | None = None
    last_cost: Decimal | None = None
    recommended_price: Decimal | None = None
    base_unit: str | None = None
    sales_unit: str | None = None
    purchase_unit: str | None = None
    stock_item: bool | None = None
    kit_item: bool | None = None
    default_warehouse: IdDescription | None = None
    attributes: list[Attribute] | None = None
    note: str | None = None
    last_modified_date_time: datetime | None = None
    timestamp: str | None = None  # lower-case on items, as the real document spells it
    attachments: list[AttachmentRef] | None = None


class ItemClass(PagedRecord):
    id: str | None = None
    description: str | None = None
    type: str | None = None


class PostingClass(PagedRecord):
    id: str | None = None
    description: str | None = None


class WarehouseLocation(Shape):
    location_id: str | None = None
    description: str | None = None
    active: bool | None = None
    incl_qty_avail: bool | None = None
    is_costed: bool | None = None
    sales_valid: bool | None = None
    receipts_valid: bool | None = None
    transfers_valid: bool | None = None
    assembly_valid: bool | None = None
    primary_item_valid: str | None = None


class Warehouse(PagedRecord):
    warehouse_id: str | None = Field(None, alias="warehouseID")
    active: bool | None = None
    description: str | None = None
    location_entry: str | None = None
    avg_default_cost: str | None = None
    fifo_default_cost: str | None = None
    receipt_location: IdDescription | None = None
    ship_location: IdDescription | None = None
    locations: list[WarehouseLocation] = []
    timestamp: str | None = None


class LotSerialClass(PagedRecord):
    id: str | None = None
    description: str | None = None
    tracking_method: str | None = None
    track_expiration_date: bool | None = None
    assignment_method: str | None = None
    issue_method: str | None = None
    auto_generate_next_number: bool | None = None
    last_modified_date_time: datetime | None = None


class LandedCostCode(PagedRecord):
    landed_cost_code_id: str | None = None
    description: str | None = None
    landed_cost_type: str | None = None
    application_method: str | None = None
    allocation_method: str | None = None
    supplier_id: str | None = None
    vat_category: str | None = None
    landed_cost_accrual_account: str | None = None
    landed_cost_variance_account: str | None = None


class Carrier(PagedRecord):
    carrier_id: str | None = None
    carrier_description: str | None = None
    last_modified_date_time: datetime | None = None


class PackagingType(PagedRecord):
    box_id: str | None = None
    description: str | None = None
    box_weight: Decimal | None = None
    max_weight: Decimal | None = None
    weight_uo_m: str | None = None
    max_volume: Decimal | None = None
    volume_uo_m: str | None = None
    length: int | None = None
    width: int | None = None
    height: int | None = None
    active_by_default: bool | None = None
    last_modified_date_time: datetime | None = None


class EmployeeContact(Contact):
    employee_contact: str | None = None
    title: str | None = None
    first_name: str | None = None
    mid_name: str | None = None
    last_name: str | None = None
    phone3: str | None = None


class Employee(PagedRecord):
    employee_id: int | None = None
    employee_number: str | None = None
    employee_name: str | None = None
    employee_user_id: str | None = None
    status: str | None = None
    department: str | None = None
    contact: EmployeeContact | None = None
    address: Address | None = None
    employee_class: IdDescription | None = None
    branch: NumberName | None = None
    calendar_id: str | None = Field(None, alias="calendarID")
    employee_login: str | None = None
    work_group_description: list[str] | None = None
    last_modified_date_time: datetime | None = None
    time_stamp: str | None = None


class DepartmentAccount(Shape):
    type: str | None = None
    number: str | None = None
    description: str | None = None
    external_code1: str | None = None
    external_code2: str | None = None
    active: bool | None = None


class DepartmentSubaccount(Shape):
    id: str | None = None
    description: str | None = None
    active: bool | None = None


class Department(Record):
    department_id: str | None = None
    public_id: str | None = None
    description: str | None = None
    expense_account: DepartmentAccount | None = None
    expense_subaccount: DepartmentSubaccount | None = None
    last_modified_date_time: datetime | None = None
    time_stamp: str | None = None


# --- ledger set-up and VAT ---------------------------------------------------------------------------------


class Account(PagedRecord):
    account_id: int | None = Field(None, alias="accountID")
    account_cd: str | None = Field(None, alias="accountCD")
    account_group_cd: str | None = Field(None, alias="accountGroupCD")
    account_class: str | None = None
    account_class_description: str | None = None
    type: str | None = None
    active: bool | None = None
    description: str | None = None
    use_default_sub: bool | None = None
    post_option: str | None = None
    currency: str | None = None
    tax_category: str | None = None
    cash_account: bool | None = None
    public_code1: str | None = None
    control_account_module: str | None = None
    allow_manual_entry: bool | None = None
    last_modified_date_time: datetime | None = None
    time_stamp: str | None = None


class CashAccountSubaccount(Shape):
    subaccount_number: str | None = None
    subaccount_id: int | None = None
    description: str | None = None
    active: bool | None = None


class CashAccount(Record):
    last_modified_date_time: datetime | None = None
    currency: str | None = None
    account: AccountRef | None = None
    subaccount: CashAccountSubaccount | None = None
    number: str | None = None
    description: str | None = None


class FinancialPeriod(Record):
    year: int | None = None
    period: str | None = None
    start_date: datetime | None = None
    end_date: datetime | None = None
    description: str | None = None
    active: bool | None = None
    closed_in_supplier_ledger: bool | None = None
    closed_in_customer_ledger: bool | None = None
    closed_in_inventory_management: bool | None = None
    closed_in_general_ledger: bool | None = None
    closed_in_cash_management: bool | None = None
    closed_in_fixed_assets: bool | None = None


class SubaccountSegment(Shape):
    segment_id: int | None = None
    segment_description: str | None = None
    segment_value: str | None = None
    segment_value_description: str | None = None


class Subaccount(PagedRecord):
    subaccount_number: str | None = None
    subaccount_id: int | None = None
    description: str | None = None
    active: bool | None = None
    segments: list[SubaccountSegment] | None = None
    last_modified_date_time: datetime | None = None
    time_stamp: str | None = None


class SegmentValue(Shape):
    segment_id: int | None = None
    value_id: str | None = None
    description: str | None = None
    public_id: str | None = None
    active: bool | None = None
    time_stamp: str | None = None
    last_modified: datetime | None = None


class Segment(Record):
    segment_id: int | None = None
    description: str | None = None
    length: int | None = None
    public_id: str | None = None
    validate_: bool | None = Field(None, alias="validate")  # `validate` is a pydantic method name
    is_auto_number: bool | None = None
    segment_values: list[SegmentValue] | None = None
    time_stamp: str | None = None
    last_modified: datetime | None = None


class Dimension(Record):
    id: str | None = None
    length: int | None = None
    description: str | None = None
    segments: list[Segment] | None = None


class VatSchedule(Shape):
    start_date: datetime | None = None
    vat_rate: Decimal | None = None
    min_taxable_amt: Decimal | None = None
    max_taxable_amt: Decimal | None = None
    reporting_group: str | None = None
    deductible_vat_rate: Decimal | None = None
    group_type: str | None = None


class VatId(Record):
    vat_id: str | None = None
    vat_category_id: str | None = None
    description: str | None = None
    type: str | None = None
    deductible_vat: bool | None = None
    reverse_vat: bool | None = None
    statistical_vat: bool | None = None
    pending_vat: bool | None = None
    calculate_on: str | None = None
    cash_discount: str | None = None
    not_valid_after: datetime | None = None
    document_text: str | None = None
    schedules: list[VatSchedule] | None = None
    last_modified_date_time: datetime | None = None


class VatCategoryLine(Shape):
    vat_id: str | None = None
    vendor_cd: str | None = None
    description: str | None = None
    type: str | None = None
    calculate_on: str | None = None
    cash_discount: str | None = None


class VatCategory(Record):
    vat_category_id: str | None = None
    description: str | None = None
    active: bool | None = None
    exclude_listed_taxes: bool | None = None
    vat_category_lines: list[VatCategoryLine] | None = None
    last_modified_date_time: datetime | None = None


class VatZone(PagedRecord):
    id: str | None = None
    description: str | None = None
    default_vat_category: str | None = None
    default_tax_category: NumberDescription | None = None


# --- reference lists ----------------------------------------------------------------------------------------


class Country(PagedRecord):
    id: str | None = None
    name: str | None = None
    error_info: str | None = None


class InstalmentSchedule(Shape):
    days: int | None = None
    percent: Decimal | None = None


class CreditTerm(Record):
    terms_id: str | None = None
    description: str | None = None
    visible_to: str | None = None
    due_date_type: str | None = None
    move_due_date_if_on_the_weekend: str | None = None
    due_day1: int | None = None
    due_day1_day_from1: int | None = None
    due_day1_day_to1: int | None = None
    due_day2: int | None = None
    due_day2_day_from1: int | None = None
    due_day2_day_to1: int | None = None
    discount_type: str | None = None
    discount_day: int | None = None
    discount_percent: Decimal | None = None
    delay_days: int | None = None
    calculation_type: str | None = None
    instalment_type: str | None = None
    number_of_instalments: int | None = None
    instalment_frequency: str | None = None
    instalment_method: str | None = None
    instalments_schedule: list[InstalmentSchedule] | None = None
    created_date_time: datetime | None = None
    last_modified_date_time: datetime | None = None


class UnitOfMeasure(Record):
    from_unit: str | None = None
    to_unit: str | None = None
    unit_mult_div: str | None = None
    unit_rate: Decimal | None = None
    supplementary_measure_unit: str | None = None


# --- currencies -------------------------------------------------------------------------------------------


class Currency(Record):
    id: str | None = None
    description: str | None = None
    symbol: str | None = None
    is_base_currency: bool | None = None
    decimal_precision: int | None = None
    is_used_for_accounting: bool | None = None


class CurrencyRateType(Record):
    id: str | None = None
    description: str | None = None
    days_effective: int | None = None


class CurrencyRate(Record):
    id: int | None = None
    from_currency_id: str | None = None
    to_currency_id: str | None = None
    rate_type: str | None = None
    rate: Decimal | None = None
    effective_date: datetime | None = None
    mult_div: str | None = None
    rate_reciprocal: Decimal | None = None
    time_stamp: str | None = None


# --- prices and discounts ---------------------------------------------------------------------------------


class CustomerSalesPrice(PagedRecord):
    """A sales price (AR202000): Base, Customer or CustomerPriceClass, for an item from a break quantity."""

    record_id: int | None = None
    price_type: str | None = None
    price_code: str | None = None
    inventory_id: str | None = None
    description: str | None = None
    uo_m: str | None = Field(None, alias="uoM")
    promotion: bool | None = None
    break_qty: Decimal | None = None
    price: Decimal | None = None
    currency: str | None = None
    vat: str | None = None
    effective_date: datetime | None = None
    expiration_date: datetime | None = None
    warehouse: str | None = None
    time_stamp: str | None = None


class DiscountCode(Record):
    """A discount code (AR209000): Line, Group or Document, and what its series apply to."""

    discount_code: str | None = None
    description: str | None = None
    discount_type: str | None = None
    applicable_to: str | None = None
    manual: bool | None = None


class DiscountBreakpoint(Shape):
    line_nbr: int | None = None
    break_quantity: Decimal | None = None
    break_amount: Decimal | None = None
    discount_percent: Decimal | None = None
    discount_amount: Decimal | None = None
    pending_break_quantity: Decimal | None = None
    pending_discount_percent: Decimal | None = None
    pending_date: datetime | None = None
    effective_date: datetime | None = None


class Discount(Record):
    """A discount series (AR209500) with its breakpoints: current, last and pending values."""

    discount_code: str | None = None
    series: str | None = None
    description: str | None = None
    discount_by: str | None = None
    break_by: str | None = None
    promotional: bool | None = None
    active: bool | None = None
    discount_breakpoints: list[DiscountBreakpoint] | None = None


# --- organisation and branches ----------------------------------------------------------------------------


class MainAddress(Shape):
    address_line1: str | None = None
    address_line2: str | None = None


class MainContact(Shape):
    name: str | None = None


class BankSettings(Shape):
    bank_name: str | None = None
    bank_address1: str | None = None
    bank_address2: str | None = None
    bank_address3: str | None = None
    bank_country: str | None = None
    iban: str | None = None
    bban: str | None = None
    bba_n2: str | None = Field(None, alias="bbaN2")
    bba_n3: str | None = Field(None, alias="bbaN3")
    bic: str | None = None
    creditor_id: str | None = None


class BranchCurrency(Shape):
    id: str | None = None
    description: str | None = None
    symbol: str | None = None


class Branch(Record):
    branch_id: int | None = None
    number: str | None = None
    name: str | None = None
    organization_id: int | None = None
    is_main_branch: bool | None = None
    is_active: bool | None = None
    last_modified_date_time: datetime | None = None
    corporate_id: str | None = None
    main_address: MainAddress | None = None
    main_contact: MainContact | None = None
    currency: BranchCurrency | None = None
    bank_settings: BankSettings | None = None


class BranchNumber(Shape):
    """A branch as other records name it (an organisation's branches, a ledger's, a number sequence's)."""

    number: str | None = None
    name: str | None = None


class Ledger(Record):
    internal_id: int | None = None
    number: str | None = None
    description: str | None = None
    balance_type: str | None = None
    currency_id: str | None = None
    consolidation_source: bool | None = None
    consol_branch: BranchNumber | None = None
    branch_accounting: bool | None = None
    last_modified_date_time: datetime | None = None
    post_inter_company: bool | None = None


class AttributeDetail(Shape):
    value_id: str | None = None
    description: str | None = None
    sort_order: int | None = None
    disabled: bool | None = None


class AttributeDefinition(PagedRecord):
    """An attribute (CS205000) and, for a combo attribute, its values."""

    attribute_id: str | None = Field(None, alias="attributeID")
    description: str | None = None
    control_type: str | None = None
    internal: bool | None = None
    entry_mask: str | None = None
    reg_exp: str | None = None
    details: list[AttributeDetail] | None = None
    created_date_time: datetime | None = None
    last_modified_date_time: datetime | None = None


class Language(Record):
    """A language item descriptions may be translated into; `is_default`: the company's own."""

    is_active: bool | None = None
    is_default: bool | None = None
    language_iso: str | None = Field(None, alias="languageISO")
    native_name: str | None = None


class UiExtensionScreen(Record):
    """A screen UI extensions are placed on, with its steps."""

    screen_id: str | None = None
    step_ids: list[str] | None = None


class Feature(Record):
    """An element of the features set's `features`."""

    name: str | None = None
    display_name: str | None = None
    parent_name: str | None = None
    is_enabled: bool | None = None


class PaymentMethodDetail(Shape):
    detail_id: str | None = Field(None, alias="detailID")
    description: str | None = None
    banking_detail_type: str | None = None


class PaymentMethod(Record):
    payment_method_id: str | None = Field(None, alias="paymentMethodID")
    active: bool | None = None
    means_of_payment: str | None = None
    description: str | None = None
    use_in_ap: bool | None = Field(None, alias="useInAP")
    details: list[PaymentMethodDetail] | None = None


class NumberingSequence(Shape):
    numbering_id: str | None = None
    branch: BranchNumber | None = None
    start_nbr: str | None = None
    end_nbr: str | None = None
    start_date: datetime | None = None
    last_nbr: str | None = None
    warn_nbr: str | None = None
    nbr_step: int | None = None
    next_number: str | None = None


class Numbering(Record):
    numbering_id: str | None = None
    description: str | None = None
    manual_numbering: bool | None = None
    new_number_symbol: str | None = None
    sequence: list[NumberingSequence] | None = None


class OrganizationCurrency(BranchCurrency):
    is_base_currency: bool | None = None
    decimal_precision: int | None = None
    is_used_for_accounting: bool | None = None


class Organization(Record):
    organization_cd: str | None = None
    name: str | None = None
    organization_type: str | None = None
    file_tax_by_branches: bool | None = None
    base_currency: str | None = None
    main_address: MainAddress | None = None
    main_contact: MainContact | None = None
    corporate_id: str | None = None
    currency: OrganizationCurrency | None = None
    last_modified_date_time: datetime | None = None
    bank_settings: BankSettings | None = None
    branches: list[BranchNumber] | None = None
    time_stamp: str | None = None


# --- fixed assets -----------------------------------------------------------------------------------------


def _id(name: str) -> Any:
    return Field(None, alias=name)


class FixedAssetAccounts(Shape):
    """The accounts a fixed asset class gives its assets (and an asset reads with `expandAccounts`)."""

    account_id: str | None = _id("accountID")
    sub_account_id: str | None = _id("subAccountID")
    accrual_account_id: str | None = _id("accrualAccountID")
    accrual_sub_account_id: str | None = _id("accrualSubAccountID")
    accumulated_depreciation_account_id: str | None = _id("accumulatedDepreciationAccountID")
    accumulated_depreciation_sub_account_id: str | None = _id("accumulatedDepreciationSubAccountID")
    depreciated_expense_account_id: str | None = _id("depreciatedExpenseAccountID")
    depreciated_expense_sub_account_id: str | None = _id("depreciatedExpenseSubAccountID")


class FixedAssetBookSettings(Shape):
    book_id: str | None = _id("bookID")
    depreciation_method_id: str | None = _id("depreciationMethodID")


class FixedAssetClass(PagedRecord):
    class_id: str | None = _id("classID")
    record_type: str | None = None
    description: str | None = None
    active: bool | None = None
    asset_type_id: str | None = _id("assetTypeID")
    is_tangible: bool | None = None
    depreciable: bool | None = None
    useful_life: Decimal | None = None
    accelerated_depreciation: bool | None = None
    book_settings: FixedAssetBookSettings | None = None
    accounts: FixedAssetAccounts | None = None


class PropertyTaxDetail(Shape):
    date: datetime | None = None
    property_value: Decimal | None = None
    min_percent: Decimal | None = None


class FixedAssetPropertyTaxGroup(PagedRecord):
    property_tax_id: str | None = _id("propertyTaxID")
    description: str | None = None
    active: bool | None = None
    details: list[PropertyTaxDetail] | None = None


class FixedAssetDetails(Shape):
    property_type: str | None = None
    status: str | None = None
    receipt_date: datetime | None = None
    depreciate_from_date: datetime | None = None
    acquisition_cost: Decimal | None = None
    salvage_amount: Decimal | None = None
    bill_number: str | None = None
    serial_number: str | None = None


class FixedAssetBook(Shape):
    book_id: str | None = _id("bookID")
    description: str | None = None


class FixedAssetBookBalance(Shape):
    """The book figures: `last_depreciation_period` is the latest period depreciated (YYYYPP)."""

    acquisition_cost: Decimal | None = None
    depreciation_method_id: str | None = _id("depreciationMethodID")
    depreciation_from_date: datetime | None = None
    depreciation_from_period: str | None = None
    depreciation_to_period: str | None = None
    last_depreciation_period: str | None = None
    salvage_amount: Decimal | None = None
    useful_life: Decimal | None = None
    book: FixedAssetBook | None = None


class FixedAssetLocation(Shape):
    department_id: str | None = _id("departmentID")
    branch_id: str | None = _id("branchID")


class FixedAssetPropertyTax(Shape):
    property_tax_id: str | None = _id("propertyTaxID")
    description: str | None = None


class FixedAssetType(Shape):
    asset_type_id: str | None = _id("assetTypeID")
    description: str | None = None


class FixedAsset(PagedRecord):
    asset_id: str | None = _id("assetID")
    record_type: str | None = None
    parent_asset_id: str | None = _id("parentAssetID")
    description: str | None = None
    class_id: str | None = _id("classID")
    is_tangible: bool | None = None
    quantity: Decimal | None = None
    depreciable: bool | None = None
    useful_life: Decimal | None = None
    accounts: FixedAssetAccounts | None = None
    details: FixedAssetDetails | None = None
    book_balance: FixedAssetBookBalance | None = None
    location: FixedAssetLocation | None = None
    property_tax: FixedAssetPropertyTax | None = None
    type: FixedAssetType | None = None
    last_modified_date_time: datetime | None = None


class FixedAssetTransactionAccounts(Shape):
    debit_account_id: str | None = _id("debitAccountID")
    debit_sub_account_id: str | None = _id("debitSubAccountID")
    credit_account_id: str | None = _id("creditAccountID")
    credit_sub_account_id: str | None = _id("creditSubAccountID")


class FixedAssetRegister(Shape):
    document_date: datetime | None = None
    status: str | None = None
    hold: bool | None = None


class FixedAssetTransaction(PagedRecord):
    """A line of a fixed asset register (`ref_no`): an acquisition or a period's depreciation of one asset."""

    ref_no: str | None = None
    line_no: int | None = None
    branch_id: str | None = _id("branchID")
    origin: str | None = None
    asset_id: str | None = _id("assetID")
    transaction_description: str | None = None
    book_id: str | None = _id("bookID")
    transaction_type: str | None = None
    accounts: FixedAssetTransactionAccounts | None = None
    transaction_amount: Decimal | None = None
    batch_no: str | None = None
    transaction_period_id: str | None = _id("transactionPeriodID")
    transaction_date: datetime | None = None
    register_: FixedAssetRegister | None = _id("register")
    last_modified_date_time: datetime | None = None


# --- documents --------------------------------------------------------------------------------------------


class AccountRef(Shape):
    type: str | None = None
    number: str | None = None
    description: str | None = None


class SupplierInvoiceLine(Shape):
    line_number: int | None = None
    inventory_number: str | None = None
    transaction_description: str | None = None
    quantity: Decimal | None = None
    uom: str | None = None
    unit_cost_in_currency: Decimal | None = None
    cost_in_currency: Decimal | None = None
    account: AccountRef | None = None
    vat_code: IdDescription | None = None
    note: str | None = None
    attachments: list[AttachmentRef] | None = None


class SupplierInvoice(PagedRecord):
    document_type: str | None = None
    reference_number: str | None = None
    status: str | None = None
    approval_status: str | None = None
    hold: bool | None = None
    supplier: PartyRef | None = None
    post_period: str | None = None
    financial_period: str | None = None
    date: datetime | None = None
    due_date: datetime | None = None
    currency_id: str | None = None
    exchange_rate: Decimal | None = None
    amount: Decimal | None = None
    vat_amount: Decimal | None = None
    balance: Decimal | None = None
    detail_total: Decimal | None = None
    vat_total: Decimal | None = None
    supplier_reference: str | None = None
    description: str | None = None
    note: str | None = None
    credit_terms: IdDescription | None = None
    payment_method: IdDescription | None = None
    location: Location | None = None
    branch_number: NumberName | None = None
    invoice_lines: list[SupplierInvoiceLine] | None = None
    attachments: list[AttachmentRef] | None = None
    created_date_time: datetime | None = None
    last_modified_date_time: datetime | None = None
    time_stamp: str | None = None


class SupplierPaymentLine(Shape):
    doc_type: str | None = None
    invoice_ref_nbr: str | None = None
    amount_paid: Decimal | None = None
    cash_discount_taken: Decimal | None = None
    balance: Decimal | None = None
    description: str | None = None


class SupplierPayment(PagedRecord):
    type: str | None = None
    ref_nbr: str | None = None
    status: str | None = None
    hold: bool | None = None
    application_date: datetime | None = None
    application_period: str | None = None
    payment_ref: str | None = None
    supplier: PartyRef | None = None
    payment_method: str | None = None
    cash_account: str | None = None
    currency: IdDescription | None = None
    description: str | None = None
    payment_amount: Decimal | None = None
    balance: Decimal | None = None
    unapplied_balance: Decimal | None = None
    applied_amount: Decimal | None = None
    released: bool | None = None
    payment_lines: list[SupplierPaymentLine] | None = None
    last_modified_date_time: datetime | None = None
    time_stamp: str | None = None


class CustomerInvoiceLine(Shape):
    line_number: int | None = None
    inventory_number: str | None = None
    description: str | None = None
    quantity: Decimal | None = None
    uom: str | None = None
    unit_price_in_currency: Decimal | None = None
    amount_in_currency: Decimal | None = None
    account: AccountRef | None = None
    vat_code: IdDescription | None = None
    note: str | None = None
    attachments: list[AttachmentRef] | None = None


class CustomerLedgerDocument(PagedRecord):
    """What every customer ledger document's DTO has: invoices, notes, `/v1/customerdocument`'s rows, credit
    write-offs and `/v1/creditNote`'s notes."""

    document_type: str | None = None
    reference_number: str | None = None
    status: str | None = None
    customer: NumberName | None = None
    post_period: str | None = None
    financial_period: str | None = None
    document_date: datetime | None = None
    currency_id: str | None = None
    amount: Decimal | None = None
    amount_in_currency: Decimal | None = None
    balance: Decimal | None = None
    balance_in_currency: Decimal | None = None
    vat_total: Decimal | None = None
    invoice_text: str | None = None
    customer_ref_number: str | None = None
    payment_method: IdDescription | None = None
    location: Location | None = None
    branch_number: NumberName | None = None
    created_date_time: datetime | None = None
    last_modified_date_time: datetime | None = None


class CustomerDocument(CustomerLedgerDocument):
    """What customer invoices, credit notes and debit notes have in common."""

    hold: bool | None = None
    document_due_date: datetime | None = None
    exchange_rate: Decimal | None = None
    detail_total: Decimal | None = None
    external_reference: str | None = None
    payment_reference: str | None = None
    credit_terms: IdDescription | None = None
    attachments: list[AttachmentRef] | None = None
    time_stamp: str | None = None


class CustomerLedgerRow(CustomerLedgerDocument):
    """A row of `/v1/customerdocument`: any customer ledger document, as the list shows it."""

    document_due_date: datetime | None = None


class CustomerCreditWriteOff(CustomerLedgerDocument):
    hold: bool | None = None
    time_stamp: str | None = None


class CustomerInvoice(CustomerDocument):
    invoice_lines: list[CustomerInvoiceLine] | None = None


class CreditNote(CustomerLedgerDocument):
    """A credit note as the deprecated `/v1/creditNote` shows it: its lines are "invoiceLines"."""

    hold: bool | None = None
    detail_total: Decimal | None = None
    external_reference: str | None = None
    payment_reference: str | None = None
    attachments: list[AttachmentRef] | None = None
    invoice_lines: list[CustomerInvoiceLine] | None = None


class CustomerNote(CustomerDocument):
    """A credit or debit note (`/v1/customerCreditNote`, `/v1/customerDebitNote`): its lines are `lines`."""

    lines: list[CustomerInvoiceLine] | None = None


class CashSaleLine(Shape):
    line_number: int | None = None
    inventory_number: str | None = None
    description: str | None = None
    quantity: Decimal | None = None
    uom: str | None = None
    unit_price_in_currency: Decimal | None = None
    amount_in_currency: Decimal | None = None
    account: AccountRef | None = None
    vat_code: IdDescription | None = None
    note: str | None = None


class CashSale(PagedRecord):
    """A cash sale (`/v1/cashsale`): an invoice paid at once (no due date, no attachments); lines `cashSaleLines`."""

    document_type: str | None = None
    reference_number: str | None = None
    status: str | None = None
    hold: bool | None = None
    customer: NumberName | None = None
    post_period: str | None = None
    financial_period: str | None = None
    document_date: datetime | None = None
    currency_id: str | None = None
    amount: Decimal | None = None
    amount_in_currency: Decimal | None = None
    balance: Decimal | None = None
    balance_in_currency: Decimal | None = None
    detail_total: Decimal | None = None
    vat_total: Decimal | None = None
    invoice_text: str | None = None
    customer_ref_number: str | None = None
    payment_reference: str | None = None
    credit_terms: IdDescription | None = None
    payment_method: IdDescription | None = None
    location: Location | None = None
    branch_number: NumberName | None = None
    cash_account: str | None = None
    cash_sale_lines: list[CashSaleLine] | None = None
    created_date_time: datetime | None = None
    last_modified_date_time: datetime | None = None
    time_stamp: str | None = None


class CustomerPayment(PagedRecord):
    type: str | None = None
    ref_nbr: str | None = None
    status: str | None = None
    hold: bool | None = None
    application_date: datetime | None = None
    application_period: str | None = None
    payment_ref: str | None = None
    customer: NumberName | None = None
    payment_method: IdDescription | None = None
    cash_account: str | None = None
    currency: str | None = None
    payment_amount: Decimal | None = None
    invoice_text: str | None = None
    applied_to_documents: Decimal | None = None
    available_balance: Decimal | None = None
    last_modified_date_time: datetime | None = None


class CustomerBalance(Record):
    customer: PartyRef | None = None
    balance: Decimal | None = None
    total_order: Decimal | None = None
    total_loan: Decimal | None = None
    total_sale_period: Decimal | None = None
    total_sale_year: Decimal | None = None
    total_discount_period: Decimal | None = None
    total_discount_year: Decimal | None = None
    last_modified: datetime | None = None


class CustomerBalanceV2(Record):
    """A customer's balance moving over financial periods (`/v2/customer/balance`)."""

    customer: PartyRef | None = None
    branch_number: NumberName | None = None
    begin_balance: Decimal | None = None
    sales: Decimal | None = None
    overdue_charges: Decimal | None = None
    payments_and_prepayments: Decimal | None = None
    adjustments_and_discounts: Decimal | None = None
    year_to_date_balance: Decimal | None = None


class PurchaseOrderLine(Shape):
    line_nbr: int | None = None  # `lineNumber` when writing, as the real documents have it
    inventory: NumberDescription | None = None
    line_type: str | None = None
    warehouse: IdDescription | None = None
    line_description: str | None = None
    uom: str | None = None
    order_qty: Decimal | None = None
    unit_cost: Decimal | None = None
    ext_cost: Decimal | None = None
    amount: Decimal | None = None
    completed: bool | None = None
    canceled: bool | None = None


class PurchaseOrderBasic(PagedRecord):
    """A purchase order in the basic DTO (`/v1/purchaseorderbasic`): no shipping, remittance or terms."""

    order_type: str | None = None
    order_nbr: str | None = None
    status: str | None = None
    hold: bool | None = None
    date: datetime | None = None
    promised_on: datetime | None = None
    description: str | None = None
    supplier: PartyRef | None = None
    currency: str | None = None
    supplier_ref: str | None = None
    exchange_rate: Decimal | None = None
    line_total: Decimal | None = None
    tax_total: Decimal | None = None
    order_total: Decimal | None = None
    control_total: Decimal | None = None
    branch: NumberName | None = None
    lines: list[PurchaseOrderLine] | None = None
    note: str | None = None
    last_modified_date_time: datetime | None = None
    time_stamp: str | None = None


class PurchaseOrder(PurchaseOrderBasic):
    terms: IdDescription | None = None
    warehouse: IdDescription | None = None


class SalesOrderType(PagedRecord):
    order_type: str | None = None
    active: bool | None = None
    description: str | None = None
    behavior: str | None = None
    default_operation: str | None = None
    customer_document_type: str | None = None


class SalesOrderBasicLine(Shape):
    line_nbr: int | None = None  # `lineNbr` when writing too
    inventory: NumberDescription | None = None
    warehouse: IdDescription | None = None
    line_description: str | None = None
    uom: str | None = None
    quantity: Decimal | None = None
    qty_on_shipments: Decimal | None = None
    open_qty: Decimal | None = None
    unit_price: Decimal | None = None
    discount_percent: Decimal | None = None
    discount_amount: Decimal | None = None
    ext_price: Decimal | None = None
    unbilled_amount: Decimal | None = None


class SalesOrderLine(SalesOrderBasicLine):
    operation: str | None = None
    completed: bool | None = None
    mark_for_po: bool | None = Field(None, alias="markForPO")


class SalesOrderBasic(PagedRecord):
    """A sales order as `/v1/salesorderbasic` reads it: the header, lines and totals of `/v1/salesorder`'s."""

    order_type: str | None = None
    order_no: str | None = None
    status: str | None = None
    hold: bool | None = None
    date: datetime | None = None
    customer: PartyRef | None = None
    customer_order: str | None = None
    currency: str | None = None
    description: str | None = None
    order_total: Decimal | None = None
    tax_total: Decimal | None = None
    discount_total: Decimal | None = None
    lines: list[SalesOrderBasicLine] = []


class SalesOrder(SalesOrderBasic):
    """A sales order (`/v1/salesorder`; v2 reads the same DTO)."""

    invoice_nbr: str | None = None
    emailed: bool | None = None
    canceled: bool | None = None
    lines: list[SalesOrderLine] = []


class StocktakeLine(Shape):
    status: str | None = None
    line_nbr: int | None = None
    tag_nbr: int | None = None
    inventory: IdDescription | None = None
    location: IdDescription | None = None
    warehouse: IdDescription | None = None
    lot_serial_nbr: str | None = None
    expiration_date: datetime | None = None
    book_quantity: Decimal | None = None
    physical_quantity: Decimal | None = None
    variance_quantity: Decimal | None = None
    unit_cost: Decimal | None = None
    ext_variance_cost: Decimal | None = None
    reason_code: str | None = None
    last_modified_date_time: datetime | None = None
    base_unit: str | None = None


class Stocktake(PagedRecord):
    """A physical inventory count (`/v2/stocktake`): its lines' counted quantities are what a PUT changes."""

    reference_nbr: str | None = None
    description: str | None = None
    summary_status: str | None = None
    freeze_date: datetime | None = None
    number_of_lines: int | None = None
    physical_qty: Decimal | None = None
    variance_qty: Decimal | None = None
    variance_cost: Decimal | None = None
    last_modified_date_time: datetime | None = None
    lines: list[StocktakeLine] | None = None
    timestamp: str | None = None


class CustomerContractSummary(Shape):
    setup_date: datetime | None = None
    activation_date: datetime | None = None
    expiration_date: datetime | None = None
    termination_date: datetime | None = None
    mass_renewal: bool | None = None
    renewal_point: int | None = None
    grace_period: int | None = None
    currency: str | None = None
    invoicing_schedule_starts_on: datetime | None = None
    invoicing_period: str | None = None
    last_invoicing_date: datetime | None = None
    next_invoicing_date: datetime | None = None
    invoice_to: str | None = None
    invoice_account: NumberName | None = None
    invoice_location: IdDescription | None = None
    sales_person: IdDescription | None = None


class CustomerContractDetailLine(Shape):
    contract_detail_id: int | None = None
    item_code: str | None = None
    description: str | None = None
    included: Decimal | None = None
    setup_price: Decimal | None = None
    recurring_price: Decimal | None = None
    extra_usage_price: Decimal | None = None
    renewal_price: Decimal | None = None
    invoice_type: str | None = None


class CustomerContractDetails(Shape):
    effective_from: datetime | None = None
    pending_setup: Decimal | None = None
    pending_recurring: Decimal | None = None
    total_pending: Decimal | None = None
    current_setup: Decimal | None = None
    current_recurring: Decimal | None = None
    lines: list[CustomerContractDetailLine] | None = None


class CustomerContract(Record):
    """A customer contract (`/v1/customerContract`): made from a template, moved through its statuses by the
    actions, which invoice its setup, recurring and usage fees."""

    contract_id: str | None = None
    contract_template: IdDescription | None = None
    status: str | None = None
    customer: NumberName | None = None
    description: str | None = None
    balance: Decimal | None = None
    last_modified_date_time: datetime | None = None
    summary: CustomerContractSummary | None = None
    details: CustomerContractDetails | None = None
    time_stamp: str | None = None


class ContractTemplate(Record):
    id: str | None = None
    description: str | None = None
    last_modified_date_time: datetime | None = None


class ContractUsageLine(Shape):
    transaction_number: int | None = None
    billed: bool | None = None
    item: NumberDescription | None = None
    description: str | None = None
    uom: str | None = None
    quantity: Decimal | None = None
    date: datetime | None = None
    type: str | None = None
    reference_nbr: str | None = None
    billing_date: datetime | None = None


class ContractUsage(Record):
    """A contract's usage transactions (`/v1/contractUsage`), billed or not."""

    contract: str | None = None
    transaction: list[ContractUsageLine] | None = None
    last_modified_date_time: datetime | None = None
    time_stamp: str | None = None


class PurchaseReceiptLine(Shape):
    inventory: NumberDescription | None = None
    line_type: str | None = None
    receipt_qty: Decimal | None = None
    amount: Decimal | None = None
    lot_serial_number: str | None = None
    po_order_nbr: str | None = None
    po_order_line_nbr: int | None = None


class ShipmentLine(Shape):
    line_number: int | None = None
    order_type: str | None = None
    order_nbr: str | None = None
    order_line_nbr: int | None = None
    inventory_number: str | None = None
    warehouse: IdDescription | None = None
    uom: str | None = None
    shipped_qty: Decimal | None = None
    ordered_qty: Decimal | None = None
    open_qty: Decimal | None = None
    lot_serial_nbr: str | None = None


class Shipment(PagedRecord):
    shipment_number: str | None = None
    shipment_type: str | None = None
    status: str | None = None
    hold: bool | None = None
    operation: str | None = None
    shipment_date: datetime | None = None
    customer: PartyRef | None = None
    from_warehouse: IdDescription | None = None
    currency_id: str | None = None
    shipped_quantity: Decimal | None = None
    shipment_detail_lines: list[ShipmentLine] | None = None
    time_stamp: str | None = None
    last_modified_date_time: datetime | None = None


class PurchaseReceipt(PagedRecord):
    receipt_type: str | None = None
    receipt_nbr: str | None = None
    hold: bool | None = None
    date: datetime | None = None
    post_period: str | None = None
    supplier: PartyRef | None = None
    currency: str | None = None
    exchange_rate: Decimal | None = None
    total_qty: Decimal | None = None
    total_amt: Decimal | None = None
    lines: list[PurchaseReceiptLine] | None = None
    time_stamp: str | None = None


class EarningType(Record):
    code: str | None = None
    description: str | None = None
    is_overtime: bool | None = None
    is_billable: bool | None = None
    is_active: bool | None = None
    overtime_multiplier: Decimal | None = None
    last_modified_date_time: datetime | None = None


class ClaimedBy(Shape):
    internal_id: str | None = None
    number: str | None = None
    name: str | None = None


class ExpenseAccount(Shape):
    type: str | None = None
    number: str | None = None
    description: str | None = None


class ExpenseSubaccount(Shape):
    active: bool | None = None
    id: str | None = None
    description: str | None = None


class ExpenseClaimDetail(Shape):
    claim_detail_id: int | None = None
    date: datetime | None = None
    expense_item: NumberDescription | None = None
    description: str | None = None
    quantity: Decimal | None = None
    uom: str | None = None
    unit_cost: Decimal | None = None
    currency: str | None = None
    total_amount: Decimal | None = None
    employee_part: Decimal | None = None
    claim_amount: Decimal | None = None
    expense_account: ExpenseAccount | None = None
    expense_subaccount: ExpenseSubaccount | None = None
    tax_category: NumberDescription | None = None
    ref_nbr: str | None = None


class ExpenseClaim(PagedRecord):
    ref_nbr: str | None = None
    status: str | None = None
    approval_status: str | None = None
    approval_status_text: str | None = None
    date: datetime | None = None
    description: str | None = None
    claimed_by: ClaimedBy | None = None
    claim_total: Decimal | None = None
    vat_taxable_total: Decimal | None = None
    vat_exempt_total: Decimal | None = None
    currency: str | None = None
    approval_date: datetime | None = None
    department: IdDescription | None = None
    details: list[ExpenseClaimDetail] | None = None
    last_modified_date_time: datetime | None = None
    time_stamp: str | None = None


class ReceiptEmployee(Shape):
    employee_id: int | None = None
    employee_number: str | None = None
    employee_name: str | None = None
    department: str | None = None


class ExpenseReceipt(Record):
    internal_id: int | None = None
    receipt_id: str | None = None
    date: datetime | None = None
    tax_total: Decimal | None = None
    currency: IdDescription | None = None
    ref_nbr: str | None = None
    inventory: NumberDescription | None = None
    description: str | None = None
    uom: str | None = None
    quantity: Decimal | None = None
    unit_cost: Decimal | None = None
    total_amount: Decimal | None = None
    employee_part: Decimal | None = None
    claim_amount: Decimal | None = None
    status: str | None = None
    claimed_by: ReceiptEmployee | None = None
    expense_claim: NumberDescription | None = None
    invoiceable: bool | None = None
    expense_account: ExpenseAccount | None = None
    expense_sub: ExpenseSubaccount | None = None
    tax_category: NumberDescription | None = None
    time_stamp: str | None = None


class TimeCardSummary(Shape):
    line_number: int | None = None
    mon: int | None = None
    tue: int | None = None
    wed: int | None = None
    thu: int | None = None
    fri: int | None = None
    sat: int | None = None
    sun: int | None = None
    invoiceable: bool | None = None
    time_spent: int | None = None
    description: str | None = None


class TimeCard(PagedRecord):
    ref_nbr: str | None = None
    status: str | None = None
    approval_status: str | None = None
    week: NumberDescription | None = None
    employee: NumberName | None = None
    type: str | None = None
    orig_ref_nbr: str | None = None
    time_spent: int | None = None
    invoiceable: int | None = None
    overtime_spent: int | None = None
    total_time_spent: int | None = None
    summary: list[TimeCardSummary] | None = None
    last_modified_date_time: datetime | None = None
    time_stamp: str | None = None


class JournalTransactionLine(Shape):
    line_number: int | None = None
    account_number: str | None = None
    description: str | None = None
    reference_number: str | None = None
    debit_amount: Decimal | None = None
    credit_amount: Decimal | None = None
    transaction_description: str | None = None
    attachments: list[AttachmentRef] | None = None


class JournalTransaction(PagedRecord):
    module: str | None = None
    batch_number: str | None = None
    status: str | None = None
    hold: bool | None = None
    transaction_date: datetime | None = None
    post_period: str | None = None
    financial_period: str | None = None
    ledger: str | None = None
    currency_id: str | None = None
    description: str | None = None
    debit_total: Decimal | None = None
    credit_total: Decimal | None = None
    control_total: Decimal | None = None
    journal_transaction_lines: list[JournalTransactionLine] | None = None
    attachments: list[AttachmentRef] | None = None
    last_modified_date_time: datetime | None = None
    time_stamp: str | None = None


class GeneralLedgerBalance(PagedRecord):
    balance_type: str | None = None
    financial_period: str | None = None
    account: AccountRef | None = None
    subaccount_id: int | None = None
    currency_id: str | None = None
    period_to_date_debit: Decimal | None = None
    period_to_date_credit: Decimal | None = None
    beginning_balance: Decimal | None = None
    year_to_date_balance: Decimal | None = None
    year_closed: bool | None = None
    last_modified_date_time: datetime | None = None


class BalanceSubaccount(Shape):
    subaccount_number: str | None = None
    subaccount_id: int | None = None


class GeneralLedgerBalanceV2(PagedRecord):
    """`/v2/generalLedgerBalance`: as v1, with the subaccount as an object."""

    balance_type: str | None = None
    financial_period: str | None = None
    account: AccountRef | None = None
    subaccount: BalanceSubaccount | None = None
    currency_id: str | None = None
    period_to_date_debit: Decimal | None = None
    period_to_date_credit: Decimal | None = None
    beginning_balance: Decimal | None = None
    year_to_date_balance: Decimal | None = None
    year_closed: bool | None = None
    last_modified_date_time: datetime | None = None


class GeneralLedgerTransaction(PagedRecord):
    """`/v1/GeneralLedgerTransactions`: one posted journal line with its batch."""

    line_number: int | None = None
    module: str | None = None
    batch_number: str | None = None
    tran_date: datetime | None = None
    period: str | None = None
    description: str | None = None
    ref_number: str | None = None
    account: AccountRef | None = None
    subaccount: str | None = None
    beg_balance: Decimal | None = None
    debit_amount: Decimal | None = None
    credit_amount: Decimal | None = None
    ending_balance: Decimal | None = None
    currency: str | None = None
    curr_debit_amount: Decimal | None = None
    curr_credit_amount: Decimal | None = None
    last_modified_date_time: datetime | None = None


# --- context and actions ---------------------------------------------------------------------------------


class ContextInformation(Record):
    """A company the token may use: `id` goes into `ipp-company-id`."""

    id: int | None = None
    name: str | None = None
    type: str | None = None


class CompanyInfo(Record):
    company_name: str | None = None
    organization_number: str | None = None
    company_address1: str | None = None
    company_address2: str | None = None
    customer_info: dict[str, Any] | None = None
    distributor_info: dict[str, Any] | None = None


class UserDetails(Record):
    email_address: str | None = None
    first_name: str | None = None
    last_name: str | None = None


class ActionResult(Record):
    """What an `action/...` answers: `action_result` is `Queued`, `InProcess`, `Failed` or `Done`."""

    action_id: str | None = None
    action_result: str | None = None
    error_info: str | None = None


# --- inventory documents -----------------------------------------------------------------------------------


class InventoryAllocation(Shape):
    line_nbr: int | None = None
    location: IdName | None = None
    lot_serial_number: str | None = None
    quantity: Decimal | None = None


class _InventoryLine(Shape):
    line_number: int | None = None
    inventory_item: NumberDescription | None = None
    location: IdName | None = None
    quantity: Decimal | None = None
    uom: str | None = None
    description: str | None = None


class _StockLine(_InventoryLine):
    warehouse: IdDescription | None = None
    unit_cost: Decimal | None = None
    ext_cost: Decimal | None = None


class InventoryReceiptLine(_StockLine):
    allocations: list[InventoryAllocation] | None = None


class InventoryIssueLine(_StockLine):
    transaction_type: str | None = None
    unit_price: Decimal | None = None
    ext_price: Decimal | None = None
    lot_serial_number: str | None = None
    allocations: list[InventoryAllocation] | None = None


class InventoryAdjustmentLine(_StockLine):
    pass


class InventoryTransferLine(_InventoryLine):
    to_location: IdName | None = None
    lot_serial_number: str | None = None
    allocations: list[InventoryAllocation] | None = None


class _InventoryDocument(Record):
    reference_number: str | None = None
    status: str | None = None
    hold: bool | None = None
    date: datetime | None = None
    post_period: str | None = None
    external_reference: str | None = None
    description: str | None = None
    total_quantity: Decimal | None = None
    batch_number: str | None = None
    last_modified_date_time: datetime | None = None


class InventoryReceipt(_InventoryDocument):
    """An inventory receipt (IN301000)."""

    total_cost: Decimal | None = None
    receipt_lines: list[InventoryReceiptLine] | None = None


class InventoryIssue(_InventoryDocument):
    """An inventory issue (IN302000)."""

    total_amount: Decimal | None = None
    issue_lines: list[InventoryIssueLine] | None = None


class InventoryAdjustment(_InventoryDocument):
    """An inventory adjustment (IN303000); the service spells its lines `adjusmentLines`."""

    total_cost: Decimal | None = None
    adjusment_lines: list[InventoryAdjustmentLine] | None = None


class InventoryTransfer(_InventoryDocument):
    """An inventory transfer (IN304000), one step, between the header's warehouses."""

    warehouse: IdDescription | None = None
    to_warehouse: IdDescription | None = None
    transfer_lines: list[InventoryTransferLine] | None = None


# --- cash management and budgets ---------------------------------------------------------------------------


class CashTransactionDetail(Shape):
    line_number: int | None = None
    branch: NumberName | None = None
    description: str | None = None
    quantity: Decimal | None = None
    uom: str | None = None
    price: Decimal | None = None
    amount: Decimal | None = None
    offset_account: AccountRef | None = None
    offset_sub_account: CashAccountSubaccount | None = None


class CashTransactionFinancials(Shape):
    batch_number: str | None = None
    cleared: bool | None = None


class CashTransaction(Record):
    """A cash transaction (CA304000); its list is paged but carries no `metadata`, as the service's DTO."""

    tran_type: str | None = None
    reference_nbr: str | None = None
    status: str | None = None
    hold: bool | None = None
    tran_date: datetime | None = None
    financial_period: str | None = None
    cash_account: AccountRef | None = None
    currency: str | None = None
    entry_type: IdDescription | None = None
    disb_receipt: str | None = None
    document_ref: str | None = None
    description: str | None = None
    amount: Decimal | None = None
    control_total: Decimal | None = None
    last_modified_date_time: datetime | None = None
    transaction_details: list[CashTransactionDetail] | None = None
    financials_detail: CashTransactionFinancials | None = None


class KitSpecificationNonStockComponent(Shape):
    line_nbr: int | None = None
    component_id: str | None = Field(None, alias="componentID")
    component_qty: Decimal | None = None
    uom: str | None = None
    allow_component_qty_variance: bool | None = None
    min_component_qty: Decimal | None = None
    max_component_qty: Decimal | None = None
    description: str | None = None


class KitSpecificationStockComponent(Shape):
    line_nbr: int | None = None
    component_id: str | None = Field(None, alias="componentID")
    component_qty: Decimal | None = None
    uom: str | None = None
    allow_component_qty_variance: bool | None = None
    min_component_qty: Decimal | None = None
    max_component_qty: Decimal | None = None
    description: str | None = None
    disassembly_coeff: Decimal | None = None
    allow_component_substitution: bool | None = None


class KitAssemblyNonStockComponent(Shape):
    line_nbr: int | None = None
    item_id: str | None = None
    description: str | None = None
    uo_m: str | None = Field(None, alias="uoM")
    quantity: Decimal | None = None
    unit_cost: Decimal | None = None
    reason_code: str | None = None
    component_qty: Decimal | None = None
    allow_component_qty_variance: bool | None = None
    min_component_qty: Decimal | None = None
    max_component_qty: Decimal | None = None


class KitAssemblyStockComponent(Shape):
    line_nbr: int | None = None
    item_id: str | None = None
    description: str | None = None
    uo_m: str | None = Field(None, alias="uoM")
    quantity: Decimal | None = None
    unit_cost: Decimal | None = None
    reason_code: str | None = None
    component_qty: Decimal | None = None
    allow_component_qty_variance: bool | None = None
    min_component_qty: Decimal | None = None
    max_component_qty: Decimal | None = None
    location: str | None = None
    allow_component_substitution: bool | None = None
    disassembly_coeff: Decimal | None = None


class KitSpecification(Record):
    """A revision of a kit item's specification (IN209500)."""

    kit_inventory_id: str | None = Field(None, alias="kitInventoryID")
    revision: str | None = None
    description: str | None = None
    is_active: bool | None = None
    allow_component_addition: bool | None = None
    is_non_stock: bool | None = None
    created_date_time: datetime | None = None
    last_modified_date_time: datetime | None = None
    stock_component_lines: list[KitSpecificationStockComponent] | None = None
    non_stock_component_lines: list[KitSpecificationNonStockComponent] | None = None
    timestamp: str | None = None


class KitAssembly(Record):
    """A kit assembly document (IN307000): type P (production) or D (disassembly)."""

    type: str | None = None
    ref_no: str | None = None
    status: str | None = None
    hold: bool | None = None
    date: datetime | None = None
    post_period: str | None = None
    item_id: str | None = Field(None, alias="itemID")
    revision: str | None = None
    reason_code: str | None = None
    description: str | None = None
    warehouse: str | None = None
    location: str | None = None
    uo_m: str | None = Field(None, alias="uoM")
    quantity: Decimal | None = None
    created_date_time: datetime | None = None
    last_modified_date_time: datetime | None = None
    stock_component_lines: list[KitAssemblyStockComponent] | None = None
    non_stock_component_lines: list[KitAssemblyNonStockComponent] | None = None
    timestamp: str | None = None


class BudgetAccount(Shape):
    type: str | None = None
    active: bool | None = None
    number: str | None = None
    description: str | None = None


class BudgetSubaccount(Shape):
    active: bool | None = None
    id: str | None = None
    description: str | None = None


class FinancialPeriodAmount(Shape):
    period_id: str | None = None
    amount: Decimal | None = None


class Budget(Record):
    """A budget article (GL302010): its amount for a branch, budget ledger, year, account and subaccount."""

    financial_year: str | None = None
    released: bool | None = None
    released_amount: Decimal | None = None
    account: BudgetAccount | None = None
    subaccount: BudgetSubaccount | None = None
    description: str | None = None
    amount: Decimal | None = None
    distributed_amount: Decimal | None = None
    periods: list[FinancialPeriodAmount] | None = None
    last_modified_date_time: datetime | None = None
    branch_number: NumberName | None = None


class DeferralCode(PagedRecord):
    deferral_code: str | None = None
    description: str | None = None
    deferred_revenue_from_item: bool | None = None
    recognition_method: str | None = None
    code_type: str | None = None
    deferral_account: IdDescription | None = None
    deferral_sub: BudgetSubaccount | None = None


# --- projects ----------------------------------------------------------------------------------------------


class ProjectVisibility(Shape):
    visible_in_gl: bool | None = None
    visible_in_ap: bool | None = None
    visible_in_ar: bool | None = None
    visible_in_so: bool | None = None
    visible_in_po: bool | None = None
    visible_in_ea: bool | None = None
    visible_in_ta: bool | None = None
    visible_in_in: bool | None = None
    visible_in_ca: bool | None = None
    visible_in_cr: bool | None = None


class ProjectTaskOfProject(Shape):
    task_id: str | None = None
    description: str | None = None
    planned_start: datetime | None = None
    planned_end: datetime | None = None
    start_date: datetime | None = None
    end_date: datetime | None = None
    status: str | None = None
    restrict_employees: bool | None = None
    visibility: ProjectVisibility | None = None
    time_stamp: str | None = None


class Project(PagedRecord):
    internal_id: int | None = Field(None, alias="internalID")
    project_id: str | None = Field(None, alias="projectID")
    customer: NumberName | None = None
    hold: bool | None = None
    status: str | None = None
    description: str | None = None
    assets: Decimal | None = None
    liability: Decimal | None = None
    income: Decimal | None = None
    expenses: Decimal | None = None
    start_date: datetime | None = None
    end_date: datetime | None = None
    visibility: ProjectVisibility | None = None
    last_modified_date_time: datetime | None = None
    tasks: list[ProjectTaskOfProject] | None = None
    public_id: str | None = None
    time_stamp: str | None = None
    note: str | None = None


class ProjectBasic(PagedRecord):
    internal_id: int | None = Field(None, alias="internalID")
    project_id: str | None = Field(None, alias="projectID")
    customer: NumberName | None = None
    hold: bool | None = None
    status: str | None = None
    description: str | None = None
    start_date: datetime | None = None
    end_date: datetime | None = None
    last_modified_date_time: datetime | None = None
    public_id: str | None = None
    time_stamp: str | None = None


class ProjectTask(Record):
    internal_id: int | None = None
    project_internal_id: int | None = None
    last_modified_date_time: datetime | None = None
    created_date_time: datetime | None = None
    task_id: str | None = None
    description: str | None = None
    planned_start: datetime | None = None
    planned_end: datetime | None = None
    start_date: datetime | None = None
    end_date: datetime | None = None
    status: str | None = None
    restrict_employees: bool | None = None
    visibility: ProjectVisibility | None = None
    time_stamp: str | None = None


class ProjectAccountGroup(PagedRecord):
    account_group_id: str | None = None
    active: bool | None = None
    description: str | None = None


class ProjectBudget(PagedRecord):
    project_id: str | None = Field(None, alias="projectID")
    project_task_id: str | None = Field(None, alias="projectTaskID")
    account_group_id: str | None = Field(None, alias="accountGroupID")
    inventory_number: str | None = None
    description: str | None = None
    uom: str | None = None
    rate: Decimal | None = None
    original_budget_qty: Decimal | None = None
    original_budget_amount: Decimal | None = None
    revised_budget_qty: Decimal | None = None
    revised_budget_amount: Decimal | None = None
    actual_qty: Decimal | None = None
    actual_amount: Decimal | None = None
    type: str | None = None


class ProjectTransactionLine(Shape):
    tran_id: int | None = None
    date: datetime | None = None
    description: str | None = None
    uom: str | None = None
    quantity: Decimal | None = None
    amount: Decimal | None = None
    financial_period: str | None = None
    batch_nbr: str | None = None
    project: IdDescription | None = None
    project_task: IdDescription | None = None
    account_group: NumberName | None = None
    note: str | None = None


class ProjectTransaction(Record):
    ref_nbr: str | None = None
    description: str | None = None
    orig_doc_nbr: str | None = None
    status: str | None = None
    module: str | None = None
    time_stamp: str | None = None
    lines: list[ProjectTransactionLine] | None = None
