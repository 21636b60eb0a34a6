"""Values made once per database and shared by every worker: the browser sessions' signing key (so every
worker and every restart reads the same cookies), the presigned blob links' key, CSRF tokens, and the
installation id."""

from __future__ import annotations

import secrets

from sqlalchemy import String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from ..db.base import Base
from ..db.engine import Database
from ..kit.changes import renders_no_record


@renders_no_record
class ServerSecret(Base):
    __tablename__ = "server_secret"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


def session_signing_key(db: Database) -> str:
    return server_value(db, "session", lambda: secrets.token_urlsafe(48))


def blob_link_key(db: Database) -> str:
    """Signs the presigned blob links (`attachments/blob_links.py`): every worker checks every worker's links."""
    return server_value(db, "blob-links", lambda: secrets.token_urlsafe(48))


def installation_id(db: Database) -> str:
    """Names this installation's keys in stores shared with others (a Redis used by several deployments)."""
    return server_value(db, "installation", lambda: secrets.token_hex(8))


def server_value(db: Database, name: str, make) -> str:
    """A value made once per database and shared by every worker: the first writer wins."""
    with db.reading() as session:
        found = session.scalar(select(ServerSecret.value).where(ServerSecret.name == name))
    if found:
        return found
    try:
        with db.writing() as session:
            session.add(ServerSecret(name=name, value=make()))
    except IntegrityError:
        pass  # another worker created it first; read theirs
    with db.reading() as session:
        return session.scalar(select(ServerSecret.value).where(ServerSecret.name == name))


def csrf_token(session: dict) -> str:
    """The session's CSRF token (double submit: every form carries it, every POST must match it)."""
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(24)
    return token


def csrf_valid(session: dict, submitted: str | None) -> bool:
    expected = session.get("csrf")
    return bool(expected and submitted and secrets.compare_digest(expected, submitted))
