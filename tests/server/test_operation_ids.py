"""nettfin's OpenAPI document names its operations as the real service's documents do, so a client generated
from it (NSwag, openapi-generator, Kiota name methods after operationIds) has the methods of one generated from
Visma's; ids stay unique per document; and the shipped table is what tools/operation_ids.py makes of the real
documents."""

from __future__ import annotations

import importlib.util
import re

import pytest
from fastapi import APIRouter, FastAPI

from nettfin.server import docs
from nettfin.server.app import LEGACY_PREFIX
from nettfin.server.operation_ids import HTTP_METHODS, OPERATION_IDS, operation_key, real_operation_ids
from tests.paths import REFERENCE, REPO

TOOL = REPO / "tools" / "operation_ids.py"
API = f"{LEGACY_PREFIX}/v1"
# Served operations and the real ids: the examples an integrator meets first, and a parameter named otherwise
# than in the real document (`{EmployeeCd}` there is `{employeeCd}`).
EXAMPLES = {
    ("get", f"{API}/vat"): "Vat_GetAllVats",
    ("get", f"{API}/department/{{departmentId}}"): "Department_GetDepartmentBydepartmentId",
    ("get", f"{API}/customer/{{customerCd}}"): "Customer_GetBycustomerCd",
    ("post", f"{LEGACY_PREFIX}/v2/journaltransaction"): "JournalTransactionV2_Post",
    ("get", f"{API}/employee/{{EmployeeCd}}/timecards"): "Employee_GetEmployeeTimeCards",
    # Only the 2016 legacy swagger describes these.
    ("get", f"{API}/generalLedgerBalance"): "GeneralLedgerBalance_GetAll",
    ("delete", "/API/security/api/v1/token"): "revokeSecurityToken",
}


@pytest.fixture(scope="module")
def openapi(client) -> dict:
    response = client.get(docs.OPENAPI_URL)
    assert response.status_code == 200
    return response.json()


def _operations(document: dict):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method in HTTP_METHODS:
                yield path, method, operation


def test_every_operation_with_a_real_counterpart_carries_the_real_id(openapi):
    real = real_operation_ids()
    served = {(method, path): operation["operationId"] for path, method, operation in _operations(openapi)}
    for (method, path), operation_id in EXAMPLES.items():
        assert served[(method, path)] == operation_id, (method, path)
    with_counterpart = 0
    for (method, path), operation_id in served.items():
        expected = real.get(operation_key(method, path.removeprefix(LEGACY_PREFIX)))
        if expected is not None:
            with_counterpart += 1
            assert operation_id == expected, (method, path)
    assert with_counterpart > 100  # every resource's routes: a broken lookup would match next to none


def test_operation_ids_are_unique_and_usable_as_method_names_and_anchors(openapi):
    """OpenAPI requires unique ids; generators make identifiers of them, and Swagger UI's deep links
    (`#/<tag>/<operationId>`) carry them: letters, digits and underscores only."""
    ids = [operation["operationId"] for _path, _method, operation in _operations(openapi)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", i) for i in ids), ids


def test_an_operation_without_a_real_counterpart_keeps_fastapis_id(openapi):
    operation = openapi["paths"]["/API/resources/v1/context"]["get"]
    assert operation["operationId"] == "list_contexts_API_resources_v1_context_get"


def test_templates_match_whatever_the_parameters_are_named_and_letter_case():
    assert operation_key("get", "/v1/Employee/{EmployeeCd}/timecards") == operation_key(
        "GET", "/v1/employee/{employeeCd}/timecards"
    )
    assert operation_key("GET", "/v1/customer/{a}") != operation_key("PUT", "/v1/customer/{a}")


def _twice_served(*, taken: str | None = None) -> dict:
    """A document with one operation (a real one: GET /v1/vat) under the legacy prefix and without it, as a
    document showing both surfaces would have it; routes are added as a resource declaration adds them."""
    router = APIRouter()

    @router.get("/v1/vat")
    def list_vats() -> list[int]:
        return []

    app = FastAPI()
    app.include_router(router, prefix=LEGACY_PREFIX)
    app.include_router(router)
    if taken:

        @app.get("/other", operation_id=taken)
        def other() -> int:
            return 0

    docs.install_swagger(app, surface_prefixes=(LEGACY_PREFIX,))
    return app.openapi()


def test_one_real_operation_served_twice_in_a_document_gets_the_id_then_a_numbered_one():
    """The path as the real documents write it keeps the id; the longer (prefixed) one is numbered."""
    paths = _twice_served()["paths"]
    assert paths["/v1/vat"]["get"]["operationId"] == "Vat_GetAllVats"
    assert paths[f"{LEGACY_PREFIX}/v1/vat"]["get"]["operationId"] == "Vat_GetAllVats_2"


def test_a_numbered_id_never_takes_one_the_document_already_has():
    paths = _twice_served(taken="Vat_GetAllVats_2")["paths"]
    assert paths["/other"]["get"]["operationId"] == "Vat_GetAllVats_2"
    assert paths["/v1/vat"]["get"]["operationId"] == "Vat_GetAllVats"
    assert paths[f"{LEGACY_PREFIX}/v1/vat"]["get"]["operationId"] == "Vat_GetAllVats_3"


def _tool():
    spec = importlib.util.spec_from_file_location("operation_ids_tool", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(
    not REFERENCE.is_dir(),
    reason=f"the real Visma documents are not here ({REFERENCE}): the shipped operationIds cannot be regenerated",
)
def test_the_shipped_table_is_what_the_tool_makes_of_the_real_documents():
    tool = _tool()
    ids, ambiguities = tool.operation_ids(REFERENCE)
    assert ambiguities == []
    assert OPERATION_IDS.read_text(encoding="utf-8") == tool.render(ids), "run tools/operation_ids.py"
