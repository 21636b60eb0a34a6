"""What `nettfin admin faults ...` and the admin API do with a company's rules and its throttle switch: check a
new rule (every problem named, nothing written on any), add, list, remove, clear, switch the throttle.

Every change bumps the company's `faults` data version, so each server process's cache of the company's rules
(injection.py) misses on its next call."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..identity.connect.models import ConnectApplication
from ..identity.models import ApiClient, Company
from ..kit.changes import bump_version
from ..kit.errors import BusinessError, NotFound
from .models import FAULTS_RESOURCE, FaultRule, ThrottleSwitch

STATUSES = (429, 500, 502, 503, 504, 12027)
DROPS = ("before", "after")
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
MAX_LATENCY_MS = 60_000
MAX_RETRY_AFTER = 3600
MAX_PATH = 200
_PATH_CHARACTERS = re.compile(r"[\x21-\x7e]+")


@dataclass(frozen=True)
class NewRule:
    """A rule as an operator writes it (the admin API's body, the CLI's options)."""

    client_id: str | None = None
    method: str | None = None
    path: str | None = None
    latency_ms: int | None = None
    status: int | None = None
    retry_after: int | None = None
    drop: str | None = None
    probability: float | None = None
    times: int | None = None


def find_company(session: Session, company_id: int) -> Company:
    company = session.get(Company, company_id)
    if company is None:
        raise NotFound(f"No company has the id {company_id}; `nettfin admin company list` shows them.")
    return company


def _path_problem(path: str) -> str | None:
    if len(path) > MAX_PATH:
        return f"is {len(path)} characters long; at most {MAX_PATH} are accepted"
    if not _PATH_CHARACTERS.fullmatch(path):
        return "contains a space or a control character; a path glob is printable ASCII without spaces"
    if not path.startswith(("/", "*")):
        return "must start with '/' or '*' (it is matched against the request path, e.g. '/v1/customer*')"
    depth = 0
    for char in path:
        if char == "[":
            if depth:
                return "has a '[' inside a character class; close each class with ']' before opening another"
            depth = 1
        elif char == "]" and depth:
            depth = 0
    if depth:
        return "has a '[' without its ']'; a character class is written [abc] (use [[] for a literal '[')"
    return None


def check(session: Session, rule: NewRule) -> tuple[int | None, int | None]:
    """Every problem with the rule in one 400 (each naming its field, what was wrong and what is accepted), or
    the (application id, API client id) its `clientId` names."""
    problems = []
    if rule.latency_ms is None and rule.status is None and rule.drop is None:
        problems.append(
            "The rule has no effect: give 'latencyMs' (1..60000), 'status' (429, 500, 502, 503, 504 or 12027) "
            "or 'drop' ('before' or 'after'); latency may be combined with one of the others."
        )
    if rule.latency_ms is not None and not 1 <= rule.latency_ms <= MAX_LATENCY_MS:
        problems.append(f"Invalid field 'latencyMs': {rule.latency_ms} is out of range; 1 to {MAX_LATENCY_MS}.")
    if rule.status is not None and rule.status not in STATUSES:
        problems.append(
            f"Invalid field 'status': {rule.status} is not injectable; one of {', '.join(map(str, STATUSES))} "
            "(12027: the IPP error 'No license for this company.')."
        )
    if rule.drop is not None and rule.drop not in DROPS:
        problems.append(f"Invalid field 'drop': '{rule.drop[:40]}' is not accepted; 'before' or 'after'.")
    if rule.status is not None and rule.drop is not None:
        problems.append("Invalid field 'drop': a rule answers with 'status' or drops the connection, not both.")
    if rule.retry_after is not None:
        if rule.status != 429:
            problems.append("Invalid field 'retryAfter': it belongs to a rule with 'status' 429 only.")
        elif not 1 <= rule.retry_after <= MAX_RETRY_AFTER:
            problems.append(
                f"Invalid field 'retryAfter': {rule.retry_after} is out of range; 1 to {MAX_RETRY_AFTER} seconds "
                "(left out: the rest of the clock hour, as the hourly limit says)."
            )
    if rule.probability is not None and not 0 < rule.probability <= 1:
        problems.append(f"Invalid field 'probability': {rule.probability} is outside (0, 1]; e.g. 0.25, or 1.")
    if rule.times is not None and not 1 <= rule.times <= 2**31 - 1:
        problems.append(f"Invalid field 'times': {rule.times}; the rule is used up after 'times' calls, 1 or more.")
    if rule.method is not None and rule.method.upper() not in METHODS:
        problems.append(f"Invalid field 'method': '{rule.method[:20]}' is not accepted; one of {', '.join(METHODS)}.")
    if rule.path is not None and (problem := _path_problem(rule.path)):
        problems.append(f"Invalid field 'path': '{rule.path[:MAX_PATH]}' {problem}.")
    owner = (None, None)
    if rule.client_id is not None:
        owner = _client(session, rule.client_id)
        if owner == (None, None):
            problems.append(
                f"Invalid field 'clientId': '{rule.client_id[:100]}' is neither a Connect application's client id "
                "nor an API client's; `nettfin admin app list` and `nettfin admin client list` show them."
            )
    if problems:
        raise BusinessError(" ".join(problems))
    return owner


def _client(session: Session, client_id: str) -> tuple[int | None, int | None]:
    application = session.scalar(select(ConnectApplication.id).where(ConnectApplication.client_id == client_id))
    if application is not None:
        return application, None
    return None, session.scalar(select(ApiClient.id).where(ApiClient.client_id == client_id))


def add_rule(session: Session, company_id: int, rule: NewRule) -> FaultRule:
    find_company(session, company_id)
    application_id, api_client_id = check(session, rule)
    row = FaultRule(
        company_id=company_id,
        application_id=application_id,
        api_client_id=api_client_id,
        method=rule.method.upper() if rule.method else None,
        path=rule.path,
        latency_ms=rule.latency_ms,
        status=rule.status,
        retry_after=rule.retry_after,
        drop=rule.drop,
        probability=1.0 if rule.probability is None else float(rule.probability),
        times=rule.times,
        remaining=rule.times,
    )
    session.add(row)
    session.flush()
    bump_version(session, company_id=company_id, resource=FAULTS_RESOURCE)
    return row


def client_id_of(session: Session, rule: FaultRule) -> str | None:
    """The `clientId` the rule was narrowed to."""
    if rule.application_id is not None:
        return session.get(ConnectApplication, rule.application_id).client_id
    if rule.api_client_id is not None:
        return session.get(ApiClient, rule.api_client_id).client_id
    return None


def list_rules(session: Session, company_id: int) -> list[FaultRule]:
    find_company(session, company_id)
    return list(session.scalars(select(FaultRule).where(FaultRule.company_id == company_id).order_by(FaultRule.id)))


def remove_rule(session: Session, company_id: int, rule_id: int) -> None:
    find_company(session, company_id)
    removed = session.execute(
        delete(FaultRule).where(FaultRule.company_id == company_id, FaultRule.id == rule_id)
    ).rowcount
    if not removed:
        raise NotFound(
            f"Company {company_id} has no fault rule {rule_id}; GET /admin/api/companies/{company_id}/faults "
            "or `nettfin admin faults list` lists its rules."
        )
    bump_version(session, company_id=company_id, resource=FAULTS_RESOURCE)


def clear_rules(session: Session, company_id: int) -> int:
    find_company(session, company_id)
    removed = session.execute(delete(FaultRule).where(FaultRule.company_id == company_id)).rowcount
    bump_version(session, company_id=company_id, resource=FAULTS_RESOURCE)
    return removed


def switch_throttle(session: Session, company_id: int, *, enabled: bool) -> None:
    find_company(session, company_id)
    row = session.get(ThrottleSwitch, company_id)
    if row is None:
        session.add(ThrottleSwitch(company_id=company_id, enabled=enabled))
    else:
        row.enabled = enabled
    bump_version(session, company_id=company_id, resource=FAULTS_RESOURCE)


def throttle_enabled(session: Session, company_id: int) -> bool:
    return bool(session.scalar(select(ThrottleSwitch.enabled).where(ThrottleSwitch.company_id == company_id)))
