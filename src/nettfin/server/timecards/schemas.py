"""Employee DTOs with the service's camelCase names (reference 3.8; the 2026 Employee OpenAPI decides).

The write side differs from the read side: a POST takes `EmployeeCreateDTO` (with `employeeCd`), a PUT
`EmployeeUpdateDto` (with `companyTreeInfo`); `contact` and `address` are plain holders of wrapped members;
and the write status says `Hold` where the read status says `OnHold`.
"""

from __future__ import annotations

from pydantic import BaseModel

from ..kit.shapes import AddressDto, AddressUpdateDto, IdDescription, MetadataDto, NumberName
from ..kit.wire import LineOperation, Value, WireEnum, WireModel


class EmployeeStatus(WireEnum):
    Active = "Active"
    OnHold = "OnHold"
    HoldPayments = "HoldPayments"
    Inactive = "Inactive"
    OneTime = "OneTime"


class EmployeeWriteStatus(WireEnum):
    Active = "Active"
    Hold = "Hold"
    HoldPayments = "HoldPayments"
    Inactive = "Inactive"
    OneTime = "OneTime"


class ContactTitle(WireEnum):
    Doctor = "Doctor"
    Miss = "Miss"
    Mr = "Mr"
    Mrs = "Mrs"
    Ms = "Ms"
    Prof = "Prof"


class EmployeeContactUpdateDto(WireModel):
    firstName: Value[str] | None = None
    lastName: Value[str] | None = None
    middleName: Value[str] | None = None
    email: Value[str] | None = None
    phone1: Value[str] | None = None
    phone2: Value[str] | None = None
    phone3: Value[str] | None = None
    fax: Value[str] | None = None


class CompanyTreeInfoDto(WireModel):
    """A work group of the company tree the employee belongs to (kept for the time-card rules to come)."""

    operation: LineOperation | None = None
    active: Value[bool] | None = None
    owner: Value[bool] | None = None
    workGroupID: Value[str] | None = None


class EmployeeCreateDTO(WireModel):
    employeeCd: Value[str] | None = None
    department: Value[str] | None = None
    employeeClass: Value[str] | None = None
    branch: Value[str] | None = None
    calendar: Value[str] | None = None
    contact: EmployeeContactUpdateDto | None = None
    address: AddressUpdateDto | None = None
    status: Value[EmployeeWriteStatus] | None = None


class EmployeeUpdateDto(WireModel):
    employeeClass: Value[str] | None = None
    status: Value[EmployeeWriteStatus] | None = None
    department: Value[str] | None = None
    contact: EmployeeContactUpdateDto | None = None
    address: AddressUpdateDto | None = None
    branch: Value[str] | None = None
    calendar: Value[str] | None = None
    companyTreeInfo: list[CompanyTreeInfoDto] | None = None


class ContactInEmployeeDto(BaseModel):
    employeeContact: str | None = None
    title: ContactTitle | None = None
    firstName: str | None = None
    midName: str | None = None
    lastName: str | None = None
    phone3: str | None = None
    name: str | None = None
    attention: str | None = None
    email: str | None = None
    web: str | None = None
    phone1: str | None = None
    phone2: str | None = None
    fax: str | None = None


class EmployeeDto(BaseModel):
    employeeUserId: str
    employeeId: int
    employeeNumber: str
    employeeName: str
    status: EmployeeStatus
    department: str
    contact: ContactInEmployeeDto
    address: AddressDto
    lastModifiedDateTime: str
    employeeClass: IdDescription
    branch: NumberName | None = None
    calendarID: str | None = None
    employeeLogin: str | None = None
    workGroupDescription: list[str]
    timeStamp: str
    errorInfo: str | None = None
    metadata: MetadataDto | None = None
