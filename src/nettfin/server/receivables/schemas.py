"""Customer enums and nested shapes with the service's names (reference 3.1; the 2026 Customer OpenAPI decides).
The customer and customer class DTOs are made by their declarations (`customers.py`)."""

from __future__ import annotations

from pydantic import BaseModel

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


class VatZoneInCustomerDto(BaseModel):
    id: str | None = None
    description: str | None = None
    defaultVatCategory: str | None = None
    defaultTaxCategory: dict | None = None


class LocationDto(BaseModel):
    countryId: str | None = None
    id: str | None = None
    name: str | None = None
