"""Every company operation may be queued (background/middleware.py): the document says so as the real ones do,
with the `erp-api-background` header parameter and a 202 answer of `BackgroundApiAcceptedDto`."""

from __future__ import annotations

from .header import HEADER
from .schemas import BackgroundApiAcceptedDto

ACCEPTED = "BackgroundApiAcceptedDto"
PARAMETER = {
    "name": HEADER,
    "in": "header",
    "required": False,
    "description": "Run the call in the background: `subscription` (notify the application's BACKGROUND_API_RESPONSE "
    "webhook subscription), `subscription:<header>=<value>,...` (the same, with extra notification headers), "
    "`none` (no notification; poll the state), or an absolute URL (legacy: the notification is POSTed there). "
    "The answer is 202 with the state's location.",
    "schema": {"type": "string"},
}
RESPONSE = {
    "description": "Queued: poll `stateLocation` (GET /v1/background/{id}).",
    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ACCEPTED}"}}},
}


def declare_background(document: dict, is_company_operation) -> None:
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault(ACCEPTED, BackgroundApiAcceptedDto.model_json_schema())
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            if not is_company_operation(operation):
                continue
            parameters = operation.setdefault("parameters", [])
            if not any(p.get("name") == HEADER for p in parameters):
                parameters.append(PARAMETER)
            operation.setdefault("responses", {}).setdefault("202", RESPONSE)
