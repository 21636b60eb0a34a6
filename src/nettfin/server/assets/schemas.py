"""The fixed asset DTOs' enums, as the real documents spell them."""

from __future__ import annotations

from ..kit.wire import WireEnum


class AssetStatus(WireEnum):
    ACTIVE = "Active"
    DISPOSED = "Disposed"
    FULLY_DEPRECIATED = "FullyDepreciated"
    HOLD = "Hold"
    REVERSED = "Reversed"
    SUSPENDED = "Suspended"


class PropertyType(WireEnum):
    PROPERTY = "Property"
    GRANT_PROPERTY = "GrantProperty"
    LEASED = "Leased"
    LEASED_TO_OTHERS = "LeasedtoOthers"
    RENTED = "Rented"
    RENTED_TO_OTHERS = "RentedtoOthers"
    CREDIT = "Credit"


class Origin(WireEnum):
    ADJUSTMENT = "Adjustment"
    PURCHASING = "Purchasing"
    DEPRECIATION = "Depreciation"
    DISPOSAL = "Disposal"
    TRANSFER = "Transfer"
    RECONCILIATION = "Reconciliation"
    SPLIT = "Split"
    REVERSAL = "Reversal"
    DISPOSAL_REVERSAL = "DisposalReversal"


class TransactionType(WireEnum):
    PURCHASING_PLUS = "PurchasingPlus"
    PURCHASING_MINUS = "PurchasingMinus"
    DEPRECIATION_PLUS = "DepreciationPlus"
    DEPRECIATION_MINUS = "DepreciationMinus"
    CALCULATED_PLUS = "CalculatedPlus"
    CALCULATED_MINUS = "CalculatedMinus"
    SALE_PLUS = "SalePlus"
    SALE_MINUS = "SaleMinus"
    TRANSFER_PURCHASING = "TransferPurchasing"
    TRANSFER_DEPRECIATION = "TransferDepreciation"
    RECONCILIATION_PLUS = "ReconciliationPlus"
    RECONCILIATION_MINUS = "ReconciliationMinus"
    PURCHASING_DISPOSAL = "PurchasingDisposal"
    PURCHASING_REVERSAL = "PurchasingReversal"
    ADJUSTING_DEPR_PLUS = "AdjustingDeprPlus"
    ADJUSTING_DEPR_MINUS = "AdjustingDeprMinus"


class RegisterStatus(WireEnum):
    BALANCED = "Balanced"
    ON_HOLD = "OnHold"
    POSTED = "Posted"
    UNPOSTED = "Unposted"
