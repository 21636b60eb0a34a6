"""VAT determination and VAT amounts as pure functions: frozen values in, frozen values out, no database.

How the service picks VAT on a document line (knowledge base, "TaxID '01' cannot be found in the system"):
the VAT zone of the customer (sales) or the supplier (purchases) lists VAT IDs, the VAT category of the item
lists VAT IDs, and the line gets the VAT ID present in both that is meant for the document's kind, at the rate
valid on the document date. In the seed's walk-through zone 01 and category 03 both hold VAT ID 3.

- A line without a VAT ID gets the one determined; when no VAT ID is in both, the line carries no VAT; when
  more than one fits, the line must name one.
- A line that names a VAT ID (`vatCodeId`) keeps it only if it is in the zone, in the category, meant for the
  document's kind and has a rate on the document date; otherwise it is refused with the service's text
  `TaxID '<id>' cannot be found in the system`.
- A category with `exclude_listed` inverts its list: the zone's VAT IDs it does NOT list apply.
- Kind: a rate revision whose reporting group is `Output` is for sales, `Input` for purchases.

Every outcome carries an `Explanation` (zone, category, candidates, chosen VAT ID, rate, and why) as data,
so a document can show how its VAT came about. Amounts are Decimal only, rounded to the øre with the one
rule `ROUNDING_RULE`, per line or per document as the company chooses (`VatRounding`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal
from enum import StrEnum
from types import MappingProxyType

from ..kit import messages

# The one rounding rule for VAT amounts: half an øre rounds away from zero, as Norwegian invoices round.
ROUNDING_RULE = ROUND_HALF_UP
OERE = Decimal("0.01")
_HUNDRED = Decimal(100)
_ZERO = Decimal(0)
# Division (VAT extracted from an amount that includes it) with more digits than any amount needs.
_EXACT = Context(prec=34)


class DocumentKind(StrEnum):
    SALES = "Sales"
    PURCHASE = "Purchase"


# The reporting group type a rate revision must have to serve a document of each kind.
GROUP_TYPE = {DocumentKind.SALES: "Output", DocumentKind.PURCHASE: "Input"}


class VatRounding(StrEnum):
    """Round each line's VAT, or each VAT ID's total of the document (lines then share it out)."""

    PER_LINE = "PerLine"
    PER_DOCUMENT = "PerDocument"


@dataclass(frozen=True)
class RateRevision:
    start_date: date
    rate: Decimal  # percent
    group_type: str  # Output or Input


@dataclass(frozen=True)
class VatRule:
    vat_id: str
    schedules: tuple[RateRevision, ...]
    reverse: bool = False
    calculate_on: str = "ItemAmount"
    not_valid_after: date | None = None

    def revision_on(self, day: date) -> RateRevision | None:
        """The revision in force on `day`: the latest one started on or before it."""
        if self.not_valid_after is not None and day > self.not_valid_after:
            return None
        started = [revision for revision in self.schedules if revision.start_date <= day]
        return max(started, key=lambda revision: revision.start_date) if started else None


@dataclass(frozen=True)
class ZoneRule:
    zone_id: str
    vat_ids: frozenset[str]
    default_category: str | None = None


@dataclass(frozen=True)
class CategoryRule:
    category_id: str
    vat_ids: frozenset[str]
    exclude_listed: bool = False
    active: bool = True


@dataclass(frozen=True)
class VatSetup:
    """A company's VAT IDs, zones and categories by id (read-only mappings)."""

    vats: Mapping[str, VatRule]
    zones: Mapping[str, ZoneRule]
    categories: Mapping[str, CategoryRule]

    @classmethod
    def of(cls, vats: Iterable[VatRule], zones: Iterable[ZoneRule], categories: Iterable[CategoryRule]) -> VatSetup:
        return cls(
            MappingProxyType({v.vat_id: v for v in vats}),
            MappingProxyType({z.zone_id: z for z in zones}),
            MappingProxyType({c.category_id: c for c in categories}),
        )


@dataclass(frozen=True)
class VatLine:
    """What determination needs to know about a document line."""

    kind: DocumentKind
    zone_id: str | None  # the customer's or supplier's VAT zone
    category_id: str | None  # the item's VAT category; None falls back to the zone's default category
    document_date: date
    vat_id: str | None = None  # the vatCodeId the client sent, if any


