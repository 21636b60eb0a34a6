"""Physical inventory counts (`/v2/stocktake`, IN305000) on both databases: prepared from what is on hand (book
quantities frozen), read in the real StocktakeV2 shapes, counted quantities entered by PUT with every problem
refused at once and nothing written, and completed: the differences received or issued through the stock engine
and posted against the inventory adjustment account in module IN."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from nettfin.server.ledger.journal import JournalBatch, Module
from nettfin.server.ledger.models import FinancialPeriod
from nettfin.server.ledger.posting import Source, ledger_invariants, post
from nettfin.server.stock.accounts import Role, posting_lines
from nettfin.server.stock.engine import Move, StockSource, on_hand, receive
from nettfin.server.stock.models import StockMovement
from nettfin.server.stocktake.service import complete, prepare
from tests.ledger_factories import real_document
from tests.party_factories import assert_real, write_kind_mismatches
from tests.stock_factories import add_stock_setup, item, location, warehouse

DOCUMENT = "stocktakev2"
FROZEN = datetime(2020, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def stock(tenant):
    """MAIN holds 10 AVG at A1 (cost 5), 4 AVG at B1, 6 STD at A1 (standard 10) and lot L1 of 3 LOT at B1 (cost 7)."""
    add_stock_setup(tenant)
    _receive(tenant, "AVG", "10", "5", loc="A1")
    _receive(tenant, "AVG", "4", "5", loc="B1")
    _receive(tenant, "STD", "6", "10", loc="A1")
    _receive(tenant, "LOT", "3", "7", loc="B1", lot="L1")
    return tenant


def _receive(tenant, number, quantity, cost, *, loc=None, lot=""):
    """Opening stock: received and posted against the adjustment account."""
    with tenant.database.writing() as session:
        moved = receive(
            session,
            tenant.company_id,
            [
                Move(
                    item(session, tenant, number),
                    warehouse(session, tenant, "MAIN"),
                    Decimal(quantity),
                    location(session, tenant, "MAIN", loc) if loc else None,
                    lot,
                    Decimal(cost),
                )
            ],
            on=date(2020, 2, 1),
            source=StockSource("Receipt", "OPEN"),
        )
        lines = posting_lines(moved, offset=Role.ADJUSTMENT, inbound=True)
        post(
            session,
            company_id=tenant.company_id,
            module=Module.IN,
            period="202002",
            date=date(2020, 2, 1),
            description="Opening stock",
            source=Source("Receipt", "OPEN"),
            lines=lines,
        )


def _prepare(tenant, code="MAIN") -> str:
    with tenant.database.writing() as session:
        return prepare(session, tenant.company_id, code, at=FROZEN).ref_nbr


def _complete(tenant, ref_nbr, on=date(2020, 3, 5)):
    with tenant.database.writing() as session:
        return complete(session, tenant.company_id, ref_nbr, on=on)


def _get(tenant, path=""):
    return tenant.client.get(f"/v2/stocktake{path}", headers=tenant.headers)


def _put(tenant, ref_nbr, lines):
    return tenant.client.put(f"/v2/stocktake/{ref_nbr}", json={"lines": lines}, headers=tenant.headers)


def _count(line: int, quantity) -> dict:
    return {"lineNbr": {"value": line}, "physicalQuantity": {"value": quantity}}


def _on_hand(tenant, number) -> Decimal:
    with tenant.database.reading() as session:
        return on_hand(session, item(session, tenant, number).id)


def test_a_prepared_count_has_a_line_per_place_on_hand_with_the_book_quantity_frozen(stock):
    ref_nbr = _prepare(stock)
    assert ref_nbr == "000001"
    _receive(stock, "AVG", "1", "5", loc="A1")
    response = _get(stock, f"/{ref_nbr}")
    assert response.status_code == 200
    count = response.json()
    assert_real(count, DOCUMENT, "StocktakeV2Dto")
    assert response.headers["ETag"] == f'"{count["timestamp"]}"'
    assert (count["summaryStatus"], count["freezeDate"], count["numberOfLines"]) == (
        "Counting",
        "2020-03-01T12:00:00",
        4,
    )
    assert [
        (x["lineNbr"], x["inventory"]["id"], x.get("location", {}).get("id"), x.get("lotSerialNbr"), x["bookQuantity"])
        for x in count["lines"]
    ] == [
        (1, "AVG", "A1", None, 10.0),
        (2, "AVG", "B1", None, 4.0),
        (3, "LOT", "B1", "L1", 3.0),
        (4, "STD", "A1", None, 6.0),
    ]
    first = count["lines"][0]
    assert (first["status"], first["unitCost"], first["warehouse"]["id"], first["baseUnit"]) == (
        "NotEntered",
        5.0,
        "MAIN",
        "STK",
    )
    assert "physicalQuantity" not in first and count["lines"][3]["unitCost"] == 10.0
    listed = _get(stock).json()
    assert [x["referenceNbr"] for x in listed] == [ref_nbr]
    assert_real(listed[0], DOCUMENT, "StocktakeV2Dto")
    assert listed[0]["metadata"] == {"totalCount": 1, "maxPageSize": 500}


def test_counts_are_entered_by_line_number_or_by_item_and_location(stock):
    ref_nbr = _prepare(stock)
    lines = [
        _count(1, 8),
        {"inventoryId": {"value": "AVG"}, "locationId": {"value": "B1"}, "physicalQuantity": {"value": 5}},
        {
            "operation": "Update",
            "lineNbr": {"value": 3},
            "physicalQuantity": {"value": 3},
            "reasonCode": {"value": "OK"},
        },
    ]
    response = _put(stock, ref_nbr, lines)
    assert response.status_code == 204, response.text
    count = _get(stock, f"/{ref_nbr}").json()
    assert response.headers["ETag"] == f'"{count["timestamp"]}"'
    assert_real(count, DOCUMENT, "StocktakeV2Dto")
    assert count["summaryStatus"] == "Entering"
    assert [(x["status"], x.get("physicalQuantity"), x["varianceQuantity"]) for x in count["lines"]] == [
        ("Entered", 8.0, -2.0),
        ("Entered", 5.0, 1.0),
        ("Entered", 3.0, 0.0),
        ("NotEntered", None, 0.0),
    ]
    assert count["lines"][0]["extVarianceCost"] == -10.0 and count["lines"][2]["reasonCode"] == "OK"
    assert (count["physicalQty"], count["varianceQty"], count["varianceCost"]) == (16.0, -1.0, -5.0)


def test_a_bad_put_names_every_problem_in_the_exception_shape_and_writes_nothing(stock):
    ref_nbr = _prepare(stock)
    before = _get(stock, f"/{ref_nbr}").json()
    response = _put(
        stock,
        ref_nbr,
        [
            _count(1, 9),
            {"lineNbr": {"value": 2}, "physicalQuantity": {"value": -1}, "inventoryId": {"value": "AVG"}},
            _count(99, 1),
        ],
    )
    assert response.status_code == 400
    body = response.json()
    assert_real(body, DOCUMENT, "StocktakeV2ExceptionDto")
    assert (body["inventoryId"], body["physicalQuantity"], body["errorCode"]) == ("AVG", -1.0, "NotDefined")
    assert "lines[1]: The physical quantity cannot be negative; -1 was given." in body["message"]
    assert "lines[2]: Line 99 is not on the stocktake '000001'." in body["message"]
    assert _get(stock, f"/{ref_nbr}").json() == before
    huge = _put(stock, ref_nbr, [_count(1, "1e20"), {**_count(2, 1), "reasonCode": {"value": "R" * 21}}])
    assert huge.status_code == 400
    assert "lines[0]: 'Physical quantity' is out of range" in huge.json()["message"]
    assert "lines[1]: 'Reason code' is too long: 21 characters, at most 20 are allowed." in huge.json()["message"]
    assert _get(stock, f"/{ref_nbr}").json() == before
    assert _put(stock, "NOPE", [_count(1, 1)]).status_code == 404
    assert _get(stock, "/NOPE").status_code == 404
    wrapped = tenant_put_raw(stock, ref_nbr, {"lines": [{"lineNbr": 1, "physicalQuantity": {"value": 1}}]})
    assert wrapped.status_code == 400 and "lineNbr" in wrapped.json()["message"]


def tenant_put_raw(tenant, ref_nbr, body):
    return tenant.client.put(f"/v2/stocktake/{ref_nbr}", json=body, headers=tenant.headers)


def test_a_line_is_inserted_for_a_place_the_count_did_not_find_and_only_such_a_line_is_deleted(stock):
    ref_nbr = _prepare(stock)
    insert = {
        "operation": "Insert",
        "inventoryId": {"value": "FIFO"},
        "locationId": {"value": "B1"},
        "physicalQuantity": {"value": 2},
    }
    assert _put(stock, ref_nbr, [insert]).status_code == 204
    line = _get(stock, f"/{ref_nbr}").json()["lines"][4]
    assert (line["lineNbr"], line["inventory"]["id"], line["bookQuantity"], line["varianceQuantity"]) == (
        5,
        "FIFO",
        0.0,
        2.0,
    )
    again = _put(stock, ref_nbr, [insert])
    assert again.status_code == 400 and again.json()["errorCode"] == "CombinationAlreadyInUse"
    unknown = _put(stock, ref_nbr, [{**insert, "inventoryId": {"value": "NOSUCH"}}])
    assert unknown.json()["errorCode"] == "InventoryIDNotFound"
    assert "Inventory item 'NOSUCH' cannot be found in the system." in unknown.json()["message"]
    nowhere = _put(stock, ref_nbr, [{**insert, "inventoryId": {"value": "AVG"}, "locationId": {"value": "ZZ"}}])
    assert nowhere.json()["errorCode"] == "LocationIDNotFound"
    prepared = _put(stock, ref_nbr, [{"operation": "Delete", "lineNbr": {"value": 1}}])
    assert prepared.status_code == 400 and prepared.json()["errorCode"] == "CombinationNotAllowed"
    assert _put(stock, ref_nbr, [{"operation": "Delete", "lineNbr": {"value": 5}}]).status_code == 204
    assert _get(stock, f"/{ref_nbr}").json()["numberOfLines"] == 4


def test_completing_releases_the_differences_through_the_stock_engine_and_posts_them(stock):
    ref_nbr = _prepare(stock)
    insert = {"operation": "Insert", "inventoryId": {"value": "FIFO"}, "locationId": {"value": "A1"}}
    # AVG at A1: 10 -> 8 (loss of 2 at 5); STD: 6 -> 7 (gain of 1 at the standard 10); FIFO found: 2 at its last
    # cost (0); LOT not counted: skipped.
    response = _put(
        stock, ref_nbr, [_count(1, 8), _count(2, 4), _count(4, 7), {**insert, "physicalQuantity": {"value": 2}}]
    )
    assert response.status_code == 204, response.text
    done = _complete(stock, ref_nbr)
    assert (done.gains, done.losses) == (2, 1)
    assert (_on_hand(stock, "AVG"), _on_hand(stock, "STD"), _on_hand(stock, "LOT"), _on_hand(stock, "FIFO")) == (
        Decimal(12),
        Decimal(7),
        Decimal(3),
        Decimal(2),
    )
    with stock.database.reading() as session:
        assert ledger_invariants(session, stock.company_id) == []
        batch = session.scalars(
            select(JournalBatch)
            .where(JournalBatch.company_id == stock.company_id, JournalBatch.module == "IN")
            .order_by(JournalBatch.id.desc())
        ).first()
        assert (batch.batch_number, batch.period_id, batch.transaction_date) == (
            done.batch_number,
            "202003",
            date(2020, 3, 5),
        )
        posted = sorted((x.account.account_cd, x.debit, x.credit) for x in batch.lines)
        assert posted == [
            ("1400", Decimal(0), Decimal("10.00")),
            ("1400", Decimal("10.00"), Decimal(0)),
            ("4090", Decimal(0), Decimal("10.00")),
            ("4090", Decimal("10.00"), Decimal(0)),
        ]
        movements = session.scalars(
            select(StockMovement).where(
                StockMovement.company_id == stock.company_id, StockMovement.source_type == "Stocktake"
            )
        ).all()
        assert sorted((m.source_number, m.source_line, m.quantity) for m in movements) == [
            (ref_nbr, 1, Decimal(-2)),
            (ref_nbr, 4, Decimal(1)),
            (ref_nbr, 5, Decimal(2)),
        ]
    count = _get(stock, f"/{ref_nbr}").json()
    assert count["summaryStatus"] == "Completed"
    assert [x["status"] for x in count["lines"]] == ["Entered", "Entered", "Skipped", "Entered", "Entered"]
    refused = _put(stock, ref_nbr, [_count(1, 1)])
    assert refused.status_code == 400
    assert "The stocktake '000001' is completed and cannot be changed." in refused.json()["message"]
    with pytest.raises(Exception, match="is completed and cannot be completed"):
        _complete(stock, ref_nbr)
    assert _prepare(stock) == "000002"


def test_completion_in_a_closed_period_or_below_what_is_on_hand_is_refused_with_nothing_written(stock):
    ref_nbr = _prepare(stock)
    assert _put(stock, ref_nbr, [_count(1, 0)]).status_code == 204
    with stock.database.writing() as session:
        session.execute(
            update(FinancialPeriod)
            .where(FinancialPeriod.company_id == stock.company_id, FinancialPeriod.period_id == "202003")
            .values(closed_in_inventory_management=True)
        )
    with pytest.raises(Exception, match="Financial period '202003' is closed in the Inventory management."):
        _complete(stock, ref_nbr)
    # Stock left A1 after the count was frozen: the loss of 10 can no longer be issued.
    with stock.database.writing() as session:
        from nettfin.server.stock.engine import issue

        issue(
            session,
            stock.company_id,
            [
                Move(
                    item(session, stock, "AVG"),
                    warehouse(session, stock, "MAIN"),
                    Decimal(5),
                    location(session, stock, "MAIN", "A1"),
                )
            ],
            on=date(2020, 3, 2),
            source=StockSource("Issue", "X"),
        )
    with pytest.raises(Exception, match="caused negative quantity on hand"):
        _complete(stock, ref_nbr, on=date(2020, 4, 1))
    assert _get(stock, f"/{ref_nbr}").json()["summaryStatus"] == "Entering"
    assert _on_hand(stock, "AVG") == Decimal(9)


def test_a_warehouse_is_counted_once_at_a_time_and_an_unknown_one_is_refused(stock):
    _prepare(stock)
    with pytest.raises(Exception, match="is being counted in stocktake '000001'"):
        _prepare(stock)
    with pytest.raises(Exception, match="Warehouse 'NOPE' cannot be found in the system."):
        _prepare(stock, "NOPE")
    assert _prepare(stock, "SIDE") == "000002"
    assert _get(stock, "/000002").json()["lines"] == []


def test_the_list_filters_counts_and_shows_only_the_matching_lines(stock, other_tenant):
    first = _prepare(stock)
    _put(stock, first, [_count(1, 10)])
    second = _prepare(stock, "SIDE")
    assert [x["referenceNbr"] for x in _get(stock, "?summaryStatus=Entering").json()] == [first]
    assert [x["referenceNbr"] for x in _get(stock, "?warehouse=SIDE").json()] == [second]
    shown = _get(stock, "?inventory=AVG").json()
    assert [x["referenceNbr"] for x in shown] == [first]
    assert [x["lineNbr"] for x in shown[0]["lines"]] == [1, 2] and shown[0]["numberOfLines"] == 4
    assert [x["lineNbr"] for x in _get(stock, "?startWithLine=2&endWithLine=3").json()[0]["lines"]] == [2, 3]
    assert [x["lineNbr"] for x in _get(stock, "?status=Entered").json()[0]["lines"]] == [1]
    assert [x["lineNbr"] for x in _get(stock, "?location=B1&lotSerialNumber=L1").json()[0]["lines"]] == [3]
    assert _get(stock, "?freezeDateTime=2020-03-02&freezeDateTimeCondition=%3E").json() == []
    assert _get(stock, "?freezeDateTime=2020-03-02").status_code == 400
    assert _get(stock, "?summaryStatus=Weird").status_code == 400
    assert _get(other_tenant, "").json() == []
    assert _get(other_tenant, f"/{first}").status_code == 404


def test_the_dtos_and_filters_are_the_real_documents(client):
    from nettfin.server.stocktake.schemas import StocktakeLineUpdateDto, StocktakeUpdateDto

    assert write_kind_mismatches(StocktakeUpdateDto, DOCUMENT, "StocktakeUpdateDto") == {}
    assert write_kind_mismatches(StocktakeLineUpdateDto, DOCUMENT, "StocktakeLineUpdateDto") == {}
    ours = client.get("/swagger/v1/swagger.json").json()["paths"]["/API/controller/api/v2/stocktake"]["get"]
    real = real_document(DOCUMENT)["paths"]["/v2/stocktake"]["get"]
    names = {p["name"] for p in ours["parameters"] if p["in"] == "query"}
    real_names = {p["name"] for p in real["parameters"] if p["in"] == "query"}
    assert (real_names - names, names - real_names) == (set(), {"numberToRead", "skipRecords", "orderBy"})
