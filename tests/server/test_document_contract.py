"""Purchase orders, customer invoices, customer payments and customer balances against the REAL Visma
documents: responses validated closed against `PurchaseOrderDto` (visma-purchase-order), `CustomerInvoiceDto`
and `ReleaseInvoiceActionResultDto` (visma-customerinvoice), `CustomerBalanceDto` (visma-customer) and, for
payments, the 2016 swagger's `PaymentDto` (the only real document of AR302000 in the reference); write models,
enums and query names compared with the real ones. Every test runs on both databases."""

from __future__ import annotations

import copy
import typing
from datetime import datetime
from decimal import Decimal
from functools import cache

import pytest
from jsonschema import Draft202012Validator

from nettfin.server.kit.wire import Value, WireEnum, WireModel
from nettfin.server.purchasing import schemas as po
from nettfin.server.receivables import document_schemas as ar
from tests.factories import new_number
from tests.party_factories import assert_real, query_names, real_enum, real_query_names, schemas
from tests.sales_factories import add_trading_company, invoice_body, order_body, payment_body
from tests.test_visma_contract import FORMATS, SWAGGER_REFS, SchemaConverter, definitions

PO_DOC, AR_DOC = "purchase-order", "customerinvoice"
_JSON = {bool: "boolean", int: "integer", Decimal: "number", str: "string", datetime: "string"}


def _ours(annotation) -> tuple[bool, str]:
    """(wrapped, JSON type) of one of nettfin's write members (`Value[datetime] | None`: wrapped string)."""
    (inner,) = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    wrapped = isinstance(inner, type) and issubclass(inner, Value)
    if wrapped:
        inner = [a for a in typing.get_args(inner.model_fields["value"].annotation) if a is not type(None)][0]
    if typing.get_origin(inner) is list:
        return wrapped, "array"
    if isinstance(inner, type) and issubclass(inner, WireEnum):
        return wrapped, "string"
    if isinstance(inner, type) and issubclass(inner, WireModel):
        return wrapped, "object"
    return wrapped, _JSON[inner]


def _theirs(name: str, node: dict) -> tuple[bool, str]:
    if "$ref" in node:
        target = schemas(name)[node["$ref"].rsplit("/", 1)[-1]]
        if set(target.get("properties", {})) == {"value"}:
            value = target["properties"]["value"]
            return True, "object" if "$ref" in value else value["type"]
        return False, "object"
    return False, node["type"]


def write_kind_mismatches(model, name: str, component: str, *, aliases: frozenset = frozenset()) -> dict:
    """Members whose wrapping or JSON type differs from the real write model's (dates included); members
    nettfin accepts as other names of real ones (`aliases`) are left out."""
    real = schemas(name)[component]["properties"]
    found = {}
    for member, field in model.model_fields.items():
        if member in aliases:
            continue
        ours, theirs = _ours(field.annotation), _theirs(name, real[member])
        if ours != theirs:
            found[member] = (ours, theirs)
    return found


def rich_order_body() -> dict:
    address = {"overrideAddress": {"value": True}, "addressLine1": {"value": "Kai 1"}, "countryId": {"value": "NO"}}
    contact = {"overrideContact": {"value": True}, "name": {"value": "Mottak"}, "email": {"value": "mottak@x.no"}}
    body = order_body(
        promisedOn={"value": "2020-03-20"},
        description={"value": "Everything"},
        supplierRef={"value": "REF-1"},
        branch={"value": "1"},
        terms={"value": None},
        shippingAddress={"value": address},
        shippingContact={"value": contact},
        remitAddress={"value": address},
        remitContact={"value": contact},
        note={"value": "note"},
    )
    body["lines"][0].update(
        {
            "warehouse": {"value": "2"},
            "discountPercent": {"value": 5},
            "requested": {"value": "2020-03-03"},
            "promised": {"value": "2020-03-19"},
            "project": {"value": "X"},
            "note": {"value": "line note"},
            "branch": {"value": "1"},
        }
    )
    return body


@pytest.fixture
def company(tenant):
    add_trading_company(tenant)
    return tenant


# --- purchase orders ---------------------------------------------------------------------------------------


