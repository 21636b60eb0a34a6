"""The `erp-api-background` request header: what to do with the call, and whom to tell when it is done.

subscription                  queue it; notify the application's BACKGROUND_API_RESPONSE subscription
subscription:<h1>=<v1>,...    the same, the pairs sent as extra headers of the notification
none                          queue it; notify nobody (poll the state)
<absolute URL>                the legacy form: the notification is POSTed to that URL
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..kit.errors import BusinessError

HEADER = "erp-api-background"
NONE = "none"
SUBSCRIPTION = "subscription"
_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")  # an HTTP header name (RFC 9110 token)
_ACCEPTED = (
    "Accepted values: 'subscription', 'subscription:<header>=<value>,...', 'none', or an absolute https URL "
    "(http only for localhost)."
)


@dataclass(frozen=True)
class Notify:
    address: str  # "none", "subscription" or a URL
    headers: dict[str, str] = field(default_factory=dict)


def parse(raw: str) -> Notify:
    value = raw.strip()
    lowered = value.lower()
    if lowered == NONE:
        return Notify(NONE)
    if lowered == SUBSCRIPTION:
        return Notify(SUBSCRIPTION)
    if lowered.startswith(SUBSCRIPTION + ":"):
        return Notify(SUBSCRIPTION, _pairs(value[len(SUBSCRIPTION) + 1 :]))
    if lowered.startswith(("http://", "https://")):
        return Notify(check_webhook_url(value, what=f"The header '{HEADER}'"))
    raise BusinessError(f"Invalid header '{HEADER}': '{value}' is not a background mode. {_ACCEPTED}")


def _pairs(text: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for part in text.split(","):
        name, equals, value = part.partition("=")
        name = name.strip()
        if not equals or not _TOKEN.match(name):
            raise BusinessError(
                f"Invalid header '{HEADER}': '{part.strip()}' is not a <header>=<value> pair (a header name is "
                f"letters, digits and -, followed by = and the value). {_ACCEPTED}"
            )
        pairs[name] = value.strip()
    return pairs


def check_webhook_url(url: str, *, what: str) -> str:
    """An absolute https URL, or http to this machine (loopback) for local receivers."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BusinessError(f"{what}: '{url}' is not an absolute http(s) URL. {_ACCEPTED}")
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise BusinessError(
            f"{what}: '{url}' is plain http to another machine; webhooks go to https URLs (http is accepted for "
            "localhost, 127.0.0.1 and ::1 only)."
        )
    return url


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
