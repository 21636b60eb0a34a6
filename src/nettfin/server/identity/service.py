"""Use cases for companies, users and tokens."""

from __future__ import annotations

import hashlib
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..kit.errors import BusinessError
from .models import ApiToken, Company, CompanyAccess, User


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_company(
    session: Session, *, name: str, organization_number: str | None = None, base_currency: str = "NOK"
) -> Company:
    company = Company(name=name, organization_number=organization_number, base_currency=base_currency)
    session.add(company)
    session.flush()
    return company


def create_user(session: Session, *, email: str, first_name: str = "", last_name: str = "") -> User:
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise BusinessError(f"A user with the e-mail address '{email}' already exists.")
    user = User(email=email, first_name=first_name, last_name=last_name)
    session.add(user)
    session.flush()
    return user


def grant_company(session: Session, *, user: User, company: Company) -> None:
    session.merge(CompanyAccess(user_id=user.id, company_id=company.id))


def issue_token(session: Session, *, user: User, description: str = "", token: str | None = None) -> str:
    """A new bearer token, GUID-shaped like the service's; only its hash is stored."""
    token = token or str(uuid.uuid4())
    session.add(ApiToken(token_hash=hash_token(token), user_id=user.id, description=description))
    session.flush()
    return token


def find_user(session: Session, email: str) -> User:
    user = session.scalar(select(User).where(User.email == email))
    if user is None:
        raise BusinessError(f"No user has the e-mail address '{email}'.")
    return user
