"""Members and filters that customers, suppliers and later other parties (employees, contacts) share, for their
`kit.resource` declarations.

A party has addresses and contacts (stored as JSON objects, written as `{"value": {"city": {"value": ...}}}`
and PATCHed member by member), references to other records written as their codes under a name of their own
(`customerClassId`) and read as objects under another (`customerClass`), a class whose defaults fill what a
new record's body leaves out, write-only options (`overrideWithClassValues`, `overrideNumberSeries`), counts
and amounts that cannot be negative, and list filters on a part of its name, a contact's e-mail and its
creation time. What needs a domain's tables (credit terms, VAT zones, the company's currency) is in
`parties.members`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator
from sqlalchemy.orm import InstrumentedAttribute

from .countries import country_ref
from .filters import Contains
from .records import apply_nested, resolve_code
from .render import DecimalNumber
from .resource import ERROR_INFO, TIME_STAMP, Computed, Equals, Filter, Member, Scalar, Writing
from .shapes import (
    CONTACT_FIELDS,
    AddressDto,
    AddressUpdateDto,
    ContactDto,
    ContactInfoUpdateDto,
    NumberName,
)
from .wire import Value

# --- addresses and contacts --------------------------------------------------------------------------------

_ADDRESS_LINES = ("addressLine1", "addressLine2", "addressLine3", "postalCode", "city")


def address_view(address: dict | None) -> dict:
    """An address as `AddressDto`, members without a value left out (`{}` for none)."""
    address = address or {}
    body = {line: address[line] for line in _ADDRESS_LINES if address.get(line) is not None}
    country = country_ref(address.get("countryId"))
    if country is not None:
        body["country"] = country
    county = address.get("county")
    if county:
        body["county"] = {"id": county, "name": county}
    return body


def contact_view(contact: dict | None) -> dict:
    """A contact as `ContactDto`, members without a value left out (`{}` for none)."""
    contact = contact or {}
    return {name: contact[name] for name in CONTACT_FIELDS if contact.get(name) is not None}


def _wrap_read_shape(data: Any) -> Any:
    """An address or contact sent in the read DTO's shape becomes the `{"value": {...}}` write shape.

    The knowledge base's Supplier article posts `"mainAddress": {"addressLine1": "Testroad 5", ...,
    "country": {"id": "NO", "name": "NORGE"}, "county": {"id": "0301", ...}}` and documents 201 Created, so
    the members are wrapped, `country`/`county` give their ids, and members the write model lacks (`addressId`)
    stay as unknown fields, named in `X-Nettfin-Ignored-Fields`. Members sent as JSON null are not sent.
    """
    if not isinstance(data, dict) or any(isinstance(key, str) and key.casefold() == "value" for key in data):
        return data
    members: dict[str, Any] = {}
    for key, member in data.items():
        folded = key.casefold() if isinstance(key, str) else key
        if member is None:
            continue
        if folded in ("country", "county") and isinstance(member, dict):
            ids = {k.casefold(): v for k, v in member.items() if isinstance(k, str)}
            members["countryId" if folded == "country" else "county"] = {"value": ids.get("id")}
        elif isinstance(member, dict):
            members[key] = member
        else:
            members[key] = {"value": member}
    return {"value": members}


@dataclass(frozen=True)
class Nested(Member):
    """An address or a contact: a JSON column read as its DTO and written as `{"value": {member: {"value":
    ...}}}`, PATCHed member by member (`{"value": null}` clears one, or the whole object). `read_shaped`: the
    body may also send it in the read DTO's shape (the Supplier article does). `wrapped=False`: the object is
    sent as it is, its members wrapped (an employee's `address`, as the real EmployeeUpdateDto has it)."""

    wire: str
    attr: str
    shape: type[BaseModel]
    update: type[BaseModel]
    view: Callable[[dict | None], dict]
    read_shaped: bool = False
    description: str = ""
    wrapped: bool = True
    compact: ClassVar[bool] = True

    def schema(self) -> Any:
        return self.shape

    def read(self, record: Any) -> Any:
        return self.view(getattr(record, self.attr))

    def write_schema(self) -> Any:
        sent = Value[self.update] if self.wrapped else self.update
        return Annotated[sent, BeforeValidator(_wrap_read_shape)] if self.read_shaped else sent

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        return apply_nested(record, {self.wire: value}, {self.wire: self.attr})


def address(wire: str, attr: str, *, read_shaped: bool = False, wrapped: bool = True) -> Nested:
    return Nested(wire, attr, AddressDto, AddressUpdateDto, address_view, read_shaped, wrapped=wrapped)


def contact(wire: str, attr: str, *, read_shaped: bool = False) -> Nested:
    return Nested(wire, attr, ContactDto, ContactInfoUpdateDto, contact_view, read_shaped)


def location(shape: type[BaseModel]) -> Member:
    """`location`: the primary location, in the main address's country (locations are not served apart)."""
    return Shown("location", shape, _primary_location)


def _primary_location(record: Any) -> dict:
    country = (record.main_address or {}).get("countryId")
    primary = {"id": "MAIN", "name": "Primary location"}
    return {"countryId": country, **primary} if country else primary


# --- other members -----------------------------------------------------------------------------------------

# What every party's read DTO requires besides its own members.
REQUIRED = frozenset(
    {"internalId", "number", "name", "status", "mainAddress", "mainContact", "currencyId", "attributes"}
    | {"lastModifiedDateTime", "timeStamp"}
)


def heading(name_label: str, status: type) -> tuple[Member, ...]:
    """The members a party's DTO starts with: `internalId`, `number`, `name` (labelled `name_label` in
    messages) and `status` (an enum; cleared, `Active`)."""
    return (
        Computed("internalId", int, lambda record: record.id),
        Computed("number", str, lambda record: record.number),
        Scalar("name", "name", name_label),
        Scalar("status", "status", "Status", kind=status, cleared="Active"),
    )


def switch(wire: str, attr: str, label: str, *, cleared: bool = False) -> Scalar:
    """A boolean member; `{"value": null}` sets it to `cleared`."""
    return Scalar(wire, attr, label, kind=bool, cleared=cleared)


@dataclass(frozen=True)
class Shown(Computed):
    """A read-only member whose value holds no null (a fixed object, a list that is always `[]`): rendered as
    it is read."""

    compact: ClassVar[bool] = True


# Attributes (CS205000) are not served: every party has none.
ATTRIBUTES = Shown("attributes", list[dict], lambda record: [])


@dataclass(frozen=True)
class Figure(Scalar):
    """A count or an amount that cannot be negative (`'Credit limit' cannot be less than 0.`), and, with
    `maximum`, not above it (`'Retainage (%)' cannot be greater than 100.`). Decimals read as JSON numbers."""

    maximum: Decimal | int | None = None

    def schema(self) -> Any:
        return DecimalNumber if self.kind is Decimal else self.kind

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        if value is not None and value < 0:
            return [f"'{self.label}' cannot be less than 0."]
        if value is not None and self.maximum is not None and value > self.maximum:
            return [f"'{self.label}' cannot be greater than {self.maximum}."]
        return super().write(writing, record, value)


@dataclass(frozen=True)
class FlaggedScalar(Scalar):
    """A scalar a list shows only when it sends the flag `when` (a single GET always has it): `note` with
    `expandNote=true`."""

    when: str | None = None


@dataclass(frozen=True)
class Code(Member):
    """Another record named by its code in a write body (`{"value": "30"}`; `{"value": null}` clears it); the
    read DTO shows it under another name (`creditTermsId` is read back as `creditTerms`). `itself` words the
    problem of a record naming itself (a parent account)."""

    wire: str
    attr: str
    key: InstrumentedAttribute
    label: str
    itself: str | None = None
    description: str = ""

    def schema(self) -> Any:
        return None

    def write_schema(self) -> Any:
        return Value[str]

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        session, company_id = writing.session, writing.company_id
        found, problems = resolve_code(session, self.key.class_, self.key, company_id, value, self.label)
        if found is not None and found is record and self.itself:
            return [self.itself]
        if not problems:
            setattr(record, self.attr, found)
        return problems


@dataclass(frozen=True)
class Option(Member):
    """A write-only switch of the operation (`overrideWithClassValues`, `overrideNumberSeries`): stored nowhere,
    read by the declaration's hooks from the body. `wrapped`: sent as `{"value": ...}`."""

    wire: str
    kind: Any = bool
    wrapped: bool = True
    description: str = ""

    def schema(self) -> Any:
        return None

    def write_schema(self) -> Any:
        return Value[self.kind] if self.wrapped else self.kind


@dataclass(frozen=True)
class ClassDefaults:
    """What a party's class gives it: on create, and on update when the body changes the class and sends
    `overrideWithClassValues: true`, each `(wire, attr)` the body did not send takes the class's value of
    `attr` when the class has one."""

    attr: str
    wire: str
    defaults: tuple[tuple[str, str], ...]

    def apply(self, writing: Writing, record: Any) -> Any:
        """Fill the record from its class; returns the class (None: the record has none)."""
        found = getattr(record, self.attr)
        changes = writing.changes
        if found is not None and (
            writing.inserting or (changes.get("overrideWithClassValues") and self.wire in changes)
        ):
            for wire, attr in self.defaults:
                value = getattr(found, attr)
                if wire not in changes and value is not None:
                    setattr(record, attr, value)
        return found


# --- what customers and suppliers declare alike -------------------------------------------------------------

# `vatRegistrationId` and `corporateId`, next to each other in both DTOs.
REGISTRATION = (
    Scalar("vatRegistrationId", "vat_registration_id", "VAT registration ID"),
    Scalar("corporateId", "corporate_id", "Corporate ID"),
)
NUMBER_OF_EMPLOYEES = Figure("numberOfEmployees", "number_of_employees", "Number of employees", kind=int)
# What both DTOs end with: the write-only options of the operation, then `timeStamp` and `errorInfo`.
ENDING = (Option("overrideWithClassValues", wrapped=False), Option("overrideNumberSeries"), TIME_STAMP, ERROR_INFO)


# --- filters -----------------------------------------------------------------------------------------------


def party_filters(status: type, name_description: str) -> tuple[Filter, ...]:
    """The filters every party's list has besides the last change and `greaterThanValue`: a part of the name,
    the status, the corporate and VAT registration ids."""
    return (
        Contains("name", "name", name_description),
        Equals("status", "status", status),
        Equals("corporateId", "corporate_id"),
        Equals("vatRegistrationId", "vat_registration_id"),
    )


def parent(model: Any, entity: str) -> tuple[Member, Member]:
    """`parentRecord` (`{number, name}`) and its write member `parentRecordNumber`: a record of the same kind,
    never the record itself (`'Parent account' cannot be the customer itself.`)."""
    shown = Shown(
        "parentRecord",
        NumberName,
        lambda record: {"number": record.parent.number, "name": record.parent.name} if record.parent else None,
    )
    itself = f"'Parent account' cannot be the {entity} itself."
    return shown, Code("parentRecordNumber", "parent", model.number, "Parent account", itself)
