"""A document's VAT: each line's decision, the parts per VAT ID, and the header totals, one rule for supplier
documents, customer documents and purchase orders.

- Each line's VAT ID comes from `tax.determination` (the document's VAT zone x the line's VAT category, on the
  document date); a line whose VAT cannot be determined is a problem naming the line.
- The totals follow the VAT IDs' flags, as the service's do: `vatExemptTotal` is the taxable amount under VAT
  IDs marked "include in VAT exempt total", `vatTaxableTotal` the taxable amount under every other VAT ID; a
  line without a VAT ID is in neither. The VAT total leaves reverse-charge VAT out (the buyer accounts for it,
  the document does not charge it), and the document total is the lines' taxable amounts plus that VAT.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ..db.prepared import Prepared
from ..tax.determination import (
    DocumentKind,
    DocumentVat,
    TaxedAmount,
    VatDecision,
    VatLine,
    VatRefusal,
    calculate_vat,
    determine_vat,
)
from ..tax.models import Vat
from ..tax.service import load_vat_setup, vat_rounding

ZERO = Decimal(0)


@dataclass(frozen=True)
class VatQuestion:
    """What a line asks: its amount, VAT category and the VAT ID it names itself (kept only if it fits)."""

    amount: Decimal
    category: str | None
    given: str | None = None


@dataclass(frozen=True)
class VatPart:
    """One VAT ID's part of a document."""

    vat_id: str
    rate: Decimal
    reverse: bool
    taxable: Decimal
    vat: Decimal

    def detail(self) -> dict:
        """The part as a stored VAT detail (`taxDetails`), its amounts as exact decimal texts."""
        return {
            "taxId": self.vat_id,
            "vatRate": format(self.rate, "f"),
            "taxableAmount": format(self.taxable, "f"),
            "vatAmount": format(self.vat, "f"),
        }


@dataclass(frozen=True)
class DocumentVatFound:
    """What determination made of a document: a decision per line (in line order), the amounts, the parts."""

    decisions: tuple[VatDecision, ...]
    document: DocumentVat

    @property
    def parts(self) -> list[VatPart]:
        decided = {d.vat_id: d for d in self.decisions if d.vat_id is not None}
        taxable: dict[str, Decimal] = {}
        for line_vat in self.document.lines:
            if line_vat.vat_id is not None:
                taxable[line_vat.vat_id] = taxable.get(line_vat.vat_id, ZERO) + line_vat.taxable
        return [
            VatPart(vat_id, decided[vat_id].rate, decided[vat_id].reverse, taxable[vat_id], amount)
            for vat_id, amount in self.document.totals
        ]


def determine_document_vat(
    session: Session,
    *,
    company_id: int,
    kind: DocumentKind,
    zone: str | None,
    day: date,
    questions: Sequence[VatQuestion],
    collection: str,
) -> DocumentVatFound | list[str]:
    """Every line's VAT decision and the document's VAT, rounded as the company chooses; or the problems of the
    lines (`<collection>[<index>]: ...`) whose VAT cannot be determined."""
    setup = load_vat_setup(session, company_id)
    decisions: list[VatDecision] = []
    problems: list[str] = []
    for index, question in enumerate(questions):
        outcome = determine_vat(setup, VatLine(kind, zone, question.category, day, question.given))
        if isinstance(outcome, VatRefusal):
            problems.append(f"{collection}[{index}]: {outcome.message}")
        else:
            decisions.append(outcome)
    if problems:
        return problems
    amounts = [TaxedAmount(q.amount, d) for q, d in zip(questions, decisions, strict=True)]
    return DocumentVatFound(tuple(decisions), calculate_vat(amounts, vat_rounding(session, company_id)))


@dataclass(frozen=True)
class VatTotals:
    taxable: Decimal  # vatTaxableTotal
    exempt: Decimal  # vatExemptTotal
    vat: Decimal  # vatTotal: what the document charges
    amount: Decimal  # the document total: the lines' taxable amounts and the VAT charged


def vat_totals(lines_taxable: Iterable[Decimal], parts: Iterable[VatPart], exempt_ids: set[str]) -> VatTotals:
    parts = list(parts)
    vat = sum((part.vat for part in parts if not part.reverse), ZERO)
    return VatTotals(
        taxable=sum((part.taxable for part in parts if part.vat_id not in exempt_ids), ZERO),
        exempt=sum((part.taxable for part in parts if part.vat_id in exempt_ids), ZERO),
        vat=vat,
        amount=sum(lines_taxable, ZERO) + vat,
    )


# Every document write with lines reads it: built once, run on the driver's cursor (db/prepared.py).
_EXEMPT_VAT_IDS = Prepared(
    select(Vat.vat_id).where(Vat.company_id == bindparam("company_id"), Vat.include_in_vat_exempt_total.is_(True))
)


def exempt_vat_ids(session: Session, company_id: int) -> set[str]:
    """The VAT IDs whose taxable amounts are the documents' `vatExemptTotal`."""
    return {row[0] for row in _EXEMPT_VAT_IDS.all(session.connection(), {"company_id": company_id})}
