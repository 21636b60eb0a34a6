"""Organisation use cases: the organisation and main branch a new company gets, finding a company's organisation,
and bank settings written."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..identity.models import Company
from ..kit import messages
from ..kit.countries import COUNTRIES
from .models import Branch, Organization

MAIN_BRANCH = "1"
# The members of `BankSettingsUpdateDto` and the longest text each takes (an IBAN has at most 34 characters, a
# BIC 11, a SEPA creditor id 35).
BANK_SETTINGS = {
    "bankName": ("Bank name", 100),
    "bankAddress1": ("Bank address 1", 100),
    "bankAddress2": ("Bank address 2", 100),
    "bankAddress3": ("Bank address 3", 100),
    "bankCountry": ("Bank country", 2),
    "iban": ("IBAN", 34),
    "bban": ("BBAN", 34),
    "bbaN2": ("BBAN 2", 34),
    "bbaN3": ("BBAN 3", 34),
    "bic": ("BIC", 11),
    "creditorId": ("Creditor Id", 35),
}


def organization_code(name: str) -> str:
    """The organisation's code: the first word of the company's name in capitals (`Nordlys Demo AS`: NORDLYS)."""
    words = re.findall(r"[^\W_]+", name.upper())
    return words[0][:30] if words else MAIN_BRANCH


def add_organisation(session: Session, company: Company) -> Organization:
    """A new company's organisation and its main branch, `1`, named after the company."""
    organization = Organization(company_id=company.id, organization_cd=organization_code(company.name))
    session.add(organization)
    session.flush()
    session.add(
        Branch(
            company_id=company.id,
            organization_id=organization.id,
            branch_cd=MAIN_BRANCH,
            name=company.name,
            main=True,
            active=True,
        )
    )
    return organization


def company_organisation(session: Session, company_id: int) -> Organization:
    """The company's organisation, its branches loaded."""
    statement = (
        select(Organization).where(Organization.company_id == company_id).options(selectinload(Organization.branches))
    )
    return session.scalars(statement).one()


def bank_settings_written(stored: Mapping[str, Any], changes: Mapping[str, Any]) -> tuple[dict, list[str]]:
    """The bank settings after the members sent (an empty text or null clears one), and every problem."""
    settings, problems = dict(stored), []
    for wire, value in changes.items():
        label, longest = BANK_SETTINGS[wire]
        text = value.strip() if isinstance(value, str) else ""
        if not text:
            settings.pop(wire, None)
            continue
        if wire == "bankCountry":
            text = text.upper()
            if text not in COUNTRIES:
                problems.append(messages.cannot_be_found(label, text))
                continue
        if len(text) > longest:
            problems.append(f"'{label}' is too long: {len(text)} characters, at most {longest} are allowed.")
            continue
        settings[wire] = text
    return settings, problems
