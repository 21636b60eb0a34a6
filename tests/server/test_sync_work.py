"""Where a call's synchronous work runs (sync_work.py): on SQLite on the worker's event loop, on PostgreSQL in the
thread pool; the `inline_calls` setting decides it otherwise. Observed through the app: a route added for the test
records the thread its synchronous dependency and endpoint ran on, and the one its event loop runs on."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi import Depends
from starlette.testclient import TestClient

from nettfin.server.app import create_app
from nettfin.server.identity.auth import company_context
from nettfin.server.settings import Settings
from tests.conftest import make_tenant


def _app_with_probe(database, data_dir: Path, **settings):
    app = create_app(Settings(data_dir=data_dir, job_workers=0, **settings), database=database)
    seen: dict[str, int] = {}

    async def on_the_loop() -> None:
        seen["loop"] = threading.get_ident()

    def dependency(context=Depends(company_context)) -> int:
        seen["dependency"] = threading.get_ident()
        return context.company_id

    @app.get("/probe/threads", dependencies=[Depends(on_the_loop)])
    def probe(company_id: int = Depends(dependency)) -> dict:
        seen["endpoint"] = threading.get_ident()
        return {"company": company_id}

    app.router.routes.insert(0, app.router.routes.pop())  # before the catch-all routes
    return app, seen


def _threads(app, seen, database) -> dict[str, int]:
    with TestClient(app) as client:
        tenant = make_tenant(database, client)
        response = client.get("/probe/threads", headers=tenant.headers)
        assert response.status_code == 200, response.text
        assert response.json() == {"company": tenant.company_id}  # authenticated as the token's company
    return seen


def test_a_calls_synchronous_work_runs_on_the_event_loop_on_sqlite_and_in_the_thread_pool_on_postgresql(
    database, tmp_path
):
    app, seen = _app_with_probe(database, tmp_path)
    threads = _threads(app, seen, database)
    if database.dialect == "sqlite":
        assert threads["dependency"] == threads["endpoint"] == threads["loop"]
    else:
        assert threads["dependency"] != threads["loop"] and threads["endpoint"] != threads["loop"]


@pytest.mark.parametrize("inline", [True, False])
def test_the_setting_decides_it_on_either_database(database, tmp_path, inline):
    app, seen = _app_with_probe(database, tmp_path, inline_calls=inline)
    threads = _threads(app, seen, database)
    assert (threads["endpoint"] == threads["loop"]) is inline
    assert (threads["dependency"] == threads["loop"]) is inline
