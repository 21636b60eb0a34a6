"""VAT IDs (reference 3.11, TX205000), VAT categories (3.10, TX205500) and VAT zones (3.9, TX206000): the
read-only endpoints on both databases, validated against the real visma-vat, visma-vatcategory and
visma-vatzone documents."""

from __future__ import annotations

import pytest

from nettfin.server.tax import resources, schemas
from tests.factories import add_reference_data, minimal_customer, new_number
from tests.ledger_factories import add_vat_setup, assert_real, real_document, real_properties, real_query_parameters

# --- VAT IDs ----------------------------------------------------------------------------------------------


def test_the_vat_list_is_every_vat_id_by_id_without_paging(tenant):
    add_vat_setup(tenant)
    body = tenant.get("/vat").json()
    assert [v["vatId"] for v in body] == ["1", "3", "33", "52", "86"]
    assert all("metadata" not in v for v in body)
    for vat in body:
        assert_real(vat, "vat", "VatInformationDto")


def test_a_vat_id_reads_with_type_schedule_accounts_categories_and_zones(tenant):
    add_vat_setup(tenant)
    response = tenant.get("/vat/3")
    assert response.status_code == 200
    body = response.json()
    assert body["vatId"] == "3"
    assert body["type"] == "Vat"
    assert body["reverseVat"] is False
    assert body["schedules"] == [
        {
            "startDate": "2019-01-01T00:00:00",
            "vatRate": 25.0,
            "minTaxableAmt": 0.0,
            "maxTaxableAmt": 0.0,
            "deductibleVatRate": 100.0,
            "groupType": "Output",
        }
    ]
    assert body["glAccounts"]["vatPayableAccount"] == {
        "type": "Liability",
        "active": True,
        "number": "2700",
        "description": "Utgående mva",
    }
    assert "vatClaimableAccount" not in body["glAccounts"]
    assert [c["vatCategoryId"] for c in body["categories"]] == ["03"]
    assert "vatCategoryLines" not in body["categories"][0]
    assert [z["id"] for z in body["zones"]] == ["01"]
    assert body["zones"][0]["defaultTaxCategory"] == {"number": "03", "description": "Høy sats"}
    assert "notValidAfter" not in body  # a .NET DateTime the document cannot mark as empty
    assert_real(body, "vat", "VatInformationDto")


def test_rates_render_as_numbers_with_their_scale(tenant):
    add_vat_setup(tenant)
    assert b'"vatRate":25.0000' in tenant.get("/vat/3").content


def test_a_rate_schedule_lists_every_revision_by_start_date(tenant):
    add_vat_setup(tenant)
    schedules = tenant.get("/vat/33").json()["schedules"]
    assert [(s["startDate"], s["vatRate"]) for s in schedules] == [
        ("2019-01-01T00:00:00", 12.0),
        ("2020-04-01T00:00:00", 6.0),
    ]


def test_include_vat_category_lines_lists_the_whole_category_on_one_vat_and_the_rows_own_line_in_the_list(tenant):
    add_vat_setup(tenant)
    single = tenant.get("/vat/3", params={"includeVatCategoryLines": "true"}).json()
    assert [line["vatId"] for line in single["categories"][0]["vatCategoryLines"]] == ["1", "3", "52", "86"]
    listed = {v["vatId"]: v for v in tenant.get("/vat", params={"includeVatCategoryLines": "true"}).json()}
    assert [line["vatId"] for line in listed["3"]["categories"][0]["vatCategoryLines"]] == ["3"]
    assert_real(single, "vat", "VatInformationDto")
    assert_real(listed["52"], "vat", "VatInformationDto")


def test_reverse_charge_is_a_reverse_vat_for_purchases(tenant):
    add_vat_setup(tenant)
    body = tenant.get("/vat/86").json()
    assert (body["type"], body["reverseVat"]) == ("ReverseVat", True)
    assert body["schedules"][0]["groupType"] == "Input"
    assert body["glAccounts"]["vatPayableAccount"]["number"] == "2700"
    assert body["glAccounts"]["vatClaimableAccount"]["number"] == "2710"


def test_an_unknown_vat_id_is_404(tenant):
    add_vat_setup(tenant)
    response = tenant.get("/vat/01")
    assert response.status_code == 404
    assert response.json()["message"].endswith("VAT '01' not found.")


def test_the_vat_list_filters_on_last_modified(tenant):
    add_vat_setup(tenant)
    after = {"lastModifiedDateTime": "2020-03-02", "lastModifiedDateTimeCondition": ">"}
    before = {"lastModifiedDateTime": "2020-03-02", "lastModifiedDateTimeCondition": "<"}
    assert tenant.get("/vat", params=after).json() == []
    assert len(tenant.get("/vat", params=before).json()) == 5


# --- VAT categories ---------------------------------------------------------------------------------------


def test_a_category_lists_its_vat_ids_with_their_rates(tenant):
    add_vat_setup(tenant)
    response = tenant.get("/vatCategory/03")
    assert response.status_code == 200
    body = response.json()
    assert body["vatCategoryId"] == "03"
    assert body["active"] is True and body["excludeListedTaxes"] is False
    lines = {line["vatId"]: line for line in body["vatCategoryLines"]}
    assert sorted(lines) == ["1", "3", "52", "86"]
    assert lines["86"]["type"] == "ReverseVat"
    assert lines["3"]["vatRates"] == [
        {"revisionID": "1", "vatRate": 25.0, "groupType": "Output", "startDate": "2019-01-01T00:00:00"}
    ]
    assert_real(body, "vatcategory", "VatCategoryDto")


