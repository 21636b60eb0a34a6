"""The background API through the SDK and the CLI, against the real app on both databases: a queued call's handle,
its state before and after it ran, its result or the API error a direct call raises; the webhook helpers (the
signature, the parsed notification, the local receiver) and `nettfin webhooks listen`."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import os
import subprocess
import sys

import httpx2
import pytest
from typer.testing import CliRunner

from nettfin.cli.main import app as cli
from nettfin.client import BackgroundTimeout, ValidationError
from nettfin.client.webhooks import SignatureError, WebhookReceiver, parse_notification, sign, verify_signature
from tests.conftest import Tenant
from tests.sdk_helpers import BASE_URL, app_transport, async_sdk_client, sdk_client

CUSTOMER = {"name": {"value": "Bakgrunn AS"}}
KEY = "the-subscriptions-signing-key"


def test_a_queued_create_is_started_then_finished_with_its_201_and_new_key(idle_tenant: Tenant):
    with sdk_client(idle_tenant) as client:
        call = client.background("POST", "v1/customer", json=CUSTOMER)
        before = call.state()
        with pytest.raises(BackgroundTimeout) as timed_out:
            call.wait(timeout=0)
        assert asyncio.run(idle_tenant.client.app.state.jobs.run_one())
        after = call.state()
        result = call.wait(timeout=10)
        created = client.customers.get(result.key)

    assert call.state_location == f"http://testserver/API/controller/api/v1/background/{call.id}"
    assert (before.id, before.status, before.status_code, before.started_utc) == (call.id, "Started", 0, None)
    assert timed_out.value.state.status == "Started"
    assert (after.status, after.status_code, after.has_response_content) == ("Finished", 201, False)
    assert (result.status_code, result.body) == (201, None)
    assert result.location == after.response_headers["location"]
    assert created.name == "Bakgrunn AS"


def test_a_queued_read_returns_the_parsed_body_a_direct_read_gets(tenant: Tenant):
    with sdk_client(tenant) as client:
        number = client.customers.create(CUSTOMER)
        result = client.background("GET", f"v1/customer/{number}", notify={"x-my-ref": "order-4711"}).wait()
        direct = client.request("GET", f"v1/customer/{number}")
        state = client.background("GET", "v1/customer", params={"name": "Bakgrunn"}).wait().state

    assert (result.status_code, result.body) == (200, direct)
    assert result.headers["content-type"].startswith("application/json")
    assert result.state.webhook_address == "subscription"
    assert state.original_uri.endswith("/v1/customer?name=Bakgrunn")


def test_a_stored_400_raises_the_validation_error_a_direct_call_raises(tenant: Tenant):
    body = {**CUSTOMER, "customerClassId": {"value": "NOPE"}}
    with sdk_client(tenant) as client:
        call = client.background("POST", "v1/customer", json=body)
        with pytest.raises(ValidationError) as queued:
            call.wait()
        with pytest.raises(ValidationError) as direct:
            client.request("POST", "v1/customer", body=body)

    assert queued.value.status == 400
    assert queued.value.problems == direct.value.problems == ["Customer class 'NOPE' cannot be found in the system."]
    assert queued.value.visma_id and queued.value.visma_id != direct.value.visma_id
    assert queued.value.method == "POST" and queued.value.url.endswith("/v1/customer")


def test_the_async_client_queues_and_waits(tenant: Tenant, client):
    async def scenario():
        async with async_sdk_client(tenant, client.app) as sdk:
            call = await sdk.background("post", "v1/customer", json=CUSTOMER)
            return call, await call.wait()

    call, result = asyncio.run(scenario())
    assert call.method == "POST"
    assert result.status_code == 201 and result.key


# --- webhooks ------------------------------------------------------------------------------------------------


def test_the_signature_is_the_base64_hmac_sha256_of_the_raw_body():
    body = b'{"id":"73ac0029","statusCode":201}'
    expected = base64.b64encode(hmac.new(KEY.encode(), body, hashlib.sha256).digest()).decode()

    assert sign(body, KEY) == expected
    assert verify_signature(body, expected, KEY)
    assert not verify_signature(body.replace(b"201", b"200"), expected, KEY)
    assert not verify_signature(body, expected, "another key")
    assert not verify_signature(body, "not base64 at all: ø", KEY)


def test_a_notification_is_parsed_with_its_vwd_headers_and_refused_when_tampered():
    body = b'{"id": "73ac0029", "statusCode": 201}'
    headers = {"X-VWD-Signature-V1": sign(body, KEY), "x-vwd-event-id": "BACKGROUND_API_RESPONSE", "x-my-ref": "4711"}

    notification = parse_notification(body, headers, KEY)

    assert notification.payload == {"id": "73ac0029", "statusCode": 201}
    assert notification.event_id == "BACKGROUND_API_RESPONSE"
    assert set(notification.vwd) == {"x-vwd-signature-v1", "x-vwd-event-id"}
    assert notification.headers["x-my-ref"] == "4711"
    with pytest.raises(SignatureError, match="does not match"):
        parse_notification(body.replace(b"201", b"500"), headers, KEY)
    with pytest.raises(SignatureError, match="not signed"):
        parse_notification(body, {"x-vwd-event-id": "BACKGROUND_API_RESPONSE"}, KEY)


def test_the_receiver_keeps_each_post_and_checks_its_signature():
    body = b'{"event": "test"}'
    with WebhookReceiver(key=KEY) as receiver:
        httpx2.post(receiver.url, content=body, headers={"X-VWD-Signature-V1": sign(body, KEY)})
        httpx2.post(receiver.url, content=body, headers={"X-VWD-Signature-V1": sign(b"other", KEY)})
        httpx2.post(receiver.url, content=b"plain text")
        good, bad, unsigned = receiver.wait_for(3, timeout=10)

    assert (good.payload, good.signature_valid, good.path) == ({"event": "test"}, True, "/webhook")
    assert bad.signature_valid is False
    assert (unsigned.signature_valid, unsigned.signed, unsigned.body) == (None, False, b"plain text")


def test_a_background_call_notifies_the_receiver_at_its_url(tenant: Tenant):
    with WebhookReceiver() as receiver, sdk_client(tenant) as client:
        call = client.background("POST", "v1/customer", json=CUSTOMER, notify=receiver.url)
        (delivery,) = receiver.wait_for(1, timeout=60)
        state = call.state()

    assert delivery.event_id == "BACKGROUND_API_RESPONSE"
    assert delivery.payload["id"] == call.id
    assert delivery.payload["statusCode"] == 201
    assert state.webhook_address == receiver.url


def test_nettfin_webhooks_listen_prints_each_delivery(tmp_path):
    command = [sys.executable, "-m", "nettfin.cli.main", "webhooks", "listen", "--key", KEY]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    listener = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        ready = listener.stderr.readline()
        assert ready.startswith("Ready! Listening on http://127.0.0.1:"), ready + listener.stderr.read()
        url = ready.split()[3]
        body = json.dumps({"id": "73ac0029", "statusCode": 201}).encode()
        headers = {"X-VWD-Signature-V1": sign(body, KEY), "x-vwd-event-id": "BACKGROUND_API_RESPONSE"}
        assert httpx2.post(url, content=body, headers=headers).status_code == 200
        header = listener.stdout.readline()
        pretty = [listener.stdout.readline() for _ in range(4)]
        httpx2.post(url, content=body, headers={"X-VWD-Signature-V1": "forged"})
        second = listener.stdout.readline()
    finally:
        listener.send_signal(2)  # Ctrl-C
        listener.wait(timeout=20)

    assert "--> BACKGROUND_API_RESPONSE  POST /webhook  [signature valid]" in header
    assert "".join(pretty) == '{\n  "id": "73ac0029",\n  "statusCode": 201\n}\n'
    assert "[signature INVALID]" in second
    assert listener.returncode == 0
    assert "Stopped after 2 deliveries." in listener.stderr.read()


def test_the_cli_reads_a_queued_calls_state_and_content(tenant: Tenant, tmp_path):
    with sdk_client(tenant) as client:
        number = client.customers.create(CUSTOMER)
        call = client.background("GET", f"v1/customer/{number}")
    runner = CliRunner()
    options = ["--base-url", BASE_URL, "--token", tenant.token, "--company", str(tenant.company_id)]
    obj = {"transport": app_transport(tenant.client)}
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "NETTFIN_TOKEN": None, "NETTFIN_BASE_URL": None}

    state = runner.invoke(cli, ["background", "get", call.id, "--wait", "-o", "json", *options], obj=obj, env=env)
    content = runner.invoke(cli, ["background", "content", call.id, *options], obj=obj, env=env)  # after --wait
    missing = runner.invoke(cli, ["background", "get", "00000000-0000-0000-0000-000000000000", *options], obj=obj)

    assert state.exit_code == 0, state.stderr
    assert (json.loads(state.stdout)["status"], json.loads(state.stdout)["statusCode"]) == ("Finished", 200)
    assert content.exit_code == 0, content.stderr
    assert json.loads(content.stdout)["number"] == number
    assert missing.exit_code == 1 and "404 NotFound" in missing.stderr
