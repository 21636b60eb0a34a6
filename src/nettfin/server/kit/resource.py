"""A master-data resource, declared once.

A `Resource` says what one of the service's resources is: its model and key, its members (scalar fields,
references to other records, stamps), its list filters, whether its list is paged, and the texts of its
operations. From that one declaration come:

- the response DTO the OpenAPI document shows, and the renderer that writes exactly that shape with every
  member that has no value left out (`Resource.render`);
- the write DTO, every member `{"value": ...}`-wrapped except where the real document has it plain;
- the use cases: list (filters, paging), get, create (the key from the client or the number series), update
  (PATCH semantics, If-Match), every problem reported at once and nothing written when there is one;
- the routes (`kit.resource_routes.resource_router`): list, get with its ETag, POST with 201 + Location, PUT
  with 204.

A member is a small object: a wire name, how it reads from a record and, when writable, how a sent value is
applied to one. The kinds most resources need are here; a domain adds its own by subclassing `Member` (the
ledger's subaccount-by-segments is one).
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Annotated, Any, ClassVar

from fastapi import Query
from pydantic import BaseModel, Field, WithJsonSchema, create_model
from sqlalchemy import Select, bindparam, literal, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from ..db.base import utcnow
from ..db.engine import Database
from ..db.new_rows import save_new
from . import events, messages
from .changes import ANY_RECORD, DataVersion, bump_version, current_versions
from .checks import INT32_MAX, fits_column
from .conditions import condition_description, date_condition, value_description
from .errors import NotFound, record_errors
from .paging import MASTER_DATA_MAX_PAGE_SIZE, Listing, Page, PageResult, fetch_page_ids
from .records import RecordKey, resolve_code, take_given_key
from .render import format_datetime, rendering_nulls, time_stamp, without_nulls
from .rendered import kept_bodies
from .resource_bodies import record_json
from .responses import check_if_match
from .shapes import MetadataDto
from .wire import Value, WireModel

# The service's datetimes have no offset (`2020-03-01T12:00:00.123`), which RFC 3339's date-time requires: the
# document says string, as nettfin's other DTOs do.
DateTimeText = str
UuidText = Annotated[str, WithJsonSchema({"type": "string", "format": "uuid"})]
ByteText = Annotated[str, WithJsonSchema({"type": "string", "format": "byte"})]


# --- members ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Writing:
    """What a member's write sees: the session, the company, whether the record is new, and the whole body.

    `after` takes the writes that need the record in the database (rows of other tables that refer to it, a new
    record's default location): each runs once the record is flushed, in the same transaction, and returns its
    problems; any problem undoes the whole write. They run only when the members had none."""

    session: Session
    company_id: int
    inserting: bool
    changes: Mapping[str, Any]
    after: list[Callable[[], list[str]]] = field(default_factory=list)


class Member:
    """One property of a resource's DTOs. Subclasses set `wire` and implement `read` (and, when the client may
    send the member, `write_schema` and `write`). `when` names a list flag (`includeAccountClassDescription`)
    without which a list leaves the member out; a single GET always has it. A member whose shape depends on
    the flags sent sets `viewed`: it is read as `read(record, view)`. `written_on` says which bodies carry a
    writable member when the resource has a create DTO of its own (`Resource.create_dto`). `compact`: `read`
    never gives an object or list holding a null, so rendering takes its value as it is; other members' objects
    and lists are rendered with their nulls left out at every depth."""

    wire: str
    description: str = ""
    when: str | None = None
    viewed: bool = False
    written_on: frozenset[str] = frozenset({"create", "update"})
    compact: ClassVar[bool] = False

    def schema(self) -> Any:
        """The member's type in the response DTO; None: the member is only written, never read."""
        return str

    def read(self, record: Any) -> Any:
        raise NotImplementedError

    def write_schema(self) -> Any | None:
        """The member's type in the write DTO; None: the client cannot send it."""
        return None

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        """Apply a sent value (unwrapped; None clears) and return every problem with it."""
        return []


def _text(value: Any) -> Any:
    return value.strip() or None if isinstance(value, str) else value


