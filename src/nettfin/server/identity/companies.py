"""What a company's records read of the company itself."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ..db.prepared import Prepared
from .models import Company

# The column alone on the driver's cursor (db/prepared.py): loading the whole company through the session was a
# twentieth of a customer's create.
_BASE_CURRENCY = Prepared(select(Company.base_currency).where(Company.id == bindparam("company_id")))


def base_currency(session: Session, company_id: int) -> str:
    """The company's base currency (set when the company is made, never changed)."""
    row = _BASE_CURRENCY.first(session.connection(), {"company_id": company_id})
    # A company made in this very transaction and not flushed yet is the session's alone.
    return row[0] if row is not None else session.get(Company, company_id).base_currency
