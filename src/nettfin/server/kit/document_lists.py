"""The prologue every document list shares (supplier invoices and payments, customer invoices and payments,
purchase orders): `greaterThanValue` (keys after it), `lastModifiedDateTime` and, where the real list has it,
`createdDateTime`, each with its condition (both or neither), and the `released` flag (1 or 0).

A list's filter dependency takes the window as a sub-dependency (`window: ListWindow = Depends(...)` of a
`list_window(...)`), so the parameters, their descriptions and their checks are written once; its filters apply
the window's conditions to its own columns. The journal transaction lists hold a `ListWindow` too and page
through `fetch_filtered`, but read its parameters their own way (a `lastModifiedDateTime` without its condition
means "since"), so they do not take `list_window`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import Depends, Query
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from .changes import ANY_RECORD, current_versions
from .conditions import DateCondition, condition_description, date_condition, value_description
from .errors import BusinessError
from .paging import Listing, Page, PageResult, fetch_page, fetch_page_ids
from .render import render_body, rendering_nulls
from .rendered import kept_bodies


@dataclass(frozen=True)
class ListWindow:
    """Keys after `greaterThanValue`, and the modified and created bounds."""

    greater_than: str | None = None
    modified: DateCondition | None = None
    created: DateCondition | None = None

    def conditions(self, key: Any, modified: Any, created: Any = None) -> list:
        """The window as conditions on a list's key, last-modified and created columns."""
        found = []
        if self.greater_than:
            found.append(key > self.greater_than)
        if self.modified:
            found.append(self.modified.apply(modified))
        if self.created and created is not None:
            found.append(self.created.apply(created))
        return found


def list_window(keys: str, *, created: bool) -> Callable[..., ListWindow]:
    """The window's dependency: `keys` names what `greaterThanValue` compares (`Reference numbers`), `created`
    whether the list filters on `createdDateTime` too."""
    after = f"{keys} after this value."

    async def modified_window(
        greaterThanValue: str | None = Query(None, description=after),
        lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
        lastModifiedDateTimeCondition: str | None = Query(
            None, description=condition_description("lastModifiedDateTime")
        ),
    ) -> ListWindow:
        modified = date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition)
        return ListWindow(greater_than=greaterThanValue, modified=modified)

    async def document_window(
        window: ListWindow = Depends(modified_window),
        createdDateTime: str | None = Query(None, description=value_description("createdDateTime")),
        createdDateTimeCondition: str | None = Query(None, description=condition_description("createdDateTime")),
    ) -> ListWindow:
        created = date_condition("createdDateTime", createdDateTime, createdDateTimeCondition)
        return dataclasses.replace(window, created=created)

    return document_window if created else modified_window


def released_flag(value: int | None) -> bool | None:
    """`released=1` or `0`: released documents, or unreleased ones."""
    if value is None:
        return None
    if value not in (0, 1):
        raise BusinessError(f"The value '{value}' of parameter 'released' is not valid. Accepted values: 0, 1.")
    return bool(value)


def fetch_filtered(
    session: Session,
    listing: Listing,
    *,
    company_id: int,
    filters: Any,
    page: Page,
    options: Sequence[Any] = (),
) -> PageResult:
    """A page of the documents a list's filters select: `filters.conditions()` are the conditions, and the
    filters themselves (a frozen dataclass) are the signature the page caches are keyed by."""
    return fetch_page(
        session,
        listing,
        company_id=company_id,
        conditions=filters.conditions(),
        signature=filters,
        page=page,
        options=options,
    )


def page_bodies(
    db: Database,
    listing: Listing,
    *,
    shape: Hashable,
    company_id: int,
    filters: Any,
    page: Page,
    view: frozenset[str],
    rows: Callable[[Session, list[Any]], list[dict]],
    options: Sequence[Any] = (),
) -> tuple[list[bytes], PageResult]:
    """A page of the documents a list's filters select, as their JSON (a `list_bodies` of kit/document_routes.py):
    the page's ids, then each document's body kept (kit/rendered.py) or made: the documents not kept are loaded
    (with `options`, as `list` loads them) and `rows(session, documents)` gives the rows `list` would render of
    them, in their order. `shape` names how the rows are rendered (the type's use cases): two lists of one table
    may render its documents differently."""
    with db.reading() as session:
        version, everything = current_versions(session, company_id=company_id, resources=(listing.resource, ANY_RECORD))
        result = fetch_page_ids(
            session,
            listing,
            company_id=company_id,
            conditions=filters.conditions(),
            signature=filters,
            page=page,
            version=version,
        )
        nulls = rendering_nulls()

        def make(missing: list[int]) -> dict[int, bytes]:
            model = listing.model
            statement = select(model).where(model.id.in_(missing)).options(*options)
            documents = list(session.scalars(statement).unique())
            return {d.id: render_body(row) for d, row in zip(documents, rows(session, documents), strict=True)}

        def key(id_: int) -> Hashable:
            return (shape, company_id, id_, view, nulls, everything)

        return kept_bodies(db.rendered, list(result.rows), key, everything, make), result
