"""The demo company's branches (the main branch, Oslo, and two more: Bergen and Trondheim) and bank settings: its
organisation's and every branch's, as a payment file would use them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..kit.changes import bump_version
from ..organisation.models import Branch
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


# (number, name) of the branches besides the main one, `1`
DEMO_BRANCHES = (("2", "Nordlys Demo AS avd. Bergen"), ("3", "Nordlys Demo AS avd. Trondheim"))


def seed_organisation(session: Session, company_id: int) -> None:
    organisation = company_organisation(session, company_id)
    for number, name in DEMO_BRANCHES:
        organisation.branches.append(
            Branch(company_id=company_id, branch_cd=number, name=name, main=False, active=True)
        )
    settings, problems = bank_settings_written({}, DEMO_BANK_SETTINGS)
    assert not problems, problems
    organisation.bank_settings = settings
    for branch in organisation.branches:
        branch.bank_settings = dict(settings)
    for resource in ("organization", "branch"):
        bump_version(session, company_id=company_id, resource=resource)
