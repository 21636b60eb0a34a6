"""Customer enums and nested shapes with the service's names (reference 3.1; the 2026 Customer OpenAPI decides).
The customer and customer class DTOs are made by their declarations (`customers.py`)."""

from __future__ import annotations

from ..kit.shapes import PartyLocation, VatZoneRef
from ..kit.wire import WireEnum


class CustomerStatus(WireEnum):
    Active = "Active"
    OnHold = "OnHold"
    CreditHold = "CreditHold"
    Inactive = "Inactive"
    OneTime = "OneTime"


class CreditRule(WireEnum):
    Disabled = "Disabled"
    DaysPastDue = "DaysPastDue"
    CreditLimit = "CreditLimit"
    LimitAndDaysPastDue = "LimitAndDaysPastDue"


class StatementType(WireEnum):
    OpenItem = "OpenItem"
    BalanceBroughtForward = "BalanceBroughtForward"


class VatZoneInCustomerDto(VatZoneRef):
    pass


class LocationDto(PartyLocation):
    pass
