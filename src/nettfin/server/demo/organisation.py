"""The demo company's bank settings: its organisation's and its main branch's, as a payment file would use them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..kit.changes import bump_version
from ..organisation.service import bank_settings_written, company_organisation

DEMO_BANK_SETTINGS = {
    "bankName": "DNB Bank ASA",
    "bankAddress1": "Dronning Eufemias gate 30",
    "bankAddress2": "0191 Oslo",
    "bankCountry": "NO",
    "iban": "NO9386011117947",
    "bban": "86011117947",
    "bic": "DNBANOKKXXX",
}


def seed_bank_settings(session: Session, company_id: int) -> None:
    organisation = company_organisation(session, company_id)
    settings, problems = bank_settings_written({}, DEMO_BANK_SETTINGS)
    assert not problems, problems
    organisation.bank_settings = settings
    for branch in organisation.branches:
        branch.bank_settings = dict(settings)
    for resource in ("organization", "branch"):
        bump_version(session, company_id=company_id, resource=resource)