@dataclass(frozen=True)
class Explanation:
    kind: DocumentKind
    zone_id: str | None
    category_id: str | None
    category_source: str  # "line", "zone default" or "none"
    candidates: tuple[str, ...]  # the VAT IDs the zone and the category select together
    fitting: tuple[str, ...]  # those meant for the document's kind with a rate on the document date
    chosen: str | None
    rate: Decimal | None
    reason: str


@dataclass(frozen=True)
class VatDecision:
    vat_id: str | None  # None: no VAT ID applies and the line carries no VAT
    rate: Decimal
    reverse: bool
    calculate_on: str
    explanation: Explanation


@dataclass(frozen=True)
class VatRefusal:
    message: str  # the text for the client, in the service's wording
    explanation: Explanation


def tax_id_not_found(vat_id: str) -> str:
    """The service's text for a VAT ID that does not fit the line (knowledge base article title)."""
    return f"TaxID '{vat_id}' cannot be found in the system"


def determine_vat(setup: VatSetup, line: VatLine) -> VatDecision | VatRefusal:
    """The VAT ID, rate and explanation for one document line, or a refusal with the service's text."""
    base = Explanation(line.kind, line.zone_id, None, "none", (), (), None, None, "")
    zone = setup.zones.get(line.zone_id) if line.zone_id else None
    if line.zone_id and zone is None:
        return _refuse(base, messages.cannot_be_found("VAT zone", line.zone_id))
    category_id, source = _category_of(line, zone)
    base = _with(base, category_id=category_id, category_source=source)
    category = setup.categories.get(category_id) if category_id else None
    if category_id and category is None:
        return _refuse(base, messages.cannot_be_found("VAT category", category_id))
    if category is not None and not category.active:
        return _refuse(base, f"VAT category '{category_id}' is inactive.")
    candidates = _candidates(zone, category)
    fitting = tuple(v for v in candidates if _fits(setup.vats.get(v), line))
    base = _with(base, candidates=candidates, fitting=fitting)
    if line.vat_id:
        return _check_given(setup, line, base)
    return _choose(setup, line, base)


def _category_of(line: VatLine, zone: ZoneRule | None) -> tuple[str | None, str]:
    if line.category_id:
        return line.category_id, "line"
    if zone is not None and zone.default_category:
        return zone.default_category, "zone default"
    return None, "none"


def _candidates(zone: ZoneRule | None, category: CategoryRule | None) -> tuple[str, ...]:
    if zone is None or category is None:
        return ()
    chosen = zone.vat_ids - category.vat_ids if category.exclude_listed else zone.vat_ids & category.vat_ids
    return tuple(sorted(chosen))


def _fits(rule: VatRule | None, line: VatLine) -> bool:
    revision = rule.revision_on(line.document_date) if rule is not None else None
    return revision is not None and revision.group_type == GROUP_TYPE[line.kind]


def _check_given(setup: VatSetup, line: VatLine, base: Explanation) -> VatDecision | VatRefusal:
    vat_id = line.vat_id
    if vat_id in base.fitting:
        return _decide(setup.vats[vat_id], line, base, f"VAT ID {vat_id} was given and fits the line.")
    rule = setup.vats.get(vat_id)
    if rule is None:
        why = f"VAT ID {vat_id} is not defined."
    elif vat_id not in base.candidates:
        why = f"VAT ID {vat_id} is not in both {_zone_and_category(base)}."
    elif rule.revision_on(line.document_date) is None:
        why = f"VAT ID {vat_id} has no rate valid on {line.document_date.isoformat()}."
    else:
        why = f"VAT ID {vat_id} is not meant for {line.kind.value.lower()} documents."
    return VatRefusal(tax_id_not_found(vat_id), _with(base, reason=why))


def _choose(setup: VatSetup, line: VatLine, base: Explanation) -> VatDecision | VatRefusal:
    kind = line.kind.value.lower()
    if len(base.fitting) == 1:
        (vat_id,) = base.fitting
        return _decide(setup.vats[vat_id], line, base, f"VAT ID {vat_id} is the one {_zone_and_category(base)} share.")
    if not base.fitting:
        reason = f"No VAT ID for {kind} documents is in both {_zone_and_category(base)}: the line carries no VAT."
        return VatDecision(None, _ZERO, False, "ItemAmount", _with(base, rate=_ZERO, reason=reason))
    listed = ", ".join(base.fitting)
    message = (
        f"More than one VAT ID fits {_zone_and_category(base)} on {kind} documents ({listed}); "
        "give the line's vatCodeId."
    )
    return _refuse(base, message)


