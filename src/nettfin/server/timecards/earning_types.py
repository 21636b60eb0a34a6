"""Earning types (EP102000) as the API serves them: `/v1/earningtype` list and get, a read-only `kit.resource`
declaration over the types of hour time cards report in (`earnings.py`: the standard two a company gets with its
first time card, and the company's own)."""

from __future__ import annotations

from ..identity.auth import company_context
from ..kit.members import Attribute
from ..kit.records import RecordKey
from ..kit.render import DecimalNumber
from ..kit.resource import LAST_MODIFIED, READ_ONLY, GreaterThan, Ignored, ModifiedSince, Resource, Texts
from ..kit.resource_routes import resource_router
from .models import EarningType

EARNING_TYPE = Resource(
    name="earningType",
    model=EarningType,
    path="/v1/earningtype",
    tag="EarningType",
    label="Earning type",
    key=RecordKey("code", EarningType.code, "Earning type"),
    key_param="typeCd",
    members=(
        Attribute("code", "code", description="The unique ID of the type of hour."),
        Attribute("description", "description", description="The brief description of the type of hour."),
        Attribute("isOvertime", "is_overtime", bool, "Whether the type of hour is treated as overtime."),
        Attribute("isBillable", "is_billable", bool, "Whether the type is invoiceable by default."),
        Attribute("isActive", "is_active", bool, "Whether the type of hour is active and can be used."),
        Attribute(
            "overtimeMultiplier",
            "overtime_multiplier",
            DecimalNumber,
            "The multiplier of the employee's cost for this type of hour.",
        ),
        LAST_MODIFIED,
    ),
    texts=Texts(
        list="Get a range of earningtypes - ScreenId=EP102000",
        get="Get a specific earning type",
        key="Identifies the earning type",
    ),
    dto="EarningTypeDto",
    operations=READ_ONLY,
    filters=(GreaterThan(), Ignored(), ModifiedSince()),
    paged=False,
)

router = resource_router(EARNING_TYPE, company_context)
