"""Company templates, clones and deletion: what `nettfin admin company ...`, the admin API and the pytest plugin do.

- A **template** is a named snapshot of a company: a copy of its records in a company of its own (with copies of
  the users who hold roles in it, so employees keep their logins), which no one signs in to and no token reaches.
- A **clone** is a copy of a template's records in a new company of a new tenant (or of a tenant named: the admin
  panel's clones go to the administrator's own), with its own tenant GUID, the template's users copied, a
  development token for its first administrator, and a Visma Connect service application of its own approved by
  it (plus any existing applications named).
- **Deleting** a company removes every row of it, its tenant when it has no other company (with the tenant's
  users and the applications it owns; otherwise the users copied for it), and the attachment files no company
  refers to any more.

Copies are made in SQL, table by table (copy.py), in one writing transaction: a clone either exists whole or not
at all. Company ids are never used twice (SQLite's `AUTOINCREMENT` on `company`), so nothing cached for a deleted
company can be served for a new one.
"""

from __future__ import annotations

import re
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from ..attachments.blobs import BlobStore
from ..attachments.models import Attachment, AttachmentRevision
from ..db.engine import Database, retrying_write
from ..faults.models import FAULTS_RESOURCE, CompanyClock
from ..identity.connect.models import SERVICE, ApplicationGrant, ConnectApplication
from ..identity.connect.service import (
    SERVICE_PRINCIPAL_DOMAIN,
    bump_after_commit,
    create_application,
    create_secret,
    find_application,
    grant_application,
)
from ..identity.models import FINANCIALS_ROLES, Company, CompanyRole, Tenant, User
from ..identity.service import issue_token
from ..kit.changes import ANY_RECORD, Lru, bump_version, forget_company
from ..kit.errors import ApiError, BusinessError, NotFound
from .copy import Copy, Shape, delete_rows
from .models import CompanyTemplate

DEMO_TEMPLATE = "demo"
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,59}$")
NAME_RULE = "1 to 60 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"
# The tag a copied user's e-mail address carries: `demo@nettfin.local` is `demo+c12@nettfin.local` in company 12.
_COPY_TAG = re.compile(r"\+[ct]\d+$")
CLONE_ADMIN_DOMAIN = "clone.nettfin.invalid"
# A blob written this recently may belong to an upload still in flight: left for the blob sweep.
BLOB_GRACE_SECONDS = 60.0
_SOURCES = Lru(64)  # templates' sources kept per process


class Conflict(ApiError):
    status_code = 409


@dataclass(frozen=True)
class TemplateView:
    name: str
    company_id: int
    source_company_id: int | None
    description: str
    created_at: object


@dataclass(frozen=True)
class Clone:
    company_id: int
    company_name: str
    tenant_id: str  # the company's tenant GUID: Connect's `tenant_id`
    template: str
    user_email: str
    token: str  # a development token of the administrator, for `Authorization: Bearer` + `ipp-company-id`
    client_id: str  # the clone's own Connect service application
    client_secret: str
    applications: tuple[str, ...]  # every application the clone approved, its own first


def check_name(name: str, field: str = "name") -> str:
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise BusinessError(f"The template {field} '{name}' is not valid: use {NAME_RULE}.")
    return name


def snapshot(
    session: Session, *, company_id: int, name: str, description: str = "", replace: bool = False
) -> TemplateView:
    """Make (or, with `replace`, remake) the template `name` from the company's records as they are now."""
    check_name(name)
    if len(description) > 200:
        raise BusinessError("The template description may have at most 200 characters.")
    source = _company(session, company_id)
    found = session.get(CompanyTemplate, name)
    if found is not None:
        if not replace:
            raise Conflict(f"A template named '{name}' already exists. Delete it first, or replace it.")
        if found.company_id == company_id:
            raise BusinessError(f"The template '{name}' cannot be remade from its own company.")
        old_company = found.company_id
        session.delete(found)
        session.flush()
        delete_company_rows(session, old_company)
    tenant = Tenant(name=f"template {name}")
    session.add(tenant)
    session.flush()
    company, _ = _copy(session, _source(session, source), tenant, tag="t")
    template = CompanyTemplate(name=name, company_id=company.id, source_company_id=source.id, description=description)
    session.add(template)
    session.flush()
    return view(template)


