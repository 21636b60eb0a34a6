"""Declarative base with a naming convention, so Alembic names constraints the same on both dialects, and the
columns most records end with."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from .clock import utcnow
from .types import UTCDateTime

__all__ = ["Base", "Stamped", "utcnow"]

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Stamped:
    """A record's creation and last change, and its row version, which the mapper checks on every UPDATE (a
    write from a stale read fails): a model's last columns, after its own (a mixin's columns follow them)."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.row_version}
