"""Customer sales prices (AR202000, `/v1/customerSalesPrice`) as a `kit.resource` declaration: list (paged, the
real filters), get by `recordId`, create and update.

A price is for everyone (`Base`), one customer (`Customer`, `priceCode` the customer number) or a customer price
class (`CustomerPriceClass`, `priceCode` the class); it names the item, the unit (the item's sales unit unless
sent), the currency (the base currency unless sent), the break quantity it starts at, optionally a warehouse and
the days it is valid, and whether it is promotional. Its key is a number the company's prices take in turn.
Which price a document line gets is `pricing.quote`'s.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..currencies.models import Currency
from ..identity.companies import base_currency
from ..inventory.models import InventoryItem, Warehouse
from ..kit import messages
from ..kit.checks import parse_int32
from ..kit.conditions import parse_moment
from ..kit.errors import NotFound
from ..kit.filters import query_parameter
from ..kit.records import RecordKey
from ..kit.resource import (
    ERROR_INFO,
    LAST_MODIFIED,
    TIME_STAMP,
    Computed,
    Filter,
    Ignored,
    Member,
    ModifiedSince,
    Resource,
    Scalar,
    Texts,
    Writing,
)
from ..kit.wire import Value, WireEnum
from ..receivables.models import Customer
from .members import Amount, Code, Day
from .models import ZERO, SalesPrice

RESOURCE = "customerSalesPrice"


class PriceType(WireEnum):
    BASE = "Base"
    CUSTOMER = "Customer"
    CUSTOMER_PRICE_CLASS = "CustomerPriceClass"


class PriceTypeFilter(WireEnum):
    ALL = "All"
    BASE = "Base"
    CUSTOMER = "Customer"
    CUSTOMER_PRICE_CLASS = "CustomerPriceClass"


class PriceKey(RecordKey):
    """A price's key: the company's next price number; the client never gives it (the write DTO has no id)."""

    sent = False

    def assign(self, session: Session, record: Any, changes: dict) -> tuple[list[str], list[str]]:
        last = session.scalar(select(func.max(SalesPrice.record_id)).where(SalesPrice.company_id == record.company_id))
        record.record_id = (last or 0) + 1
        return [], []

    def ignored(self, changes: dict, key: str) -> list[str]:
        return []


class PriceResource(Resource):
    """Prices are found by their number: a path key that is no 32-bit number names no price."""

    def key_value(self, key: str | int) -> int:
        number = parse_int32(str(key))
        if number is None:
            raise NotFound(messages.not_found(self.label, str(key)))
        return number


@dataclass(frozen=True)
class PriceCode(Member):
    """`priceCode`: the customer's number or the price class, as the price type says (`check_price` applies it:
    what it means depends on the type, which may come in the same body)."""

    wire: str = "priceCode"
    description: str = "The customer (Customer prices) or the customer price class (CustomerPriceClass prices)."

    def read(self, record: SalesPrice) -> Any:
        if record.price_type == PriceType.CUSTOMER:
            return record.customer.number if record.customer else None
        return record.price_class if record.price_type == PriceType.CUSTOMER_PRICE_CLASS else None

    def write_schema(self) -> Any | None:
        return Value[str]


# --- filters ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordAfter(Filter):
    """`greaterThanValue`: prices whose number is above the value."""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        return [query_parameter("greaterThanValue", str | None, description="Record ids after this value.")]

    def conditions(self, resource: Resource, values: dict) -> list[Any]:
        raw = (values["greaterThanValue"] or "").strip()
        if not raw:
            return []
        number = parse_int32(raw)
        return [SalesPrice.record_id > number] if number is not None else [SalesPrice.id.is_(None)]


@dataclass(frozen=True)
class PriceFilters(Filter):
    """`priceType` (All: every type), `priceCode` (a customer number or price class), `inventoryId` (an item
    number) and `effectiveAsOf` (prices valid on that day)."""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        return [
            query_parameter("priceType", PriceTypeFilter | None, description="The type of prices: All by default."),
            query_parameter("priceCode", str | None, description="A customer number or customer price class."),
            query_parameter("inventoryId", str | None, description="An item number."),
            query_parameter("effectiveAsOf", str | None, description="Prices valid on this day."),
        ]

    def conditions(self, resource: Resource, values: dict) -> list[Any]:
        conditions: list[Any] = []
        kind = values["priceType"]
        if kind is not None and kind != PriceTypeFilter.ALL:
            conditions.append(SalesPrice.price_type == kind.value)
        code = (values["priceCode"] or "").strip()
        if code:
            customers = select(Customer.id).where(Customer.company_id == SalesPrice.company_id, Customer.number == code)
            conditions.append(or_(SalesPrice.customer_id.in_(customers), SalesPrice.price_class == code))
        item = (values["inventoryId"] or "").strip()
        if item:
            items = select(InventoryItem.id).where(
                InventoryItem.company_id == SalesPrice.company_id, InventoryItem.number == item
            )
            conditions.append(SalesPrice.item_id.in_(items))
        if values["effectiveAsOf"]:
            day = parse_moment("effectiveAsOf", values["effectiveAsOf"]).date()
            conditions += valid_on(day)
        return conditions


def valid_on(day: date) -> list[Any]:
    """The conditions of a price valid on a day: effective by then and not expired before it."""
    return [
        or_(SalesPrice.effective_date.is_(None), SalesPrice.effective_date <= day),
        or_(SalesPrice.expiration_date.is_(None), SalesPrice.expiration_date >= day),
    ]


# --- the whole record -------------------------------------------------------------------------------------


def check_price(writing: Writing, price: SalesPrice) -> list[str]:
    """The price type and code agree (a customer that exists, a class given, nothing for Base); the item is given;
    the unit and currency default to the item's sales unit and the base currency, and the currency is one of the
    company's; the expiration is not before the effective day; and no other price has the same terms."""
    session, company_id = writing.session, writing.company_id
    problems = _apply_code(session, company_id, price, writing.changes)
    if price.item is None:
        problems.append(messages.cannot_be_empty("Item ID"))
    elif not price.uom:
        price.uom = price.item.sales_unit
    if not price.currency_id:
        price.currency_id = base_currency(session, company_id)
    elif "currency" in writing.changes and not _currency_exists(session, company_id, price.currency_id):
        problems.append(messages.cannot_be_found("Currency", price.currency_id))
    if price.effective_date and price.expiration_date and price.expiration_date < price.effective_date:
        problems.append(
            f"'Expiration date' ({price.expiration_date.isoformat()}) cannot be before "
            f"'Effective date' ({price.effective_date.isoformat()})."
        )
    if not problems and _duplicate(session, price):
        problems.append(
            "A sales price with the same price type, price code, item, UoM, currency, warehouse, break quantity, "
            "promotion and effective date already exists."
        )
    return problems


