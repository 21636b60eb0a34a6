"""The chart of accounts (GL202500) as the API serves it: `/v1/account` list, get, create and update.

The resource is a `kit.resource` declaration. What is the chart's own: the account class member (choosing a
class gives the account the class's type unless the body sends one), the checks of the whole record (type and
description required, a three-letter currency, Summary or Detail posting, a VAT category that exists), and
the codes written as `extenalCode1` (spelled as the service spells it) and read back as `externalCode1Info`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..identity.auth import company_context
from ..kit import messages
from ..kit.records import RecordKey, resolve_code
from ..kit.resource import (
    ERROR_INFO,
    LAST_MODIFIED,
    TIME_STAMP,
    Computed,
    Equals,
    Flag,
    GreaterThan,
    Ignored,
    Member,
    ModifiedSince,
    Resource,
    Scalar,
    Texts,
    Writing,
)
from ..kit.resource_routes import resource_router
from ..kit.shapes import NumberDescription
from ..kit.wire import Value
from ..tax.models import VatCategory
from .models import Account, AccountClass
from .schemas import AccountType

RESOURCE = "account"
POST_OPTIONS = ("Summary", "Detail")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
CLASS_DESCRIPTION = "includeAccountClassDescription"


@dataclass(frozen=True)
class AccountClassMember(Member):
    """`accountClass`: optional; a class chosen gives the account its type when the body sends none."""

    wire: str = "accountClass"
    description: str = "The account class (GL202000), by its id."

    def read(self, record: Any) -> Any:
        return record.account_class.class_id if record.account_class else None

    def write_schema(self) -> Any:
        return Value[str]

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        code = (value or "").strip()
        if not code:
            record.account_class = None
            return []
        found, problems = resolve_code(
            writing.session, AccountClass, AccountClass.class_id, writing.company_id, code, "Account class"
        )
        if found is not None:
            record.account_class = found
            if "type" not in writing.changes:
                record.type = found.type
        return problems


def _check(writing: Writing, account: Account) -> list[str]:
    """The whole record, after the body's changes: what the service refuses to save."""
    problems = []
    if not account.type:
        problems.append(messages.cannot_be_empty("Type"))
    if not account.description:
        problems.append(messages.cannot_be_empty("Description"))
    if account.currency is not None and not _CURRENCY.match(account.currency):
        problems.append(messages.cannot_be_found("Currency", account.currency))
    option = {o.casefold(): o for o in POST_OPTIONS}.get((account.post_option or "").casefold())
    if option is None:
        problems.append(f"'Post option' must be Summary or Detail, got '{account.post_option}'.")
    else:
        account.post_option = option
    if account.tax_category is not None and not _vat_category_exists(writing, account):
        problems.append(messages.cannot_be_found("VAT category", account.tax_category))
    return problems


def _vat_category_exists(writing: Writing, account: Account) -> bool:
    statement = select(VatCategory.id).where(
        VatCategory.company_id == writing.company_id, VatCategory.category_id == account.tax_category
    )
    return writing.session.scalar(statement) is not None


def _code(code: str | None) -> dict | None:
    # The code tables behind external and analysis codes are not served: the number is all there is.
    return {"number": code} if code else None


ACCOUNT = Resource(
    name=RESOURCE,
    model=Account,
    path="/v1/account",
    tag="Account",
    label="Account",
    key=RecordKey("accountCD", Account.account_cd, "Account"),
    key_wrapped=True,
    key_param="accountCd",
    members=(
        Computed("accountID", int, lambda a: a.id, "The account's internal id."),
        Computed("accountCD", str, lambda a: a.account_cd, "The account number."),
        Scalar("accountGroupCD", "account_group_cd", "Account group"),
        AccountClassMember(),
        Scalar("type", "type", "Type", kind=AccountType),
        Scalar("active", "active", "Active", kind=bool, cleared=True),
        Scalar("description", "description", "Description"),
        Computed(
            "accountClassDescription",
            str,
            lambda a: a.account_class.description if a.account_class else None,
            f"The class's description: in lists only with {CLASS_DESCRIPTION}=true.",
            when=CLASS_DESCRIPTION,
        ),
        Scalar("useDefaultSub", "use_default_sub", "Use default sub", kind=bool, cleared=False),
        Scalar("postOption", "post_option", "Post option", cleared="Summary", description="Summary or Detail."),
        Scalar("currency", "currency", "Currency"),
        Scalar("taxCategory", "tax_category", "VAT category"),
        Computed("cashAccount", bool, lambda a: a.cash_account),
        Scalar("publicCode1", "public_code1", "Public code 1"),
        LAST_MODIFIED,
        Scalar(
            "extenalCode1",
            "external_code1",
            "External code 1",
            readable=False,
            description="Read back as externalCode1Info.",
        ),
        Scalar(
            "externalCode2",
            "external_code2",
            "External code 2",
            readable=False,
            description="Read back as externalCode2Info.",
        ),
        Scalar(
            "analysisCode",
            "analysis_code",
            "Analysis code",
            readable=False,
            description="Read back as analisysCodeInfo.",
        ),
        Computed("externalCode1Info", NumberDescription, lambda a: _code(a.external_code1)),
        Computed("externalCode2Info", NumberDescription, lambda a: _code(a.external_code2)),
        Computed("analisysCodeInfo", NumberDescription, lambda a: _code(a.analysis_code)),
        Computed("controlAccountModule", str, lambda a: a.control_account_module),
        Computed("allowManualEntry", bool, lambda a: a.allow_manual_entry),
        TIME_STAMP,
        ERROR_INFO,
    ),
    texts=Texts(
        list="Get a range of General ledger accounts - ScreenId=GL202500",
        get="Get a specific Account - ScreenId=GL202500",
        create="Creates an account",
        update="Updates an account",
        key="The account number.",
    ),
    dto="AccountDto",
    write_dto="AccountUpdateDto",
    filters=(
        Equals("active", "active", bool, "True: active accounts only; false: inactive ones."),
        Flag(CLASS_DESCRIPTION, "True: fill accountClassDescription."),
        GreaterThan(),
        Equals("publicCode", "public_code1"),
        Equals("externalCode1", "external_code1"),
        Equals("externalCode2", "external_code2"),
        Equals("analysisCode", "analysis_code"),
        Ignored(order_by=False),
        ModifiedSince(),
    ),
    paged=False,
    defaults={"active": True, "post_option": "Summary"},
    check=_check,
)

router = resource_router(ACCOUNT, company_context)
