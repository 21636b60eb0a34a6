"""openapi_30.py: an OpenAPI 3.1 document's schemas spelled as OpenAPI 3.0.3 says them, and only schemas."""

from __future__ import annotations

import copy

from nettfin.server.openapi_30 import as_openapi_30


def _document(schema: dict, **extra) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1", "summary": "3.1 only"},
        "paths": {
            "/thing": {
                "get": {
                    "parameters": [
                        {"name": "q", "in": "query", "schema": {"anyOf": [{"type": "string"}, {"type": "null"}]}}
                    ],
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}},
                }
            }
        },
        "components": {"schemas": {"Thing": schema}},
        **extra,
    }


def _thing(schema: dict) -> dict:
    return as_openapi_30(_document(schema))["components"]["schemas"]["Thing"]


def test_a_null_alternative_becomes_nullable_in_schemas_parameters_and_responses():
    document = as_openapi_30(_document({"anyOf": [{"type": "integer"}, {"type": "null"}], "title": "T"}))
    assert document["openapi"] == "3.0.3"
    assert document["components"]["schemas"]["Thing"] == {"type": "integer", "title": "T", "nullable": True}
    get = document["paths"]["/thing"]["get"]
    assert get["parameters"][0]["schema"] == {"type": "string", "nullable": True}
    assert get["responses"]["200"]["content"]["application/json"]["schema"]["nullable"] is True
    assert "summary" not in document["info"]


def test_a_nullable_reference_is_wrapped_in_all_of_and_a_reference_keeps_its_description():
    assert _thing({"anyOf": [{"$ref": "#/components/schemas/X"}, {"type": "null"}], "description": "d"}) == {
        "description": "d",
        "allOf": [{"$ref": "#/components/schemas/X"}],
        "nullable": True,
    }
    assert _thing({"$ref": "#/components/schemas/X", "description": "d"}) == {
        "description": "d",
        "allOf": [{"$ref": "#/components/schemas/X"}],
    }


def test_several_alternatives_besides_null_stay_alternatives():
    assert _thing({"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]}) == {
        "anyOf": [{"type": "string"}, {"type": "integer"}],
        "nullable": True,
    }
    assert _thing({"type": ["string", "null"]}) == {"type": "string", "nullable": True}
    assert _thing({"type": "null"}) == {"nullable": True}


def test_3_1_keywords_take_their_3_0_spelling():
    assert _thing({"const": "A"}) == {"enum": ["A"]}
    assert _thing({"type": "string", "examples": ["x", "y"]}) == {"type": "string", "example": "x"}
    assert _thing({"type": "number", "exclusiveMinimum": 0}) == {
        "type": "number",
        "minimum": 0,
        "exclusiveMinimum": True,
    }
    assert _thing({"type": "string", "contentMediaType": "application/octet-stream"}) == {
        "type": "string",
        "format": "binary",
    }
    assert _thing({"type": "string", "contentEncoding": "base64"}) == {"type": "string", "format": "byte"}


def test_property_names_that_are_keywords_stay_names_and_nested_schemas_are_converted():
    schema = {
        "type": "object",
        "properties": {
            "type": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "const": {"type": "string"},
            "lines": {"type": "array", "items": {"anyOf": [{"$ref": "#/components/schemas/L"}, {"type": "null"}]}},
            "extra": {"type": "object", "additionalProperties": {"type": ["integer", "null"]}},
        },
    }
    assert _thing(schema)["properties"] == {
        "type": {"type": "string", "nullable": True},
        "const": {"type": "string"},
        "lines": {"type": "array", "items": {"allOf": [{"$ref": "#/components/schemas/L"}], "nullable": True}},
        "extra": {"type": "object", "additionalProperties": {"type": "integer", "nullable": True}},
    }


def test_examples_outside_schemas_are_data_and_the_input_is_not_changed():
    original = _document({"type": "string"})
    original["paths"]["/thing"]["get"]["responses"]["200"]["content"]["application/json"]["examples"] = {
        "one": {"value": {"const": 1, "type": "null"}}
    }
    before = copy.deepcopy(original)
    converted = as_openapi_30(original)
    assert original == before
    media = converted["paths"]["/thing"]["get"]["responses"]["200"]["content"]["application/json"]
    assert media["examples"] == {"one": {"value": {"const": 1, "type": "null"}}}
