"""Resource keys in paths. Since release 8.19 any key may be given as `b64(<base64url>)`."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated

from fastapi import Path
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from .checks import INT32_MAX, parse_int32
from .errors import NotFound


def decode_key(raw: str) -> str:
    if not (raw.startswith("b64(") and raw.endswith(")")):
        return raw
    encoded = raw[4:-1]
    try:
        return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise PydanticCustomError(
            "b64_key", "b64(...) must hold a base64url-encoded UTF-8 key, as in b64(Oi8_I1tdQCYqKzs)"
        ) from None


ResourceKey = Annotated[str, Path(), AfterValidator(decode_key)]
LineNumber = Annotated[int, Path(ge=0, le=INT32_MAX, description="The line's number on its document.")]
# A row id in a page's path (admin, company tree).
RowId = Annotated[int, Path(ge=0, le=INT32_MAX)]


def internal_id(raw: str, *, what: str) -> int:
    """An `internalId` from a path: the service's ids are 32-bit integers, so anything else names no record."""
    found = parse_int32(raw)
    if found is not None:
        return found
    raise NotFound(f"{what} '{raw}' not found: an internal id is an integer from 1 to {INT32_MAX}.")