def test_an_order_read_back_is_a_valid_real_purchase_order_dto(company):
    number = new_number(company.post("/purchaseorder", rich_order_body()))
    body = company.get(f"/purchaseorder/{number}").json()
    assert_real(body, PO_DOC, "PurchaseOrderDto")
    assert body["shippingAddress"]["overrideAddress"] is True and body["lines"][0]["warehouse"]["id"] == "2"
    assert_real(company.get(f"/purchaseorder/{number}?includeCustomFreeFields=true").json(), PO_DOC, "PurchaseOrderDto")


def test_every_order_list_element_is_a_valid_real_dto_with_metadata(company):
    company.post("/purchaseorder", order_body())
    company.post("/purchaseorder", rich_order_body())
    listed = company.get("/purchaseorder").json()
    for element in listed:
        assert_real(element, PO_DOC, "PurchaseOrderDto")
        assert element["metadata"] == {"totalCount": 2, "maxPageSize": 500}


def test_order_write_models_have_the_real_members_wrapped_as_the_real_ones():
    assert write_kind_mismatches(po.PurchaseOrderUpdateDto, PO_DOC, "PurchaseOrderUpdateDto") == {}
    assert write_kind_mismatches(po.PurchaseOrderLineUpdateDto, PO_DOC, "PurchaseOrderLineUpdateDto") == {}
    assert write_kind_mismatches(po.PurchaseOrderAddressUpdateDto, PO_DOC, "PurchaseOrderAddressUpdateDto") == {}
    assert write_kind_mismatches(po.PurchaseOrderContactUpdateDto, PO_DOC, "PurchaseOrderContactUpdateDto") == {}


@pytest.mark.parametrize(
    ("enum", "component", "member"),
    [
        (po.PurchaseOrderType, "PurchaseOrderDto", "orderType"),
        (po.PurchaseOrderStatus, "PurchaseOrderDto", "status"),
        (po.PoLineType, "PurchaseOrderLineDto", "lineType"),
        (po.ReceiptAction, "PurchaseOrderLineDto", "receiptAction"),
        (po.ShippingDestinationType, "PurchaseOrderDto", "shippingDestinationType"),
    ],
)
def test_order_enums_are_the_real_ones(enum, component, member):
    assert {m.value for m in enum} == real_enum(PO_DOC, component, member)


def test_the_order_list_declares_the_real_query_parameters_and_the_articles_status(client):
    ours, real = query_names(client, "/purchaseorder"), real_query_names(PO_DOC, "/purchaseorder")
    assert real - ours == {"erp-api-background", "numberToRead", "skipRecords"} - (ours & real) or real - ours <= {
        "erp-api-background"
    }
    assert ours - real == {"status", "orderBy"}


# --- customer invoices -------------------------------------------------------------------------------------


def test_an_invoice_read_back_is_a_valid_real_customer_invoice_dto(company):
    body = invoice_body(
        creditTermsId={"value": None},
        billingAddress={"value": {"addressLine1": {"value": "Faktura 1"}, "countryId": {"value": "NO"}}},
        invoiceContact={"value": {"name": {"value": "Regnskap"}, "email": {"value": "r@x.no"}}},
        paymentMethodId={"value": "BANK"},
        branchNumber={"value": "1"},
        project={"value": "X"},
        salesperson={"value": "S1"},
        startDate={"value": "2020-03-01"},
    )
    body["invoiceLines"][0].update(
        {"termStartDate": {"value": "2020-03-01"}, "itemType": {"value": "Service"}, "deferralSchedule": {"value": 1}}
    )
    number = new_number(company.post("/customerinvoice", body))
    assert_real(company.get(f"/customerinvoice/{number}").json(), AR_DOC, "CustomerInvoiceDto")
    release = company.post(f"/customerinvoice/{number}/action/release")
    assert_real(release.json(), AR_DOC, "ReleaseInvoiceActionResultDto")
    company.post("/customerPayment", payment_body(amount="10", lines=[("Invoice", number, "10")]))
    released = company.get(f"/customerinvoice/{number}?expandApplications=true").json()
    assert_real(released, AR_DOC, "CustomerInvoiceDto")


def test_every_invoice_list_element_and_a_credit_note_is_a_valid_real_dto(company):
    number = new_number(company.post("/customerinvoice", invoice_body()))
    company.post(f"/customerinvoice/{number}/action/release")
    note = company.post(f"/customerinvoice/{number}/action/reverse", {"returnCreditNote": True}).json()
    assert_real(note, AR_DOC, "CustomerInvoiceDto")
    for element in company.get("/customerinvoice?expandApplications=true").json():
        assert_real(element, AR_DOC, "CustomerInvoiceDto")
        assert element["metadata"] == {"totalCount": 2, "maxPageSize": 500}


