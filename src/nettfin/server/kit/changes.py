"""Per-company data versions: every write to a resource bumps its version inside the writing transaction.

List caches (totalCount, the keyset of the next page) are keyed by this version, so they are exact: any
write, on any worker process, makes them miss.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, String, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from ..db.base import Base


class DataVersion(Base):
    __tablename__ = "data_version"

    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), primary_key=True)
    resource: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)


def bump_version(session: Session, *, company_id: int, resource: str) -> None:
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(DataVersion).values(company_id=company_id, resource=resource, version=1)
    statement = statement.on_conflict_do_update(
        index_elements=[DataVersion.company_id, DataVersion.resource],
        set_={"version": DataVersion.version + 1},
    )
    session.execute(statement)


def current_version(session: Session, *, company_id: int, resource: str) -> int:
    version = session.scalar(
        select(DataVersion.version).where(DataVersion.company_id == company_id, DataVersion.resource == resource)
    )
    return version or 0
