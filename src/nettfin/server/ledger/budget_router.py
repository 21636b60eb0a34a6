"""Budget endpoints (GL302010, `/v1/budget`): HTTP only. The list of one branch, ledger and year's articles (not
paged, as the real list), POST of a new article, PUT of the article the body names (there is no key in the
path: the body's branch, ledger, year, account and subaccount name it)."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.deprecated import DEPRECATED
from ..kit.render import format_datetime, json_response, time_stamp
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, updated
from . import budgets
from .budget_schemas import BudgetDto, BudgetUpdateDto
from .models import BudgetArticle

router = APIRouter(prefix="/v1/budget", tags=["Budget"])
_MODIFIED = "lastModifiedDateTime"


async def budget_filters(
    branch: str = Query(description="Mandatory. Filter by budgets Branch."),
    ledger: str = Query(description="Mandatory. The budgets Ledger"),
    financialYear: str = Query(description="The budgets financial year."),
    subaccount: str | None = Query(None, description="The Subaccount of the budget article."),
    isReleased: bool | None = Query(None, description="True: released budgets (nettfin releases none)."),
    greaterThanValue: str | None = Query(None, description="Articles of accounts after this account number."),
    numberToRead: int | None = Query(None, le=INT32_MAX, deprecated=True, description=DEPRECATED),
    skipRecords: int | None = Query(None, le=INT32_MAX, deprecated=True, description=DEPRECATED),
    orderBy: str | None = Query(None, deprecated=True, description=DEPRECATED),
    lastModifiedDateTime: str | None = Query(None, description=value_description(_MODIFIED)),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description(_MODIFIED)),
) -> budgets.BudgetFilters:
    return budgets.BudgetFilters(
        branch=branch,
        ledger=ledger,
        financial_year=financialYear,
        subaccount=subaccount,
        released=isReleased,
        account_after=greaterThanValue,
        modified=date_condition(_MODIFIED, lastModifiedDateTime, lastModifiedDateTimeCondition),
    )


@router.get(
    "",
    response_model=list[BudgetDto],
    summary="Get a range of Budget figures - ScreenId=GL302010",
    description="The articles of one branch, ledger and financial year, by account number; not paged.",
)
def list_budgets(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: budgets.BudgetFilters = Depends(budget_filters),
) -> Response:
    found = budgets.list_budgets(request.app.state.db, company_id=context.company_id, filters=filters)
    return json_response([budget_dto(article) for article in found])


@router.post(
    "",
    status_code=201,
    responses=CREATED_RESPONSE,
    response_class=Response,
    summary="Create a Budget",
    description=(
        "A new budget article. `Location` is the list that reads it (its branch, ledger and financial year): "
        "an article has no key of its own."
    ),
)
def create_budget(request: Request, body: BudgetUpdateDto, context: CompanyContext = Depends(company_context)):
    article = budgets.create_budget(request.app.state.db, company_id=context.company_id, changes=body.changes())
    response = created(request, "", row_version=article.row_version, dto=body)
    query = {"branch": article.branch_reading.branch_cd, "ledger": article.ledger.ledger_cd}
    query["financialYear"] = str(article.financial_year)
    if article.subaccount is not None:
        query["subaccount"] = article.subaccount.subaccount_cd
    collection = str(request.url.replace(query="", fragment="")).rstrip("/")
    response.headers["Location"] = f"{collection}?{urlencode(query)}"
    return response


@router.put(
    "",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a specific Budget",
    description="The article the body's branch, ledger, financial year, account and subaccount name.",
)
def update_budget(
    request: Request,
    body: BudgetUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    article = budgets.update_budget(
        request.app.state.db, company_id=context.company_id, changes=body.changes(), if_match=if_match
    )
    return updated(row_version=article.row_version, dto=body)


def budget_dto(article: BudgetArticle) -> dict:
    account, subaccount, branch = article.account, article.subaccount, article.branch_reading
    return {
        "financialYear": str(article.financial_year),
        "released": False,
        "releasedAmount": budgets.ZERO,
        "account": {
            "type": account.type,
            "externalCode1": account.external_code1,
            "externalCode2": account.external_code2,
            "active": account.active,
            "number": account.account_cd,
            "description": account.description,
        },
        "subaccount": (
            {"active": subaccount.active, "id": subaccount.subaccount_cd, "description": subaccount.description}
            if subaccount is not None
            else None
        ),
        "description": article.description,
        "amount": article.amount,
        "distributedAmount": budgets.distributed(article),
        "periods": [{"periodId": row.period_id, "amount": row.amount} for row in article.periods],
        "lastModifiedDateTime": format_datetime(article.last_modified_at),
        "branchNumber": {"number": branch.branch_cd, "name": branch.name},
        "timeStamp": time_stamp(article.row_version),
    }
