"""The answers a status fault gives: the real service's body for each status, as nettfin renders it elsewhere.

- 429: the throttle's own hourly-limit answer (throttle/policy.py): its message, `Retry-After` and X-RateLimit-*;
- 500: the service's `{"message": "VismaId: <uuid>. An error has occurred."}` (kit/errors.py, CatchUnexpected);
- 502, 503, 504: the reference shows no body; these come from the Azure API Management gateway in front of the
  service, whose own errors are `{"statusCode": <status>, "message": "<reason>"}` (docs/compatibility.md);
- 12027: the IPP licence error, `ExceptionMessageID` `12027_<guid>` as the captured response has it, status 403.
"""

from __future__ import annotations

import time

from ..kit.errors import ApiError, IppError
from ..throttle.policy import HOUR, REAL_LIMITS, Throttle, hourly_limit_hit

NO_LICENCE = 12027
GATEWAY_REASONS = {502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}


class ServerError(ApiError):
    status_code = 500

    def __init__(self) -> None:
        super().__init__("An error has occurred.")


class GatewayError(ApiError):
    def __init__(self, status: int) -> None:
        super().__init__(GATEWAY_REASONS[status])
        self.status_code = status

    def body(self, visma_id: str) -> dict | None:
        return {"statusCode": self.status_code, "message": self.message}


class NoLicence(IppError):
    def __init__(self) -> None:
        super().__init__("No license for this company.", fault_code=str(NO_LICENCE), status_code=403)

    def body(self, visma_id: str) -> dict | None:
        return {**super().body(visma_id), "ExceptionMessageID": f"{self.fault_code}_{visma_id}"}


def answer(status: int, *, throttle: Throttle, caller, company_id: int, retry_after: int | None) -> ApiError:
    if status == 429:
        now = int(time.time())
        policy, limit = throttle.hourly_limit(caller, policy="test", limits=REAL_LIMITS)
        reset = now + retry_after if retry_after else now - now % HOUR + HOUR
        return hourly_limit_hit(policy, limit, company_id, reset=reset, now=now)
    if status == 500:
        return ServerError()
    if status == NO_LICENCE:
        return NoLicence()
    return GatewayError(status)
