"""How documents and journal lines render the ledger records they refer to: accounts as `{type, number,
description, ...}` and subaccounts as the full SubAccount shape with their segments."""

from __future__ import annotations

from ..kit.render import format_datetime, time_stamp
from .models import Account, Subaccount
from .subaccounts import SegmentNames

# Visma's non-project code: what lines without a project carry.
NON_PROJECT = "X"


def account_ref(account: Account | None, *, with_codes: bool = False) -> dict | None:
    """`{type, number, description}`; document lines add `externalCode1`, `externalCode2` and `active`."""
    if account is None:
        return None
    ref = {"type": account.type, "number": account.account_cd, "description": account.description}
    if with_codes:
        ref.update(
            externalCode1=account.external_code1,
            externalCode2=account.external_code2,
            active=account.active,
        )
    return ref


def subaccount_ref(subaccount: Subaccount | None, names: SegmentNames) -> dict | None:
    if subaccount is None:
        return None
    return {
        "subaccountNumber": subaccount.subaccount_cd,
        "subaccountId": subaccount.id,
        "description": subaccount.description,
        "lastModifiedDateTime": format_datetime(subaccount.last_modified_at),
        "active": subaccount.active,
        "segments": names.describe(subaccount),
        "timeStamp": time_stamp(subaccount.row_version),
        "errorInfo": None,
    }


def project_ref(project_id: str | None) -> dict | None:
    if project_id is None:
        return None
    if project_id != NON_PROJECT:
        return {"id": project_id}
    return {"internalId": 0, "id": project_id, "description": "Non-project code."}


def line_project_refs(line) -> tuple[dict | None, dict | None]:
    """A journal line's project and task as `{internalId, id, description}`; (None, None) for a line of none."""
    if line.project_id is None:
        return None, None
    project = line.project
    task = line.project_task
    task_ref = None if task is None else {"internalId": task.id, "id": task.task_cd, "description": task.description}
    return {"internalId": project.id, "id": project.project_cd, "description": project.description}, task_ref
