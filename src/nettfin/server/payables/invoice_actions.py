"""Supplier document actions besides release and void (AP301000): prebook, reverse, correct, send to approval and
balance write-off, and reading a document by its approval document's id.

- `prebook` (a Balanced document): posts the expense and VAT as a release would, against a prebooking account
  instead of the supplier ledger account; the document is `Prebooked`, still unreleased, nothing is owed yet.
  Its release then moves the amount from the prebooking account to the supplier ledger account (and opens it);
  its void reverses the prebooking.
- `reverse` (a released Invoice, CreditAdj or DebitAdj, Open or Closed): a reversing document (a DebitAdj for an
  invoice or credit adjustment, a CreditAdj for a debit adjustment) with the original's lines, released at once
  (it posts the mirror image), then set against what is left of the original's balance: an unpaid original and
  its reversal both close; what was paid stays open on the reversing document.
- `correct` (a released Invoice nothing has been paid on): reverses it and makes a copy (unreleased, Balanced)
  to be changed and released in its place; both name the original in `originalReferenceNumber`.
- `sendtoapproval` (an unreleased document): `approvalStatus` SentToApproval and an approval document id, by
  which `GET /supplierInvoice/approval?systemId=` reads the document.
- `writeoff` (an Open document): its balance, at most the supplier class's write-off limit, is written off
  against the class's write-off account; the document closes.

The actions post in the document's period and on its date, as void does; every one locks the document first,
checks `If-Match`, and writes nothing when it refuses.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.base import utcnow
from ..db.engine import Database, retrying_write
from ..inventory.subaccounts import subaccount_number
from ..kit import messages
from ..kit.changes import bump_version
from ..kit.errors import BusinessError, NotFound, record_errors
from ..kit.records import load_by_codes
from ..kit.responses import check_if_match
from ..ledger.journal import Module
from ..ledger.line_subaccounts import ensure_subaccounts
from ..ledger.models import Account
from ..ledger.posting import PostingRefused, Source, post
from ..ledger.subaccounts import check_subaccount
from . import invoice_release, invoices, ledger_entries
from .document_models import SupplierDocument, SupplierDocumentLine, SupplierDocumentTax
from .document_schemas import PrebookingUpdateDto
from .invoices import ENTITY, NUMBERS, RECORD, RESOURCE, find_document

ZERO = Decimal(0)
# The reversing document of each type.
REVERSING_TYPE = {"Invoice": "DebitAdj", "CreditAdj": "DebitAdj", "DebitAdj": "CreditAdj"}
SENT_TO_APPROVAL = "SentToApproval"


def _name(document: SupplierDocument) -> str:
    return f"{document.document_type} '{document.reference_number}'"


def _locked(session: Session, company_id: int, document_type: str, number: str, if_match) -> SupplierDocument:
    document = find_document(session, company_id, document_type, number, for_update=True)
    check_if_match(if_match, document.row_version)
    return document


def _changed(session: Session, *documents: SupplierDocument) -> None:
    for document in documents:
        document.last_modified_at = utcnow()
    session.flush()
    bump_version(session, company_id=documents[0].company_id, resource=RESOURCE)


# --- prebook ---------------------------------------------------------------------------------------------------


@retrying_write
def prebook_invoice(
    db: Database, *, company_id: int, document_type: str, number: str, if_match, body: PrebookingUpdateDto | None
) -> SupplierDocument:
    with db.writing() as session:
        document = _locked(session, company_id, document_type, number, if_match)
        _refuse_prebook(document)
        problems = _prebooking_account(session, document, body.changes() if body is not None else {})
        if not problems:
            problems = _post_prebooking(session, document)
        if problems:
            raise record_errors(action="prebooking", entity=ENTITY, record=RECORD, errors=problems)
        document.status = "Prebooked"
        _changed(session, document)
        return document


def _refuse_prebook(document: SupplierDocument) -> None:
    name = _name(document)
    if document.status == "Prebooked":
        raise BusinessError(f"{name} is already prebooked.")
    if document.released or document.status == "Voided":
        raise BusinessError(f"{name} is {'released' if document.released else 'voided'}: it cannot be prebooked.")
    if document.hold:
        raise BusinessError(f"{name} is on hold and cannot be prebooked: clear 'Hold' first.")
    if not document.lines or not document.amount_cur:
        raise BusinessError(f"{name} has nothing to prebook: its amount is 0.")


def _prebooking_account(session: Session, document: SupplierDocument, changes: dict) -> list[str]:
    """The body's account (an active account controlled by no sub-ledger) and subaccount segments."""
    code = (changes.get("accountNumber") or "").strip()
    if not code:
        return [
            "'Prebooking account' cannot be empty: send 'accountNumber' (nettfin keeps no default prebooking account)."
        ]
    account = load_by_codes(session, Account, Account.account_cd, document.company_id, [code]).get(code)
    if account is None:
        return [messages.cannot_be_found("Account", code)]
    if not account.active:
        return [f"Account '{code}' is inactive: it cannot be the prebooking account."]
    if account.control_account_module:
        return [f"Account '{code}' is a control account: it cannot be the prebooking account."]
    document.prebook_account, document.prebook_subaccount = account, None
    segments = changes.get("subaccount")
    if segments:
        pairs = [(s.get("segmentId") or 0, s.get("segmentValue") or "") for s in segments]
        check = check_subaccount(session, document.company_id, pairs)
        if check.problems:
            return [f"'Prebooking subaccount': {problem}" for problem in check.problems]
        wanted = check.number or subaccount_number(segments)
        document.prebook_subaccount = ensure_subaccounts(session, document.company_id, {wanted}).get(wanted)
    return []


