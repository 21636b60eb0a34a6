"""The branch and payment method codes a document names, checked against the company's records: one rule for
every document that has them (customer invoices and notes, customer payments, supplier invoices and payments,
purchase orders).

Only the codes the body sends are checked (a code a document takes from its customer or supplier is the
party's); an empty code clears the field. A code that names no record is `Branch '9' cannot be found in the
system.` (`Payment method 'X'`), an inactive one `... is inactive.`, and a method that suppliers may not use
(its "use in AP" unset) is refused on supplier documents. A line's code is prefixed by the line's place in
the body (`invoiceLines[1]: Branch '9' ...`), as every line problem is. The caller reports the problems with
the others: nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..kit import messages
from ..kit.records import load_by_codes
from ..organisation.models import Branch
from ..terms.models import PaymentMethod

BRANCH = "Branch"
PAYMENT_METHOD = "Payment method"
_RECORDS = {BRANCH: (Branch, Branch.branch_cd), PAYMENT_METHOD: (PaymentMethod, PaymentMethod.payment_method_id)}


@dataclass(frozen=True)
class CodeFields:
    """Where a document type names branches and payment methods: header members (wire name -> label),
    the body's list of lines and the members of a line."""

    header: dict[str, str]
    lines: str | None = None
    line: dict[str, str] | None = None
    supplier_side: bool = False  # a supplier document: its payment method must be usable in AP


def _sent(changes: dict, fields: CodeFields, lines_label: str | None) -> Iterable[tuple[str, str, str]]:
    """(place prefix, label, code) of every non-empty code the body sends."""
    for wire, label in fields.header.items():
        code = changes.get(wire)
        if isinstance(code, str) and code.strip():
            yield "", label, code.strip()
    for index, line in enumerate((changes.get(fields.lines) if fields.lines else None) or []):
        for wire, label in (fields.line or {}).items():
            code = line.get(wire) if isinstance(line, dict) else None
            if isinstance(code, str) and code.strip():
                yield f"{lines_label or fields.lines}[{index}]: ", label, code.strip()


def reference_problems(
    session: Session, company_id: int, changes: dict, fields: CodeFields, *, lines_label: str | None = None
) -> list[str]:
    """Every unknown, inactive or unusable branch and payment method the body names; `lines_label` names the
    lines in messages when the body's name for them differs (credit notes' `lines`)."""
    sent = list(_sent(changes, fields, lines_label))
    found = {
        label: load_by_codes(session, model, column, company_id, [code for _, named, code in sent if named == label])
        for label, (model, column) in _RECORDS.items()
    }
    problems = []
    for place, label, code in sent:
        record = found[label].get(code)
        if record is None:
            problems.append(place + messages.cannot_be_found(label, code))
        elif not record.active:
            problems.append(place + messages.inactive(label, code))
        elif label == PAYMENT_METHOD and fields.supplier_side and not record.use_in_ap:
            problems.append(place + f"Payment method '{code}' is not used in the supplier ledger.")
    return problems
