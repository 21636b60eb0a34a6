"""A small client of nettfin's admin API (`/admin/api`): what the pytest plugin, `faults()` and `calls()` use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx2


class AdminApiError(RuntimeError):
    """The admin API refused a request: its status and the message of its error body (a bad field or filter
    named; 401/403: the admin key)."""

    def __init__(self, method: str, path: str, status_code: int, message: str) -> None:
        super().__init__(f"{method} /admin/api{path} answered {status_code}: {message}")
        self.status_code, self.message = status_code, message


def checked(response: Any, method: str, path: str, *, missing_ok: bool = False) -> Any:
    """The response, or `AdminApiError` when it is an error (a 404 too, unless `missing_ok`)."""
    if response.status_code < 400 or (missing_ok and response.status_code == 404):
        return response
    try:
        body = response.json()
    except ValueError:
        body = response.text[:500]
    message = body.get("message") or body.get("ExceptionMessage") or body if isinstance(body, dict) else body
    raise AdminApiError(method, path, response.status_code, str(message))


@dataclass(frozen=True)
class Company:
    """A company made for a test: how to reach it as the integration under test would."""

    base_url: str  # the server, e.g. http://127.0.0.1:PORT (the current surface: /v1/...)
    company_id: int
    company_name: str
    tenant_id: str  # Visma Connect's tenant_id: a client-credentials token request names it
    client_id: str  # the company's own Connect service application, approved by it
    client_secret: str
    token: str  # a development token (legacy surface: Authorization: Bearer + ipp-company-id)
    user: str
    template: str

    @property
    def legacy_url(self) -> str:
        """The legacy surface's base, as the SDK takes it (`.../API`)."""
        return f"{self.base_url}/API"

    @property
    def legacy_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", "ipp-company-id": str(self.company_id)}


class AdminClient:
    """`request(method, path, params=, json=)` relative to `/admin/api`, with the server's admin key, answers the
    response as it is; the other methods raise `AdminApiError` for an error answer."""

    def __init__(self, base_url: str, key: str, *, timeout: float = 60.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx2.Client(
            base_url=f"{self.base_url}/admin/api", headers={"Authorization": f"Bearer {key}"}, timeout=timeout
        )

    def request(
        self, method: str, path: str, params: dict[str, Any] | None = None, json: Any = None
    ) -> httpx2.Response:
        return self._http.request(method, path, params=params, json=json)

    def _checked(self, method: str, path: str, json: Any = None) -> httpx2.Response:
        return checked(self.request(method, path, json=json), method, path)

    def clone(self, template: str = "demo", **options: Any) -> Company:
        """A new company copied from the template (`name=`, `tenantId=`, `applications=[client ids]`)."""
        made = self._checked("POST", "/companies", {"template": template, **options}).json()
        return Company(
            base_url=self.base_url,
            company_id=made["companyId"],
            company_name=made["companyName"],
            tenant_id=made["tenantId"],
            client_id=made["clientId"],
            client_secret=made["clientSecret"],
            token=made["token"],
            user=made["user"],
            template=made["template"],
        )

    def delete_company(self, company_id: int) -> None:
        self._checked("DELETE", f"/companies/{company_id}")

    def snapshot(self, name: str, company_id: int, *, replace: bool = False, description: str = "") -> dict:
        body = {"name": name, "companyId": company_id, "replace": replace, "description": description}
        return self._checked("POST", "/templates", body).json()

    def templates(self) -> list[dict]:
        return self._checked("GET", "/templates").json()

    def close(self) -> None:
        self._http.close()