@dataclass(frozen=True)
class Scalar(Member):
    """A column the client reads and, unless `writable` is false, writes as `{"value": ...}`.

    An empty text reads as no value; a cleared member stores `cleared`; a `required` one cannot be cleared."""

    wire: str
    attr: str
    label: str
    kind: Any = str
    description: str = ""
    cleared: Any = None
    required: bool = False
    writable: bool = True
    readable: bool = True
    compact: ClassVar[bool] = True

    def schema(self) -> Any:
        return self.kind if self.readable else None

    def read(self, record: Any) -> Any:
        value = getattr(record, self.attr)
        return None if value == "" else value

    def write_schema(self) -> Any | None:
        return Value[self.kind] if self.writable else None

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        value = _text(value.value if isinstance(value, Enum) else value)
        if value is None:
            if self.required:
                return [messages.cannot_be_empty(self.label)]
            setattr(record, self.attr, self.cleared)
            return []
        problem = fits_column(type(record).__table__.c[self.attr], value, self.label)
        if problem:
            return [problem]
        setattr(record, self.attr, value)
        return []


@dataclass(frozen=True)
class Computed(Member):
    """A read-only member computed from the record (stamps, ids)."""

    wire: str
    kind: Any
    getter: Callable[[Any], Any]
    description: str = ""
    when: str | None = None

    def schema(self) -> Any:
        return self.kind

    def read(self, record: Any) -> Any:
        return self.getter(record)


LAST_MODIFIED = Computed(
    "lastModifiedDateTime",
    DateTimeText,
    lambda record: format_datetime(record.last_modified_at),
    "When the record last changed (UTC).",
)
TIME_STAMP = Computed(
    "timeStamp",
    ByteText,
    lambda record: time_stamp(record.row_version),
    "The record's version; the ETag header has the same value. Send it as If-Match to update safely.",
)
# Documented by the real DTOs and never sent by nettfin: a record it answers with has no error.
ERROR_INFO = Computed("errorInfo", str, lambda record: None)
PUBLIC_ID = Computed(
    "publicId", UuidText, lambda record: str(record.public_id), "Identifies the record by its publicId."
)


@dataclass(frozen=True)
class Reference(Member):
    """Another record, written as its code (`{"value": "5000"}`) and read as a nested object (`view`).

    `attr` is the model's relationship; `key` the target's code column; `label` names the member in
    messages (`Expense account '9999' cannot be found in the system.`)."""

    wire: str
    attr: str
    label: str
    key: InstrumentedAttribute
    shape: type[BaseModel]
    view: Callable[[Any], dict]
    description: str = ""

    def schema(self) -> Any:
        return self.shape

    def read(self, record: Any) -> Any:
        target = getattr(record, self.attr)
        return None if target is None else self.view(target)

    def write_schema(self) -> Any | None:
        return Value[str]

    def write(self, writing: Writing, record: Any, value: Any) -> list[str]:
        found, problems = resolve_code(
            writing.session, self.key.class_, self.key, writing.company_id, _text(value), self.label
        )
        if not problems:
            setattr(record, self.attr, found)
        return problems


# --- filters ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Criteria:
    """A list request's filters: SQL conditions, a hashable signature of them for the paging caches, and the
    flags that add members to what is rendered."""

    conditions: tuple[Any, ...]
    signature: tuple[Any, ...]
    view: frozenset[str] = frozenset()


class Filter:
    """Query parameters of a list and the conditions they make. `parameters` are FastAPI query parameters;
    `conditions` gets their values by name."""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        raise NotImplementedError

    def conditions(self, resource: Resource, values: Mapping[str, Any]) -> list[Any]:
        return []

    def flags(self, values: Mapping[str, Any]) -> set[str]:
        """The render flags the values set (`includeAccountClassDescription=true`)."""
        return set()


def _query(name: str, kind: Any, **options: Any) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=Query(None, **options), annotation=kind)


