"""A web shop's Visma.net integration, as a user of nettfin would have one: it keeps the shop's customers in
Visma.net and books each order as a customer invoice. It talks plain HTTP (httpx2) with a Visma Connect token."""

from __future__ import annotations

import time

import httpx2

RETRYABLE = {429, 500, 502, 503, 504}


class Visma:
    def __init__(self, base_url: str, client_id: str, client_secret: str, tenant_id: str) -> None:
        self.base_url = base_url
        form = {
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": client_secret,
            "tenant_id": tenant_id,
            "scope": "vismanet_erp_service_api:read vismanet_erp_service_api:create vismanet_erp_service_api:update",
        }
        self._token_request = (f"{base_url}/connect/token", form)
        self.http = httpx2.Client(base_url=base_url, timeout=30)
        self.sign_ins = 0
        self._sign_in()

    def _sign_in(self) -> None:
        url, form = self._token_request
        token = httpx2.post(url, data=form).raise_for_status().json()["access_token"]
        self.http.headers["Authorization"] = f"Bearer {token}"
        self.sign_ins += 1

    def get(self, path: str, **params) -> list | dict:
        """A read, tried again once after a throttled or failed answer (after its Retry-After, at most 2 s), or
        with a new token when the one it holds has expired."""
        response = self.http.get(path, params=params)
        if response.status_code == 401:
            self._sign_in()
            response = self.http.get(path, params=params)
        elif response.status_code in RETRYABLE:
            time.sleep(min(float(response.headers.get("Retry-After", "0.1")), 2.0))
            response = self.http.get(path, params=params)
        return response.raise_for_status().json()

    def customer_number(self, name: str) -> str:
        """The customer with this name, created when there is none (so a create whose answer was lost is not made
        twice: the next try finds it)."""
        page = self.get("/v1/customer", pageSize=1000)
        for customer in page:
            if customer["name"] == name:
                return customer["number"]
        created = self.http.post("/v1/customer", json={"name": {"value": name}}).raise_for_status()
        return created.headers["Location"].rsplit("/", 1)[-1]

    def book_order(self, customer_name: str, lines: list[tuple[str, int]]) -> str:
        """A customer invoice for the order (inventory number, quantity per line); its reference number."""
        body = {
            "customerNumber": {"value": self.customer_number(customer_name)},
            "invoiceLines": [
                {"operation": "Insert", "inventoryNumber": {"value": item}, "quantity": {"value": quantity}}
                for item, quantity in lines
            ],
        }
        created = self.http.post("/v1/customerinvoice", json=body).raise_for_status()
        return created.headers["Location"].rsplit("/", 1)[-1]

    def customer_count(self) -> int:
        return len(self.get("/v1/customer", pageSize=1000))
