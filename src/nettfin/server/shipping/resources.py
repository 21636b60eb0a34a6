"""Carriers (CS207500, `/v1/carrier`) and packaging types (CS207600, `/v1/packagingType`) as the API serves them:
read-only `kit.resource` declarations (the real API has no write), with the real lists' filters. Shipments name a
carrier as their `shipVia` and a packaging type as a package's `boxId`."""

from __future__ import annotations

from ..identity.auth import company_context
from ..kit.records import RecordKey
from ..kit.render import DecimalNumber
from ..kit.resource import LAST_MODIFIED, READ_ONLY, Computed, GreaterThan, Ignored, ModifiedSince, Resource, Texts
from ..kit.resource_routes import resource_router
from .models import Carrier, PackagingType

CARRIER = Resource(
    name="carrier",
    model=Carrier,
    path="/v1/carrier",
    tag="Carrier",
    label="Carrier",
    key=RecordKey("carrierId", Carrier.code, "Carrier"),
    key_param="carrierName",
    members=(
        Computed("carrierId", str, lambda c: c.code, "Ship via: the code of the carrier or shipping option."),
        Computed("carrierDescription", str, lambda c: c.description or None, "A description of the option."),
        LAST_MODIFIED,
    ),
    texts=Texts(
        list="Get a range of Carriers - ScreeId=CS207500", get="Get a specific Carrier", key="Identifies the Carrier"
    ),
    dto="CarrierDto",
    operations=READ_ONLY,
    filters=(Ignored(order_by=False), ModifiedSince()),
)


def _decimal(wire: str, attr: str, description: str) -> Computed:
    return Computed(wire, DecimalNumber, lambda p: getattr(p, attr), description)


PACKAGING_TYPE = Resource(
    name="packaging_type",
    model=PackagingType,
    path="/v1/packagingType",
    tag="PackagingType",
    label="Packaging type",
    key=RecordKey("boxId", PackagingType.box_id, "Packaging type"),
    key_param="boxId",
    members=(
        Computed("boxId", str, lambda p: p.box_id, "The ID of the type of box."),
        Computed("description", str, lambda p: p.description or None, "A description of the box."),
        _decimal("boxWeight", "box_weight", "The weight of an empty box of this type."),
        _decimal("maxWeight", "max_weight", "The maximum weight a box of the type can hold."),
        Computed("weightUoM", str, lambda p: p.weight_uom, "The unit of measure used for the weight."),
        _decimal("maxVolume", "max_volume", "The maximum volume of items that fit into a package of the type."),
        Computed("volumeUoM", str, lambda p: p.volume_uom, "The unit of measure used for the volume."),
        Computed("length", int, lambda p: p.length, "The length of the package."),
        Computed("width", int, lambda p: p.width, "The width of the package."),
        Computed("height", int, lambda p: p.height, "The height of the package."),
        Computed("activeByDefault", bool, lambda p: p.active_by_default, "Added to each new ship via code."),
        LAST_MODIFIED,
    ),
    texts=Texts(
        list="Get a range of SO PackagingTypes - ScreenId=CS207600",
        get="Get a specific PackagingType",
        key="Identifies the PackagingType",
    ),
    dto="PackagingTypeDto",
    operations=READ_ONLY,
    filters=(GreaterThan(), Ignored(), ModifiedSince()),
)

carrier_router = resource_router(CARRIER, company_context)
packaging_type_router = resource_router(PACKAGING_TYPE, company_context)
