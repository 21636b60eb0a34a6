"""Requests read as ASP.NET reads them: path segments and query parameter names match case-insensitively,
and `text/json` bodies are JSON.

Clients mix `supplierInvoice` and `supplierinvoice`, and the knowledge base's own example sends
`?Supplier=50000`. A small ASGI middleware rewrites, before routing, the literal segments of a path that
matches a route template case-insensitively, and the query parameter names the endpoints declare, to their
declared spelling. Keys (the template's parameters) keep their case; a literal wins over a parameter where
both would match, as in ASP.NET.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter
from fastapi.routing import APIRoute
from starlette.types import ASGIApp, Receive, Scope, Send

Template = tuple[str | None, ...]  # a literal segment, or None for a parameter


def route_templates(mounts: Iterable[tuple[str, APIRouter]]) -> list[Template]:
    templates = set()
    for prefix, router in mounts:
        for route in router.routes:
            if isinstance(route, APIRoute):
                segments = f"{prefix}{route.path}".strip("/").split("/")
                templates.add(tuple(None if s.startswith("{") else s for s in segments))
    return sorted(templates, key=lambda t: [(s is None, s or "") for s in t])


def declared_query_names(routers: Iterable[APIRouter]) -> dict[str, str]:
    names: dict[str, str] = {}
    for router in routers:
        for route in router.routes:
            if isinstance(route, APIRoute):
                for param in _query_params(route.dependant):
                    names[param.alias.casefold()] = param.alias
    return names


def _query_params(dependant):
    yield from dependant.query_params
    for dependency in dependant.dependencies:
        yield from _query_params(dependency)


def canonical_path(segments: Sequence[str], templates: Sequence[Template]) -> list[str] | None:
    """The path with its literal segments in declared spelling, or None when no template matches."""
    folded = [s.casefold() for s in segments]
    best: Template | None = None
    for template in templates:
        if len(template) != len(segments):
            continue
        if all(t is None or t.casefold() == f for t, f in zip(template, folded, strict=True)):
            # Literals before parameters, position by position (templates are sorted that way).
            best = template
            break
    if best is None:
        return None
    return [s if t is None else t for t, s in zip(best, segments, strict=True)]


class AspNetRequests:
    def __init__(self, app: ASGIApp, templates: Sequence[Template], query_names: dict[str, str]) -> None:
        self.app = app
        self.templates = templates
        self.query_names = query_names

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope = self._canonical(scope)
        await self.app(scope, receive, send)

    def _canonical(self, scope: Scope) -> Scope:
        changes = {}
        segments = scope["path"].strip("/").split("/")
        canonical = canonical_path(segments, self.templates)
        if canonical is not None and canonical != segments:
            changes["path"] = "/" + "/".join(canonical)
        if scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            if any(self.query_names.get(key.casefold(), key) != key for key, _ in pairs):
                renamed = [(self.query_names.get(key.casefold(), key), value) for key, value in pairs]
                changes["query_string"] = urlencode(renamed).encode("latin-1")
        headers = scope.get("headers") or []
        if any(name == b"content-type" and value.lower().startswith(b"text/json") for name, value in headers):
            changes["headers"] = [
                (name, b"application/json" + value[len(b"text/json") :] if name == b"content-type" else value)
                for name, value in headers
            ]
        return dict(scope, **changes) if changes else scope
