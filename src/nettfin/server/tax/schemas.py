"""The VAT DTOs' enums with the service's values (reference 3.9-3.11; the OpenAPI documents visma-vat,
visma-vatcategory and visma-vatzone decide), misspellings included (`DocumenTaxAmount`, `ToPromtPayment`).
The DTOs themselves are the declarations' (`resources.py`)."""

from __future__ import annotations

from ..kit.wire import WireEnum


class VatType(WireEnum):
    Sales = "Sales"
    Use = "Use"
    Vat = "Vat"
    Withholding = "Withholding"
    ExemptVat = "ExemptVat"
    StatisticalVat = "StatisticalVat"
    DirectVat = "DirectVat"
    PendingVat = "PendingVat"
    ReverseVat = "ReverseVat"


class CalculateOn(WireEnum):
    ExtractFromItemAmount = "ExtractFromItemAmount"
    ItemAmount = "ItemAmount"
    ItemTaxAmount = "ItemTaxAmount"
    DocumentAmount = "DocumentAmount"
    DocumenTaxAmount = "DocumenTaxAmount"


class CashDiscount(WireEnum):
    ToTaxableAmount = "ToTaxableAmount"
    ToPromtPayment = "ToPromtPayment"
    ToTaxAmount = "ToTaxAmount"
    AdjustTax = "AdjustTax"
    NoAdjust = "NoAdjust"


class EuReportCode(WireEnum):
    SalesOfGoods = "SalesOfGoods"
    Triangulation = "Triangulation"
    SalesOfService = "SalesOfService"


class VismaXmlVatType(WireEnum):
    VatTypeHigh = "VatTypeHigh"
    VatTypeMedium = "VatTypeMedium"
    VatTypeLow = "VatTypeLow"
    VatTypeZero = "VatTypeZero"
    VatTypeExempt = "VatTypeExempt"


class GroupType(WireEnum):
    Output = "Output"
    Input = "Input"
