"""What customers and suppliers (and later other parties) share that needs other domains' tables, for their
`kit.resource` declarations: the members their DTOs start with (the class among them), credit terms and VAT
zone by id, their currency, and the check of a whole party record. The members that need no other domain are
in `kit.party`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..identity.companies import base_currency
from ..kit import messages
from ..kit.party import ClassDefaults, Code, address, contact, heading, parent
from ..kit.resource import Computed, Member, Scalar, Writing
from ..kit.shapes import IdDescription, vat_zone_ref
from ..tax.models import VatZone
from ..terms.models import CreditTerms, credit_terms_ref

_CURRENCY = re.compile(r"^[A-Z]{3}$")

# `creditTerms`, read as `{id, description}`, and `creditTermsId`, which writes it.
CREDIT_TERMS = (
    Computed("creditTerms", IdDescription, lambda record: credit_terms_ref(record.credit_terms)),
    Code("creditTermsId", "credit_terms", CreditTerms.terms_id, "Terms"),
)
# Left empty, the company's base currency (see `PartyCheck`).
CURRENCY_ID = Scalar("currencyId", "currency_id", "Currency")


def opening(
    entity: str, model: Any, class_model: Any, status: type, *, account_reference: str, read_shaped: bool = False
) -> tuple[Member, ...]:
    """The members a customer's and a supplier's DTO start with, in the real order: `internalId`, `number`,
    `name` (`Customer name` in messages), `status`, `mainAddress`, `mainContact` (`read_shaped`: they may be
    sent in the read DTO's shape), `accountReference` (labelled `account_reference`), `parentRecord`,
    `parentRecordNumber`, and the class (`customerClass`, `customerClassId`). `entity` is the lower-case noun."""
    title = entity.capitalize()
    return (
        *heading(f"{title} name", status),
        address("mainAddress", "main_address", read_shaped=read_shaped),
        contact("mainContact", "main_contact", read_shaped=read_shaped),
        Scalar("accountReference", "account_reference", account_reference),
        *parent(model, entity),
        *party_class(f"{entity}Class", f"{entity}_class", class_model, f"{title} class"),
    )


def vat_zone(shape: type[BaseModel]) -> tuple[Member, Member]:
    """`vatZone`, read as `shape` (`VatZoneInCustomerDto`, `VatZoneInSupplierDto`), and `vatZoneId`, which
    writes it."""
    return (
        Computed("vatZone", shape, lambda record: vat_zone_ref(record.vat_zone)),
        Code("vatZoneId", "vat_zone", VatZone.zone_id, "VAT zone"),
    )


def party_class(wire: str, attr: str, model: Any, label: str) -> tuple[Member, Member]:
    """The party's class, read as `{id, description}` under `wire` and written by its id under `<wire>Id`."""

    def shown(record: Any) -> dict | None:
        found = getattr(record, attr)
        return None if found is None else {"id": found.class_id, "description": found.description}

    return Computed(wire, IdDescription, shown), Code(f"{wire}Id", attr, model.class_id, label)


@dataclass(frozen=True)
class PartyCheck:
    """The whole party record after the body's changes, as the service checks it: a name, the class's
    defaults (`ClassDefaults`), the VAT zone a class may require, and a currency (the company's base currency
    when none is given)."""

    name_label: str
    classes: ClassDefaults

    def __call__(self, writing: Writing, record: Any) -> list[str]:
        problems = [] if record.name else [messages.cannot_be_empty(self.name_label)]
        found = self.classes.apply(writing, record)
        if found is not None and found.required_vat_zone and record.vat_zone is None:
            problems.append(messages.cannot_be_empty("VAT zone"))
        if record.currency_id is None:
            record.currency_id = base_currency(writing.session, writing.company_id)
        elif not _CURRENCY.match(record.currency_id):
            problems.append(messages.cannot_be_found("Currency", record.currency_id))
        return problems


def party_check(entity: str, defaults: tuple[tuple[str, str], ...]) -> PartyCheck:
    """The check of a customer or supplier (`entity`) whose class gives `defaults` (`(wire, attr)` pairs)."""
    title = entity.capitalize()
    return PartyCheck(f"{title} name", ClassDefaults(f"{entity}_class", f"{entity}ClassId", defaults))
