"""Customer enums and nested shapes with the service's names (reference 3.1; the 2026 Customer OpenAPI decides).
The customer and customer class DTOs are made by their declarations (`customers.py`); the shapes of
the lines crm keeps for a customer (direct debit mandates, sales persons) are here, since the customer's DTOs
have them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel

from ..kit.render import DecimalNumber
from ..kit.shapes import PartyLocation, VatZoneRef
from ..kit.wire import LineOperation, Value, WireEnum, WireModel


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


class CustomerDirectDebitDto(BaseModel):
    id: str | None = None
    mandateId: str | None = None
    mandateDescription: str | None = None
    dateOfSignature: str | None = None
    isDefault: bool | None = None
    oneTime: bool | None = None
    bic: str | None = None
    iban: str | None = None
    lastCollectionDate: str | None = None
    maxAmount: DecimalNumber | None = None
    expirationDate: str | None = None
    branch: str | None = None


class CustomerDirectDebitUpdateDto(WireModel):
    operation: LineOperation | None = None
    id: UUID | None = None
    mandateId: Value[str] | None = None
    mandateDescription: Value[str] | None = None
    dateOfSignature: Value[datetime] | None = None
    isDefault: Value[bool] | None = None
    oneTime: Value[bool] | None = None
    bic: Value[str] | None = None
    iban: Value[str] | None = None
    lastCollectionDate: Value[datetime] | None = None
    maxAmount: Value[Decimal] | None = None
    expirationDate: Value[datetime] | None = None
    branch: Value[str] | None = None


class CustomerSalesPersonUpdateDto(WireModel):
    operation: LineOperation | None = None
    salesPersonID: Value[str] | None = None
    locationID: Value[str] | None = None
    commissionPct: Value[Decimal] | None = None
    isDefault: Value[bool] | None = None
