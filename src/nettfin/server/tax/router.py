"""VAT (TX205000), VAT category (TX205500) and VAT zone (TX206000) endpoints: the routes of their declarations
(`resources.py`), read-only as the service's, and the two PUTs of VAT report notes (`report_notes.py`) on the
VAT path. No `from __future__ import annotations`: FastAPI reads the endpoints' annotations."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from pydantic import AfterValidator
from starlette.responses import Response

from ..identity.auth import company_context
from ..kit.keys import decode_key
from ..kit.resource_routes import resource_router
from ..kit.responses import UPDATED_RESPONSE, updated
from .report_notes import NotePlace, UpdateNoteDto, write_note
from .resources import VAT, VAT_CATEGORY, VAT_ZONE

VendorCd = Annotated[str, Path(alias="vendorCd", description="Identifies the tax agency."), AfterValidator(decode_key)]
TaxPeriodId = Annotated[
    str, Path(alias="taxPeriodId", description="Identifies the tax period."), AfterValidator(decode_key)
]
# The real document types these as int32; taken as text so that a non-number is the service's 404, not a 422.
RevisionId = Annotated[str, Path(alias="revisionId", description="Identifies the tax revision.")]
LineNumber = Annotated[str, Path(alias="lineNumber", description="Identifies the line of the VAT report.")]

note_routes = APIRouter(prefix=VAT.path, tags=[VAT.tag])


@note_routes.put(
    "/{vendorCd}/{taxPeriodId}/{revisionId}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update vat header note",
)
def put_vat_header_note(
    request: Request,
    vendor: VendorCd,
    period: TaxPeriodId,
    revision: RevisionId,
    body: UpdateNoteDto,
    context: Any = Depends(company_context),
) -> Response:
    place = NotePlace(vendor, period, revision)
    note = write_note(request.app.state.db, company_id=context.company_id, place=place, dto=body)
    return updated(row_version=note.row_version, dto=body)


@note_routes.put(
    "/{vendorCd}/{taxPeriodId}/{revisionId}/{lineNumber}",
    status_code=204,
    response_class=Response,
    responses=UPDATED_RESPONSE,
    summary="Update vat line note",
)
def put_vat_line_note(
    request: Request,
    vendor: VendorCd,
    period: TaxPeriodId,
    revision: RevisionId,
    line: LineNumber,
    body: UpdateNoteDto,
    context: Any = Depends(company_context),
) -> Response:
    place = NotePlace(vendor, period, revision, line)
    note = write_note(request.app.state.db, company_id=context.company_id, place=place, dto=body)
    return updated(row_version=note.row_version, dto=body)


vat_router = resource_router(VAT, company_context, note_routes)
vat_category_router = resource_router(VAT_CATEGORY, company_context)
vat_zone_router = resource_router(VAT_ZONE, company_context)
