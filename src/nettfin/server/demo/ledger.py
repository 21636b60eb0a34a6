"""The demo company's ledger and VAT set-up, deterministic like the rest of the demo.

A Norwegian chart of accounts in the NS 4102 numbering, financial years of monthly periods from 2019 to the
current year (all open), the standard MVA codes with categories and the zones the demo already has
(01 domestic, 02 EU, 03 export), and a SUBACCOUNT dimension of two validated segments, department and
project, whose combinations the company requires. The seed's walk-throughs work on it: zone 01 with
category 03 gives VAT ID 3 on sales and VAT ID 1 on purchases (the supplier invoice's `vatCodeId` 1), and
segment 1 value `00` (project filled by its default `000`) is the defined subaccount `00-000`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..kit.changes import bump_version
from ..ledger import accounts, subaccounts
from ..ledger.dimensions import SegmentSpec, define_dimension
from ..ledger.models import SUBACCOUNT, Account, AccountClass, LedgerSettings, Subaccount
from ..ledger.periods import create_financial_year
from ..tax.models import Vat, VatCategory, VatSchedule, VatSettings, VatZone
from ..tax.service import CATEGORY_RESOURCE, VAT_RESOURCE, ZONE_RESOURCE

FIRST_YEAR = 2019
# Every seeded row carries this moment, so two seeds render the same bytes.
SEEDED_AT = datetime(2019, 11, 1, 8, 0, tzinfo=UTC)
_RATES_FROM = date(2019, 1, 1)

_CLASSES = [
    ("EIENDEL", "Eiendeler", "Asset"),
    ("EGENKAP", "Egenkapital", "Liability"),
    ("GJELD", "Gjeld", "Liability"),
    ("INNTEKT", "Salgsinntekter", "Income"),
    ("VAREKOST", "Varekostnad", "Expense"),
    ("LONN", "Lønnskostnad", "Expense"),
    ("DRIFT", "Andre driftskostnader", "Expense"),
    ("FINANS", "Finansposter", "Expense"),
]

# (number, description, class, type, VAT category, control account module, cash account)
_CHART = [
    ("1200", "Maskiner og anlegg", "EIENDEL", "Asset", None, None, False),
    ("1250", "Inventar", "EIENDEL", "Asset", None, None, False),
    ("1280", "Kontormaskiner", "EIENDEL", "Asset", None, None, False),
    ("1400", "Varelager", "EIENDEL", "Asset", None, None, False),
    ("1500", "Kundefordringer", "EIENDEL", "Asset", None, "AR", False),
    ("1570", "Andre kortsiktige fordringer", "EIENDEL", "Asset", None, None, False),
    ("1700", "Forskuddsbetalt kostnad", "EIENDEL", "Asset", None, None, False),
    ("1900", "Kontanter", "EIENDEL", "Asset", None, None, True),
    ("1920", "Bankinnskudd", "EIENDEL", "Asset", None, None, True),
    ("1950", "Bankinnskudd for skattetrekk", "EIENDEL", "Asset", None, None, True),
    ("2000", "Aksjekapital", "EGENKAP", "Liability", None, None, False),
    ("2050", "Annen egenkapital", "EGENKAP", "Liability", None, None, False),
    ("2400", "Leverandørgjeld", "GJELD", "Liability", None, "AP", False),
    ("2490", "Mottatte varer, ikke fakturert", "GJELD", "Liability", None, None, False),
    ("2500", "Betalbar skatt", "GJELD", "Liability", None, None, False),
    ("2600", "Forskuddstrekk", "GJELD", "Liability", None, None, False),
    ("2700", "Utgående merverdiavgift, høy sats", "GJELD", "Liability", None, "TX", False),
    ("2701", "Utgående merverdiavgift, middels sats", "GJELD", "Liability", None, "TX", False),
    ("2702", "Utgående merverdiavgift, lav sats", "GJELD", "Liability", None, "TX", False),
    ("2703", "Beregnet utgående mva, tjenester fra utlandet", "GJELD", "Liability", None, "TX", False),
    ("2710", "Inngående merverdiavgift, høy sats", "GJELD", "Liability", None, "TX", False),
    ("2711", "Inngående merverdiavgift, middels sats", "GJELD", "Liability", None, "TX", False),
    ("2712", "Inngående merverdiavgift, lav sats", "GJELD", "Liability", None, "TX", False),
    ("2713", "Beregnet inngående mva, tjenester fra utlandet", "GJELD", "Liability", None, "TX", False),
    ("2740", "Oppgjørskonto merverdiavgift", "GJELD", "Liability", None, None, False),
    ("2770", "Skyldig arbeidsgiveravgift", "GJELD", "Liability", None, None, False),
    ("2940", "Skyldige feriepenger", "GJELD", "Liability", None, None, False),
    ("2990", "Annen kortsiktig gjeld", "GJELD", "Liability", None, None, False),
    ("3000", "Salgsinntekt, avgiftspliktig", "INNTEKT", "Income", "03", None, False),
    ("3100", "Salgsinntekt, avgiftsfri", "INNTEKT", "Income", "05", None, False),
    ("3200", "Salgsinntekt, utenfor avgiftsområdet", "INNTEKT", "Income", "06", None, False),
    ("3900", "Annen driftsrelatert inntekt", "INNTEKT", "Income", None, None, False),
    ("4000", "Varekjøp", "VAREKOST", "Expense", "03", None, False),
    ("4090", "Beholdningsendring varer", "VAREKOST", "Expense", None, None, False),
    ("4091", "Kostprisavvik varer", "VAREKOST", "Expense", None, None, False),
    ("4300", "Innkjøp av varer for videresalg", "VAREKOST", "Expense", "03", None, False),
    ("5000", "Lønn til ansatte", "LONN", "Expense", None, None, False),
    ("5400", "Arbeidsgiveravgift", "LONN", "Expense", None, None, False),
    ("6000", "Avskrivning på varige driftsmidler", "DRIFT", "Expense", None, None, False),
    ("6300", "Leie lokaler", "DRIFT", "Expense", "03", None, False),
    ("6340", "Lys, varme", "DRIFT", "Expense", "03", None, False),
    ("6800", "Kontorrekvisita", "DRIFT", "Expense", "03", None, False),
    ("6900", "Telefon", "DRIFT", "Expense", "03", None, False),
    ("7140", "Reisekostnad", "DRIFT", "Expense", "33", None, False),
    ("7700", "Styre- og bedriftsforsamlingsmøter", "DRIFT", "Expense", None, None, False),
    ("7770", "Bank- og kortgebyrer", "DRIFT", "Expense", None, None, False),
    ("7790", "Annen kostnad, fradragsberettiget", "DRIFT", "Expense", "03", None, False),
    ("8040", "Renteinntekt", "FINANS", "Income", None, None, False),
    ("8150", "Rentekostnad", "FINANS", "Expense", None, None, False),
    ("8300", "Betalbar skatt", "FINANS", "Expense", None, None, False),
]

_SEGMENTS = [
    SegmentSpec(
        "Avdeling",
        2,
        values=(("00", "Felles"), ("10", "Salg"), ("20", "Innkjøp"), ("30", "Administrasjon")),
        default_value="00",
    ),
    SegmentSpec(
        "Prosjekt",
        3,
        values=(("000", "Ingen prosjekt"), ("100", "Nettbutikk"), ("200", "Messe Lofoten")),
        default_value="000",
    ),
]
_COMBINATIONS = [
    ("00-000", "Felles"),
    ("10-000", "Salg"),
    ("10-100", "Salg, nettbutikk"),
    ("20-000", "Innkjøp"),
    ("20-200", "Innkjøp, messe"),
    ("30-000", "Administrasjon"),
]

_HIGH = ((_RATES_FROM, "25"),)
_MEDIUM = ((_RATES_FROM, "15"),)
# The low rate was 6 % from April 2020 through September 2021; a line is taxed at the rate of its date.
_LOW = ((_RATES_FROM, "12"), (date(2020, 4, 1), "6"), (date(2021, 10, 1), "12"))
_ZERO = ((_RATES_FROM, "0"),)

# (VAT ID, description, group type, rates, payable account, claimable account, VAT type, Visma XML VAT type)
_VATS = [
    ("1", "Fradrag for inngående mva, høy sats", "Input", _HIGH, None, "2710", "Vat", "VatTypeHigh"),
    ("3", "Utgående mva, høy sats", "Output", _HIGH, "2700", None, "Vat", "VatTypeHigh"),
    ("5", "Innenlands omsetning, fritatt for mva", "Output", _ZERO, "2700", None, "Vat", "VatTypeZero"),
    ("6", "Omsetning utenfor mva-loven", "Output", _ZERO, None, None, "ExemptVat", "VatTypeExempt"),
    ("11", "Fradrag for inngående mva, middels sats", "Input", _MEDIUM, None, "2711", "Vat", "VatTypeMedium"),
    ("13", "Fradrag for inngående mva, lav sats", "Input", _LOW, None, "2712", "Vat", "VatTypeLow"),
    ("31", "Utgående mva, middels sats", "Output", _MEDIUM, "2701", None, "Vat", "VatTypeMedium"),
    ("33", "Utgående mva, lav sats", "Output", _LOW, "2702", None, "Vat", "VatTypeLow"),
    ("52", "Utførsel av varer og tjenester, fritatt", "Output", _ZERO, "2700", None, "Vat", "VatTypeZero"),
    ("86", "Kjøp av tjenester fra utlandet, høy sats", "Input", _HIGH, "2703", "2713", "ReverseVat", "VatTypeHigh"),
]
_CATEGORIES = [
    ("03", "Høy sats (25 %)", ("1", "3", "52", "86")),
    ("05", "Fritatt for mva (0 %)", ("5", "52")),
    ("06", "Utenfor mva-loven", ("6",)),
    ("31", "Middels sats (15 %)", ("11", "31", "52")),
    ("33", "Lav sats (12 %)", ("13", "33", "52")),
]
_ZONE_VATS = {
    "01": ("1", "3", "5", "6", "11", "13", "31", "33"),
    "02": ("52", "86"),
    "03": ("52", "86"),
}


def seed_ledger(session: Session, company_id: int) -> None:
    """The chart, the periods, the subaccounts and the VAT set-up of the demo company (its zones exist)."""
    chart = _seed_chart(session, company_id)
    for year in range(FIRST_YEAR, utcnow().year + 1):
        create_financial_year(session, company_id, year)
    common = _seed_subaccounts(session, company_id)
    _seed_vat(session, company_id, chart, common)
    session.add(LedgerSettings(company_id=company_id, enforce_subaccount_combinations=True))
    session.add(VatSettings(company_id=company_id, rounding="PerDocument"))
    for resource in (accounts.RESOURCE, subaccounts.RESOURCE, VAT_RESOURCE, CATEGORY_RESOURCE, ZONE_RESOURCE):
        bump_version(session, company_id=company_id, resource=resource)


def _seed_chart(session: Session, company_id: int) -> dict[str, Account]:
    classes = {
        class_id: AccountClass(company_id=company_id, class_id=class_id, description=text, type=kind)
        for class_id, text, kind in _CLASSES
    }
    chart = {
        number: Account(
            company_id=company_id,
            account_cd=number,
            description=text,
            account_class=classes[class_id],
            type=kind,
            tax_category=category,
            control_account_module=control,
            # Control accounts take postings from their sub-ledger only.
            allow_manual_entry=control is None,
            cash_account=cash,
            public_code1=number,  # NS 4102 numbers are SAF-T's standard accounts
            last_modified_at=SEEDED_AT,
        )
        for number, text, class_id, kind, category, control, cash in _CHART
    }
    session.add_all([*classes.values(), *chart.values()])
    return chart


def _seed_subaccounts(session: Session, company_id: int) -> Subaccount:
    dimension = define_dimension(
        session, company_id=company_id, dimension_id=SUBACCOUNT, description="Subaccount", segments=_SEGMENTS
    )
    for segment in dimension.segments:
        segment.last_modified_at = SEEDED_AT
        for value in segment.values:
            value.last_modified_at = SEEDED_AT
    combinations = [
        Subaccount(company_id=company_id, subaccount_cd=number, description=text, last_modified_at=SEEDED_AT)
        for number, text in _COMBINATIONS
    ]
    session.add_all(combinations)
    return combinations[0]


def _seed_vat(session: Session, company_id: int, chart: dict[str, Account], common: Subaccount) -> None:
    vats = {}
    for vat_id, text, group, rates, payable, claimable, kind, xml_type in _VATS:
        vats[vat_id] = Vat(
            company_id=company_id,
            vat_id=vat_id,
            description=text,
            type=kind,
            reverse_vat=kind == "ReverseVat",
            include_in_vat_exempt_total=kind == "ExemptVat",
            include_in_vat_total=kind != "ExemptVat",
            visma_xml_vat_type=xml_type,
            payable_account=chart[payable] if payable else None,
            payable_subaccount=common if payable else None,
            claimable_account=chart[claimable] if claimable else None,
            claimable_subaccount=common if claimable else None,
            last_modified_at=SEEDED_AT,
            schedules=[
                VatSchedule(company_id=company_id, start_date=start, vat_rate=Decimal(rate), group_type=group)
                for start, rate in rates
            ],
        )
    categories = [
        VatCategory(
            company_id=company_id,
            category_id=category_id,
            description=text,
            vats=[vats[v] for v in members],
            created_at=SEEDED_AT,
            last_modified_at=SEEDED_AT,
        )
        for category_id, text, members in _CATEGORIES
    ]
    session.add_all([*vats.values(), *categories])
    zones = session.scalars(select(VatZone).where(VatZone.company_id == company_id))
    for zone in zones:
        zone.vats = [vats[v] for v in _ZONE_VATS.get(zone.zone_id, ())]
    session.flush()
