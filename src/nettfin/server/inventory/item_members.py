"""The members of the inventory item's declaration (`items.ITEM`) that the kit's Scalar, Computed and Reference
do not cover: codes read with the description of what they name (VAT category, GL accounts and subaccounts,
loaded once per page by `prepare_items`), the plain holders (packaging, intrastat, cost statistics), the keyed
lines, and the type that cannot move between stock and non-stock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..attachments.models import OwnerKind, load_attachments
from ..kit import messages
from ..kit.checks import fits_column
from ..kit.countries import COUNTRIES
from ..kit.records import load_by_codes, resolve_code
from ..kit.render import DecimalNumber, format_datetime, time_stamp
from ..kit.resource import Member, Scalar, Writing
from ..kit.shapes import IdDescription, SegmentUpdateDto, merge_nested
from ..kit.wire import Value
from ..ledger.models import Account, Subaccount
from ..stock.models import CostLayer, StockQuantity
from ..tax.models import VatCategory
from .categories import load_categories
from .lines import apply_cross_references
from .models import STOCK_TYPES, InventoryItem, WarehouseLocation
from .schemas import (
    CostPriceStatisticsDto,
    CostPriceStatisticsUpdateDto,
    CrossReferenceUpdateDto,
    IntrastatDto,
    IntrastatUpdateDto,
    InventoryCrossReferenceDto,
    PackagingDto,
    PackagingUpdateDto,
    WarehouseDetailDto,
    WarehouseDetailUpdateDto,
)
from .subaccounts import segments, subaccount_number

ZERO = Decimal("0.0000")
# GL account members (wrapped codes) with the labels the service's messages use; subaccounts are segment lists.
ACCOUNT_LABELS = {
    "salesAccount": "Sales account",
    "salesNonTaxableAccount": "Sales non-taxable account",
    "salesEuAccount": "Sales EU account",
    "salesExportAccount": "Sales export account",
    "cogsAccount": "COGS account",
    "inventoryAccount": "Inventory account",
    "expenseAccount": "Expense account",
    "expenseAccrualAccount": "Expense accrual account",
    "expenseNonTaxableAccount": "Expense non-taxable account",
    "expenseEuAccount": "Expense EU account",
    "expenseImportAccount": "Expense import account",
}
SUBACCOUNTS = ("salesSubaccount", "cogsSubaccount", "expenseSubaccount")
_PACKAGING_NUMBERS = {"baseItemWeight": "Base item weight", "baseItemVolume": "Base item volume"}
_INTRASTAT = ("cN8", "countryOfOrigin", "supplementaryMeasureUnit")


def _code(value: Any) -> str | None:
    return (value or "").strip() or None


# --- what rendering loads beyond the rows -----------------------------------------------------------------


@dataclass(frozen=True)
class ItemReferences:
    """The VAT categories, GL accounts and subaccounts a page of items names, by code."""

    vat_categories: dict[str, Any] = field(default_factory=dict)
    accounts: dict[str, Any] = field(default_factory=dict)
    subaccounts: dict[str, Any] = field(default_factory=dict)


_NONE_LOADED = ItemReferences()
_REFERENCES = "_rendering_references"


def prepare_items(session: Session, company_id: int, items: Sequence[InventoryItem], view: frozenset[str]) -> None:
    """What rendering the items needs beyond their rows, one query each: their attachments, and the VAT
    categories, accounts and subaccounts their codes name (shared by the page)."""
    load_attachments(session, items, OwnerKind.INVENTORY_ITEM)
    references = ItemReferences(
        load_by_codes(session, VatCategory, VatCategory.category_id, company_id, [i.vat_category_code for i in items]),
        load_by_codes(
            session, Account, Account.account_cd, company_id, [code for i in items for code in i.accounts.values()]
        ),
        load_by_codes(
            session,
            Subaccount,
            Subaccount.subaccount_cd,
            company_id,
            [subaccount_number(s) for i in items for s in i.subaccounts.values()],
        ),
    )
    for item in items:
        setattr(item, _REFERENCES, references)
    if COST_STATISTICS in view:
        _load_costs(session, [item for item in items if item.stock_item])
    if WAREHOUSE_DETAILS in view:
        _load_quantities(session, [item for item in items if item.stock_item])
    if SALES_CATEGORIES in view:
        load_categories(session, items)


# The list flags that ask for `costPriceStatistics`, `warehouseDetails` and `salesCategories` (a single GET
# always has them).
COST_STATISTICS = "addCostPriceStatistics"
WAREHOUSE_DETAILS = "expandWarehouseDetail"
SALES_CATEGORIES = "expandSalesCategories"
_COSTS = "_rendering_costs"
_QUANTITIES = "_rendering_quantities"


def _load_quantities(session: Session, items: Sequence[InventoryItem]) -> None:
    """Each stock item's quantity on hand and available per warehouse, in one query: available is what is at
    locations included in the quantity available (all of it in a warehouse without locations)."""
    found: dict[int, dict[int, list[Decimal]]] = {item.id: {} for item in items}
    if found:
        statement = (
            select(StockQuantity.item_id, StockQuantity.warehouse_id, StockQuantity.on_hand, WarehouseLocation)
            .outerjoin(WarehouseLocation, WarehouseLocation.id == StockQuantity.location_id)
            .where(StockQuantity.item_id.in_(list(found)), StockQuantity.on_hand != 0)
        )
        for item_id, warehouse_id, on_hand, place in session.execute(statement):
            totals = found[item_id].setdefault(warehouse_id, [Decimal(0), Decimal(0)])
            totals[0] += on_hand
            if place is None or place.include_in_available:
                totals[1] += on_hand
    for item in items:
        setattr(item, _QUANTITIES, found[item.id])


def _load_costs(session: Session, items: Sequence[InventoryItem]) -> None:
    """Each stock item's cost layers, as (quantity, value) pairs with a quantity, in one query."""
    layers: dict[int, list[tuple[Decimal, Decimal]]] = {item.id: [] for item in items}
    if layers:
        statement = select(CostLayer.item_id, CostLayer.quantity, CostLayer.value).where(
            CostLayer.item_id.in_(list(layers)), CostLayer.quantity > 0
        )
        for item_id, quantity, value in session.execute(statement):
            layers[item_id].append((quantity, value))
    for item in items:
        setattr(item, _COSTS, layers[item.id])


