"""Inputs a careless or hostile client sends: each is a 4xx in Visma's shape that names what was wrong and
writes nothing, or a 2xx whose answer is complete. Never a 500, never a write followed by a failed answer."""

from __future__ import annotations

import re

import httpx2
import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from nettfin.server.app import LEGACY_PREFIX, create_app
from nettfin.server.kit.changes import DataVersion
from nettfin.server.settings import Settings
from tests.factories import add_reference_data, minimal_customer, new_number
from tests.party_factories import DEMO_API, seeded_demo
from tests.servers import start_server, stop_server

# Keys that exist in the demo company, so a sweep reaches the write itself and not only a 404.
DEMO_KEYS = {
    "customerCd": "10001",
    "internalID": "1",
    "supplierCd": "50000",
    "inventoryNumber": "teststock",
    "inventoryID": "1",
    "employeeCd": "E001",
    "accountCd": "1200",
    "subAccountNumber": "10-000",
    "dimensionId": "SUBACCOUNT",
    "segmentId": "1",
    "journalTransactionNumber": "000001",
    "invoiceNumber": "000002",
    "documentType": "Invoice",
    "paymentNumber": "000002",
}
HOSTILE_NAMES = {"中": 1, "bad\r\nX-Injected: yes": 1, "x" * 300: 1, "é\tñ": {"value": "x"}}
PRINTABLE_ASCII = re.compile(r"^[\x20-\x7e]*$")


@pytest.fixture(scope="module")
def demo(database_url, tmp_path_factory):
    """The demo company in a database of its own, on the backend of this run."""
    with seeded_demo(tmp_path_factory.mktemp("hostile"), database_url) as client:
        yield client


def _versions(client: TestClient) -> list[tuple]:
    """Every data version: a write moves one (a sum would overflow: a company's version of everything is a
    random 62-bit number)."""
    database = client.app.state.db
    with database.reading() as session:
        columns = (DataVersion.company_id, DataVersion.resource, DataVersion.version)
        return [tuple(row) for row in session.execute(select(*columns).order_by(*columns[:2]))]


def _write_routes(app) -> list[tuple[str, str, bool]]:
    """(method, path with demo keys, whether the operation writes a record's fields: not an action) of every write."""
    routes = []
    for path, operations in app.openapi()["paths"].items():
        if not path.startswith(LEGACY_PREFIX) or path.lower().endswith("/attachment"):
            continue
        for method in ("post", "put"):
            if method in operations:
                concrete = re.sub(r"{(\w+)}", lambda m: DEMO_KEYS.get(m[1], "X1"), path)
                routes.append((method.upper(), concrete, "/action/" not in path))
    return routes


def test_every_write_route_answers_hostile_field_names_completely_or_writes_nothing(demo):
    routes = _write_routes(demo.app)
    assert len(routes) > 30
    answered = set()
    for method, path, writes_fields in routes:
        before = _versions(demo)
        response = demo.request(method, path, json=HOSTILE_NAMES)
        assert response.status_code < 500, (method, path, response.text)
        for name, value in response.headers.items():
            assert PRINTABLE_ASCII.match(value), (method, path, name, value)
        if response.status_code >= 400:
            assert _versions(demo) == before, (method, path, response.status_code, "wrote and then refused")
            assert response.json()["message"]
        else:
            answered.add(path)
            # An action (reversing the demo's customer invoice 000002) takes options, not a record's fields.
            assert not writes_fields or "%E4%B8%AD" in response.headers["X-Nettfin-Ignored-Fields"]
    assert f"{DEMO_API}/customer/10001" in answered  # the sweep reached writes that succeed, not only refusals


def test_an_update_naming_an_unknown_field_outside_latin1_changes_the_record_and_says_so(demo):
    response = demo.put(f"{DEMO_API}/customer/10002", json={"中": 1, "name": {"value": "Fjellbris Øst AS"}})
    assert response.status_code == 204, response.text
    assert response.headers["X-Nettfin-Ignored-Fields"] == "%E4%B8%AD"
    assert demo.get(f"{DEMO_API}/customer/10002").json()["name"] == "Fjellbris Øst AS"


def test_many_ignored_fields_are_capped_in_the_header(demo):
    body = {**{f"unknown{n:02d}": 1 for n in range(25)}, "name": {"value": "Many Fields AS"}}
    response = demo.put(f"{DEMO_API}/customer/10003", json=body)
    assert response.status_code == 204
    listed = response.headers["X-Nettfin-Ignored-Fields"].split(", ")
    assert listed[:2] == ["unknown00", "unknown01"] and listed[-1] == "(+5 more)" and len(listed) == 21


def test_a_field_name_with_cr_lf_is_answered_over_real_http_with_the_record_created(database_url, tenant, tmp_path):
    """h11 refuses to send a header holding CR/LF: the customer used to be created and the answer lost."""
    add_reference_data(tenant)
    process, base = start_server(database_url, tmp_path)
    try:
        body = minimal_customer("Linjeskift AS")
        body["bad\r\nname"] = {"value": 1}
        response = httpx2.post(f"{base}{LEGACY_PREFIX}/v1/customer", json=body, headers=tenant.headers, timeout=30)
    finally:
        stop_server(process)
    assert response.status_code == 201, response.text
    assert response.headers["X-Nettfin-Ignored-Fields"] == "bad%0D%0Aname"
    assert tenant.get(f"/customer/{new_number(response)}").json()["name"] == "Linjeskift AS"


