"""`nettfin admin webhooks`: subscribe a Connect application, list, read the delivery log, remove."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from nettfin.cli.main import app
from tests.cli.test_cli_admin import run

runner = CliRunner()


def test_an_application_is_subscribed_listed_and_unsubscribed_and_its_key_is_shown_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'hooks.db'}"
    run("admin", "app", "create", "Fjord Sync", database_url=url)

    added = run(
        "admin",
        "webhooks",
        "add",
        "isv_fjord-sync",
        "--url",
        "https://fjord.example/hooks",
        "--event",
        "BACKGROUND_API_RESPONSE",
        database_url=url,
    )
    subscription_id = added.split("\t", 1)[0]
    key = re.search(r"signing key:\s+(\S+)", added).group(1)
    listed = run("admin", "webhooks", "list", "isv_fjord-sync", database_url=url)
    deliveries = run("admin", "webhooks", "deliveries", subscription_id, database_url=url)
    removed = run("admin", "webhooks", "remove", subscription_id, database_url=url)

    assert len(key) >= 40
    assert listed.startswith(subscription_id)
    assert "Visma net\tBACKGROUND_API_RESPONSE\tevery company\thttps://fjord.example/hooks" in listed
    assert key not in listed
    assert deliveries == ""
    assert removed == f"subscription {subscription_id} is removed"
    assert run("admin", "webhooks", "list", database_url=url) == ""


def test_plain_http_to_another_machine_is_refused_naming_the_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'hooks.db'}"
    run("admin", "app", "create", "Fjord Sync", database_url=url)

    result = runner.invoke(
        app,
        [
            "admin",
            "webhooks",
            "add",
            "isv_fjord-sync",
            "--url",
            "http://fjord.example/hooks",
            "--event",
            "BACKGROUND_API_RESPONSE",
            "--database-url",
            url,
        ],
    )

    assert result.exit_code != 0
    assert "http://fjord.example/hooks" in result.output
    assert "https" in result.output