def _references(item: InventoryItem) -> ItemReferences:
    return getattr(item, _REFERENCES, _NONE_LOADED)


# --- scalars ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FlaggedScalar(Scalar):
    """A scalar a list leaves out when its expand flag is false (`note` with `expandNote`)."""

    when: str | None = None


@dataclass(frozen=True)
class Amount(Scalar):
    """A money scalar that cannot be negative (`defaultPrice`), a JSON number on the wire."""

    kind: Any = Decimal
    cleared: Any = Decimal(0)

    def schema(self) -> Any:
        return DecimalNumber

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        if value is not None and value < 0:
            return [f"'{self.label}' cannot be less than 0."]
        return super().write(writing, record, value)


@dataclass(frozen=True)
class CodeWithoutDescription(Scalar):
    """A code of a table nettfin does not serve (`lotSerialClass`): written plain, read as `{"id": ...}`."""

    def schema(self) -> Any:
        return IdDescription

    def read(self, record: Any) -> Any:
        code = super().read(record)
        return None if code is None else {"id": code}


@dataclass(frozen=True)
class ItemType(Scalar):
    """`type`: an item stays a stock item, or a non-stock item, for its life."""

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        was_stock = record.stock_item
        problems = super().write(writing, record, value)
        if problems or writing.inserting or not record.item_type or record.stock_item == was_stock:
            return problems
        return [
            f"'Type' cannot change between stock and non-stock items: '{record.item_type}' is {stock_kind(record)} "
            "item type."
        ]


# --- codes read with their descriptions -------------------------------------------------------------------


