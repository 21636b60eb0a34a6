"""Every response the suite's client receives is checked against nettfin's own OpenAPI document.

`ResponseCheck(document).check(...)` finds the documented operation for a request (the legacy
`/API/controller/api/v1/...` path or its `/v1/...` alias, matched case-insensitively as nettfin routes), and
validates the response against what the operation declares for its status: the media type, and a JSON body
against the schema (JSON Schema 2020-12, `$ref`s resolved into the document's components). A 405 carries an
`Allow` header naming exactly the methods the path serves. Every response with a body names its Content-Type.
Requests to paths the document does not list (pages, Swagger assets) are checked for the Content-Type only.

The document is read as closed: an object schema that lists its properties allows no others (the check adds
`additionalProperties: false` where a schema says nothing), so a member nettfin sends but does not declare is a
mismatch too, and a client generated from the document sees every member.

jsonschema is the judge, but walking a page of a thousand customers through it costs a second. So each schema
is also compiled once into plain Python predicates (`_compile`) for the keywords nettfin's document uses; a body
they accept is done with, and only a body they reject (or a schema with a keyword they do not know) goes to
jsonschema, whose verdict and message stand.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from referencing import Registry
from referencing.jsonschema import DRAFT202012

DOCUMENT_URI = "urn:nettfin:openapi"
LEGACY_PREFIX = "/api/controller/api"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "options", "head", "trace")


ANNOTATIONS = frozenset(
    {"title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly", "format", "$schema"}
)
KEYWORDS = frozenset(
    {"$ref", "type", "enum", "const", "anyOf", "allOf", "items", "properties", "required", "additionalProperties"}
)
Predicate = Callable[[Any], bool]


class _Unsupported(Exception):
    """A keyword the fast predicates do not implement: the schema is left to jsonschema alone."""


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


TYPES: dict[str, Predicate] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "null": lambda value: value is None,
    "boolean": lambda value: isinstance(value, bool),
    "number": _number,
    "integer": _integer,
}


def _same_json(a: Any, b: Any) -> bool:
    return type(a) is type(b) if isinstance(a, bool) or isinstance(b, bool) else a == b


def _all(checks: list[Predicate]) -> Predicate:
    if len(checks) == 1:
        return checks[0]
    return lambda value: all(check(value) for check in checks)


def _compile(node: Any, resolve: Callable[[str], Any], compiled: dict[str, Predicate]) -> Predicate:
    """A predicate that accepts what JSON Schema 2020-12 `node` accepts, for the keywords handled here."""
    if node is True or node == {}:
        return lambda value: True
    if node is False:
        return lambda value: False
    unknown = set(node) - ANNOTATIONS - KEYWORDS
    if unknown or ("additionalProperties" in node and "patternProperties" in node):
        raise _Unsupported(", ".join(sorted(unknown)))
    checks: list[Predicate] = []
    if "$ref" in node:
        checks.append(_reference(node["$ref"], resolve, compiled))
    if "type" in node:
        kinds = [node["type"]] if isinstance(node["type"], str) else list(node["type"])
        if not set(kinds) <= set(TYPES):
            raise _Unsupported(f"type {kinds}")
        if kinds != ["object"] or "properties" not in node:  # an object with properties is checked below
            tests = [TYPES[kind] for kind in kinds]
            checks.append(tests[0] if len(tests) == 1 else lambda value, tests=tests: any(t(value) for t in tests))
    if "enum" in node:
        checks.append(lambda value, options=node["enum"]: any(_same_json(value, option) for option in options))
    if "const" in node:
        checks.append(lambda value, option=node["const"]: _same_json(value, option))
    if "anyOf" in node:
        parts = [_compile(part, resolve, compiled) for part in node["anyOf"] if part != {"type": "null"}]
        nullable = len(parts) < len(node["anyOf"])
        one = _all(parts) if len(parts) == 1 else (lambda value, parts=parts: any(part(value) for part in parts))
        checks.append((lambda value, one=one: value is None or one(value)) if nullable else one)
    if "allOf" in node:
        checks.extend(_compile(part, resolve, compiled) for part in node["allOf"])
    if "items" in node:
        each = _compile(node["items"], resolve, compiled)
        checks.append(lambda value, each=each: not isinstance(value, list) or all(each(item) for item in value))
    if {"properties", "required", "additionalProperties"} & set(node):
        checks.append(_object(node, resolve, compiled))
    return _all(checks) if checks else (lambda value: True)


def _object(node: dict, resolve: Callable[[str], Any], compiled: dict[str, Predicate]) -> Predicate:
    members = [(name, _compile(part, resolve, compiled)) for name, part in node.get("properties", {}).items()]
    required = tuple(node.get("required", ()))
    must_be_object = node.get("type") == "object" and "properties" in node
    known = frozenset(name for name, _ in members)
    closed = node.get("additionalProperties") is False
    extra = None
    if "additionalProperties" in node and not closed:
        extra = _compile(node["additionalProperties"], resolve, compiled)

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return not must_be_object
        if closed and not known.issuperset(value):
            return False
        for name in required:
            if name not in value:
                return False
        for name, member in members:
            if name in value and not member(value[name]):
                return False
        return extra is None or all(extra(v) for k, v in value.items() if k not in known)

    return check


def _reference(ref: str, resolve: Callable[[str], Any], compiled: dict[str, Predicate]) -> Predicate:
    """Each referenced schema is compiled once; a reference back into one being compiled waits for it."""
    if ref not in compiled:
        compiled[ref] = lambda value: compiled[ref](value)  # replaced below; only a recursive schema calls it
        compiled[ref] = _compile(resolve(ref), resolve, compiled)
    return lambda value: compiled[ref](value)


class ResponseMismatch(AssertionError):
    """A response nettfin sent that its own OpenAPI document does not allow."""


@dataclass(frozen=True)
class _Template:
    path: str
    pattern: re.Pattern[str]
    specificity: tuple[int, int]  # (literal segments, -parameters): more literal wins, as nettfin routes them
    item: Mapping[str, Any]


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _is_json(media_type: str) -> bool:
    return media_type == "application/json" or media_type.endswith("+json")


def closed(document: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of `document` whose component schemas with `properties` allow no other members."""
    document = copy.deepcopy(dict(document))

    def close(node: Any) -> None:
        if isinstance(node, dict):
            if "properties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)

    close(document.get("components", {}))
    return document