def _post_prebooking(session: Session, document: SupplierDocument) -> list[str]:
    account = (document.prebook_account.account_cd, _code(document.prebook_subaccount))
    lines, problems = ledger_entries.invoice_entries(session, document, against=account)
    if problems:
        return problems
    batch, problems = _post(session, document, lines, f"Prebook {_name(document)}")
    if batch is not None:
        document.prebook_batch_number = batch
    return problems


# --- reverse and correct ------------------------------------------------------------------------------------


@retrying_write
def reverse_invoice(db: Database, *, company_id: int, document_type: str, number: str, if_match) -> SupplierDocument:
    """The reversing document, released and set against the original."""
    with db.writing() as session:
        original = _locked(session, company_id, document_type, number, if_match)
        _refuse_reverse(session, original, "reversed")
        return _reverse(session, original)


@retrying_write
def correct_invoice(db: Database, *, company_id: int, number: str, if_match) -> SupplierDocument:
    """The corrected copy (unreleased) of an invoice, which is reversed."""
    with db.writing() as session:
        original = _locked(session, company_id, "Invoice", number, if_match)
        _refuse_reverse(session, original, "corrected")
        if original.balance_cur != original.amount_cur:
            raise BusinessError(f"{_name(original)} cannot be corrected: a payment applies to it.")
        _reverse(session, original)
        copy = _copy(session, original, "Invoice")
        copy.status, copy.hold = "Balanced", False
        _changed(session, copy)
        return copy


def _refuse_reverse(session: Session, document: SupplierDocument, verb: str) -> None:
    name = _name(document)
    if document.document_type not in REVERSING_TYPE:
        raise BusinessError(f"{name} cannot be {verb}: only invoices and adjustments can.")
    if not document.released or document.status not in ("Open", "Closed"):
        raise BusinessError(f"{name} cannot be {verb}: its status is {document.status}; only released documents can.")
    existing = session.scalar(
        select(SupplierDocument.reference_number).where(
            SupplierDocument.company_id == document.company_id,
            SupplierDocument.original_document_type == document.document_type,
            SupplierDocument.original_reference_number == document.reference_number,
            SupplierDocument.document_type == REVERSING_TYPE[document.document_type],
        )
    )
    if existing is not None:
        raise BusinessError(f"{name} is already reversed by {REVERSING_TYPE[document.document_type]} '{existing}'.")


def _reverse(session: Session, original: SupplierDocument) -> SupplierDocument:
    reversal = _copy(session, original, REVERSING_TYPE[original.document_type])
    reversal.ap_account, reversal.ap_subaccount = original.ap_account, original.ap_subaccount
    invoice_release.release(session, reversal)
    # The reversal takes what is left of the original's balance (in both currencies: the same rate).
    reversal.balance_cur -= original.balance_cur
    reversal.balance -= original.balance
    original.balance_cur = original.balance = ZERO
    for document in (original, reversal):
        if not document.balance_cur and document.status == "Open":
            document.status, document.closed_period_id = "Closed", original.period_id
    _changed(session, original, reversal)
    return reversal


# Columns a copy does not take from its original.
_NOT_COPIED = frozenset(
    {
        "id",
        "document_type",
        "reference_number",
        "status",
        "released",
        "balance_cur",
        "balance",
        "ap_account_id",
        "ap_subaccount_id",
        "batch_number",
        "void_batch_number",
        "closed_period_id",
        "prebook_account_id",
        "prebook_subaccount_id",
        "prebook_batch_number",
        "original_document_type",
        "original_reference_number",
        "approval_status",
        "approval_id",
        "write_off_batch_number",
        "row_version",
        "created_at",
        "last_modified_at",
    }
)


