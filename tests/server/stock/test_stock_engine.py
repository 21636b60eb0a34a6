"""The stock engine on both databases: valuation by method, lots, serial numbers, locations, transfers, the
negative-stock rule, and (property) any sequence of movements and standard cost updates keeps quantities, cost
layers, movements and the inventory account in step."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import func, select

from nettfin.server.ledger.invariants import account_balance
from nettfin.server.ledger.journal import Module
from nettfin.server.ledger.posting import Source, ledger_invariants, post
from nettfin.server.stock.accounts import Role, posting_lines
from nettfin.server.stock.engine import Move, StockRefused, StockSource, Transfer, issue, on_hand, receive, transfer
from nettfin.server.stock.models import CostLayer, StockMovement, StockQuantity
from nettfin.server.stock.revaluation import apply_pending_cost
from tests.conftest import make_tenant
from tests.stock_factories import add_stock_setup, item, location, warehouse

DAY = date(2020, 3, 2)
SOURCE = StockSource("Receipt", "000001")


@pytest.fixture
def stock(tenant):
    add_stock_setup(tenant)
    return tenant


def _receive(tenant, number, quantity, cost=None, *, lot="", wh="MAIN", loc=None, on=DAY):
    with tenant.database.writing() as session:
        place = location(session, tenant, wh, loc) if loc else None
        move = Move(
            item(session, tenant, number),
            warehouse(session, tenant, wh),
            Decimal(quantity),
            place,
            lot,
            None if cost is None else Decimal(cost),
        )
        return receive(session, tenant.company_id, [move], on=on, source=SOURCE)[0]


def _issue(tenant, number, quantity, *, lot="", wh="MAIN", loc=None):
    with tenant.database.writing() as session:
        place = location(session, tenant, wh, loc) if loc else None
        move = Move(item(session, tenant, number), warehouse(session, tenant, wh), Decimal(quantity), place, lot)
        return issue(session, tenant.company_id, [move], on=DAY, source=StockSource("Issue", "000001"))[0]


def _places(tenant, number):
    with tenant.database.reading() as session:
        it = item(session, tenant, number)
        rows = session.execute(
            select(StockQuantity.location_id, StockQuantity.lot_serial, StockQuantity.on_hand)
            .where(StockQuantity.item_id == it.id, StockQuantity.on_hand != 0)
            .order_by(StockQuantity.id)
        )
        return [(loc, lot, qty) for loc, lot, qty in rows]


def test_average_cost_issues_at_the_running_average_and_the_last_unit_takes_what_is_left(stock):
    _receive(stock, "AVG", 3, "10.00")
    _receive(stock, "AVG", 1, "11.00")
    assert _issue(stock, "AVG", 1).value == Decimal("10.25")
    assert _issue(stock, "AVG", 2).value == Decimal("20.50")
    assert _issue(stock, "AVG", 1).value == Decimal("10.25")  # 41.00 received, 41.00 issued


def test_fifo_issues_the_oldest_layers_first(stock):
    _receive(stock, "FIFO", 10, "5.00", on=date(2020, 1, 5))
    _receive(stock, "FIFO", 10, "7.00", on=date(2020, 2, 5))
    assert _issue(stock, "FIFO", 15).value == Decimal("85.00")
    assert _issue(stock, "FIFO", 5).value == Decimal("35.00")


def test_standard_cost_stocks_at_standard_and_the_difference_is_variance(stock):
    received = _receive(stock, "STD", 5, "12.00")
    assert (received.value, received.variance) == (Decimal("50.00"), Decimal("10.00"))
    assert _issue(stock, "STD", 2).value == Decimal("20.00")


def test_a_receipt_without_a_cost_takes_the_average_cost(stock):
    _receive(stock, "AVG", 2, "9.00")
    assert _receive(stock, "AVG", 2).value == Decimal("18.00")


def test_issuing_more_than_is_on_hand_is_refused_and_changes_nothing(stock):
    _receive(stock, "AVG", 2, "9.00")
    with pytest.raises(StockRefused) as refused:
        _issue(stock, "AVG", 3)
    assert refused.value.problems == [
        "Updating item 'AVG' in warehouse 'MAIN' caused negative quantity on hand: 2 on hand, 3 to take."
    ]
    assert _places(stock, "AVG")[0][2] == Decimal(2)


def test_moves_of_one_call_see_each_other(stock):
    _receive(stock, "AVG", 2, "9.00")
    with stock.database.writing() as session:
        it, wh = item(session, stock, "AVG"), warehouse(session, stock, "MAIN")
        with pytest.raises(StockRefused) as refused:
            issue(
                session,
                stock.company_id,
                [Move(it, wh, Decimal(2), line=1), Move(it, wh, Decimal(1), line=2)],
                on=DAY,
                source=SOURCE,
            )
    assert refused.value.problems[0].startswith("Line 2: Updating item 'AVG'")


def test_a_receipt_without_a_location_goes_to_the_first_receiving_location(stock):
    _receive(stock, "AVG", 2, "9.00")
    _receive(stock, "AVG", 1, "9.00", loc="B1")
    with stock.database.reading() as session:
        a1, b1 = location(session, stock, "MAIN", "A1").id, location(session, stock, "MAIN", "B1").id
    assert _places(stock, "AVG") == [(a1, "", Decimal(2)), (b1, "", Decimal(1))]
    _issue(stock, "AVG", 3)  # A1 first, then B1
    assert _places(stock, "AVG") == []


def test_a_location_of_another_warehouse_is_refused(stock):
    with stock.database.writing() as session:
        move = Move(
            item(session, stock, "AVG"),
            warehouse(session, stock, "SIDE"),
            Decimal(1),
            location(session, stock, "MAIN", "A1"),
            unit_cost=Decimal(1),
        )
        with pytest.raises(StockRefused, match="The location 'A1' is not a location of warehouse 'SIDE'."):
            receive(session, stock.company_id, [move], on=DAY, source=SOURCE)


def test_lots_are_required_on_receipt_and_issued_oldest_first(stock):
    with pytest.raises(StockRefused, match="The item 'LOT' is lot tracked: the lot number is required."):
        _receive(stock, "LOT", 5, "2.00")
    _receive(stock, "LOT", 5, "2.00", lot="L2", on=date(2020, 2, 1))
    _receive(stock, "LOT", 5, "3.00", lot="L1", on=date(2020, 2, 2))
    _issue(stock, "LOT", 7)
    assert [(lot, qty) for _, lot, qty in _places(stock, "LOT")] == [("L1", Decimal(3))]
    with pytest.raises(StockRefused, match="of lot/serial number 'L2' caused negative quantity on hand"):
        _issue(stock, "LOT", 1, lot="L2")


def test_a_serial_number_is_one_unit_received_once(stock):
    with pytest.raises(StockRefused, match="The quantity of serial number 'S1' must be 1; 2 was given."):
        _receive(stock, "SER", 2, "100.00", lot="S1")
    _receive(stock, "SER", 1, "100.00", lot="S1")
    with pytest.raises(StockRefused, match="The serial number 'S1' of item 'SER' is already on hand"):
        _receive(stock, "SER", 1, "100.00", lot="S1")
    _issue(stock, "SER", 1, lot="S1")
    _receive(stock, "SER", 1, "90.00", lot="S1")  # back again after it left


def test_an_untracked_item_takes_no_lot(stock):
    with pytest.raises(StockRefused, match="The item 'AVG' is not lot or serial tracked"):
        _receive(stock, "AVG", 1, "1.00", lot="X")


def test_a_transfer_between_warehouses_moves_the_value_and_within_one_moves_none(stock):
    _receive(stock, "FIFO", 4, "5.00")
    with stock.database.writing() as session:
        it, main, side = (
            item(session, stock, "FIFO"),
            warehouse(session, stock, "MAIN"),
            warehouse(session, stock, "SIDE"),
        )
        b1 = location(session, stock, "MAIN", "B1")
        moved = transfer(
            session,
            stock.company_id,
            [Transfer(Move(it, main, Decimal(1)), main, b1), Transfer(Move(it, main, Decimal(2)), side)],
            on=DAY,
            source=StockSource("Transfer", "000001"),
        )
        assert [m.value for m in moved] == [Decimal(0), Decimal("10.00")]
        assert on_hand(session, it.id, main.id) == Decimal(2)
        assert on_hand(session, it.id, side.id) == Decimal(2)


def test_a_transfer_of_a_lot_tracked_item_carries_its_lots_and_their_value(stock):
    _receive(stock, "LOT", 2, "3.00", lot="L1", on=date(2020, 2, 1))
    _receive(stock, "LOT", 2, "5.00", lot="L2", on=date(2020, 2, 2))
    with stock.database.writing() as session:
        it, main, side = (
            item(session, stock, "LOT"),
            warehouse(session, stock, "MAIN"),
            warehouse(session, stock, "SIDE"),
        )
        moved = transfer(session, stock.company_id, [Transfer(Move(it, main, Decimal(3)), side)], on=DAY, source=SOURCE)
        assert moved[0].value == Decimal("11.00")  # FIFO: 2 x 3.00 + 1 x 5.00
    with stock.database.reading() as session:
        it, side = item(session, stock, "LOT"), warehouse(session, stock, "SIDE")
        arrived = session.execute(
            select(StockQuantity.lot_serial, StockQuantity.on_hand)
            .where(StockQuantity.item_id == it.id, StockQuantity.warehouse_id == side.id)
            .order_by(StockQuantity.lot_serial)
        ).all()
    assert [tuple(row) for row in arrived] == [("L1", Decimal(2)), ("L2", Decimal(1))]


def test_posting_lines_of_a_standard_receipt_balance_with_the_variance(stock):
    received = _receive(stock, "STD", 5, "12.00")
    lines = posting_lines([received], offset=Role.ADJUSTMENT, inbound=True)
    assert [(x.account, x.debit, x.credit) for x in lines] == [
        ("1400", Decimal("50.00"), Decimal(0)),
        ("4090", Decimal(0), Decimal("60.00")),
        ("4091", Decimal("10.00"), Decimal(0)),
    ]


# --- property: any sequence keeps quantities, layers, movements and the GL in step -------------------------

ITEMS = ("AVG", "FIFO", "STD", "LOT")
quantities = st.integers(min_value=1, max_value=9)
costs = st.decimals(min_value=0, max_value=500, places=2)


class StockBook(RuleBasedStateMachine):
    tenant = None  # set per run by the test

    def __init__(self) -> None:
        super().__init__()
        self.api = type(self).tenant
        self.number = 0

    def _run(self, function, moves_of, inbound, offset=Role.ADJUSTMENT):
        self.number += 1
        db = self.api.database
        try:
            with db.writing() as session:
                moves = moves_of(session)
                source = StockSource("Test", f"{self.number:06d}")
                moved = function(session, self.api.company_id, moves, on=DAY, source=source)
                lines = posting_lines(moved, offset=offset, inbound=inbound)
                if function is transfer or not lines:
                    return
                post(
                    session,
                    company_id=self.api.company_id,
                    module=Module.IN,
                    period="202003",
                    date=DAY,
                    description="stock",
                    source=Source("Test", source.number),
                    lines=lines,
                )
        except StockRefused:
            pass

    def _move(self, session, number, quantity, wh="MAIN", cost=None, lot=""):
        return Move(
            item(session, self.api, number),
            warehouse(session, self.api, wh),
            Decimal(quantity),
            lot_serial=lot if number == "LOT" else "",
            unit_cost=cost,
        )

    @rule(
        number=st.sampled_from(ITEMS),
        quantity=quantities,
        cost=costs,
        wh=st.sampled_from(["MAIN", "SIDE"]),
        lot=st.sampled_from(["L1", "L2"]),
    )
    def receive(self, number, quantity, cost, wh, lot):
        self._run(receive, lambda s: [self._move(s, number, quantity, wh, cost, lot)], inbound=True)

    @rule(number=st.sampled_from(ITEMS), quantity=quantities, wh=st.sampled_from(["MAIN", "SIDE"]))
    def issue(self, number, quantity, wh):
        self._run(issue, lambda s: [self._move(s, number, quantity, wh)], inbound=False, offset=Role.COGS)

    @rule(number=st.sampled_from(ITEMS), quantity=quantities, to=st.sampled_from(["MAIN", "SIDE"]))
    def transfer(self, number, quantity, to):
        def moves(s):
            source = "SIDE" if to == "MAIN" else "MAIN"
            return [Transfer(self._move(s, number, quantity, source), warehouse(s, self.api, to))]

        self._run(transfer, moves, inbound=True)

    @rule(cost=costs)
    def update_standard_cost(self, cost):
        # The standard item's pending cost applied: stock on hand revalued, the difference posted.
        with self.api.database.writing() as session:
            found = item(session, self.api, "STD")
            found.pending_cost, found.pending_cost_date = cost, datetime(2020, 3, 2, tzinfo=UTC)
            apply_pending_cost(session, self.api.company_id, found, today=DAY)

    @invariant()
    def in_step(self):
        company = self.api.company_id
        with self.api.database.reading() as session:
            assert (
                session.scalar(
                    select(func.count()).where(StockQuantity.company_id == company, StockQuantity.on_hand < 0)
                )
                == 0
            )
            places = dict(
                session.execute(
                    select(StockQuantity.item_id, func.sum(StockQuantity.on_hand))
                    .where(StockQuantity.company_id == company)
                    .group_by(StockQuantity.item_id)
                ).all()
            )
            layers = {
                i: (q, v)
                for i, q, v in session.execute(
                    select(CostLayer.item_id, func.sum(CostLayer.quantity), func.sum(CostLayer.value))
                    .where(CostLayer.company_id == company)
                    .group_by(CostLayer.item_id)
                )
            }
            moves = {
                i: (q, v)
                for i, q, v in session.execute(
                    select(StockMovement.item_id, func.sum(StockMovement.quantity), func.sum(StockMovement.value))
                    .where(StockMovement.company_id == company)
                    .group_by(StockMovement.item_id)
                )
            }
            for item_id, (quantity, value) in moves.items():
                assert places.get(item_id, 0) == quantity
                assert layers[item_id] == (quantity, value)
                assert value >= 0
            assert not ledger_invariants(session, company)
            stocked = sum((v for _, v in layers.values()), Decimal(0))
            assert account_balance(session, company, "1400") == stocked


@pytest.mark.slow
def test_random_stock_movements_keep_quantities_layers_and_the_inventory_account_in_step(database, client):
    def run_once():
        tenant = make_tenant(database, client)
        add_stock_setup(tenant)
        StockBook.tenant = tenant

    run_state_machine_as_test(
        lambda: (run_once(), StockBook())[1],
        settings=settings(
            max_examples=15, stateful_step_count=12, deadline=None, suppress_health_check=list(HealthCheck)
        ),
    )
