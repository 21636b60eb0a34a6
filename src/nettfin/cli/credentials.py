"""The CLI's saved login: base URL, token, refresh token, OAuth client and company, in one JSON file under the
user's config directory (`$XDG_CONFIG_HOME/nettfin` or `~/.config/nettfin`), readable by the user only.

A Visma Connect login adds `flow` (`client_credentials` or `authorization_code`), the `issuer`, the `tenant_id`
and `scope` asked for, and when the token expires (`expires_at`, epoch seconds); a legacy login leaves them out."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

FILE_NAME = "credentials.json"


@dataclass(frozen=True)
class Credentials:
    base_url: str | None = None
    token: str | None = None
    refresh_token: str | None = None
    company_id: int | None = None
    client_id: str | None = None
    client_secret: str | None = None
    flow: str | None = None
    issuer: str | None = None
    tenant_id: str | None = None
    scope: str | None = None
    expires_at: float | None = None

    def updated(self, **changes) -> Credentials:
        return replace(self, **changes)


def config_dir() -> Path:
    root = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(root) / "nettfin"


def credentials_path() -> Path:
    return config_dir() / FILE_NAME


def load() -> Credentials:
    path = credentials_path()
    if not path.is_file():
        return Credentials()
    data = json.loads(path.read_text(encoding="utf-8"))
    known = {field.name for field in fields(Credentials)}
    return Credentials(**{key: value for key, value in data.items() if key in known})


def save(credentials: Credentials) -> Path:
    """Writes the file with mode 0600 (and its directory 0700) before any secret goes into it."""
    directory = config_dir()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = directory / FILE_NAME
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    # O_CREAT's mode does not apply to an existing file, nor escape the umask: set it explicitly.
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(_saved_fields(credentials), handle, indent=2)
    return path


def _saved_fields(credentials: Credentials) -> dict:
    """Every field of a legacy login (as before Connect), and the Connect fields only when they have a value."""
    connect = ("flow", "issuer", "tenant_id", "scope", "expires_at")
    return {key: value for key, value in asdict(credentials).items() if key not in connect or value is not None}


def forget() -> bool:
    path = credentials_path()
    if path.exists():
        path.unlink()
        return True
    return False
