"""A document resource, declared once: its routes come from the declaration.

A `DocumentResource` says what one of the service's document endpoints is: its path and tag, the name of its
key in the path, its DTOs, the list's filters and expand flags, the texts of its operations, and the use cases
of its document type (`Documents`, which a sub-ledger implements over the shared document core). From it,
`document_router` makes the routes every document endpoint has, the same way for every document type:

- `GET ""`: a page of documents (`metadata` on every element), the filters and expand flags of the list (or,
  where the real list is not paged, every document matching, without paging parameters or `metadata`);
- `GET /{key}`: one document with its ETag;
- `POST ""` (and the `/v2` create, whose Location points at the `/v1` document): 201 + Location + ETag;
- `PUT /{key}`: PATCH semantics, If-Match, 204 + ETag;
- `DELETE /{key}`: 204, an unreleased document only;
- `POST /{key}/action/release` and any other declared action: the action result with the new ETag.

Every use case gets the database, the company (`company_id`) and the whole context of the call (`context`: the
user too, whom some documents' rules name).

Where the real endpoint also addresses documents by type (`/v1/supplierInvoice/{documentType}/{invoiceNumber}`),
`typed` adds those routes; the routes without a type address the declared `kind`.

No `from __future__ import annotations` here: FastAPI reads the endpoints' annotations, and these name the DTOs
of each declaration, which only exist inside `document_router`.
"""

import inspect
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Protocol

from fastapi import APIRouter, Body, Depends, Path, Query, Request
from pydantic import AfterValidator, BaseModel
from starlette.responses import Response

from .actions import ActionResultDto, action_result
from .keys import decode_key
from .paging import DOCUMENT_MAX_PAGE_SIZE, Page, PageResult, paging, with_metadata
from .render import json_response
from .resource_bodies import records_response
from .responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated


@dataclass(frozen=True)
class DocumentKey:
    """A document as a route addresses it: its number and, where the route says, its document type (None: the
    endpoint's documents are found by number alone)."""

    number: str
    kind: str | None = None


class Documents(Protocol):
    """The use cases of one document type. Reads return what is sent: rendered bodies (with the view, the
    expand flags the request set) and the row version of a single document for its ETag. A type that keeps its
    documents' JSON (kit/rendered.py) has `list_bodies` too, with `list`'s arguments, answering each document's
    JSON (`render_body` of its row) and the page; the lists use it. `context` is the call's
    (the `company` dependency's value); `page` is None, and the page result too, for a list that is not paged."""

    def list(
        self, db: Any, *, company_id: int, context: Any, filters: Any, page: Page | None, view: frozenset[str]
    ) -> tuple[list, PageResult | None]: ...

    def get(
        self, db: Any, *, company_id: int, context: Any, key: DocumentKey, view: frozenset[str]
    ) -> tuple[dict, int]: ...

    def create(self, db: Any, *, company_id: int, context: Any, dto: Any) -> tuple[Any, Sequence[str]]: ...

    def update(
        self, db: Any, *, company_id: int, context: Any, key: DocumentKey, dto: Any, if_match: str | None
    ) -> tuple[Any, Sequence[str]]: ...

    def delete(self, db: Any, *, company_id: int, context: Any, key: DocumentKey) -> None: ...

    def release(self, db: Any, *, company_id: int, context: Any, key: DocumentKey, if_match: str | None) -> Any: ...

    def number(self, document: Any) -> str | tuple[str, ...]:
        """The key a new document's Location ends with (its segments, for a key of more than one)."""
        ...


@dataclass(frozen=True)
class Expand:
    """A boolean query parameter of a list or a single GET (`expandApplications`). When set it is in the view the
    renderer gets; `default` is its value when not sent (None: documented as optional and nullable)."""

    name: str
    default: bool | None = False
    description: str = ""


@dataclass(frozen=True)
class Action:
    """`POST /{key}/action/<name>`: runs `run(db, company_id=, context=, key=, if_match=)` (and `body=`, the
    parsed body or None, when the action takes an optional `body` DTO) and answers the action result with the
    document's new ETag. `typed_only`: served only under `/{documentType}/{key}`. `result_dto`: the result's
    model in the OpenAPI document; `key_param`: the path parameter's name where the real action names the key
    otherwise than the resource's other routes (`/timeCard/{timeCardCd}/action/submit`); `endpoint`: the route's
    name, which FastAPI makes the operationId of where the real documents have no operation to name it after.
    `untyped_only`: served only under `/{key}` (`/supplierInvoice/{invoiceNumber}/action/correct`). `location`:
    for an action that makes a document (a reversal, a corrected copy), which `run` returns: its path under the
    resource's (`DebitAdj/000042`), sent as the answer's `Location` with that document's ETag."""

    name: str
    summary: str
    run: Callable[..., Any]
    description: str = ""
    typed_only: bool = False
    untyped_only: bool = False
    location: Callable[[Any], str] | None = None
    body: type[BaseModel] | None = None
    result_dto: type[BaseModel] = ActionResultDto
    key_param: str = ""
    endpoint: str = ""


