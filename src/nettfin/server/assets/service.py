"""Fixed assets' use cases, inside the caller's writing transaction: set-up (classes, property tax groups),
acquiring an asset, and the depreciation run of a period. The API only reads fixed assets (as the service's):
these are called by the demo, the `nettfin admin asset` commands and the tests.

- `acquire` records an asset and posts its acquisition (module FA, the receipt date's period): the class's
  asset account debited, its accrual account (the clearing account a supplier invoice later clears) credited,
  with a `PurchasingPlus` transaction on a new register.
- `depreciate` posts one period's straight-line depreciation (`schedule.py`) of every asset due in it, or of the
  assets named: the class's depreciation expense account debited, its accumulated depreciation account
  credited, one GL batch and one register for the run, a `DepreciationPlus` transaction per asset. An asset's
  last period makes it `FullyDepreciated`.

Every problem is reported at once and nothing is written when there is one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.errors import BusinessError, record_errors
from ..kit.records import find_by_code
from ..ledger.journal import Module
from ..ledger.models import Account
from ..ledger.periods import LedgerModule, PeriodNotOpen, find_period, period_open_for
from ..ledger.posting import PostingLine, Source, check_posting, post
from ..numbering.service import next_document_number
from ..organisation.models import Branch
from ..timecards.models import Department
from .models import FixedAsset, FixedAssetClass, FixedAssetTransaction, PropertyTaxDetail, PropertyTaxGroup
from .schedule import life_in_months, period_amount, period_of, periods_from, shift_period
from .schemas import AssetStatus, Origin, PropertyType, RegisterStatus, TransactionType

ZERO = Decimal(0)
# The one book nettfin keeps, posting to the general ledger, and the one method it depreciates by.
BOOK_ID = "ACTUAL"
BOOK_DESCRIPTION = "Actual book, posted to the general ledger"
STRAIGHT_LINE = "SL"
REGISTER_SERIES = "FAREGISTER"
# The data versions of the four resources (`resources.py`), bumped by every write.
CLASS_RESOURCE = "fixedAssetClass"
TAX_GROUP_RESOURCE = "fixedAssetPropertyTaxGroup"
ASSET_RESOURCE = "fixedAsset"
TRANSACTION_RESOURCE = "fixedAssetTransaction"


# --- set-up -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClassAccounts:
    """A class's accounts by number (and optional subaccounts)."""

    asset: str
    accrual: str
    accumulated_depreciation: str
    depreciation_expense: str


def add_class(
    session: Session,
    company_id: int,
    *,
    class_id: str,
    description: str,
    useful_life: Decimal,
    accounts: ClassAccounts,
    asset_type_id: str | None = None,
    is_tangible: bool = True,
) -> FixedAssetClass:
    """A fixed asset class (FA201000) depreciating straight-line over `useful_life` years."""
    problems = _life_problems(useful_life)
    found: dict[str, Account] = {}
    for role, number in (
        ("Fixed asset account", accounts.asset),
        ("Accrual account", accounts.accrual),
        ("Accumulated depreciation account", accounts.accumulated_depreciation),
        ("Depreciation expense account", accounts.depreciation_expense),
    ):
        account = find_by_code(session, Account, Account.account_cd, company_id, number)
        if account is None:
            problems.append(messages.cannot_be_found(role, number))
        found[role] = account
    if find_by_code(session, FixedAssetClass, FixedAssetClass.class_id, company_id, class_id) is not None:
        problems.append(messages.already_exists("Class ID", class_id))
    if problems:
        raise record_errors(action="inserting", entity="fixed asset class", record="Asset Class", errors=problems)
    record = FixedAssetClass(
        company_id=company_id,
        class_id=class_id,
        description=description,
        asset_type_id=asset_type_id,
        is_tangible=is_tangible,
        useful_life=useful_life,
        depreciation_method_id=STRAIGHT_LINE,
        asset_account=found["Fixed asset account"],
        accrual_account=found["Accrual account"],
        accumulated_account=found["Accumulated depreciation account"],
        expense_account=found["Depreciation expense account"],
    )
    session.add(record)
    session.flush()
    bump_version(session, company_id=company_id, resource=CLASS_RESOURCE)
    return record


