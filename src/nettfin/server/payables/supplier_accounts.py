"""A supplier's expense accounts (`/supplieraccount/{supplierId}`): the account and subaccount a supplier
invoice line of the supplier takes when it names none, and, for each supplier item id asked about, the item
it is (a `VPN` cross-reference of the supplier's, or of no supplier) with the account its lines take: the
item's expense account, else the supplier's (as `invoice_lines` chooses them).

`linesNonTaxable=true` takes the supplier's non-taxable expense account where it has one. `vatRegistrationId`
is accepted and changes nothing: nettfin chooses no account by VAT registration.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..inventory.models import ItemCrossReference
from ..inventory.subaccounts import subaccount_number
from ..ledger.models import Subaccount
from ..ledger.references import subaccount_ref
from ..ledger.subaccounts import SegmentNames, segment_names
from .locations import find_supplier
from .models import Supplier


def supplier_accounts(db: Database, *, company_id: int, number: str, item_ids: list[str], non_taxable: bool) -> dict:
    with db.reading() as session:
        supplier = find_supplier(session, company_id, number)
        names = segment_names(session, company_id)
        codes = supplier.gl_accounts or {}
        account = (codes.get("expenseAccountNonTax") if non_taxable else None) or codes.get("expenseAccount")
        subaccount = codes.get("expenseSubaccount")
        return {
            "supplierAccount": {
                "number": supplier.number,
                "name": supplier.name,
                "accountID": account,
                "subaccount": _subaccount(session, company_id, subaccount, names),
            },
            "supplierItemAccounts": [
                _item_account(session, company_id, supplier, item_id, account, subaccount, names)
                for item_id in item_ids
                if item_id.strip()
            ],
        }


def _item_account(
    session: Session,
    company_id: int,
    supplier: Supplier,
    supplier_item_id: str,
    account: str | None,
    subaccount: str | None,
    names: SegmentNames,
) -> dict:
    reference = session.scalars(
        select(ItemCrossReference)
        .where(
            ItemCrossReference.company_id == company_id,
            ItemCrossReference.alternate_type == "VPN",
            ItemCrossReference.alternate_id == supplier_item_id.strip(),
            or_(ItemCrossReference.b_account == supplier.number, ItemCrossReference.b_account.is_(None)),
        )
        .order_by(ItemCrossReference.b_account.is_(None), ItemCrossReference.id)
    ).first()
    if reference is None:
        return {"supplierItemId": supplier_item_id}
    item = reference.item
    item_subaccount = subaccount_number((item.subaccounts or {}).get("expenseSubaccount"))
    return {
        "supplierItemId": supplier_item_id,
        "itemId": item.number,
        "accountID": (item.accounts or {}).get("expenseAccount") or account,
        "subaccount": _subaccount(session, company_id, subaccount or item_subaccount, names),
    }


def _subaccount(session: Session, company_id: int, code: str | None, names: SegmentNames) -> dict | None:
    if not code:
        return None
    found = session.scalars(
        select(Subaccount).where(Subaccount.company_id == company_id, Subaccount.subaccount_cd == code)
    ).first()
    return subaccount_ref(found, names) if found else {"subaccountNumber": code}
