"""The path index in front of the app router (kit/route_index.py) picks the route FastAPI's own walk over every
route picks, for every route the app serves, and leaves the rest (unknown paths, routes added later) to it."""

from __future__ import annotations

import re

from fastapi import APIRouter
from starlette.routing import Match
from starlette.testclient import TestClient

from nettfin.server.app import create_app
from nettfin.server.kit.route_index import PathIndex
from nettfin.server.settings import Settings


def _scope(path: str, method: str) -> dict:
    return {"type": "http", "path": path, "method": method, "root_path": "", "headers": [], "query_string": b""}


def _first(entries, scope) -> tuple[int | None, Match]:
    """The position of the entry FastAPI would dispatch to (the first full match, else the first partial) in
    `entries`, by the entries' own `matches`."""
    partial = None
    for position, entry in enumerate(entries):
        match, _ = entry.matches(dict(scope))
        if match == Match.FULL:
            return position, match
        if match == Match.PARTIAL and partial is None:
            partial = position
    return partial, Match.PARTIAL if partial is not None else Match.NONE


def _paths(app) -> list[tuple[str, str]]:
    """A concrete path and method for every route template the app serves."""
    paths = []
    for entry in app.router.routes:
        contexts = getattr(entry, "effective_route_contexts", None)
        routes = [c.starlette_route or c for c in contexts()] if contexts else [entry]
        for route in routes:
            template = route.path_format
            methods = sorted(getattr(route, "methods", None) or {"GET"})
            paths.append((re.sub(r"\{[^}]+\}", "10001", template), methods[0]))
    return paths


def test_every_route_is_dispatched_to_the_entry_the_full_walk_finds(database, tmp_path):
    app = create_app(Settings(data_dir=tmp_path), database=database)
    index = app.router.middleware_stack
    assert isinstance(index, PathIndex)
    paths = _paths(app)
    assert len(paths) > 1000
    narrowed_count = 0
    for path, method in paths:
        for asked in (method, "PATCH" if method != "PATCH" else "GET"):  # and a method it may not serve: 405
            scope = _scope(path, asked)
            full = _first(app.router.routes, scope)
            narrowed = index.narrowed(path)
            if narrowed is None:
                continue
            narrowed_count += 1
            position, match = _first(narrowed.routes, scope)
            expected = app.router.routes[full[0]] if full[0] is not None else None
            assert (narrowed.routes[position] if position is not None else None) is expected, (asked, path)
            assert match == full[1], (asked, path)
            assert len(narrowed.routes) < len(app.router.routes) / 10, path
    assert narrowed_count > 2000  # nearly every route's path goes through a narrowed router


def test_a_path_no_route_starts_like_goes_through_the_full_router(client):
    assert client.app.router.middleware_stack.narrowed("/nothing/here/at/all") is None
    response = client.get("/nothing/here/at/all")
    assert response.status_code == 404
    assert "No HTTP resource was found that matches the request URI" in response.json()["message"]


def test_a_narrowed_path_no_route_matches_gets_the_full_routers_answer(tenant):
    """`/v1/customer/...` is narrowed; a path there no route matches is the full router's 404 all the same, and a
    known path with a method it does not serve its 405."""
    response = tenant.client.get("/v1/customer/10001/nothinghere/either", headers=tenant.headers)
    assert response.status_code == 404
    assert "No HTTP resource was found that matches the request URI" in response.json()["message"]
    response = tenant.client.delete("/v1/customer/10001", headers=tenant.headers)
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


def test_a_route_added_after_the_first_request_is_served(database, tmp_path):
    app = create_app(Settings(data_dir=tmp_path), database=database)
    later = APIRouter()

    @later.get("/v1/customer/added/later")
    def added():
        return {"added": True}

    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.get("/v1/customer/added/later").status_code in (401, 404)  # before: not there
        app.include_router(later)
        assert client.get("/v1/customer/added/later").json() == {"added": True}