@dataclass(frozen=True)
class GreaterThan(Filter):
    """`greaterThanValue`: records whose key sorts after the value."""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        return [_query("greaterThanValue", str | None, description=f"{resource.label} IDs after this value.")]

    def conditions(self, resource: Resource, values: Mapping[str, Any]) -> list[Any]:
        value = values["greaterThanValue"]
        return [resource.key.column > value] if value else []


@dataclass(frozen=True)
class ModifiedSince(Filter):
    """`lastModifiedDateTime` with `lastModifiedDateTimeCondition`, on the record's last change."""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        name = "lastModifiedDateTime"
        return [
            _query(name, str | None, description=value_description(name)),
            _query(f"{name}Condition", str | None, description=condition_description(name)),
        ]

    def conditions(self, resource: Resource, values: Mapping[str, Any]) -> list[Any]:
        name = "lastModifiedDateTime"
        bound = date_condition(name, values[name], values[f"{name}Condition"])
        return [bound.apply(resource.model.last_modified_at)] if bound else []


@dataclass(frozen=True)
class Equals(Filter):
    """`<param>=<value>`: records whose `attr` equals it (a blank text filters nothing)."""

    param: str
    attr: str
    kind: Any = str
    description: str = ""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        return [_query(self.param, self.kind | None, description=self.description or None)]

    def conditions(self, resource: Resource, values: Mapping[str, Any]) -> list[Any]:
        value = _text(values[self.param])
        return [] if value is None else [getattr(resource.model, self.attr) == value]


@dataclass(frozen=True)
class Flag(Filter):
    """`<param>=true` adds the members declared `when=<param>` to a list's elements."""

    param: str
    description: str = ""

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        return [_query(self.param, bool | None, description=self.description or None)]

    def flags(self, values: Mapping[str, Any]) -> set[str]:
        return {self.param} if values[self.param] else set()


@dataclass(frozen=True)
class Ignored(Filter):
    """Parameters the service still accepts and no longer applies: `numberToRead`, `skipRecords` and, where the
    real document lists it, `orderBy`."""

    order_by: bool = True

    def parameters(self, resource: Resource) -> list[inspect.Parameter]:
        note = "Deprecated; ignored."
        ignored = [
            _query("numberToRead", int | None, le=INT32_MAX, deprecated=True, description=note),
            _query("skipRecords", int | None, le=INT32_MAX, deprecated=True, description=note),
        ]
        if self.order_by:
            ignored.append(_query("orderBy", str | None, deprecated=True, description="Deprecated; has no effect."))
        return ignored


# --- the declaration --------------------------------------------------------------------------------------


# The operations of a resource the API only reads (VAT, periods, classes).
READ_ONLY = frozenset({"list", "get"})


@dataclass(frozen=True)
class Texts:
    """The operations' summaries as the real document has them."""

    list: str
    get: str
    create: str = ""
    update: str = ""
    delete: str = ""
    key: str = ""
    # The list's description in the OpenAPI document (what its paging and flags do), when it needs one.
    notes: str = ""


