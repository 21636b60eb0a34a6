"""The served OpenAPI document rewritten as OpenAPI 3.0.3, for Swagger UI and for the generators that read no 3.1.

FastAPI writes OpenAPI 3.1, whose schemas are JSON Schema 2020-12: `X | None` is `anyOf: [X, {type: null}]`.
Swagger UI 5 reads a 3.1 document through a much slower path (ApiDOM) than a 3.0 one: nettfin's document, 2.7 MB
and 700 operations, took 5.8 s to first render against 1.1 s as 3.0 (docs/compatibility.md), and opening an
operation is slow the same way. NSwag reads no 3.1 at all. The rewrite changes only how schemas are spelled:

- a `{type: null}` alternative becomes `nullable: true` on what is left (`allOf: [$ref]` when that is a reference,
  which 3.0 allows no sibling to), `type: [X, "null"]` becomes `type: X, nullable: true`;
- `$ref` with siblings (a description) becomes `allOf: [$ref]` with them;
- `const` becomes a one-value `enum`, a schema's `examples` list its first `example`, numeric `exclusiveMinimum`
  and `exclusiveMaximum` the 3.0 boolean form, `contentMediaType`/`contentEncoding` the `binary`/`byte` format.

Schemas are found where OpenAPI puts them (`components.schemas`, every `schema` member of a parameter, header or
media type) and followed through the keywords that hold schemas, so a property named `type` or `const` is a name,
never a keyword."""

from __future__ import annotations

from typing import Any

VERSION = "3.0.3"
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf")
_SCHEMA_VALUES = ("items", "additionalProperties", "not")
_NULL = {"type": "null"}


def as_openapi_30(document: dict[str, Any]) -> dict[str, Any]:
    """A new document: `document` in OpenAPI 3.0.3 (the argument is not changed)."""
    # The component schemas are schemas through and through: converted as such, never walked as members.
    components = document.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    converted = _members({**document, "components": {**components, "schemas": {}}} if schemas else document)
    if isinstance(schemas, dict):
        converted["components"]["schemas"] = {name: _schema(schema) for name, schema in schemas.items()}
    converted["openapi"] = VERSION
    converted.pop("webhooks", None)
    converted.pop("jsonSchemaDialect", None)
    info = converted.get("info")
    if isinstance(info, dict):
        info.pop("summary", None)
        if isinstance(info.get("license"), dict):
            info["license"].pop("identifier", None)
    return converted


def _members(node: Any) -> Any:
    """The parts of the document that are not schemas; a `schema` member found in them is one. Examples are data
    and stay as they are."""
    if isinstance(node, dict):
        return {
            key: _schema(value) if key == "schema" else value if key in ("example", "examples") else _members(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_members(value) for value in node]
    return node


def _schema(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    # Null alternatives first, while they are still `{type: null}`: what is left is then converted like the rest.
    schema: dict[str, Any] = {}
    for key, value in _nullable(dict(node)).items():
        if key in _SCHEMA_MAPS and isinstance(value, dict):
            value = {name: _schema(inner) for name, inner in value.items()}
        elif key in _SCHEMA_LISTS and isinstance(value, list):
            value = [_schema(inner) for inner in value]
        elif key in _SCHEMA_VALUES:
            value = _schema(value)
        schema[key] = value
    return _without_ref_siblings(_keywords(schema))


def _keywords(schema: dict[str, Any]) -> dict[str, Any]:
    if "const" in schema:
        schema["enum"] = [schema.pop("const")]
    if isinstance(schema.get("examples"), list):
        examples = schema.pop("examples")
        if examples and "example" not in schema:
            schema["example"] = examples[0]
    for exclusive, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        value = schema.get(exclusive)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            schema[bound] = value
            schema[exclusive] = True
    media_type = schema.pop("contentMediaType", None)
    encoding = schema.pop("contentEncoding", None)
    if (media_type or encoding) and schema.get("type") == "string" and "format" not in schema:
        schema["format"] = "byte" if encoding == "base64" else "binary"
    return schema


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    for keyword in ("anyOf", "oneOf"):
        options = schema.get(keyword)
        if not isinstance(options, list) or _NULL not in options:
            continue
        rest = [option for option in options if option != _NULL]
        others = {key: value for key, value in schema.items() if key != keyword}
        if len(rest) == 1:
            (only,) = rest
            schema = {**others, "allOf": [only]} if "$ref" in only else {**only, **others}
        elif rest:
            schema = {**others, keyword: rest}
        else:
            schema = others
        schema["nullable"] = True
    types = schema.get("type")
    if isinstance(types, list):
        named = [name for name in types if name != "null"]
        if len(named) < len(types):
            schema["nullable"] = True
        if len(named) == 1:
            schema["type"] = named[0]
        else:
            del schema["type"]
            if named:
                schema["anyOf"] = [{"type": name} for name in named]
    elif types == "null":
        del schema["type"]
        schema["nullable"] = True
    return schema


def _without_ref_siblings(schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" not in schema or len(schema) == 1:
        return schema
    others = {key: value for key, value in schema.items() if key not in ("$ref", "allOf")}
    return {**others, "allOf": [{"$ref": schema["$ref"]}, *schema.get("allOf", [])]}
