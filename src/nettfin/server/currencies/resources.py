"""Currencies (`/v1/currency`, read-only), currency rate types (`/v2/currencyratetype`, list and create) and
currency rates (`/v2/currencyrate`, list, create and update) as `kit.resource` declarations.

A rate names its currencies and rate type by code; each must be one of the company's (the problem names the
member). Its key on the wire is a number the company's rates take in turn (`currencyRateId`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from ..kit import messages
from ..kit.conditions import parse_moment
from ..kit.errors import NotFound
from ..kit.filters import query_parameter
from ..kit.members import Attribute
from ..kit.records import RecordKey
from ..kit.render import DecimalNumber
from ..kit.resource import (
    READ_ONLY,
    TIME_STAMP,
    Computed,
    Equals,
    Filter,
    Member,
    Resource,
    Scalar,
    Texts,
    Writing,
)
from ..kit.wire import Value, WireEnum
from .models import Currency, CurrencyRate, CurrencyRateType
from .service import next_rate_number

CURRENCY = Resource(
    name="currency",
    model=Currency,
    path="/v1/currency",
    tag="Currency",
    label="Currency",
    key=RecordKey("id", Currency.currency_id, "Currency"),
    key_param="curyId",
    members=(
        Attribute("id", "currency_id", description="Currency Id."),
        Scalar("description", "description", "Description", writable=False, description="Currency description."),
        Scalar("symbol", "symbol", "Symbol", writable=False, description="Currency symbol."),
        Computed("isBaseCurrency", bool, lambda currency: currency.is_base, "Whether it is the base currency."),
        Attribute("decimalPrecision", "decimal_precision", int, "Decimal precision."),
        Attribute("isUsedForAccounting", "used_for_accounting", bool, "Whether it is used for accounting."),
    ),
    texts=Texts(
        list="Get all available Currencies - ScreenId=CM202000",
        get="Get a specific Currency - ScreenId=CM202000",
        key="Returns data for the selected CurrencyId",
    ),
    dto="CurrencyDto",
    operations=READ_ONLY,
    paged=False,
    load=(joinedload(Currency.company),),
)

RATE_TYPE = Resource(
    name="currencyratetype",
    model=CurrencyRateType,
    path="/v2/currencyratetype",
    tag="CurrencyRateType",
    label="Currency rate type",
    key=RecordKey("id", CurrencyRateType.rate_type_id, "Currency rate type"),
    key_wrapped=True,
    members=(
        Computed("id", str, lambda rate_type: rate_type.rate_type_id, "Currency rate type Id."),
        Scalar("description", "description", "Description", cleared="", description="Description."),
        Scalar("daysEffective", "days_effective", "Days effective", int, description="Days effective."),
    ),
    texts=Texts(
        list="Get currency rate types", get="", create="Create currency rate type", key="Currency rate type id."
    ),
    dto="CurrencyRateTypeDto",
    write_dto="CreateCurrencyRateTypeDto",
    operations=frozenset({"list", "create"}),
    paged=False,
)


class MultDiv(WireEnum):
    MULTIPLY = "Multiply"
    DIVIDE = "Divide"


@dataclass(frozen=True)
class CompanyCode(Member):
    """A code of one of the company's currencies or rate types, kept in the column `attr`; written on create
    only (a rate's update body has the rate and Mult/Div)."""

    wire: str
    attr: str
    label: str
    column: Any = None
    description: str = ""
    written_on: frozenset[str] = frozenset({"create"})

    def read(self, record: Any) -> Any:
        return getattr(record, self.attr)

    def write_schema(self) -> Any | None:
        return Value[str]

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        code = value.strip() if isinstance(value, str) else None
        if not code:
            return [messages.cannot_be_empty(self.label)]
        model = self.column.class_
        found = writing.session.scalar(
            select(model.id).where(model.company_id == writing.company_id, self.column == code)
        )
        if found is None:
            return [messages.cannot_be_found(self.label, code)]
        setattr(record, self.attr, code)
        return []


@dataclass(frozen=True)
class EffectiveDate(Member):
    """`effectiveDate`: a day, sent and read as a date-time at midnight; written on create only."""

    wire: str = "effectiveDate"
    description: str = "The day the rate takes effect."
    written_on: frozenset[str] = frozenset({"create"})

    def read(self, record: CurrencyRate) -> Any:
        day = record.effective_date
        return None if day is None else f"{day.isoformat()}T00:00:00"

    def write_schema(self) -> Any | None:
        return Value[datetime]

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        if value is None:
            return [messages.cannot_be_empty("Effective date")]
        record.effective_date = value.date()
        return []


class RateKey(RecordKey):
    """A rate's key: the company's next rate number; the client never gives it (the create DTO has no id)."""

    sent = False

    def assign(self, session: Session, record: Any, changes: dict) -> tuple[list[str], list[str]]:
        record.rate_number = next_rate_number(session, record.company_id)
        return [], []

    def ignored(self, changes: dict, key: str) -> list[str]:
        return []


class RateResource(Resource):
    """Rates are found by their number: a path key that is no number names no rate."""

    def key_value(self, key: str | int) -> int:
        text = str(key)
        if not text.isdigit() or len(text) > 9:
            raise NotFound(messages.not_found(self.label, text))
        return int(text)


@dataclass(frozen=True)
class EffectiveBetween(Filter):
    """`fromDate` and `toDate`: rates effective on or after the one day, on or before the other."""

    def parameters(self, resource: Resource) -> list:
        return [
            query_parameter("fromDate", str | None, description="From effective date."),
            query_parameter("toDate", str | None, description="To effective date."),
        ]

    def conditions(self, resource: Resource, values: dict) -> list[Any]:
        column = CurrencyRate.effective_date
        bounds = []
        if values["fromDate"]:
            bounds.append(column >= parse_moment("fromDate", values["fromDate"]).date())
        if values["toDate"]:
            bounds.append(column <= parse_moment("toDate", values["toDate"]).date())
        return bounds


@dataclass(frozen=True)
class RateValue(Scalar):
    """The rate as a number without the column's trailing zeros."""

    def read(self, record: CurrencyRate) -> Any:
        return None if record.rate is None else _plain(record.rate)

    def write_schema(self) -> Any | None:
        return Value[Decimal]


def _plain(number: Decimal) -> Decimal:
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()


_RATE_LIMIT = Decimal(10) ** 10
_REQUIRED = (
    ("fromCurrencyId", "from_currency_id", "From currency"),
    ("toCurrencyId", "to_currency_id", "To currency"),
    ("rateType", "rate_type_id", "Rate type"),
    ("effectiveDate", "effective_date", "Effective date"),
    ("rate", "rate", "Rate"),
)


def check_rate(writing: Writing, rate: CurrencyRate) -> list[str]:
    """A rate has its currencies, type, day and rate; the currencies differ; the rate is above zero; and no
    other rate has the same currencies, type and day."""
    problems = [
        messages.cannot_be_empty(label)
        for wire, attr, label in _REQUIRED
        if getattr(rate, attr) is None and wire not in writing.changes
    ]
    if rate.rate is not None and not 0 < rate.rate < _RATE_LIMIT:
        problems.append(f"'Rate' must be above 0 and below {_RATE_LIMIT:,}: {rate.rate}.")
    if rate.from_currency_id and rate.from_currency_id == rate.to_currency_id:
        problems.append(f"'To currency' must differ from 'From currency' ({rate.from_currency_id}).")
    if writing.inserting and not problems and _same_rate(writing.session, rate):
        problems.append(
            f"A rate from {rate.from_currency_id} to {rate.to_currency_id} of type {rate.rate_type_id} "
            f"effective {rate.effective_date.isoformat()} already exists."
        )
    return problems


def _same_rate(session: Session, rate: CurrencyRate) -> bool:
    statement = select(CurrencyRate.id).where(
        CurrencyRate.company_id == rate.company_id,
        CurrencyRate.from_currency_id == rate.from_currency_id,
        CurrencyRate.to_currency_id == rate.to_currency_id,
        CurrencyRate.rate_type_id == rate.rate_type_id,
        CurrencyRate.effective_date == rate.effective_date,
    )
    return session.scalar(statement) is not None


def _reciprocal(rate: CurrencyRate) -> Decimal | None:
    return None if not rate.rate else _plain((Decimal(1) / rate.rate).quantize(Decimal("0.00000001")))


CURRENCY_RATE = RateResource(
    name="currencyrate",
    model=CurrencyRate,
    path="/v2/currencyrate",
    tag="CurrencyRate",
    label="Currency rate",
    key=RateKey("id", CurrencyRate.rate_number, "Currency rate"),
    key_param="currencyRateId",
    members=(
        Computed("id", int, lambda rate: rate.rate_number, "Currency rate Id."),
        CompanyCode("fromCurrencyId", "from_currency_id", "From currency", Currency.currency_id, "From currency id."),
        CompanyCode("toCurrencyId", "to_currency_id", "To currency", Currency.currency_id, "To currency id."),
        CompanyCode("rateType", "rate_type_id", "Rate type", CurrencyRateType.rate_type_id, "Currency rate type."),
        RateValue("rate", "rate", "Rate", DecimalNumber, description="Currency rate."),
        EffectiveDate(),
        Scalar("multDiv", "mult_div", "Mult/Div", MultDiv, cleared="Multiply", description="Mult/Div."),
        Computed("rateReciprocal", DecimalNumber, _reciprocal, "Rate reciprocal"),
        TIME_STAMP,
    ),
    texts=Texts(
        list="Get all currency rates",
        get="",
        create="Create currency rate",
        update="Update Currency rate",
        key="Identifies the currency rate id.",
    ),
    dto="CurrencyRateDto",
    write_dto="UpdateCurrencyRateDto",
    create_dto="CreateCurrencyRateDto",
    operations=frozenset({"list", "create", "update"}),
    filters=(
        EffectiveBetween(),
        Equals("fromCurrency", "from_currency_id", description="Identifies from currency."),
        Equals("toCurrency", "to_currency_id", description="Identifies to currency."),
        Equals("rateType", "rate_type_id", description="Identifies rate type."),
    ),
    paged=False,
    check=check_rate,
)
