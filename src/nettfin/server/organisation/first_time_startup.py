"""First time startup (`/v1/firstTimeStartup/status`): whether the company's financials are set up.

In the service, first time startup is the wizard that makes a new company usable (its chart of accounts, its
financial year), and `financials` says whether it has run. A nettfin company is made by `nettfin` itself, with no
wizard: its financials count as started up once it has what the wizard gives, a chart of accounts (one GL account
or more) and financial periods. Until then `financials` is false and `message` says what is missing.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from sqlalchemy import select
from starlette.responses import Response

from ..db.engine import Database
from ..identity.auth import CompanyContext, company_context
from ..kit.render import json_response
from ..ledger.models import Account, FinancialPeriod

router = APIRouter(prefix="/v1/firstTimeStartup", tags=["FirstTimeStartup"])


class FirstTimeStartupDto(BaseModel):
    financials: bool | None = Field(None, description="FTS status for financials: the company's set-up is done.")
    message: str | None = Field(None, description="What the status means, or what the set-up still lacks.")


def status(db: Database, *, company_id: int) -> tuple[bool, str]:
    with db.reading() as session:
        has = {
            "chart of accounts": select(Account.id).where(Account.company_id == company_id),
            "financial periods": select(FinancialPeriod.id).where(FinancialPeriod.company_id == company_id),
        }
        missing = [what for what, statement in has.items() if session.scalar(statement.limit(1)) is None]
    if missing:
        return (
            False,
            f"The first time startup of financials is not completed: the company has no {' and no '.join(missing)}.",
        )
    return True, "The first time startup of financials is completed."


@router.get("/status", response_model=FirstTimeStartupDto, summary="Get the status for FTS")
def get_status(request: Request, context: CompanyContext = Depends(company_context)) -> Response:
    done, message = status(request.app.state.db, company_id=context.company_id)
    return json_response({"financials": done, "message": message})
