"""The routes a document declaration (`kit.document_routes`) makes, on a tiny app over documents kept in memory:
the kit's own contract, whatever a sub-ledger's use cases do behind it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import SimpleNamespace

import pytest
from fastapi import FastAPI, Query
from fastapi.testclient import TestClient
from pydantic import BaseModel

from nettfin.server.kit.document_routes import (
    Action,
    DocumentKey,
    DocumentResource,
    DocumentTexts,
    Expand,
    Typed,
    document_router,
)
from nettfin.server.kit.errors import BusinessError, NotFound, install_error_handlers
from nettfin.server.kit.paging import PageResult
from nettfin.server.kit.render import time_stamp
from nettfin.server.kit.responses import check_if_match
from nettfin.server.kit.wire import Value, WireModel

KINDS = {"invoice": "Invoice", "creditnote": "CreditNote"}
CONTEXT = SimpleNamespace(company_id=7, user_id=3)


@dataclass(frozen=True)
class Doc:
    number: str
    kind: str
    amount: int
    row_version: int = 1
    released: bool = False


class DocDto(BaseModel):
    number: str
    kind: str
    amount: int
    released: bool
    note: str | None = None


class DocUpdateDto(WireModel):
    kind: Value[str] | None = None
    amount: Value[int] | None = None


class ReleaseDto(WireModel):
    comment: Value[str] | None = None


class ApprovalResultDto(BaseModel):
    actionId: str
    actionResult: str
    errorInfo: str | None = None
    approved: bool | None = None


class MemoryDocuments:
    """Documents in a dict; every call notes the company and the context's user it was given."""

    def __init__(self) -> None:
        self.docs: dict[str, Doc] = {}
        self.seen: list[tuple[str, int, int]] = []
        self.released_with: list[str | None] = []

    def _note(self, use_case: str, company_id: int, context) -> None:
        self.seen.append((use_case, company_id, context.user_id))

    def _find(self, key: DocumentKey) -> Doc:
        doc = self.docs.get(key.number)
        if doc is None or (key.kind is not None and doc.kind != key.kind):
            raise NotFound(f"Document '{key.number}' not found.")
        return doc

    def _save(self, doc: Doc, if_match: str | None = None, **changes) -> Doc:
        check_if_match(if_match, doc.row_version)
        saved = replace(doc, row_version=doc.row_version + 1, **changes)
        self.docs[doc.number] = saved
        return saved

    @staticmethod
    def render(doc: Doc, view: frozenset[str]) -> dict:
        body = {"number": doc.number, "kind": doc.kind, "amount": doc.amount, "released": doc.released}
        return {**body, "note": "noted"} if "expandNote" in view else body

    def list(self, db, *, company_id, context, filters, page, view):
        self._note("list", company_id, context)
        docs = [d for _, d in sorted(self.docs.items()) if filters is None or d.kind == filters]
        if page is None:
            return [self.render(d, view) for d in docs], None
        chosen = docs[page.offset : page.offset + page.size]
        return [self.render(d, view) for d in chosen], PageResult(chosen, len(docs), page.max_size)

    def get(self, db, *, company_id, context, key, view):
        self._note("get", company_id, context)
        doc = self._find(key)
        return self.render(doc, view), doc.row_version

    def create(self, db, *, company_id, context, dto):
        self._note("create", company_id, context)
        changes = dto.changes()
        doc = Doc(f"D{len(self.docs) + 1}", changes.get("kind", "Invoice"), changes.get("amount", 0))
        self.docs[doc.number] = doc
        return doc, ["unknownMember"] if "unknownMember" in (dto.model_extra or {}) else []

    def update(self, db, *, company_id, context, key, dto, if_match):
        self._note("update", company_id, context)
        return self._save(self._find(key), if_match, **dto.changes()), []

    def delete(self, db, *, company_id, context, key):
        self._note("delete", company_id, context)
        del self.docs[self._find(key).number]

    def release(self, db, *, company_id, context, key, if_match, body=None):
        self._note("release", company_id, context)
        self.released_with.append(body.changes().get("comment") if body is not None else None)
        return self._save(self._find(key), if_match, released=True)

    def void(self, db, *, company_id, context, key, if_match):
        self._note("void", company_id, context)
        return self._save(self._find(key), if_match, amount=0)

    def approve(self, db, *, company_id, context, key, if_match):
        self._note("approve", company_id, context)
        return self._save(self._find(key), if_match)

    def number(self, doc: Doc) -> str:
        return doc.number


