"""The admin API's company templates, clones and deletion: what `nettfin admin company template|clone|delete` does,
on the same use cases (snapshots/service.py).

A clone's development token and its Connect application's client secret are in the answer to its creation only
(201), as a new application's secret is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.responses import Response

from ..db.engine import retrying_write
from ..identity.models import Company
from ..kit.errors import NotFound
from ..kit.render import format_instant, json_response
from ..snapshots import service
from ..snapshots.models import CompanyTemplate
from .auth import admin_key
from .webhooks import PREFIX

router = APIRouter(prefix=PREFIX, dependencies=[Depends(admin_key)], include_in_schema=False)

T = TypeVar("T")
CompanyId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class NewTemplate(BaseModel):
    name: str = Field(description=service.NAME_RULE, max_length=60)
    companyId: int = Field(ge=1, le=2**31 - 1, description="The company whose records the template holds")
    description: str = Field("", max_length=200)
    replace: bool = Field(False, description="Remake an existing template of that name")


class NewClone(BaseModel):
    template: str = Field(service.DEMO_TEMPLATE, max_length=60, description="The template to copy")
    name: str | None = Field(None, max_length=100, description="The company's name; default: the template's")
    tenantId: str | None = Field(None, max_length=36, description="Its tenant GUID; default: a new random one")
    applications: list[str] = Field(
        default_factory=list, max_length=20, description="Client ids of existing Connect applications it approves"
    )


def template_body(template: service.TemplateView) -> dict:
    body = {
        "name": template.name,
        "companyId": template.company_id,
        "description": template.description,
        "createdAt": format_instant(template.created_at),
    }
    if template.source_company_id is not None:
        body["sourceCompanyId"] = template.source_company_id
    return body


def clone_body(made: service.Clone) -> dict:
    return {
        "companyId": made.company_id,
        "companyName": made.company_name,
        "tenantId": made.tenant_id,
        "template": made.template,
        "user": made.user_email,
        "token": made.token,
        "clientId": made.client_id,
        "clientSecret": made.client_secret,
        "applications": list(made.applications),
    }


def _written(request: Request, work: Callable[[Session], T]) -> T:
    """The work's result, in a writing transaction of its own, run again after a PostgreSQL deadlock."""

    @retrying_write
    def run() -> T:
        with request.app.state.db.writing() as session:
            return work(session)

    return run()


def _base(request: Request) -> str:
    return f"{str(request.base_url).rstrip('/')}{PREFIX}"


@router.get("/templates")
def list_templates(request: Request) -> Response:
    with request.app.state.db.reading() as session:
        return json_response([template_body(t) for t in service.templates(session)])


@router.post("/templates")
def create_template(request: Request, body: NewTemplate) -> Response:
    made = _written(
        request,
        lambda session: service.snapshot(
            session, company_id=body.companyId, name=body.name, description=body.description, replace=body.replace
        ),
    )
    return json_response(
        template_body(made), status_code=201, headers={"Location": f"{_base(request)}/templates/{made.name}"}
    )


@router.get("/templates/{name}")
def read_template(request: Request, name: str) -> Response:
    with request.app.state.db.reading() as session:
        return json_response(template_body(service.view(service.find_template(session, name))))


@router.delete("/templates/{name}")
def delete_template(request: Request, name: str) -> Response:
    service.deleting(
        request.app.state.db, request.app.state.blobs, lambda session: service.drop_template(session, name)
    )
    return Response(status_code=204)


@router.post("/companies")
def create_clone(request: Request, body: NewClone | None = None) -> Response:
    body = body or NewClone()  # no body: a clone of the demo template

    made = _written(
        request,
        lambda session: service.clone(
            session,
            template=body.template,
            name=body.name,
            tenant_id=body.tenantId,
            applications=tuple(body.applications),
        ),
    )
    return json_response(
        clone_body(made), status_code=201, headers={"Location": f"{_base(request)}/companies/{made.company_id}"}
    )


@router.get("/companies/{companyId}")
def read_company(request: Request, companyId: CompanyId) -> Response:
    with request.app.state.db.reading() as session:
        company = session.get(Company, companyId)
        if company is None:
            raise NotFound(f"There is no company with id {companyId}.")
        body = {"companyId": company.id, "companyName": company.name, "tenantId": company.tenant_guid}
        held = session.scalar(select(CompanyTemplate.name).where(CompanyTemplate.company_id == company.id))
        if held is not None:
            body["templateOf"] = held
        return json_response(body)


@router.delete("/companies/{companyId}")
def delete_company(request: Request, companyId: CompanyId) -> Response:
    service.deleting(
        request.app.state.db, request.app.state.blobs, lambda session: service.delete_company(session, companyId)
    )
    return Response(status_code=204)
