"""What the application holds for Visma Connect (`app.state.connect`): the keys, the token validator and the
authorization server, the sweeper of expired records, and the issuer URL a request is answered with."""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request

from ...db.clock import Clock
from ...db.engine import Database
from .keys import KeyRing
from .server import ConnectAuthorizationServer
from .sweep import Sweeper
from .tokens import TokenValidator


class ConnectProvider:
    def __init__(self, db: Database, *, public_url: str = "") -> None:
        self.public_url = public_url.rstrip("/")
        self.keys = KeyRing(db)
        self.validator = TokenValidator(db, self.keys)
        self.server = ConnectAuthorizationServer(db, self.keys)
        self.sweeper = Sweeper(db)

    def use_company_clocks(self, company_clock: Callable[[int], Clock | None]) -> None:
        """Tokens for a company whose clock a test moved are issued at, and expire by, its time (db/clock.py)."""
        self.validator.company_clock = self.server.company_clock = company_clock

    def issuer(self, request: Request) -> str:
        """This server's address as the client reached it (or NETTFIN_PUBLIC_URL when set): the issuer of its
        tokens and, since the one server is also the API, their audience."""
        if self.public_url:
            return self.public_url
        return str(request.base_url).rstrip("/")
