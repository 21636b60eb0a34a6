"""UI extension registrations, kept per company: an owner (an application, by its GUID) registers an action on a
screen's step or a menu entry, lists its registrations and deletes them. nettfin has no ERP screens to show them
on: it stores them and serves them back, so an application's set-up runs against it as against the service.

The screens an action may be placed on are the document screens nettfin serves (`SCREENS`), each with the
document statuses as its steps (the service's example places an action on AP301000 for balanced documents).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..kit import messages
from ..kit.checks import fits_column
from ..kit.errors import BusinessError, NotFound, record_errors
from .models import UiExtension

ACTION, MENU = "Action", "Menu"
# Screen id -> the steps an action extension may be placed on there.
SCREENS: dict[str, tuple[str, ...]] = {
    "AP301000": ("Hold", "Balanced", "Open", "Closed"),
    "AP302000": ("Hold", "Balanced", "Closed"),
    "AR301000": ("Hold", "Balanced", "Open", "Closed"),
    "AR302000": ("Hold", "Balanced", "Closed"),
    "GL301000": ("Hold", "Balanced", "Posted"),
    "PO301000": ("Hold", "Open", "Closed"),
}
_COLUMNS = UiExtension.__table__.c


@dataclass(frozen=True)
class Registration:
    """What a POST sends (plain members, as the real `UiExtensionUpdateDto` has them)."""

    owner_id: str | None
    owner_name: str | None
    type: str | None
    screen_id: str | None
    step_id: str | None
    title: str | None
    url: str | None


def owner_guid(value: str, label: str = "ownerId") -> str:
    """An owner's or an extension's GUID in its canonical form; 400 naming the member otherwise."""
    try:
        return str(uuid.UUID(value.strip()))
    except (ValueError, AttributeError):
        raise BusinessError(
            f"'{label}' '{value}' is not a GUID: give it as 3fa85f64-5717-4562-b3fc-2c963f66afa6."
        ) from None


def register(db: Database, *, company_id: int, sent: Registration) -> UiExtension:
    problems, owner = [], None
    texts = {}
    for label, column, given in (
        ("ownerName", "owner_name", sent.owner_name),
        ("title", "title", sent.title),
        ("url", "url", sent.url),
    ):
        text = (given or "").strip()
        problem = messages.cannot_be_empty(label) if not text else fits_column(_COLUMNS[column], text, label)
        problems += [problem] if problem else []
        texts[column] = text
    if texts["url"] and not _absolute_url(texts["url"]):
        problems.append(f"'url' '{texts['url']}' is not an absolute http(s) URL.")
    if not (sent.owner_id or "").strip():
        problems.append(messages.cannot_be_empty("ownerId"))
    else:
        try:
            owner = owner_guid(sent.owner_id)
        except BusinessError as error:
            problems.append(error.message)
    screen, step = (sent.screen_id or "").strip().upper() or None, (sent.step_id or "").strip() or None
    if sent.type is None:
        problems.append(messages.cannot_be_empty("type"))
    elif sent.type == ACTION:
        problems += _placement_problems(screen, step)
        step = _step(screen, step)
    elif screen or step:
        problems.append("A Menu extension is not placed on a screen: leave 'screenId' and 'stepId' out.")
    with db.writing() as session:
        if not problems and _registered(session, company_id, owner, sent.type, screen, step, texts["url"]):
            problems.append(f"The owner has registered this {sent.type} extension with this url already.")
        if problems:
            raise record_errors(action="inserting", entity="UI extension", record="Ui Extension", errors=problems)
        extension = UiExtension(
            company_id=company_id, owner_id=owner, type=sent.type, screen_id=screen, step_id=step, **texts
        )
        session.add(extension)
        session.flush()
        return extension


def owner_extensions(
    db: Database, *, company_id: int, owner_id: str, screen_id: str | None, type: str | None
) -> list[UiExtension]:
    statement = select(UiExtension).where(
        UiExtension.company_id == company_id, UiExtension.owner_id == owner_guid(owner_id)
    )
    if screen_id and screen_id.strip():
        statement = statement.where(UiExtension.screen_id == screen_id.strip().upper())
    if type is not None:
        statement = statement.where(UiExtension.type == type)
    with db.reading() as session:
        return list(session.scalars(statement.order_by(UiExtension.created_at, UiExtension.id)))


def delete_menu(db: Database, *, company_id: int, owner_id: str, internal_id: str) -> None:
    with db.writing() as session:
        extension = _find(session, company_id, owner_id, internal_id)
        if extension.type != MENU:
            raise BusinessError(
                f"UI extension '{internal_id}' is an Action extension: delete it with its screen and step "
                f"(/v1/uiExtension/{owner_id}/{internal_id}/{extension.screen_id}/{extension.step_id})."
            )
        session.delete(extension)


def delete_action(
    db: Database, *, company_id: int, owner_id: str, internal_id: str, screen_id: str, step_id: str
) -> None:
    with db.writing() as session:
        extension = _find(session, company_id, owner_id, internal_id)
        screen = screen_id.strip().upper()
        if extension.type != ACTION or extension.screen_id != screen or extension.step_id != _step(screen, step_id):
            raise NotFound(f"UI extension '{internal_id}' is not an action on screen {screen_id}, step {step_id}.")
        session.delete(extension)


def _find(session: Session, company_id: int, owner_id: str, internal_id: str) -> UiExtension:
    owner, internal = owner_guid(owner_id), owner_guid(internal_id, "internalId")
    statement = select(UiExtension).where(
        UiExtension.company_id == company_id, UiExtension.owner_id == owner, UiExtension.internal_id == internal
    )
    found = session.scalar(statement)
    if found is None:
        raise NotFound(messages.not_found("UI extension", internal_id))
    return found


def _placement_problems(screen: str | None, step: str | None) -> list[str]:
    if not screen or not step:
        return [messages.cannot_be_empty("screenId" if not screen else "stepId")]
    if screen not in SCREENS:
        return [f"'screenId' '{screen}' is not a screen UI extensions are placed on: {', '.join(SCREENS)}."]
    if _step(screen, step) is None:
        return [f"'stepId' '{step}' is not a step of {screen}: {', '.join(SCREENS[screen])}."]
    return []


def _step(screen: str | None, step: str | None) -> str | None:
    """The step's own spelling (`balanced` is `Balanced`), None when the screen has no such step."""
    folded = (step or "").strip().casefold()
    return next((s for s in SCREENS.get(screen or "", ()) if s.casefold() == folded), None)


def _absolute_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _registered(
    session: Session, company_id: int, owner: str | None, kind: str, screen: str | None, step: str | None, url: str
) -> bool:
    statement = select(UiExtension.id).where(
        UiExtension.company_id == company_id,
        UiExtension.owner_id == owner,
        UiExtension.type == kind,
        UiExtension.screen_id.is_(None) if screen is None else UiExtension.screen_id == screen,
        UiExtension.step_id.is_(None) if step is None else UiExtension.step_id == step,
        UiExtension.url == url,
    )
    return session.scalar(statement.limit(1)) is not None
