"""Ledgers (GL201500) as the API serves them: `/v1/ledger`, the company's ledgers (`company_ledgers`): the actual
ledger every batch posts to (the journal refuses any other), the budget ledger budgets are entered in and a
statistical ledger, each in the company's base currency, with no branch accounting and no consolidation. The
filters are the real document's: `greaterThanValue` on the ledger's number, the last change and the deprecated
`numberToRead`/`skipRecords`."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..identity.companies import base_currency
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.deprecated import DEPRECATED
from ..kit.members import Attribute, Shape
from ..kit.render import format_datetime, json_response
from ..kit.resource import Computed
from .company_ledgers import BalanceType, company_ledgers
from .models import Ledger

LEDGER = Shape(
    "LedgerDto",
    (
        Attribute("internalId", "internal_id", int),
        Attribute("number", "ledger_cd"),
        Attribute("description", "description"),
        Computed("balanceType", BalanceType, lambda ledger: ledger.balance_type),
        Attribute("currencyId", "currency_id"),
        Computed("consolidationSource", bool, lambda ledger: False),
        Computed("branchAccounting", bool, lambda ledger: False),
        Computed("lastModifiedDateTime", str, lambda ledger: format_datetime(ledger.last_modified_at)),
        Computed("postInterCompany", bool, lambda ledger: False),
    ),
)

router = APIRouter(prefix="/v1/ledger", tags=["Ledger"])
_MODIFIED = "lastModifiedDateTime"


def _ledgers(request: Request, company_id: int) -> list[Ledger]:
    """The company's ledgers, each with its currency (`currency_id`, not a column): the base currency."""
    with request.app.state.db.reading() as session:
        currency = base_currency(session, company_id)
        ledgers = company_ledgers(session, company_id)
    for ledger in ledgers:
        ledger.currency_id = currency
    return ledgers


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
        for ledger in _ledgers(request, context.company_id)
        if (not greaterThanValue or ledger.ledger_cd > greaterThanValue)
        and (bound is None or bound.apply(ledger.last_modified_at))
    ]
    return json_response([LEDGER.render(ledger) for ledger in ledgers])
