"""Units of measure (CS203100) as the API serves them: `/v1/unitofmeasure`, the units the company's items and
item classes use.

The real DTO is a unit conversion (`fromUnit`, `toUnit`, `unitMultDiv`, `unitRate`). nettfin converts no
quantity: a line's quantity in an item's sales or purchase unit counts as that many base units. So there is no
conversion table to store: each unit in use (an item's or item class's base, sales or purchase unit) reads as
the conversion nettfin applies to it, to itself, multiplied by 1, without an Intrastat supplementary unit.
"""

from __future__ import annotations

from enum import StrEnum

from fastapi import APIRouter, Depends, Request
from sqlalchemy import select, union
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.members import Shape
from ..kit.render import json_response
from ..kit.resource import Computed
from .models import InventoryItem, ItemClass


class UnitMultDiv(StrEnum):
    MULTIPLY = "Multiply"
    DIVIDE = "Divide"


# The Intrastat units the service names; nettfin's units have none.
SUPPLEMENTARY_UNITS = (
    "None",
    "Carats",
    "NumberOfCells",
    "CarryingCapacityTons",
    "Gram",
    "GramFissileIsotypes",
    "Kilogram",
    "KilogramCholineChloride",
    "KilogramHydrogenPeroxide",
    "KilogramPotassiumOxide",
    "KilogramPotassiumHydroxide",
    "KilogramMethylamines",
    "KilogramDrainedNetWeight",
    "KilogramSubstance90Dry",
    "KilogramNitrogen",
    "KilogramSodiumHydroxide",
    "KilogramDiphosphorusPentaoxide",
    "KilogramUranium",
    "NumberOfItems",
    "NumberOfPairs",
    "Items100",
    "Items1000",
    "KilowattHours1000",
    "Litre",
    "LitrePureAlco",
    "Litres1000",
    "Meter",
    "SquareMeter",
    "CubicMeter",
    "CubicMeters1000",
    "Terajoule",
)
SupplementaryMeasureUnit = StrEnum("SupplementaryMeasureUnit", [(name, name) for name in SUPPLEMENTARY_UNITS])

UNIT_OF_MEASURE = Shape(
    "UnitOfMeasureDto",
    (
        Computed("fromUnit", str, lambda unit: unit),
        Computed("toUnit", str, lambda unit: unit),
        Computed("unitMultDiv", UnitMultDiv, lambda unit: UnitMultDiv.MULTIPLY.value),
        Computed("unitRate", float, lambda unit: 1),
        Computed("supplementaryMeasureUnit", SupplementaryMeasureUnit, lambda unit: "None"),
    ),
)

router = APIRouter(prefix="/v1/unitofmeasure", tags=["Unit of Measure"])


def units_in_use(request: Request, company_id: int) -> list[str]:
    """Every unit the company's items and item classes name, in order."""
    selects = [
        select(column).where(model.company_id == company_id, column.is_not(None), column != "")
        for model in (InventoryItem, ItemClass)
        for column in (model.base_unit, model.sales_unit, model.purchase_unit)
    ]
    with request.app.state.db.reading() as session:
        return sorted(session.scalars(union(*selects)).all())


@router.get(
    "", response_model=list[UNIT_OF_MEASURE.read_model], summary="Get a range of Units of Measure - ScreenId=CS203100"
)
def list_units_of_measure(request: Request, context: CompanyContext = Depends(company_context)) -> Response:
    return json_response([UNIT_OF_MEASURE.render(unit) for unit in units_in_use(request, context.company_id)])