# --- integers past what the service's columns hold ----------------------------------------------------------


def test_every_integer_parameter_in_the_document_declares_its_bounds(app):
    unbounded = []
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                for alternative in schema.get("anyOf", [schema]):
                    if alternative.get("type") == "integer" and alternative.get("maximum", 2**63) > 2**31 - 1:
                        unbounded.append((method, path, parameter["name"]))
    assert unbounded == []


@pytest.mark.parametrize(
    ("path", "status", "named"),
    [
        ("/customer?pageNumber=99999999999999999999", 400, "pageNumber"),
        ("/customer?pageSize=99999999999999999999", 400, "pageSize"),
        ("/dimension/SUBACCOUNT/99999999999999999999/00", 400, "segmentId"),
        ("/inventory/internal/999999999999999999999999999999", 404, "999999999999999999999999999999"),
        ("/customer/internal/2147483648", 404, "2147483648"),
        ("/customerinvoice?released=99999999999999999999", 400, "released"),
    ],
)
def test_an_integer_past_the_column_is_a_client_error_naming_it(tenant, path, status, named):
    response = tenant.get(path)
    assert response.status_code == status, response.text
    assert named in response.json()["message"]


def test_a_company_id_past_the_column_is_12002(tenant):
    response = tenant.get("/customer", headers={"ipp-company-id": "2147483648"})
    assert response.status_code == 400
    assert response.json()["ExceptionFaultCode"] == "12002"
    assert "2147483648" in response.json()["ExceptionMessage"]


def test_an_integer_past_the_column_in_a_body_is_400_naming_the_field(demo):
    before = _versions(demo)
    body = {"invoiceLines": [{"operation": "Update", "lineNumber": {"value": 10**12}, "quantity": {"value": 2}}]}
    response = demo.put(f"{DEMO_API}/supplierInvoice/000002", json=body)
    assert response.status_code == 400
    assert "'invoiceLines.0.lineNumber.value'" in response.json()["message"]
    assert "2147483647" in response.json()["message"]
    assert _versions(demo) == before


# --- dates ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("9999-12-31", "is out of range"),
        ("1899-12-31", "is out of range"),
        ("2019-11-08T25:00:00", "is not a date"),
        ("2019-11-08T10:00:00+25:00", "is not a date"),
        ("2019-02-30", "is not a date"),
    ],
)
def test_a_supplier_invoice_date_outside_the_calendar_is_400_and_writes_nothing(demo, value, problem):
    before = _versions(demo)
    body = {"supplierNumber": {"value": "50000"}, "date": {"value": value}}
    response = demo.post(f"{DEMO_API}/supplierInvoice", json=body)
    assert response.status_code == 400, response.text
    message = response.json()["message"]
    assert f"'Date' '{value}' {problem}" in message
    assert _versions(demo) == before


def test_a_customer_invoice_date_past_2079_is_400_naming_the_field(demo):
    response = demo.post(f"{DEMO_API}/customerinvoice", json={"documentDate": {"value": "9999-12-31"}})
    assert response.status_code == 400
    assert "'documentDate.value': must be a date from 1900-01-01 to 2079-06-06" in response.json()["message"]