def parse_kind(value: str) -> str:
    kind = KINDS.get(value.casefold())
    if kind is None:
        raise BusinessError(f"The value '{value}' of path segment 'documentType' is not valid.")
    return kind


def kind_filter(kind: str | None = Query(None)) -> str | None:
    return kind


def declaration(documents: MemoryDocuments, **overrides) -> DocumentResource:
    settings = dict(
        path="/v1/doc",
        tag="Doc",
        key_param="docNumber",
        key_description="The document's number.",
        documents=documents,
        read_dto=DocDto,
        write_dto=DocUpdateDto,
        texts=DocumentTexts(
            list="Get a range of documents",
            get="Get a document",
            create="Create a document",
            update="Update a document",
            delete="Delete a document",
            release="Release a document",
            get_notes="With its ETag.",
            update_notes="PATCH semantics.",
        ),
        filters=kind_filter,
        max_page_size=2,
        kind="Invoice",
        list_flags=(Expand("expandNote"),),
        actions=(
            Action("void", "Void a document", documents.void, typed_only=True),
            Action(
                "approve",
                "Approve a document",
                documents.approve,
                result_dto=ApprovalResultDto,
                key_param="docCd",
                endpoint="approve_the_document",
            ),
        ),
        typed=Typed(
            parse_kind,
            DocumentTexts(list="", get="Get a document of a type", create="", update=""),
            operations=frozenset({"get", "actions"}),
        ),
        v2_path="/v2/doc",
        release_body=ReleaseDto,
    )
    return DocumentResource(**{**settings, **overrides})


def app_of(resource: DocumentResource) -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)
    app.state.db = None
    for router in document_router(resource, lambda: CONTEXT):
        app.include_router(router)
    return app


@pytest.fixture
def documents() -> MemoryDocuments:
    found = MemoryDocuments()
    for doc in (Doc("A1", "Invoice", 10), Doc("A2", "CreditNote", 20), Doc("A3", "Invoice", 30)):
        found.docs[doc.number] = doc
    return found


@pytest.fixture
def api(documents) -> TestClient:
    with TestClient(app_of(declaration(documents)), raise_server_exceptions=False) as test_client:
        yield test_client


def test_the_list_is_a_page_with_metadata_filters_and_flags(api, documents):
    first = api.get("/v1/doc")
    assert [d["number"] for d in first.json()] == ["A1", "A2"]
    assert all(d["metadata"] == {"totalCount": 3, "maxPageSize": 2} for d in first.json())
    assert "note" not in first.json()[0]
    second = api.get("/v1/doc", params={"pageNumber": 2, "expandNote": "true"})
    assert [(d["number"], d["note"]) for d in second.json()] == [("A3", "noted")]
    filtered = api.get("/v1/doc", params={"kind": "CreditNote"})
    assert [d["number"] for d in filtered.json()] == ["A2"] and filtered.json()[0]["metadata"]["totalCount"] == 1
    assert documents.seen[0] == ("list", 7, 3)


def test_a_list_that_is_not_paged_has_neither_paging_parameters_nor_metadata(documents):
    resource = declaration(documents, paged=False)
    app = app_of(resource)
    parameters = [p["name"] for p in app.openapi()["paths"]["/v1/doc"]["get"]["parameters"]]
    assert parameters == ["expandNote", "kind"]
    with TestClient(app) as client:
        response = client.get("/v1/doc", params={"pageSize": 1})
    assert [d["number"] for d in response.json()] == ["A1", "A2", "A3"]
    assert "metadata" not in response.json()[0]


def test_a_get_sends_the_document_with_its_etag_and_an_unknown_number_is_404(api, documents):
    response = api.get("/v1/doc/A1")
    assert response.json() == {"number": "A1", "kind": "Invoice", "amount": 10, "released": False}
    assert response.headers["etag"] == f'"{time_stamp(1)}"'
    # The routes without a type address the declared kind only.
    assert api.get("/v1/doc/A2").status_code == 404
    assert api.get("/v1/doc/NONE").json()["message"].endswith(". Document 'NONE' not found.")
    # A b64(...) key is decoded.
    assert api.get("/v1/doc/b64(QTM)").json()["number"] == "A3"


