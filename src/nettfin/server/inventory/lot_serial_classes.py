"""Lot/serial classes (IN207000) as the API serves them: `/v1/lotserialclass`, a read-only `kit.resource`
declaration (the real API has no write), with the real list's filters and the auto-numbering mask's segments
(`details`). The stock engine reads the classes' tracking method."""

from __future__ import annotations

from ..identity.auth import company_context
from ..kit.members import Attribute, Objects, Shape
from ..kit.records import RecordKey
from ..kit.resource import ERROR_INFO, LAST_MODIFIED, READ_ONLY, Computed, Equals, ModifiedSince, Resource, Texts
from ..kit.resource_routes import resource_router
from ..kit.wire import WireEnum
from .models import LotSerialClass


class TrackingMethod(WireEnum):
    NotNumbered = "NotNumbered"
    LotNumbered = "LotNumbered"
    SerialNumbered = "SerialNumbered"


class AssignmentMethod(WireEnum):
    WhenReceived = "WhenReceived"
    WhenUsed = "WhenUsed"


class IssueMethod(WireEnum):
    FIFO = "FIFO"
    LIFO = "LIFO"
    Sequential = "Sequential"
    Expiration = "Expiration"
    UserEnterable = "UserEnterable"


class SegmentType(WireEnum):
    NumericVal = "NumericVal"
    FixedConst = "FixedConst"
    DateConst = "DateConst"
    DayConst = "DayConst"
    MonthConst = "MonthConst"
    MonthLongConst = "MonthLongConst"
    YearConst = "YearConst"
    YearLongConst = "YearLongConst"


DETAIL = Shape(
    "LotSerialClassDetailDto",
    (
        Computed("id", str, lambda d: d["id"], "The Id of the Lot Serial Class"),
        Computed("segmentNumber", int, lambda d: d["segmentNumber"], "Segment number for the Lot Serial segment"),
        Computed("type", SegmentType, lambda d: d["type"], "Segment type for the Lot Serial segment"),
        Computed("value", str, lambda d: d.get("value") or None, "Segment value for the Lot Serial segment"),
    ),
)


def _details(found: LotSerialClass) -> list[dict]:
    return [
        {"id": found.class_cd, "segmentNumber": number, "type": segment["type"], "value": segment.get("value")}
        for number, segment in enumerate(found.segments or [], start=1)
    ]


LOT_SERIAL_CLASS = Resource(
    name="lot_serial_class",
    model=LotSerialClass,
    path="/v1/lotserialclass",
    tag="LotSerialClass",
    label="Lot/serial class",
    key=RecordKey("id", LotSerialClass.class_cd, "Lot/serial class"),
    members=(
        Attribute("id", "class_cd", description="The Id of the Lot Serial Class"),
        Attribute("description", "description", description="The description of the Lot Serial Class"),
        Computed("trackingMethod", TrackingMethod, lambda c: c.tracking_method, "Method used to track the class"),
        Computed("trackExpirationDate", bool, lambda c: c.track_expiration),
        Computed("requiredForDropShip", bool, lambda c: c.required_for_drop_ship),
        Computed("assignmentMethod", AssignmentMethod, lambda c: c.assignment_method),
        Computed("issueMethod", IssueMethod, lambda c: c.issue_method),
        Computed("autoIncrementalValueBetweenClasses", bool, lambda c: c.auto_incremental_between_classes),
        Computed("autoIncrementalValue", str, lambda c: c.auto_incremental_value),
        Computed("autoGenerateNextNumber", bool, lambda c: c.auto_generate_next_number),
        Objects("details", DETAIL, _details, "Lot Serial Class details (Segment Number, Type, Value)"),
        LAST_MODIFIED,
        ERROR_INFO,
    ),
    texts=Texts(
        list="Get a range of lot serial classes - ScreenId=IN207000",
        get="Get a specific",
        key="The Id of the Lot Serial Class",
    ),
    dto="LotSerialClassDto",
    operations=READ_ONLY,
    filters=(
        Equals("description", "description"),
        Equals("trackingMethod", "tracking_method", TrackingMethod),
        Equals("trackExpirationDate", "track_expiration", bool),
        Equals("requiredForDropShip", "required_for_drop_ship", bool),
        Equals("assignmentMethod", "assignment_method", AssignmentMethod),
        Equals("issueMethod", "issue_method", IssueMethod),
        Equals("autoIncrementalValueBetweenClasses", "auto_incremental_between_classes", bool),
        Equals("autoIncrementalValue", "auto_incremental_value"),
        Equals("autoGenerateNextNumber", "auto_generate_next_number", bool),
        ModifiedSince(),
    ),
)

router = resource_router(LOT_SERIAL_CLASS, company_context)
