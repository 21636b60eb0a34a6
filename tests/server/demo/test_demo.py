"""The demo company (`nettfin serve --demo`, `make run`) and the README's curl lines, which must work as printed:
a line that captures a token (`TOKEN=$(curl ... | jq -r .access_token)`) is replayed, and the lines that use
`$TOKEN` get the token it answers."""

from __future__ import annotations

import base64
import re
import shlex
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from starlette.testclient import TestClient

from nettfin.server.app import create_app
from nettfin.server.db.engine import Database
from nettfin.server.db.migrate import upgrade
from nettfin.server.demo.seed import (
    CUSTOMER_COUNT,
    DEMO_ADMIN_API_KEY,
    DEMO_CONNECT_CLIENT_ID,
    DEMO_CONNECT_CLIENT_SECRET,
    DEMO_TENANT_GUID,
    DEMO_TOKEN,
    demo_company,
    ensure_demo,
)
from nettfin.server.settings import Settings
from tests.party_factories import seeded_demo
from tests.paths import REPO

README = REPO / "README.md"


def fresh_demo(tmp_path: Path, name: str) -> tuple[Database, TestClient]:
    url = f"sqlite:///{tmp_path / name}"
    upgrade(url)
    database = Database(url)
    ensure_demo(database)
    return database, TestClient(create_app(Settings(data_dir=tmp_path), database=database))


@pytest.fixture
def demo(tmp_path):
    """A copy of the demo seeded once per process, as a client without the demo's headers: the README's lines
    send their own."""
    with seeded_demo(tmp_path, admin_api_key=DEMO_ADMIN_API_KEY) as client:  # as `make run` serves it
        for name in ("Authorization", "ipp-company-id"):
            client.headers.pop(name)
        yield client


def headers(company_id: int = 1) -> dict[str, str]:
    return {"Authorization": f"Bearer {DEMO_TOKEN}", "ipp-company-id": str(company_id)}


def test_the_demo_company_is_company_1_with_50_customers_and_its_classes(demo):
    customers = demo.get("/API/controller/api/v1/customer", headers=headers()).json()
    assert len(customers) == CUSTOMER_COUNT
    assert customers[0]["metadata"]["totalCount"] == CUSTOMER_COUNT
    assert customers[0]["number"] == "10001"
    assert all(c["mainAddress"]["country"]["id"] == "NO" for c in customers)
    assert {c["vatZone"]["id"] for c in customers} == {"01", "02", "03"}
    classes = demo.get("/API/controller/api/v1/customer/customerClass", headers=headers()).json()
    assert [c["id"] for c in classes] == ["1", "2", "3"]


def test_the_demo_seed_is_deterministic(tmp_path):
    listings = []
    for name in ("a.db", "b.db"):
        database, client = fresh_demo(tmp_path, name)
        with client:
            for path in ("v1/customer", "v2/generalLedgerBalance?periodId=202012", "v1/supplierInvoice?pageSize=50"):
                listings.append(client.get(f"/API/controller/api/{path}", headers=headers()).content)
        database.dispose()
    assert listings[:3] == listings[3:]


def test_the_demo_is_seeded_only_into_an_empty_database(tmp_path):
    database, _client = fresh_demo(tmp_path, "once.db")
    assert ensure_demo(database) is None
    assert demo_company(database).company_id == 1
    database.dispose()


def readme_curls() -> list[list[str]]:
    text = README.read_text()
    commands: list[list[str]] = []
    piped = False
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        for word in shlex.split(block.replace("\\\n", " "), comments=True):
            if word == "curl" or word.endswith("=$(curl"):
                commands.append([word.split("=$(", 1)[0] + "=$(curl" if "=$(" in word else "curl"])
                piped = False
            elif word == "|":
                piped = True  # `| jq -r .access_token)`: what the shell does with the answer
            elif commands and not piped:
                commands[-1].append(word)
    assert commands, "the README shows no curl line"
    return commands


