"""Visma.net's throttling: fixed windows aligned to the clock per (client, company).

- IntervalLimit / TenantIntervalLimit: calls per clock hour (500 for test clients and Swagger UI, 15,000 for
  production clients);
- SameRequestLimit: 5 identical requests per clock minute;
- ClientErrorLimit: a request that already failed may be repeated twice in a 5-minute window.
The server's policy setting: `off`; `production` (every caller gets the production hourly limit, and nothing
else is enforced, so a developer re-running a request is never in the way); or `test` (every rule, with the
hourly limit per client type, as the real service).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from starlette.requests import Request

from ..identity.models import CLIENT_PRODUCTION, ORIGIN_SWAGGER
from ..kit.errors import ApiError
from .stores import CounterStore

HOUR, MINUTE, FIVE_MINUTES = 3600, 60, 300
POLICIES = ("off", "production", "test")


@dataclass(frozen=True)
class Limits:
    test: int = 500
    production: int = 15_000
    same_request: int = 5
    client_error: int = 2


# The real service's limits, which a company's throttle switch (faults/) applies whatever the settings say.
REAL_LIMITS = Limits()


@dataclass(frozen=True)
class Window:
    """What the X-RateLimit-* headers report for the hourly limit."""

    policy: str
    limit: int
    remaining: int
    reset: int


class Throttled(ApiError):
    status_code = 429

    def __init__(self, message: str, *, policy: str, limit: int, reset: int, now: int) -> None:
        super().__init__(message)
        self.policy, self.limit, self.reset, self.retry_after = policy, limit, reset, max(1, reset - now)

    def headers(self) -> dict[str, str]:
        return {
            "Retry-After": str(self.retry_after),
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": str(self.reset),
            "X-RateLimit-Policy": self.policy,
        }


def hourly_limit_hit(policy: str, limit: int, company_id: int, *, reset: int, now: int) -> Throttled:
    """The hourly limit's 429 (the throttle's, and the fault that imitates it)."""
    return Throttled(
        f"Too many requests: {policy} allows {limit} calls per hour for this client in company "
        f"{company_id}. The window resets at {_iso(reset)} (in {reset - now} seconds).",
        policy=policy,
        limit=limit,
        reset=reset,
        now=now,
    )


def company_windows(company_id: int) -> list[str]:
    """The key prefixes of every window of a company's callers (hourly, same request, client errors)."""
    return [f"{kind}:{company_id}:" for kind in "hsf"]


def fingerprint(method: str, path: str, query: bytes, body_digest: str) -> str:
    """Identical requests: same method, path, query and body."""
    raw = f"{method} {path.lower()}?{query.decode('latin-1')} {body_digest}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


class Throttle:
    def __init__(self, *, policy: str, store: CounterStore, limits: Limits, clock=time.time) -> None:
        if policy not in POLICIES:
            raise ValueError(f"throttle policy must be one of {', '.join(POLICIES)}, not {policy!r}")
        self.policy, self.store, self.limits, self.clock = policy, store, limits, clock

    def hourly_limit(self, caller, *, policy: str | None = None, limits: Limits | None = None) -> tuple[str, int]:
        policy, limits = policy or self.policy, limits or self.limits
        if policy == "production":
            return "TenantIntervalLimit", limits.production
        if caller.origin == ORIGIN_SWAGGER:
            return "TenantIntervalLimit", limits.test
        if caller.client_id is not None and caller.client_type != CLIENT_PRODUCTION:
            return "IntervalLimit", limits.test
        return "TenantIntervalLimit", limits.production

    def reset_company(self, company_id: int) -> None:
        """Forget every window of the company's callers: the next call starts them afresh."""
        self.store.reset(company_windows(company_id))

    def admit(self, request: Request, context, *, real_limits: bool = False) -> None:
        """Count the call; raise Throttled (and execute nothing) when a limit is exceeded. `real_limits`: the
        company's throttle was switched on (faults/): every rule with the real service's limits, whatever the
        server's policy and limit settings."""
        if real_limits:
            policy_name, limits = "test", REAL_LIMITS
        elif self.policy == "off":
            return
        else:
            policy_name, limits = self.policy, self.limits
        if context.caller is None:
            return
        now = int(self.clock())
        # The company first, so one company's windows are one key range (`reset_company`).
        who = f"{context.company_id}:{context.caller.throttle_key}"
        request_id = fingerprint(
            request.method,
            request.url.path,
            request.scope.get("query_string", b""),
            request.scope.get("state", {}).get("body_digest", ""),
        )
        request.state.throttle_failure_key = self._failure_key(who, request_id, now)
        policy, limit = self.hourly_limit(context.caller, policy=policy_name, limits=limits)
        hour_end = now - now % HOUR + HOUR
        minute_end = now - now % MINUTE + MINUTE
        failure_key = request.state.throttle_failure_key[0]
        hourly, same, failures = self.store.hit(
            [(f"h:{who}:{hour_end}", hour_end), (f"s:{who}:{request_id}:{minute_end}", minute_end)], peek=failure_key
        )
        request.state.rate_limit = Window(policy, limit, max(0, limit - hourly), hour_end)
        if hourly > limit:
            raise hourly_limit_hit(policy, limit, context.company_id, reset=hour_end, now=now)
        if policy_name != "test":
            return
        if same > limits.same_request:
            raise Throttled(
                f"Same request made too many times: SameRequestLimit allows {limits.same_request} identical "
                f"requests per minute. The window resets at {_iso(minute_end)} (in {minute_end - now} seconds).",
                policy="SameRequestLimit",
                limit=limits.same_request,
                reset=minute_end,
                now=now,
            )
        if failures > limits.client_error:
            reset = request.state.throttle_failure_key[1]
            raise Throttled(
                f"The same request has already failed {failures} times: ClientErrorLimit allows "
                f"{limits.client_error} repeats of a failed request per 5 minutes. Fix the request, or wait "
                f"until {_iso(reset)} (in {reset - now} seconds).",
                policy="ClientErrorLimit",
                limit=limits.client_error,
                reset=reset,
                now=now,
            )

    def record_failure(self, failure_key: tuple[str, int]) -> None:
        self.store.hit([failure_key])

    @staticmethod
    def _failure_key(who: str, request_id: str, now: int) -> tuple[str, int]:
        end = now - now % FIVE_MINUTES + FIVE_MINUTES
        return f"f:{who}:{request_id}:{end}", end


def _iso(epoch: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))
