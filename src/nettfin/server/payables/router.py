"""Supplier endpoints (AP303000) and supplier classes (AP201000): the declarations' routes (`suppliers.py`), a
supplier's invoices, documents and contacts, and the inbox rules export. The app lists the class routes before
the supplier's: `supplierClass` is not a supplier number; the extra routes here come before the generated ones,
so `inboxrules` is not either."""

from __future__ import annotations

import dataclasses

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.checks import INT32_MAX
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.document_routes import ScopedList, scoped_list_route
from ..kit.keys import ResourceKey
from ..kit.paging import Page
from ..kit.render import json_response
from ..kit.resource_routes import resource_router
from ..parties.contact_schemas import ContactDto
from . import contacts
from .document_filters import InvoiceFilters
from .invoice_router import SUPPLIER_INVOICES, invoice_filters
from .schemas import SupplierDocumentDto
from .supplier_document_router import View, document_paging, document_view, supplier_documents_page
from .suppliers import SUPPLIER, SUPPLIER_CLASS


def _supplier_scope(db, *, company_id: int, key: str, filters):
    """The supplier must exist; the list is of its documents."""
    SUPPLIER.find_existing(db, company_id=company_id, key=key)
    return dataclasses.replace(filters, supplier=key)


extra = APIRouter(prefix=SUPPLIER.path, tags=[SUPPLIER.tag])
scoped_list_route(
    SUPPLIER_INVOICES,
    company_context,
    extra,
    ScopedList(
        path="/{supplierNumber}/invoice",
        param="supplierNumber",
        summary="Get a range of invoices for a specific supplier",
        description="The supplier invoice list (its filters, flags and paging) of one supplier's documents.",
        scope=_supplier_scope,
    ),
)


@extra.get(
    "/inboxrules",
    response_model=dict,
    summary="Export the suppliers inbox rules for the current company as a JSON file",
    description='nettfin has no invoice inbox (AP206000): the export holds no rule (`{"inboxRules": []}`).',
)
def export_inbox_rules(
    context: CompanyContext = Depends(company_context),
    pageNumber: int | None = Query(None, ge=1, le=INT32_MAX, description="Accepted: the export is one page."),
    pageSize: int | None = Query(None, ge=1, le=INT32_MAX, description="Accepted: the export is one page."),
) -> Response:
    return json_response({"inboxRules": []})


@extra.get(
    "/{supplierNumber}/document",
    response_model=list[SupplierDocumentDto],
    summary="Gets a range of documents for a specific supplier",
    description="The supplier document list (`/supplierdocument`: its filters, flags and paging) of one supplier.",
)
def list_documents_of_supplier(
    request: Request,
    supplierNumber: ResourceKey,
    context: CompanyContext = Depends(company_context),
    filters: InvoiceFilters = Depends(invoice_filters),
    view: View = Depends(document_view),
    page: Page = Depends(document_paging),
) -> Response:
    filters = _supplier_scope(request.app.state.db, company_id=context.company_id, key=supplierNumber, filters=filters)
    return supplier_documents_page(request, context.company_id, filters, page, view)


@extra.get(
    "/{supplierCd}/contact",
    response_model=list[ContactDto],
    summary="Get a range of a Supplier of a specific supplier",
    description="Not paged; in contact id order. Text filters match whole values, case-insensitively.",
)
def list_supplier_contacts(
    request: Request,
    supplierCd: ResourceKey,
    context: CompanyContext = Depends(company_context),
    displayName: str | None = Query(None),
    active: str | None = Query(None, description="true or false."),
    firstName: str | None = Query(None),
    lastName: str | None = Query(None),
    businessAccount: str | None = Query(None, description="A supplier number."),
    email: str | None = Query(None),
    greaterThanValue: str | None = Query(None, description="Contact ids after this one."),
    numberToRead: int | None = Query(None, le=INT32_MAX, deprecated=True, description="Deprecated; ignored."),
    skipRecords: int | None = Query(None, le=INT32_MAX, deprecated=True, description="Deprecated; ignored."),
    orderBy: str | None = Query(None, deprecated=True, description="Deprecated; has no effect."),
    lastModifiedDateTime: str | None = Query(None, description=value_description("lastModifiedDateTime")),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description("lastModifiedDateTime")),
) -> Response:
    filters = contacts.ContactFilters(
        display_name=displayName,
        active=contacts.active_flag(active),
        first_name=firstName,
        last_name=lastName,
        business_account=businessAccount,
        email=email,
        greater_than=contacts.contact_id_after(greaterThanValue),
        modified=date_condition("lastModifiedDateTime", lastModifiedDateTime, lastModifiedDateTimeCondition),
    )
    found = contacts.supplier_contacts(
        request.app.state.db, company_id=context.company_id, number=supplierCd, filters=filters
    )
    return json_response(found)


class_router = resource_router(SUPPLIER_CLASS, company_context)
router = resource_router(SUPPLIER, company_context, extra)
