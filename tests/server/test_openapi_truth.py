"""nettfin's OpenAPI document says what nettfin sends: money as numbers, conditional filters described, 405s
with the methods the path serves; and the suite's response check (tests/openapi_check.py) rejects a body the
document does not allow, so it cannot silently pass everything."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import typing
from decimal import Decimal

import httpx2 as httpx
import pytest
from pydantic import BaseModel

import nettfin.server
from tests.openapi_check import ResponseCheck, ResponseMismatch, response_hook

API = "/API/controller/api/v1"
JSON = {"content-type": "application/json; charset=utf-8"}
# Money, quantities and rates across modules, in the document's names (schema, property).
MONEY_FIELDS = [
    ("CustomerDto", "creditLimit"),
    ("CustomerBalanceDto", "balance"),
    ("CustomerInvoiceDto", "amount"),
    ("CustomerInvoiceDto", "vatTotal"),
    ("CustomerInvoiceLineDto", "unitPriceInCurrency"),
    ("PaymentDto", "paymentAmount"),
    ("GeneralLedgerBalanceDto", "beginningBalance"),
    ("GeneralLedgerBalanceDto", "yearToDateBalance"),
    ("GeneralLedgerBalanceDto", "periodToDateDebit"),
    ("JournalTransactionLineDto", "debitAmount"),
    ("JournalTransactionDto", "controlTotal"),
    ("SupplierInvoiceDto", "balance"),
    ("SupplierInvoiceLineDto", "costInCurrency"),
    ("SupplierPaymentDto", "paymentAmount"),
    ("SupplierBalanceDto", "balance"),
    ("PurchaseOrderDto", "orderTotal"),
    ("InventoryDto", "defaultPrice"),
    ("VatInformationScheduleDto", "vatRate"),
    ("TimeCardMaterialsDto", "totalQty"),
]
FILTER_PAIRS = [
    ("/customer", "lastModifiedDateTime"),
    ("/customer", "createdDateTime"),
    ("/supplierInvoice", "balance"),
    ("/customerinvoice", "documentDueDate"),
    ("/purchaseorder", "orderDate"),
    ("/inventory", "availabilityLastModifiedDateTime"),
    ("/timeCard", "lastModifiedDateTime"),
]


@pytest.fixture(scope="module")
def openapi(client) -> dict:
    response = client.get("/swagger/v1/swagger.json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture(scope="module")
def check(openapi) -> ResponseCheck:
    return ResponseCheck(openapi)


def _schema(openapi: dict, node: dict) -> dict:
    """The schema behind local `$ref`s and `X | None`."""
    while True:
        if "$ref" in node:
            node = openapi["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
        elif "anyOf" in node:
            (node,) = [part for part in node["anyOf"] if part.get("type") != "null"]
        else:
            return node


def _parameters(openapi: dict, path: str, method: str = "get") -> dict[str, dict]:
    return {p["name"]: p for p in openapi["paths"][API + path][method].get("parameters", [])}


def _mentions_decimal(annotation) -> bool:
    if annotation is Decimal:
        return True
    return any(_mentions_decimal(arg) for arg in typing.get_args(annotation))


def _read_models() -> dict[str, type[BaseModel]]:
    """Every pydantic read model of the server (not the write holders), by class name."""
    found: dict[str, type[BaseModel]] = {}
    for module_info in pkgutil.walk_packages(nettfin.server.__path__, "nettfin.server."):
        if not module_info.name.endswith(("schemas", "router", "shapes")):
            continue
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, BaseModel) and value.__module__ == module.__name__:
                found.setdefault(name, value)
    return found


# --- the document -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("schema", "field"), MONEY_FIELDS)
def test_money_fields_are_documented_as_numbers(openapi, schema, field):
    assert _schema(openapi, openapi["components"]["schemas"][schema]["properties"][field])["type"] == "number"


def test_every_decimal_of_every_read_model_is_a_number_in_the_document(openapi):
    schemas = openapi["components"]["schemas"]
    checked = 0
    for name, model in _read_models().items():
        if name not in schemas or "Update" in name:
            continue
        for field_name, field in model.model_fields.items():
            if _mentions_decimal(field.annotation):
                node = _schema(openapi, schemas[name]["properties"][field_name])
                assert node.get("type") == "number", (name, field_name, node)
                checked += 1
    assert checked > 140


def test_a_number_filter_value_is_a_number_in_the_query(openapi):
    balance = _parameters(openapi, "/supplierInvoice")["balance"]["schema"]
    assert {"type": "number"} in balance.get("anyOf", [balance])


@pytest.mark.parametrize(("path", "name"), FILTER_PAIRS)
def test_a_filter_and_its_condition_each_say_they_need_the_other(openapi, path, name):
    parameters = _parameters(openapi, path)
    assert f"`{name}Condition`" in parameters[name]["description"]
    assert "both or neither" in parameters[name]["description"]
    assert f"`{name}`" in parameters[f"{name}Condition"]["description"]
    assert ">=" in parameters[f"{name}Condition"]["description"]


def test_every_paired_filter_in_the_document_is_described_with_its_partner(openapi):
    pairs = 0
    for path, item in openapi["paths"].items():
        for method, operation in item.items():
            names = {p["name"]: p for p in operation.get("parameters", [])}
            for name, parameter in names.items():
                if name.endswith("Condition") and name.removesuffix("Condition") in names:
                    value = names[name.removesuffix("Condition")]
                    assert f"`{name}`" in value.get("description", ""), (path, method, value)
                    assert f"`{value['name']}`" in parameter.get("description", ""), (path, method, parameter)
                    pairs += 1
    assert pairs >= 30


def test_the_time_card_list_says_it_needs_a_filter(openapi):
    operation = openapi["paths"][f"{API}/timeCard"]["get"]
    assert "at least one of" in operation["description"]
    parameters = _parameters(openapi, "/timeCard")
    for name in ("status", "week", "type", "employeeCd", "lastModifiedDateTime"):
        assert "requires at least one of" in parameters[name]["description"], name


def test_the_journal_lists_describe_the_default_condition_and_the_v2_requirement(openapi):
    v1 = _parameters(openapi, "/journaltransaction")
    assert ">= when left out" in v1["lastModifiedDateTimeCondition"]["description"]
    v2 = {p["name"]: p for p in openapi["paths"]["/API/controller/api/v2/journaltransaction"]["get"]["parameters"]}
    assert "Mandatory" in v2["periodId"]["description"] and "Mandatory" in v2["lastModifiedDateTime"]["description"]
    assert "lastModifiedDateTimeCondition" not in v2


def test_attachments_are_documented_as_optional_lists_left_out_when_not_asked_for(openapi):
    for schema in ("JournalTransactionDto", "SupplierInvoiceDto", "SupplierInvoiceLineDto", "InventoryDto"):
        component = openapi["components"]["schemas"][schema]
        node = component["properties"]["attachments"]
        assert "attachments" not in component.get("required", []), schema
        assert node["type"] == "array" and "anyOf" not in node, schema
        assert node["items"] == {"$ref": "#/components/schemas/AttachmentRefDto"}


# --- what nettfin sends ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/v1/customer", "GET, POST"),
        ("PATCH", f"{API}/customer/10001", "GET, PUT"),
        ("DELETE", "/v1/supplierInvoice", "GET, POST"),
        ("POST", "/API/resources/v1/context", "GET"),
    ],
)
def test_a_405_names_every_method_the_path_serves(tenant, method, path, allowed):
    response = tenant.client.request(method, path, headers=tenant.headers)
    assert response.status_code == 405
    assert response.headers["allow"] == allowed
    assert response.headers["content-type"].startswith("application/json")
    assert "does not support http method" in response.json()["message"]


def test_the_suite_client_checks_every_response(client):
    hooks = client.event_hooks["response"]
    assert any(getattr(hook, "__qualname__", "").startswith("response_hook") for hook in hooks), hooks


# --- the check itself: a unit test with fake responses ------------------------------------------------------


def _customer(openapi: dict) -> dict:
    """A body with every required CustomerDto property, of the declared type."""
    samples = {"integer": 1, "number": 1.5, "string": "x", "boolean": True, "array": [], "object": {}}
    schema = openapi["components"]["schemas"]["CustomerDto"]
    body = {}
    for name in schema["required"]:
        node = _schema(openapi, schema["properties"][name])
        body[name] = node["enum"][0] if "enum" in node else samples[node.get("type", "object")]
    return body


def test_a_body_the_document_allows_passes(check, openapi):
    body = httpx.Response(200, json=_customer(openapi)).content
    check.check("GET", f"{API}/customer/10001", 200, JSON, body)
    check.check("GET", "/v1/CUSTOMER/10001", 200, JSON, body)


def test_money_sent_as_a_string_is_caught_with_its_place(check, openapi):
    body = httpx.Response(200, json={**_customer(openapi), "creditLimit": "1234.50"}).content
    with pytest.raises(ResponseMismatch, match=r"GET /v1/customer/10001 -> 200: .*\$\.creditLimit.*'number'"):
        check.check("GET", "/v1/customer/10001", 200, JSON, body)


def test_a_member_the_document_does_not_declare_is_caught(check, openapi):
    body = httpx.Response(200, json={**_customer(openapi), "surprise": 1}).content
    with pytest.raises(
        ResponseMismatch, match=r"\$: Additional properties are not allowed \('surprise' was unexpected\)"
    ):
        check.check("GET", f"{API}/customer/10001", 200, JSON, body)
    nested = {**_customer(openapi), "mainAddress": {"city": "Oslo", "planet": "Earth"}}
    with pytest.raises(ResponseMismatch, match=r"\$\.mainAddress: .*'planet' was unexpected"):
        check.check("GET", f"{API}/customer/10001", 200, JSON, httpx.Response(200, json=nested).content)
    # A free-form object (`dict` in a DTO) stays open.
    free = {**_customer(openapi), "vatZone": {"id": "01", "defaultTaxCategory": {"anything": 1}}}
    check.check("GET", f"{API}/customer/10001", 200, JSON, httpx.Response(200, json=free).content)


def test_a_missing_required_field_and_a_wrong_list_element_are_caught(check, openapi):
    customer = _customer(openapi)
    del customer["name"]
    with pytest.raises(ResponseMismatch, match="'name' is a required property"):
        check.check("GET", f"{API}/customer/10001", 200, JSON, httpx.Response(200, json=customer).content)
    with pytest.raises(ResponseMismatch, match=r"\$\[0\]"):
        check.check("GET", f"{API}/customer", 200, JSON, b"[1]")


def test_error_bodies_are_checked_against_the_error_models(check):
    visma = b'{"message": "VismaId: 1. Not found."}'
    check.check("GET", f"{API}/customer/10001", 404, JSON, visma)
    ipp = b'{"ExceptionType": "IPPException", "ExceptionMessage": "m", "ExceptionFaultCode": "1", '
    ipp += b'"ExceptionMessageID": "1"}'
    check.check("GET", f"{API}/customer", 401, JSON, ipp)
    with pytest.raises(ResponseMismatch, match="404"):
        check.check("GET", f"{API}/customer/10001", 404, JSON, b'{"error": "not found"}')
    with pytest.raises(ResponseMismatch, match="401"):
        check.check("GET", f"{API}/customer", 401, JSON, visma)


def test_an_undocumented_status_or_media_type_is_caught(check, openapi):
    with pytest.raises(ResponseMismatch, match="documents no 418 response"):
        check.check("GET", f"{API}/customer", 418, JSON, b"{}")
    with pytest.raises(ResponseMismatch, match="text/html"):
        check.check("GET", f"{API}/customer", 200, {"content-type": "text/html"}, b"<p>")
    with pytest.raises(ResponseMismatch, match="not JSON"):
        check.check("GET", f"{API}/customer", 200, JSON, b"{")
    with pytest.raises(ResponseMismatch, match="an empty body"):
        check.check("GET", f"{API}/customer", 200, JSON, b"")
    check.check("PUT", f"{API}/customer/10001", 204, {}, b"")
    check.check("PUT", f"{API}/customer/10001", 412, {}, b"")


def test_a_body_without_a_content_type_is_caught_even_off_the_document(check):
    with pytest.raises(ResponseMismatch, match="without a Content-Type"):
        check.check("GET", "/swagger/assets/x.js", 200, {}, b"x")
    check.check("GET", "/swagger/assets/x.js", 200, {"content-type": "text/javascript"}, b"x")


def test_a_405_must_name_exactly_the_methods_of_the_path(check):
    body = b'{"message": "VismaId: 1. The requested resource does not support http method \'DELETE\'."}'
    check.check("DELETE", "/v1/customer", 405, {**JSON, "allow": "GET, POST"}, body)
    with pytest.raises(ResponseMismatch, match="Allow header 'GET'"):
        check.check("DELETE", "/v1/customer", 405, {**JSON, "allow": "GET"}, body)
    with pytest.raises(ResponseMismatch, match="VismaErrorBody"):
        check.check("DELETE", "/v1/customer", 405, {**JSON, "allow": "GET, POST"}, b'{"detail": "x"}')


def test_the_hook_raises_on_a_wrong_response_and_reads_a_streamed_one(check, openapi):
    hook = response_hook(check)
    request = httpx.Request("GET", "http://testserver/v1/customer/10001")
    bad = {**_customer(openapi), "creditLimit": "1.00"}
    with pytest.raises(ResponseMismatch, match="creditLimit"):
        hook(httpx.Response(200, json=bad, request=request))
    streamed = httpx.Response(200, headers=JSON, stream=httpx.ByteStream(b"[]"), request=request)
    with pytest.raises(ResponseMismatch, match=r"\$: \[\] is not of type 'object'"):
        hook(streamed)
    hook(httpx.Response(200, json=_customer(openapi), request=request))


def test_validators_are_built_once_per_schema(check, openapi):
    body = httpx.Response(200, json=_customer(openapi)).content
    check.check("GET", f"{API}/customer/10001", 200, JSON, body)
    count = len(check._validators)
    for _ in range(3):
        check.check("GET", f"/v1/customer/{_}", 200, JSON, body)
    assert len(check._validators) == count
    assert isinstance(check.templates("/v1/customer/1"), list) and not check.templates("/swagger/assets/x.js")


def test_every_response_schema_has_fast_predicates_that_agree_with_jsonschema(check, openapi):
    """The fast predicates only speed up accepting; they must cover every response schema the document has
    (or the suite would pay jsonschema's price) and never accept what jsonschema rejects."""
    customer = _customer(openapi)
    samples = [customer, [customer], {**customer, "creditLimit": "1"}, {**customer, "x": 1}, [customer, None], {}, []]
    samples += [None, 1, True, "x"]
    compared = 0
    for path, item in openapi["paths"].items():
        for method, operation in item.items():
            for code, response in operation["responses"].items():
                for media_type, content in response.get("content", {}).items():
                    if "schema" not in content:
                        continue
                    pointer = ("paths", path, method, "responses", code, "content", media_type, "schema")
                    fast = check.predicate(*pointer)
                    assert fast is not None, pointer
                    validator = check.validator(*pointer)
                    for sample in samples:
                        assert fast(sample) == validator.is_valid(sample), (pointer, sample)
                        compared += 1
    assert compared > 1000