def add_property_tax_group(
    session: Session,
    company_id: int,
    *,
    property_tax_id: str,
    description: str,
    details: Iterable[tuple[date, Decimal, Decimal]] = (),
) -> PropertyTaxGroup:
    """A property tax group (FA209000) with its dated (property value, minimum percent) rows."""
    if find_by_code(session, PropertyTaxGroup, PropertyTaxGroup.property_tax_id, company_id, property_tax_id):
        raise record_errors(
            action="inserting",
            entity="property tax group",
            record="Property Tax Group",
            errors=[messages.already_exists("Property Tax ID", property_tax_id)],
        )
    group = PropertyTaxGroup(
        company_id=company_id,
        property_tax_id=property_tax_id,
        description=description,
        details=[PropertyTaxDetail(date=day, property_value=value, min_percent=pct) for day, value, pct in details],
    )
    session.add(group)
    session.flush()
    bump_version(session, company_id=company_id, resource=TAX_GROUP_RESOURCE)
    return group


# --- acquisition ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Acquisition:
    """What an acquisition records. `depreciate_from` defaults to the receipt date, `useful_life` (years) to the
    class's, `branch` to the company's main branch."""

    asset_id: str
    class_id: str
    description: str
    acquisition_cost: Decimal
    receipt_date: date
    depreciate_from: date | None = None
    salvage_amount: Decimal = ZERO
    useful_life: Decimal | None = None
    quantity: Decimal = Decimal(1)
    branch: str | None = None
    department: str | None = None
    property_tax_group: str | None = None
    bill_number: str | None = None
    serial_number: str | None = None


def acquire(session: Session, company_id: int, acquisition: Acquisition) -> FixedAsset:
    """The new asset, its acquisition posted (asset account against the class's accrual account)."""
    given = acquisition
    asset_id = (given.asset_id or "").strip()
    problems: list[str] = []
    if not asset_id:
        problems.append(messages.cannot_be_empty("Asset ID"))
    elif find_by_code(session, FixedAsset, FixedAsset.asset_id, company_id, asset_id) is not None:
        problems.append(messages.already_exists("Asset ID", asset_id))
    asset_class = find_by_code(session, FixedAssetClass, FixedAssetClass.class_id, company_id, given.class_id)
    if asset_class is None:
        problems.append(messages.cannot_be_found("Fixed asset class", given.class_id))
    elif not asset_class.active:
        problems.append(messages.inactive("Fixed asset class", given.class_id))
    useful_life = given.useful_life if given.useful_life is not None else asset_class and asset_class.useful_life
    problems += _life_problems(useful_life) if useful_life is not None else []
    cost, salvage = given.acquisition_cost, given.salvage_amount
    if cost <= 0:
        problems.append(f"'Acquisition cost' must be greater than 0; it is {cost}.")
    if salvage < 0 or (cost > 0 and salvage >= cost):
        problems.append(f"'Salvage amount' must be 0 or more and less than the acquisition cost; it is {salvage}.")
    if given.quantity <= 0:
        problems.append(f"'Quantity' must be greater than 0; it is {given.quantity}.")
    depreciate_from = given.depreciate_from or given.receipt_date
    if depreciate_from < given.receipt_date:
        problems.append(
            f"'Depreciate from date' ({depreciate_from.isoformat()}) cannot be before the receipt date "
            f"({given.receipt_date.isoformat()})."
        )
    branch = _branch(session, company_id, given.branch, problems)
    department = _optional_code(session, company_id, Department, Department.department_id, given.department, problems)
    group = _optional_code(
        session, company_id, PropertyTaxGroup, PropertyTaxGroup.property_tax_id, given.property_tax_group, problems
    )
    period = period_of(given.receipt_date)
    problems += _period_problems(session, company_id, period)
    lines: list[PostingLine] = []
    if asset_class is not None and cost > 0:
        text = f"Acquisition {asset_id}"
        lines = [
            PostingLine(
                account=asset_class.asset_account.account_cd,
                subaccount=_code(asset_class.asset_subaccount),
                debit=cost,
                description=text,
            ),
            PostingLine(
                account=asset_class.accrual_account.account_cd,
                subaccount=_code(asset_class.accrual_subaccount),
                credit=cost,
                description=text,
            ),
        ]
        if not problems:
            problems += check_posting(session, company_id=company_id, module=Module.FA, period=period, lines=lines)
    if problems:
        raise record_errors(action="inserting", entity="fixed asset", record="Fixed Asset", errors=problems)
    asset = FixedAsset(
        company_id=company_id,
        asset_id=asset_id,
        description=given.description,
        asset_class=asset_class,
        is_tangible=asset_class.is_tangible,
        quantity=given.quantity,
        depreciable=asset_class.depreciable,
        useful_life=useful_life,
        status=AssetStatus.ACTIVE,
        property_type=PropertyType.PROPERTY,
        receipt_date=given.receipt_date,
        depreciate_from_date=depreciate_from,
        acquisition_cost=cost,
        salvage_amount=salvage,
        bill_number=given.bill_number,
        serial_number=given.serial_number,
        property_tax_group=group,
        branch=branch,
        department=department,
    )
    session.add(asset)
    session.flush()
    ref_no = _register_number(session, company_id)
    batch = post(
        session,
        company_id=company_id,
        module=Module.FA,
        period=period,
        date=given.receipt_date,
        description=f"Fixed asset {asset_id} acquired",
        source=Source("FixedAsset", ref_no),
        lines=lines,
    )
    session.add(
        _transaction(
            company_id=company_id,
            ref_no=ref_no,
            line_no=1,
            asset=asset,
            origin=Origin.PURCHASING,
            kind=TransactionType.PURCHASING_PLUS,
            description=f"Acquisition of {asset_id}",
            debit=(asset_class.asset_account_id, asset_class.asset_subaccount_id),
            credit=(asset_class.accrual_account_id, asset_class.accrual_subaccount_id),
            amount=cost,
            batch_id=batch.id,
            period=period,
            day=given.receipt_date,
        )
    )
    session.flush()
    for resource in (ASSET_RESOURCE, TRANSACTION_RESOURCE):
        bump_version(session, company_id=company_id, resource=resource)
    return asset