def templates(session: Session) -> list[TemplateView]:
    return [view(t) for t in session.scalars(select(CompanyTemplate).order_by(CompanyTemplate.name))]


def find_template(session: Session, name: str) -> CompanyTemplate:
    found = session.get(CompanyTemplate, name) if isinstance(name, str) else None
    if found is None:
        known = ", ".join(session.scalars(select(CompanyTemplate.name).order_by(CompanyTemplate.name))) or "none yet"
        raise NotFound(f"There is no template named '{name}'. Templates: {known}.")
    return found


def drop_template(session: Session, name: str) -> list[str]:
    """Delete the template and its company; the attachment files it alone held (see `release_blobs`)."""
    template = find_template(session, name)
    company_id = template.company_id
    session.delete(template)
    session.flush()
    return delete_company_rows(session, company_id)


def clone(
    session: Session,
    *,
    template: str,
    name: str | None = None,
    tenant_id: str | None = None,
    applications: tuple[str, ...] = (),
    tenant: Tenant | None = None,
) -> Clone:
    """A new company from the template, with its own users, token and Connect application, in a new tenant of its
    own, or in `tenant` (which then owns the application and holds the copied users)."""
    found = find_template(session, template)
    granted = [find_application(session, client_id) for client_id in dict.fromkeys(applications)]
    if tenant_id is not None:
        tenant_id = _tenant_guid(session, tenant_id)
    if name is not None and not (1 <= len(name.strip()) <= 100):
        raise BusinessError("The company name must have 1 to 100 characters.")
    source = _template_source(session, found)
    if tenant is None:
        tenant = Tenant(name=(name or source.name).strip())
        session.add(tenant)
        session.flush()
    company, users = _copy(session, source, tenant, tag="c", name=name, tenant_guid=tenant_id)
    admin = users[0] if users else _clone_admin(session, company, tenant)
    token = issue_token(session, user=admin, description=f"clone of template {template}")
    own = create_application(
        session,
        name=f"clone {company.id}",
        app_type=SERVICE,
        client_id=f"clone_{company.id}_{secrets.token_hex(4)}",
        owner_tenant_id=tenant.id,
    )
    _, secret = create_secret(session, own, description=f"clone of template {template}")
    for application in (own, *granted):
        grant_application(session, application, company, granted_by=f"clone of template {template}", new_company=True)
    return Clone(
        company_id=company.id,
        company_name=company.name,
        tenant_id=company.tenant_guid,
        template=template,
        user_email=admin.email,
        token=token,
        client_id=own.client_id,
        client_secret=secret,
        applications=tuple(a.client_id for a in (own, *granted)),
    )


def delete_company(session: Session, company_id: int) -> list[str]:
    """Delete a company (not a template's: drop the template) and everything of it; its tenant, the tenant's users
    and the applications it owns too when the tenant has no other company, otherwise the users copied for it (a
    clone in an existing tenant). The blobs to release after COMMIT."""
    _company(session, company_id)
    refuse_template_company(session, company_id)
    return delete_company_rows(session, company_id)


def refuse_template_company(session: Session, company_id: int) -> None:
    """A template's company is deleted with its template, never on its own."""
    if session.scalar(select(CompanyTemplate.name).where(CompanyTemplate.company_id == company_id)) is not None:
        raise BusinessError(f"Company {company_id} holds a template: delete the template instead.")


