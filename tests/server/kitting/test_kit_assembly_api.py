"""Kit assemblies (IN307000, `/v1/kitassembly`) through the app on both databases: documents made from the kit's
specification, read as the real KitAssemblyDto and listed in the real envelope; release moves stock through the
engine and posts in IN (components' inventory accounts credited, the kit's debited, and the reverse for a
disassembly), after which the inventory account equals the cost layers; bad input is refused with nothing
written."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from nettfin.server.kitting.models import KitAssembly
from nettfin.server.kitting.release import split
from nettfin.server.kitting.schemas import KitAssemblyInsertDto, KitAssemblyUpdateDto
from nettfin.server.ledger.journal import JournalBatch
from tests.kit_factories import add_kit_setup, inventory_balance, layer_value, quantity_on_hand, specification
from tests.ledger_factories import close_period, real_query_parameters
from tests.party_factories import assert_real, query_names, write_kind_mismatches
from tests.supplier_ledger_factories import account_balance, assert_sound_books, batch_count, wrap

DOC = "kitassembly"
PATH = "/kitassembly"
SPECS = "/KitSpecifications"


def setup(tenant, *stock, non_stock=(), kit="KIT", **extra) -> None:
    add_kit_setup(tenant)
    stock = stock or (("AVG", 1), ("FIFO", 2))
    response = tenant.post(SPECS, specification(kit, "1", *stock, non_stock=non_stock, **extra))
    assert response.status_code == 201, response.text


def document(kind="P", quantity=1, kit="KIT", **extra) -> dict:
    return {
        "type": kind,
        **wrap(itemId=kit, warehouse="MAIN", quantity=quantity, date="2020-02-10T00:00:00", description="Montering"),
        **extra,
    }


def create(tenant, body: dict) -> str:
    response = tenant.post(PATH, body)
    assert response.status_code == 201, response.text
    kind, number = response.headers["Location"].rsplit("/", 2)[-2:]
    assert kind == body.get("type", "P")
    return number


def release(tenant, kind: str, number: str):
    return tenant.post(f"{PATH}/{kind}/{number}/action/release")


def read(tenant, kind: str, number: str) -> dict:
    response = tenant.get(f"{PATH}/{kind}/{number}")
    assert response.status_code == 200, response.text
    return response.json()


def count(tenant) -> int:
    with tenant.database.reading() as session:
        statement = select(func.count()).select_from(KitAssembly)
        return session.scalar(statement.where(KitAssembly.company_id == tenant.company_id))


def assert_books_match_stock(tenant) -> None:
    """The inventory account holds exactly what the cost layers are worth, and every batch balances."""
    assert inventory_balance(tenant) == layer_value(tenant)
    assert_sound_books(tenant)


def test_the_write_bodies_and_list_parameters_are_the_real_ones(client):
    assert write_kind_mismatches(KitAssemblyInsertDto, DOC, "KitAssemblyInsertDto") == {}
    assert write_kind_mismatches(KitAssemblyUpdateDto, DOC, "KitAssemblyUpdateDto") == {}
    assert real_query_parameters(DOC, "/v1/kitassembly") <= query_names(client, PATH)


def test_an_assembly_takes_its_lines_from_the_specification_and_reads_as_the_real_dto(tenant):
    setup(tenant, ("AVG", 1), ("FIFO", 2), non_stock=[("SVC", 1)])
    number = create(tenant, document(quantity=3))
    found = read(tenant, "P", number)
    assert_real(found, DOC, "KitAssemblyDto")
    assert (found["type"], found["refNo"], found["status"], found["hold"]) == ("P", number, "B", False)
    assert (found["itemID"], found["revision"], found["warehouse"], found["quantity"]) == ("KIT", "1", "MAIN", 3)
    assert (found["postPeriod"], found["uoM"]) == ("022020", "STK")
    stock = found["stockComponentLines"]
    assert [(line["itemId"], line["quantity"], line["componentQty"], line["unitCost"]) for line in stock] == [
        ("AVG", 3, 1, 10),
        ("FIFO", 6, 2, 5),
    ]
    assert [(line["itemId"], line["quantity"], line["unitCost"]) for line in found["nonStockComponentLines"]] == [
        ("SVC", 3, 100)
    ]
    listed = tenant.get(PATH).json()
    assert_real(listed, DOC, "BasePaginationDtoOfKitAssemblyDto")
    assert listed["totalCount"] == 1 and "stockComponentLines" not in listed["records"][0]
    expanded = tenant.get(PATH, params={"expandStockComponents": True, "status": "B", "type": "P"}).json()
    assert [len(r["stockComponentLines"]) for r in expanded["records"]] == [2]
    assert tenant.get(PATH, params={"status": "R"}).json()["records"] == []
    assert tenant.get(f"{PATH}/D/{number}").status_code == 404


def test_release_assembles_kits_at_the_components_value_and_disassembly_takes_them_apart(tenant):
    setup(tenant, ("AVG", 1), ("FIFO", 2), non_stock=[("SVC", 1)])
    assert_books_match_stock(tenant)
    number = create(tenant, document(quantity=2))
    batches = batch_count(tenant)
    released = release(tenant, "P", number)
    assert released.status_code == 200, released.text
    found = read(tenant, "P", number)
    assert found["status"] == "R"
    assert (quantity_on_hand(tenant, "AVG"), quantity_on_hand(tenant, "FIFO")) == (8, 6)
    assert quantity_on_hand(tenant, "KIT") == 2
    # Two AVG at 10, four FIFO at 5 and two SVC at 100: 240.00 into the kits, 200.00 of it accrued services.
    assert inventory_balance(tenant) == Decimal("250.00") - Decimal("40.00") + Decimal("240.00")
    assert account_balance(tenant, "2490") == Decimal("-200.00")
    assert batch_count(tenant) == batches + 1
    assert_books_match_stock(tenant)
    with tenant.database.reading() as session:
        batch = session.scalars(
            select(JournalBatch).where(JournalBatch.company_id == tenant.company_id).order_by(JournalBatch.id.desc())
        ).first()
        assert batch.module == "IN"

    apart = create(tenant, document("D", quantity=1))
    lines = read(tenant, "D", apart)["stockComponentLines"]
    assert [(line["itemId"], line["quantity"]) for line in lines] == [("AVG", 1), ("FIFO", 2)]
    assert release(tenant, "D", apart).status_code == 200
    assert (quantity_on_hand(tenant, "AVG"), quantity_on_hand(tenant, "FIFO"), quantity_on_hand(tenant, "KIT")) == (
        9,
        8,
        1,
    )
    # One kit (120.00) back into its stock components in proportion to their value: 10.00 and 10.00 at cost,
    # so 60.00 each.
    assert inventory_balance(tenant) == Decimal("450.00")
    assert_books_match_stock(tenant)
    taken = read(tenant, "D", apart)
    assert [line["unitCost"] for line in taken["stockComponentLines"]] == [60, 30]


def test_a_standard_cost_kit_takes_its_standard_value_and_the_rest_goes_to_the_variance_account(tenant):
    setup(tenant, ("AVG", 1), ("STD", 1), kit="KITSTD")
    number = create(tenant, document(kit="KITSTD", quantity=2))
    assert release(tenant, "P", number).status_code == 200
    # 2 x (10 + 10) = 40.00 of components into kits whose standard is 30.00: 60.00 stocked, 20.00 credited to
    # the variance account.
    assert account_balance(tenant, "4091") == Decimal("-20.00")
    assert inventory_balance(tenant) == Decimal("250.00") - Decimal("40.00") + Decimal("60.00")
    assert_books_match_stock(tenant)


def test_put_rescales_the_lines_with_the_kit_quantity_and_refuses_a_quantity_the_revision_does_not_allow(tenant):
    setup(tenant, ("AVG", 1), ("FIFO", 2))
    number = create(tenant, document(quantity=1))
    etag = tenant.get(f"{PATH}/P/{number}").headers["ETag"]
    assert tenant.put(f"{PATH}/P/{number}", wrap(quantity=4), headers={"If-Match": etag}).status_code == 204
    lines = read(tenant, "P", number)["stockComponentLines"]
    assert [line["quantity"] for line in lines] == [4, 8]
    wrong = {"stockComponentLines": [{"operation": "Update", **wrap(lineNbr=2, quantity=5)}]}
    refused = tenant.put(f"{PATH}/P/{number}", wrong)
    assert refused.status_code == 400
    assert "the quantity of 'FIFO' must be 8" in refused.json()["message"]
    extra = {"stockComponentLines": [{"operation": "Insert", **wrap(itemId="STD", quantity=1)}]}
    refused = tenant.put(f"{PATH}/P/{number}", extra)
    assert "does not allow adding components" in refused.json()["message"]
    assert [line["quantity"] for line in read(tenant, "P", number)["stockComponentLines"]] == [4, 8]
    assert tenant.put(f"{PATH}/P/{number}", wrap(hold=True)).status_code == 204
    assert read(tenant, "P", number)["status"] == "H"
    held = release(tenant, "P", number)
    assert held.status_code == 400 and "on hold" in held.json()["message"]


def test_a_revision_with_variation_and_addition_allowed_takes_other_quantities_and_components(tenant):
    add_kit_setup(tenant)
    line = {
        "operation": "Insert",
        **wrap(compInventoryID="AVG", dfltCompQty=2, allowQtyVariation=True, minCompQty=1, maxCompQty=3),
    }
    assert tenant.post(SPECS, specification("KIT", "1", line, allowCompAddition=True)).status_code == 201
    body = document(
        quantity=2,
        stockComponentLines=[
            {"operation": "Insert", **wrap(itemId="AVG", quantity=6)},
            {"operation": "Insert", **wrap(itemId="STD", quantity=1)},
        ],
    )
    number = create(tenant, body)
    assert [(x["itemId"], x["quantity"]) for x in read(tenant, "P", number)["stockComponentLines"]] == [
        ("AVG", 6),
        ("STD", 1),
    ]
    too_many = tenant.put(
        f"{PATH}/P/{number}", {"stockComponentLines": [{"operation": "Update", **wrap(lineNbr=1, quantity=7)}]}
    )
    assert too_many.status_code == 400 and "per kit must be 1 to 3" in too_many.json()["message"]
    assert release(tenant, "P", number).status_code == 200
    assert quantity_on_hand(tenant, "KIT") == 2
    assert_books_match_stock(tenant)


def test_bad_documents_are_refused_naming_the_field_and_nothing_is_written(tenant):
    setup(tenant)
    cases = [
        (document(kit="NOPE"), "Inventory ID 'NOPE' cannot be found in the system."),
        (document(kit="NOTKIT"), "the item 'NOTKIT' is not a kit"),
        (document(kit="KITSTD"), "The kit item 'KITSTD' has no active specification revision"),
        (document(revision={"value": "9"}), "has no specification revision '9'"),
        (document(warehouse={"value": "NOWHERE"}), "Warehouse 'NOWHERE' cannot be found in the system."),
        (document(location={"value": "Z9"}), "Location 'Z9' cannot be found in warehouse 'MAIN'."),
        (document(quantity=0), "'Quantity' must be greater than 0"),
        (document(quantity=10**13), "is out of range"),
        (document(kind="X"), "Accepted values: P (Production), D (Disassembly)"),
        (
            document(stockComponentLines=[{"operation": "Insert", **wrap(itemId="GHOST", quantity=1)}]),
            "Inventory ID 'GHOST' cannot be found in the system.",
        ),
        (
            document(stockComponentLines=[{"operation": "Insert", **wrap(itemId="KIT", quantity=1)}]),
            "A kit cannot contain itself",
        ),
        (document(kitAllocations=[wrap(lotSerialNumber="L1", quantity=1)]), "allocations are not served"),
        (document(postPeriod={"value": "132020"}), "Post period"),
    ]
    for body, text in cases:
        refused = tenant.post(PATH, body)
        assert refused.status_code == 400, (text, refused.text)
        assert text in refused.json()["message"], (text, refused.text)
    assert count(tenant) == 0


def test_a_release_that_cannot_be_done_writes_nothing(tenant):
    setup(tenant, ("AVG", 1), ("FIFO", 2))
    too_many = create(tenant, document(quantity=6))  # 12 FIFO needed, 10 on hand
    books, layers, batches = inventory_balance(tenant), layer_value(tenant), batch_count(tenant)
    refused = release(tenant, "P", too_many)
    assert refused.status_code == 400
    assert "caused negative quantity on hand: 10 on hand, 12 to take" in refused.json()["message"]
    assert read(tenant, "P", too_many)["status"] == "B"
    assert (quantity_on_hand(tenant, "AVG"), quantity_on_hand(tenant, "KIT")) == (10, 0)
    assert (inventory_balance(tenant), layer_value(tenant), batch_count(tenant)) == (books, layers, batches)

    closed = create(tenant, document(quantity=1))
    close_period(tenant, "202002", closed_in_inventory_management=True)
    refused = release(tenant, "P", closed)
    assert refused.status_code == 400 and "closed in the Inventory management" in refused.json()["message"]
    assert quantity_on_hand(tenant, "AVG") == 10
    close_period(tenant, "202002", closed_in_inventory_management=False)

    assert release(tenant, "P", closed).status_code == 200
    twice = release(tenant, "P", closed)
    assert twice.status_code == 400 and "is already released" in twice.json()["message"]
    assert quantity_on_hand(tenant, "KIT") == 1
    changed = tenant.put(f"{PATH}/P/{closed}", wrap(description="x"))
    assert changed.status_code == 400 and "is released and cannot be changed" in changed.json()["message"]
    deleted = tenant.client.delete(tenant.url(f"{PATH}/P/{closed}"), headers=tenant.headers)
    assert deleted.status_code == 400 and "cannot be deleted" in deleted.json()["message"]
    apart = create(tenant, document("D", quantity=2))  # one kit on hand
    refused = release(tenant, "D", apart)
    assert refused.status_code == 400 and "'KIT'" in refused.json()["message"]
    assert_books_match_stock(tenant)


def test_an_unreleased_document_is_deleted(tenant):
    setup(tenant)
    number = create(tenant, document())
    deleted = tenant.client.delete(tenant.url(f"{PATH}/P/{number}"), headers=tenant.headers)
    assert deleted.status_code == 204
    assert tenant.get(f"{PATH}/P/{number}").status_code == 404
    assert count(tenant) == 0


def test_a_disassembly_splits_the_kits_value_exactly():
    thirds = split(Decimal("100.00"), [Decimal(1)] * 3, [Decimal(1)] * 3)
    assert thirds == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    shares = split(Decimal("10.01"), [Decimal("3"), Decimal("0"), Decimal("7")], [Decimal(1)] * 3)
    assert sum(shares) == Decimal("10.01") and shares[1] == 0
    by_quantity = split(Decimal("9.00"), [Decimal(0), Decimal(0)], [Decimal(1), Decimal(2)])
    assert by_quantity == [Decimal("3.00"), Decimal("6.00")]
