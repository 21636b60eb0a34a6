"""Who is calling, and for which company: `Authorization: Bearer` and `ipp-company-id` on every controller route."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import and_, select

from ..kit.errors import IppError
from .models import ApiToken, CompanyAccess
from .service import hash_token

NO_COMPANY_ACCESS = "12002"
INVALID_TOKEN = "12001"

_bearer = HTTPBearer(auto_error=False, description="The token from POST /API/security/api/v2/token")


@dataclass(frozen=True)
class CompanyContext:
    company_id: int
    user_id: int


def company_context(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),
    ipp_company_id: str | None = Header(
        None, alias="ipp-company-id", description="The company id from GET /API/resources/v1/context"
    ),
) -> CompanyContext:
    if credentials is None:
        raise IppError(
            "Authorization has been denied for this request: no bearer token. "
            "Send the header 'Authorization: Bearer <token>'.",
            fault_code=INVALID_TOKEN,
            status_code=401,
        )
    company_id = _parse_company_id(ipp_company_id)
    with request.app.state.db.reading() as session:
        row = session.execute(
            select(ApiToken.user_id, CompanyAccess.company_id)
            .outerjoin(
                CompanyAccess,
                and_(CompanyAccess.user_id == ApiToken.user_id, CompanyAccess.company_id == company_id),
            )
            .where(ApiToken.token_hash == hash_token(credentials.credentials), ApiToken.revoked_at.is_(None))
        ).first()
    if row is None:
        raise IppError(
            "Invalid token: the bearer token is unknown or has been revoked.",
            fault_code=INVALID_TOKEN,
            status_code=401,
        )
    if row.company_id is None:
        raise IppError(
            f"Invalid parameter exception: ipp-company-id. The token's user has no access to company "
            f"{company_id}; GET /API/resources/v1/context lists the companies it may use.",
            fault_code=NO_COMPANY_ACCESS,
        )
    return CompanyContext(company_id=company_id, user_id=row.user_id)


def _parse_company_id(raw: str | None) -> int:
    if raw is None or not raw.strip():
        raise IppError(
            "Invalid parameter exception: ipp-company-id. The header is missing; send the id of a company "
            "from GET /API/resources/v1/context.",
            fault_code=NO_COMPANY_ACCESS,
        )
    try:
        return int(raw.strip())
    except ValueError:
        raise IppError(
            f"Invalid parameter exception: ipp-company-id. '{raw}' is not a company id; send the integer id "
            "of a company from GET /API/resources/v1/context.",
            fault_code=NO_COMPANY_ACCESS,
        ) from None
