"""Kit assembly endpoints (IN307000, `/v1/kitassembly`): HTTP only. The list answers with the paging envelope
`{pageNumber, pageSize, totalCount, records}` as the real document says, its lines only when the expand flags
ask; a document is addressed by type and number (`kit.document_routes`, typed by `type`)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.conditions import condition_description, date_condition, value_description
from ..kit.document_lists import ListWindow
from ..kit.document_routes import DocumentKey, DocumentResource, DocumentTexts, Typed, document_router
from ..kit.paging import DOCUMENT_MAX_PAGE_SIZE, Page, paging
from ..kit.render import format_datetime, json_response, time_stamp
from ..ledger.period_ids import as_month_year
from . import assemblies, release
from .assemblies import AssemblyFilters, parse_type
from .models import KitAssembly, KitAssemblyComponent
from .schemas import KitAssemblyDto, KitAssemblyInsertDto, KitAssemblyPage, KitAssemblyUpdateDto

PATH = "/v1/kitassembly"
TAG = "KitAssembly"
_MODIFIED, _CREATED = "lastModifiedDateTime", "createdDateTime"
STOCK, NON_STOCK, ALLOCATIONS = "expandStockComponents", "expandNonStockComponents", "expandKitAllocations"
EVERYTHING = frozenset({STOCK, NON_STOCK, ALLOCATIONS})


async def assembly_filters(
    lastModifiedDateTime: str | None = Query(None, description=value_description(_MODIFIED)),
    lastModifiedDateTimeCondition: str | None = Query(None, description=condition_description(_MODIFIED)),
    createdDateTime: str | None = Query(None, description=value_description(_CREATED)),
    createdDateTimeCondition: str | None = Query(None, description=condition_description(_CREATED)),
    type: str | None = Query(None, description="P (Production) or D (Disassembly)."),
    refNo: str | None = Query(None, description="The document of this reference number."),
    status: Literal["H", "B", "R"] | None = Query(
        None, description="Filter by Kit Assembly Status. Possible values: H (Hold), B (Balanced), R (Released)"
    ),
) -> AssemblyFilters:
    window = ListWindow(
        modified=date_condition(_MODIFIED, lastModifiedDateTime, lastModifiedDateTimeCondition),
        created=date_condition(_CREATED, createdDateTime, createdDateTimeCondition),
    )
    kind = parse_type(type) if type is not None else None
    return AssemblyFilters(window=window, kind=kind, number=(refNo or "").strip() or None, status=status)


class KitAssemblies:
    """The use cases behind the declaration."""

    def get(self, db, *, company_id, context, key: DocumentKey, view):
        found = assemblies.get_assembly(db, company_id=company_id, kind=key.kind, number=key.number)
        return assembly_dto(found, EVERYTHING), found.row_version

    def create(self, db, *, company_id, context, dto):
        return assemblies.create_assembly(db, company_id=company_id, dto=dto)

    def update(self, db, *, company_id, context, key: DocumentKey, dto, if_match):
        return assemblies.update_assembly(
            db, company_id=company_id, kind=key.kind, number=key.number, dto=dto, if_match=if_match
        )

    def delete(self, db, *, company_id, context, key: DocumentKey):
        assemblies.delete_assembly(db, company_id=company_id, kind=key.kind, number=key.number)

    def release(self, db, *, company_id, context, key: DocumentKey, if_match):
        return release.release_assembly(db, company_id=company_id, kind=key.kind, number=key.number, if_match=if_match)

    def number(self, assembly: KitAssembly) -> tuple[str, str]:
        return assembly.doc_type, assembly.ref_no


_TEXTS = DocumentTexts(
    list="Get a range of Kit Assemblies - ScreenId = IN307000",
    get="Get a Kit Assembly - ScreenId = IN307000",
    create="Creates a Kit Assembly",
    update="Updates a specific Kit Assembly document",
    delete="Delete a specific Kit Assembly Document",
    release="Release Kit Assembly",
    create_notes=(
        "201 with a Location ending in the new document's type and number. Component collections the body does "
        "not send are made from the kit's specification revision."
    ),
    update_notes="Unreleased documents only; components by `operation` and `lineNbr`.",
    release_notes=(
        "Production: issues the stock components and receives the kits at their value (module IN posting: "
        "components' inventory accounts credited, the kit's debited). Disassembly: the reverse, the kits' value "
        "split over the components in proportion to quantity times unit cost."
    ),
)

KIT_ASSEMBLIES = DocumentResource(
    path=PATH,
    tag=TAG,
    key_param="refNo",
    key_description="Kit Assembly Ref No",
    documents=KitAssemblies(),
    read_dto=KitAssemblyDto,
    write_dto=KitAssemblyUpdateDto,
    create_dto=KitAssemblyInsertDto,
    texts=_TEXTS,
    filters=assembly_filters,
    operations=frozenset({"create", "get", "update", "delete", "release"}),
    typed=Typed(parse=parse_type, texts=_TEXTS, parameter="type"),
    untyped=False,
)

list_router = APIRouter(prefix=PATH, tags=[TAG])


@list_router.get("", response_model=KitAssemblyPage, summary=_TEXTS.list)
def list_kit_assemblies(
    request: Request,
    context: CompanyContext = Depends(company_context),
    filters: AssemblyFilters = Depends(assembly_filters),
    expandStockComponents: bool = Query(False, description="The stock component lines too."),
    expandNonStockComponents: bool = Query(False, description="The non-stock component lines too."),
    expandKitAllocations: bool = Query(False, description="The kit's lot and serial allocations too."),
    page: Page = Depends(paging(DOCUMENT_MAX_PAGE_SIZE)),
) -> Response:
    flags = {STOCK: expandStockComponents, NON_STOCK: expandNonStockComponents, ALLOCATIONS: expandKitAllocations}
    view = frozenset(name for name, value in flags.items() if value)
    result = assemblies.list_assemblies(request.app.state.db, company_id=context.company_id, filters=filters, page=page)
    return json_response(
        {
            "pageNumber": page.number,
            "pageSize": page.size,
            "totalCount": result.total_count,
            "records": [assembly_dto(assembly, view) for assembly in result.rows],
        }
    )


(kit_assembly_router,) = document_router(KIT_ASSEMBLIES, company_context, list_router)


def assembly_dto(assembly: KitAssembly, view: frozenset[str]) -> dict:
    kit, warehouse, location = assembly.kit_item, assembly.warehouse, assembly.location
    body = {
        "type": assembly.doc_type,
        "refNo": assembly.ref_no,
        "status": assembly.status,
        "hold": assembly.hold,
        "date": format_datetime(assembly.date),
        "postPeriod": as_month_year(assembly.period_id),
        "itemID": kit.number if kit else None,
        "revision": assembly.revision,
        "reasonCode": assembly.reason_code,
        "description": assembly.description,
        "warehouse": warehouse.warehouse_id if warehouse else None,
        "location": location.location_cd if location else None,
        "uoM": assembly.uom,
        "quantity": assembly.quantity,
        "createdDateTime": format_datetime(assembly.created_at),
        "lastModifiedDateTime": format_datetime(assembly.last_modified_at),
        "timestamp": time_stamp(assembly.row_version),
    }
    if STOCK in view:
        body["stockComponentLines"] = [_stock_line(line) for line in assembly.components if line.stock]
    if NON_STOCK in view:
        body["nonStockComponentLines"] = [_non_stock_line(line) for line in assembly.components if not line.stock]
    if ALLOCATIONS in view:
        body["kitAllocations"] = []
    return body


def _common(line: KitAssemblyComponent) -> dict:
    item = line.item
    return {
        "lineNbr": line.line_number,
        "itemId": item.number if item else None,
        "description": item.description if item else None,
        "uoM": line.uom,
        "quantity": line.quantity,
        "unitCost": line.unit_cost,
        "reasonCode": line.reason_code,
        "componentQty": line.component_qty,
        "allowComponentQtyVariance": line.allow_qty_variation,
        "minComponentQty": line.min_qty,
        "maxComponentQty": line.max_qty,
    }


def _non_stock_line(line: KitAssemblyComponent) -> dict:
    return _common(line)


def _stock_line(line: KitAssemblyComponent) -> dict:
    return {
        **_common(line),
        "location": line.location.location_cd if line.location else None,
        "allowComponentSubstitution": line.allow_substitution,
        "disassemblyCoeff": line.disassembly_coeff,
        "allocations": [],
    }