def delete_company_rows(session: Session, company_id: int) -> list[str]:
    company = _company(session, company_id)
    tenant_id = company.tenant_id
    blobs = list(
        session.scalars(
            select(AttachmentRevision.sha256)
            .join(Attachment, Attachment.id == AttachmentRevision.attachment_id)
            .where(Attachment.company_id == company_id)
            .distinct()
        )
    )
    session.flush()
    delete_rows(session.connection(), company_id)
    session.execute(delete(CompanyRole).where(CompanyRole.company_id == company_id))
    session.execute(delete(ApplicationGrant).where(ApplicationGrant.company_id == company_id))
    session.execute(delete(Company).where(Company.id == company_id))
    if session.scalar(select(Company.id).where(Company.tenant_id == tenant_id).limit(1)) is None:
        owned = list(session.scalars(select(ConnectApplication).where(ConnectApplication.owner_tenant_id == tenant_id)))
        for application in owned:
            session.delete(application)
        session.flush()
        principals = [a.service_user_id for a in owned]
        if principals:
            session.execute(delete(User).where(User.id.in_(principals)))
        session.execute(delete(User).where(User.tenant_id == tenant_id))
        session.execute(delete(Tenant).where(Tenant.id == tenant_id))
    else:
        # A company cloned into a tenant that has others (the admin panel's): the users copied for it (tagged
        # with its id) go with it, unless someone gave them a role in another company since.
        session.execute(
            delete(User).where(
                User.tenant_id == tenant_id,
                User.email.like(f"%+c{company_id}@%"),
                ~exists().where(CompanyRole.user_id == User.id),
            )
        )
    forget_company(session, company_id)
    bump_after_commit(session)
    session.expire_all()
    return blobs


def deleting(db: Database, store: BlobStore, delete: Callable[[Session], list[str]]) -> int:
    """Run a deletion (`delete_company`, `drop_template`, or a caller's checks around one) in a writing
    transaction of its own, then release the attachment files no company holds any more: the one way the admin
    API, the admin panel and the CLI delete. The number of files released."""

    @retrying_write
    def run() -> list[str]:
        with db.writing() as session:
            return delete(session)

    blobs = run()
    with db.reading() as session:
        return release_blobs(session, store, blobs)


def release_blobs(session: Session, store: BlobStore, blobs: list[str]) -> int:
    """After the deleting transaction committed: remove the files of the blobs no attachment refers to any more
    (content-addressed, so clones share them); the number removed."""
    if not blobs:
        return 0
    still = set(session.scalars(select(AttachmentRevision.sha256).where(AttachmentRevision.sha256.in_(blobs))))
    removed = 0
    cutoff = time.time() - BLOB_GRACE_SECONDS
    for sha in set(blobs) - still:
        path = store.path(sha)
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            pass
    return removed


def _company(session: Session, company_id: int) -> Company:
    company = session.get(Company, company_id) if isinstance(company_id, int) else None
    if company is None:
        raise NotFound(f"There is no company with id {company_id}.")
    return company


def _tenant_guid(session: Session, value: str) -> str:
    try:
        guid = str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        raise BusinessError(f"The tenant id '{value}' is not a GUID (e.g. {uuid.uuid4()}).") from None
    if session.scalar(select(exists().where(func.lower(Company.tenant_guid) == guid))):
        raise Conflict(f"A company with the tenant id '{guid}' already exists.")
    return guid


@dataclass(frozen=True)
class _User:
    id: int
    email: str
    first_name: str | None
    last_name: str | None
    customer_administrator: bool


@dataclass(frozen=True)
class _Source:
    """What a copy takes from its source company besides its records: the company's own fields, the people with
    roles in it (not applications' service principals), administrators first, and its shape."""

    id: int
    name: str
    organization_number: str | None
    address_line1: str | None
    address_line2: str | None
    base_currency: str
    users: tuple[_User, ...]
    roles: tuple[tuple[int, str], ...]  # (user id, role)
    shape: Shape


