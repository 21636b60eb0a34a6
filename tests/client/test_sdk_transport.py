"""nettfin.client against scripted answers (`httpx2.MockTransport`): throttling, retries, pacing, every error
shape the service sends, paging guards, attachments and actions. No database: what is tested is the SDK's own
behaviour when a server answers this way."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import httpx2
import pytest

from nettfin.client import (
    CLEAR,
    ApiError,
    Client,
    Conflict,
    Forbidden,
    Holder,
    Line,
    NotFound,
    PagingError,
    Plain,
    Resource,
    ResourceSpec,
    RetryPolicy,
    Throttled,
    TransportError,
    Unauthorized,
    Update,
    ValidationError,
    segments,
)

VISMA_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"


class Script:
    """A server that answers from a list (the last answer repeats), recording each request and each wait."""

    def __init__(self, *answers: httpx2.Response | Exception | Callable[[httpx2.Request], httpx2.Response]) -> None:
        self.answers = list(answers)
        self.requests: list[httpx2.Request] = []
        self.waits: list[float] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        request.read()
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer(request) if callable(answer) else answer

    def client(self, **policy) -> Client:
        retry = RetryPolicy(sleep=self.waits.append, **policy)
        return Client("https://erp.example/API", "t0k3n", 17, transport=httpx2.MockTransport(self), retry=retry)


def ok(body=None, status: int = 200, **headers) -> httpx2.Response:
    return httpx2.Response(status, json=body if body is not None else [], headers=headers)


def visma_error(status: int, text: str, **headers) -> httpx2.Response:
    return httpx2.Response(status, json={"message": f"VismaId: {VISMA_ID}. {text}"}, headers=headers)


def customers(*numbers: str, total: int | None = None) -> list[dict]:
    metadata = {"totalCount": total, "maxPageSize": 1000} if total is not None else None
    return [{"number": n, "name": f"Customer {n}", **({"metadata": metadata} if metadata else {})} for n in numbers]


# --- requests as the service expects them ------------------------------------------------------------------


def test_every_request_carries_the_token_the_company_and_json_accept_headers():
    script = Script(ok(customers("1", total=1)))
    with script.client() as client:
        client.customers.list()
    request = script.requests[0]
    assert str(request.url) == "https://erp.example/API/controller/api/v1/customer?pageNumber=1&pageSize=1000"
    assert request.headers["Authorization"] == "Bearer t0k3n"
    assert request.headers["ipp-company-id"] == "17"
    assert request.headers["Accept"] == "application/json"
    assert request.headers["ipp-application-type"] == "Visma.net Financials"


def test_the_current_surface_has_no_controller_prefix():
    answers = httpx2.MockTransport(lambda request: ok(customers("1", total=1)))
    with Client("https://api.finance.visma.net", "t", 1, transport=answers) as client:
        record = client.customers.list()[0]
    assert record.number == "1"
    assert record.raw["name"] == "Customer 1"


def test_write_bodies_keep_decimals_exact_and_wrap_every_value():
    script = Script(httpx2.Response(201, headers={"Location": "https://erp.example/API/controller/api/v1/customer/X"}))
    with script.client() as client:
        client.customers.create(Update(creditLimit=Decimal("99999999999999.9999"), name="Ø AS"))
    sent = script.requests[0]
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.content.decode() == '{"creditLimit":{"value":99999999999999.9999},"name":{"value":"Ø AS"}}'


def test_filters_become_query_parameters_with_conditions_lists_and_booleans():
    script = Script(ok([]))
    oslo = timezone(timedelta(hours=2))
    with script.client() as client:
        client.inventory_items.list(
            last_modified_date_time=(">=", datetime(2024, 5, 1, 14, 30, 0, 250000, tzinfo=oslo)),
            inventoryTypes=["NonStockItem", "ServiceItem"],
            expand_note=False,
            page_number=3,
            page_size=50,
        )
    params = list(script.requests[0].url.params.multi_items())
    assert params == [
        ("lastModifiedDateTime", "2024-05-01T12:30:00.250"),  # UTC, one of the service's five formats
        ("lastModifiedDateTimeCondition", ">="),
        ("inventoryTypes", "NonStockItem"),
        ("inventoryTypes", "ServiceItem"),
        ("expandNote", "false"),
        ("pageNumber", "3"),
        ("pageSize", "50"),
    ]


def test_create_returns_the_key_from_location_decoding_b64_and_percent_encoding():
    location = "https://erp.example/API/controller/api/v1/customer/b64(Sy8xIMO4)"
    encoded = "https://erp.example/API/controller/api/v1/customer/A%20B"
    script = Script(
        httpx2.Response(201, headers={"Location": location}), httpx2.Response(201, headers={"Location": encoded})
    )
    with script.client() as client:
        assert client.customers.create({}) == "K/1 ø"
        assert client.customers.create({}) == "A B"


# --- throttling and retries -------------------------------------------------------------------------------


def test_a_429_is_waited_out_as_retry_after_says_and_the_request_repeated():
    script = Script(visma_error(429, "Too many requests.", **{"Retry-After": "7"}), ok(customers("1", total=1)))
    with script.client() as client:
        assert [c.number for c in client.customers.list()] == ["1"]
    assert script.waits == [7.0]
    assert len(script.requests) == 2


def test_a_throttled_write_is_repeated_because_it_was_not_executed():
    created = httpx2.Response(201, headers={"Location": "https://erp.example/API/controller/api/v1/customer/10001"})
    script = Script(visma_error(429, "Too many requests.", **{"Retry-After": "1"}), created)
    with script.client() as client:
        assert client.customers.create(Update(name="A")) == "10001"
    assert [r.method for r in script.requests] == ["POST", "POST"]


def test_a_429_asking_for_a_longer_wait_than_allowed_raises_throttled_at_once():
    answer = visma_error(
        429,
        "Too many requests.",
        **{"Retry-After": "1800", "X-RateLimit-Limit": "500", "X-RateLimit-Policy": "IntervalLimit"},
    )
    script = Script(answer)
    with script.client(max_retry_after=60) as client, pytest.raises(Throttled) as raised:
        client.customers.list()
    assert (raised.value.retry_after, raised.value.limit, raised.value.policy) == (1800, 500, "IntervalLimit")
    assert raised.value.visma_id == VISMA_ID
    assert script.waits == [] and len(script.requests) == 1


def test_retry_after_as_an_http_date_is_understood():
    later = "Wed, 21 Oct 2026 07:28:05 GMT"
    now = "Wed, 21 Oct 2026 07:28:00 GMT"
    script = Script(httpx2.Response(429, headers={"Retry-After": later, "Date": now}), ok([]))
    with script.client() as client:
        client.customers.list()
    assert script.waits == [5.0]


def test_a_5xx_on_a_read_is_retried_with_growing_backoff():
    script = Script(httpx2.Response(503), httpx2.Response(502), ok(customers("1", total=1)))
    with script.client(backoff=1.0) as client:
        assert len(client.customers.list()) == 1
    first, second = script.waits
    assert 0.5 <= first <= 1.0 and 1.0 <= second <= 2.0


def test_a_5xx_on_a_write_is_not_retried():
    script = Script(visma_error(500, "An error has occurred."))
    with script.client() as client, pytest.raises(ApiError) as raised:
        client.customers.update("10001", Update(name="A"))
    assert raised.value.status == 500 and raised.value.message == "An error has occurred."
    assert len(script.requests) == 1 and script.waits == []


def test_retries_stop_after_the_policys_count():
    script = Script(httpx2.Response(503))
    with script.client(retries=2) as client, pytest.raises(ApiError) as raised:
        client.customers.list()
    assert raised.value.status == 503
    assert len(script.requests) == 3 and len(script.waits) == 2


def test_a_refused_connection_is_retried_even_for_a_write_because_nothing_was_sent():
    created = httpx2.Response(201, headers={"Location": "https://erp.example/API/controller/api/v1/customer/1"})
    script = Script(httpx2.ConnectError("refused"), created)
    with script.client() as client:
        assert client.customers.create(Update(name="A")) == "1"
    assert len(script.requests) == 2


def test_a_timeout_after_sending_a_write_is_raised_not_retried():
    script = Script(httpx2.ReadTimeout("slow"))
    with script.client() as client, pytest.raises(TransportError) as raised:
        client.customers.create(Update(name="A"))
    assert isinstance(raised.value.__cause__, httpx2.ReadTimeout)
    assert len(script.requests) == 1


def test_a_timeout_on_a_read_is_retried():
    script = Script(httpx2.ReadTimeout("slow"), ok(customers("1", total=1)))
    with script.client() as client:
        assert len(client.customers.list()) == 1
    assert len(script.requests) == 2


def test_few_calls_left_in_the_window_space_the_next_requests_out():
    # APIM style: X-RateLimit-Reset is the seconds left; 4 calls left in 100 seconds -> one call every 20.
    low = ok(customers("1", total=1), **{"X-RateLimit-Remaining": "4", "X-RateLimit-Reset": "100"})
    script = Script(low)
    with script.client(slow_down_below=10) as client:
        client.customers.list()
        client.customers.list()
    assert len(script.waits) == 1 and 19 <= script.waits[0] <= 20


def test_plenty_of_calls_left_means_no_waiting():
    plenty = ok(
        [], **{"X-RateLimit-Remaining": "14000", "X-RateLimit-Reset": str(int(datetime.now(UTC).timestamp()) + 60)}
    )
    script = Script(plenty)
    with script.client() as client:
        client.customers.list()
        client.customers.list()
    assert script.waits == []


# --- the error tree ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "kind", "message", "fault_code"),
    [
        (visma_error(404, "Customer 'X' not found."), NotFound, "Customer 'X' not found.", None),
        (
            visma_error(400, "Error inserting the customer. Error: ...\r\nError: 'Customer name' cannot be empty.\r\n"),
            ValidationError,
            "Error inserting the customer. Error: ...\r\nError: 'Customer name' cannot be empty.",
            None,
        ),
        (
            httpx2.Response(
                400,
                json={
                    "ExceptionType": "IPPException",
                    "ExceptionMessage": "",
                    "ExceptionFaultCode": "12002",
                    "ExceptionMessageID": f"12002_12002_{VISMA_ID}",
                    "ExceptionDetails": "",
                },
            ),
            Forbidden,
            "",
            "12002",
        ),
        (
            httpx2.Response(401, json={"Message": "Authorization has been denied for this request."}),
            Unauthorized,
            "Authorization has been denied for this request.",
            None,
        ),
        (httpx2.Response(412), Conflict, "", None),
        (httpx2.Response(502, text="<html>Bad gateway</html>"), ApiError, "<html>Bad gateway</html>", None),
    ],
    ids=["404", "400", "ipp-12002", "aspnet-401", "412-empty", "502-html"],
)
def test_every_error_shape_becomes_its_error(answer, kind, message, fault_code):
    script = Script(answer)
    with script.client(retries=0) as client, pytest.raises(kind) as raised:
        client.customers.get("X")
    error = raised.value
    assert type(error) is kind
    assert (error.status, error.message.strip(), error.fault_code) == (answer.status_code, message.strip(), fault_code)
    assert error.method == "GET" and error.url.endswith("/v1/customer/X")


def test_validation_problems_are_each_error_line():
    text = (
        "Error inserting the customer. Error: Inserting 'Customer' record raised at least one error. Please review "
        "the errors.\r\nError: 'Customer name' cannot be empty.\r\nError: Terms 'TT' cannot be found in the system.\r\n"
    )
    script = Script(visma_error(400, text))
    with script.client() as client, pytest.raises(ValidationError) as raised:
        client.customers.create(Update(name=CLEAR))
    assert raised.value.problems == ["'Customer name' cannot be empty.", "Terms 'TT' cannot be found in the system."]
    assert raised.value.visma_id == VISMA_ID


# --- paging guards ----------------------------------------------------------------------------------------


def test_a_server_that_ignores_page_number_raises_paging_error_instead_of_looping():
    script = Script(ok(customers("1", "2", total=1000)))
    with script.client() as client, pytest.raises(PagingError, match="ignores pageNumber"):
        list(client.customers.iterate(page_size=2))
    assert len(script.requests) == 2


def test_pages_without_metadata_are_read_until_an_empty_page():
    script = Script(ok(customers("1", "2")), ok(customers("3")), ok([]))
    with script.client() as client:
        assert [c.number for c in client.customers.iterate(page_size=2)] == ["1", "2", "3"]
    assert [r.url.params["pageNumber"] for r in script.requests] == ["1", "2", "3"]


def test_max_pages_bounds_a_crawl():
    def page(request: httpx2.Request) -> httpx2.Response:
        number = int(request.url.params["pageNumber"])
        return ok(customers(f"{number}a", f"{number}b", total=10_000))

    script = Script(page)
    with script.client() as client:
        assert len(list(client.customers.iterate(page_size=2, max_pages=3))) == 6
    assert len(script.requests) == 3


def test_a_page_size_above_the_maximum_is_clamped_by_the_server_and_the_crawl_still_completes():
    """The server serves pages of its maxPageSize (2) while the client asks for 5: the crawl counts what it
    received against totalCount, so it neither stops early nor asks for pages past the end."""
    rows = [f"{n:03d}" for n in range(1, 6)]

    def page(request: httpx2.Request) -> httpx2.Response:
        number = int(request.url.params["pageNumber"])
        chunk = rows[(number - 1) * 2 : number * 2]
        return ok([{**row, "metadata": {"totalCount": 5, "maxPageSize": 2}} for row in customers(*chunk)])

    script = Script(page)
    with script.client() as client:
        assert [c.number for c in client.customers.iterate(page_size=5, concurrency=4)] == rows
    assert sorted(r.url.params["pageNumber"] for r in script.requests) == ["1", "2", "3"]
    assert {r.url.params["pageSize"] for r in script.requests} == {"5"}


# --- attachments and actions ------------------------------------------------------------------------------


def _multipart_file(request: httpx2.Request) -> tuple[str, str, bytes]:
    boundary = request.headers["Content-Type"].split("boundary=")[1].encode()
    part = request.content.split(b"--" + boundary)[1]
    head, _, body = part.partition(b"\r\n\r\n")
    disposition = [line for line in head.decode().splitlines() if line.lower().startswith("content-disposition")][0]
    return disposition, head.decode(), body.removesuffix(b"\r\n")


def test_an_attachment_is_posted_as_one_multipart_file_part_and_its_id_returned(tmp_path):
    invoice = tmp_path / "faktura 17.pdf"
    invoice.write_bytes(b"%PDF-1.7 \x00\x01 fake")
    guid = "9a2f0c4e-1b7d-4c8a-9e55-4a1f2b3c4d5e"
    script = Script(
        httpx2.Response(201, headers={"Location": f"https://erp.example/API/controller/api/v1/attachment/{guid}"})
    )
    with script.client() as client:
        assert client.upload_attachment("supplierInvoice", "000123", invoice, line_number=2) == guid
    request = script.requests[0]
    assert request.method == "POST"
    assert request.url.path == "/API/controller/api/v1/supplierInvoice/000123/2/attachment"
    disposition, head, body = _multipart_file(request)
    assert 'name="file"' in disposition and 'filename="faktura 17.pdf"' in disposition
    assert "application/pdf" in head
    assert body == b"%PDF-1.7 \x00\x01 fake"


def test_an_attachment_from_a_file_object_is_streamed_not_read_first():
    class OnlyStreamed(io.BytesIO):
        def read(self, size=-1):
            assert size != -1 and size is not None, "the whole file was read at once"
            return super().read(size)

    script = Script(httpx2.Response(201))
    with script.client() as client:
        client.upload_attachment("v1/customerinvoice", "A/1", OnlyStreamed(b"x" * 200_000), filename="big.bin")
    assert script.requests[0].url.path.endswith("/v1/customerinvoice/b64(QS8x)/attachment")
    assert _multipart_file(script.requests[0])[2] == b"x" * 200_000


def test_an_attachment_throttled_with_429_is_sent_again_whole():
    """A 429 means the upload was not taken: the retry sends the file from its first byte, not what is left."""
    guid = "5d0c2a1e-8f3b-4a7c-9e21-6b4f0d3c2a10"
    script = Script(
        visma_error(429, "API rate limit exceeded.", **{"Retry-After": "1"}),
        httpx2.Response(201, headers={"Location": f"https://erp.example/API/controller/api/v1/attachment/{guid}"}),
    )
    with script.client() as client:
        assert (
            client.upload_attachment("supplierInvoice", "000123", io.BytesIO(b"%PDF whole"), filename="a.pdf") == guid
        )
    assert [_multipart_file(request)[2] for request in script.requests] == [b"%PDF whole", b"%PDF whole"]
    assert script.waits == [1.0]


def test_a_resource_row_with_actions_gets_a_method_per_action():
    """The resource layer's promise: a new resource is one row; its actions become methods."""
    row = ResourceSpec(
        "supplier_invoices", "v1/supplierInvoice", "referenceNumber", None, frozenset({"get"}), actions=("release",)
    )
    result = {"actionId": "4b1e", "actionResult": "Queued", "errorInfo": None}
    script = Script(ok(result))
    with script.client() as client:
        invoices = Resource(client, row)
        done = invoices.release(("Invoice", "000123"))
    assert (done.action_id, done.action_result) == ("4b1e", "Queued")
    assert script.requests[0].url.path == "/API/controller/api/v1/supplierInvoice/Invoice/000123/action/release"


