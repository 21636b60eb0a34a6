"""The party a document names (a customer invoice's customer, a purchase order's supplier): one rule.

The body names it by number; an unknown number is `<Label> 'X' cannot be found in the system.`, an inactive
party is refused, and a document without one is `'<Label>' cannot be empty.` A party new to the document fills
the credit terms, the VAT zone and the currency the body does not give (re-sending the same party changes
nothing the client set); the terms and the VAT zone the body names are resolved by their ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from ..kit import messages
from ..kit.records import apply_references, resolve_code
from ..tax.models import VatZone
from ..terms.models import CreditTerms


@dataclass(frozen=True)
class PartyFields:
    """How a document type names its party and the fields a party fills: wire names, and the attribute."""

    party: str  # "customerNumber"
    label: str  # "Customer"
    model: type  # Customer
    attribute: str  # "customer"
    terms: str  # "creditTermsId"
    zone: str  # "customerVatZoneId"
    currency: str  # "currencyId"


def apply_party(session: Session, document: Any, changes: dict, fields: PartyFields) -> list[str]:
    """The party, its defaults, and the terms and VAT zone the body names; every problem."""
    problems: list[str] = []
    if fields.party in changes:
        party, problems = resolve_code(
            session, fields.model, fields.model.number, document.company_id, changes[fields.party], fields.label
        )
        if party is not None and party.status == "Inactive":
            problems.append(messages.inactive(fields.label, party.number))
        current = getattr(document, fields.attribute)
        if party is not None and (current is None or current.id != party.id):
            setattr(document, fields.attribute, party)
            _take_defaults(document, party, changes, fields)
    if getattr(document, fields.attribute) is None and not (changes.get(fields.party) or "").strip():
        problems.append(messages.cannot_be_empty(fields.label))
    references = (
        (fields.terms, "credit_terms", CreditTerms, CreditTerms.terms_id, "Terms"),
        (fields.zone, "vat_zone", VatZone, VatZone.zone_id, "VAT zone"),
    )
    return problems + apply_references(session, document, document.company_id, changes, references)


def _take_defaults(document: Any, party: Any, changes: dict, fields: PartyFields) -> None:
    if fields.terms not in changes:
        document.credit_terms = party.credit_terms
    if fields.zone not in changes:
        document.vat_zone = party.vat_zone
    if fields.currency not in changes and party.currency_id:
        document.currency_id = party.currency_id