@dataclass(frozen=True)
class DocumentTexts:
    """The operations' summaries (and descriptions where they say more) as the real document has them."""

    list: str
    get: str
    create: str
    update: str
    delete: str = ""
    release: str = ""
    list_notes: str = ""
    get_notes: str = ""
    create_notes: str = "201 with an absolute Location whose last segment is the new document's number."
    update_notes: str = ""
    release_notes: str = ""


@dataclass(frozen=True)
class Typed:
    """Routes that address a document by type and number (`/{documentType}/{invoiceNumber}`): `parse` reads the
    path's type (refusing an unknown one); the texts are those of the typed operations."""

    parse: Callable[[str], str]
    texts: DocumentTexts
    # Which keyed operations the typed routes serve (the supplier payment has only the typed GET); "actions":
    # the declared actions too.
    operations: frozenset[str] = frozenset({"get", "update", "delete", "release", "actions"})
    parameter: str = "documentType"


@dataclass(frozen=True, eq=False)
class DocumentResource:
    """One document endpoint (see the module's docstring). `kind`: the document type the untyped routes address
    (None: any document with the number). `operations`: which of list, get, create, update, delete and release
    it serves. `v2_path`: a `/v2` collection that takes the same POST. `paged`: False for a list the real
    service does not page (no `pageNumber`/`pageSize`, no `metadata`). `key_description` may be empty: the key
    parameter is then documented without one."""

    path: str
    tag: str
    key_param: str
    key_description: str
    documents: Documents
    read_dto: type[BaseModel]
    write_dto: type[BaseModel]
    texts: DocumentTexts
    filters: Callable[..., Any]
    max_page_size: int = DOCUMENT_MAX_PAGE_SIZE
    paged: bool = True
    kind: str | None = None
    list_flags: tuple[Expand, ...] = ()
    get_flags: tuple[Expand, ...] = ()
    actions: tuple[Action, ...] = ()
    typed: Typed | None = None
    v2_path: str | None = None
    operations: frozenset[str] = frozenset({"list", "get", "create", "update", "delete", "release"})
    # The release action's optional body (`{"type": {"value": "Payment"}}` of a payment's release).
    release_body: type[BaseModel] | None = None
    # The POST body where it differs from the PUT body (`write_dto`).
    create_dto: type[BaseModel] | None = None
    # False: the keyed routes are only the typed ones (a kit assembly is always named by type and number).
    untyped: bool = True


def flags_dependency(flags: tuple[Expand, ...]) -> Callable[..., Awaitable[frozenset[str]]]:
    """A FastAPI dependency reading the flags' query parameters into the view: the names of those set."""
    parameters = [
        inspect.Parameter(
            flag.name,
            inspect.Parameter.KEYWORD_ONLY,
            default=Query(flag.default, description=flag.description or None),
            annotation=bool if flag.default is not None else bool | None,
        )
        for flag in flags
    ]

    async def view(**values: Any) -> frozenset[str]:  # parsing only: on the event loop (kit/paging.py, `paging`)
        return frozenset(name for name, value in values.items() if value)

    view.__signature__ = inspect.Signature(parameters, return_annotation=frozenset)  # type: ignore[attr-defined]
    return view


