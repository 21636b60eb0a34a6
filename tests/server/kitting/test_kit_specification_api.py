"""Kit specifications (IN209500, `/v1/KitSpecifications`) through the app on both databases: the list and a kit's
revisions in the real paging envelope, one revision as the real KitSpecificationDto, components changed by line
operations, and bad input refused naming the field, nothing written."""

from __future__ import annotations

from sqlalchemy import func, select

from nettfin.server.kitting.models import KitSpecification
from nettfin.server.kitting.schemas import KitSpecificationUpdateDto
from tests.kit_factories import add_kit_setup, specification
from tests.ledger_factories import real_query_parameters
from tests.party_factories import assert_real, query_names, write_kind_mismatches
from tests.supplier_ledger_factories import wrap

DOC = "kitspecifications"
PATH = "/KitSpecifications"


def count(tenant) -> int:
    with tenant.database.reading() as session:
        statement = select(func.count()).select_from(KitSpecification)
        return session.scalar(statement.where(KitSpecification.company_id == tenant.company_id))


def test_the_write_body_and_list_parameters_are_the_real_ones(client):
    assert write_kind_mismatches(KitSpecificationUpdateDto, DOC, "KitSpecificationUpdateDto") == {}
    assert real_query_parameters(DOC, "/v1/KitSpecifications") <= query_names(client, PATH)


def test_a_specification_is_created_and_read_as_the_real_dto(tenant):
    add_kit_setup(tenant, stock=False)
    body = specification("KIT", "1", ("AVG", 2), ("FIFO", 1), non_stock=[("SVC", 1)], allowCompAddition=True)
    created = tenant.post(PATH, body)
    assert created.status_code == 201, created.text
    assert created.headers["Location"].endswith("/KitSpecifications/KIT/1")
    read = tenant.get(f"{PATH}/KIT/1")
    assert read.status_code == 200, read.text
    found = read.json()
    assert_real(found, DOC, "KitSpecificationDto")
    assert (found["kitInventoryID"], found["revision"], found["description"]) == ("KIT", "1", "Kit KIT")
    assert (found["isActive"], found["allowComponentAddition"], found["isNonStock"]) == (True, True, False)
    stock = found["stockComponentLines"]
    assert [(line["lineNbr"], line["componentID"], line["componentQty"]) for line in stock] == [
        (1, "AVG", 2),
        (2, "FIFO", 1),
    ]
    assert stock[0]["uom"] == "STK" and stock[0]["disassemblyCoeff"] == 1
    assert [line["componentID"] for line in found["nonStockComponentLines"]] == ["SVC"]
    assert read.headers["ETag"]


def test_the_list_and_a_kit_s_revisions_are_the_real_envelope(tenant, other_tenant):
    add_kit_setup(tenant, stock=False)
    add_kit_setup(other_tenant, stock=False)
    assert tenant.post(PATH, specification("KIT", "1", ("AVG", 1))).status_code == 201
    assert tenant.post(PATH, specification("KIT", "2", ("FIFO", 1))).status_code == 201
    assert tenant.post(PATH, specification("KITSTD", "A", ("STD", 3))).status_code == 201
    assert other_tenant.post(PATH, specification("KIT", "9", ("AVG", 1))).status_code == 201
    listed = tenant.get(PATH).json()
    assert_real(listed, DOC, "BasePaginationDtoOfKitSpecificationDto")
    assert listed["totalCount"] == 3
    assert [(r["kitInventoryID"], r["revision"]) for r in listed["records"]] == [
        ("KIT", "1"),
        ("KIT", "2"),
        ("KITSTD", "A"),
    ]
    only = tenant.get(PATH, params={"kitInventoryID": "KIT", "revisionID": "2"}).json()
    assert [(r["kitInventoryID"], r["revision"]) for r in only["records"]] == [("KIT", "2")]
    paged = tenant.get(PATH, params={"pageSize": 2, "pageNumber": 2}).json()
    assert (paged["pageNumber"], paged["pageSize"], paged["totalCount"], len(paged["records"])) == (2, 2, 3, 1)
    revisions = tenant.get(f"{PATH}/KIT").json()
    assert_real(revisions, DOC, "BasePaginationDtoOfKitSpecificationDto")
    assert [r["revision"] for r in revisions["records"]] == ["1", "2"]
    assert tenant.get(f"{PATH}/NOTKIT").status_code == 404
    assert tenant.get(f"{PATH}/KIT/9").status_code == 404


