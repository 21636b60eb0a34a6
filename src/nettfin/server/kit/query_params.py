"""A route's query parameters read in one validation, and documented as FastAPI documents them.

FastAPI reads each declared query parameter on every request through its own reflection: what the annotation
is (a sequence? a model? JSON?), its aliases, then a validation of its own. A customer list declares 21 (its
filters and paging), and that walk took a fifth of a list page's time, more than reading the page
(docs/performance.md, "What every call pays"). Here the parameters become one pydantic model, built once: a
request's parameters are picked out by name and validated in one call, with the errors FastAPI would give
(`RequestValidationError`, each located at `("query", name)`), so the error body a client sees is the same.

FastAPI documents a route's parameters from its endpoint's signature, and reads from the request whatever it
documents. So a route that reads its own request is two routes on one path: the one that answers
(`reading_itself`), out of the OpenAPI document, which takes no FastAPI dependency at all; and, right after it,
the documented one (`documented_twin`), whose signature declares the parameters one by one as before. FastAPI's
router takes the first route that matches a request, so the twin is never called; it only keeps the document as
it was, byte for byte.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from fastapi import APIRouter, Depends, Request, params
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, TypeAdapter, ValidationError, create_model

from ..sync_work import run_sync

_SEQUENCES = (list, tuple, set, frozenset)


def _is_sequence(annotation: Any) -> bool:
    """`list[str]` or `list[str] | None`: a parameter that may be repeated (`?a=1&a=2`)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return any(_is_sequence(arg) for arg in typing.get_args(annotation))
    return (origin or annotation) in _SEQUENCES


class QueryParameters:
    """Declared query parameters (`inspect.Parameter`s whose defaults are FastAPI `Query(...)`s), in groups as the
    dependencies that declared them one by one had them (a list's filters, its paging), and the dependency that
    reads them all: a dict of every parameter's value by name, the default where it was not sent. A name two
    groups declare is read once (the deprecated paging parameters an unpaged list also ignores)."""

    def __init__(self, name: str, *groups: Sequence[inspect.Parameter]) -> None:
        self.groups = tuple(tuple(group) for group in groups)
        self.parameters = tuple({p.name: p for group in reversed(self.groups) for p in reversed(group)}.values())[::-1]
        # (name, the name in the URL, may repeat): what a request's query string is searched for.
        self._wanted = tuple((p.name, p.default.alias or p.name, _is_sequence(p.annotation)) for p in self.parameters)
        self._model: type[BaseModel] = create_model(  # type: ignore[call-overload]
            f"{name}Query", **{p.name: (p.annotation, p.default) for p in self.parameters}
        )

        async def values(request: Request) -> dict[str, Any]:
            # A coroutine that awaits nothing: parsing belongs on the event loop, not in the thread pool
            # (kit/paging.py, `paging`).
            found, errors = self.parse(request.query_params)
            if errors:
                raise RequestValidationError(errors)
            return found

        # The dependency an endpoint declares for the values (`Depends(query.dependency)`): what `documented_twin`
        # replaces with the parameters one by one; `reading_itself` parses the query itself.
        self.dependency: Callable[[Request], Any] = values

    def parse(self, query: Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The parameters' values, or the errors FastAPI gives for them (located at `("query", name, ...)`)."""
        sent: dict[str, Any] = {}
        for _name, alias, repeated in self._wanted:
            if alias in query:
                value = query.getlist(alias) if repeated else query[alias]  # type: ignore[attr-defined]
                if not (repeated and not value):
                    sent[alias] = value
        try:
            parsed = self._model.model_validate(sent)
        except ValidationError as error:
            return {}, _located("query", error)
        # The instance's own dict: reading a deprecated parameter as an attribute would warn.
        return dict(parsed.__dict__), []


def reading_itself(
    router: APIRouter,
    path: str,
    endpoint: Callable[..., Any],
    authenticate: Callable[[Request], Awaitable[Any]],
    query: QueryParameters,
) -> None:
    """Add the GET route that answers for `endpoint` (out of the OpenAPI document: `documented_twin` documents it)
    and takes no FastAPI dependency: it authenticates the call (`authenticate(request)`, given as `context`),
    reads the query (given as `query`) and the path's parameters (the endpoint's `Path(...)`-annotated ones), then
    runs `endpoint` where synchronous work runs (sync_work.py). In FastAPI's order: the authentication's error
    first, then every wrong query and path parameter together.

    FastAPI's dependency solving (three security schemes and the query's dependency, each through its reflection)
    took a tenth of a list page's time (docs/performance.md, "What every call pays")."""
    paths = [
        (parameter.name, _path_alias(parameter), TypeAdapter(parameter.annotation))
        for parameter in inspect.signature(endpoint).parameters.values()
        if _path_alias(parameter) is not None
    ]

    async def answer(request: Request) -> Any:
        context = await authenticate(request)
        values, errors = query.parse(request.query_params)
        arguments = {"request": request, "context": context, "query": values}
        for name, alias, adapter in paths:
            try:
                arguments[name] = adapter.validate_python(request.path_params[alias])
            except ValidationError as error:
                errors += _located("path", error, alias)
        if errors:
            raise RequestValidationError(errors)
        return await run_sync(endpoint, **arguments)

    router.add_api_route(
        path, answer, methods=["GET"], name=endpoint.__name__, include_in_schema=False, response_model=None
    )


def _path_alias(parameter: inspect.Parameter) -> str | None:
    """The name in the path of a parameter annotated `Annotated[..., Path(alias=...)]`; None for any other."""
    for info in typing.get_args(parameter.annotation)[1:]:
        if isinstance(info, params.Path):
            return info.alias or parameter.name
    return None


def _located(where: str, error: ValidationError, *place: str) -> list[dict[str, Any]]:
    return [{**problem, "loc": (where, *place, *problem["loc"])} for problem in error.errors(include_url=False)]


def documented_twin(
    router: APIRouter,
    path: str,
    endpoint: Callable[..., Any],
    query: QueryParameters,
    *,
    methods: list[str],
    **route_options: Any,
) -> None:
    """Add the route the OpenAPI document shows for `endpoint` (added to `router` just before, with
    `include_in_schema=False`): its signature with the parameter that takes `query`'s values replaced by one
    dependency per group declaring the group's parameters, in their place, as the route had them before. Never
    called: the route before it on the same path answers."""
    signature = inspect.signature(endpoint)
    parameters: list[inspect.Parameter] = []
    for parameter in signature.parameters.values():
        if getattr(parameter.default, "dependency", None) is query.dependency:
            parameters += [
                inspect.Parameter(
                    f"{parameter.name}_{number}", inspect.Parameter.KEYWORD_ONLY, default=_declaring(group)
                )
                for number, group in enumerate(query.groups)
            ]
        else:
            parameters.append(parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY))

    def documented(**_values: Any) -> Any:  # pragma: no cover - never routed to
        raise AssertionError(f"{endpoint.__name__}: the documented twin of a route answered a request")

    documented.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    router.add_api_route(path, documented, methods=methods, name=endpoint.__name__, **route_options)


def _declaring(group: tuple[inspect.Parameter, ...]) -> Any:
    """A dependency that only declares `group`'s parameters, for the documented twin."""

    async def declared(**_values: Any) -> None:  # pragma: no cover - never routed to
        return None

    declared.__signature__ = inspect.Signature(list(group))  # type: ignore[attr-defined]
    return Depends(declared)
