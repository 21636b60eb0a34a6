"""What an expense claim adds up to, and what its release posts (docs/compatibility.md, "Expense claims").

The release posts one batch (module EP, the claim's period, which must be open in the general ledger): each
detail's claim amount less the VAT it contains debits the detail's expense account and subaccount; each VAT ID's
VAT debits the VAT ID's claimable account; the claim total credits the employee class's payables account (what
the company owes the employee, whom the service would pay through a supplier bill). Nothing is written when the
posting engine refuses.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..documents.vat import exempt_vat_ids
from ..kit.errors import BusinessError
from ..kit.records import load_by_codes
from ..ledger.journal import Module
from ..ledger.posting import PostingLine, PostingRefused, Source, post
from ..tax.models import Vat
from .models import ZERO, ExpenseClaim

DOCUMENT_TYPE = "ExpenseClaim"


def totals(session: Session, claim: ExpenseClaim) -> None:
    """claimTotal, and the VAT taxable and exempt totals (the claim amounts less their VAT, by the VAT IDs'
    flags; a detail without VAT is in neither)."""
    exempt = exempt_vat_ids(session, claim.company_id)
    claim.claim_total = sum((d.claim_amount for d in claim.details), ZERO)
    vatted = [d for d in claim.details if d.vat_id]
    claim.vat_taxable_total = sum((d.claim_amount - d.tax_amount for d in vatted if d.vat_id not in exempt), ZERO)
    claim.vat_exempt_total = sum((d.claim_amount - d.tax_amount for d in vatted if d.vat_id in exempt), ZERO)


def release_claim(session: Session, claim: ExpenseClaim) -> None:
    """Post the claim and mark it Released; a refusal names every problem and leaves nothing written."""
    lines, problems = claim_entries(session, claim)
    if problems:
        raise BusinessError(_refused(claim, problems))
    try:
        claim.batch = post(
            session,
            company_id=claim.company_id,
            module=Module.EP,
            period=claim.period_id,
            date=claim.date.date(),
            description=f"Expense claim {claim.ref_nbr}, {claim.employee.name}",
            source=Source(DOCUMENT_TYPE, claim.ref_nbr),
            lines=lines,
        )
    except PostingRefused as refused:
        raise BusinessError(_refused(claim, refused.problems)) from None
    claim.status = "Released"


def _refused(claim: ExpenseClaim, problems: list[str]) -> str:
    listed = "".join(f"Error: {problem}\r\n" for problem in problems)
    return f"Expense claim '{claim.ref_nbr}' cannot be released. Please review the errors.\r\n{listed}"


def claim_entries(session: Session, claim: ExpenseClaim) -> tuple[list[PostingLine], list[str]]:
    problems: list[str] = []
    reference = claim.ref_nbr
    lines = [
        PostingLine(
            account=detail.account.account_cd,
            subaccount=detail.subaccount.subaccount_cd if detail.subaccount else None,
            debit=detail.claim_amount - detail.tax_amount,
            description=detail.description,
            reference=reference,
            vat_id=detail.vat_id,
            vat_category=detail.tax_category,
            inventory_number=detail.item.number if detail.item else None,
            quantity=detail.quantity,
            uom=detail.uom,
        )
        for detail in claim.details
        if detail.claim_amount - detail.tax_amount
    ]
    by_vat: dict[str, object] = {}
    for detail in claim.details:
        if detail.vat_id and detail.tax_amount:
            by_vat[detail.vat_id] = by_vat.get(detail.vat_id, ZERO) + detail.tax_amount
    vats = load_by_codes(session, Vat, Vat.vat_id, claim.company_id, by_vat)
    for vat_id, amount in sorted(by_vat.items()):
        vat = vats.get(vat_id)
        if vat is None or vat.claimable_account is None:
            problems.append(f"VAT '{vat_id}' has no claimable account (TX205000).")
            continue
        lines.append(
            PostingLine(
                account=vat.claimable_account.account_cd,
                subaccount=vat.claimable_subaccount.subaccount_cd if vat.claimable_subaccount else None,
                debit=amount,
                description=vat.description,
                reference=reference,
                vat_id=vat_id,
            )
        )
    employee_class = claim.employee.employee_class
    if employee_class.payable_account is None:
        problems.append(
            f"Employee class '{employee_class.class_id}' has no payables account for expense claims "
            "(EP202000, the class's AP account)."
        )
    elif claim.claim_total:
        payable = employee_class.payable_account
        lines.append(
            PostingLine(
                account=payable.account_cd,
                subaccount=employee_class.payable_subaccount.subaccount_cd
                if employee_class.payable_subaccount
                else None,
                credit=claim.claim_total,
                description=f"{claim.employee.number} {claim.employee.name}",
                reference=reference,
            )
        )
    return lines, problems
