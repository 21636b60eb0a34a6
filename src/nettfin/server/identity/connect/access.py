"""What a Connect token may do on an API route: the company it is bound to (and `ipp-company-id`), and its scopes."""

from __future__ import annotations

from ...kit.checks import parse_int32
from ...kit.errors import ApiError, IppError, VismaErrorBody
from .tokens import ConnectIdentity, scope_verb

NO_COMPANY_ACCESS = "12002"

# Documented on every controller route beside kit.errors.ERROR_RESPONSES.
CONNECT_RESPONSES: dict[int | str, dict] = {
    403: {
        "model": VismaErrorBody,
        "description": "A Visma Connect token without the scope the operation needs (read, create, update, delete).",
    }
}


class InsufficientScope(ApiError):
    """403 in the service's `message` shape, naming the scope needed; RFC 6750's header says the same."""

    status_code = 403

    def __init__(self, message: str, scope: str) -> None:
        super().__init__(message)
        self.scope = scope

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": f'Bearer error="insufficient_scope", scope="{self.scope}"'}


def bound_company(identity: ConnectIdentity, ipp_company_id: str | None) -> int:
    """The token's company. `ipp-company-id` is optional: absent or the same company is fine; another is 12002."""
    company_id = identity.access.company_id
    if ipp_company_id is None or not ipp_company_id.strip():
        return company_id
    if parse_int32(ipp_company_id) == company_id:
        return company_id
    raise IppError(
        f"Invalid parameter exception: ipp-company-id. The token is bound to company {company_id} (its tenant_id); "
        f"it cannot be used for company '{ipp_company_id.strip()[:40]}'. Leave the header out, or get a token for "
        "that company's tenant_id.",
        fault_code=NO_COMPANY_ACCESS,
    )


def require_scope(identity: ConnectIdentity, method: str, path: str) -> None:
    verb = scope_verb(method, path)
    if verb in identity.verbs:
        return
    needed = f"{identity.scope_family}:{verb}"
    held = " ".join(sorted(f"{identity.scope_family}:{v}" for v in identity.verbs)) or "no API scope"
    raise InsufficientScope(
        f"Insufficient scope: {method.upper()} {path} needs the scope '{needed}'; the token has {held}. "
        "Ask for it in the token request (the application must be allowed it).",
        needed,
    )
