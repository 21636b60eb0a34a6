"""Item classes (IN201000) and posting classes (IN206000) as the API serves them: paged lists, and an item class
by its id. The lists are these declarations (see `kit.resource`); router.py adds the item class's GET, whose
path the real service spells in lower case (`/v1/inventory/itemclass/{itemClassNumber}`)."""

from __future__ import annotations

from ..kit.records import RecordKey
from ..kit.resource import ERROR_INFO, Computed, Resource, Texts
from .models import ItemClass, PostingClass
from .schemas import InventoryType

LISTED = frozenset({"list"})


def _description(found: ItemClass | PostingClass) -> str:
    return found.description


ITEM_CLASS = Resource(
    name="item_class",
    model=ItemClass,
    path="/v1/inventory/itemClass",
    tag="Inventory",
    label="Item class",
    key=RecordKey("id", ItemClass.class_id, "Item class"),
    members=(
        Computed("type", InventoryType, lambda found: found.item_type, "The type of the class's items."),
        Computed("attributes", list[dict], lambda found: [], "Attributes are not served yet."),
        Computed("id", str, lambda found: found.class_id, "The item class ID."),
        Computed("description", str, _description),
        ERROR_INFO,
    ),
    texts=Texts(
        list="Get Inventory Item Classes",
        get="Get Specific Inventory Item Class",
        create="",
        update="",
        key="The item class ID.",
    ),
    dto="ItemClassDto",
    write_dto="ItemClassUpdateDto",
    operations=LISTED,
)

POSTING_CLASS = Resource(
    name="posting_class",
    model=PostingClass,
    path="/v1/inventory/itemPostClass",
    tag="Inventory",
    label="Posting class",
    key=RecordKey("id", PostingClass.class_id, "Posting class"),
    members=(
        Computed("id", str, lambda found: found.class_id, "The posting class ID."),
        Computed("description", str, _description),
    ),
    texts=Texts(list="Get Inventory Item Post Classes", get="", create="", update=""),
    dto="PostingClassDto",
    write_dto="PostingClassUpdateDto",
    operations=LISTED,
)