def as_request(argv: list[str]) -> tuple[str, str, dict[str, str], str | None, dict]:
    method, url, sent_headers, body, files, form = "GET", None, {}, None, {}, []
    words = iter(argv[1:])
    for word in words:
        if word == "-H":
            name, value = next(words).split(":", 1)
            sent_headers[name.strip()] = value.strip()
        elif word == "-X":
            method = next(words)
        elif word == "-d":
            form.append(next(words))
        elif word == "--data-urlencode":
            name, _, value = next(words).partition("=")
            form.append(f"{name}={quote(value, safe='')}")
        elif word == "-u":
            sent_headers["Authorization"] = "Basic " + base64.b64encode(next(words).encode()).decode()
        elif word == "-F":  # name=@path, a file relative to the repository, as curl posts it
            name, path = next(words).split("=@", 1)
            files[name] = (Path(path).name, (README.parent / path).read_bytes())
            method = "POST"
        elif not word.startswith("-"):
            url = word
    if form:  # curl joins -d parts with & and posts them as a form unless told otherwise
        body = "&".join(form)
        method = "POST" if method == "GET" else method
        sent_headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    assert url and url.startswith("http://127.0.0.1:8080/"), url
    return method, url.removeprefix("http://127.0.0.1:8080"), sent_headers, body, files


def readme_token(demo) -> str:
    """What the README's `TOKEN=$(curl ...)` line leaves in $TOKEN."""
    command = next(argv for argv in readme_curls() if argv[0] == "TOKEN=$(curl")
    method, path, sent_headers, body, _files = as_request(command)
    response = demo.request(method, path, headers=sent_headers, content=body)
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


@pytest.mark.parametrize("argv", readme_curls(), ids=lambda argv: " ".join(argv[:4]))
def test_the_readme_curl_lines_work_as_printed(demo, argv):
    method, path, sent_headers, body, files = as_request(argv)
    if any("$TOKEN" in value for value in sent_headers.values()):
        token = readme_token(demo)
        sent_headers = {name: value.replace("$TOKEN", token) for name, value in sent_headers.items()}
    response = demo.request(method, path, headers=sent_headers, content=body, files=files or None)
    assert response.status_code in (200, 201), response.text
    if path == "/connect/token":
        assert response.json()["token_type"] == "Bearer"
    elif method == "GET":
        assert len(response.json()) == 2
    elif files:
        attachment = demo.get(response.headers["Location"], headers=sent_headers)
        assert attachment.content == README.read_bytes()
    elif path == "/admin/api/companies":  # a clone of the demo, reached with its own token
        made = response.json()
        clone = {"Authorization": f"Bearer {made['token']}", "ipp-company-id": str(made["companyId"])}
        assert len(demo.get("/v1/customer", headers=clone).json()) == CUSTOMER_COUNT
    else:
        assert response.headers["Location"].endswith("/customer/10051")


def test_the_demo_ships_a_service_application_approved_by_the_demo_company(demo):
    form = {
        "grant_type": "client_credentials",
        "scope": "vismanet_erp_service_api:read",
        "tenant_id": DEMO_TENANT_GUID,
    }
    response = demo.post(
        "/connect/token",
        content=urlencode(form),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        auth=(DEMO_CONNECT_CLIENT_ID, DEMO_CONNECT_CLIENT_SECRET),
    )
    assert response.status_code == 200, response.text
    customers = demo.get("/v1/customer", headers={"Authorization": f"Bearer {response.json()['access_token']}"})
    assert len(customers.json()) == CUSTOMER_COUNT


def test_a_demo_database_seeded_before_connect_gets_the_service_application(tmp_path):
    from sqlalchemy import delete

    from nettfin.server.identity.connect.models import ConnectApplication
    from nettfin.server.identity.models import User

    database, _client = fresh_demo(tmp_path, "older.db")
    with database.writing() as session:  # as a demo database seeded before migration 0009 is
        session.execute(delete(ConnectApplication))
        session.execute(delete(User).where(User.email.like("%@connect.nettfin.invalid")))
    assert ensure_demo(database) is None
    with database.reading() as session:
        assert session.query(ConnectApplication).filter_by(client_id=DEMO_CONNECT_CLIENT_ID).count() == 1
    assert demo_company(database).tenant_id == DEMO_TENANT_GUID
    database.dispose()
