"""Applying a company's fault rules to its authenticated API calls (identity/auth.py `company_context`).

Cost when a company has no rules: the company's `faults` data version, read by the token lookup itself on the
legacy path (no extra round trip) and by one primary-key read on the Connect path; a company that never had a
rule has no version row, and its rules are never read. The rules themselves are cached per process, keyed by
that version, which every change bumps: a rule added through any process applies to the next call on every
process. A rule's `times` countdown is spent with one conditional UPDATE, so N means N across processes.

Rules are read in the order they were made. Every matching rule that fires (its `probability`, then its
`times`) adds its latency; the first that fires with a status or a drop decides the answer, and the later ones
with a status or a drop are not tried (their `times` are not spent).

The company's moved clock (clock.py) is cached with the rules, under the same version: authentication puts it
on the call's clock scope (db/clock.py) at no extra cost.
"""

from __future__ import annotations

import asyncio
import fnmatch
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import bindparam, select, update
from starlette.requests import Request

from ..db.clock import Clock
from ..db.engine import Database
from ..kit.call_gate import stepped_aside
from ..kit.changes import DataVersion, Lru
from .answers import answer
from .clock import clock_of
from .connections import DropConnection, connection_of
from .models import FAULTS_RESOURCE, CompanyClock, FaultRule, ThrottleSwitch

LEGACY_PREFIX = "/api/controller/api"


@dataclass(frozen=True)
class Rule:
    id: int
    application_id: int | None
    api_client_id: int | None
    method: str | None
    pattern: re.Pattern | None
    latency_ms: int | None
    status: int | None
    retry_after: int | None
    drop: str | None
    probability: float
    counted: bool

    @property
    def decides(self) -> bool:
        return self.status is not None or self.drop is not None

    def matches(self, method: str, path: str, caller) -> bool:
        if self.method is not None and self.method != method:
            return False
        if self.application_id is not None and (caller is None or caller.application_id != self.application_id):
            return False
        if self.api_client_id is not None and (caller is None or caller.client_id != self.api_client_id):
            return False
        if self.pattern is None:
            return True
        lowered = path.lower()
        if self.pattern.fullmatch(lowered):
            return True
        # `/v1/customer*` names the resource under both surfaces.
        return lowered.startswith(LEGACY_PREFIX + "/") and bool(self.pattern.fullmatch(lowered[len(LEGACY_PREFIX) :]))


@dataclass(frozen=True)
class CompanyFaults:
    """A company's test settings, as one cached value: its rules, its throttle switch, its clock."""

    rules: tuple[Rule, ...] = ()
    throttle: bool = False
    clock: Clock | None = None


NONE = CompanyFaults()


def compile_rule(row: FaultRule) -> Rule:
    return Rule(
        id=row.id,
        application_id=row.application_id,
        api_client_id=row.api_client_id,
        method=row.method,
        pattern=re.compile(fnmatch.translate(row.path.lower())) if row.path else None,
        latency_ms=row.latency_ms,
        status=row.status,
        retry_after=row.retry_after,
        drop=row.drop,
        probability=row.probability,
        counted=row.times is not None,
    )


def faults_version(company_id):
    """The company's `faults` data version (NULL when it has none), as a column of another query."""
    return (
        select(DataVersion.version)
        .where(DataVersion.company_id == company_id, DataVersion.resource == FAULTS_RESOURCE)
        .scalar_subquery()
    )


_VERSION_OF = select(faults_version(bindparam("company_id")))


@dataclass(frozen=True)
class Injection:
    """What a call's firing rules do to it: their summed latency, and the rule that decides its answer, if any."""

    latency_ms: int
    decider: Rule | None


class FaultBook:
    """One per app (app.state.faults): the per-process cache of each company's rules, throttle switch and clock."""

    def __init__(self, db: Database, capacity: int = 4096, chance: Callable[[], float] = random.random) -> None:
        self._db = db
        self._cache = Lru(capacity)
        # The draw a rule's probability is compared with (a test sets it to decide the draw).
        self.chance = chance

    def for_company(self, company_id: int, version: int | None = None) -> CompanyFaults:
        """The company's rules; `version` when the caller already read the company's `faults` data version."""
        if version is None:
            version = self._version(company_id)
        if not version:
            return NONE
        cached = self._cache.get(company_id)
        if cached is not None and cached[0] == version:
            return cached[1]
        faults = self._load(company_id)
        self._cache.put(company_id, (version, faults))
        return faults

    def decide(self, request: Request, context, faults: CompanyFaults) -> Injection | None:
        """The rules that fire for this call (their draws made, their `times` spent), or None: `inject` applies
        them. Synchronous, as the authentication that calls it."""
        if not faults.rules:
            return None
        latency_ms, decider = self._decide(faults, request.method, request.scope["path"], context.caller)
        if not latency_ms and decider is None:
            return None
        return Injection(latency_ms, decider)

    async def inject(self, request: Request, context, injection: Injection) -> None:
        """Sleep the latency (on the event loop: nothing is held meanwhile), then answer, drop, or mark the call
        to be dropped once it has committed; before the endpoint runs."""
        if injection.latency_ms:
            async with stepped_aside(request.scope):  # other calls go past the gate meanwhile
                await asyncio.sleep(injection.latency_ms / 1000)
        decider = injection.decider
        if decider is None:
            return
        if decider.drop == "before":
            raise DropConnection
        if decider.drop == "after":
            connection_of(request.scope).drop_after = True
            return
        # An injected failure is not the client's: it must not count towards ClientErrorLimit.
        request.state.throttle_failure_key = None
        raise answer(
            decider.status,
            throttle=request.app.state.throttle,
            caller=context.caller,
            company_id=context.company_id,
            retry_after=decider.retry_after,
        )

    def _decide(self, faults: CompanyFaults, method: str, path: str, caller) -> tuple[int, Rule | None]:
        latency, decider = 0, None
        for rule in faults.rules:
            if decider is not None and rule.decides:
                continue
            if not rule.matches(method, path, caller):
                continue
            if rule.probability < 1 and self.chance() >= rule.probability:
                continue
            if rule.counted and not self._spend(rule.id):
                continue
            latency += rule.latency_ms or 0
            if rule.decides:
                decider = rule
        return min(latency, 60_000), decider

    def _spend(self, rule_id: int) -> bool:
        """Take one of the rule's remaining calls, atomically: False when none is left (or the rule is gone)."""
        with self._db.autocommit.connect() as connection:
            spent = connection.execute(
                update(FaultRule)
                .where(FaultRule.id == rule_id, FaultRule.remaining > 0)
                .values(remaining=FaultRule.remaining - 1)
            ).rowcount
        return spent == 1

    def _version(self, company_id: int) -> int:
        with self._db.autocommit.connect() as connection:
            return connection.execute(_VERSION_OF, {"company_id": company_id}).scalar_one_or_none() or 0

    def _load(self, company_id: int) -> CompanyFaults:
        with self._db.reading() as session:
            rows = session.scalars(select(FaultRule).where(FaultRule.company_id == company_id).order_by(FaultRule.id))
            rules = tuple(compile_rule(row) for row in rows)
            throttle = session.scalar(select(ThrottleSwitch.enabled).where(ThrottleSwitch.company_id == company_id))
            clock = clock_of(session.get(CompanyClock, company_id))
        return CompanyFaults(rules=rules, throttle=bool(throttle), clock=clock)