@dataclass(frozen=True, eq=False)
class Resource:
    """A master-data resource (see the module's docstring). `name` keys the company's data versions;
    `label` names one record in messages (`Department 'X' not found.`); `entity` is the lower-case noun of
    the service's record errors (`Error inserting the department. ...`), and `record` the name they quote
    (`Inserting 'Inventory Item' record raised ...`) when it is not the label. `prepare(session, company_id,
    records)` loads what rendering the records read needs beyond their rows (codes' descriptions, attachments),
    in the session that read them."""

    name: str
    model: Any
    path: str
    tag: str
    label: str
    key: RecordKey
    members: tuple[Member, ...]
    texts: Texts
    dto: str
    write_dto: str = ""  # none: the resource is read-only (`operations` list and get)
    filters: tuple[Filter, ...] = ()
    paged: bool = True
    max_page_size: int = MASTER_DATA_MAX_PAGE_SIZE
    load: tuple[Any, ...] = ()
    defaults: Mapping[str, Any] = field(default_factory=dict)
    operations: frozenset[str] = frozenset({"list", "get", "create", "update"})
    key_wrapped: bool = False
    key_param: str | None = None
    check: Callable[[Writing, Any], list[str]] | None = None
    # The single GET's query parameters: the flags they set are the view it renders with (none: every member).
    get_filters: tuple[Filter, ...] = ()
    # A POST body of its own, as the real document has for some resources (`EmployeeCreateDTO`): the key and
    # the members written on create; the PUT body (`write_dto`) then has the members written on update only.
    create_dto: str | None = None
    # The message of a key that names no record, where the service words it otherwise than `not_found`.
    missing: Callable[[str], str] | None = None
    record: str = ""
    # Members the real read DTO requires: they are documented as required (and always have a value).
    read_required: frozenset[str] = frozenset()
    # Loads, in the reading session, what members read besides the records' columns and relationships (codes
    # that are no foreign keys, descriptions, attachments): called with the session, the company, the records
    # and the list flags sent.
    prepare: Callable[[Session, int, list, frozenset[str]], None] | None = None
    # Conditions every list and get applies: a resource served over some of a model's rows (cash accounts
    # are the GL accounts flagged as such). Only for unpaged lists: the paging caches do not key on them.
    scope: tuple[Any, ...] = ()

    def __post_init__(self) -> None:
        if self.scope and self.paged:
            raise ValueError(f"{self.path}: a scoped resource's list cannot be paged")
        members = self.members
        if all(m.wire != self.key.field for m in members):
            # The key reads first unless the declaration places it.
            key = Computed(self.key.field, str, lambda record: getattr(record, self.key.column.key), self.texts.key)
            members = (key, *members)
        read = [m for m in members if m.schema() is not None]
        written = [m for m in members if m.write_schema() is not None]
        fields: dict[str, Any] = {
            _field_name(m.wire): (_required if m.wire in self.read_required else _optional)(
                m.schema(), m.description, m.wire
            )
            for m in read
        }
        if self.paged:
            fields["metadata"] = (MetadataDto | None, None)
        key_type = Value[str] if self.key_wrapped else str
        key = {self.key.field: _optional(key_type, self.texts.key)} if self.key.sent else {}

        def writes(on: str | None) -> dict[str, Any]:
            chosen = [m for m in written if on is None or on in m.written_on]
            return {m.wire: _optional(m.write_schema(), m.description) for m in chosen}

        set_ = object.__setattr__
        set_(self, "_readers", readers(read))
        set_(self, "_writers", {m.wire: m for m in written})
        set_(self, "full_view", frozenset(m.when for m in read if m.when))
        set_(self, "read_model", create_model(self.dto, **fields))
        if not self.write_dto:
            set_(self, "write_model", None)
            set_(self, "create_model", None)
        elif self.create_dto is None:
            write_model = create_model(self.write_dto, __base__=WireModel, **{**key, **writes(None)})
            set_(self, "write_model", write_model)
            set_(self, "create_model", write_model)
        else:
            set_(self, "write_model", create_model(self.write_dto, __base__=WireModel, **writes("update")))
            set_(self, "create_model", create_model(self.create_dto, __base__=WireModel, **{**key, **writes("create")}))
        set_(self, "listing", Listing(self.name, self.model, self.key.column))
        set_(self, "_found_by_key", self._find_by_key_statement())

    def _find_by_key_statement(self) -> Select:
        """A GET's one query, built once (building it cost more than running it): the record's id by company and
        key, the company's `ANY_RECORD` version and the record's row version."""
        company_id = bindparam("company_id")
        row_version = getattr(self.model, "row_version", None)
        everything = (
            select(DataVersion.version)
            .where(DataVersion.company_id == company_id, DataVersion.resource == ANY_RECORD)
            .scalar_subquery()
        )
        statement = select(self.model.id, everything, row_version if row_version is not None else literal(None))
        where = (self.model.company_id == company_id, self.key.column == bindparam("key"), *self.scope)
        return statement.where(*where).limit(1)

    # Rendering.

    def render(self, record: Any, view: frozenset[str] | None = None) -> dict:
        """The response DTO of one record, members without a value left out; `view` holds the list flags sent
        (None: a single record, which has every member)."""
        return render_members(self._readers, record, self.full_view if view is None else view)

    # Use cases.

    def key_value(self, key: str | int) -> Any:
        """The key column's value a path key names: the key itself, unless a resource says otherwise (a number,
        for a resource keyed by one: a key that is none names no record, 404)."""
        return key

    def find(self, session: Session, company_id: int, key: str, *, for_update: bool = False) -> Any:
        value = self.key_value(key)
        statement = select(self.model).where(self.model.company_id == company_id, self.key.column == value, *self.scope)
        statement = statement.with_for_update(of=self.model) if for_update else statement.options(*self.load)
        found = session.scalars(statement).unique().first()
        if found is None:
            raise NotFound(self._missing(key))
        return found

    def find_existing(self, db: Database, *, company_id: int, key: str) -> None:
        """Nothing when the company has a record of that key; 404 in the resource's words otherwise."""
        with db.reading() as session:
            statement = select(self.model.id).where(self.model.company_id == company_id, self.key.column == key)
            if session.scalar(statement.limit(1)) is None:
                raise NotFound(self._missing(key))

    def records(self, db: Database, *, company_id: int, criteria: Criteria, page: Page | None) -> tuple[list, Any]:
        """The records matching the criteria in key order: one page of them when the list is paged."""
        with db.reading() as session:
            ids, result = self._ids(session, company_id, criteria, page)
            return self._load(session, company_id, ids, criteria.view), result

    def list_bodies(
        self, db: Database, *, company_id: int, criteria: Criteria, page: Page | None
    ) -> tuple[list[bytes], PageResult | None]:
        """The JSON of the records `records` finds, as the list renders them (kit/rendered.py)."""
        with db.reading() as session:
            version, everything = current_versions(session, company_id=company_id, resources=(self.name, ANY_RECORD))
            ids, result = self._ids(session, company_id, criteria, page, version)
            return self._bodies(db, session, company_id, ids, criteria.view, everything), result

    def _ids(
        self, session: Session, company_id: int, criteria: Criteria, page: Page | None, version: int | None = None
    ) -> tuple[list[int], PageResult | None]:
        """The ids of the records matching the criteria in key order (of one page, when the list is paged);
        `version`: the resource's data version, when it was read."""
        if page is None:
            statement = (
                select(self.model.id)
                .where(self.model.company_id == company_id, *criteria.conditions, *self.scope)
                .order_by(self.key.column, self.model.id)
            )
            return list(session.scalars(statement)), None
        result = fetch_page_ids(
            session,
            self.listing,
            company_id=company_id,
            conditions=criteria.conditions,
            signature=criteria.signature,
            page=page,
            version=version,
        )
        return list(result.rows), result

    def _load(self, session: Session, company_id: int, ids: list[int], view: frozenset[str]) -> list:
        """The records of `ids`, in their order and prepared for `view`; one deleted since is left out."""
        found = {
            r.id: r
            for r in session.scalars(select(self.model).where(self.model.id.in_(ids)).options(*self.load)).unique()
        }
        records = [found[id_] for id_ in ids if id_ in found]
        if self.prepare is not None:
            self.prepare(session, company_id, records, view)
        return records

    def get_body(self, db: Database, *, company_id: int, key: str, view: frozenset[str] | None) -> tuple[bytes, Any]:
        """The JSON of the record `get` finds, as a GET renders it (`view` None: every member), and its row
        version (None for reference data, which has none)."""
        params = {"company_id": company_id, "key": self.key_value(key)}
        with db.reading() as session:
            found = session.connection().execute(self._found_by_key, params).first()
            bodies = [] if found is None else self._bodies(db, session, company_id, [found[0]], view, found[1] or 0)
        if not bodies:
            raise NotFound(self._missing(key))
        return bodies[0], found[2]

    def _bodies(
        self, db: Database, session: Session, company_id: int, ids: list[int], view: frozenset[str] | None, version: int
    ) -> list[bytes]:
        """The records' JSON in the order of `ids`: kept ones as they are, the others loaded, prepared, rendered
        and kept. `version` is the company's `ANY_RECORD` version read before the ids (0: none yet, keep nothing);
        a record deleted since the ids were read is left out."""
        view = self.full_view if view is None else view
        nulls = rendering_nulls()

        def make(missing: list[int]) -> dict[int, bytes]:
            records = self._load(session, company_id, missing, view)
            return {record.id: record_json(self.read_model, self.render(record, view)) for record in records}

        # By path and DTO, not name: resources over one model share their name (project, projectbasic).
        return kept_bodies(
            db.rendered, ids, lambda id_: (self.path, self.dto, company_id, id_, view, nulls, version), version, make
        )

    def get(self, db: Database, *, company_id: int, key: str) -> Any:
        with db.reading() as session:
            found = self.find(session, company_id, key)
            if self.prepare is not None:
                self.prepare(session, company_id, [found], self.full_view)
            return found

    def create(self, db: Database, *, company_id: int, dto: WireModel) -> tuple[Any, list[str]]:
        """The new record, and the body fields ignored (a key sent where the number series gives it)."""
        changes = dto.changes()
        with db.writing() as session:
            record = self.model(company_id=company_id, **self.defaults)
            with session.no_autoflush:
                writing = Writing(session, company_id, True, changes)
                written = self._apply(writing, record)
                written += self.check(writing, record) if self.check else []
            # The key last: a number from a series locks the series' row until the commit (gapless, as the
            # service numbers), so everything that can run beside another create of the series runs first.
            # Its problems still come first, as the service lists them.
            events.read_ahead(session, record)
            problems, ignored = self.key.assign(session, record, changes)
            problems += written
            if problems:
                raise record_errors(action="inserting", entity=self.entity, record=self.record_name, errors=problems)
            record.last_modified_at = utcnow()
            key = getattr(record, self.key.column.key)
            try:
                save_new(session, record)
            except IntegrityError:
                # Another transaction took the same key between the check and the insert.
                raise record_errors(
                    action="inserting", entity=self.entity, record=self.record_name, errors=[self.key.duplicate(key)]
                ) from None
            self._after(writing, "inserting")
            bump_version(session, company_id=company_id, resource=self.name)
            # The record as flushed: its id, key and row version are what the answer needs (reading it back with
            # its relationships cost a tenth of a create).
            return record, ignored

    def update(
        self, db: Database, *, company_id: int, key: str, dto: WireModel, if_match: str | None
    ) -> tuple[Any, list[str]]:
        """The updated record, and the body fields ignored (a key that differs from the path's)."""
        changes = dto.changes()
        with db.writing() as session:
            record = self.find(session, company_id, key, for_update=True)
            check_if_match(if_match, record.row_version)
            ignored = self.key.ignored(changes, key)
            # The record holds the request's values until they are checked: no lookup may flush them first.
            with session.no_autoflush:
                writing = Writing(session, company_id, False, changes)
                problems = self._apply(writing, record)
                problems += self.check(writing, record) if self.check else []
            if problems:
                raise record_errors(action="updating", entity=self.entity, record=self.record_name, errors=problems)
            record.last_modified_at = utcnow()
            bump_version(session, company_id=company_id, resource=self.name)
            session.flush()
            self._after(writing, "updating")
            return self.find(session, company_id, key), ignored

    def delete(self, db: Database, *, company_id: int, key: str) -> None:
        """Delete the record the key names (its owned rows go with it)."""
        with db.writing() as session:
            session.delete(self.find(session, company_id, key, for_update=True))
            bump_version(session, company_id=company_id, resource=self.name)

    def key_of(self, db: Database, *, company_id: int, internal_id: int) -> str:
        """The key of the record an internal id (its row id) names: the routes by internal id serve the record by
        its key."""
        with db.reading() as session:
            statement = select(self.key.column).where(*self._internal(company_id, internal_id))
            key = session.scalar(statement)
        if key is None:
            raise NotFound(messages.not_found(self.label, str(internal_id)))
        return key

    def change_key(
        self, db: Database, *, company_id: int, internal_id: int, key: str | None, if_match: str | None
    ) -> Any:
        """Give the record an internal id names a new key (`changeCustomerCd`): the key must be sent, fit its column
        and be free. Records that refer to it keep referring to it (they hold its row id)."""
        with db.writing() as session:
            statement = select(self.model).where(*self._internal(company_id, internal_id))
            record = session.scalars(statement.with_for_update(of=self.model)).first()
            if record is None:
                raise NotFound(messages.not_found(self.label, str(internal_id)))
            check_if_match(if_match, record.row_version)
            given = _text(key) or ""
            if given == getattr(record, self.key.column.key):
                return record
            # The number series has no say in a key change: a taken key gets the plain hint.
            key_rule = dataclasses.replace(self.key, series_id=None)
            with session.no_autoflush:
                problems = take_given_key(record, given, key_rule, lambda k: key_rule.taken(session, company_id, k))
            if problems:
                raise record_errors(action="updating", entity=self.entity, record=self.record_name, errors=problems)
            record.last_modified_at = utcnow()
            try:
                session.flush()
            except IntegrityError:
                # Another transaction took the key between the check and the write.
                raise record_errors(
                    action="updating", entity=self.entity, record=self.record_name, errors=[key_rule.duplicate(given)]
                ) from None
            bump_version(session, company_id=company_id, resource=self.name)
            return record

    def _missing(self, key: str) -> str:
        return self.missing(key) if self.missing else messages.not_found(self.label, key)

    def _internal(self, company_id: int, internal_id: int) -> tuple:
        """The conditions of the company's record with this internal id (its row id)."""
        return self.model.company_id == company_id, self.model.id == internal_id

    @property
    def entity(self) -> str:
        return self.label.lower()

    @property
    def record_name(self) -> str:
        return self.record or self.label

    def _after(self, writing: Writing, action: str) -> None:
        """The members' writes that waited for the record's flush (`Writing.after`); their problems undo it all."""
        # A write's rows hold the request's values until every write is checked: no lookup may flush them first.
        with writing.session.no_autoflush:
            problems = [problem for write in writing.after for problem in write()]
        if problems:
            raise record_errors(action=action, entity=self.entity, record=self.record_name, errors=problems)
        writing.session.flush()

    def _apply(self, writing: Writing, record: Any) -> list[str]:
        """The members sent, written in declaration order: the same problems in the same order on every run."""
        problems: list[str] = []
        for wire, member in self._writers.items():
            if wire in writing.changes:
                problems += member.write(writing, record, writing.changes[wire])
        return problems


