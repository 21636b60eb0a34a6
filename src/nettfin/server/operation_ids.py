"""The real service's operationIds in nettfin's OpenAPI documents.

Integrators generate clients from an OpenAPI document (NSwag, openapi-generator, Kiota), and the generated methods
are named after the operationIds: with the real ids (`Vat_GetAllVats`, `Customer_GetBycustomerCd`), a client
generated from nettfin's document has the methods of one generated from Visma's. operation_ids.json holds the real
ids by method and path template; tools/operation_ids.py writes it from the real documents.

The ids are given to the finished document rather than to routes, so every route gets its id however it was made
(by hand or by a resource declaration, kit/resource_routes.py). An operation is looked up by its path with the
surface prefix removed (`/API/controller/api/v1/vat` is `/v1/vat`, as the real documents write it), its parameter
names and letter case set aside (ASP.NET's routing ignores case, and nettfin's parameter names are not always the
documents'). An operation without a real counterpart keeps FastAPI's id (function, path and method: readable,
stable and unique).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

OPERATION_IDS = Path(__file__).with_name("operation_ids.json")
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "patch", "head", "options", "trace"})
_PARAMETER = re.compile(r"\{[^}]*\}")


def operation_key(method: str, path: str) -> str:
    """`GET /v1/customer/{customerCd}` -> `GET /v1/customer/{}`: the same for templates that name their parameters
    differently or differ in letter case only."""
    return f"{method.upper()} {_PARAMETER.sub('{}', path).lower()}"


@cache
def real_operation_ids() -> dict[str, str]:
    """operation_key -> the real operationId, from the shipped file (keyed "METHOD template")."""
    shipped = json.loads(OPERATION_IDS.read_text(encoding="utf-8"))
    return {operation_key(*operation.split(" ", 1)): operation_id for operation, operation_id in shipped.items()}


def _served_as(path: str, prefixes: tuple[str, ...]) -> str:
    """The path as the real documents write it: without the first surface prefix it starts with."""
    for prefix in prefixes:
        if path.startswith(prefix + "/"):
            return path.removeprefix(prefix)
    return path


def assign_real_ids(document: dict, prefixes: tuple[str, ...]) -> None:
    """Give each operation of `document` with a real counterpart its real operationId, keeping ids unique.

    When several operations map to one real id (the same operation under two surface prefixes in one document),
    the one whose path is shortest (then first in sorting) keeps it, the shortest being the one served as the real
    documents write it; the others get `_2`, `_3`, ... in that order. A suffix never reuses an id in the document."""
    real = real_operation_ids()
    claims: dict[str, list[tuple[str, str, dict]]] = {}
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in HTTP_METHODS:
                continue
            operation_id = real.get(operation_key(method, _served_as(path, prefixes)), operation.get("operationId"))
            claims.setdefault(operation_id, []).append((path, method, operation))
    taken = set(claims)
    for operation_id, claimants in claims.items():
        claimants.sort(key=lambda claim: (len(claim[0]), claim[0], claim[1]))
        claimants[0][2]["operationId"] = operation_id
        suffix = 2
        for _path, _method, operation in claimants[1:]:
            while f"{operation_id}_{suffix}" in taken:
                suffix += 1
            operation["operationId"] = f"{operation_id}_{suffix}"
            taken.add(operation["operationId"])
            suffix += 1