# --- depreciation -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DepreciationRun:
    """What a run posted: its register, its GL batch, and each asset's depreciation of the period."""

    ref_no: str
    period: str
    batch_number: str | None
    amounts: dict[str, Decimal] = field(default_factory=dict)


class DepreciationRefused(BusinessError):
    """A run that cannot depreciate the period, with every reason."""

    def __init__(self, period: str, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        lines = "".join(f"Error: {problem}\r\n" for problem in self.problems)
        super().__init__(f"The depreciation of period '{period}' cannot be run. Please review the errors.\r\n{lines}")


@dataclass(frozen=True)
class AssetFigures:
    """An asset's book figures, read from its transactions."""

    acquisition_cost: Decimal
    accumulated_depreciation: Decimal
    net_book_value: Decimal
    last_depreciation_period: str | None
    depreciation_to_period: str


def figures(asset: FixedAsset) -> AssetFigures:
    depreciations = [t for t in asset.transactions if t.origin == Origin.DEPRECIATION]
    accumulated = sum((t.amount for t in depreciations), ZERO)
    cost = sum((t.amount for t in asset.transactions if t.origin == Origin.PURCHASING), ZERO)
    start = period_of(asset.depreciate_from_date)
    return AssetFigures(
        acquisition_cost=cost,
        accumulated_depreciation=accumulated,
        net_book_value=cost - accumulated,
        last_depreciation_period=max((t.period_id for t in depreciations), default=None),
        depreciation_to_period=shift_period(start, life_in_months(asset.useful_life) - 1),
    )


def depreciate(session: Session, company_id: int, period: str, assets: Sequence[str] = ()) -> DepreciationRun:
    """Post the period's depreciation of every asset due in it (or of the `assets` named): see the module's
    docstring. Refused: a period that is not open in Fixed assets, a period every asset has been depreciated
    for, a named asset that is disposed, fully depreciated, not depreciable or not due in the period, and an
    asset whose earlier periods were not depreciated."""
    problems = _period_problems(session, company_id, period)
    if problems and not _is_period(period):
        raise DepreciationRefused(period, problems)
    named = [code.strip() for code in assets if code and code.strip()]
    statement = select(FixedAsset).where(FixedAsset.company_id == company_id)
    if named:
        statement = statement.where(FixedAsset.asset_id.in_(named))
    else:
        statement = statement.where(FixedAsset.status == AssetStatus.ACTIVE, FixedAsset.depreciable.is_(True))
    found = {
        asset.asset_id: asset
        for asset in session.scalars(statement.order_by(FixedAsset.asset_id).with_for_update(of=FixedAsset)).unique()
    }
    due: list[tuple[FixedAsset, int]] = []
    done = 0
    for code in named or list(found):
        asset = found.get(code)
        if asset is None:
            problems.append(messages.cannot_be_found("Fixed asset", code))
            continue
        if named and (refusal := _not_depreciating(asset)):
            problems.append(refusal)
            continue
        start = period_of(asset.depreciate_from_date)
        if start > period:
            if named:
                problems.append(f"Fixed asset '{code}' depreciates from period '{start}', after '{period}'.")
            continue
        last = figures(asset).last_depreciation_period
        following = shift_period(last, 1) if last else start
        if following > period:
            done += 1
            if named:
                problems.append(f"Fixed asset '{code}' has already been depreciated for period '{period}'.")
        elif following < period:
            problems.append(
                f"Fixed asset '{code}' has not been depreciated for period '{following}': depreciate the periods "
                "in order."
            )
        else:
            due.append((asset, periods_from(start, period) + 1))
    if not due and not problems:
        problems.append(
            f"Period '{period}' has already been depreciated."
            if done
            else f"No fixed asset is to be depreciated in period '{period}'."
        )
    amounts = {asset.asset_id: _amount(asset, number) for asset, number in due}
    lines = [line for asset, _ in due for line in _depreciation_lines(asset, amounts[asset.asset_id], period)]
    if not problems and lines:
        problems += check_posting(session, company_id=company_id, module=Module.FA, period=period, lines=lines)
    if problems:
        raise DepreciationRefused(period, problems)
    return _record_run(session, company_id, period, due, amounts, lines)


def _record_run(
    session: Session,
    company_id: int,
    period: str,
    due: list[tuple[FixedAsset, int]],
    amounts: dict[str, Decimal],
    lines: list[PostingLine],
) -> DepreciationRun:
    period_open_for(session, company_id, period, LedgerModule.FIXED_ASSETS)
    day = find_period(session, company_id, period).end_date
    ref_no = _register_number(session, company_id)
    batch = None
    if lines:
        batch = post(
            session,
            company_id=company_id,
            module=Module.FA,
            period=period,
            date=day,
            description=f"Depreciation {period}",
            source=Source("Depreciation", ref_no),
            lines=lines,
        )
    now = utcnow()
    for line_no, (asset, number) in enumerate(due, start=1):
        asset_class = asset.asset_class
        session.add(
            _transaction(
                company_id=company_id,
                ref_no=ref_no,
                line_no=line_no,
                asset=asset,
                origin=Origin.DEPRECIATION,
                kind=TransactionType.DEPRECIATION_PLUS,
                description=f"Depreciation of {asset.asset_id}, {period}",
                debit=(asset_class.expense_account_id, asset_class.expense_subaccount_id),
                credit=(asset_class.accumulated_account_id, asset_class.accumulated_subaccount_id),
                amount=amounts[asset.asset_id],
                batch_id=batch.id if batch else None,
                period=period,
                day=day,
            )
        )
        if number >= life_in_months(asset.useful_life):
            asset.status = AssetStatus.FULLY_DEPRECIATED
        asset.last_modified_at = now
    session.flush()
    for resource in (ASSET_RESOURCE, TRANSACTION_RESOURCE):
        bump_version(session, company_id=company_id, resource=resource)
    return DepreciationRun(ref_no, period, batch.batch_number if batch else None, amounts)


def _amount(asset: FixedAsset, number: int) -> Decimal:
    return period_amount(asset.acquisition_cost - asset.salvage_amount, life_in_months(asset.useful_life), number)


def _depreciation_lines(asset: FixedAsset, amount: Decimal, period: str) -> list[PostingLine]:
    if amount == 0:
        return []
    asset_class = asset.asset_class
    text = f"Depreciation {asset.asset_id} {period}"
    return [
        PostingLine(
            account=asset_class.expense_account.account_cd,
            subaccount=_code(asset_class.expense_subaccount),
            debit=amount,
            description=text,
        ),
        PostingLine(
            account=asset_class.accumulated_account.account_cd,
            subaccount=_code(asset_class.accumulated_subaccount),
            credit=amount,
            description=text,
        ),
    ]


def _not_depreciating(asset: FixedAsset) -> str | None:
    """Why a named asset takes no depreciation at all; None when it does."""
    if asset.status == AssetStatus.DISPOSED:
        return f"Fixed asset '{asset.asset_id}' is disposed."
    if asset.status == AssetStatus.FULLY_DEPRECIATED:
        return f"Fixed asset '{asset.asset_id}' is fully depreciated."
    if not asset.depreciable:
        return f"Fixed asset '{asset.asset_id}' is not depreciable."
    if asset.status != AssetStatus.ACTIVE:
        return f"Fixed asset '{asset.asset_id}' has the status '{asset.status}': only active assets depreciate."
    return None


# --- shared -----------------------------------------------------------------------------------------------


def _is_period(period: str) -> bool:
    return len(period) == 6 and period.isdigit() and 1 <= int(period[4:]) <= 12


def _period_problems(session: Session, company_id: int, period: str) -> list[str]:
    if not _is_period(period):
        return [f"'{period}' is not a financial period: a period is YYYYPP, as 202003."]
    try:
        period_open_for(session, company_id, period, LedgerModule.FIXED_ASSETS)
    except PeriodNotOpen as refused:
        return [refused.message]
    return []


def _life_problems(useful_life: Decimal) -> list[str]:
    if useful_life <= 0 or life_in_months(useful_life) < 1:
        return [f"'Useful life' must be at least one month (1/12 year); it is {useful_life}."]
    return []


def _branch(session: Session, company_id: int, code: str | None, problems: list[str]) -> Branch | None:
    if code is None:
        return session.scalar(select(Branch).where(Branch.company_id == company_id, Branch.main.is_(True)).limit(1))
    return _optional_code(session, company_id, Branch, Branch.branch_cd, code, problems, label="Branch")


def _optional_code(
    session: Session, company_id: int, model, column, code: str | None, problems: list[str], label: str = ""
):
    if code is None:
        return None
    found = find_by_code(session, model, column, company_id, code)
    if found is None:
        problems.append(messages.cannot_be_found(label or _LABELS[model], code))
    return found


_LABELS = {Department: "Department", PropertyTaxGroup: "Property tax group"}


def _code(subaccount) -> str | None:
    return subaccount.subaccount_cd if subaccount is not None else None


def _register_number(session: Session, company_id: int) -> str:
    return next_document_number(
        session,
        company_id=company_id,
        series_id=REGISTER_SERIES,
        description="Fixed asset registers",
        column=FixedAssetTransaction.ref_no,
    )


def _transaction(
    *,
    company_id: int,
    ref_no: str,
    line_no: int,
    asset: FixedAsset,
    origin: Origin,
    kind: TransactionType,
    description: str,
    debit: tuple[int, int | None],
    credit: tuple[int, int | None],
    amount: Decimal,
    batch_id: int | None,
    period: str,
    day: date,
) -> FixedAssetTransaction:
    return FixedAssetTransaction(
        company_id=company_id,
        ref_no=ref_no,
        line_no=line_no,
        asset=asset,
        branch_id=asset.branch_id,
        origin=origin,
        transaction_type=kind,
        description=description,
        book_id=BOOK_ID,
        debit_account_id=debit[0],
        debit_subaccount_id=debit[1],
        credit_account_id=credit[0],
        credit_subaccount_id=credit[1],
        amount=amount,
        batch_id=batch_id,
        period_id=period,
        transaction_date=day,
        status=RegisterStatus.POSTED,
    )