def test_put_changes_the_header_and_the_components_by_line_operations(tenant):
    add_kit_setup(tenant, stock=False)
    assert tenant.post(PATH, specification("KIT", "1", ("AVG", 1), ("FIFO", 1))).status_code == 201
    etag = tenant.get(f"{PATH}/KIT/1").headers["ETag"]
    body = {
        **wrap(descr="Ny beskrivelse", isActive=False),
        "stockComponentLines": [
            {
                "operation": "Update",
                **wrap(lineNbr=1, dfltCompQty=3, allowQtyVariation=True, minCompQty=1, maxCompQty=5),
            },
            {"operation": "Delete", **wrap(lineNbr=2)},
            {"operation": "Insert", **wrap(compInventoryID="STD", dfltCompQty=2, disassemblyCoeff=0.5)},
        ],
    }
    updated = tenant.put(f"{PATH}/KIT/1", body, headers={"If-Match": etag})
    assert updated.status_code == 204, updated.text
    found = tenant.get(f"{PATH}/KIT/1").json()
    assert_real(found, DOC, "KitSpecificationDto")
    assert (found["description"], found["isActive"]) == ("Ny beskrivelse", False)
    assert [
        (line["lineNbr"], line["componentID"], line["componentQty"], line["disassemblyCoeff"])
        for line in found["stockComponentLines"]
    ] == [(1, "AVG", 3, 1), (3, "STD", 2, 0.5)]
    assert found["stockComponentLines"][0]["minComponentQty"] == 1
    stale = tenant.put(f"{PATH}/KIT/1", wrap(descr="x"), headers={"If-Match": etag})
    assert stale.status_code == 412


def test_bad_specifications_are_refused_naming_the_field_and_nothing_is_written(tenant):
    add_kit_setup(tenant, stock=False)
    cases = [
        (specification("NOPE", "1", ("AVG", 1)), "Kit inventory ID 'NOPE' cannot be found in the system."),
        (specification("NOTKIT", "1", ("AVG", 1)), "the item 'NOTKIT' is not a kit"),
        (specification("KIT", "1", ("GHOST", 1)), "Component ID 'GHOST' cannot be found in the system."),
        (specification("KIT", "1", ("KIT", 1)), "A kit cannot contain itself"),
        (specification("KIT", "1", ("SVC", 1)), "'SVC' is a non-stock item"),
        (specification("KIT", "1", non_stock=[("AVG", 1)]), "'AVG' is a stock item"),
        (specification("KIT", "1", ("AVG", 0)), "'Component qty.' must be greater than 0"),
        (specification("KIT", "1", ("AVG", 1), ("AVG", 2)), "a component is listed once"),
        (specification("KIT", "", ("AVG", 1)), "'Revision' cannot be empty."),
        (specification("KIT", "1"), "at least one component"),
        (specification("KIT", "1", ("AVG", 1), isNonStock=True), "nettfin serves stock kits only"),
        (
            specification("KIT", "1", {"operation": "Insert", **wrap(compInventoryID="AVG", uom="PALL")}),
            "nettfin converts no units",
        ),
    ]
    for body, text in cases:
        refused = tenant.post(PATH, body)
        assert refused.status_code == 400, (text, refused.text)
        assert text in refused.json()["message"], (text, refused.text)
    assert count(tenant) == 0
    assert tenant.post(PATH, specification("KIT", "1", ("AVG", 1))).status_code == 201
    again = tenant.post(PATH, specification("KIT", "1", ("FIFO", 1)))
    assert again.status_code == 400 and "'Revision' '1' already exists" in again.json()["message"]
    assert count(tenant) == 1


def test_a_kit_cannot_contain_itself_through_another_kit(tenant):
    add_kit_setup(tenant, stock=False)
    assert tenant.post(PATH, specification("KITSTD", "1", ("KIT", 1))).status_code == 201
    refused = tenant.post(PATH, specification("KIT", "1", ("KITSTD", 1)))
    assert refused.status_code == 400
    assert "the kit 'KITSTD' contains 'KIT'" in refused.json()["message"]
