"""Employee endpoints (EP203000), and an employee's time cards: HTTP only."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.keys import ResourceKey
from ..kit.paging import MASTER_DATA_MAX_PAGE_SIZE, Page, paging, with_metadata
from ..kit.render import format_datetime, json_response, time_stamp
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from ..kit.shapes import render_address
from . import cards, service
from .card_router import time_card_dto, time_card_filters, time_card_window
from .models import Employee
from .schemas import EmployeeCreateDTO, EmployeeDto, EmployeeUpdateDto, TimeCardDto

router = APIRouter(prefix="/v1/employee", tags=["Employee"])

# nettfin's users have integer ids; the read DTO's `employeeUserId` is a Guid, so each user gets a stable one.
USER_ID_NAMESPACE = uuid.UUID("6e657474-6669-6e00-7573-657269640000")
# An employee linked to no user: a .NET Guid member that is not set is the empty Guid.
NO_USER = "00000000-0000-0000-0000-000000000000"


def employee_user_id(user_id: int | None) -> str:
    return NO_USER if user_id is None else str(uuid.uuid5(USER_ID_NAMESPACE, str(user_id)))


def employee_filters(
    linkedToUser: bool | None = Query(None, description="If the employee is linked to a user."),
    greaterThanValue: str | None = Query(None, description="Employee IDs after this value."),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
) -> service.EmployeeFilters:
    return service.EmployeeFilters(
        linked_to_user=linkedToUser,
        greater_than=greaterThanValue,
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
    )


@router.get(
    "",
    response_model=list[EmployeeDto],
    summary="Get a range of employees - ScreenId=EP203000",
    description="Paged: every element carries `metadata: {totalCount, maxPageSize}`.",
)
def list_employees(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: service.EmployeeFilters = Depends(employee_filters),
    page: Page = Depends(paging(MASTER_DATA_MAX_PAGE_SIZE)),
) -> Response:
    result = service.list_employees(request.app.state.db, company_id=context.company_id, filters=filters, page=page)
    return json_response(with_metadata([employee_dto(e) for e in result.rows], result))


@router.get("/{employeeCd}", response_model=EmployeeDto, summary="Get a specific employee")
def get_employee(request: Request, employeeCd: ResourceKey, context: CompanyContext = Depends(company_context)):
    employee = service.get_employee(request.app.state.db, company_id=context.company_id, number=employeeCd)
    return json_response(employee_dto(employee), headers=etag_header(employee.row_version))


@router.get(
    "/{EmployeeCd}/timecards",
    response_model=list[TimeCardDto],
    summary="Get a specific employee time cards",
    description="Not paged; the same filters as GET /timeCard, none of them required.",
)
def list_employee_time_cards(
    request: Request,
    EmployeeCd: ResourceKey,
    context: CompanyContext = Depends(company_context),
    filters: cards.TimeCardFilters = Depends(time_card_filters),
    window: cards.Window = Depends(time_card_window),
) -> Response:
    # The real document also declares an `employeeCd` query parameter: accepted, but the path names the employee.
    found = cards.list_employee_time_cards(
        request.app.state.db, company_id=context.company_id, number=EmployeeCd, filters=filters, window=window
    )
    return json_response([time_card_dto(card) for card in found])


@router.post(
    "",
    status_code=201,
    responses=CREATED_RESPONSE,
    response_class=Response,
    summary="Create an employee",
    description="201 with an absolute Location whose last segment is the new employee ID.",
)
def create_employee(
    request: Request, employee: EmployeeCreateDTO, context: CompanyContext = Depends(company_context)
) -> Response:
    saved = service.create_employee(request.app.state.db, company_id=context.company_id, dto=employee)
    return created(request, saved.number, row_version=saved.row_version, dto=employee)


@router.put(
    "/{employeeCd}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Updates a specific employee",
)
def update_employee(
    request: Request,
    employeeCd: ResourceKey,
    employee: EmployeeUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    saved = service.update_employee(
        request.app.state.db, company_id=context.company_id, number=employeeCd, dto=employee, if_match=if_match
    )
    return updated(row_version=saved.row_version, dto=employee)


def employee_dto(e: Employee) -> dict:
    contact = e.contact or {}
    return {
        "employeeUserId": employee_user_id(e.user_id),
        "employeeId": e.id,
        "employeeNumber": e.number,
        "employeeName": e.name,
        "status": e.status,
        "department": e.department.department_id,
        "contact": {
            "employeeContact": e.name,
            "title": None,
            "firstName": contact.get("firstName"),
            "midName": contact.get("middleName"),
            "lastName": contact.get("lastName"),
            "phone3": contact.get("phone3"),
            "name": e.name,
            "attention": None,
            "email": contact.get("email"),
            "web": None,
            "phone1": contact.get("phone1"),
            "phone2": contact.get("phone2"),
            "fax": contact.get("fax"),
        },
        "address": render_address(e.address),
        "lastModifiedDateTime": format_datetime(e.last_modified_at),
        "employeeClass": {"id": e.employee_class.class_id, "description": e.employee_class.description},
        "branch": {"number": e.branch, "name": None} if e.branch else None,
        "calendarID": e.calendar,
        "employeeLogin": e.user.email if e.user else None,
        "workGroupDescription": [group["workGroupID"] for group in e.work_groups or [] if group.get("active", True)],
        "timeStamp": time_stamp(e.row_version),
        "errorInfo": None,
    }