def document_router(
    resource: DocumentResource, company: Callable[..., Any], router: APIRouter | None = None
) -> list[APIRouter]:
    """The resource's routers: its `/v1` routes and, when it has one, its `/v2` create. `company` authenticates a
    call and gives its context (with its `company_id`); `router`: the resource's other routes on its path, which
    come first."""
    router = router or APIRouter(prefix=resource.path, tags=[resource.tag])
    documents, texts, kind = resource.documents, resource.texts, resource.kind
    read_model, write_model = resource.read_dto, resource.write_dto
    create_model = resource.create_dto or write_model
    list_view = flags_dependency(resource.list_flags)
    get_view = flags_dependency(resource.get_flags)
    page_of = paging(resource.max_page_size) if resource.paged else _not_paged
    wanted = resource.operations

    if "list" in wanted:

        @router.get("", response_model=list[read_model], summary=texts.list, description=texts.list_notes or None)
        def list_documents(
            request: Request,
            context: Any = Depends(company),
            # The flags first: the OpenAPI document lists them before the filters, as it did the parameters of
            # the endpoints written by hand.
            view: frozenset = Depends(list_view),
            filters: Any = Depends(resource.filters),
            page: Page | None = Depends(page_of),
        ) -> Response:
            return _list_response(documents, request, context, filters=filters, page=page, view=view)

    def create_route(path_router: APIRouter, v1_location: bool) -> None:
        @path_router.post(
            "",
            status_code=201,
            responses=CREATED_RESPONSE,
            response_class=Response,
            summary=texts.create,
            description=texts.create_notes or None,
        )
        def create_document(request: Request, body: create_model, context: Any = Depends(company)) -> Response:
            saved, ignored = _run(documents.create, request, context, dto=body)
            number = documents.number(saved)
            response = created(request, number, row_version=saved.row_version, dto=body, ignored=ignored)
            if v1_location:
                # Documents created at /v2 are read, changed and released at /v1.
                location = response.headers["Location"]
                response.headers["Location"] = location.replace(f"{resource.v2_path}/", f"{resource.path}/")
            return response

    if "create" in wanted:
        create_route(router, v1_location=False)

    def keyed_routes(
        prefix: str,
        route_texts: DocumentTexts,
        key_of: Callable[[str], Callable[..., Awaitable[DocumentKey]]],
        wanted: frozenset,
    ) -> None:
        """get, update, delete, release (those `wanted`) and the actions under `prefix + /{key}`; `key_of(name)` is
        a dependency giving the document's key from the path, whose key parameter has that name."""
        path = f"{prefix}/{{{resource.key_param}}}"
        document_key = key_of(resource.key_param)

        if "get" in wanted:

            @router.get(
                path, response_model=read_model, summary=route_texts.get, description=route_texts.get_notes or None
            )
            def get_document(
                request: Request,
                key: DocumentKey = Depends(document_key),
                context: Any = Depends(company),
                view: frozenset = Depends(get_view),
            ) -> Response:
                body, version = _run(documents.get, request, context, key=key, view=view)
                return json_response(body, headers=etag_header(version))

        if "update" in wanted:

            @router.put(
                path,
                status_code=204,
                response_class=Response,
                responses=UPDATED_RESPONSE,
                summary=route_texts.update,
                description=route_texts.update_notes or None,
            )
            def update_document(
                request: Request,
                body: write_model,
                key: DocumentKey = Depends(document_key),
                if_match: IfMatch = None,
                context: Any = Depends(company),
            ) -> Response:
                saved, ignored = _run(documents.update, request, context, key=key, dto=body, if_match=if_match)
                return updated(row_version=saved.row_version, dto=body, ignored=ignored)

        if "delete" in wanted:

            @router.delete(path, status_code=204, response_class=Response, summary=route_texts.delete)
            def delete_document(
                request: Request, key: DocumentKey = Depends(document_key), context: Any = Depends(company)
            ) -> Response:
                _run(documents.delete, request, context, key=key)
                return Response(status_code=204)

        actions = list(resource.actions) if "actions" in wanted else []
        if "release" in wanted:
            release = Action(
                "release",
                route_texts.release,
                documents.release,
                description=route_texts.release_notes,
                body=resource.release_body,
            )
            actions.insert(0, release)
        for action in actions:
            if (action.typed_only and prefix == "") or (action.untyped_only and prefix != ""):
                continue
            param = action.key_param or resource.key_param
            _action_route(router, f"{prefix}/{{{param}}}", action, key_of(param), company, resource.path)

    def number_type(param: str) -> Any:
        description = resource.key_description or None
        return Annotated[str, Path(alias=param, description=description), AfterValidator(decode_key)]

    def untyped_key(param: str) -> Callable[..., Awaitable[DocumentKey]]:
        number_of = number_type(param)

        async def key(number: number_of) -> DocumentKey:  # parsing only: on the event loop (kit/paging.py)
            return DocumentKey(number, kind)

        return key

    if resource.untyped:
        keyed_routes("", texts, untyped_key, wanted | {"actions"})
    if resource.typed is not None:
        typed = resource.typed
        kind_type = Annotated[str, Path(alias=typed.parameter)]

        def typed_key(param: str) -> Callable[..., Awaitable[DocumentKey]]:
            number_of = number_type(param)

            async def key(kind: kind_type, number: number_of) -> DocumentKey:  # parsing only, as above
                return DocumentKey(number, typed.parse(kind))

            return key

        keyed_routes(f"/{{{typed.parameter}}}", typed.texts, typed_key, (wanted | {"actions"}) & typed.operations)

    routers = [router]
    if resource.v2_path and "create" in wanted:
        v2 = APIRouter(prefix=resource.v2_path, tags=[resource.tag])
        create_route(v2, v1_location=True)
        routers.append(v2)
    return routers