@dataclass(frozen=True)
class VatCode(Member):
    """`vatCode`: a VAT category by its code, read with the category's description."""

    wire: str = "vatCode"
    description: str = "The item's VAT category."

    def schema(self) -> Any:
        return IdDescription

    def read(self, record: Any) -> Any:
        code = record.vat_category_code
        if code is None:
            return None
        category = _references(record).vat_categories.get(code)
        return {"id": code, "description": category.description if category else None}

    def write_schema(self) -> Any:
        return Value[str]

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        code = _code(value)
        record.vat_category_code = code
        column = VatCategory.category_id
        return resolve_code(writing.session, VatCategory, column, writing.company_id, code, "VAT category")[1]


@dataclass(frozen=True)
class AccountCode(Member):
    """A GL account member the client writes by number (`salesAccount`) and reads in `accountInformation`."""

    wire: str
    label: str

    def schema(self) -> Any:
        return None

    def write_schema(self) -> Any:
        return Value[str]

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        code = _code(value)
        accounts = {wire: number for wire, number in (record.accounts or {}).items() if wire != self.wire}
        record.accounts = {**accounts, self.wire: code} if code else accounts
        return resolve_code(writing.session, Account, Account.account_cd, writing.company_id, code, self.label)[1]


@dataclass(frozen=True)
class SubaccountSegments(Member):
    """A subaccount member the client writes as segments (`salesSubaccount`) and reads in `accountInformation`."""

    wire: str

    def schema(self) -> Any:
        return None

    def write_schema(self) -> Any:
        return list[SegmentUpdateDto]

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        found, problems = segments(self.wire, value)
        kept = {wire: s for wire, s in (record.subaccounts or {}).items() if wire != self.wire}
        record.subaccounts = {**kept, self.wire: found} if found else kept
        return problems


def account_information(item: InventoryItem) -> dict:
    """The item's GL accounts and subaccounts with their types and descriptions."""
    references = _references(item)
    rendered: dict[str, dict | None] = {}
    for wire in ACCOUNT_LABELS:
        code = (item.accounts or {}).get(wire)
        account = references.accounts.get(code)
        rendered[wire] = (
            None
            if code is None
            else {
                "type": account.type if account else None,
                "number": code,
                "description": account.description if account else None,
            }
        )
    for wire in SUBACCOUNTS:
        number = subaccount_number((item.subaccounts or {}).get(wire))
        subaccount = references.subaccounts.get(number)
        rendered[wire] = (
            None
            if number is None
            else {
                "active": subaccount.active if subaccount else True,
                "id": number,
                "description": subaccount.description if subaccount else None,
            }
        )
    return rendered


# --- the plain holders ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Packaging(Member):
    """`packaging`: weights and volumes, kept as exact decimal text."""

    wire: str = "packaging"

    def schema(self) -> Any:
        return PackagingDto

    def read(self, record: Any) -> Any:
        stored = record.packaging or {}
        return {
            "baseItemWeight": Decimal(stored.get("baseItemWeight") or ZERO),
            "weightUOM": stored.get("weightUOM"),
            "baseItemVolume": Decimal(stored.get("baseItemVolume") or ZERO),
            "volumeUOM": stored.get("volumeUOM"),
        }

    def write_schema(self) -> Any:
        return PackagingUpdateDto

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        sent = {k: format(v, "f") if isinstance(v, Decimal) else v for k, v in value.items()}
        record.packaging = merge_nested(record.packaging, sent)
        return [
            f"'{label}' cannot be less than 0."
            for wire, label in _PACKAGING_NUMBERS.items()
            if Decimal(record.packaging.get(wire) or 0) < 0
        ]


@dataclass(frozen=True)
class Intrastat(Member):
    """`intrastat`: the commodity code, the country of origin (upper case, a known country) and the unit."""

    wire: str = "intrastat"

    def schema(self) -> Any:
        return IntrastatDto

    def read(self, record: Any) -> Any:
        return {key: (record.intrastat or {}).get(key) for key in _INTRASTAT}

    def write_schema(self) -> Any:
        return IntrastatUpdateDto

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        record.intrastat = merge_nested(record.intrastat, value)
        country = record.intrastat.get("countryOfOrigin")
        if not country:
            return []
        record.intrastat["countryOfOrigin"] = country = country.upper()
        return [] if country in COUNTRIES else [f"intrastat: {messages.cannot_be_found('Country', country)}"]


