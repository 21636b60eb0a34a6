"""The admin API's fault rules and throttle switch per company: what `nettfin admin faults add|list|remove|clear`
and `nettfin admin throttle on|off|reset` do, on the same use cases (faults/rules.py).

A rule is made with 201 and its id; the list shows each rule's remaining `times`. Bad input is one 400 naming
every wrong field and what it accepts, an unknown company or rule a 404, and nothing is written on either.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field, StrictBool
from starlette.responses import Response

from ..faults import rules
from ..faults.models import FaultRule
from ..kit.render import format_instant, json_response
from .auth import admin_key

PREFIX = "/admin/api"
router = APIRouter(prefix=PREFIX, dependencies=[Depends(admin_key)], include_in_schema=False)


class NewFault(BaseModel):
    """Unknown fields are refused: a misspelt effect must not make a rule that does something else."""

    model_config = ConfigDict(extra="forbid")

    clientId: str | None = Field(None, max_length=100, description="A Connect client_id or legacy API client id")
    method: str | None = Field(None, max_length=10)
    path: str | None = Field(None, max_length=1000, description="Case-insensitive glob, e.g. /v1/customer*")
    latencyMs: int | None = None
    status: int | None = None
    retryAfter: int | None = None
    drop: str | None = Field(None, max_length=100)
    probability: float | None = None
    times: int | None = None


class ThrottleBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: StrictBool


def rule_body(rule: FaultRule, client_id: str | None) -> dict:
    body = {
        "id": rule.id,
        "companyId": rule.company_id,
        "clientId": client_id,
        "method": rule.method,
        "path": rule.path,
        "latencyMs": rule.latency_ms,
        "status": rule.status,
        "retryAfter": rule.retry_after,
        "drop": rule.drop,
        "probability": rule.probability,
        "times": rule.times,
        "remaining": rule.remaining,
        "createdAt": format_instant(rule.created_at),
    }
    return {key: value for key, value in body.items() if value is not None}


@router.post("/companies/{companyId}/faults")
def add_fault(request: Request, companyId: int, body: NewFault) -> Response:
    with request.app.state.db.writing() as session:
        rule = rules.add_rule(
            session,
            companyId,
            rules.NewRule(
                client_id=body.clientId,
                method=body.method,
                path=body.path,
                latency_ms=body.latencyMs,
                status=body.status,
                retry_after=body.retryAfter,
                drop=body.drop,
                probability=body.probability,
                times=body.times,
            ),
        )
        made = rule_body(rule, body.clientId)
    location = f"{str(request.base_url).rstrip('/')}{PREFIX}/companies/{companyId}/faults/{made['id']}"
    return json_response(made, status_code=201, headers={"Location": location})


@router.get("/companies/{companyId}/faults")
def list_faults(request: Request, companyId: int) -> Response:
    with request.app.state.db.reading() as session:
        found = rules.list_rules(session, companyId)
        return json_response([rule_body(rule, rules.client_id_of(session, rule)) for rule in found])


@router.delete("/companies/{companyId}/faults/{ruleId}")
def remove_fault(request: Request, companyId: int, ruleId: int) -> Response:
    with request.app.state.db.writing() as session:
        rules.remove_rule(session, companyId, ruleId)
    return Response(status_code=204)


@router.delete("/companies/{companyId}/faults")
def clear_faults(request: Request, companyId: int) -> Response:
    with request.app.state.db.writing() as session:
        rules.clear_rules(session, companyId)
    return Response(status_code=204)


@router.get("/companies/{companyId}/throttle")
def read_throttle(request: Request, companyId: int) -> Response:
    with request.app.state.db.reading() as session:
        rules.find_company(session, companyId)
        return json_response({"companyId": companyId, "enabled": rules.throttle_enabled(session, companyId)})


@router.put("/companies/{companyId}/throttle")
def switch_throttle(request: Request, companyId: int, body: ThrottleBody) -> Response:
    with request.app.state.db.writing() as session:
        rules.switch_throttle(session, companyId, enabled=body.enabled)
    return json_response({"companyId": companyId, "enabled": body.enabled})


@router.post("/companies/{companyId}/throttle/reset")
def reset_throttle(request: Request, companyId: int) -> Response:
    with request.app.state.db.reading() as session:
        rules.find_company(session, companyId)
    request.app.state.throttle.reset_company(companyId)
    return Response(status_code=204)