def _decide(rule: VatRule, line: VatLine, base: Explanation, reason: str) -> VatDecision:
    rate = rule.revision_on(line.document_date).rate
    explanation = _with(base, chosen=rule.vat_id, rate=rate, reason=reason)
    return VatDecision(rule.vat_id, rate, rule.reverse, rule.calculate_on, explanation)


def _zone_and_category(base: Explanation) -> str:
    zone = f"VAT zone '{base.zone_id}'" if base.zone_id else "no VAT zone"
    category = f"VAT category '{base.category_id}'" if base.category_id else "no VAT category"
    return f"{zone} and {category}"


def _refuse(base: Explanation, message: str) -> VatRefusal:
    return VatRefusal(message, _with(base, reason=message))


def _with(base: Explanation, **changes) -> Explanation:
    return replace(base, **changes)


# --- amounts ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaxedAmount:
    """A line's amount (excluding VAT, or including it when its VAT ID extracts) and its decision."""

    amount: Decimal
    decision: VatDecision


@dataclass(frozen=True)
class LineVat:
    vat_id: str | None
    taxable: Decimal
    vat: Decimal
    exact_vat: Decimal  # before rounding, for the record


@dataclass(frozen=True)
class DocumentVat:
    lines: tuple[LineVat, ...]
    totals: tuple[tuple[str, Decimal], ...]  # per VAT ID, sorted by id
    total: Decimal


def exact_vat(amount: Decimal, decision: VatDecision) -> Decimal:
    """VAT before rounding: on top of the amount, or contained in it (`ExtractFromItemAmount`)."""
    if decision.vat_id is None or not decision.rate:
        return _ZERO
    if decision.calculate_on == "ExtractFromItemAmount":
        return _EXACT.divide(_EXACT.multiply(amount, decision.rate), _HUNDRED + decision.rate)
    return _EXACT.divide(_EXACT.multiply(amount, decision.rate), _HUNDRED)


def calculate_vat(lines: Sequence[TaxedAmount], rounding: VatRounding, quantum: Decimal = OERE) -> DocumentVat:
    """Line VAT and document VAT whose sum always agrees.

    PER_LINE: each line's VAT is rounded; the document's VAT is their sum.
    PER_DOCUMENT: each VAT ID's document total is the rounded sum of the exact line amounts, and the lines
    share it out (largest remainder), so each line is within one øre of its exact VAT.
    """
    exact = [exact_vat(line.amount, line.decision) for line in lines]
    if rounding is VatRounding.PER_LINE:
        rounded = [value.quantize(quantum, rounding=ROUNDING_RULE) for value in exact]
    else:
        rounded = _share_out_per_vat_id(lines, exact, quantum)
    result = tuple(
        LineVat(line.decision.vat_id, _taxable(line, vat), vat, value)
        for line, vat, value in zip(lines, rounded, exact, strict=True)
    )
    totals: dict[str, Decimal] = {}
    for line in result:
        if line.vat_id is not None:
            totals[line.vat_id] = totals.get(line.vat_id, _ZERO) + line.vat
    return DocumentVat(result, tuple(sorted(totals.items())), sum((line.vat for line in result), _ZERO))


def _taxable(line: TaxedAmount, vat: Decimal) -> Decimal:
    return line.amount - vat if line.decision.calculate_on == "ExtractFromItemAmount" else line.amount


def _share_out_per_vat_id(lines: Sequence[TaxedAmount], exact: list[Decimal], quantum: Decimal) -> list[Decimal]:
    rounded = [_ZERO] * len(lines)
    groups: dict[str | None, list[int]] = {}
    for index, line in enumerate(lines):
        groups.setdefault(line.decision.vat_id, []).append(index)
    for vat_id, indexes in groups.items():
        if vat_id is None:
            continue
        for index, value in zip(indexes, share_out([exact[i] for i in indexes], quantum), strict=True):
            rounded[index] = value
    return rounded


def share_out(exact: Sequence[Decimal], quantum: Decimal = OERE) -> list[Decimal]:
    """Amounts on the quantum that sum to the rounded total of `exact`, each within one quantum of its own
    exact value: every amount is rounded down, and the quanta still missing go to the largest remainders
    (the earlier line first on a tie)."""
    target = sum(exact, _ZERO).quantize(quantum, rounding=ROUNDING_RULE)
    floors = [value.quantize(quantum, rounding=ROUND_FLOOR) for value in exact]
    missing = int((target - sum(floors, _ZERO)) / quantum)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for index in order[:missing]:
        floors[index] += quantum
    return floors
