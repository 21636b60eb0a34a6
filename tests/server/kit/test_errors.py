"""Every error gets Visma's body: never FastAPI's `{"detail": ...}`, never a 422, never a stack trace."""

from __future__ import annotations

import pytest
from fastapi import APIRouter

from nettfin.server.app import create_app
from nettfin.server.settings import Settings


def test_unknown_route_is_404_in_the_message_shape(tenant):
    response = tenant.client.get("/API/controller/api/v1/nothinghere", headers=tenant.headers)
    assert response.status_code == 404
    assert "No HTTP resource was found that matches the request URI" in response.json()["message"]
    assert "detail" not in response.json()


def test_wrong_method_is_405_with_allow(tenant):
    response = tenant.client.delete(tenant.url("/customer/10001"), headers=tenant.headers)
    assert response.status_code == 405
    assert "does not support http method 'DELETE'" in response.json()["message"]
    assert "GET" in response.headers["Allow"]


def test_malformed_json_is_400_saying_so(tenant):
    response = tenant.client.post(
        tenant.url("/customer"),
        content=b'{"name": {"value": "x"',
        headers={**tenant.headers, "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["message"]


def test_a_body_that_is_not_an_object_is_400(tenant):
    response = tenant.post("/customer", [1, 2])
    assert response.status_code == 400
    assert set(response.json()) == {"message"}


def test_a_non_json_content_type_is_415(tenant):
    response = tenant.client.post(
        tenant.url("/customer"),
        content=b"name=x",
        headers={**tenant.headers, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 415
    assert "application/json" in response.json()["message"]


def test_text_json_is_accepted_as_json(tenant):
    response = tenant.client.post(
        tenant.url("/customer"),
        content=b'{"name": {"value": "Text json AS"}}',
        headers={**tenant.headers, "Content-Type": "text/json"},
    )
    assert response.status_code == 201


@pytest.fixture
def failing_app(database):
    app = create_app(Settings(), database=database)
    boom = APIRouter()

    @boom.get("/boom")
    def explode():
        raise RuntimeError("secret internals")

    app.include_router(boom)
    return app


def test_an_unexpected_failure_is_500_with_a_visma_id_and_no_internals(failing_app):
    from starlette.testclient import TestClient

    with TestClient(failing_app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
    assert response.status_code == 500
    message = response.json()["message"]
    assert message.startswith("VismaId: ") and message.endswith("An error has occurred.")
    assert "secret" not in response.text and "Traceback" not in response.text
