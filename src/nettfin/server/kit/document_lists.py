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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import Depends, Query
from sqlalchemy.orm import Session

from .conditions import DateCondition, condition_description, date_condition, value_description
from .errors import BusinessError
from .paging import Listing, Page, PageResult, fetch_page


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

    def modified_window(
        greaterThanValue: str | None = Query(None, description=after),
        lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
        lastModifiedDateTimeCondition: str | None = Query(
            None, description=condition_description("lastModifiedDateTime")
        ),
    ) -> ListWindow:
        modified = date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition)
        return ListWindow(greater_than=greaterThanValue, modified=modified)

    def document_window(
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
    session: Session, listing: Listing, *, company_id: int, filters: Any, page: Page, options: Sequence[Any] = ()
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
