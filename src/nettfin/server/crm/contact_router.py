"""Contact endpoints (`/v1/contact`, CR302000): HTTP only; the use cases are crm/contacts.py."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.keys import ResourceKey
from ..kit.render import json_response
from ..kit.responses import CREATED_RESPONSE, UPDATED_RESPONSE, IfMatch, created, etag_header, updated
from ..parties.contact_schemas import ContactDto, ContactUpdateDto
from ..parties.contacts import ContactFilters, active_flag, contact_id_after
from . import contacts

router = APIRouter(prefix="/v1/contact", tags=["Contact"])
LIST_NOTES = "Not paged; in contact id order. Text filters match whole values, case-insensitively."


async def contact_filters(
    displayName: str | None = Query(None),
    active: str | None = Query(None, description="true or false."),
    firstName: str | None = Query(None),
    lastName: str | None = Query(None),
    businessAccount: str | None = Query(None, description="A customer or supplier number."),
    email: str | None = Query(None),
    greaterThanValue: str | None = Query(None, description="Contact ids after this one."),
    numberToRead: int | None = Query(None, le=INT32_MAX, deprecated=True, description="Deprecated; ignored."),
    skipRecords: int | None = Query(None, le=INT32_MAX, deprecated=True, description="Deprecated; ignored."),
    orderBy: str | None = Query(None, deprecated=True, description="Deprecated; has no effect."),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
) -> ContactFilters:
    return ContactFilters(
        display_name=displayName,
        active=active_flag(active),
        first_name=firstName,
        last_name=lastName,
        business_account=businessAccount,
        email=email,
        greater_than=contact_id_after(greaterThanValue),
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
    )


@router.get(
    "",
    response_model=list[ContactDto],
    summary="Get a range of Contacts - ScreenId=CR302000",
    description=LIST_NOTES + " Customers' and suppliers' contacts alike.",
)
def list_contacts(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: ContactFilters = Depends(contact_filters),
) -> Response:
    return json_response(contacts.list_contacts(request.app.state.db, company_id=context.company_id, filters=filters))


@router.post(
    "",
    status_code=201,
    response_class=Response,
    responses=CREATED_RESPONSE,
    summary="Create a Contact - ScreenId=CR302000",
    description="`businessAccount` (a customer or supplier number) and `lastName` are required; the new contact "
    "gets the company's next contact id, the last segment of the Location.",
)
def create_contact(
    request: Request, dto: ContactUpdateDto, context: CompanyContext = Depends(company_context)
) -> Response:
    found = contacts.create_contact(request.app.state.db, company_id=context.company_id, changes=dto.changes())
    return created(request, str(found.contact_id), row_version=found.row_version, dto=dto)


@router.get(
    "/{contactId}",
    response_model=ContactDto,
    summary="Get a specific Contact - ScreenId=CR302000",
    description="The response headers include an ETag.",
)
def get_contact(
    request: Request, contactId: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    found, row_version = contacts.get_contact(request.app.state.db, company_id=context.company_id, contact_id=contactId)
    return json_response(found, headers=etag_header(row_version))


@router.put(
    "/{contactId}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update a specific Contact - ScreenId=CR302000",
    description="PATCH semantics; a stale If-Match gets 412. `businessAccount` moves the contact to that account.",
)
def update_contact(
    request: Request,
    contactId: ResourceKey,
    dto: ContactUpdateDto,
    if_match: IfMatch = None,
    context: CompanyContext = Depends(company_context),
) -> Response:
    found = contacts.update_contact(
        request.app.state.db,
        company_id=context.company_id,
        contact_id=contactId,
        changes=dto.changes(),
        if_match=if_match,
    )
    return updated(row_version=found.row_version, dto=dto)
