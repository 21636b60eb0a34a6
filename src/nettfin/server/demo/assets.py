"""The demo company's fixed assets: two classes (machinery over five years, office machines over three), a
property tax group, three assets acquired in November and December 2019 and depreciated through March 2020, all
through the fixed asset use cases, so the ledger holds their acquisitions and depreciation. The accounts the
classes need besides the chart's (accumulated depreciation, the accrual for assets received and not yet
invoiced) are added here. Deterministic like the rest of the demo: every row written is stamped with the demo's
moment.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..assets.models import FixedAsset, FixedAssetClass, FixedAssetTransaction, PropertyTaxGroup
from ..assets.service import (
    ASSET_RESOURCE,
    CLASS_RESOURCE,
    TAX_GROUP_RESOURCE,
    TRANSACTION_RESOURCE,
    Acquisition,
    ClassAccounts,
    acquire,
    add_class,
    add_property_tax_group,
    depreciate,
)
from ..kit.changes import bump_version
from ..ledger import accounts
from ..ledger.journal import JournalBatch, LedgerHistory, Module
from ..ledger.models import Account, AccountClass
from .ledger import SEEDED_AT

# (number, description, account class, type)
_ACCOUNTS = [
    ("1209", "Akkumulerte avskrivninger, maskiner og anlegg", "EIENDEL", "Asset"),
    ("1289", "Akkumulerte avskrivninger, kontormaskiner", "EIENDEL", "Asset"),
    ("2980", "Mottatte driftsmidler, ikke fakturert", "GJELD", "Liability"),
]
# (class, description, useful life in years, asset type, accounts)
_CLASSES = [
    ("MASKIN", "Maskiner og anlegg", Decimal(5), "MASKIN", ClassAccounts("1200", "2980", "1209", "6000")),
    ("KONTOR", "Kontormaskiner", Decimal(3), "KONTOR", ClassAccounts("1280", "2980", "1289", "6000")),
]
# (asset, class, description, cost, salvage, receipt date, department, property tax group, serial number)
_ASSETS = [
    ("FA0001", "MASKIN", "Gaffeltruck", "240000.00", "24000.00", date(2019, 11, 4), "ADM", "NAERING", "GT-4471"),
    ("FA0002", "KONTOR", "Server, serverrom", "54000.00", "0.00", date(2019, 11, 18), "ADM", None, "SRV-2019-1"),
    ("FA0003", "KONTOR", "Bærbare PC-er (5)", "45000.00", "2500.00", date(2019, 12, 2), None, None, None),
]
DEPRECIATED_PERIODS = ("201911", "201912", "202001", "202002", "202003")


def seed_fixed_assets(session: Session, company_id: int) -> None:
    classes = {
        row.class_id: row for row in session.scalars(select(AccountClass).where(AccountClass.company_id == company_id))
    }
    for number, text, class_id, kind in _ACCOUNTS:
        session.add(
            Account(
                company_id=company_id,
                account_cd=number,
                description=text,
                account_class=classes[class_id],
                type=kind,
                public_code1=number,
                last_modified_at=SEEDED_AT,
            )
        )
    session.flush()
    bump_version(session, company_id=company_id, resource=accounts.RESOURCE)
    for class_id, text, life, asset_type, class_accounts in _CLASSES:
        add_class(
            session,
            company_id,
            class_id=class_id,
            description=text,
            useful_life=life,
            accounts=class_accounts,
            asset_type_id=asset_type,
        )
    add_property_tax_group(
        session,
        company_id,
        property_tax_id="NAERING",
        description="Næringseiendom og verk og bruk",
        details=[(date(2019, 1, 1), Decimal("2500000.00"), Decimal("70.00"))],
    )
    for asset_id, class_id, text, cost, salvage, day, department, group, serial in _ASSETS:
        acquisition = Acquisition(
            asset_id,
            class_id,
            text,
            Decimal(cost),
            day,
            salvage_amount=Decimal(salvage),
            department=department,
            property_tax_group=group,
            serial_number=serial,
        )
        acquire(session, company_id, acquisition)
    for period in DEPRECIATED_PERIODS:
        depreciate(session, company_id, period)
    _stamp(session, company_id)


def _stamp(session: Session, company_id: int) -> None:
    """Every row this seed wrote carries the demo's moment, so two seeds render the same bytes."""
    stamps = {"created_at": SEEDED_AT, "last_modified_at": SEEDED_AT}
    for model in (FixedAssetClass, PropertyTaxGroup, FixedAsset, FixedAssetTransaction):
        session.execute(update(model).where(model.company_id == company_id).values(**stamps))
    session.execute(
        update(JournalBatch)
        .where(JournalBatch.company_id == company_id, JournalBatch.module == Module.FA)
        .values(**stamps, posted_at=SEEDED_AT)
    )
    session.execute(
        update(LedgerHistory).where(LedgerHistory.company_id == company_id).values(last_modified_at=SEEDED_AT)
    )
    for resource in (CLASS_RESOURCE, TAX_GROUP_RESOURCE, ASSET_RESOURCE, TRANSACTION_RESOURCE):
        bump_version(session, company_id=company_id, resource=resource)
    for resource in ("journalTransaction", "generalLedgerBalance"):
        bump_version(session, company_id=company_id, resource=resource)