def test_the_category_list_is_by_id_and_filters_on_greater_than_and_dates(tenant):
    add_vat_setup(tenant)
    body = tenant.get("/vatCategory").json()
    assert [c["vatCategoryId"] for c in body] == ["03", "05", "33"]
    for category in body:
        assert_real(category, "vatcategory", "VatCategoryDto")
    assert [c["vatCategoryId"] for c in tenant.get("/vatCategory", params={"greaterThanValue": "03"}).json()] == [
        "05",
        "33",
    ]
    created = {"createdDateTime": "2020-03-01", "createdDateTimeCondition": ">="}
    assert len(tenant.get("/vatCategory", params=created).json()) == 3
    created["createdDateTimeCondition"] = "<"
    assert tenant.get("/vatCategory", params=created).json() == []


def test_a_vendor_code_keeps_only_that_agencys_lines_and_there_are_none_yet(tenant):
    add_vat_setup(tenant)
    body = tenant.get("/vatCategory/03", params={"vendorCd": "70001"}).json()
    assert body["vatCategoryLines"] == []


def test_an_unknown_category_is_404(tenant):
    assert tenant.get("/vatCategory/99").status_code == 404


# --- VAT zones --------------------------------------------------------------------------------------------


def test_the_zone_list_is_paged_with_metadata_and_the_default_category_described(tenant):
    add_vat_setup(tenant)
    body = tenant.get("/vatZone", params={"pageSize": 1}).json()
    assert body == [
        {
            "id": "01",
            "description": "Innenlands",
            "defaultVatCategory": "03",
            "defaultTaxCategory": {"number": "03", "description": "Høy sats"},
            "metadata": {"totalCount": 2, "maxPageSize": 1000},
        }
    ]
    assert_real(body[0], "vatzone", "VatZoneDto")
    assert [z["id"] for z in tenant.get("/vatZone", params={"pageSize": 1, "pageNumber": 2}).json()] == ["02"]


def test_a_zone_reads_by_id_and_an_unknown_one_is_404(tenant):
    add_vat_setup(tenant)
    body = tenant.get("/vatZone/02").json()
    assert (body["id"], body["defaultVatCategory"]) == ("02", "05")
    assert "metadata" not in body
    assert_real(body, "vatzone", "VatZoneDto")
    assert tenant.get("/vatZone/09").status_code == 404


def test_customers_keep_their_vat_zone_reference(tenant):
    add_reference_data(tenant)
    number = new_number(tenant.post("/customer", minimal_customer()))
    assert tenant.get(f"/customer/{number}").json()["vatZone"] == {
        "id": "01",
        "description": "Domestic",
        "defaultVatCategory": "03",
    }


# --- isolation and the real documents ---------------------------------------------------------------------


@pytest.mark.parametrize(("path", "one"), [("/vat", "/vat/3"), ("/vatCategory", "/vatCategory/03"), ("/vatZone", None)])
def test_company_b_vat_set_up_is_invisible_to_company_a(tenant, other_tenant, path, one):
    add_vat_setup(other_tenant)
    assert tenant.get(path).json() == []
    assert tenant.get(one or "/vatZone/01").status_code == 404
    assert other_tenant.get(one or "/vatZone/01").status_code == 200


ENUMS = [
    (schemas.VatType, "VatInformationDto", "type"),
    (schemas.CalculateOn, "VatInformationDto", "calculateOn"),
    (schemas.CashDiscount, "VatInformationDto", "cashDiscount"),
    (schemas.EuReportCode, "VatInformationDto", "euReportCode"),
    (schemas.VismaXmlVatType, "VatInformationDto", "vismaXmlVatType"),
    (schemas.GroupType, "VatRateLineDto", "groupType"),
]


@pytest.mark.parametrize(("enum", "component", "prop"), ENUMS, ids=[prop for _, _, prop in ENUMS])
def test_enums_are_exactly_the_real_ones_misspellings_included(enum, component, prop):
    real = real_document("vat")["components"]["schemas"][component]["properties"][prop]["enum"]
    assert [member.value for member in enum] == real


@pytest.mark.parametrize(
    ("model", "document", "component"),
    [
        (resources.VAT.read_model, "vat", "VatInformationDto"),
        (resources.VAT_CATEGORY.read_model, "vatcategory", "VatCategoryDto"),
        (resources.VAT_CATEGORY_LINE.read_model, "vatcategory", "VatCategoryLineDto"),
        (resources.VAT_ZONE.read_model, "vatzone", "VatZoneDto"),
        (resources.VAT_GL_ACCOUNTS.read_model, "vat", "glAccountsInVatInformationDto"),
    ],
)
def test_the_documented_read_models_have_exactly_the_real_members(model, document, component):
    assert set(model.model_fields) == real_properties(document, component)


PAGING_NO_OPS = {"numberToRead", "skipRecords", "orderBy"}


@pytest.mark.parametrize(
    ("path", "document", "real_path", "extra"),
    [
        ("/vat", "vat", "/v1/vat", set()),
        ("/vatCategory", "vatcategory", "/v1/vatCategory", set()),
        # The shared paging dependency declares its deprecated no-ops, which the real zone list lacks.
        ("/vatZone", "vatzone", "/v1/vatZone", PAGING_NO_OPS),
    ],
)
def test_the_lists_declare_the_real_query_parameters(client, path, document, real_path, extra):
    operation = client.get("/swagger/v1/swagger.json").json()["paths"][f"/API/controller/api/v1{path}"]["get"]
    ours = {p["name"] for p in operation["parameters"] if p["in"] == "query"}
    assert ours == real_query_parameters(document, real_path) | extra
