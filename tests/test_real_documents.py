"""nettfin's answers held to reality: every GET nettfin serves, validated against the real Visma.net OpenAPI
documents with nulls forbidden, and the responses captured from the real service compared key by key.

The real documents mark no property nullable and the real service leaves a property without a value out of
its bodies (../shared/reference/external-responses/sources.md), so a `null` anywhere fails here, as does a
property the real DTO does not declare (objects are closed). A difference nettfin keeps on purpose is listed
in DECISIONS with its reason and is an expected failure (strict: the day it passes, the list must shrink);
docs/compatibility.md records the same decisions.
"""

from __future__ import annotations

import json
import re
import time
from contextlib import ExitStack
from functools import cache
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from nettfin.server.app import CONTROLLER_ROUTERS, LEGACY_PREFIX
from tests.attachment_factories import PDF, webclient_upload
from tests.demo_keys import DEMO_KEYS
from tests.party_factories import seeded_demo
from tests.server.purchasing.test_purchase_order_article import ARTICLE_POST
from tests.test_visma_contract import FORMATS, REFERENCE

DOCUMENT_FOLDERS = (REFERENCE / "visma-openapi", REFERENCE / "visma-openapi-more")
CAPTURED = REFERENCE / "external-responses"
LIST_PAGE_SIZE = 25
# Query parameters a served GET needs before it answers 200 with the demo company's data.
QUERIES: dict[str, dict[str, str]] = {
    "/v1/timeCard": {"week": "201946"},
    "/v2/journaltransaction": {"periodId": "201911"},
    "/v1/GeneralLedgerTransactions": {"ledger": "ACTUAL"},
    "/v2/generalLedgerBalance": {"periodId": "201911"},
    "/v1/blob/presignedurl": {"blobId": "{blobId}", "includeMetadata": "true"},
    "/v1/budget": {"branch": "1", "ledger": "BUDGET", "financialYear": "2020"},
    "/v2/supplier/balance": {"fromFinPeriod": "201901", "toFinPeriod": "203012"},
    "/v2/customer/balance": {"fromFinPeriod": "201901", "toFinPeriod": "203012"},
    "/v1/supplierInvoice/approval": {"systemId": "{systemId}"},
}
# Differences nettfin keeps on purpose, by "METHOD path" of the real document: the reason is the decision.
DECISIONS: dict[str, str] = {
    "GET /v1/attachment/{attachmentId}": (
        "the document says a JSON object; the service answers with the file's bytes and its content type "
        "(reference 3.17), and so does nettfin"
    ),
    "GET /v1/PurchaseReceipt/{receiptNumber}/print": (
        "the document says a JSON object; the service's print reports answer with the report's file, and nettfin "
        "answers with a PDF of the receipt"
    ),
    "GET /v1/customerinvoice/{refNbr}/print": (
        "the document says a JSON object; the service's print reports answer with the report's file, and nettfin "
        "answers with a PDF of the invoice"
    ),
    "GET /v1/customerCreditNote/{creditNoteNumber}/print": (
        "the document says a JSON object; the service's print reports answer with the report's file, and nettfin "
        "answers with a PDF of the credit note"
    ),
    "GET /v1/customerDebitNote/{debitNoteNumber}/print": (
        "the document says a JSON object; the service's print reports answer with the report's file, and nettfin "
        "answers with a PDF of the debit note"
    ),
    "GET /v1/salesorder/{orderType}/{orderNumber}/printOrder": (
        "the document says a JSON object; the service's print reports answer with the report's file, and nettfin "
        "answers with a PDF of the order"
    ),
    "GET /v1/shipment/{shipmentNbr}/printShipmentConfirmation": (
        "the document says a JSON object; the service's print reports answer with the report's file, and nettfin "
        "answers with a PDF of the shipment confirmation"
    ),
    "GET /v1/shipment/{shipmentNbr}/printPickList": (
        "the document says a JSON object; the service's print reports answer with the report's file, and nettfin "
        "answers with a PDF of the pick list"
    ),
    "GET /v1/blob/download/{blobId}": (
        "the document says a JSON Stream object; the service answers with the blob's bytes, and so does nettfin"
    ),
}


# --- the real documents ----------------------------------------------------------------------------------


def _template(path: str) -> str:
    """A path without its parameter names, lower case: `/v1/customer/{}`."""
    return re.sub(r"\{[^}]*\}", "{}", path).lower()


