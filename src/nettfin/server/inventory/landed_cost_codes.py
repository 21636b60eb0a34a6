"""Landed cost codes (PO202000) as the API serves them: `/v1/landedCostCode`, a read-only `kit.resource`
declaration (the real API has no write) with the real list's filters. The codes name GL accounts, the supplier
and the VAT category by code, as items do; purchase receipts are where they are applied."""

from __future__ import annotations

from ..identity.auth import company_context
from ..kit.records import RecordKey
from ..kit.resource import ERROR_INFO, READ_ONLY, Computed, Equals, GreaterThan, ModifiedSince, Resource, Texts
from ..kit.resource_routes import resource_router
from ..kit.wire import WireEnum
from .models import LandedCostCode


class LandedCostType(WireEnum):
    FreightAndMisOriginCharges = "FreightAndMisOriginCharges"
    CustomDuties = "CustomDuties"
    VAT = "VAT"
    MiscDestinationCharges = "MiscDestinationCharges"
    Other = "Other"


class ApplicationMethod(WireEnum):
    FromAP = "FromAP"
    FromPO = "FromPO"
    FromBoth = "FromBoth"


class AllocationMethod(WireEnum):
    ByQuantity = "ByQuantity"
    ByCost = "ByCost"
    ByWeight = "ByWeight"
    ByVolume = "ByVolume"
    None_ = "None"


def _text(attr: str, wire: str, description: str) -> Computed:
    return Computed(wire, str, lambda code: getattr(code, attr) or None, description)


LANDED_COST_CODE = Resource(
    name="landed_cost_code",
    model=LandedCostCode,
    path="/v1/landedCostCode",
    tag="LandedCostCode",
    label="Landed cost code",
    key=RecordKey("landedCostCodeId", LandedCostCode.code, "Landed cost code"),
    key_param="code",
    members=(
        Computed("landedCostCodeId", str, lambda c: c.code, "Landed Cost Code"),
        _text("description", "description", "Description"),
        Computed("landedCostType", LandedCostType, lambda c: c.landed_cost_type, "Type"),
        Computed("applicationMethod", ApplicationMethod, lambda c: c.application_method, "Application Method"),
        Computed("allocationMethod", AllocationMethod, lambda c: c.allocation_method, "Allocation Method"),
        _text("supplier_number", "supplierId", "Supplier ID"),
        _text("supplier_location", "supplierLocationId", "Supplier Location ID"),
        _text("terms", "terms", "Terms"),
        _text("reason_code", "reasonCode", "Reason Code"),
        _text("vat_category_code", "vatCategory", "Tax Category"),
        _text("accrual_account", "landedCostAccrualAccount", "Landed Cost Accrual Account"),
        _text("accrual_subaccount", "landedCostAccrualSubaccount", "Landed Cost Accrual Sub."),
        _text("variance_account", "landedCostVarianceAccount", "Landed Cost Variance Account"),
        _text("variance_subaccount", "landedCostVarianceSubaccount", "Landed Cost Variance Sub."),
        ERROR_INFO,
    ),
    texts=Texts(
        list="Get a range of Landed Costs - ScreenId=PO2020PL",
        get="Get a specific Landed Costs - ScreenId=PO2020PL",
        key="The landed cost code.",
    ),
    dto="LandedCostCodeDto",
    operations=READ_ONLY,
    filters=(Equals("code", "code", description="The landed cost code."), GreaterThan(), ModifiedSince()),
)

router = resource_router(LANDED_COST_CODE, company_context)
