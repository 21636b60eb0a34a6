"""Test data for the ledger's journal transactions and the supplier ledger's documents.

`books(tenant)` gives a test company the demo company's books, on whichever database the test runs: its VAT
zones and terms, suppliers, items, chart of accounts, periods 2019 to this year, SUBACCOUNT dimension with
required combinations, VAT set-up, and currencies (EUR and SEK with their SPOT rates) (the demo's own seeding
functions, so walk-throughs work as printed).
Bodies are built in the write shape; what a test is about goes through the API.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from nettfin.server.demo.currencies import seed_currencies
from nettfin.server.demo.ledger import seed_ledger
from nettfin.server.demo.parties import seed_parties
from nettfin.server.identity.models import User
from nettfin.server.ledger.posting import ledger_invariants
from nettfin.server.payables.balances import reconcile_supplier_ledger
from nettfin.server.tax.models import VatZone
from nettfin.server.terms.models import CreditTerms
from tests.conftest import Tenant
from tests.factories import new_number
from tests.party_factories import schemas

LEGACY_V2 = "/API/controller/api/v2"


def books(tenant: Tenant) -> Tenant:
    """The demo company's zones, terms, suppliers, items, chart, periods, subaccounts and VAT, in `tenant`."""
    with tenant.database.writing() as session:
        company_id = tenant.company_id
        session.add_all(
            [
                VatZone(company_id=company_id, zone_id="01", description="Innenlands", default_vat_category="03"),
                VatZone(company_id=company_id, zone_id="02", description="EU", default_vat_category="05"),
                VatZone(company_id=company_id, zone_id="03", description="Eksport", default_vat_category="05"),
                CreditTerms(company_id=company_id, terms_id="30", description="30 dager netto", due_days=30),
                CreditTerms(company_id=company_id, terms_id="14", description="14 dager netto", due_days=14),
            ]
        )
        session.flush()
        seed_parties(session, company_id, demo_user=session.get(User, tenant.user_id))
        seed_ledger(session, company_id)
        seed_currencies(session, company_id)
    return tenant


# --- bodies -------------------------------------------------------------------------------------------------


def wrap(**members: Any) -> dict:
    return {name: {"value": value} for name, value in members.items()}


def article_invoice() -> dict:
    """The knowledge base's Supplier Invoice article, "POST SupplierInvoice", exactly as printed."""
    return {
        "date": {"value": "2019-11-08T00:00:00"},
        "documentType": {"value": "Invoice"},
        "referenceNumber": {"value": "000357"},
        "invoiceLines": [
            {
                "inventoryNumber": {"value": "test*test"},
                "lineNumber": {"value": "1"},
                "operation": "Insert",
                "projectId": {"value": "X"},
                "quantity": {"value": 1},
                "subaccount": [{"segmentId": 1, "segmentValue": "00"}],
                "unitCostInCurrency": {"value": "1.60"},
                "vatCodeId": {"value": "1"},
            }
        ],
        "paymentRefNo": {"value": "test"},
        "postPeriod": {"value": "112019"},
        "supplierNumber": {"value": "50000"},
        "supplierReference": {"value": "test"},
    }


def invoice_line(item: str = "test*test", quantity="1", unit_cost="100.00", operation="Insert", **extra) -> dict:
    line = {"operation": operation, **wrap(inventoryNumber=item, quantity=quantity, unitCostInCurrency=unit_cost)}
    line.update(extra)
    return line


def invoice_body(*lines: dict, supplier: str = "50000", date: str = "2019-11-08", **extra) -> dict:
    """A supplier invoice in period 201911 (the date's); one 100.00 line of test*test (VAT 1, 25 %) by default."""
    body = {**wrap(supplierNumber=supplier, date=date), "invoiceLines": list(lines) or [invoice_line()]}
    body.update(extra)
    return body


def payment_body(*applications: tuple[str, str] | str, supplier: str = "50000", date: str = "2019-12-01", **extra):
    """A payment from cash account 1920 applying each document (a reference number, or (type, number))."""
    lines = []
    for application in applications:
        kind, number = application if isinstance(application, tuple) else ("Invoice", application)
        lines.append({"operation": "Insert", **wrap(documentType=kind, refNbr=number)})
    body = {**wrap(supplier=supplier, applicationDate=date, cashAccount="1920"), "paymentLines": lines}
    body.update(extra)
    return body


def journal_body(*lines: dict, date: str = "2019-11-08", **extra) -> dict:
    body = {**wrap(transactionDate=date, description="Manual entry"), "journalTransactionLines": list(lines)}
    body.update(extra)
    return body


def journal_line(account: str, *, debit=None, credit=None, segments: list[dict] | None = None, **extra) -> dict:
    line = {"operation": "Insert", **wrap(accountNumber=account)}
    if debit is not None:
        line["debitAmountInCurrency"] = {"value": debit}
    if credit is not None:
        line["creditAmountInCurrency"] = {"value": credit}
    if segments is not None:
        line["subaccount"] = segments
    line.update(extra)
    return line


# --- through the API ----------------------------------------------------------------------------------------


def create_invoice(tenant: Tenant, body: dict | None = None) -> str:
    return new_number(tenant.post("/supplierInvoice", body or invoice_body()))


def released_invoice(tenant: Tenant, body: dict | None = None, kind: str = "Invoice") -> str:
    number = create_invoice(tenant, body)
    response = tenant.post(f"/supplierInvoice/{kind}/{number}/action/release")
    assert response.status_code == 200, response.text
    return number


def delete(tenant: Tenant, path: str):
    return tenant.client.delete(tenant.url(path), headers=tenant.headers)


def decimal(value) -> Decimal:
    return Decimal(str(value))


# --- the ledger's promises ----------------------------------------------------------------------------------


def assert_sound_books(tenant: Tenant) -> None:
    """Each batch balances, the trial balance is zero, the GL balances equal the posted lines, and the
    supplier ledger's open items equal its accounts' balances."""
    with tenant.database.reading() as session:
        problems = ledger_invariants(session, tenant.company_id)
        problems += reconcile_supplier_ledger(session, tenant.company_id)
    assert not problems, problems


def account_balance(tenant: Tenant, account: str) -> Decimal:
    from nettfin.server.ledger.posting import account_balance as balance

    with tenant.database.reading() as session:
        return balance(session, tenant.company_id, account)


def batch_count(tenant: Tenant) -> int:
    from nettfin.server.ledger.journal import JournalBatch

    with tenant.database.reading() as session:
        return len(session.scalars(select(JournalBatch.id).where(JournalBatch.company_id == tenant.company_id)).all())


def real_properties(document: str, component: str) -> set[str]:
    return set(schemas(document)[component]["properties"])