def test_invoice_write_models_have_the_real_members_wrapped_as_the_real_ones():
    # nettfin's date members are Value[datetime] where the real ones are DtoValueOfDateTime: both `string`.
    assert write_kind_mismatches(ar.CustomerInvoiceUpdateDto, AR_DOC, "CustomerInvoiceUpdateDto") == {}
    assert write_kind_mismatches(ar.CustomerInvoiceLinesUpdateDto, AR_DOC, "CustomerInvoiceLinesUpdateDto") == {}
    assert write_kind_mismatches(ar.SalesInvoiceAddressUpdateDto, AR_DOC, "SalesInvoiceAddressUpdateDto") == {}
    assert write_kind_mismatches(ar.SalesInvoiceContactUpdateDto, AR_DOC, "SalesInvoiceContactUpdateDto") == {}


@pytest.mark.parametrize(
    ("enum", "component", "member"),
    [
        (ar.CustomerDocumentType, "CustomerInvoiceDto", "documentType"),
        (ar.CustomerInvoiceStatus, "CustomerInvoiceDto", "status"),
        (ar.ItemType, "CustomerInvoiceLineDto", "itemType"),
    ],
)
def test_invoice_enums_are_the_real_ones(enum, component, member):
    assert {m.value for m in enum} == real_enum(AR_DOC, component, member)


def test_the_invoice_list_declares_the_real_query_parameters(client):
    ours, real = query_names(client, "/customerinvoice"), real_query_names(AR_DOC, "/customerinvoice")
    assert real - ours == {"erp-api-background", "numberToRead", "skipRecords"} - ours
    assert ours - real == {"orderBy"}


# --- payments (2016 swagger) and balances --------------------------------------------------------------------


@cache
def _payment_validator() -> Draft202012Validator:
    """The 2016 PaymentDto closed; nettfin adds `metadata` (list elements) and `timeStamp`, as every resource."""
    schema = copy.deepcopy(SchemaConverter(definitions(), SWAGGER_REFS, closed=True).root("PaymentDto"))
    schema["$defs"]["PaymentDto"]["properties"].update(
        metadata={"type": "object"}, timeStamp={"type": "string", "format": "byte"}
    )
    return Draft202012Validator(schema, format_checker=FORMATS)


def assert_real_payment(instance: dict) -> None:
    found = sorted(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _payment_validator().iter_errors(instance)
    )
    assert not found, "\n".join(found)


def test_payments_are_valid_2016_payment_dtos_before_and_after_release(company):
    number = new_number(company.post("/customerinvoice", invoice_body()))
    company.post(f"/customerinvoice/{number}/action/release")
    payment = new_number(
        company.post("/customerPayment", payment_body(amount="100", lines=[("Invoice", number, "60")]))
    )
    assert_real_payment(company.get(f"/customerPayment/{payment}").json())
    company.post(f"/customerPayment/{payment}/action/release", {"type": {"value": "Payment"}})
    for element in company.get("/customerPayment").json():
        assert_real_payment(element)


def test_payment_write_models_and_enums_are_the_2016_ones():
    real = definitions()
    assert set(ar.PaymentLinesUpdateDto.model_fields) == set(real["PaymentLinesUpdateDto"]["properties"])
    # The reference adds referenceNumber and overrideNumberSeries to the 2016 members.
    assert set(ar.PaymentUpdateDto.model_fields) - set(real["PaymentUpdateDto"]["properties"]) == {
        "referenceNumber",
        "overrideNumberSeries",
    }
    assert {m.value for m in ar.PaymentType} == set(real["PaymentDto"]["properties"]["type"]["enum"])


def test_customer_balances_are_valid_real_customer_balance_dtos(company):
    number = new_number(company.post("/customerinvoice", invoice_body()))
    company.post(f"/customerinvoice/{number}/action/release")
    for element in company.get("/customer/balance").json():
        assert_real(element, "customer", "CustomerBalanceDto")
    assert_real(company.get("/customer/10000/balance").json(), "customer", "CustomerBalanceDto")