def _run(use_case: Callable[..., Any], request: Request, context: Any, **arguments: Any) -> Any:
    """A use case called with the app's database, the call's company and its context."""
    return use_case(request.app.state.db, company_id=context.company_id, context=context, **arguments)


def _list_response(documents: Documents, request: Request, context: Any, **arguments: Any) -> Response:
    """A list's answer: the documents' kept JSON where the type keeps it (`list_bodies`, kit/rendered.py), their
    rendered rows otherwise."""
    list_bodies = getattr(documents, "list_bodies", None)
    if list_bodies is not None:
        bodies, result = _run(list_bodies, request, context, **arguments)
        return records_response(bodies, result)
    rows, result = _run(documents.list, request, context, **arguments)
    return json_response(with_metadata(rows, result) if result is not None else rows)


async def _not_paged() -> None:
    """The page of a list that is not paged: none, and no paging parameters."""
    return None


def _action_answer(request: Request, action: Action, document: Any, resource_path: str) -> Response:
    response = action_result(document.row_version)
    if action.location is not None:
        url = str(request.url.replace(query="", fragment=""))
        root = url[: url.lower().rindex(resource_path.lower()) + len(resource_path)]
        response.headers["Location"] = f"{root}/{action.location(document)}"
    return response


def _action_route(
    router: APIRouter,
    path: str,
    action: Action,
    key_of: Callable[..., DocumentKey],
    company: Callable[..., Any],
    resource_path: str,
) -> None:
    route = router.post(
        f"{path}/action/{action.name}",
        response_model=action.result_dto,
        summary=action.summary,
        description=action.description or None,
        name=action.endpoint or f"{action.name}_document",
    )
    if action.body is None:

        @route
        def run_action(
            request: Request,
            key: DocumentKey = Depends(key_of),
            if_match: IfMatch = None,
            context: Any = Depends(company),
        ) -> Response:
            document = _run(action.run, request, context, key=key, if_match=if_match)
            return _action_answer(request, action, document, resource_path)

        return

    body_type = action.body

    @route
    def run_action_with_body(
        request: Request,
        body: body_type | None = Body(None),
        key: DocumentKey = Depends(key_of),
        if_match: IfMatch = None,
        context: Any = Depends(company),
    ) -> Response:
        document = _run(action.run, request, context, key=key, if_match=if_match, body=body)
        return _action_answer(request, action, document, resource_path)


@dataclass(frozen=True)
class ScopedList:
    """A document list under another resource's record (`GET /v1/customer/{customerNumber}/invoice`): the
    declaration's list, its filters narrowed to the record the path names. `scope(db, company_id, key, filters)`
    checks the record exists (404 otherwise) and returns the narrowed filters."""

    path: str
    param: str
    summary: str
    scope: Callable[..., Any]
    description: str = ""


def scoped_list_route(
    resource: DocumentResource, company: Callable[..., Any], router: APIRouter, scoped: ScopedList
) -> None:
    """Add the scoped list to `router` (the other resource's): paged and flagged as the declaration's list."""
    key_type = Annotated[str, Path(alias=scoped.param), AfterValidator(decode_key)]
    page_of = paging(resource.max_page_size) if resource.paged else _not_paged

    @router.get(
        scoped.path,
        response_model=list[resource.read_dto],
        summary=scoped.summary,
        description=scoped.description or None,
        name=f"list_{resource.tag.lower()}_of_{scoped.param}",
    )
    def list_scoped_documents(
        request: Request,
        key: key_type,
        context: Any = Depends(company),
        view: frozenset = Depends(flags_dependency(resource.list_flags)),
        filters: Any = Depends(resource.filters),
        page: Page | None = Depends(page_of),
    ) -> Response:
        narrowed = scoped.scope(request.app.state.db, company_id=context.company_id, key=key, filters=filters)
        return _list_response(resource.documents, request, context, filters=narrowed, page=page, view=view)
