"""The service's error texts, each written once. For an emulator the wording is part of the contract: clients
match on it, and the knowledge base quotes it. A text that names a record takes the label the service shows
for it (`Department`, `Expense account`) and the key or code as the client sent it."""

from __future__ import annotations


def not_found(label: str, key: str) -> str:
    """A record named in the path does not exist (404): `Department 'X' not found.`"""
    return f"{label} '{key}' not found."


def cannot_be_found(label: str, code: str) -> str:
    """A record a body field refers to does not exist: `Expense account '9999' cannot be found in the system.`"""
    return f"{label} '{code}' cannot be found in the system."


def cannot_be_empty(label: str) -> str:
    return f"'{label}' cannot be empty."


def already_exists(label: str, key: str, *, numbered: bool = False) -> str:
    """A key the client gave is taken; with a number series the client may leave the key to the series."""
    hint = "choose another number or omit it to use the number series" if numbered else "choose another"
    return f"'{label}' '{key}' already exists; {hint}."


def inactive(label: str, code: str) -> str:
    return f"{label} '{code}' is inactive."


def no_rate_in_effect(currency_id: str, base: str, rate_type: str | None, day) -> str:
    """A document in another currency, sent without `exchangeRate`, dated before any rate of its currency."""
    kind = f"{rate_type} rate" if rate_type else "rate (the company has no rate type)"
    return (
        f"'Exchange rate' cannot be empty: no {kind} from {currency_id} to {base} is in effect on {day.isoformat()}; "
        "enter a currency rate effective on or before the document date, or send exchangeRate."
    )