@cache
def real_documents() -> dict[str, dict]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    documents = {}
    for folder in DOCUMENT_FOLDERS:
        for path in sorted(folder.glob("visma-*.yml")):
            with path.open(encoding="utf-8") as handle:
                documents[path.name] = yaml.load(handle, Loader=loader)  # noqa: S506 - a safe loader
    return documents


@cache
def real_get_operations() -> dict[str, tuple[str, str]]:
    """Template -> (document, real path) for every GET of the real documents."""
    found = {}
    for name, document in real_documents().items():
        for path, item in document["paths"].items():
            if "get" in item:
                found.setdefault(_template(path), (name, path))
    return found


def served_gets() -> list[tuple[str, str, str]]:
    """(nettfin path, document, real path) for every GET nettfin serves that a real document has."""
    served = []
    for router in CONTROLLER_ROUTERS:
        for route in router.routes:
            if "GET" not in getattr(route, "methods", ()):
                continue
            real = real_get_operations().get(_template(route.path))
            if real is not None:
                served.append((route.path, *real))
    return sorted(set(served))


def _closed(node: Any) -> Any:
    """The schema with `#/components/schemas/` refs pointing into `$defs`, and objects closed."""
    if isinstance(node, list):
        return [_closed(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _closed(value) for key, value in node.items()}
    if "$ref" in converted:
        converted["$ref"] = converted["$ref"].replace("#/components/schemas/", "#/$defs/")
    if "properties" in converted and "additionalProperties" not in converted:
        converted["additionalProperties"] = False
    return converted


@cache
def response_validator(document: str, path: str) -> Draft202012Validator:
    spec = real_documents()[document]
    content = spec["paths"][path]["get"]["responses"]["200"]["content"]
    schema = dict(_closed(content["application/json"]["schema"]))
    schema["$defs"] = _closed(spec["components"]["schemas"])
    return Draft202012Validator(schema, format_checker=FORMATS)


def problems(document: str, path: str, body: Any) -> list[str]:
    found = response_validator(document, path).iter_errors(body)
    return sorted(f"{'/'.join(map(str, error.absolute_path)) or '<root>'}: {error.message[:200]}" for error in found)


# --- the demo company, per backend -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(database_url, tmp_path_factory):
    with ExitStack() as stack:
        client = stack.enter_context(seeded_demo(tmp_path_factory.mktemp("real-documents"), database_url))
        client.keys = _with_documents(client)
        yield client


def _created(response) -> str:
    assert response.status_code == 201, response.text
    return response.headers["Location"].rsplit("/", 1)[1]


def _with_documents(demo) -> dict[str, str]:
    """The documents the demo has none of (a purchase order, a customer invoice, a payment, credit and debit notes,
    an attachment), made
    through the API; returns their keys by path parameter name (lower case)."""
    customers = demo.get(f"{LEGACY_PREFIX}/v1/customer", params={"status": "Active", "pageSize": 1}).json()
    customer = customers[0]["number"]
    order = _created(demo.post(f"{LEGACY_PREFIX}/v1/purchaseorder", json=ARTICLE_POST))
    line = {"operation": "Insert", "inventoryNumber": {"value": "1001"}, "quantity": {"value": 2}}
    invoice_body = {
        "customerNumber": {"value": customer},
        "documentDate": {"value": "2019-11-20"},
        "invoiceText": {"value": "Kontorstoler"},
        "invoiceLines": [line],
    }
    invoice = _created(demo.post(f"{LEGACY_PREFIX}/v2/customerinvoice", json=invoice_body))
    released = demo.post(f"{LEGACY_PREFIX}/v1/customerinvoice/{invoice}/action/release")
    assert released.status_code == 200, released.text
    payment_body = {
        "type": {"value": "Payment"},
        "customer": {"value": customer},
        "applicationDate": {"value": "2019-11-25"},
        "paymentAmount": {"value": 1000},
        "paymentLines": [
            {
                "operation": "Insert",
                "documentType": {"value": "Invoice"},
                "refNbr": {"value": invoice},
                "amountPaid": {"value": 1000},
            }
        ],
    }
    payment = _created(demo.post(f"{LEGACY_PREFIX}/v1/customerPayment", json=payment_body))
    # A credit note with the members the captured one has values for.
    note_line = {**line, "branchNumber": {"value": "1"}}
    note_body = {
        **{k: v for k, v in invoice_body.items() if k != "invoiceLines"},
        "branchNumber": {"value": "1"},
        "paymentMethodId": {"value": "BANK"},
        "project": {"value": "X"},
        "note": {"value": "Retur av én stol"},
        "lines": [note_line],
    }
    credit_note = _created(demo.post(f"{LEGACY_PREFIX}/v1/customerCreditNote", json=note_body))
    debit_note = _created(demo.post(f"{LEGACY_PREFIX}/v1/customerDebitNote", json=note_body))
    shape, content = webclient_upload("stol.pdf", PDF)
    attachment = _created(demo.post(f"{LEGACY_PREFIX}/v1/inventory/1001/attachment", content=content, headers=shape))
    values = demo.get(f"{LEGACY_PREFIX}/v1/dimension/SUBACCOUNT/1").json()["segmentValues"]
    background = _finished_background_call(demo, f"{LEGACY_PREFIX}/v1/customer/{customer}")
    assert invoice and payment
    # `invoiceNumber` and `paymentNumber` stay the demo's 000001 (tests/demo_keys.py): the supplier and the customer
    # ledger both hold a document of that number, and both ledgers' paths name it so.
    return {
        "purchaseordernumber": order,
        "customernumber": customer,  # the customer of the invoice and the notes
        "creditnotenumber": credit_note,
        "debitnotenumber": debit_note,
        "attachmentid": attachment,
        "blobid": attachment,
        "publicid": values[0]["publicId"],
        "referencenumber": "000001",  # the demo's released time card of E001
        "requestid": background,
    }


def _finished_background_call(demo, path: str) -> str:
    """A read queued through the background API, once the demo server's job workers have run it."""
    accepted = demo.get(path, headers={"erp-api-background": "none"})
    assert accepted.status_code == 202, accepted.text
    request_id = accepted.json()["id"]
    deadline = time.monotonic() + 60
    while demo.get(f"{LEGACY_PREFIX}/v1/background/{request_id}").json()["status"] == "Started":
        assert time.monotonic() < deadline, "the background call did not run within a minute"
        time.sleep(0.05)
    return request_id


def _concrete(path: str, keys: dict[str, str]) -> str:
    def key(match: re.Match) -> str:
        name = match.group(1).lower()
        if name in keys:
            return keys[name]
        values = DEMO_KEYS.get(name)
        assert values, f"no demo key for the path parameter {name!r}: add one to tests/demo_keys.py"
        return str(values[0])

    return re.sub(r"\{([^}]*)\}", key, path)


def _decided(key: str) -> list:
    reason = DECISIONS.get(key)
    return [pytest.mark.xfail(reason=reason, strict=True)] if reason else []


@pytest.mark.parametrize(
    ("nettfin_path", "document", "real_path"),
    [pytest.param(*served, id=served[0], marks=_decided(f"GET {served[2]}")) for served in served_gets()],
)
def test_every_served_get_is_what_the_real_document_says(demo, nettfin_path, document, real_path):
    params = {name: _concrete(value, demo.keys) for name, value in QUERIES.get(nettfin_path, {}).items()}
    if "pageSize" in json.dumps(real_documents()[document]["paths"][real_path]["get"].get("parameters", [])):
        params.setdefault("pageSize", str(LIST_PAGE_SIZE))
    response = demo.get(LEGACY_PREFIX + _concrete(nettfin_path, demo.keys), params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body not in ([], {}), "the demo company has nothing here to compare"
    found = problems(document, real_path, body)
    assert not found, f"not what {document} says for GET {real_path}:\n" + "\n".join(found[:40])


def test_most_gets_nettfin_serves_are_in_the_real_documents():
    # The matching above is by path template: a served GET no real document has would be compared with nothing.
    served = {path for path, _, _ in served_gets()}
    all_gets = {
        route.path for router in CONTROLLER_ROUTERS for route in router.routes if "GET" in getattr(route, "methods", ())
    }
    assert len(served) >= 0.9 * len(all_gets), sorted(all_gets - served)


# --- responses captured from the real service ------------------------------------------------------------


@cache
def manifest() -> dict[str, dict]:
    return json.loads((CAPTURED / "manifest.json").read_text(encoding="utf-8"))


def key_paths(value: Any, prefix: str = "") -> set[str]:
    """Dotted key paths, `[]` for the elements of a list: `mainAddress.country.id`, `lines[].amount`."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            path = f"{prefix}.{key}" if prefix else key
            found.add(path)
            found |= key_paths(inner, path)
    elif isinstance(value, list):
        for item in value:
            found |= key_paths(item, f"{prefix}[]")
    return found


# Captured resources nettfin does not serve yet: the waves that add them compare them here.
NOT_SERVED = {
    "salesordertype-1.json": "GET /v1/salesordertype is not served yet",
    "customerpayment-1.json": "compared in tests/server/receivables/test_customer_payment_api.py",
    "background-1.json": "the background API is not served yet",
    "action-1.json": "compared by test_an_action_result_has_the_captured_keys",
    "error-1.json": "compared by test_an_error_has_the_captured_keys",
}
_NO_ADDRESS_IDS = (
    "nettfin keeps a party's addresses and contacts inside the party, so there is no address or contact record "
    "whose number it could render"
)
_BRANCH_HAS_NONE = "nettfin keeps no ledger, VAT zone or default country on a branch (its expand flag adds nothing)"
_NO_PAYMENT_METHODS = "customer payment methods are not served yet (order to cash)"
_NO_BRANCH = "nettfin's companies have one branch and keep none on documents; branches are not served yet"
# Key paths (and everything under them) of a capture nettfin does not send, on purpose: the reason is the
# decision, recorded in docs/compatibility.md too.
KEY_DECISIONS: dict[str, dict[str, str]] = {
    "customer-1.json": {
        "mainAddress.addressId": _NO_ADDRESS_IDS,
        "invoiceAddress.addressId": _NO_ADDRESS_IDS,
        "deliveryAddress.addressId": _NO_ADDRESS_IDS,
        "mainContact.contactId": _NO_ADDRESS_IDS,
        "invoiceContact.contactId": _NO_ADDRESS_IDS,
        "deliveryContact.contactId": _NO_ADDRESS_IDS,
        "defaultPaymentMethodId": _NO_PAYMENT_METHODS,
        "paymentMethods": _NO_PAYMENT_METHODS,
    },
    "journaltransaction-1.json": {
        "branch": _NO_BRANCH,
        "journalTransactionLines[].branch": _NO_BRANCH,
        "journalTransactionLines[].transactionType": "nettfin keeps no transaction type on a journal line",
    },
    "customercreditnote-1.json": {
        "account": "a customer document's ledger account is the customer ledger control account; nettfin keeps none "
        "on the document",
        "attachments": "a list fills attachments only with expandAttachments=true, as the real list's parameter says",
        "lines[].deferralSchedule": "nettfin keeps no deferral schedules",
        "paymentReference": "the credit note's write DTO has no paymentReference, so nettfin's notes never have one",
        "branchNumber.name": _NO_BRANCH,
        "lines[].branchNumber.name": _NO_BRANCH,
        "paymentMethod.description": "documents keep a payment method's code; nettfin looks up no description",
        "project.description": "a customer document keeps its project's code and renders no description with it",
    },
    "branch-1.json": {
        "ledger": _BRANCH_HAS_NONE,
        "vatZone": _BRANCH_HAS_NONE,
        "defaultCountry": _BRANCH_HAS_NONE,
    },
    "vat-1.json": {
        "vatAgencyId": "nettfin keeps no VAT agency: VAT reporting is not served",
        "defaultNonStockItem": "nettfin keeps no default non-stock item on a VAT ID",
        "schedules[].reportingGroup": "nettfin keeps no VAT reporting groups: VAT reporting is not served",
    },
}
# Where the manifest's pick has no value for keys the capture has, a demo record that has them.
CAPTURE_GETS = {
    "vat-1.json": f"{LEGACY_PREFIX}/v1/vat/86",
    # A branch's nested objects come with their expand flags (the capture is a client's type, with every member).
    "branch-1.json": f"{LEGACY_PREFIX}/v1/branch?expandCurrency=true&expandAddress=true&expandContact=true",
}


def _excused(path: str, excused: set[str]) -> bool:
    """A path is excused when it or one of its ancestors is."""
    parts = path.split(".")
    return any(".".join(parts[:end]) in excused for end in range(1, len(parts) + 1))


@pytest.mark.parametrize("capture", sorted(manifest()))
def test_a_captured_response_has_the_key_set_nettfin_sends(demo, capture):
    if capture in NOT_SERVED:
        pytest.skip(NOT_SERVED[capture])
    entry = manifest()[capture]
    captured = json.loads((CAPTURED / capture).read_text(encoding="utf-8"))
    url = CAPTURE_GETS.get(capture, entry["get"])
    response = demo.get(url)
    assert response.status_code == 200, response.text
    body = response.json()
    ours = body[0] if isinstance(body, list) else body
    excused = set(entry.get("optional", [])) | set(KEY_DECISIONS.get(capture, {}))
    missing = {path for path in key_paths(captured) - key_paths(ours) if not _excused(path, excused)}
    assert not missing, f"keys the real service sends and nettfin does not: {sorted(missing)}"
    # A key the capture lacks is fine when the real DTO has it (the sample had no value there).
    nettfin_path = url.split("?")[0].removeprefix(LEGACY_PREFIX)
    real = real_get_operations().get(_template(nettfin_path)) or real_get_operations().get(
        _template(nettfin_path.rsplit("/", 1)[0] + "/{}")
    )
    assert real is not None, f"no real document has GET {nettfin_path}"
    undeclared = [line for line in problems(*real, body) if "Additional properties" in line]
    assert not undeclared, f"keys beyond the capture that the real DTO does not declare: {undeclared}"


def test_every_key_decision_excuses_a_key_the_capture_has():
    for capture, decided in KEY_DECISIONS.items():
        captured = key_paths(json.loads((CAPTURED / capture).read_text(encoding="utf-8")))
        assert set(decided) <= captured, (capture, set(decided) - captured)


def test_an_action_result_has_the_captured_keys(demo):
    captured = json.loads((CAPTURED / "action-1.json").read_text(encoding="utf-8"))
    created = demo.post(
        f"{LEGACY_PREFIX}/v1/journaltransaction",
        json={
            "transactionDate": {"value": "2019-11-20"},
            "journalTransactionLines": [
                {"operation": "Insert", "accountNumber": {"value": "1920"}, "debitAmountInCurrency": {"value": 10}},
                {"operation": "Insert", "accountNumber": {"value": "3000"}, "creditAmountInCurrency": {"value": 10}},
            ],
        },
    )
    assert created.status_code == 201, created.text
    number = created.headers["Location"].rsplit("/", 1)[1]
    released = demo.post(f"{LEGACY_PREFIX}/v1/journaltransaction/{number}/action/release")
    assert released.status_code == 200, released.text
    assert set(released.json()) == set(captured)


def test_an_error_has_the_captured_keys(demo):
    captured = json.loads((CAPTURED / "error-1.json").read_text(encoding="utf-8"))
    response = demo.get(f"{LEGACY_PREFIX}/v1/customer", params={"pageSize": 1}, headers={"ipp-company-id": "999999"})
    assert response.status_code in (400, 401, 403), response.text
    assert set(response.json()) == set(captured)


# --- If-Match where the real service takes it ------------------------------------------------------------


def _takes_if_match(operation: dict) -> bool:
    return any(
        isinstance(parameter, dict)
        and parameter.get("in") == "header"
        and parameter.get("name", "").lower() == "if-match"
        for parameter in operation.get("parameters", [])
    )


@cache
def real_if_match_writes() -> set[tuple[str, str]]:
    """(METHOD, template) of every write a real document lets a client make conditional."""
    return {
        (method.upper(), _template(path))
        for document in real_documents().values()
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in ("post", "put", "patch", "delete") and _takes_if_match(operation)
    }


def test_every_served_write_the_real_service_makes_conditional_takes_if_match(client):
    served = client.get("/swagger/v1/swagger.json").json()["paths"]
    lacking = []
    for path, item in served.items():
        if not path.startswith(LEGACY_PREFIX + "/"):
            continue
        for method, operation in item.items():
            real = (method.upper(), _template(path.removeprefix(LEGACY_PREFIX)))
            if real in real_if_match_writes() and not _takes_if_match(operation):
                lacking.append(f"{method.upper()} {path}")
    assert not lacking, "writes the real service makes conditional and nettfin does not:\n" + "\n".join(lacking)


def _served_conditional_writes() -> list[tuple[str, str]]:
    served = []
    for router in CONTROLLER_ROUTERS:
        for route in router.routes:
            for method in sorted(getattr(route, "methods", ()) & {"PUT", "POST"}):
                if (method, _template(route.path)) in real_if_match_writes() and "attachment" not in route.path:
                    served.append((method, route.path))
    return sorted(set(served))


@pytest.mark.parametrize(("method", "path"), _served_conditional_writes())
def test_a_stale_if_match_on_a_conditional_write_is_412_and_changes_nothing(demo, method, path):
    url = LEGACY_PREFIX + _concrete(path, demo.keys)
    record = url.split("/action/")[0]
    before = demo.get(record) if "/action/" in url or method == "PUT" else None
    stale = {"If-Match": '"AAAAAAAAJxA="'}  # version 10000: no demo record's
    response = demo.request(method, url, json={}, headers=stale)
    assert response.status_code == 412, response.text
    if before is not None and before.status_code == 200:
        assert demo.get(record).headers.get("ETag") == before.headers.get("ETag")
