"""Cash accounts (CA202000) as the API serves them: `/v1/cashaccount` list and get, a read-only `kit.resource`
declaration over the GL accounts flagged `cashAccount`.

A cash account is not a record of its own in nettfin: payments name their `cashAccount` by a GL account's
number and are refused unless that account is flagged, so the cash accounts are exactly the flagged accounts
(docs/compatibility.md, "Cash accounts"). Each reads with its GL account, the subaccount cash postings take
(the SUBACCOUNT dimension's default values, as a payment's cash line posts), and its currency: the account's,
else the company's base currency. Entry types (CA203000) are not served.
"""

from __future__ import annotations

from typing import Any

from pydantic import create_model
from sqlalchemy.orm import Session

from ..identity.auth import company_context
from ..identity.companies import base_currency
from ..kit.records import RecordKey, load_by_codes
from ..kit.resource import LAST_MODIFIED, READ_ONLY, Computed, GreaterThan, Ignored, ModifiedSince, Resource, Texts
from ..kit.resource_routes import resource_router
from .models import Account, Subaccount
from .references import subaccount_ref
from .schemas import AccountType, SegmentDto
from .segments import compose_subaccount
from .subaccounts import dimension_rule, segment_names

AccountShape = create_model(
    "accountInCashAccountDto",
    type=(AccountType | None, None),
    number=(str | None, None),
    description=(str | None, None),
)
SubaccountShape = create_model(
    "subaccountInCashAccountDto",
    subaccountNumber=(str | None, None),
    subaccountId=(int | None, None),
    description=(str | None, None),
    lastModifiedDateTime=(str | None, None),
    active=(bool | None, None),
    segments=(list[SegmentDto] | None, None),
    timeStamp=(str | None, None),
    errorInfo=(str | None, None),
)


def _prepare(session: Session, company_id: int, accounts: list, view: frozenset[str]) -> None:
    """What the accounts read beyond their rows: the base currency and the default subaccount, kept on each
    account as `cash_reading` (not a column)."""
    rule = dimension_rule(session, company_id, with_combinations=False)
    subaccount = None
    if rule is not None:
        number, _ = compose_subaccount(rule, [])
        found = load_by_codes(session, Subaccount, Subaccount.subaccount_cd, company_id, [number]).get(number)
        subaccount = (
            subaccount_ref(found, segment_names(session, company_id)) if found else {"subaccountNumber": number}
        )
    currency = base_currency(session, company_id)
    for account in accounts:
        account.cash_reading = {"currency": account.currency or currency, "subaccount": subaccount}


def _reading(member: str) -> Any:
    return lambda account: account.cash_reading[member]


CASH_ACCOUNT = Resource(
    name="account",  # a view of the chart: the accounts' data version
    model=Account,
    path="/v1/cashaccount",
    tag="CashAccount",
    label="Cash account",
    key=RecordKey("number", Account.account_cd, "Cash account"),
    key_param="accountNumber",
    members=(
        LAST_MODIFIED,
        Computed("currency", str, _reading("currency"), "The account's currency, else the base currency."),
        Computed(
            "account",
            AccountShape,
            lambda a: {"type": a.type, "number": a.account_cd, "description": a.description},
            "The GL account: the cash account is the account flagged as one.",
        ),
        Computed("subaccount", SubaccountShape, _reading("subaccount"), "The subaccount cash postings take."),
        Computed("number", str, lambda a: a.account_cd, "The cash account's number: its GL account's."),
        Computed("description", str, lambda a: a.description),
    ),
    texts=Texts(
        list="Get all Cash Accounts - ScreenId=CA202000",
        get="Get a specific cash account",
        key="Identifies the cash account",
        notes="The GL accounts flagged `cashAccount`, by number; not paged.",
    ),
    dto="CashAccountDto",
    operations=READ_ONLY,
    filters=(GreaterThan(), Ignored(order_by=False), ModifiedSince()),
    paged=False,
    scope=(Account.cash_account.is_(True),),
    prepare=_prepare,
)

router = resource_router(CASH_ACCOUNT, company_context)
