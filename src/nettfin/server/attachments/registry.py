"""What can carry attachments: each owner declares its records and their upload paths here, and the app makes
the upload routes from the declarations (`router.upload_routes`). So `attachments` knows no owner, and making a
resource attachable touches only its own package: an `attachable.py` that calls `register`, imported by the
package's router module (which the app imports, so the declaration is in before the routes are made).

Registering also makes deletion take the attachments along (`cleanup.py`): the owner's record, and a line
dropped from it, which a later line could otherwise inherit with its number.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from . import cleanup

LINE_PARAMETER = "lineNumber"
_PATH_PARAMETER = re.compile(r"\{(\w+)\}")
_KIND_LENGTH = 20  # attachment.owner_kind


@dataclass(frozen=True)
class Lookup:
    """How one upload finds its record: `find(session, company id, for update)` returns it (with `id`,
    `row_version`, `last_modified_at`, and `lines` when lines take attachments) or raises NotFound; `label`
    names it in messages ("Customer invoice '000123'")."""

    label: str
    find: Callable[[Session, int, bool], Any]


@dataclass(frozen=True)
class UploadPath:
    """One upload route. `lookup`'s parameters are the path's, by name and annotation (they are the route's
    documented parameters); a path with `{lineNumber}` after them attaches to that line of the record."""

    path: str  # under the version prefix: "/v1/customerinvoice/{invoiceNumber}/attachment"
    name: str  # the endpoint function's name (its operationId comes from the real documents: operation_ids.py)
    summary: str
    lookup: Callable[..., Lookup]

    @property
    def on_line(self) -> bool:
        return LINE_PARAMETER in _PATH_PARAMETER.findall(self.path)

    def parameters(self) -> list[inspect.Parameter]:
        """`lookup`'s parameters with their annotations evaluated (an owner module may postpone them)."""
        return list(inspect.signature(self.lookup, eval_str=True).parameters.values())


def record_and_line(
    record_path: str, name: str, *, summary: str, line_summary: str, lookup: Callable[..., Lookup]
) -> tuple[UploadPath, UploadPath]:
    """The two upload paths of a record whose lines take attachments too: `<record_path>/attachment` and
    `<record_path>/{lineNumber}/attachment`, the line's endpoint named `<name>_line`."""
    return (
        UploadPath(f"{record_path}/attachment", name=name, summary=summary, lookup=lookup),
        UploadPath(
            f"{record_path}/{{{LINE_PARAMETER}}}/attachment", name=f"{name}_line", summary=line_summary, lookup=lookup
        ),
    )


@dataclass(frozen=True)
class Lines:
    """The line model of an owner whose lines take attachments, and its column naming the owner's row."""

    model: type
    owner_column: str


@dataclass(frozen=True)
class Attachable:
    """A resource that takes attachments: its records (and maybe their lines) and the paths that upload to them."""

    kind: str  # stored as attachment.owner_kind: never change an existing one
    resource: str  # the owner's data version: an upload changes the record
    tag: str  # the upload operations' Swagger tag: the owner's
    owner: type  # the record's model: deleting a record deletes its attachments
    paths: tuple[UploadPath, ...]
    lines: Lines | None = None


_REGISTERED: dict[str, Attachable] = {}


def register(attachable: Attachable) -> Attachable:
    """Declares an attachable resource (once per kind) and deletes its attachments with its records from now on."""
    _check(attachable)
    _REGISTERED[attachable.kind] = attachable
    cleanup.delete_with_owner(attachable.owner, attachable.kind)
    if attachable.lines is not None:
        cleanup.delete_with_line(attachable.lines.model, attachable.kind, attachable.lines.owner_column)
    return attachable


def attachables() -> list[Attachable]:
    """Every registered resource, in the order they registered."""
    return list(_REGISTERED.values())


def _check(attachable: Attachable) -> None:
    """A declaration that cannot work fails at import, not at the first upload."""
    if attachable.kind in _REGISTERED:
        raise ValueError(f"Attachment owner kind '{attachable.kind}' is registered twice.")
    if not 0 < len(attachable.kind) <= _KIND_LENGTH:
        raise ValueError(f"Attachment owner kind '{attachable.kind}' must have 1 to {_KIND_LENGTH} characters.")
    for path in attachable.paths:
        _check_path(attachable, path)


def _check_path(attachable: Attachable, path: UploadPath) -> None:
    declared = _PATH_PARAMETER.findall(path.path)
    expected = [p.name for p in path.parameters()] + ([LINE_PARAMETER] if path.on_line else [])
    if declared != expected:
        raise ValueError(f"{path.path}: the path's parameters {declared} are not its lookup's {expected}.")
    if path.on_line and attachable.lines is None:
        raise ValueError(f"{path.path} attaches to lines, but {attachable.kind} declares no Lines.")
