"""Ledgers (GL201500) as the API serves them: `/v1/ledger`, the company's one actual ledger.

nettfin posts every batch to one ledger, `ACTUAL` (the journal refuses any other), in the company's base
currency, with no branches and no consolidation: the list holds that ledger, made from the company, and no
table stores it. The filters are the real document's: `greaterThanValue` on the ledger's number, the last
change (the company's creation: the ledger never changes) and the deprecated `numberToRead`/`skipRecords`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..identity.models import Company
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.deprecated import DEPRECATED
from ..kit.members import Attribute, Shape
from ..kit.render import format_datetime, json_response
from ..kit.resource import Computed
from .journal_service import LEDGER_DESCRIPTION, LEDGER_ID


class BalanceType(StrEnum):
    ACTUAL = "Actual"
    REPORT = "Report"
    STATISTICAL = "Statistical"
    BUDGET = "Budget"


@dataclass(frozen=True)
class Ledger:
    internal_id: int
    number: str
    description: str
    currency_id: str
    last_modified_at: datetime


LEDGER = Shape(
    "LedgerDto",
    (
        Attribute("internalId", "internal_id", int),
        Attribute("number", "number"),
        Attribute("description", "description"),
        Computed("balanceType", BalanceType, lambda ledger: BalanceType.ACTUAL.value),
        Attribute("currencyId", "currency_id"),
        Computed("consolidationSource", bool, lambda ledger: False),
        Computed("branchAccounting", bool, lambda ledger: False),
        Computed("lastModifiedDateTime", str, lambda ledger: format_datetime(ledger.last_modified_at)),
        Computed("postInterCompany", bool, lambda ledger: False),
    ),
)

router = APIRouter(prefix="/v1/ledger", tags=["Ledger"])
_MODIFIED = "lastModifiedDateTime"


def company_ledgers(request: Request, company_id: int) -> list[Ledger]:
    """The company's ledgers: its actual ledger, in its base currency."""
    with request.app.state.db.reading() as session:
        company = session.get(Company, company_id)
        return [Ledger(1, LEDGER_ID, LEDGER_DESCRIPTION, company.base_currency, company.created_at)]


@router.get("", response_model=list[LEDGER.read_model], summary="Get a range of Ledgers - ScreenId=GL201500")
def list_ledgers(
    request: Request,
    context: CompanyContext = Depends(company_context),
    greaterThanValue: str | None = Query(None, description="Excludes ledgers with value lower than entry"),
    numberToRead: int | None = Query(None, le=INT32_MAX, deprecated=True, description=DEPRECATED),
    skipRecords: int | None = Query(None, le=INT32_MAX, deprecated=True, description=DEPRECATED),
    lastModifiedDateTime: str | None = Query(None, description=value_description(_MODIFIED)),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description(_MODIFIED)),
) -> Response:
    bound = date_condition(_MODIFIED, lastModifiedDateTime, lastModifiedDateTimeCondition)
    ledgers = [
        ledger
        for ledger in company_ledgers(request, context.company_id)
        if (not greaterThanValue or ledger.number > greaterThanValue)
        and (bound is None or bound.apply(ledger.last_modified_at))
    ]
    return json_response([LEDGER.render(ledger) for ledger in ledgers])
