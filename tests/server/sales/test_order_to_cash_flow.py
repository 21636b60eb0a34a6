"""Order to cash, end to end through the API on both databases, and what every step does to the books.

One stock item is received into warehouse 1 at a known cost, ordered (SO) by a domestic customer with 25 % VAT,
partly shipped, the shipment confirmed, the order's confirmed shipment invoiced (v2 prepareInvoice) and the
invoice released, paid in part, credited for one unit by a released credit note applied to it, and closed by a
second payment. After each step the test asserts, through the API only:
- the item's on-hand quantity and what open orders book of it (`/inventorysummary/VARE`);
- the year-to-date balances of the accounts the flow touches (`/generalLedgerBalance` for 202003): customer
  ledger control (AR), revenue, VAT payable, COGS, inventory, the receipt's offset and the bank;
- the customer's balance (`/customer/10000/balance`), and the invoice's balance and status;
- the order's status, open quantity and unbilled amount, and the shipment's status.

Every expected number is computed below from the inputs (quantities, price, VAT rate, cost).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from nettfin.server.inventory.models import InventoryItem, PostingClass
from tests.factories import new_number
from tests.party_factories import add_gl_accounts
from tests.sales_factories import add_trading_company

# The inputs.
RECEIVED, UNIT_COST = Decimal(10), Decimal("100.00")
ORDERED, SHIPPED, CREDITED = Decimal(4), Decimal(3), Decimal(1)
PRICE, VAT_RATE = Decimal("250.00"), Decimal("0.25")  # VARE's default price; zone 01 x category 03
FIRST_PAYMENT = Decimal("400.00")
DAY = "2020-03-{:02d}"

# The accounts (the trading company's chart, and two added here): number -> role.
AR, REVENUE, VAT, INVENTORY, BANK = "1500", "3000", "2700", "1400", "1920"
COGS, OPENING = "4005", "2090"  # cost of goods sold; what the receipt of stock is credited to
ROLES = {
    "ar": AR,
    "revenue": REVENUE,
    "vat": VAT,
    "cogs": COGS,
    "inventory": INVENTORY,
    "opening": OPENING,
    "bank": BANK,
}
CENT = Decimal("0.01")


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT)


@pytest.fixture
def company(tenant):
    """The trading company, with a posting class giving VARE its COGS account and the receipt's offset."""
    add_trading_company(tenant)
    add_gl_accounts(tenant, {COGS: "Expense", OPENING: "Liability"})
    with tenant.database.writing() as session:
        accounts = {"inventoryAccount": INVENTORY, "cogsAccount": COGS, "inventoryAdjustmentAccount": OPENING}
        posting = PostingClass(company_id=tenant.company_id, class_id="VARER", description="Varer", accounts=accounts)
        session.add(posting)
        vare = session.scalars(
            select(InventoryItem).where(InventoryItem.company_id == tenant.company_id, InventoryItem.number == "VARE")
        ).one()
        vare.posting_class = posting
        vare.accounts = {**vare.accounts, "cogsAccount": COGS}
    return tenant


def _ok(response, status: int = 200):
    assert response.status_code == status, response.text
    return response


def _stock(tenant) -> tuple[Decimal, Decimal]:
    """On hand and booked by open sales orders, over every warehouse."""
    rows = _ok(tenant.get("/inventorysummary/VARE")).json()
    return (
        sum((Decimal(str(r.get("onHand", 0))) for r in rows), Decimal(0)),
        sum((Decimal(str(r.get("soBooked", 0))) for r in rows), Decimal(0)),
    )


def _ledger(tenant) -> dict[str, Decimal]:
    """Year-to-date balance of 202003 per account with one, in the account's normal sign (credit-positive for
    liability and income): every account, so a posting to an account the step should not touch shows."""
    rows = _ok(tenant.get("/generalLedgerBalance", params={"periodId": "202003"})).json()
    found: dict[str, Decimal] = {}
    for row in rows:
        number = row["account"]["number"]
        found[number] = found.get(number, Decimal(0)) + Decimal(str(row["yearToDateBalance"]))
    return {account: _money(value) for account, value in found.items() if value}


def _order(tenant, number: str) -> tuple[str, Decimal, Decimal]:
    """The order's status, and its line's open quantity and unbilled amount (without VAT)."""
    found = _ok(tenant.get(f"/salesorder/{number}")).json()
    (line,) = found["lines"]
    return found["status"], Decimal(str(line["openQty"])), _money(Decimal(str(line["unbilledAmount"])))


def _customer_balance(tenant) -> Decimal:
    return _money(Decimal(str(_ok(tenant.get("/customer/10000/balance")).json()["balance"])))


def _document(tenant, path: str) -> tuple[str, Decimal]:
    found = _ok(tenant.get(path)).json()
    return found["status"], _money(Decimal(str(found["balance"])))