def _apply_code(session: Session, company_id: int, price: SalesPrice, changes: dict) -> list[str]:
    if "priceType" in changes or "priceCode" in changes:
        sent = changes.get("priceCode")
        code = sent.strip() or None if isinstance(sent, str) else None
        if "priceCode" not in changes:
            code = PriceCode().read(price)
        price.customer, price.price_class = None, None
        if price.price_type == PriceType.CUSTOMER:
            if code is None:
                return [f"{messages.cannot_be_empty('Price code')} A Customer price names the customer."]
            customer = session.scalars(
                select(Customer).where(Customer.company_id == company_id, Customer.number == code)
            ).first()
            if customer is None:
                return [messages.cannot_be_found("Customer", code)]
            price.customer = customer
        elif price.price_type == PriceType.CUSTOMER_PRICE_CLASS:
            if code is None:
                return [f"{messages.cannot_be_empty('Price code')} A CustomerPriceClass price names the class."]
            if len(code) > 10:
                return [f"'Price code' is too long: {len(code)} characters, at most 10 are allowed."]
            price.price_class = code
        elif code is not None:
            return [f"'Price code' must be empty for a Base price: '{code}'."]
    return []


def _currency_exists(session: Session, company_id: int, code: str) -> bool:
    statement = select(Currency.id).where(Currency.company_id == company_id, Currency.currency_id == code)
    return session.scalar(statement) is not None


def _duplicate(session: Session, price: SalesPrice) -> bool:
    statement = select(SalesPrice.id).where(
        SalesPrice.company_id == price.company_id,
        SalesPrice.price_type == price.price_type,
        SalesPrice.customer_id.is_(None) if price.customer is None else SalesPrice.customer_id == price.customer.id,
        _same(SalesPrice.price_class, price.price_class),
        SalesPrice.item_id == price.item.id,
        SalesPrice.uom == price.uom,
        SalesPrice.currency_id == price.currency_id,
        _same(SalesPrice.warehouse_id, price.warehouse.id if price.warehouse else None),
        SalesPrice.break_qty == price.break_qty,
        SalesPrice.promotion == bool(price.promotion),
        _same(SalesPrice.effective_date, price.effective_date),
    )
    if price.id is not None:
        statement = statement.where(SalesPrice.id != price.id)
    return session.scalar(statement.limit(1)) is not None


def _same(column: Any, value: Any) -> Any:
    return column.is_(None) if value is None else column == value


CUSTOMER_SALES_PRICE = PriceResource(
    name=RESOURCE,
    model=SalesPrice,
    path="/v1/customerSalesPrice",
    tag="CustomerSalesPrice",
    label="Customer sales price",
    key=PriceKey("recordId", SalesPrice.record_id, "Customer sales price"),
    key_param="recordId",
    members=(
        Computed("recordId", int, lambda price: price.record_id, "The price's record id."),
        Scalar("priceType", "price_type", "Price type", PriceType, cleared="Base", description="The type of price."),
        PriceCode(),
        Code("inventoryId", "item", "Item", InventoryItem.number, "The item the price is for."),
        Computed("description", str, lambda price: price.item.description if price.item else None),
        Scalar("uoM", "uom", "UoM", description="The unit the price is for (the item's sales unit by default)."),
        Scalar("promotion", "promotion", "Promotion", bool, cleared=False, description="A promotional price."),
        Amount("breakQty", "break_qty", "Break quantity", description="The least quantity the price is for."),
        Amount("price", "price", "Price", description="The unit price."),
        Scalar("currency", "currency_id", "Currency", description="The currency (the base currency by default)."),
        Scalar("vat", "vat", "VAT", description="The VAT category included in the price, as given."),
        Day("effectiveDate", "effective_date", "The day the price takes effect."),
        Day("expirationDate", "expiration_date", "The last day of the price."),
        LAST_MODIFIED,
        Code("warehouse", "warehouse", "Warehouse", Warehouse.warehouse_id, "The warehouse the price is for."),
        TIME_STAMP,
        ERROR_INFO,
    ),
    texts=Texts(
        list="Get a range of Customer Sales Prices - ScreenId=AR202000 Request page size must…",
        get="Get a specific Customer Sales Price by recordId",
        create="Create a new Customer Sales Price",
        update="Update an existing Customer Sales Price",
        key="The recordId of the Customer Sales Price",
    ),
    dto="CustomerSalesPriceDto",
    write_dto="CustomerSalesPriceUpdateDto",
    filters=(RecordAfter(), Ignored(order_by=False), PriceFilters(), ModifiedSince()),
    check=check_price,
    defaults={"price_type": PriceType.BASE.value, "promotion": False, "break_qty": ZERO, "price": ZERO},
)
