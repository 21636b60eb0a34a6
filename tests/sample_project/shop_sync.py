"""A web shop's Visma.net integration, as a user of nettfin would have one: it keeps the shop's customers in
Visma.net and books each order as a customer invoice. It talks plain HTTP (httpx2) with a Visma Connect token."""

from __future__ import annotations

import httpx2


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
        token = httpx2.post(f"{base_url}/connect/token", data=form).raise_for_status().json()["access_token"]
        self.http = httpx2.Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30)

    def customer_number(self, name: str) -> str:
        """The customer with this name, created when there is none."""
        page = self.http.get("/v1/customer", params={"pageSize": 1000}).raise_for_status().json()
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
        return len(self.http.get("/v1/customer", params={"pageSize": 1000}).raise_for_status().json())
