"""Another endpoint's view of the same documents.

The service serves some document types at endpoints of their own whose DTOs are another's with members renamed
and some left out: a customer credit note (`/v1/customerCreditNote`) is the customer invoice's document with
`lines` for `invoiceLines`, `invoiceAddress` for `billingAddress` on writes, and without the invoice's contract and
debt-collection members. A `Variant` says that once; from it come the variant's read and write DTOs (named as
the real document names them), its rendered bodies (the base body, renamed and trimmed) and the base's changes
for a variant's write body, so the base type's use cases serve it unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from copy import copy
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, create_model


def variant_model(
    model: type[BaseModel],
    name: str,
    *,
    renamed: Mapping[str, str] = {},  # noqa: B006 - read only
    dropped: frozenset[str] = frozenset(),
    retyped: Mapping[str, Any] = {},  # noqa: B006 - read only
) -> type[BaseModel]:
    """`model`'s fields in their order under the class name `name`: `renamed` (base name -> variant name),
    `dropped` (base names) left out, `retyped` (variant name -> type) given another type (a list of the
    variant's line DTO)."""
    fields: dict[str, Any] = {}
    for base_name, info in model.model_fields.items():
        if base_name in dropped:
            continue
        wire = renamed.get(base_name, base_name)
        fields[wire] = (retyped.get(wire, info.annotation), copy(info))
    return create_model(name, __base__=model.__bases__[0], __doc__=model.__doc__, **fields)


@dataclass(frozen=True)
class Variant:
    """The variant's DTOs and how its bodies map onto the base's. `renamed`: base member -> variant member on
    reads and writes alike; `write_renamed`: more of them on writes only; `dropped` / `write_dropped`: base
    members the variant's read / write DTO does not have; `line_dropped`: members the variant's line DTO does not
    have, in the elements of its `lines` member."""

    read_dto: type[BaseModel]
    write_dto: type[BaseModel]
    renamed: Mapping[str, str] = field(default_factory=dict)
    write_renamed: Mapping[str, str] = field(default_factory=dict)
    dropped: frozenset[str] = frozenset()
    write_dropped: frozenset[str] = frozenset()
    lines: str = ""
    line_dropped: frozenset[str] = frozenset()

    def render(self, body: dict) -> dict:
        """The variant's body of a base body (members in the base's order)."""
        renamed, dropped = self.renamed, self.dropped
        rendered = {renamed.get(name, name): value for name, value in body.items() if name not in dropped}
        if self.line_dropped and rendered.get(self.lines):
            kept = self.line_dropped
            rendered[self.lines] = [{k: v for k, v in line.items() if k not in kept} for line in rendered[self.lines]]
        return rendered

    def base_changes(self, changes: dict) -> dict:
        """A variant's write changes under the base's member names."""
        back = {wire: base for base, wire in {**self.renamed, **self.write_renamed}.items()}
        return {back.get(name, name): value for name, value in changes.items()}


def variant(
    read_base: type[BaseModel],
    write_base: type[BaseModel],
    *,
    names: tuple[str, str],
    renamed: Mapping[str, str] = {},  # noqa: B006 - read only
    write_renamed: Mapping[str, str] = {},  # noqa: B006 - read only
    dropped: frozenset[str] = frozenset(),
    write_dropped: frozenset[str] = frozenset(),
    lines: tuple[str, type[BaseModel], type[BaseModel]] | None = None,
    line_names: tuple[str, str] = ("", ""),
    line_dropped: frozenset[str] = frozenset(),
    line_write_dropped: frozenset[str] = frozenset(),
) -> Variant:
    """A `Variant` with its DTOs made from the base's: `names` are the read and write DTOs' class names. `lines`:
    the variant's name of the lines member and the base's read and write line DTOs, made anew as `line_names`
    without `line_dropped` / `line_write_dropped`."""
    read_name, write_name = names
    retyped: dict[str, Any] = {}
    write_retyped: dict[str, Any] = {}
    member = ""
    if lines is not None:
        member, read_line, write_line = lines
        read_line_name, write_line_name = line_names
        retyped[member] = list[variant_model(read_line, read_line_name, dropped=line_dropped)]
        write_retyped[member] = list[variant_model(write_line, write_line_name, dropped=line_write_dropped)] | None
    read = variant_model(read_base, read_name, renamed=renamed, dropped=dropped, retyped=retyped)
    write = variant_model(
        write_base,
        write_name,
        renamed={**renamed, **write_renamed},
        dropped=write_dropped,
        retyped=write_retyped,
    )
    return Variant(read, write, dict(renamed), dict(write_renamed), dropped, write_dropped, member, line_dropped)