class ResponseCheck:
    def __init__(self, document: Mapping[str, Any]) -> None:
        document = closed(document)
        self.document = document
        self.registry = Registry().with_resource(DOCUMENT_URI, DRAFT202012.create_resource(document))
        self._validators: dict[tuple[str, ...], Draft202012Validator] = {}
        self._predicates: dict[tuple[str, ...], Predicate | None] = {}
        self._compiled: dict[str, Predicate] = {}
        self._resolver = self.registry.resolver(DOCUMENT_URI)
        self._templates: list[_Template] = []
        for path, item in document.get("paths", {}).items():
            segments = path.strip("/").split("/")
            parameters = sum(1 for segment in segments if segment.startswith("{"))
            regex = "/".join(
                "[^/]+" if segment.startswith("{") and segment.endswith("}") else re.escape(segment)
                for segment in segments
            )
            self._templates.append(
                _Template(
                    path, re.compile(f"/{regex}/?", re.IGNORECASE), (len(segments) - parameters, -parameters), item
                )
            )
        self._matches: dict[str, list[_Template]] = {}

    # --- finding the operation ---------------------------------------------------------------------------

    def templates(self, path: str) -> list[_Template]:
        """The documented paths a request path matches, most specific first."""
        found = self._matches.get(path)
        if found is None:
            documented = path if path.lower().startswith("/api/") else LEGACY_PREFIX + path
            found = [template for template in self._templates if template.pattern.fullmatch(documented)]
            found.sort(key=lambda template: template.specificity, reverse=True)
            self._matches[path] = found
        return found

    def validator(self, *pointer: str) -> Draft202012Validator:
        """One validator per schema in the document, found by its JSON pointer."""
        cached = self._validators.get(pointer)
        if cached is None:
            schema = {"$ref": f"{DOCUMENT_URI}#/{_pointer(*pointer)}"}
            cached = self._validators[pointer] = Draft202012Validator(schema, registry=self.registry)
        return cached

    def predicate(self, *pointer: str) -> Predicate | None:
        """The fast predicate of the schema at `pointer`, or None when it uses a keyword they do not implement."""
        if pointer not in self._predicates:
            try:
                found = _compile(self._lookup(f"#/{_pointer(*pointer)}"), self._lookup, self._compiled)
            except _Unsupported:
                found = None
            self._predicates[pointer] = found
        return self._predicates[pointer]

    def _lookup(self, ref: str) -> Any:
        return self._resolver.lookup(ref).contents

    # --- the check ---------------------------------------------------------------------------------------

    def check(self, method: str, path: str, status: int, headers: Mapping[str, str], body: bytes) -> None:
        """Raise ResponseMismatch when the response is not what the document declares."""
        where = f"{method} {path} -> {status}"
        content_type = headers.get("content-type")
        if body and not content_type:
            raise ResponseMismatch(f"{where}: a body of {len(body)} bytes without a Content-Type header")
        templates = self.templates(path)
        if not templates:
            return
        head = method.upper() == "HEAD"
        method = "get" if head else method.lower()
        operation = next(((t.path, t.item[method]) for t in templates if method in t.item), None)
        if status == 405 or operation is None:
            self._check_not_allowed(where, templates, status, headers, body, content_type)
            return
        template, declared = operation
        responses = declared.get("responses", {})
        code = next((c for c in (str(status), f"{status // 100}XX", "default") if c in responses), None)
        if code is None:
            raise ResponseMismatch(f"{where}: {template} {method.upper()} documents no {status} response")
        content = responses[code].get("content") or {}
        if not body:
            if content and status not in (204, 304) and not head:
                raise ResponseMismatch(f"{where}: an empty body where {template} declares {sorted(content)}")
            return
        if not content:
            raise ResponseMismatch(f"{where}: a body ({content_type}) where {template} declares none for {status}")
        media_type = _media_type(content_type)
        declared_type = next(
            (name for name in content if name.lower() in (media_type, "*/*", media_type.split("/")[0] + "/*")),
            None,
        )
        if declared_type is None:
            raise ResponseMismatch(f"{where}: Content-Type {content_type} is not one of {sorted(content)}")
        if not _is_json(media_type) or "schema" not in content[declared_type]:
            return
        pointer = ("paths", template, method, "responses", code, "content", declared_type, "schema")
        self._validate(where, f"{template} {method.upper()} {code}", pointer, body)

    def _check_not_allowed(self, where, templates, status, headers, body, content_type) -> None:
        served = {method.upper() for t in templates for method in t.item if method in HTTP_METHODS}
        if status != 405:
            raise ResponseMismatch(f"{where}: the document lists only {sorted(served)} for this path")
        allowed = {m.strip().upper() for m in headers.get("allow", "").split(",") if m.strip()}
        if allowed != served:
            raise ResponseMismatch(
                f"{where}: Allow header {headers.get('allow')!r} does not name the methods the path serves, "
                f"{', '.join(sorted(served))}"
            )
        if body:
            if not _is_json(_media_type(content_type)):
                raise ResponseMismatch(f"{where}: a 405 body that is not JSON ({content_type})")
            self._validate(where, "VismaErrorBody", ("components", "schemas", "VismaErrorBody"), body)

    def _validate(self, where: str, against: str, pointer: tuple[str, ...], body: bytes) -> None:
        try:
            instance = orjson.loads(body)
        except orjson.JSONDecodeError as exc:
            raise ResponseMismatch(f"{where}: a JSON Content-Type but the body is not JSON: {exc}") from None
        fast = self.predicate(*pointer)
        if fast is not None and fast(instance):
            return
        validator = self.validator(*pointer)
        first = next(validator.iter_errors(instance), None)
        if first is None:
            return
        error = best_match(validator.iter_errors(instance)) or first
        raise ResponseMismatch(
            f"{where}: the body does not match {against}: at {error.json_path}: {error.message}"
            + (f" (schema path {'/'.join(map(str, error.relative_schema_path))})" if error.relative_schema_path else "")
        )


def response_hook(check: ResponseCheck) -> Callable[[Any], None]:
    """An httpx response event hook that runs `check` on every response the client receives."""

    def hook(response) -> None:
        response.read()
        request = response.request
        check.check(request.method, request.url.path, response.status_code, response.headers, response.content)

    return hook