def _source(session: Session, company: Company) -> _Source:
    rows = session.execute(
        select(User, CompanyRole.role)
        .join(CompanyRole, CompanyRole.user_id == User.id)
        .where(CompanyRole.company_id == company.id, ~User.email.endswith(f"@{SERVICE_PRINCIPAL_DOMAIN}"))
        .order_by(User.customer_administrator.desc(), User.id)
    ).all()
    users = {
        user.id: _User(user.id, user.email, user.first_name, user.last_name, user.customer_administrator)
        for user, _ in rows
    }
    return _Source(
        id=company.id,
        name=company.name,
        organization_number=company.organization_number,
        address_line1=company.address_line1,
        address_line2=company.address_line2,
        base_currency=company.base_currency,
        users=tuple(users.values()),
        roles=tuple((user.id, role) for user, role in rows),
        shape=Copy(session.connection(), source=company.id, target=0, users={}).shape(),
    )


def _template_source(session: Session, template: CompanyTemplate) -> _Source:
    """A template's source, read once per process: a template's company, users and records do not change (it is
    remade, not edited; its creation time is in the key, so a remade one is read again)."""
    key = (str(session.get_bind().url), template.company_id, template.created_at)
    source = _SOURCES.get(key)
    if source is None:
        source = _source(session, _company(session, template.company_id))
        _SOURCES.put(key, source)
    return source


def _copy(
    session: Session,
    source: _Source,
    tenant: Tenant,
    *,
    tag: str,
    name: str | None = None,
    tenant_guid: str | None = None,
) -> tuple[Company, list[User]]:
    session.flush()
    company = Company(
        tenant_id=tenant.id,
        name=(name or source.name).strip(),
        organization_number=source.organization_number,
        address_line1=source.address_line1,
        address_line2=source.address_line2,
        base_currency=source.base_currency,
        tenant_guid=tenant_guid or str(uuid.uuid4()),
    )
    session.add(company)
    session.flush()
    users = _copy_users(session, source, company, tenant, tag=f"{tag}{company.id}")
    users_map = {old: new.id for old, new in users.items()}
    copied = Copy(session.connection(), source=source.id, target=company.id, users=users_map).run(source.shape)
    # The rows came in by statements on the connection, which the session does not see.
    bump_version(session, company_id=company.id, resource=ANY_RECORD)
    if CompanyClock.__tablename__ in copied.tables:
        # The copy's clock is found through the company's `faults` data version, which versions do not copy.
        bump_version(session, company_id=company.id, resource=FAULTS_RESOURCE)
    return company, list(users.values())


def _copy_users(session: Session, source: _Source, company: Company, tenant: Tenant, *, tag: str) -> dict[int, User]:
    """The source's people as users of the new tenant with the same roles, by their ids in the source; their
    addresses tagged so they stay unique."""
    copies: dict[int, User] = {}
    for user in source.users:
        local, _, domain = user.email.partition("@")
        copies[user.id] = User(
            email=f"{_COPY_TAG.sub('', local)}+{tag}@{domain}",
            first_name=user.first_name,
            last_name=user.last_name,
            tenant_id=tenant.id,
            password_hash=None,
            customer_administrator=user.customer_administrator,
        )
    session.add_all(copies.values())
    session.flush()
    session.add_all(CompanyRole(user_id=copies[old].id, company_id=company.id, role=role) for old, role in source.roles)
    session.flush()
    return copies


def _clone_admin(session: Session, company: Company, tenant: Tenant) -> User:
    admin = User(
        email=f"admin+c{company.id}@{CLONE_ADMIN_DOMAIN}",
        first_name="Clone",
        last_name="Administrator",
        tenant_id=tenant.id,
        customer_administrator=True,
    )
    session.add(admin)
    session.flush()
    session.add_all(CompanyRole(user_id=admin.id, company_id=company.id, role=role) for role in FINANCIALS_ROLES)
    session.flush()
    return admin


def view(template: CompanyTemplate) -> TemplateView:
    return TemplateView(
        template.name, template.company_id, template.source_company_id, template.description, template.created_at
    )