def _books(**balances: Decimal) -> dict[str, Decimal]:
    """The expected ledger: account role -> balance, as `_ledger` shows it (accounts at 0 left out)."""
    return {ROLES[role]: _money(value) for role, value in balances.items() if value}


def _pay(tenant, amount: Decimal, lines: list[tuple[str, str, Decimal]]) -> str:
    body = {
        "type": {"value": "Payment"},
        "customer": {"value": "10000"},
        "applicationDate": {"value": DAY.format(20)},
        "paymentAmount": {"value": str(amount)},
        "paymentLines": [
            {
                "operation": "Insert",
                "documentType": {"value": kind},
                "refNbr": {"value": number},
                "amountPaid": {"value": str(paid)},
            }
            for kind, number, paid in lines
        ],
    }
    number = new_number(_ok(tenant.post("/customerPayment", body), 201))
    _ok(tenant.post(f"/customerPayment/{number}/action/release", {"type": {"value": "Payment"}}))
    return number


def test_order_to_cash_moves_stock_and_books_as_each_step_should(company):
    api = company
    received_value = RECEIVED * UNIT_COST
    shipped_cost = SHIPPED * UNIT_COST
    invoiced_net = SHIPPED * PRICE
    invoiced_vat = _money(invoiced_net * VAT_RATE)
    invoiced_gross = invoiced_net + invoiced_vat
    credited_net = CREDITED * PRICE
    credited_vat = _money(credited_net * VAT_RATE)
    credited_gross = credited_net + credited_vat
    second_payment = invoiced_gross - FIRST_PAYMENT - credited_gross

    # 1. Stock received at a known cost: inventory debited, the offset account credited.
    receipt = {
        "date": {"value": DAY.format(1) + "T00:00:00"},
        "description": {"value": "Opening stock"},
        "receiptLines": [
            {
                "operation": "Insert",
                "inventoryNumber": {"value": "VARE"},
                "warehouseId": {"value": "1"},
                "quantity": {"value": str(RECEIVED)},
                "unitCost": {"value": str(UNIT_COST)},
            }
        ],
    }
    number = new_number(_ok(api.post("/inventoryReceipt", receipt), 201))
    _ok(api.post(f"/inventoryReceipt/{number}/action/release"))
    stocked = _books(inventory=received_value, opening=received_value)
    assert _stock(api) == (RECEIVED, 0)
    assert _ledger(api) == stocked

    # 2. The sales order books what it orders; nothing is posted.
    order_body = {
        "orderType": {"value": "SO"},
        "date": {"value": DAY.format(2)},
        "customer": {"value": "10000"},
        "lines": [{"operation": "Insert", "inventoryNumber": {"value": "VARE"}, "quantity": {"value": str(ORDERED)}}],
    }
    order = new_number(_ok(api.post("/salesorder", order_body), 201))
    shown = _ok(api.get(f"/salesorder/{order}")).json()
    assert (shown["status"], shown["lines"][0]["unitPrice"]) == ("Open", float(PRICE))
    assert _money(Decimal(str(shown["orderTotal"]))) == _money(ORDERED * PRICE * (1 + VAT_RATE))
    assert _stock(api) == (RECEIVED, ORDERED)
    assert _ledger(api) == stocked

    # 3. A shipment of part of it: created open, nothing moves yet.
    created = _ok(
        api.post(
            f"/salesorder/{order}/action/createShipment",
            {"orderType": "SO", "shipmentDate": DAY.format(5), "shipmentWarehouse": "1"},
        )
    )
    shipment = created.json()["referenceNumber"]
    partial = {"shipmentDetailLines": [{"lineNumber": {"value": 1}, "shippedQty": {"value": str(SHIPPED)}}]}
    _ok(api.put(f"/shipment/{shipment}", partial), 204)
    assert _ok(api.get(f"/shipment/{shipment}")).json()["status"] == "Open"
    assert _stock(api) == (RECEIVED, ORDERED)
    assert _ledger(api) == stocked

    # 4. Confirmed: the shipped quantity leaves stock at its cost (COGS debited, inventory credited); the order
    # books only what is still to ship.
    _ok(api.post(f"/shipment/{shipment}/action/confirmShipment", None))
    shipped = _books(cogs=shipped_cost, inventory=received_value - shipped_cost, opening=received_value)
    assert _ok(api.get(f"/shipment/{shipment}")).json()["status"] == "Confirmed"
    assert _order(api, order) == ("BackOrder", ORDERED - SHIPPED, ORDERED * PRICE)
    assert _stock(api) == (RECEIVED - SHIPPED, ORDERED - SHIPPED)
    assert _ledger(api) == shipped
    assert _customer_balance(api) == 0

    # 5. The order's confirmed shipment invoiced (v2 prepareInvoice): a balanced invoice of the shipped
    # quantity, not yet posted.
    _ok(api.client.post(f"/v2/salesorder/SO/{order}/action/prepareInvoice", headers=api.headers))
    (listed,) = _ok(api.get("/customerinvoice")).json()
    invoice = listed["referenceNumber"]
    path = f"/customerinvoice/{invoice}"
    (line,) = listed["invoiceLines"]
    assert (line["soShipmentNbr"], line["soOrderNbr"], Decimal(str(line["quantity"]))) == (shipment, order, SHIPPED)
    assert _money(Decimal(str(listed["amount"]))) == invoiced_gross
    assert _money(Decimal(str(listed["vatTotal"]))) == invoiced_vat
    assert _ok(api.get(f"/shipment/{shipment}")).json()["status"] == "Invoiced"
    # The order line counts what was invoiced: only the unit still to ship is unbilled.
    assert _order(api, order) == ("BackOrder", ORDERED - SHIPPED, (ORDERED - SHIPPED) * PRICE)
    assert _ledger(api) == shipped
    assert _stock(api) == (RECEIVED - SHIPPED, ORDERED - SHIPPED)

    # 6. Released: the customer owes the gross, revenue and VAT payable are credited.
    _ok(api.post(f"{path}/action/release"))
    left_in_stock = received_value - shipped_cost
    cost = {"cogs": shipped_cost, "inventory": left_in_stock, "opening": received_value}
    invoiced = _books(ar=invoiced_gross, revenue=invoiced_net, vat=invoiced_vat, **cost)
    assert _document(api, path) == ("Open", invoiced_gross)
    assert _ledger(api) == invoiced
    assert _customer_balance(api) == invoiced_gross
    assert _stock(api) == (RECEIVED - SHIPPED, ORDERED - SHIPPED)

    # 7. A partial payment, released: the bank debited, the customer ledger credited.
    _pay(api, FIRST_PAYMENT, [("Invoice", invoice, FIRST_PAYMENT)])
    owed = invoiced_gross - FIRST_PAYMENT
    paid = _books(ar=owed, revenue=invoiced_net, vat=invoiced_vat, bank=FIRST_PAYMENT, **cost)
    assert _document(api, path) == ("Open", invoiced_gross - FIRST_PAYMENT)
    assert _ledger(api) == paid
    assert _customer_balance(api) == invoiced_gross - FIRST_PAYMENT

    # 8. A credit note for one unit, released: revenue and VAT payable debited back, the customer ledger
    # credited; the note stays open until applied.
    note_body = {
        "customerNumber": {"value": "10000"},
        "documentDate": {"value": DAY.format(22)},
        "lines": [{"operation": "Insert", "inventoryNumber": {"value": "VARE"}, "quantity": {"value": str(CREDITED)}}],
    }
    note = new_number(_ok(api.post("/customerCreditNote", note_body), 201))
    note_path = f"/customerCreditNote/{note}"
    _ok(api.post(f"{note_path}/action/release"))
    owed -= credited_gross
    revenue, vat = invoiced_net - credited_net, invoiced_vat - credited_vat
    credited = _books(ar=owed, revenue=revenue, vat=vat, bank=FIRST_PAYMENT, **cost)
    assert _document(api, note_path) == ("Open", credited_gross)
    assert _document(api, path) == ("Open", invoiced_gross - FIRST_PAYMENT)
    assert _ledger(api) == credited
    assert _customer_balance(api) == owed
    assert _stock(api) == (RECEIVED - SHIPPED, ORDERED - SHIPPED)

    # 9. The credit note applied to the invoice (a zero payment of both): both balances fall, nothing posts.
    _pay(api, Decimal(0), [("Invoice", invoice, credited_gross), ("CreditNote", note, credited_gross)])
    assert _document(api, note_path) == ("Closed", 0)
    assert _document(api, path) == ("Open", second_payment)
    assert _ledger(api) == credited
    assert _customer_balance(api) == second_payment

    # 10. The second payment closes the invoice: the customer owes nothing, the bank has all that was paid.
    _pay(api, second_payment, [("Invoice", invoice, second_payment)])
    closed = _books(ar=0, revenue=revenue, vat=vat, bank=FIRST_PAYMENT + second_payment, **cost)
    assert _document(api, path) == ("Closed", 0)
    assert _ledger(api) == closed
    assert _customer_balance(api) == 0
    # What the books end with: the customer owes nothing and the bank has the sale net of the credit note.
    assert AR not in closed and closed[BANK] == invoiced_gross - credited_gross
    assert _stock(api) == (RECEIVED - SHIPPED, ORDERED - SHIPPED)
