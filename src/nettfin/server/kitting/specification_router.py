"""Kit specification endpoints (IN209500, `/v1/KitSpecifications`): HTTP only. The list and a kit item's
revisions answer with the paging envelope `{pageNumber, pageSize, totalCount, records}`, as the real document
says; one revision is addressed by kit item and revision (`kit.document_routes`, typed by the kit item)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.document_lists import ListWindow
from ..kit.document_routes import DocumentKey, DocumentResource, DocumentTexts, Typed, document_router
from ..kit.keys import ResourceKey, decode_key
from ..kit.paging import MASTER_DATA_MAX_PAGE_SIZE, Page, paging
from ..kit.render import format_datetime, json_response, time_stamp
from . import specifications
from .models import KitSpecification, KitSpecificationComponent
from .schemas import KitSpecificationDto, KitSpecificationPage, KitSpecificationUpdateDto
from .specifications import SpecificationFilters

PATH = "/v1/KitSpecifications"
TAG = "KitSpecifications"
MAX_PAGE_SIZE = MASTER_DATA_MAX_PAGE_SIZE
_MODIFIED, _CREATED = "lastModifiedDateTime", "createdDateTime"


async def specification_filters(
    lastModifiedDateTime: str | None = Query(None, description=value_description(_MODIFIED)),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description(_MODIFIED)),
    createdDateTime: str | None = Query(None, description=value_description(_CREATED)),
    createdDateTimeCondition: str | None = Query(None, description=condition_description(_CREATED)),
    kitInventoryID: str | None = Query(None, description="The kit item's specifications only."),
    revisionID: str | None = Query(None, description="The revisions of this id only."),
) -> SpecificationFilters:
    window = ListWindow(
        modified=date_condition(_MODIFIED, lastModifiedDateTime, lastModifiedDateTimeCondition),
        created=date_condition(_CREATED, createdDateTime, createdDateTimeCondition),
    )
    return SpecificationFilters(window=window, kit=kitInventoryID, revision=revisionID)


class KitSpecifications:
    """The use cases behind the declaration: one revision's get and PUT, and the POST."""

    def get(self, db, *, company_id, context, key: DocumentKey, view):
        found = specifications.get_specification(db, company_id=company_id, kit=key.kind, revision=key.number)
        return specification_dto(found), found.row_version

    def create(self, db, *, company_id, context, dto):
        return specifications.create_specification(db, company_id=company_id, dto=dto)

    def update(self, db, *, company_id, context, key: DocumentKey, dto, if_match):
        return specifications.update_specification(
            db, company_id=company_id, kit=key.kind, revision=key.number, dto=dto, if_match=if_match
        )

    def number(self, spec: KitSpecification) -> tuple[str, str]:
        return spec.kit_number, spec.revision


_REVISION_TEXTS = DocumentTexts(
    list="Get a range of Kit Specifications - ScreenId = IN209500",
    get="Get a specific KitSpecification",
    create="Creates a KitSpecification",
    update="Updates a specific KitSpecification",
    get_notes="Data for the INKitSpecHdr",
    update_notes=(
        "Response Message has StatusCode NoContent if PUT operation succeed. Components by `operation` and "
        "`lineNbr`, stock and non-stock components each numbered on their own."
    ),
)

KIT_SPECIFICATIONS = DocumentResource(
    path=PATH,
    tag=TAG,
    key_param="revisionID",
    key_description="revisionID",
    documents=KitSpecifications(),
    read_dto=KitSpecificationDto,
    write_dto=KitSpecificationUpdateDto,
    texts=_REVISION_TEXTS,
    filters=specification_filters,
    operations=frozenset({"create", "get", "update"}),
    typed=Typed(parse=decode_key, texts=_REVISION_TEXTS, parameter="kitInventoryID"),
    untyped=False,
)

envelope_router = APIRouter(prefix=PATH, tags=[TAG])


@envelope_router.get("", response_model=KitSpecificationPage, summary=_REVISION_TEXTS.list)
def list_kit_specifications(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: SpecificationFilters = Depends(specification_filters),
    page: Page = Depends(paging(MAX_PAGE_SIZE)),
) -> Response:
    result = specifications.list_specifications(
        request.app.state.db, company_id=context.company_id, filters=filters, page=page
    )
    return json_response(_envelope(page.number, page.size, result.total_count, result.rows))


@envelope_router.get(
    "/{kitInventoryID}",
    response_model=KitSpecificationPage,
    summary="Get all revisions for a specific KitSpecification",
    description="Data for the INKitSpecHdr",
)
def list_kit_revisions(
    request: Request, kitInventoryID: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    found = specifications.kit_revisions(request.app.state.db, company_id=context.company_id, kit=kitInventoryID)
    return json_response(_envelope(1, len(found), len(found), found))


(kit_specification_router,) = document_router(KIT_SPECIFICATIONS, company_context, envelope_router)


def _envelope(number: int, size: int, total: int, rows) -> dict:
    return {
        "pageNumber": number,
        "pageSize": size,
        "totalCount": total,
        "records": [specification_dto(spec) for spec in rows],
    }


def specification_dto(spec: KitSpecification) -> dict:
    return {
        "kitInventoryID": spec.kit_number,
        "revision": spec.revision,
        "description": spec.description,
        "isActive": spec.active,
        "allowComponentAddition": spec.allow_component_addition,
        "isNonStock": False,
        "createdDateTime": format_datetime(spec.created_at),
        "lastModifiedDateTime": format_datetime(spec.last_modified_at),
        "stockComponentLines": [_stock_line(line) for line in spec.components if line.stock],
        "nonStockComponentLines": [_non_stock_line(line) for line in spec.components if not line.stock],
        "timestamp": time_stamp(spec.row_version),
    }


def _non_stock_line(line: KitSpecificationComponent) -> dict:
    return {
        "lineNbr": line.line_number,
        "componentID": line.item.number,
        "componentQty": line.quantity,
        "uom": line.uom,
        "allowComponentQtyVariance": line.allow_qty_variation,
        "minComponentQty": line.min_qty,
        "maxComponentQty": line.max_qty,
        "description": line.item.description,
    }


def _stock_line(line: KitSpecificationComponent) -> dict:
    return {
        **_non_stock_line(line),
        "disassemblyCoeff": line.disassembly_coeff,
        "allowComponentSubstitution": line.allow_substitution,
    }