# --- text no column can hold ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "what"),
    [(b'"\\ud800"', "lone UTF-16 surrogate"), (b'"A\\u0000B"', "NUL character")],
)
def test_text_no_column_can_hold_is_400_naming_the_field_and_writes_nothing(demo, raw, what):
    before = _versions(demo)
    body = b'{"mainAddress": {"value": {"city": {"value": ' + raw + b"}}}}"
    response = demo.put(f"{DEMO_API}/customer/10004", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    message = response.json()["message"]
    assert "'mainAddress.value.city.value'" in message and what in message
    assert _versions(demo) == before


def test_a_lone_surrogate_in_a_field_name_is_400_and_the_answer_is_valid_json(demo):
    response = demo.post(
        f"{DEMO_API}/customer", content=b'{"\\udc00x": 1}', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert "\\udc00x" in response.json()["message"]


@pytest.mark.parametrize("path", ["/customer/%00", "/customer?name=A%00B", "/customer?NAME=%00"])
def test_nul_in_the_path_or_query_is_400(demo, path):
    response = demo.get(f"{DEMO_API}{path}")
    assert response.status_code == 400
    assert "NUL" in response.json()["message"]


@pytest.mark.parametrize("raw", [b'{"name": {"value": NaN}}', b'{"creditLimit": {"value": 1e400}}', b"[" * 2000])
def test_json_the_standard_library_would_bend_is_400(demo, raw):
    response = demo.put(f"{DEMO_API}/customer/10005", content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["message"]


# --- sizes ---------------------------------------------------------------------------------------------------


@pytest.fixture
def small_limit_client(database, tmp_path):
    app = create_app(Settings(data_dir=tmp_path, request_body_max_bytes=2048), database=database)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def test_a_body_over_the_limit_is_413_naming_it_and_writes_nothing(small_limit_client, tenant):
    body = minimal_customer("Stor Kropp AS", note={"value": "x" * 4000})
    response = small_limit_client.post(tenant.url("/customer"), json=body, headers=tenant.headers)
    assert response.status_code == 413
    assert "2,048 bytes" in response.json()["message"]
    assert tenant.get("/customer").json() == []


def test_a_streamed_body_over_the_limit_is_413(small_limit_client, tenant):
    def chunks():
        yield b'{"name": {"value": "'
        for _ in range(10):
            yield b"x" * 1000
        yield b'"}}'

    response = small_limit_client.post(
        tenant.url("/customer"), content=chunks(), headers={**tenant.headers, "Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert tenant.get("/customer").json() == []


def test_a_body_within_the_limit_is_served(small_limit_client, tenant):
    add_reference_data(tenant)
    response = small_limit_client.post(
        tenant.url("/customer"), json=minimal_customer("Liten AS"), headers=tenant.headers
    )
    assert response.status_code == 201


def test_more_lines_than_one_request_may_carry_is_400_naming_the_collection(demo):
    before = _versions(demo)
    line = {"operation": "Insert", "description": {"value": "x"}}
    response = demo.post(f"{DEMO_API}/supplierInvoice", json={"invoiceLines": [line] * 5001})
    assert response.status_code == 400
    message = response.json()["message"]
    assert "'invoiceLines': holds 5001 items; at most 5000 are accepted in one request" in message
    assert _versions(demo) == before


# --- who before which company --------------------------------------------------------------------------------


def test_a_bad_token_is_401_even_without_a_company(client):
    response = client.get(f"{LEGACY_PREFIX}/v1/customer", headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401
    assert response.json()["ExceptionFaultCode"] == "12001"


def test_a_good_token_without_a_company_is_12002(tenant):
    response = tenant.client.get(tenant.url("/customer"), headers={"Authorization": f"Bearer {tenant.token}"})
    assert response.status_code == 400
    assert response.json()["ExceptionFaultCode"] == "12002"


def test_a_value_the_database_refuses_is_400_not_500(database, tmp_path):
    from fastapi import APIRouter
    from sqlalchemy.exc import DataError

    app = create_app(Settings(data_dir=tmp_path), database=database)
    refusing = APIRouter()

    @refusing.get("/refuse")
    def refuse():
        raise DataError("INSERT ...", {}, ValueError('value "2147483648" is out of range for type integer'))

    app.include_router(refusing)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/refuse")
    assert response.status_code == 400
    assert 'value "2147483648" is out of range for type integer' in response.json()["message"]


# --- found by fuzzing (tests/test_fuzz.py) -------------------------------------------------------------------


def test_every_integer_path_parameter_in_the_document_declares_a_lower_bound(app):
    unbounded = []
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                for alternative in schema.get("anyOf", [schema]):
                    integer = parameter["in"] == "path" and alternative.get("type") == "integer"
                    if integer and alternative.get("minimum", -(2**63)) < -(2**31):
                        unbounded.append((method, path, parameter["name"]))
    assert unbounded == []


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/dimension/SUBACCOUNT/-99999999999999999999"),
        ("PUT", "/dimension/SUBACCOUNT/-99999999999999999999"),
        ("GET", "/dimension/SUBACCOUNT/-2147483649/00"),
        ("GET", "/dimension/SUBACCOUNT/-99999999999999999999/publicid/x"),
    ],
)
def test_a_negative_integer_past_the_column_is_400_naming_it(tenant, method, path):
    response = tenant.client.request(method, tenant.url(path), headers=tenant.headers, json={})
    assert response.status_code == 400, response.text
    assert "'segmentId'" in response.json()["message"]


@pytest.mark.parametrize(
    ("path", "body", "named"),
    [
        ("/customer/10006", {"name": {"value": ""}, "currencyId": {"value": ""}}, "'Customer name' cannot be empty"),
        ("/customer/internal/6", {"name": {"value": None}, "customerClassId": {"value": "1"}}, "'Customer name'"),
        ("/supplier/50000", {"name": {"value": ""}, "supplierClassId": {"value": "1"}}, "'Supplier name'"),
        ("/inventory/1001", {"description": {"value": ""}, "itemClass": {"value": "LAGER"}}, "'Description'"),
        ("/account/1200", {"description": {"value": ""}, "accountClass": {"value": "X"}}, "'Description'"),
        ("/employee/E001", {"department": {"value": None}, "employeeClass": {"value": "X"}}, "'Department'"),
    ],
)
def test_a_blanked_required_field_with_a_reference_is_400_and_writes_nothing(demo, path, body, named):
    """The reference's lookup used to flush the record with the blank first: a NOT NULL violation, a 500."""
    before = _versions(demo)
    response = demo.put(f"{DEMO_API}{path}", json=body)
    assert response.status_code == 400, response.text
    assert named in response.json()["message"]
    assert _versions(demo) == before
