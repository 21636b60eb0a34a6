"""The document core's rules, the same for every document type (supplier invoices and payments, customer invoices
and payments, purchase orders): document numbers (series, a number the client gives, overrideNumberSeries),
periods (the field named in the refusal, two fields that must agree), and VAT totals (by the VAT IDs' flags)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest

from nettfin.server.documents.vat import VatPart, vat_totals
from nettfin.server.numbering.models import NumberSeries
from nettfin.server.numbering.service import create_series
from tests import sales_factories as sales
from tests import supplier_ledger_factories as supplier_ledger
from tests.factories import new_number


@dataclass(frozen=True)
class DocumentType:
    path: str
    setup: Callable
    body: Callable[..., dict]
    key: str  # the number's wire field
    label: str  # its label in messages
    series: str  # its number series
    period: str | None = None  # the period field whose label a refusal names


SUPPLIER_INVOICE = DocumentType(
    "/supplierInvoice",
    supplier_ledger.books,
    supplier_ledger.invoice_body,
    "referenceNumber",
    "Reference number",
    "APBILL",
    "Post period",
)
SUPPLIER_PAYMENT = DocumentType(
    "/supplierPayment",
    supplier_ledger.books,
    lambda **extra: supplier_ledger.payment_body(**supplier_ledger.wrap(paymentAmount="100"), **extra),
    "referenceNumber",
    "Reference number",
    "APPAYMENT",
    "Application period",
)
CUSTOMER_INVOICE = DocumentType(
    "/customerinvoice",
    sales.add_trading_company,
    sales.invoice_body,
    "referenceNumber",
    "Reference number",
    "ARINVOICE",
    "Post period",
)
CUSTOMER_PAYMENT = DocumentType(
    "/customerPayment",
    sales.add_trading_company,
    lambda **extra: sales.payment_body(amount="100", **extra),
    "referenceNumber",
    "Reference number",
    "ARPAYMENT",
    "Application period",
)
PURCHASE_ORDER = DocumentType(
    "/purchaseorder", sales.add_trading_company, sales.order_body, "orderNumber", "Order no.", "POORDER"
)
EVERY_DOCUMENT = [SUPPLIER_INVOICE, SUPPLIER_PAYMENT, CUSTOMER_INVOICE, CUSTOMER_PAYMENT, PURCHASE_ORDER]
LEDGER_DOCUMENTS = [kind for kind in EVERY_DOCUMENT if kind.period]
IDS = {"ids": lambda kind: kind.path.strip("/")}


def _message(response) -> str:
    assert response.status_code == 400, response.text
    return response.json()["message"]


@pytest.mark.parametrize("kind", EVERY_DOCUMENT, **IDS)
def test_the_series_numbers_a_document_and_a_number_sent_without_override_is_ignored(tenant, kind):
    kind.setup(tenant)
    response = tenant.post(kind.path, kind.body(**{kind.key: {"value": "X-1"}}))
    assert new_number(response) == "000001"
    assert response.headers["X-Nettfin-Ignored-Fields"] == kind.key
    assert new_number(tenant.post(kind.path, kind.body())) == "000002"


@pytest.mark.parametrize("kind", EVERY_DOCUMENT, **IDS)
def test_override_number_series_keeps_the_clients_number_once(tenant, kind):
    kind.setup(tenant)
    override = {"overrideNumberSeries": {"value": True}}
    assert new_number(tenant.post(kind.path, kind.body(**{kind.key: {"value": "X-1"}}, **override))) == "X-1"
    duplicate = _message(tenant.post(kind.path, kind.body(**{kind.key: {"value": "X-1"}}, **override)))
    assert (
        f"'{kind.label}' 'X-1' already exists; choose another number or omit it to use the number series." in duplicate
    )
    assert f"'{kind.label}' cannot be empty." in _message(tenant.post(kind.path, kind.body(**override)))
    too_long = _message(tenant.post(kind.path, kind.body(**{kind.key: {"value": "N" * 16}}, **override)))
    assert f"'{kind.label}' is too long: 16 characters, at most 15 are allowed." in too_long
    # The series skips a number a client took.
    tenant.post(kind.path, kind.body(**{kind.key: {"value": "000001"}}, **override))
    assert new_number(tenant.post(kind.path, kind.body())) == "000002"


@pytest.mark.parametrize("kind", EVERY_DOCUMENT, **IDS)
def test_a_manual_series_leaves_the_number_to_the_client_and_one_kept_on_imports_takes_a_number_sent(tenant, kind):
    kind.setup(tenant)
    with tenant.database.writing() as session:
        create_series(session, company_id=tenant.company_id, series_id=kind.series, description="x", manual=True)
    assert f"'{kind.label}' cannot be empty." in _message(tenant.post(kind.path, kind.body()))
    assert new_number(tenant.post(kind.path, kind.body(**{kind.key: {"value": "M-1"}}))) == "M-1"
    with tenant.database.writing() as session:
        series = session.get(NumberSeries, (tenant.company_id, kind.series))
        series.manual, series.manual_on_import = False, True
    assert new_number(tenant.post(kind.path, kind.body(**{kind.key: {"value": "I-1"}}))) == "I-1"
    assert new_number(tenant.post(kind.path, kind.body())) == "000001"


@pytest.mark.parametrize("kind", LEDGER_DOCUMENTS, **IDS)
def test_a_period_that_cannot_be_posted_to_is_refused_naming_the_field(tenant, kind):
    kind.setup(tenant)
    field = "postPeriod" if kind.period == "Post period" else "applicationPeriod"
    message = _message(tenant.post(kind.path, kind.body(**{field: {"value": "012031"}})))
    assert f"'{kind.period}': Financial period '203101' does not exist." in message


@pytest.mark.parametrize("kind", [SUPPLIER_INVOICE, CUSTOMER_INVOICE], **IDS)
def test_post_period_and_financial_period_must_name_one_period(tenant, kind):
    kind.setup(tenant)
    body = kind.body(postPeriod={"value": "012031"}, financialPeriod={"value": "203102"})
    message = _message(tenant.post(kind.path, body))
    assert "'Post period' (203101) and 'Financial period' (203102) must be the same period." in message


def test_vat_totals_follow_the_vat_ids_flags():
    parts = [
        VatPart("1", Decimal(25), False, Decimal(100), Decimal(25)),
        VatPart("6", Decimal(0), False, Decimal(40), Decimal(0)),  # exempt
        VatPart("R", Decimal(25), True, Decimal(200), Decimal(50)),  # reverse charge: not charged
    ]
    # 30.00 of lines has no VAT ID: in neither total, but in the document's amount.
    totals = vat_totals([Decimal(100), Decimal(40), Decimal(200), Decimal(30)], parts, {"6"})
    assert (totals.taxable, totals.exempt, totals.vat, totals.amount) == (300, 40, 25, 395)


@pytest.mark.parametrize(
    ("kind", "party", "label", "currency", "read_currency"),
    [
        (CUSTOMER_INVOICE, "customerNumber", "Customer", "currencyId", "currencyId"),
        (PURCHASE_ORDER, "supplier", "Supplier", "currency", "currency"),
    ],
    ids=["customerinvoice", "purchaseorder"],
)
def test_a_party_new_to_the_document_gives_its_defaults_and_the_same_party_again_changes_nothing(
    tenant, kind, party, label, currency, read_currency
):
    kind.setup(tenant)
    path = f"{kind.path}/{new_number(tenant.post(kind.path, kind.body()))}"
    assert tenant.get(path).json()[read_currency] == "NOK"  # the party's
    assert tenant.put(path, {currency: {"value": "EUR"}}).status_code == 204
    party_number = kind.body()[party]["value"]
    assert tenant.put(path, {party: {"value": party_number}}).status_code == 204
    assert tenant.get(path).json()[read_currency] == "EUR"
    for sent, problem in (
        ("99999", f"{label} '99999' cannot be found in the system."),
        ("", f"'{label}' cannot be empty."),
    ):
        body = {**kind.body(), party: {"value": sent}}
        assert problem in _message(tenant.post(kind.path, body))
