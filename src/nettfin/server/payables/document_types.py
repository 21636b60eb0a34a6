"""A supplier document's type as a path gives it (`.../documentType/{documentType}/...`): the invoice routes
and the attachment upload routes bind it the same way."""

from __future__ import annotations

from ..kit.errors import BusinessError
from .document_schemas import INVOICE_TYPES


def document_type(value: str) -> str:
    """A path's `{documentType}`, bound case-insensitively; a 400 naming the accepted types otherwise."""
    for kind in INVOICE_TYPES:
        if kind.value.casefold() == value.casefold():
            return kind.value
    accepted = ", ".join(kind.value for kind in INVOICE_TYPES)
    raise BusinessError(
        f"The value '{value}' of path segment 'documentType' is not valid. Accepted values: {accepted}."
    )