def test_operations_a_resource_does_not_have_fail_before_any_request():
    script = Script(ok([]))
    with script.client() as client, pytest.raises(Exception, match="vat_zones cannot be created"):
        client.vat_zones.create(Update(description="x"))
    assert script.requests == []


# --- the update builder -----------------------------------------------------------------------------------


def test_the_update_builder_wraps_values_and_leaves_out_what_was_not_given():
    body = Update(
        name="Acme AS",
        status=None,
        note=CLEAR,
        overrideWithClassValues=True,
        documentDate=datetime(2025, 1, 27, 9, 0, tzinfo=UTC),
        mainAddress={"addressLine1": "Storgata 5", "countryId": "NO", "county": None},
        contact=Holder(firstName="Kari", lastName="Nordmann"),
        invoiceLines=[
            Line.insert(inventoryNumber="X1", quantity=Decimal("2.5"), subaccount=segments("10", "100")),
            Line.update(1, quantity=3),
            Line.delete(2),
        ],
        timeStamp="AAAAAAAAAAE=",
        directDebitLines=[{"id": Plain(4), "iban": "NO9386011117947"}],
    ).to_wire()
    assert body == {
        "name": {"value": "Acme AS"},
        "note": {"value": None},
        "overrideWithClassValues": True,
        "documentDate": {"value": "2025-01-27T09:00:00"},
        "mainAddress": {"value": {"addressLine1": {"value": "Storgata 5"}, "countryId": {"value": "NO"}}},
        "contact": {"firstName": {"value": "Kari"}, "lastName": {"value": "Nordmann"}},
        "invoiceLines": [
            {
                "operation": "Insert",
                "inventoryNumber": {"value": "X1"},
                "quantity": {"value": Decimal("2.5")},
                "subaccount": [{"segmentId": 1, "segmentValue": "10"}, {"segmentId": 2, "segmentValue": "100"}],
            },
            {"operation": "Update", "lineNumber": {"value": 1}, "quantity": {"value": 3}},
            {"operation": "Delete", "lineNumber": {"value": 2}},
        ],
        "timeStamp": "AAAAAAAAAAE=",
        "directDebitLines": [{"id": 4, "iban": {"value": "NO9386011117947"}}],
    }


def test_set_returns_a_new_builder_with_more_fields():
    base = Update(name="A")
    more = base.set(status="Inactive", name=None)
    assert base.to_wire() == {"name": {"value": "A"}}
    assert more.to_wire() == {"name": {"value": "A"}, "status": {"value": "Inactive"}}
    assert json.loads(json.dumps(more.to_wire())) == more.to_wire()