# How a DTO reads its members: (wire name, read, the list flag it needs, whether it reads the view).
Readers = tuple[tuple[str, Callable[..., Any], str | None, bool], ...]


def readers(members: list[Member]) -> Readers:
    return tuple((m.wire, m.read if m.compact else _compacting(m.read), m.when, m.viewed) for m in members)


def render_members(members: Readers, record: Any, view: frozenset[str]) -> dict:
    """The members of `record` that have a value, as the flags in `view` ask for them."""
    body = {}
    for wire, read, when, viewed in members:
        if when is not None and when not in view:
            continue
        value = read(record, view) if viewed else read(record)
        if value is not None:
            body[wire] = value
    return body


def _field_name(wire: str) -> str:
    """The DTO field of a wire name: one pydantic's BaseModel has as an attribute (`register`, `validate`) is
    the field `<name>_`, aliased to the wire name."""
    return f"{wire}_" if hasattr(BaseModel, wire) else wire


def _optional(kind: Any, description: str, wire: str | None = None) -> tuple[Any, Any]:
    alias = wire if wire is not None and _field_name(wire) != wire else None
    return kind | None, Field(None, alias=alias, description=description or None)


def _required(kind: Any, description: str, wire: str | None = None) -> tuple[Any, Any]:
    alias = wire if wire is not None and _field_name(wire) != wire else None
    return kind, Field(alias=alias, description=description or None)


def _compacting(read: Callable[..., Any]) -> Callable[..., Any]:
    def compacted(*arguments: Any) -> Any:
        value = read(*arguments)
        return without_nulls(value) if type(value) is dict or type(value) is list else value

    return compacted
