"""What authentication and the throttle cost per request: the same GET of one customer, measured in one run
with (a) bearer token + ipp-company-id + the throttle's counters (policy `production`, SQL store),
(b) token and company checks only (policy `off`), (c) a Visma Connect JWT (no ipp-company-id) with and without
the throttle, (d) the JWT with its signature verified on every request (the key cached, the per-token cache
emptied before each request: what a token's first use costs), and (e) neither (the company context injected).

    .venv/bin/python bench/auth.py                 # SQLite
    .venv/bin/python bench/auth.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres

Prints medians of per-request time and the differences; docs/performance.md records them against the target
(auth plus throttle add at most 1 ms per request on SQLite). A measurement, not a test: nothing asserts on time.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from starlette.requests import Request
from starlette.testclient import TestClient

from nettfin.server.app import LEGACY_PREFIX, create_app
from nettfin.server.db.engine import Database, normalise_url
from nettfin.server.db.migrate import upgrade
from nettfin.server.identity.auth import CompanyContext, company_context
from nettfin.server.identity.connect.service import create_application, create_secret, grant_application
from nettfin.server.identity.service import create_company, create_user, grant_company, issue_token
from nettfin.server.numbering.service import CUSTOMER, create_series
from nettfin.server.settings import Settings

ROUNDS, REQUESTS = 7, 400
CALLS = 2000


def prepare(url: str) -> tuple[Database, int, int, str, dict]:
    upgrade(url)
    db = Database(url)
    with db.writing() as session:
        company = create_company(session, name="Bench AS")
        user = create_user(session, email=f"{uuid.uuid4().hex[:8]}@bench.test")
        grant_company(session, user=user, company=company)
        token = issue_token(session, user=user)
        create_series(session, company_id=company.id, series_id=CUSTOMER, description="Customers")
        application = create_application(session, name=f"Bench {uuid.uuid4().hex[:6]}")
        _row, secret = create_secret(session, application)
        grant_application(session, application, company)
    form = {
        "grant_type": "client_credentials",
        "scope": "vismanet_erp_service_api:read",
        "tenant_id": company.tenant_guid,
        "client_id": application.client_id,
        "client_secret": secret,
    }
    return db, company.id, user.id, token, form


def forget_verified(app) -> None:
    """Empties the validator's per-token cache (signature checked once per token), not the key cache: the next
    request verifies the RS256 signature again with the cached public key."""
    app.state.connect.validator._verified.clear()


def one_round(client: TestClient, path: str, headers: dict, first_page: int, before=None) -> float:
    """Mean ms per request; each request differs (a page number) so SameRequestLimit never triggers."""
    start = time.perf_counter()
    for n in range(REQUESTS):
        if before is not None:
            before(client.app)
        response = client.get(path, headers=headers, params={"pageNumber": first_page + n})
        assert response.status_code == 200, response.text
    return (time.perf_counter() - start) * 1000 / REQUESTS


def dependency_round(app, path: str, headers: dict, before=None) -> float:
    """Mean microseconds per call of the `company_context` dependency alone (policy `off`): what the token costs,
    without the HTTP stack, whose noise on a busy machine is larger than the difference measured."""
    raw = [(name.lower().encode(), value.encode()) for name, value in headers.items()]
    token = headers["Authorization"].removeprefix("Bearer ")
    credentials = HTTPAuthorizationCredentials(scheme="Bearer", credentials=token)
    company = headers.get("ipp-company-id")
    scope = {"type": "http", "method": "GET", "path": path, "root_path": "", "scheme": "http", "query_string": b""}
    scope.update(server=("testserver", 80), headers=raw, app=app)
    start = time.perf_counter()
    for _ in range(CALLS):
        if before is not None:
            before(app)
        company_context(Request({**scope, "state": {}}), credentials, company, None)
    return (time.perf_counter() - start) * 1_000_000 / CALLS


def measure(url: str, label: str) -> None:
    db, company_id, user_id, token, form = prepare(url)
    opaque = {"Authorization": f"Bearer {token}", "ipp-company-id": str(company_id)}
    path = f"{LEGACY_PREFIX}/v1/customer/customerClass"
    clients, headers = {}, {}
    with tempfile.TemporaryDirectory() as data_dir:
        jwt = None
        for name, policy, bypass, connect in (
            ("auth + throttle", "production", False, False),
            ("auth only", "off", False, False),
            ("jwt + throttle", "production", False, True),
            ("jwt only", "off", False, True),
            ("jwt verified", "off", False, True),
            ("neither", "off", True, False),
        ):
            app = create_app(Settings(data_dir=Path(data_dir), throttle=policy), database=db)
            if bypass:
                app.dependency_overrides[company_context] = lambda: CompanyContext(company_id, user_id)
            clients[name] = TestClient(app).__enter__()
            if connect and jwt is None:
                jwt = clients[name].post("/connect/token", data=form).json()["access_token"]
            headers[name] = {"Authorization": f"Bearer {jwt}"} if connect else opaque
            clients[name].get(path, headers=headers[name])  # warm up
        # Rounds interleave the configurations, so drift in the machine's load hits them alike.
        samples = {name: [] for name in clients}
        dependency = {"opaque": [], "jwt": [], "jwt verified": []}
        hooks = {"jwt verified": forget_verified}
        for round_number in range(ROUNDS):
            for name, client in clients.items():
                first = round_number * REQUESTS + 1
                samples[name].append(one_round(client, path, headers[name], first, hooks.get(name)))
            for kind, name in (("opaque", "auth only"), ("jwt", "jwt only"), ("jwt verified", "jwt verified")):
                dependency[kind].append(dependency_round(clients[name].app, path, headers[name], hooks.get(kind)))
        for client in clients.values():
            client.__exit__(None, None, None)
    results = {name: statistics.median(values) for name, values in samples.items()}
    db.dispose()
    base = results["neither"]
    print(f"\n{label}: ms per request (median of {ROUNDS} rounds x {REQUESTS} requests)")
    for name, value in results.items():
        print(f"  {name:16} {value:7.3f} ms   (+{value - base:6.3f} ms over neither)")
    print(
        f"  auth + throttle add {results['auth + throttle'] - base:.3f} ms per request (target: at most 1 ms on SQLite)"
    )
    print(
        f"  a JWT costs {results['jwt only'] - results['auth only']:+.3f} ms over an opaque token "
        f"(with the throttle: {results['jwt + throttle'] - results['auth + throttle']:+.3f} ms; target: at most 0.3 ms)"
    )
    print(
        f"  a JWT whose signature is verified on every request (key cached) costs "
        f"{results['jwt verified'] - results['auth only']:+.3f} ms over an opaque token (target: at most 0.3 ms)"
    )
    opaque, jwt_cost = statistics.median(dependency["opaque"]), statistics.median(dependency["jwt"])
    verified = statistics.median(dependency["jwt verified"])
    print(
        f"  company_context alone (median of {ROUNDS} x {CALLS} calls): opaque token + ipp-company-id {opaque:.1f} us, "
        f"JWT {jwt_cost:.1f} us: {(jwt_cost - opaque) / 1000:+.3f} ms; JWT verified every call {verified:.1f} us: "
        f"{(verified - opaque) / 1000:+.3f} ms (target: at most +0.3 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", help="a PostgreSQL server URL; a scratch database is created and dropped")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        measure(f"sqlite:///{directory}/bench.db", "SQLite")
    if args.postgres:
        server = make_url(normalise_url(args.postgres))
        name = f"nettfin_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            measure(server.set(database=name).render_as_string(hide_password=False), "PostgreSQL")
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
