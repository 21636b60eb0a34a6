"""Routing by a path's leading literal segments.

FastAPI finds a request's route by trying the app router's entries in order, and an included router by trying
its own routes in order, twice (once to find the entry, once more when the entry handles the request). With some
1,100 routes under two prefixes, that walk took more of a request's time than the endpoint did: about 2 ms of a
single customer's 4.8 ms GET (docs/performance.md, "HTTP throughput").

`PathIndex` sits where Starlette's router-level middleware sits, in front of the app router's own dispatch. It
keeps a tree of the routes' literal path segments (`API` > `controller` > `api` > `v1` > `customer`): each of the
app router's entries hangs at the node of each of its routes' whole literal segments before the first parameter.
A request walks the tree by its own segments as far as they go, and is dispatched through a router holding the
entries hung on that walk, in the app router's order; a path whose first segment is in no route goes through the
full router as before. A route can only match a path that starts with its literal part, so no entry left out
could have matched: the same entry answers. The narrowed router's fallback is the full router, so a request no
narrowed entry matches gets exactly what it got before (a slash redirect, a 404).
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send


def _templates(entry: BaseRoute) -> list[str] | None:
    """The path templates an app router's entry answers, or None where it cannot say (it may match anything)."""
    contexts = getattr(entry, "effective_route_contexts", None)  # a router included in the app: its routes
    routes = [context.starlette_route or context for context in contexts()] if contexts is not None else [entry]
    templates = [getattr(route, "path_format", None) for route in routes]
    return None if None in templates else templates


def _literal_segments(entry: BaseRoute) -> list[tuple[str, ...]]:
    """For each of the entry's routes, the whole segments of its path before the first parameter; `[()]` for an
    entry that may match any path."""
    templates = _templates(entry)
    if templates is None:
        return [()]
    return [_whole_segments(template) for template in templates]


def _whole_segments(template: str) -> tuple[str, ...]:
    """`/v1/customer/{customerCd}/contacts` -> `("v1", "customer")`; `/v1/customer` -> `("v1", "customer")`; a
    segment a parameter is in is not whole (`/v1/x{y}` -> `("v1",)`)."""
    segments = template.split("/")[1:]
    for position, segment in enumerate(segments):
        if "{" in segment:
            return tuple(segments[:position])
    return tuple(segments)


class _Node:
    __slots__ = ("children", "entries", "router")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.entries: set[int] = set()  # positions in the app router of the entries hung here
        self.router: APIRouter | None = None


class PathIndex:
    def __init__(self, app: ASGIApp, router: APIRouter) -> None:
        self.app = app  # the full router's own dispatch
        self.router = router
        self._indexed = -1  # how many entries the router had when indexed
        self._root = _Node()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope.get("root_path"):
            narrowed = self.narrowed(scope["path"])
            if narrowed is not None:
                scope.setdefault("router", self.router)  # url_for names any route
                await narrowed.app(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def narrowed(self, path: str) -> APIRouter | None:
        """The router of the entries that could match `path`, or None to use the full router."""
        if self._indexed != len(self.router.routes):  # built on first use, again when routes were added
            self._index()
        node = self._root
        for segment in path.split("/")[1:]:
            child = node.children.get(segment)
            if child is None:
                break
            node = child
        return node.router

    def _index(self) -> None:
        entries = list(self.router.routes)
        root = _Node()
        for position, entry in enumerate(entries):
            for segments in _literal_segments(entry):
                node = root
                for segment in segments:
                    node = node.children.setdefault(segment, _Node())
                node.entries.add(position)
        _narrow(root, frozenset(root.entries), entries, self.app)
        self._root, self._indexed = root, len(entries)


def _narrow(node: _Node, above: frozenset[int], entries: list[BaseRoute], fallback: ASGIApp) -> None:
    """Give each node below `node` the router of the entries hung on the walk to it (`above`: those from the root
    to `node`)."""
    for child in node.children.values():
        on_walk = above | child.entries
        child.router = APIRouter(
            routes=[entries[position] for position in sorted(on_walk)], redirect_slashes=False, default=fallback
        )
        _narrow(child, on_walk, entries, fallback)


def index_routes(router: APIRouter) -> None:
    """Put a `PathIndex` in front of the router's dispatch, where Starlette's `Router(middleware=...)` puts
    router-level middleware."""
    router.middleware_stack = PathIndex(router.middleware_stack, router)
