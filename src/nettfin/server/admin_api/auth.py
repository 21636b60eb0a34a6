"""The admin API's key check: `Authorization: Bearer <key>` against the `admin_api_key` setting
(NETTFIN_ADMIN_API_KEY). Unset, the admin API is off: every route answers 403 and says how to turn it on. A
missing or wrong key answers 401 with `WWW-Authenticate: Bearer`. The comparison takes the same time whatever the
key sent, so its answer leaks nothing about the key."""

from __future__ import annotations

import hmac

from fastapi import Request

from ..kit.errors import ApiError

ENV = "NETTFIN_ADMIN_API_KEY"


class AdminApiOff(ApiError):
    status_code = 403


class AdminKeyRefused(ApiError):
    status_code = 401

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": "Bearer"}


def admin_key(request: Request) -> None:
    """The dependency every admin API route takes."""
    expected = request.app.state.settings.admin_api_key
    if not expected:
        raise AdminApiOff(
            f"The admin API is off on this server. Set {ENV} to a secret key in the server's environment and "
            "restart it, then send 'Authorization: Bearer <that key>'."
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    given = given.strip()
    if scheme.lower() != "bearer" or not given:
        raise AdminKeyRefused(f"The admin API needs 'Authorization: Bearer <key>' with the server's {ENV}.")
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise AdminKeyRefused(f"The admin API key is wrong: send the server's {ENV} as 'Authorization: Bearer <key>'.")
