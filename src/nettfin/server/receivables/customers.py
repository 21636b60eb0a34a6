"""Customers (AR303000) and customer classes (AR201000) as the API serves them: `kit.resource` declarations.

A customer's number comes from the CUSTOMER number series (or the client's, with `overrideNumberSeries`); its
class gives a new customer its VAT zone, credit terms and `invoiceOrdersSeparately` (and an existing one with
`overrideWithClassValues`); the list is paged. What customers share with suppliers is in `kit.party` and
`parties.members`. Besides its number, a customer is reached by its internal id (`/customer/internal/{id}`).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import joinedload, load_only, raiseload

from ..kit.filters import Accepted, DateSince, MemberEquals
from ..kit.members import id_and_description
from ..kit.party import (
    ATTRIBUTES,
    ENDING,
    NUMBER_OF_EMPLOYEES,
    REGISTRATION,
    REQUIRED,
    Figure,
    Shown,
    address,
    contact,
    location,
    party_filters,
    switch,
)
from ..kit.records import RecordKey
from ..kit.render import format_datetime
from ..kit.resource import (
    LAST_MODIFIED,
    READ_ONLY,
    Computed,
    DateTimeText,
    Flag,
    GreaterThan,
    ModifiedSince,
    Resource,
    Scalar,
    Texts,
)
from ..numbering.service import CUSTOMER as CUSTOMER_SERIES
from ..parties.members import CREDIT_TERMS, CURRENCY_ID, opening, party_check, vat_zone
from .customer_lines import KeptLines, prepare_customers
from .models import Customer, CustomerClass
from .schemas import (
    CreditRule,
    CustomerDirectDebitDto,
    CustomerDirectDebitUpdateDto,
    CustomerSalesPersonUpdateDto,
    CustomerStatus,
    LocationDto,
    StatementType,
    VatZoneInCustomerDto,
)

CUSTOMER_CLASS = Resource(
    name="customerClass",
    model=CustomerClass,
    path="/v1/customer/customerClass",
    tag="Customer",
    label="Customer class",
    key=RecordKey("id", CustomerClass.class_id, "Customer class"),
    key_param="customerClassId",
    members=(
        *id_and_description("class_id"),
        Computed("taxZoneId", str, lambda c: c.vat_zone.zone_id if c.vat_zone else None),
        Shown("requiredTaxzoneId", bool, lambda c: c.required_vat_zone),
        Computed("paymentMethodId", str, lambda c: c.payment_method_id),
        Shown("invoiceOrdersSeparately", bool, lambda c: c.invoice_orders_separately),
        ATTRIBUTES,
    ),
    texts=Texts(
        list="Get Customer Classes - ScreenId=AR201000", get="Get a specific Customer Class - ScreenId=AR201000"
    ),
    dto="CustomerClassDto",
    paged=False,
    operations=READ_ONLY,
    read_required=frozenset({"id", "requiredTaxzoneId", "invoiceOrdersSeparately", "attributes"}),
)

_CREATED = Computed("createdDateTime", DateTimeText, lambda c: format_datetime(c.created_at))
EXPAND_DIRECT_DEBIT = "expandDirectDebit"
# What crm keeps for a customer (`customer_lines`): its direct debit mandates, read and written, and the sales
# persons serving it, written here and read at `/customer/{customerCd}/salespersons`.
_KEPT = (
    KeptLines(
        "directDebitLines",
        CustomerDirectDebitUpdateDto,
        CustomerDirectDebitDto,
        "The customer's direct debit mandates: `id` names one to update or delete.",
        when=EXPAND_DIRECT_DEBIT,
    ),
    KeptLines(
        "salesPersons",
        CustomerSalesPersonUpdateDto,
        description="The sales persons serving the customer, each named by `salesPersonID` and `locationID` (MAIN).",
    ),
)

CUSTOMER = Resource(
    name="customer",
    model=Customer,
    path="/v1/customer",
    tag="Customer",
    label="Customer",
    key=RecordKey("number", Customer.number, "Customer ID", CUSTOMER_SERIES),
    key_wrapped=True,
    key_param="customerCd",
    members=(
        *opening("customer", Customer, CustomerClass, CustomerStatus, account_reference="Account reference"),
        switch("invoiceOrdersSeparately", "invoice_orders_separately", "Invoice orders separately"),
        *CREDIT_TERMS,
        CURRENCY_ID,
        Scalar("creditVerification", "credit_verification", "Credit verification", kind=CreditRule, cleared="Disabled"),
        Figure("creditLimit", "credit_limit", "Credit limit", kind=Decimal, cleared=Decimal(0)),
        Figure("creditDaysPastDue", "credit_days_past_due", "Credit days past due", kind=int, cleared=0),
        address("invoiceAddress", "invoice_address"),
        contact("invoiceContact", "invoice_contact"),
        switch("printInvoices", "print_invoices", "Print invoices"),
        switch("acceptAutoInvoices", "accept_auto_invoices", "Accept AutoInvoices"),
        switch("sendInvoicesByEmail", "send_invoices_by_email", "Send invoices by e-mail"),
        switch("sendDunningLettersViaEMail", "send_dunning_letters_via_email", "Send dunning letters by e-mail"),
        switch("printDunningLetters", "print_dunning_letters", "Print dunning letters"),
        switch("printStatements", "print_statements", "Print statements"),
        switch("sendStatementsByEmail", "send_statements_by_email", "Send statements by e-mail"),
        switch("printMultiCurrencyStatements", "print_multi_currency_statements", "Multi-currency statements"),
        Scalar("statementType", "statement_type", "Statement type", kind=StatementType, cleared="OpenItem"),
        address("deliveryAddress", "delivery_address"),
        contact("deliveryContact", "delivery_contact"),
        *REGISTRATION,
        Scalar("gln", "gln", "GLN"),
        Scalar("note", "note", "Note", readable=False),
        *vat_zone(VatZoneInCustomerDto),
        location(LocationDto),
        ATTRIBUTES,
        LAST_MODIFIED,
        _CREATED,
        *_KEPT,
        switch("invoiceToDefaultLocation", "invoice_to_default_location", "Invoice to default location", cleared=True),
        NUMBER_OF_EMPLOYEES,
        switch("excludeDebtCollection", "exclude_debt_collection", "Exclude debt collection"),
        *ENDING,
    ),
    texts=Texts(
        list="Get a range of customers - ScreenId=AR303000",
        get="Get a specific customer - ScreenId=AR303000",
        create="Creates a customer",
        update="Updates a specific customer",
        notes=(
            "Paged: every element carries `metadata: {totalCount, maxPageSize}`. `name` matches a part of the "
            "name, case-insensitively."
        ),
    ),
    dto="CustomerDto",
    write_dto="CustomerUpdateDto",
    filters=(
        *party_filters(CustomerStatus, "A part of the customer's name."),
        MemberEquals("email", "main_contact", "email", folded=True, description="The main contact's e-mail address."),
        MemberEquals("phone", "main_contact", "phone1", description="The main contact's phone 1."),
        ModifiedSince(),
        DateSince("createdDateTime", "created_at"),
        GreaterThan(),
        Accepted((("expandAccountInformation", bool), ("expandPaymentMethods", bool), ("attributes", str))),
        Flag(EXPAND_DIRECT_DEBIT, "True: give each customer's directDebitLines."),
    ),
    # What a read renders: the customer's class, terms and zone, and of its parent only the number and name.
    # Without these options the relationships' joined defaults join the parent's own class, terms and zone and
    # the class's terms and zone too: 11 joins a row instead of 4.
    load=(
        joinedload(Customer.parent).options(load_only(Customer.number, Customer.name), raiseload("*")),
        joinedload(Customer.customer_class).options(raiseload("*")),
    ),
    prepare=lambda session, company_id, customers, view: prepare_customers(_KEPT, session, customers, view),
    check=party_check(
        "customer",
        (
            ("vatZoneId", "vat_zone"),
            ("creditTermsId", "credit_terms"),
            ("invoiceOrdersSeparately", "invoice_orders_separately"),
        ),
    ),
    read_required=REQUIRED
    | {
        "invoiceOrdersSeparately",
        "creditVerification",
        "creditLimit",
        "creditDaysPastDue",
        "invoiceAddress",
        "invoiceContact",
        "printInvoices",
        "acceptAutoInvoices",
        "sendInvoicesByEmail",
        "sendDunningLettersViaEMail",
        "printDunningLetters",
        "printStatements",
        "sendStatementsByEmail",
        "printMultiCurrencyStatements",
        "statementType",
        "deliveryAddress",
        "deliveryContact",
        "createdDateTime",
        "invoiceToDefaultLocation",
        "excludeDebtCollection",
    },
)

# The DTOs by the names the document gives them.
CustomerDto = CUSTOMER.read_model
CustomerUpdateDto = CUSTOMER.write_model
CustomerClassDto = CUSTOMER_CLASS.read_model