def test_a_create_is_201_with_location_and_etag_and_the_v2_create_points_at_v1(api, documents):
    created = api.post("/v1/doc", json={"amount": {"value": 5}, "unknownMember": 1})
    assert created.status_code == 201 and created.content == b""
    assert created.headers["location"] == "http://testserver/v1/doc/D4"
    assert created.headers["etag"] == f'"{time_stamp(1)}"'
    assert created.headers["x-nettfin-ignored-fields"] == "unknownMember"
    v2 = api.post("/v2/doc", json={"amount": {"value": 6}})
    assert v2.status_code == 201 and v2.headers["location"] == "http://testserver/v1/doc/D5"
    assert documents.docs["D5"].amount == 6 and ("create", 7, 3) in documents.seen


def test_an_update_is_204_with_the_new_etag_and_a_stale_if_match_changes_nothing(api, documents):
    updated = api.put("/v1/doc/A1", json={"amount": {"value": 11}}, headers={"If-Match": f'"{time_stamp(1)}"'})
    assert updated.status_code == 204 and updated.headers["etag"] == f'"{time_stamp(2)}"'
    stale = api.put("/v1/doc/A1", json={"amount": {"value": 12}}, headers={"If-Match": f'"{time_stamp(1)}"'})
    assert stale.status_code == 412 and documents.docs["A1"].amount == 11


def test_a_delete_is_204(api, documents):
    assert api.delete("/v1/doc/A3").status_code == 204
    assert "A3" not in documents.docs
    assert api.delete("/v1/doc/A3").status_code == 404


def test_release_and_actions_answer_the_action_result_with_the_new_etag(api, documents):
    plain = api.post("/v1/doc/A1/action/release")
    assert plain.status_code == 200 and plain.json()["actionResult"] == "Done"
    assert plain.headers["etag"] == f'"{time_stamp(2)}"' and documents.docs["A1"].released
    with_body = api.post("/v1/doc/A3/action/release", json={"comment": {"value": "now"}})
    assert with_body.status_code == 200 and documents.released_with == [None, "now"]
    approved = api.post("/v1/doc/A1/action/approve")
    assert approved.status_code == 200 and approved.headers["etag"] == f'"{time_stamp(3)}"'
    assert ("approve", 7, 3) in documents.seen


def test_an_action_may_name_its_key_its_result_and_its_route(api):
    document = api.app.openapi()
    approve = document["paths"]["/v1/doc/{docCd}/action/approve"]["post"]
    assert [p["name"] for p in approve["parameters"]] == ["docCd", "If-Match"]
    assert approve["operationId"].startswith("approve_the_document_")
    assert approve["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("ApprovalResultDto")
    release = document["paths"]["/v1/doc/{docNumber}/action/release"]["post"]
    assert release["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("ActionResultDto")
    assert document["paths"]["/v1/doc/{docNumber}"]["get"]["description"] == "With its ETag."
    assert document["paths"]["/v1/doc/{docNumber}"]["put"]["description"] == "PATCH semantics."


def test_typed_routes_serve_only_their_operations_and_refuse_an_unknown_type(api, documents):
    assert api.get("/v1/doc/CreditNote/A2").json()["kind"] == "CreditNote"
    assert api.get("/v1/doc/invoice/A2").status_code == 404  # A2 is a credit note
    refused = api.get("/v1/doc/Order/A2")
    assert refused.status_code == 400
    assert refused.json()["message"].endswith("The value 'Order' of path segment 'documentType' is not valid.")
    # Typed: get and the actions (void is typed only), no update, delete or release.
    assert api.post("/v1/doc/CreditNote/A2/action/void").status_code == 200
    assert documents.docs["A2"].amount == 0
    assert api.post("/v1/doc/A1/action/void").status_code == 404
    assert api.put("/v1/doc/CreditNote/A2", json={}).status_code == 405
    assert api.delete("/v1/doc/CreditNote/A2").status_code == 405
    assert api.post("/v1/doc/CreditNote/A2/action/release").status_code == 404
    typed_paths = {path for path in api.app.openapi()["paths"] if path.startswith("/v1/doc/{documentType}")}
    assert typed_paths == {
        "/v1/doc/{documentType}/{docNumber}",
        "/v1/doc/{documentType}/{docNumber}/action/void",
        "/v1/doc/{documentType}/{docCd}/action/approve",
    }