def _cost(amount: Decimal) -> Decimal:
    return amount.quantize(ZERO)


@dataclass(frozen=True)
class CostStatistics(Member):
    """`costPriceStatistics`: stock items' costs, in lists with `addCostPriceStatistics=true`; the client sets the
    last cost. The average cost is the stock on hand's (its cost layers' value over their quantity, every
    warehouse); the minimum and maximum are the unit costs of the layers holding stock (FIFO: each receipt's; average
    and standard: each warehouse's). No stock: 0."""

    wire: str = "costPriceStatistics"
    when: str | None = None

    def schema(self) -> Any:
        return CostPriceStatisticsDto

    def read(self, record: Any) -> Any:
        if not record.stock_item:
            return None
        layers = getattr(record, _COSTS, [])
        quantity = sum((q for q, _ in layers), Decimal(0))
        units = [value / q for q, value in layers]
        average = sum((v for _, v in layers), Decimal(0)) / quantity if quantity else ZERO
        return {
            "lastCost": record.last_cost,
            "averageCost": _cost(average),
            "minCost": _cost(min(units, default=ZERO)),
            "maxCost": _cost(max(units, default=ZERO)),
        }

    def write_schema(self) -> Any:
        return CostPriceStatisticsUpdateDto

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        if "lastCost" not in value:
            return []
        cost = Decimal(0) if value["lastCost"] is None else value["lastCost"]
        record.last_cost = cost
        if cost < 0:
            return ["'Last cost' cannot be less than 0."]
        problem = fits_column(InventoryItem.__table__.c.last_cost, cost, "Last cost")
        return [problem] if problem else []


# --- the keyed lines --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CrossReferences(Member):
    """`crossReferences`: other parties' codes for the item, each named by alternate type and alternate ID."""

    wire: str = "crossReferences"
    when: str | None = None

    def schema(self) -> Any:
        return list[InventoryCrossReferenceDto]

    def read(self, record: Any) -> Any:
        stamp = time_stamp(record.row_version)
        return [
            {
                "alternateType": reference.alternate_type,
                "alternateID": reference.alternate_id,
                "description": reference.description,
                "isDefault": False,
                "uom": reference.uom,
                "timestamp": stamp,
            }
            for reference in record.cross_references
        ]

    def write_schema(self) -> Any:
        return list[CrossReferenceUpdateDto]

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        return apply_cross_references(record, value or [])


@dataclass(frozen=True)
class WarehouseDetails(Member):
    """`warehouseDetails`: the warehouses the item is kept in, named by warehouse. The item's check applies the
    sent lines (`lines.apply_warehouse_details`), after the class's defaults and the default warehouse, so that
    a line's `isDefault` has the last word. The quantities are the stock on hand (`prepare_items` loads them)."""

    wire: str = "warehouseDetails"
    when: str | None = None

    def schema(self) -> Any:
        return list[WarehouseDetailDto]

    def read(self, record: Any) -> Any:
        quantities = getattr(record, _QUANTITIES, {})
        return [
            {
                "isDefault": detail.is_default,
                "warehouse": detail.warehouse.warehouse_id,
                "quantityOnHand": _quantity(quantities, detail.warehouse_id, 0),
                "available": _quantity(quantities, detail.warehouse_id, 1),
                "availableForShipment": _quantity(quantities, detail.warehouse_id, 1),
                "lastModifiedDateTime": format_datetime(detail.last_modified_at),
            }
            for detail in record.warehouses
        ]

    def write_schema(self) -> Any:
        return list[WarehouseDetailUpdateDto]


def _quantity(quantities: dict[int, list[Decimal]], warehouse_id: int, index: int) -> Decimal:
    found = quantities.get(warehouse_id)
    return ZERO if found is None else found[index].quantize(ZERO)


def stock_kind(item: InventoryItem) -> str:
    """How messages name what the item's type makes it."""
    return "a stock" if item.item_type in STOCK_TYPES else "a non-stock"
