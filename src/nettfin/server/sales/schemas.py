"""Sales order DTOs with the service's camelCase names (the Sales Order and Sales Order V2 OpenAPI documents,
whose DTOs are the same, decide). The write side says `lineNbr`, `inventoryNumber` and `salesOrderOperation`
where the read side says `lineNbr`, `inventory` and `operation`. The basic endpoints' DTOs (the Sales Order Basic
documents) are the same orders' with fewer members: `BASIC`, at the end."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel

from ..kit.document_shapes import OverrideAddressUpdate, OverrideContactUpdate
from ..kit.document_variants import variant
from ..kit.render import DecimalNumber
from ..kit.shapes import (
    AttachmentRefs,
    IdDescription,
    MetadataDto,
    NumberDescription,
    NumberName,
    SegmentUpdateDto,
    SubaccountRef,
)
from ..kit.wire import LineOperation, Value, WireEnum, WireModel


class SalesOrderStatus(WireEnum):
    Open = "Open"
    Hold = "Hold"
    CreditHold = "CreditHold"
    Completed = "Completed"
    Cancelled = "Cancelled"
    BackOrder = "BackOrder"
    Shipping = "Shipping"
    Invoiced = "Invoiced"
    PendingApproval = "PendingApproval"
    Voided = "Voided"


class SalesOrderOperation(WireEnum):
    Issue = "Issue"
    Receipt = "Receipt"


class ShipCompleteStatus(WireEnum):
    BackOrderAllowed = "BackOrderAllowed"
    CancelRemainder = "CancelRemainder"
    ShipComplete = "ShipComplete"


class ReplenishmentSource(WireEnum):
    DropShipToOrder = "DropShipToOrder"
    Manufactured = "Manufactured"
    none = "None"
    Purchased = "Purchased"
    PurchaseToOrder = "PurchaseToOrder"
    Transfer = "Transfer"


class RotRutType(WireEnum):
    Rut = "Rut"
    Rot = "Rot"


class Behavior(WireEnum):
    SalesOrder = "SalesOrder"
    Invoice = "Invoice"
    Quote = "Quote"
    RMAOrder = "RMAOrder"
    CreditMemo = "CreditMemo"


class CustomerDocumentType(WireEnum):
    Invoice = "Invoice"
    DebitMemo = "DebitMemo"
    CreditMemo = "CreditMemo"
    CashSale = "CashSale"
    CashReturn = "CashReturn"
    NoUpdate = "NoUpdate"


class ActionResult(WireEnum):
    Queued = "Queued"
    InProcess = "InProcess"
    Failed = "Failed"
    Done = "Done"


class SalesOrderAddressUpdateDto(OverrideAddressUpdate):
    pass


class SalesOrderContactUpdateDto(OverrideContactUpdate):
    pass


class RotRutDistributionUpdateDto(WireModel):
    operation: LineOperation | None = None
    lineNbr: Value[int] | None = None
    personalId: Value[str] | None = None
    amount: Value[Decimal] | None = None
    extra: Value[bool] | None = None


class RotRutUpdateDto(WireModel):
    distributedAutomaticaly: Value[bool] | None = None
    type: Value[RotRutType] | None = None
    appartment: Value[str] | None = None
    estate: Value[str] | None = None
    organizationNbr: Value[str] | None = None
    distribution: list[RotRutDistributionUpdateDto] | None = None


class SalesOrderLineUpdateDto(WireModel):
    """A line: `operation` plain, `lineNbr` names an existing line, `subaccount` plain segments."""

    invoiceNbr: Value[str] | None = None
    salesOrderOperation: Value[SalesOrderOperation] | None = None
    freeItem: Value[bool] | None = None
    requestedOn: Value[datetime] | None = None
    shipOn: Value[datetime] | None = None
    shipComplete: Value[ShipCompleteStatus] | None = None
    undershipThreshold: Value[Decimal] | None = None
    overshipThreshold: Value[Decimal] | None = None
    completed: Value[bool] | None = None
    markForPO: Value[bool] | None = None
    poSource: Value[ReplenishmentSource] | None = None
    lotSerialNbr: Value[str] | None = None
    expirationDate: Value[datetime] | None = None
    reasonCode: Value[str] | None = None
    salesPerson: Value[str] | None = None
    taxCategory: Value[str] | None = None
    commissionable: Value[bool] | None = None
    alternateID: Value[str] | None = None
    projectTask: Value[str] | None = None
    subaccount: list[SegmentUpdateDto] | None = None
    externalLink: Value[str] | None = None
    isRotRutDeductible: Value[bool] | None = None
    branchNumber: Value[str] | None = None
    operation: LineOperation | None = None
    lineNbr: Value[int] | None = None
    inventoryId: Value[str] | None = None
    inventoryNumber: Value[str] | None = None
    warehouse: Value[str] | None = None
    uom: Value[str] | None = None
    quantity: Value[Decimal] | None = None
    unitCost: Value[Decimal] | None = None
    unitPrice: Value[Decimal] | None = None
    discountPercent: Value[Decimal] | None = None
    discountAmount: Value[Decimal] | None = None
    discountCode: Value[str] | None = None
    manualDiscount: Value[bool] | None = None
    discUnitPrice: Value[Decimal] | None = None
    lineDescription: Value[str] | None = None
    note: Value[str] | None = None


class SalesOrderUpdateDto(WireModel):
    """Create and update body. Members are `{"value": ...}`-wrapped except `lines` and `rotRutDetails`."""

    project: Value[int] | None = None
    printDescriptionOnInvoice: Value[bool] | None = None
    printNoteOnExternalDocuments: Value[bool] | None = None
    printNoteOnInternalDocuments: Value[bool] | None = None
    soBillingContact: Value[SalesOrderContactUpdateDto] | None = None
    soBillingAddress: Value[SalesOrderAddressUpdateDto] | None = None
    customerVATZone: Value[str] | None = None
    invoiceSeparately: Value[bool] | None = None
    terms: Value[str] | None = None
    salesPerson: Value[str] | None = None
    owner: Value[str] | None = None
    origOrderType: Value[str] | None = None
    origOrderNbr: Value[str] | None = None
    soShippingContact: Value[SalesOrderContactUpdateDto] | None = None
    soShippingAddress: Value[SalesOrderAddressUpdateDto] | None = None
    schedShipment: Value[datetime] | None = None
    shipSeparately: Value[bool] | None = None
    shipComplete: Value[ShipCompleteStatus] | None = None
    cancelBy: Value[datetime] | None = None
    canceled: Value[bool] | None = None
    preferredWarehouse: Value[str] | None = None
    shipVia: Value[str] | None = None
    fobPoint: Value[str] | None = None
    priority: Value[int] | None = None
    shippingTerms: Value[str] | None = None
    shippingZone: Value[str] | None = None
    residentialDelivery: Value[bool] | None = None
    saturdayDelivery: Value[bool] | None = None
    insurance: Value[bool] | None = None
    transactionType: Value[int] | None = None
    paymentMethod: Value[str] | None = None
    cashAccount: Value[str] | None = None
    paymentRef: Value[str] | None = None
    isRotRutDeductible: Value[bool] | None = None
    emailed: Value[bool] | None = None
    rotRutDetails: RotRutUpdateDto | None = None
    lines: list[SalesOrderLineUpdateDto] | None = None
    orderType: Value[str] | None = None
    orderNumber: Value[str] | None = None
    hold: Value[bool] | None = None
    date: Value[datetime] | None = None
    requestOn: Value[datetime] | None = None
    customerOrder: Value[str] | None = None
    customerRefNo: Value[str] | None = None
    customer: Value[str] | None = None
    location: Value[str] | None = None
    contactId: Value[int] | None = None
    gln: Value[str] | None = None
    vatRegistrationId: Value[str] | None = None
    currency: Value[str] | None = None
    description: Value[str] | None = None
    recalculateShipment: Value[bool] | None = None
    branchNumber: Value[str] | None = None
    note: Value[str] | None = None
    overrideNumberSeries: Value[bool] | None = None


class CancelSalesOrderActionDto(WireModel):
    orderType: str | None = None


class ReopenSalesOrderActionDto(WireModel):
    saleOrderUpdateDto: SalesOrderUpdateDto | None = None


class CreatePurchaseOrderActionDto(WireModel):
    orderType: str | None = None
    preferSupplierFromSOLine: bool | None = None


# --- read side (documents the responses) -----------------------------------------------------------------


class SalesOrderCountryDto(BaseModel):
    id: str | None = None
    name: str | None = None


class SalesOrderAddressDto(BaseModel):
    overrideAddress: bool | None = None
    addressId: int | None = None
    addressLine1: str | None = None
    addressLine2: str | None = None
    addressLine3: str | None = None
    postalCode: str | None = None
    city: str | None = None
    country: SalesOrderCountryDto | None = None
    county: SalesOrderCountryDto | None = None


class SalesOrderContactDto(BaseModel):
    overrideContact: bool | None = None
    contactId: int | None = None
    name: str | None = None
    attention: str | None = None
    email: str | None = None
    web: str | None = None
    phone1: str | None = None
    phone2: str | None = None
    fax: str | None = None


class SalesOrderVatZoneDto(BaseModel):
    id: str | None = None
    description: str | None = None
    defaultVatCategory: str | None = None


class TransactionTypeDto(BaseModel):
    id: int | None = None
    description: str | None = None


class SalesOrderLocationDto(BaseModel):
    countryId: str | None = None
    id: str | None = None
    name: str | None = None


class CustomerRefDto(BaseModel):
    internalId: int | None = None
    number: str | None = None
    name: str | None = None


class SalesOrderShipmentDto(BaseModel):
    shipmentType: str | None = None
    shipmentNo: str | None = None
    shipmentDate: str | None = None
    shippedQty: DecimalNumber | None = None
    invoiceType: str | None = None
    invoiceNo: str | None = None


class SalesOrderLineDto(BaseModel):
    invoiceNbr: str | None = None
    operation: SalesOrderOperation | None = None
    freeItem: bool | None = None
    requestedOn: str | None = None
    shipOn: str | None = None
    shipComplete: ShipCompleteStatus | None = None
    undershipThreshold: DecimalNumber | None = None
    overshipThreshold: DecimalNumber | None = None
    completed: bool | None = None
    markForPO: bool | None = None
    poSource: ReplenishmentSource | None = None
    lotSerialNbr: str | None = None
    expirationDate: str | None = None
    reasonCode: str | None = None
    salesPerson: IdDescription | None = None
    taxCategory: str | None = None
    commissionable: bool | None = None
    alternateID: str | None = None
    projectTaskCd: str | None = None
    subaccount: SubaccountRef | None = None
    externalLink: str | None = None
    isRotRutDeductible: bool | None = None
    lineNbr: int | None = None
    sortOrder: int | None = None
    inventory: NumberDescription | None = None
    warehouse: IdDescription | None = None
    uom: str | None = None
    quantity: DecimalNumber | None = None
    qtyOnShipments: DecimalNumber | None = None
    openQty: DecimalNumber | None = None
    unitCost: DecimalNumber | None = None
    unitPrice: DecimalNumber | None = None
    unitPriceInBaseCurrency: DecimalNumber | None = None
    discountCode: str | None = None
    discountPercent: DecimalNumber | None = None
    discountAmount: DecimalNumber | None = None
    manualDiscount: bool | None = None
    discUnitPrice: DecimalNumber | None = None
    extPrice: DecimalNumber | None = None
    unbilledAmount: DecimalNumber | None = None
    lineDescription: str | None = None
    branchNumber: NumberName | None = None
    note: str | None = None
    attachments: AttachmentRefs = None


class SalesOrderDto(BaseModel):
    projectCD: str | None = None
    printDescriptionOnInvoice: bool | None = None
    printNoteOnExternalDocuments: bool | None = None
    printNoteOnInternalDocuments: bool | None = None
    soBillingContact: SalesOrderContactDto | None = None
    soBillingAddress: SalesOrderAddressDto | None = None
    customerVATZone: SalesOrderVatZoneDto | None = None
    invoiceSeparately: bool | None = None
    invoiceNbr: str | None = None
    invoiceDate: str | None = None
    terms: IdDescription | None = None
    salesPerson: IdDescription | None = None
    commissionPercent: str | None = None
    commissionAmount: str | None = None
    commissionableAmount: str | None = None
    origOrderType: str | None = None
    origOrderNbr: str | None = None
    soShippingContact: SalesOrderContactDto | None = None
    soShippingAddress: SalesOrderAddressDto | None = None
    schedShipment: str | None = None
    shipSeparately: bool | None = None
    shipComplete: ShipCompleteStatus | None = None
    cancelBy: str | None = None
    canceled: bool | None = None
    preferredWarehouse: IdDescription | None = None
    shipVia: IdDescription | None = None
    fobPoint: IdDescription | None = None
    priority: int | None = None
    shippingTerms: IdDescription | None = None
    shippingZone: IdDescription | None = None
    residentialDelivery: bool | None = None
    saturdayDelivery: bool | None = None
    insurance: bool | None = None
    transactionType: TransactionTypeDto | None = None
    paymentMethod: IdDescription | None = None
    cashAccount: str | None = None
    paymentRef: str | None = None
    isRotRutDeductible: bool | None = None
    emailed: bool | None = None
    lines: list[SalesOrderLineDto] | None = None
    shipments: list[SalesOrderShipmentDto] | None = None
    orderType: str | None = None
    orderNo: str | None = None
    status: SalesOrderStatus | None = None
    hold: bool | None = None
    date: str | None = None
    requestOn: str | None = None
    customerOrder: str | None = None
    customerRefNo: str | None = None
    customer: CustomerRefDto | None = None
    contactId: int | None = None
    location: SalesOrderLocationDto | None = None
    currency: str | None = None
    description: str | None = None
    orderTotal: DecimalNumber | None = None
    orderTotalInBaseCurrency: DecimalNumber | None = None
    vatTaxableTotal: DecimalNumber | None = None
    vatTaxableTotalInBaseCurrency: DecimalNumber | None = None
    vatExemptTotal: DecimalNumber | None = None
    vatExemptTotalInBaseCurrency: DecimalNumber | None = None
    taxTotal: DecimalNumber | None = None
    taxTotalInBaseCurrency: DecimalNumber | None = None
    exchangeRate: DecimalNumber | None = None
    discountTotal: DecimalNumber | None = None
    discountTotalInBaseCurrency: DecimalNumber | None = None
    lastModifiedDateTime: str | None = None
    branchNumber: NumberName | None = None
    note: str | None = None
    attachments: AttachmentRefs = None
    errorInfo: str | None = None
    metadata: MetadataDto | None = None


class SOCommissionDto(BaseModel):
    salesPersonId: str | None = None
    commissionPercent: DecimalNumber | None = None
    commissionAmount: DecimalNumber | None = None
    commissionableAmount: DecimalNumber | None = None


class RotRutDistributionDto(BaseModel):
    lineNbr: int | None = None
    personalId: str | None = None
    amount: DecimalNumber | None = None
    extra: bool | None = None


class RotRutBasicDto(BaseModel):
    distributedAutomaticaly: bool | None = None
    type: RotRutType | None = None
    appartment: str | None = None
    estate: str | None = None
    organizationNbr: str | None = None
    distribution: list[RotRutDistributionDto] | None = None


class PrepareInvoiceActionResultDto(BaseModel):
    referenceNumber: str | None = None
    actionId: str | None = None
    actionResult: ActionResult | None = None
    errorInfo: str | None = None


# --- the basic endpoints' DTOs (`/v1/salesorderbasic`, `/v2/salesorderbasic`) ---------------------------------


def _from(model: type[BaseModel], first: str) -> frozenset[str]:
    """`model`'s members before `first`: the basic DTOs are the order's from that member on, in its order."""
    names = list(model.model_fields)
    return frozenset(names[: names.index(first)])


# The order's header, lines, totals and notes: none of its billing, shipping, commission and ROT/RUT members.
BASIC = variant(
    SalesOrderDto,
    SalesOrderUpdateDto,
    names=("SalesOrderBasicDto", "SalesOrderBasicUpdateDto"),
    dropped=_from(SalesOrderDto, "lines") | {"shipments"},
    write_dropped=_from(SalesOrderUpdateDto, "lines"),
    lines=("lines", SalesOrderLineDto, SalesOrderLineUpdateDto),
    line_names=("SalesOrderDocumentLineDto", "SalesOrderBasicLineUpdateDto"),
    line_dropped=_from(SalesOrderLineDto, "lineNbr"),
    line_write_dropped=_from(SalesOrderLineUpdateDto, "branchNumber"),
)
