"""Inventory items take attachments (IN202500's files): their upload path. Items have no lines that do."""

from __future__ import annotations

from ..attachments.models import OwnerKind
from ..attachments.registry import Attachable, Lookup, UploadPath, register
from ..kit.keys import ResourceKey
from .items import ITEM
from .models import InventoryItem


def _item(inventoryNumber: ResourceKey) -> Lookup:
    return Lookup(
        label=f"Inventory item '{inventoryNumber}'",
        find=lambda session, company_id, lock: ITEM.find(session, company_id, inventoryNumber, for_update=lock),
    )


ITEMS = register(
    Attachable(
        kind=OwnerKind.INVENTORY_ITEM,
        resource=ITEM.name,
        tag="Inventory",
        owner=InventoryItem,
        paths=(
            UploadPath(
                "/v1/inventory/{inventoryNumber}/attachment",
                name="attach_to_item",
                summary="Creates an attachment and associates it with an Inventory Item.",
                lookup=_item,
            ),
        ),
    )
)
