"""Building the throttle from settings: the policy, its limits, and the counter store every worker shares."""

from __future__ import annotations

from ..db.engine import Database
from ..identity.sessions import installation_id
from ..settings import Settings
from .policy import Limits, Throttle
from .stores import CounterStore, RedisStore, SqlStore


def counter_store(settings: Settings, db: Database) -> CounterStore:
    if settings.redis_url:
        return RedisStore(settings.redis_url, namespace=installation_id(db))
    return SqlStore(db)


def build_throttle(settings: Settings, store: CounterStore) -> Throttle:
    limits = Limits(
        test=settings.throttle_test_limit,
        production=settings.throttle_production_limit,
        same_request=settings.throttle_same_request_limit,
        client_error=settings.throttle_client_error_limit,
    )
    return Throttle(policy=settings.throttle, store=store, limits=limits)
