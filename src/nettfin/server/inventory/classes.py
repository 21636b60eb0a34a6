"""Item classes (IN201000) and posting classes (IN206000) as the API serves them: paged lists, and an item class
by its id. The lists are these declarations (see `kit.resource`); router.py adds the item class's GET, whose
path the real service spells in lower case (`/v1/inventory/itemclass/{itemClassNumber}`)."""

from __future__ import annotations

from ..kit.members import id_and_description
from ..kit.records import RecordKey
from ..kit.resource import ERROR_INFO, Computed, Resource, Texts
from .models import ItemClass, PostingClass
from .schemas import InventoryType

LISTED = frozenset({"list"})


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
        *id_and_description("class_id", "The item class ID."),
        ERROR_INFO,
    ),
    texts=Texts(list="Get Inventory Item Classes", get="Get Specific Inventory Item Class", key="The item class ID."),
    dto="ItemClassDto",
    operations=LISTED,
)

POSTING_CLASS = Resource(
    name="posting_class",
    model=PostingClass,
    path="/v1/inventory/itemPostClass",
    tag="Inventory",
    label="Posting class",
    key=RecordKey("id", PostingClass.class_id, "Posting class"),
    members=(*id_and_description("class_id", "The posting class ID."),),
    texts=Texts(list="Get Inventory Item Post Classes", get=""),
    dto="PostingClassDto",
    operations=LISTED,
)
