"""Purchase order DTOs with the service's camelCase names (reference 3.4; the 2026 Purchase Order OpenAPI
decides). The read side says `lineNbr` and `sub` where the write side says `lineNumber` and `sub`
(`subaccount` is accepted too, as other documents spell it)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel

from ..kit.document_shapes import OverriddenAddress, OverrideAddressUpdate, OverrideContactUpdate, TaxDetailDto
from ..kit.render import DecimalNumber
from ..kit.shapes import (
    AccountRef,
    ContactDto,
    IdDescription,
    IdName,
    MetadataDto,
    NumberDescription,
    NumberName,
    SegmentUpdateDto,
)
from ..kit.wire import LineOperation, Value, WireEnum, WireModel


class PurchaseOrderType(WireEnum):
    RegularOrder = "RegularOrder"
    DropShip = "DropShip"
    Blanket = "Blanket"
    StandardBlanket = "StandardBlanket"


class PurchaseOrderStatus(WireEnum):
    Balanced = "Balanced"
    Cancelled = "Cancelled"
    Closed = "Closed"
    Hold = "Hold"
    Open = "Open"
    PendingEmail = "PendingEmail"
    PendingPrint = "PendingPrint"
    Printed = "Printed"
    Voided = "Voided"


class PoLineType(WireEnum):
    GoodsForInventory = "GoodsForInventory"
    GoodsForSalesOrder = "GoodsForSalesOrder"
    GoodsForReplenishment = "GoodsForReplenishment"
    GoodsForDropShip = "GoodsForDropShip"
    NonStockForDropShip = "NonStockForDropShip"
    NonStockForSalesOrder = "NonStockForSalesOrder"
    NonStock = "NonStock"
    Service = "Service"
    Freight = "Freight"
    Description = "Description"


class ReceiptAction(WireEnum):
    Reject = "Reject"
    AcceptButWarn = "AcceptButWarn"
    Accept = "Accept"


class ShippingDestinationType(WireEnum):
    CompanyLocation = "CompanyLocation"
    Customer = "Customer"
    Vendor = "Vendor"
    Site = "Site"


class PurchaseOrderAddressUpdateDto(OverrideAddressUpdate):
    pass


class PurchaseOrderContactUpdateDto(OverrideContactUpdate):
    pass


class CustomFieldsUpdate(WireModel):
    """The custom free fields every purchase order write model carries."""

    customStr1: Value[str] | None = None
    customStr2: Value[str] | None = None
    customStr3: Value[str] | None = None
    customStr4: Value[str] | None = None
    customStr5: Value[str] | None = None
    customDec1: Value[Decimal] | None = None
    customDec2: Value[Decimal] | None = None
    customInt1: Value[int] | None = None
    customInt2: Value[int] | None = None
    customDateTimeUTC1: Value[datetime] | None = None


CUSTOM_FIELDS = tuple(CustomFieldsUpdate.model_fields)


class PurchaseOrderLineUpdateDto(CustomFieldsUpdate):
    """A line: `operation` plain, `lineNumber` names an existing line, `sub` plain segments."""

    operation: LineOperation | None = None
    lineNumber: Value[int] | None = None
    branch: Value[str] | None = None
    inventory: Value[str] | None = None
    lineType: Value[PoLineType] | None = None
    warehouse: Value[str] | None = None
    lineDescription: Value[str] | None = None
    uom: Value[str] | None = None
    orderQty: Value[Decimal] | None = None
    unitCost: Value[Decimal] | None = None
    extCost: Value[Decimal] | None = None
    discountAmount: Value[Decimal] | None = None
    discountPercent: Value[Decimal] | None = None
    manualDiscount: Value[bool] | None = None
    discountCode: Value[str] | None = None
    amount: Value[Decimal] | None = None
    alternateId: Value[str] | None = None
    minReceipt: Value[Decimal] | None = None
    maxReceipt: Value[Decimal] | None = None
    completeOn: Value[Decimal] | None = None
    receiptAction: Value[ReceiptAction] | None = None
    taxCategory: Value[str] | None = None
    account: Value[str] | None = None
    sub: list[SegmentUpdateDto] | None = None
    project: Value[str] | None = None
    projectTask: Value[str] | None = None
    requested: Value[datetime] | None = None
    promised: Value[datetime] | None = None
    note: Value[str] | None = None
    completed: Value[bool] | None = None


class DiscountDetailUpdateDto(WireModel):
    operation: LineOperation | None = None
    lineNbr: Value[int] | None = None
    skipDiscount: Value[bool] | None = None
    discountCode: Value[str] | None = None
    sequanceID: Value[str] | None = None


class PurchaseOrderUpdateDto(CustomFieldsUpdate):
    """Create and update body. Members are `{"value": ...}`-wrapped except `lines`, `discountDetails`,
    `changeDatesOnLines` and `timeStamp`."""

    shippingDestinationType: Value[ShippingDestinationType] | None = None
    shipTo: Value[str] | None = None
    shippingLocation: Value[str] | None = None
    shippingContact: Value[PurchaseOrderContactUpdateDto] | None = None
    shippingAddress: Value[PurchaseOrderAddressUpdateDto] | None = None
    fobPoint: Value[str] | None = None
    shipVia: Value[str] | None = None
    shipTerms: Value[str] | None = None
    remitContact: Value[PurchaseOrderContactUpdateDto] | None = None
    remitAddress: Value[PurchaseOrderAddressUpdateDto] | None = None
    terms: Value[str] | None = None
    supplierVatZone: Value[str] | None = None
    discountDetails: list[DiscountDetailUpdateDto] | None = None
    dontPrint: Value[bool] | None = None
    dontEmail: Value[bool] | None = None
    orderType: Value[PurchaseOrderType] | None = None
    orderNumber: Value[str] | None = None
    hold: Value[bool] | None = None
    date: Value[datetime] | None = None
    promisedOn: Value[datetime] | None = None
    description: Value[str] | None = None
    supplier: Value[str] | None = None
    location: Value[str] | None = None
    gln: Value[str] | None = None
    vatRegistrationId: Value[str] | None = None
    owner: Value[str] | None = None
    currency: Value[str] | None = None
    exchangeRate: Value[Decimal] | None = None
    supplierRef: Value[str] | None = None
    controlTotal: Value[Decimal] | None = None
    branch: Value[str] | None = None
    lines: list[PurchaseOrderLineUpdateDto] | None = None
    changeDatesOnLines: bool | None = None
    note: Value[str] | None = None
    overrideNumberSeries: Value[bool] | None = None
    timeStamp: str | None = None


# --- read side (documents the responses) -----------------------------------------------------------------


class SubaccountDto(BaseModel):
    subaccountNumber: str | None = None
    subaccountId: int | None = None
    description: str | None = None
    lastModifiedDateTime: str | None = None
    active: bool
    segments: list[dict] = []
    timeStamp: str | None = None
    errorInfo: str | None = None


class AccountRefDto(AccountRef):
    pass


class PartyRef(BaseModel):
    internalId: int | None = None
    number: str | None = None
    name: str | None = None


class CustomFieldsDto(BaseModel):
    """The custom free fields of an order and its lines, sent when asked for; the decimal, integer and date ones
    are left out when unset."""

    customStr1: str | None = None
    customStr2: str | None = None
    customStr3: str | None = None
    customStr4: str | None = None
    customStr5: str | None = None
    customDec1: DecimalNumber | None = None
    customDec2: DecimalNumber | None = None
    customInt1: int | None = None
    customInt2: int | None = None
    customDateTimeUTC1: str | None = None


class PurchaseOrderAddressDto(OverriddenAddress):
    pass


class PurchaseOrderContactDto(ContactDto):
    overrideContact: bool


class PurchaseOrderLineDto(CustomFieldsDto):
    lineNbr: int
    branch: NumberName | None = None
    inventory: NumberDescription | None = None
    lineType: PoLineType
    warehouse: IdDescription | None = None
    lineDescription: str | None = None
    uom: str | None = None
    orderQty: DecimalNumber
    baseOrderQty: DecimalNumber
    qtyOnReceipts: DecimalNumber
    unitCost: DecimalNumber
    unitCostInBaseCurrency: DecimalNumber
    discountUnitCost: DecimalNumber
    extCost: DecimalNumber
    discountPercent: DecimalNumber
    discountAmount: DecimalNumber
    manualDiscount: bool
    discountCode: NumberDescription | None = None
    amount: DecimalNumber
    receivedAmt: DecimalNumber
    alternateId: str | None = None
    minReceipt: DecimalNumber
    maxReceipt: DecimalNumber
    completeOn: DecimalNumber
    receiptAction: ReceiptAction
    taxCategory: NumberDescription | None = None
    account: AccountRefDto | None = None
    sub: SubaccountDto | None = None
    project: dict | None = None
    projectTask: dict | None = None
    requested: str | None = None
    promised: str | None = None
    completed: bool
    canceled: bool
    orderType: PurchaseOrderType | None = None
    orderNumber: str | None = None
    note: str | None = None


class PurchaseOrderDto(CustomFieldsDto):
    orderType: PurchaseOrderType
    orderNbr: str
    status: PurchaseOrderStatus
    hold: bool
    date: str
    promisedOn: str | None = None
    description: str | None = None
    supplier: PartyRef
    location: IdName | None = None
    owner: IdName | None = None
    currency: str
    supplierRef: str | None = None
    exchangeRate: DecimalNumber
    lineTotal: DecimalNumber
    lineTotalInBaseCurrency: DecimalNumber
    vatExemptTotal: DecimalNumber
    vatExemptTotalInBaseCurrency: DecimalNumber
    taxTotal: DecimalNumber
    taxTotalInBaseCurrency: DecimalNumber
    orderTotal: DecimalNumber
    orderTotalInBaseCurrency: DecimalNumber
    controlTotal: DecimalNumber
    controlTotalInBaseCurrency: DecimalNumber
    openQuantity: DecimalNumber
    openBalance: DecimalNumber
    branch: NumberName | None = None
    shippingDestinationType: ShippingDestinationType
    shipTo: IdName | None = None
    shippingLocation: IdName | None = None
    warehouse: IdDescription | None = None
    shippingContact: PurchaseOrderContactDto
    shippingAddress: PurchaseOrderAddressDto
    fobPoint: str | None = None
    shipVia: str | None = None
    shipTerms: str | None = None
    remitContact: PurchaseOrderContactDto
    remitAddress: PurchaseOrderAddressDto
    terms: IdDescription | None = None
    supplierVatZone: dict | None = None
    discountDetails: list[dict]
    dontPrint: bool
    printed: bool
    dontEmail: bool
    emailed: bool
    lines: list[PurchaseOrderLineDto]
    taxDetails: list[TaxDetailDto]
    purchaseReceipts: list[dict]
    lastModifiedDateTime: str
    note: str | None = None
    timeStamp: str
    errorInfo: str | None = None
    metadata: MetadataDto | None = None
