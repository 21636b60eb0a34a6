"""Deferral codes (DR202000) as the API serves them: `/v1/deferralCode` list (paged) and get, a read-only
`kit.resource` declaration. nettfin keeps the codes (the demo has two) and recognises no deferrals yet: no
document names a deferral code (docs/compatibility.md, "Deferral codes")."""

from __future__ import annotations

from enum import StrEnum

from pydantic import create_model

from ..identity.auth import company_context
from ..kit.records import RecordKey
from ..kit.resource import ERROR_INFO, READ_ONLY, Computed, Resource, Texts
from ..kit.resource_routes import resource_router
from .models import DeferralCode

RESOURCE = "deferralCode"


class RecognitionMethod(StrEnum):
    EvenPeriods = "EvenPeriods"
    ProrateDays = "ProrateDays"
    ExactDays = "ExactDays"
    FlexibileProrateDays = "FlexibileProrateDays"
    FlexibileExactDays = "FlexibileExactDays"
    CashReceipt = "CashReceipt"


class CodeType(StrEnum):
    Income = "Income"
    Expense = "Expense"


AccountShape = create_model("deferralAccountInDeferralCodeDto", id=(str | None, None), description=(str | None, None))
SubaccountShape = create_model(
    "deferralSubInDeferralCodeDto",
    active=(bool | None, None),
    id=(str | None, None),
    description=(str | None, None),
)


def _account(code: DeferralCode) -> dict | None:
    account = code.deferral_account
    return None if account is None else {"id": account.account_cd, "description": account.description}


def _subaccount(code: DeferralCode) -> dict | None:
    sub = code.deferral_subaccount
    return None if sub is None else {"active": sub.active, "id": sub.subaccount_cd, "description": sub.description}


DEFERRAL_CODE = Resource(
    name=RESOURCE,
    model=DeferralCode,
    path="/v1/deferralCode",
    tag="DeferralCode",
    label="Deferral code",
    key=RecordKey("deferralCode", DeferralCode.deferral_code_cd, "Deferral code"),
    key_param="deferralCodeId",
    members=(
        Computed("deferralCode", str, lambda code: code.deferral_code_cd, "The unique code for the deferral type."),
        Computed("description", str, lambda code: code.description or None),
        Computed("deferredRevenueFromItem", bool, lambda code: code.deferred_revenue_from_item),
        Computed("recognitionMethod", RecognitionMethod, lambda code: code.recognition_method),
        Computed("codeType", CodeType, lambda code: code.code_type),
        Computed("deferralAccount", AccountShape, _account),
        Computed("deferralSub", SubaccountShape, _subaccount),
        ERROR_INFO,
    ),
    texts=Texts(
        list="Get a range of Deferral Codes - ScreenId=DR202000",
        get="Get a specific Deferral Code",
        key="Identifies the Deferral Code",
    ),
    dto="DeferralCodeDto",
    operations=READ_ONLY,
)

router = resource_router(DEFERRAL_CODE, company_context)
