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


def route_templates(mounts: Iterable[tuple[str, APIRouter]]) -> dict[Template, dict[str, str]]:
    """Every route template, literals before parameters position by position, with the query parameter names its
    routes declare (case-folded name -> declared spelling). Names are kept per template: two endpoints may spell
    one name differently (`accountId` here, `accountID` there), and each gets its own."""
    templates: dict[Template, dict[str, str]] = {}
    for prefix, router in mounts:
        for route in router.routes:
            if isinstance(route, APIRoute):
                segments = f"{prefix}{route.path}".strip("/").split("/")
                names = templates.setdefault(tuple(None if s.startswith("{") else s for s in segments), {})
                names.update((param.alias.casefold(), param.alias) for param in _query_params(route.dependant))
    return dict(sorted(templates.items(), key=lambda item: [(s is None, s or "") for s in item[0]]))


def _query_params(dependant):
    yield from dependant.query_params
    for dependency in dependant.dependencies:
        yield from _query_params(dependency)


def matching_template(segments: Sequence[str], templates: Iterable[Template]) -> Template | None:
    """The template a path matches case-insensitively, a literal winning over a parameter (templates are sorted
    that way), or None."""
    folded = [s.casefold() for s in segments]
    for template in templates:
        if len(template) == len(segments) and all(
            t is None or t.casefold() == f for t, f in zip(template, folded, strict=True)
        ):
            return template
    return None


class AspNetRequests:
    def __init__(self, app: ASGIApp, templates: dict[Template, dict[str, str]]) -> None:
        self.app = app
        self.templates = templates

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope = self._canonical(scope)
        await self.app(scope, receive, send)

    def _canonical(self, scope: Scope) -> Scope:
        changes = {}
        segments = scope["path"].strip("/").split("/")
        template = matching_template(segments, self.templates)
        if template is not None:
            canonical = [s if t is None else t for t, s in zip(template, segments, strict=True)]
            if canonical != segments:
                changes["path"] = "/" + "/".join(canonical)
        names = self.templates.get(template, {})
        if scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            if any(names.get(key.casefold(), key) != key for key, _ in pairs):
                renamed = [(names.get(key.casefold(), key), value) for key, value in pairs]
                changes["query_string"] = urlencode(renamed).encode("latin-1")
        headers = scope.get("headers") or []
        if any(name == b"content-type" and value.lower().startswith(b"text/json") for name, value in headers):
            changes["headers"] = [
                (name, b"application/json" + value[len(b"text/json") :] if name == b"content-type" else value)
                for name, value in headers
            ]
        return dict(scope, **changes) if changes else scope