def _copy(session: Session, original: SupplierDocument, document_type: str) -> SupplierDocument:
    """A new unreleased document of `document_type` with the original's header, lines and VAT details."""
    copy = SupplierDocument(
        **_columns(original, _NOT_COPIED),
        document_type=document_type,
        status="Balanced",
        original_document_type=original.document_type,
        original_reference_number=original.reference_number,
    )
    copy.reference_number = NUMBERS.allocate(session, original.company_id)
    copy.lines = [SupplierDocumentLine(**_columns(line, {"id", "document_id"})) for line in original.lines]
    copy.taxes = [SupplierDocumentTax(**_columns(tax, {"id", "document_id"})) for tax in original.taxes]
    copy.created_at = copy.last_modified_at = utcnow()
    session.add(copy)
    session.flush()
    return copy


def _columns(record, skipped) -> dict:
    return {c.key: getattr(record, c.key) for c in record.__table__.columns if c.key not in skipped}


# --- approval -----------------------------------------------------------------------------------------------


@retrying_write
def send_to_approval(db: Database, *, company_id: int, document_type: str, number: str, if_match) -> SupplierDocument:
    with db.writing() as session:
        document = _locked(session, company_id, document_type, number, if_match)
        name = _name(document)
        if document.released or document.status == "Voided":
            state = "released" if document.released else "voided"
            raise BusinessError(f"{name} is {state}: only unreleased documents are sent to approval.")
        if document.approval_status == SENT_TO_APPROVAL:
            raise BusinessError(f"{name} is already sent to approval.")
        sent_to_approval(session, document, str(uuid.uuid4()))
        return document


def sent_to_approval(session: Session, document: SupplierDocument, approval_id: str) -> None:
    """The document under approval, its approval document `approval_id` (the demo seed gives a fixed one)."""
    document.approval_status, document.approval_id = SENT_TO_APPROVAL, approval_id
    _changed(session, document)


def get_by_approval(db: Database, *, company_id: int, system_id: str) -> tuple[SupplierDocument, invoices.Rendering]:
    """The document whose approval document `system_id` names (404 otherwise)."""
    with db.reading() as session:
        found = session.execute(
            select(SupplierDocument.document_type, SupplierDocument.reference_number).where(
                SupplierDocument.company_id == company_id, SupplierDocument.approval_id == system_id.strip().lower()
            )
        ).first()
    if found is None:
        raise NotFound(f"No supplier invoice is sent to approval with systemId '{system_id}'.")
    return invoices.get_invoice(db, company_id=company_id, document_type=found[0], number=found[1])


# --- write-off ----------------------------------------------------------------------------------------------


@retrying_write
def write_off_invoice(db: Database, *, company_id: int, document_type: str, number: str, if_match) -> SupplierDocument:
    with db.writing() as session:
        document = _locked(session, company_id, document_type, number, if_match)
        name = _name(document)
        if document.status != "Open":
            raise BusinessError(
                f"{name} cannot be written off: its status is {document.status}; only open documents can."
            )
        account, problems = write_off_account(document.supplier, document.balance, name)
        if not problems:
            description = f"Balance write-off {name}"
            lines = ledger_entries.settlement_entries(document, account, -document.balance, description)
            batch, problems = _post(session, document, lines, description)
            document.write_off_batch_number = batch
        if problems:
            raise record_errors(action="writing off", entity=ENTITY, record=RECORD, errors=problems)
        document.balance = document.balance_cur = ZERO
        document.status, document.closed_period_id = "Closed", document.period_id
        _changed(session, document)
        return document


def write_off_account(supplier, balance: Decimal, name: str) -> tuple[tuple[str, str | None], list[str]]:
    """The supplier class's write-off account and subaccount, and problems: no class, no account, no limit, or a
    balance (base currency, its size) above the limit."""
    supplier_class = supplier.supplier_class
    if supplier_class is None or not supplier_class.write_off_account:
        label = f"Supplier class '{supplier_class.class_id}'" if supplier_class else f"Supplier '{supplier.number}'"
        return ("", None), [f"{label} has no write-off account: the balance of {name} cannot be written off."]
    limit = supplier_class.write_off_limit or ZERO
    if abs(balance) > limit:
        return ("", None), [
            f"The balance of {name}, {abs(balance):.2f}, exceeds the write-off limit of supplier class "
            f"'{supplier_class.class_id}', {limit:.2f}."
        ]
    return (supplier_class.write_off_account, supplier_class.write_off_subaccount), []


# --- shared -------------------------------------------------------------------------------------------------


def _post(session: Session, document: SupplierDocument, lines, description: str) -> tuple[str | None, list[str]]:
    """Post `lines` in the document's period, on its date: the batch number, or the posting's problems."""
    if not any(line.debit or line.credit for line in lines):
        return None, []
    try:
        batch = post(
            session,
            company_id=document.company_id,
            module=Module.AP,
            period=document.period_id,
            date=document.date,
            description=description,
            source=Source(document.document_type, document.reference_number),
            lines=lines,
        )
    except PostingRefused as refused:
        return None, refused.problems
    return batch.batch_number, []


def _code(subaccount) -> str | None:
    return subaccount.subaccount_cd if subaccount else None
