"""Visma Connect administration: `nettfin admin app ...`, `admin company list`'s tenant ids, `admin key rotate`,
and migration 0009 giving existing companies their tenant GUIDs."""

from __future__ import annotations

import base64
import uuid

import orjson
import pytest
from sqlalchemy import create_engine, text
from starlette.testclient import TestClient
from typer.testing import CliRunner

from nettfin.cli.main import app as cli
from nettfin.server.app import create_app
from nettfin.server.db.engine import Database
from nettfin.server.db.migrate import upgrade
from nettfin.server.settings import Settings
from tests.conftest import new_postgres_database

runner = CliRunner()
READ = "vismanet_erp_service_api:read"


def run(*args: str, database_url: str, ok: bool = True) -> str:
    result = runner.invoke(cli, [*args, "--database-url", database_url])
    if ok:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code != 0, result.output
    return result.output.strip()


def field(output: str, name: str) -> str:
    return next(line.split(":", 1)[1].strip() for line in output.splitlines() if line.startswith(f"{name}:"))


def kid_of(token: str) -> str:
    return orjson.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))["kid"]


def test_an_administrator_registers_grants_rotates_and_revokes_from_the_command_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'connect.db'}"
    company = run("admin", "company", "create", "Fjord AS", database_url=url)
    listed = run("admin", "company", "list", database_url=url)
    tenant_id = listed.split("tenant_id ")[1].split()[0]
    uuid.UUID(tenant_id)

    created = run("admin", "app", "create", "Fjord Sync", database_url=url)
    client_id, secret = field(created, "client_id"), field(created, "client_secret")
    assert client_id == "isv_fjord-sync"
    granted = run("admin", "app", "grant", client_id, "--company", company, database_url=url)
    assert tenant_id in granted
    shown = run("admin", "app", "show", client_id, database_url=url)
    assert f"tenant_id {tenant_id}" in shown and "client_credentials" in shown and secret[:6] in shown
    assert secret not in shown
    assert f"{client_id}\tservice\tenabled\t1 company(ies)" in run("admin", "app", "list", database_url=url)

    database = Database(url)
    form = {"grant_type": "client_credentials", "scope": READ, "tenant_id": tenant_id}
    with TestClient(create_app(Settings(data_dir=tmp_path), database=database)) as http:
        first = http.post("/connect/token", data=form, auth=(client_id, secret))
        assert first.status_code == 200, first.text
        before = first.json()["access_token"]

        second = run("admin", "app", "secret-create", client_id, "--description", "rotation", database_url=url)
        run("admin", "app", "secret-revoke", client_id, secret[:6], database_url=url)
        assert "revoked" in run("admin", "app", "secret-list", client_id, database_url=url)
        assert http.post("/connect/token", data=form, auth=(client_id, secret)).status_code == 401
        assert http.post("/connect/token", data=form, auth=(client_id, second)).status_code == 200

        rotated = run("admin", "key", "rotate", database_url=url)
        assert "generation 2" in rotated

    # A worker started after the rotation: the old key is still published and trusted, the new one signs.
    with TestClient(create_app(Settings(data_dir=tmp_path), database=database)) as http:
        keys = http.get("/.well-known/openid-configuration/jwks").json()["keys"]
        assert len(keys) == 2 and kid_of(before) in {key["kid"] for key in keys}
        headers = {"Authorization": f"Bearer {before}"}
        assert http.get("/v1/customer", headers=headers).status_code == 200
        after = http.post("/connect/token", data=form, auth=(client_id, second)).json()["access_token"]
        assert kid_of(after) != kid_of(before) and kid_of(after) == keys[0]["kid"]

        run("admin", "app", "revoke", client_id, "--company", company, database_url=url)
        refused = http.post("/connect/token", data=form, auth=(client_id, second))
        assert refused.status_code == 400 and refused.json()["error"] == "invalid_tenant"
        run("admin", "app", "disable", client_id, database_url=url)
        assert http.post("/connect/token", data=form, auth=(client_id, second)).json()["error"] == "invalid_client"
    database.dispose()


def test_the_command_line_refuses_what_an_application_type_may_not_have(tmp_path):
    url = f"sqlite:///{tmp_path / 'refused.db'}"
    assert "may not be allowed" in run(
        "admin", "app", "create", "Spa", "--type", "spa", "--scope", READ, database_url=url, ok=False
    )
    assert "Unknown application type" in run(
        "admin", "app", "create", "X", "--type", "robot", database_url=url, ok=False
    )
    native = run("admin", "app", "create", "Phone", "--type", "native", database_url=url)
    assert "client_secret" not in native
    assert "public client" in run(
        "admin", "app", "secret-create", field(native, "client_id"), database_url=url, ok=False
    )


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_migration_0009_gives_every_existing_company_its_own_tenant_guid(backend, tmp_path, request):
    if backend == "postgresql":
        request.getfixturevalue("postgres_available")
        with new_postgres_database() as url:
            _migrate_two_companies(url)
    else:
        _migrate_two_companies(f"sqlite:///{tmp_path / 'old.db'}")


def _migrate_two_companies(url: str) -> None:
    upgrade(url, "0008")
    engine = create_engine(Database(url).engine.url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO tenant (id, name, created_at) VALUES (1, 'Old', CURRENT_TIMESTAMP)"))
        connection.execute(
            text(
                "INSERT INTO company (id, tenant_id, name, base_currency, created_at) "
                "VALUES (1, 1, 'A', 'NOK', CURRENT_TIMESTAMP), (2, 1, 'B', 'NOK', CURRENT_TIMESTAMP)"
            )
        )
    upgrade(url)
    with engine.connect() as connection:
        guids = connection.execute(text("SELECT tenant_guid FROM company ORDER BY id")).scalars().all()
    engine.dispose()
    assert len(guids) == 2 and len(set(guids)) == 2
    assert all(uuid.UUID(guid).version == 4 for guid in guids)


def test_a_generated_secret_never_starts_with_a_dash_that_the_command_line_would_read_as_an_option():
    from nettfin.server.identity.service import typeable_secret

    # One token in 64 starts with '-' by chance; 2,000 draws meet that case with near certainty.
    drawn = [typeable_secret() for _ in range(2000)]
    assert not [secret for secret in drawn if secret.startswith("-")]
    assert len(set(drawn)) == 2000 and all(len(secret) == 43 for secret in drawn)
