"""A one-time refresh token used twice at the same moment, through two server processes on one database: exactly one
use succeeds, the other is `invalid_grant`, and the replay revokes the family (the winner's new token too)."""

from __future__ import annotations

import secrets
import threading
from datetime import timedelta

import httpx2
import pytest

from nettfin.server.db.base import utcnow
from nettfin.server.identity.connect.models import ConnectRefreshToken
from nettfin.server.identity.connect.service import find_application
from nettfin.server.identity.service import hash_token
from tests.server.identity.connect.test_connect_interactive import READ, make_interactive
from tests.servers import start_server, stop_server

ROUNDS = 6


@pytest.fixture(scope="module")
def two_servers(database_url, tmp_path_factory):
    first, first_base = start_server(database_url, tmp_path_factory.mktemp("race-a"))
    try:
        second, second_base = start_server(database_url, tmp_path_factory.mktemp("race-b"))
    except BaseException:
        stop_server(first)
        raise
    yield first_base, second_base
    stop_server(second)
    stop_server(first)


def _refresh_token(database, app) -> str:
    """A live one-time refresh token of the app's user (as a sign-in would have left it)."""
    token = secrets.token_hex(32)
    with database.writing() as session:
        application = find_application(session, app.client_id)
        session.add(
            ConnectRefreshToken(
                token_hash=hash_token(token),
                family=secrets.token_hex(16),
                application_id=application.id,
                user_id=app.user_id,
                company_id=app.companies[0][0],
                scopes=["offline_access", READ],
                auth_time=int(utcnow().timestamp()),
                expires_at=utcnow() + timedelta(days=1),
            )
        )
    return token


def test_only_one_of_two_concurrent_uses_of_a_one_time_refresh_token_succeeds(database, two_servers):
    app = make_interactive(database, refresh_policy="one-time")
    for _round in range(ROUNDS):
        answers = _race(two_servers, app, _refresh_token(database, app))
        statuses = sorted(answer.status_code for answer in answers)
        assert statuses == [200, 400], [answer.text for answer in answers]
        winner = next(answer for answer in answers if answer.status_code == 200).json()
        loser = next(answer for answer in answers if answer.status_code == 400).json()
        assert loser["error"] == "invalid_grant"
        # The replay revoked the family: the winner's new refresh token is refused too.
        again = httpx2.post(
            f"{two_servers[0]}/connect/token",
            data={"grant_type": "refresh_token", "refresh_token": winner["refresh_token"]},
            auth=(app.client_id, app.secret),
        )
        assert again.status_code == 400 and again.json()["error"] == "invalid_grant", again.text


def _race(bases, app, token: str) -> list[httpx2.Response]:
    """Both servers get the same refresh request at the same moment (a barrier releases the two threads)."""
    barrier = threading.Barrier(len(bases))
    answers: list[httpx2.Response] = []

    def use(base: str) -> None:
        with httpx2.Client(timeout=30) as http:
            barrier.wait()
            answers.append(
                http.post(
                    f"{base}/connect/token",
                    data={"grant_type": "refresh_token", "refresh_token": token},
                    auth=(app.client_id, app.secret),
                )
            )

    threads = [threading.Thread(target=use, args=(base,)) for base in bases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers
