"""A declared resource's response bodies, written without a pass over them.

`Resource.render` leaves out every member without a value, and its members' objects and lists hold no null
(`Member.compact`), so the body is serialized as it is: no pass that drops nulls (which on a page of 100
customers cost more than the serialization). A server started with `render_nulls` wants the opposite, every
documented member present: there the members without a value are filled back in as nulls from the read DTO.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel
from starlette.responses import Response

from .paging import PageResult, with_metadata
from .render import dumps, json_bytes_response, json_response, rendering_nulls

# A read DTO's members, each with its own DTO's members when it is an object or a list of objects (None for a
# value): what `render_nulls` fills in. Made once per DTO.
Template = dict[str, "Template | None"]
_TEMPLATES: dict[type[BaseModel], Template] = {}


def resource_json(
    model: type[BaseModel],
    payload: dict | list[dict],
    page: PageResult | None = None,
    *,
    headers: dict[str, str] | None = None,
) -> Response:
    """The response of one rendered record or a list of them (`model`: their read DTO), with a page's metadata
    when the list is paged."""
    if rendering_nulls():
        template = _template(model)
        for body in payload if isinstance(payload, list) else [payload]:
            _fill(body, template)
    if page is not None:
        with_metadata(payload, page)
    return json_response(payload, headers=headers, compact=True)


def record_json(model: type[BaseModel], body: dict) -> bytes:
    """One rendered record's JSON (`model`: its read DTO), as `resource_json` would write it."""
    if rendering_nulls():
        _fill(body, _template(model))
    return dumps(body)


def records_response(bodies: list[bytes], page: PageResult | None) -> Response:
    """The response of a list of records' JSON (`record_json`), with a page's metadata when the list is paged:
    the same bytes `resource_json` writes of the records, joined without parsing them again."""
    if page is None:
        return json_bytes_response(b"[" + b",".join(bodies) + b"]")
    # `metadata` is each element's last member: the record's JSON less its closing brace, then it.
    metadata = b'"metadata":' + dumps(page.metadata) + b"}"
    elements = [body[:-1] + (b"," if len(body) > 2 else b"") + metadata for body in bodies]
    return json_bytes_response(b"[" + b",".join(elements) + b"]")


def _template(model: type[BaseModel]) -> Template:
    if model not in _TEMPLATES:
        # `metadata` is the page's, added to a list's elements after rendering: a single record has none.
        _TEMPLATES[model] = {
            name: _nested(field.annotation) for name, field in model.model_fields.items() if name != "metadata"
        }
    return _TEMPLATES[model]


def _nested(annotation: Any) -> Template | None:
    """The template of a member's DTO: an object, a list of objects, either of them or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _template(annotation)
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for argument in typing.get_args(annotation):
            found = _nested(argument)
            if found is not None:
                return found
    return None


def _fill(body: dict, template: Template) -> None:
    for name, nested in template.items():
        value = body.setdefault(name, None)
        if nested is None or value is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                _fill(item, nested)
