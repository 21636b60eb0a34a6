"""Journal transactions on `/v2/journaltransaction` (the current surface), on both databases: the same books as
`/v1` (a v2 create posts what a v1 create of the same body posts), the document's list parameters and paging,
ETag and If-Match, release, errors in Visma's shape, and every v2 response valid against the REAL document
visma-journaltransactionv2 (not only against nettfin's own, which the suite's client checks anyway)."""

from __future__ import annotations

import copy
import uuid
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012
from sqlalchemy import select

from nettfin.server.app import LEGACY_PREFIX
from nettfin.server.ledger import journal_schemas, journal_v2_schemas
from nettfin.server.ledger.journal import JournalBatch, JournalLine, LedgerHistory
from nettfin.server.ledger.posting import Module, PostingLine, Source, post
from tests.attachment_factories import PDF, attachment_id, seed_headers, webclient_upload
from tests.party_factories import openapi, write_kind_mismatches
from tests.supplier_ledger_factories import account_balance, assert_sound_books, books, journal_body, journal_line

DOCUMENT = "journaltransactionv2"
DOCUMENT_URI = "urn:visma:journaltransactionv2"
LEGACY = f"{LEGACY_PREFIX}/v2/journaltransaction"
BARE = "/v2/journaltransaction"
OFFICE = [{"segmentId": 1, "segmentValue": "30"}]


# --- the real document as a validator -----------------------------------------------------------------------


def _closed(node: Any) -> Any:
    """Every object schema that lists its properties allows no others: a member nettfin sends that the
    document does not name is a mismatch too."""
    if isinstance(node, dict):
        node = {key: _closed(value) for key, value in node.items()}
        if "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        return node
    if isinstance(node, list):
        return [_closed(item) for item in node]
    return node


@cache
def _real_document() -> dict:
    return _closed(copy.deepcopy(openapi(DOCUMENT)))


@cache
def _registry() -> Registry:
    return Registry().with_resource(DOCUMENT_URI, DRAFT202012.create_resource(_real_document()))


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value]
    return value


# Statuses the real document does not list for an operation, with why nettfin sends them anyway.
UNDOCUMENTED = {
    400: "the document lists no error responses; the service answers 400 with {message} (its error shape)",
    404: "the document lists no error responses; an unknown number is 404 with {message}",
}


def assert_real_response(response, method: str, template: str) -> None:
    """The response is what the real document declares for `method template` (a `/v2/...` path) and its
    status, its JSON body valid against the document's schema (JSON Schema 2020-12, `$ref`s resolved into the
    document's components, properties not nullable, objects closed). The formats (`double`, `date-time`,
    `byte`) are annotations here: the service's own dates have no offset (`2019-11-08T00:00:00`)."""
    operation = _real_document()["paths"][template][method.lower()]
    status = str(response.status_code)
    if response.status_code in UNDOCUMENTED:
        assert set(_without_nulls(response.json())) == {"message"}, response.text
        return
    if template.endswith("/action/release") and status == "200":
        # The document declares no 200 for the release (only 202 and 412): nettfin answers with the action
        # result every `.../action/...` of the service answers with, as `/v1` does.
        assert set(_without_nulls(response.json())) == {"actionId", "actionResult"}, response.text
        return
    assert status in operation["responses"], f"{method} {template} -> {status} is not in the document"
    content = operation["responses"][status].get("content") or {}
    if response.content == b"":
        assert status in ("201", "204", "412"), f"{method} {template} -> {status} with an empty body"
        return
    schema = content["application/json"]["schema"]
    pointer = _pointer("paths", template, method.lower(), "responses", status, "content", "application/json")
    validator = Draft202012Validator({"$ref": f"{DOCUMENT_URI}#/{pointer}/schema"}, registry=_registry())
    assert schema
    # The renderer leaves null-valued members out (kit/render.py); a server started with render_nulls keeps
    # them, so they are dropped here before validating against the document, whose properties are not nullable.
    body = _without_nulls(response.json())
    problems = sorted(f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body))
    assert problems == [], f"{method} {template} -> {status}:\n" + "\n".join(problems)


# --- a client for the v2 paths ------------------------------------------------------------------------------


class V2:
    """The v2 paths of one company, under the legacy prefix (or bare `/v2/...`), each response checked
    against the real document."""

    def __init__(self, tenant, prefix: str = LEGACY) -> None:
        self.tenant, self.prefix = tenant, prefix

    def call(self, method: str, path: str = "", **kwargs):
        headers = {**self.tenant.headers, **kwargs.pop("headers", {})}
        response = self.tenant.client.request(method, self.prefix + path, headers=headers, **kwargs)
        template = BARE + ("/{journalTransactionNumber}" if path else "")
        if path.endswith("/action/release"):
            template += "/action/release"
        assert_real_response(response, method, template)
        return response

    def get(self, path: str = "", **kwargs):
        return self.call("GET", path, **kwargs)

    def post(self, path: str = "", json=None, **kwargs):
        return self.call("POST", path, json=json, **kwargs)

    def put(self, path: str, json=None, **kwargs):
        return self.call("PUT", path, json=json, **kwargs)

    def create(self, body: dict) -> str:
        response = self.post("", body)
        assert response.status_code == 201, response.text
        assert response.content == b"" and response.headers["ETag"]
        return response.headers["Location"].rsplit("/", 1)[-1]

    def release(self, number: str, **kwargs):
        return self.post(f"/{number}/action/release", **kwargs)


@pytest.fixture
def company(tenant):
    return books(tenant)


@pytest.fixture
def v2(company) -> V2:
    return V2(company)


def paper(amount="100.00", **extra) -> dict:
    """Office supplies (6800, department 30) paid from the bank (1920)."""
    return journal_body(
        journal_line("6800", debit=amount, segments=OFFICE, transactionDescription={"value": "Papir"}),
        journal_line("1920", credit=amount),
        **extra,
    )


def message(response, status: int = 400) -> str:
    assert response.status_code == status, response.text
    text = response.json()["message"]
    assert text.startswith("VismaId: ")
    return text


def posted_books(tenant) -> tuple[list, list]:
    """The company's journal lines and GL balances by codes (ids differ between companies)."""
    with tenant.database.reading() as session:
        lines = session.execute(
            select(JournalBatch.batch_number, JournalBatch.status, JournalBatch.period_id, JournalLine)
            .join(JournalLine, JournalLine.batch_id == JournalBatch.id)
            .where(JournalBatch.company_id == tenant.company_id)
            .order_by(JournalBatch.batch_number, JournalLine.line_number)
        ).all()
        gl = [
            (
                number,
                status,
                period,
                x.line_number,
                x.account.account_cd,
                x.subaccount.subaccount_cd if x.subaccount else None,
                x.debit,
                x.credit,
                x.description,
                x.reference_number,
                x.quantity,
            )
            for number, status, period, x in lines
        ]
        history = session.scalars(
            select(LedgerHistory)
            .where(LedgerHistory.company_id == tenant.company_id)
            .order_by(LedgerHistory.account_cd, LedgerHistory.subaccount_cd, LedgerHistory.period_id)
        ).all()
        balances = [(h.account_cd, h.subaccount_cd, h.period_id, h.debit, h.credit) for h in history]
    return gl, balances


# --- same books ---------------------------------------------------------------------------------------------


def test_a_v2_create_posts_exactly_what_a_v1_create_of_the_same_body_posts(company, other_tenant):
    v1_company = books(other_tenant)
    body = paper(description={"value": "Kontor"})
    body["journalTransactionLines"][1]["referenceNumber"] = {"value": "R-1"}
    v2 = V2(company)
    number = v2.create(body)
    assert number == "000001"
    v1_number = v1_company.post("/journaltransaction", body).headers["Location"].rsplit("/", 1)[-1]
    assert posted_books(company) == posted_books(v1_company)
    assert v2.release(number).status_code == 200
    assert v1_company.post(f"/journaltransaction/{v1_number}/action/release").status_code == 200
    gl, balances = posted_books(company)
    assert (gl, balances) == posted_books(v1_company)
    assert [(x[1], x[4], x[6], x[7]) for x in gl] == [
        ("Posted", "6800", Decimal(100), Decimal(0)),
        ("Posted", "1920", Decimal(0), Decimal(100)),
    ]
    assert balances == [
        ("1920", "00-000", "201911", Decimal(0), Decimal(100)),
        ("6800", "30-000", "201911", Decimal(100), Decimal(0)),
    ]
    assert account_balance(company, "1920") == account_balance(v1_company, "1920") == Decimal(-100)

    def without_times(rows: list[dict]) -> list[dict]:
        return [{k: v for k, v in row.items() if k not in ("lastModifiedDateTime", "subaccountId")} for row in rows]

    assert without_times(company.get("/generalLedgerBalance").json()) == without_times(
        v1_company.get("/generalLedgerBalance").json()
    )
    assert_sound_books(company)


def test_a_batch_created_at_v2_reads_the_same_at_v1_and_v2(company, v2):
    number = v2.create(paper())
    at_v1 = company.get(f"/journaltransaction/{number}")
    at_v2 = v2.get(f"/{number}")
    assert at_v2.status_code == 200 and at_v2.headers["ETag"] == at_v1.headers["ETag"]
    assert at_v2.headers["ETag"] == f'"{at_v2.json()["timeStamp"]}"'
    one, two = at_v1.json(), at_v2.json()
    # v2 lines carry the non-project code the real service's lines carry; everything else is the same record.
    assert [_without_nulls(line.pop("project")) for line in two["journalTransactionLines"]] == [
        {"id": "X", "description": "Non-project code."}
    ] * 2
    assert [line.pop("project", None) for line in one["journalTransactionLines"]] == [None, None]
    assert one == two
    assert (two["module"], two["status"], two["batchNumber"], two["financialPeriod"], two["postPeriod"]) == (
        "ModuleGL",
        "Balanced",
        number,
        "201911",
        "112019",
    )
    assert (two["debitTotal"], two["creditTotal"], two["transactionDate"]) == (100, 100, "2019-11-08T00:00:00")
    first = two["journalTransactionLines"][0]
    assert (first["accountNumber"], first["subaccount"]["subaccountNumber"], first["debitAmount"]) == (
        "6800",
        "30-000",
        100,
    )
    assert b'"debitTotal":100.0000' in at_v2.content
    # And a batch created at v1 reads at v2; the bare path serves the same as the legacy prefix.
    other = company.post("/journaltransaction", paper()).headers["Location"].rsplit("/", 1)[-1]
    assert V2(company, BARE).get(f"/{other}").json() == v2.get(f"/{other}").json()


def test_create_answers_201_with_location_and_etag_under_either_prefix(company, v2):
    response = v2.post("", paper())
    assert response.status_code == 201 and response.content == b""
    assert response.headers["Location"] == f"http://testserver{LEGACY}/000001"
    assert response.headers["ETag"] == v2.get("/000001").headers["ETag"]
    bare = V2(company, BARE).post("", paper())
    assert bare.headers["Location"] == f"http://testserver{BARE}/000002"
    # Paths are case-insensitive, as ASP.NET routes them.
    spelled = company.client.get("/api/controller/api/V2/JournalTransaction/000002", headers=company.headers)
    assert spelled.status_code == 200 and spelled.json()["batchNumber"] == "000002"


# --- lists --------------------------------------------------------------------------------------------------


def test_the_list_pages_over_lines_with_metadata_on_every_element(v2):
    three = journal_body(
        journal_line("6800", debit="60"), journal_line("6340", debit="40"), journal_line("1920", credit="100")
    )
    first = v2.create(three)
    second = v2.create(paper())
    pages = [v2.get(params={"periodId": "201911", "pageSize": 2, "pageNumber": n}).json() for n in (1, 2, 3, 4)]
    shape = [
        [(b["batchNumber"], [x["lineNumber"] for x in b["journalTransactionLines"]]) for b in page] for page in pages
    ]
    assert shape == [[(first, [1, 2])], [(first, [3]), (second, [1])], [(second, [2])], []]
    assert all(b["metadata"] == {"totalCount": 5, "maxPageSize": 500} for page in pages for b in page)
    # Past the maximum page size the page is the maximum.
    big = v2.get(params={"periodId": "201911", "pageSize": 10_000}).json()
    assert len(big) == 2 and big[0]["metadata"]["maxPageSize"] == 500
    # Attachments are listed only when asked for.
    assert all(b.get("attachments") is None for b in big)
    expanded = v2.get(params={"periodId": "201911", "expandAttachments": "true"}).json()
    assert all(b["attachments"] == [] for b in expanded)


def test_the_list_needs_a_period_or_a_modification_date_and_takes_the_documents_filters(company, v2):
    held = v2.create(paper(hold={"value": True}))
    posted = v2.create(paper(transactionDate={"value": "2019-12-02"}))
    assert v2.release(posted).status_code == 200
    balanced = v2.create(paper())

    def numbers(**params) -> list[str]:
        response = v2.get(params=params)
        assert response.status_code == 200, response.text
        return sorted({b["batchNumber"] for b in response.json()})

    assert "'periodId' is mandatory" in message(v2.get())
    assert "'periodId' is mandatory" in message(v2.get(params={"periodId": "", "status": "Posted"}))
    assert numbers(periodId="201911") == [held, balanced]
    assert numbers(periodId="201912") == [posted]
    assert numbers(lastModifiedDateTime="2000-01-01") == [held, posted, balanced]
    assert numbers(lastModifiedDateTime="2999-01-01 00:00:00") == []
    # The document has no condition parameter (the date means "since") nor greaterThanValue: both are ignored.
    assert numbers(lastModifiedDateTime="2000-01-01", lastModifiedDateTimeCondition="<") == [held, posted, balanced]
    assert numbers(periodId="201911", greaterThanValue=balanced) == [held, balanced]
    assert numbers(periodId="201911", status="Hold") == [held]
    assert numbers(lastModifiedDateTime="2000-01-01", status="Unreleased") == [held, balanced]
    assert numbers(periodId="201911", module="GL") == numbers(periodId="201911", module="ModuleGL") == [held, balanced]
    assert numbers(periodId="201911", module="AP") == []
    assert numbers(periodId="201911", branch="1") == []
    assert "The value 'XX' of parameter 'module' is not a module." in message(
        v2.get(params={"periodId": "201911", "module": "XX"})
    )
    assert "The value 'yesterday' of parameter 'lastModifiedDateTime' is not a valid date." in message(
        v2.get(params={"lastModifiedDateTime": "yesterday"})
    )
    assert "Invalid query parameter 'status'" in message(v2.get(params={"periodId": "201911", "status": "Open"}))


def test_the_list_declares_the_documents_query_parameters(client):
    ours = client.get("/swagger/v1/swagger.json").json()["paths"][LEGACY]["get"]["parameters"]
    real = openapi(DOCUMENT)["paths"][BARE]["get"]["parameters"]
    ours_query = {p["name"] for p in ours if p["in"] == "query"}
    real_query = {p["name"] for p in real if p["in"] == "query"}
    # The paging dependency of every list also takes the deprecated numberToRead, skipRecords and orderBy.
    assert ours_query - real_query == {"numberToRead", "skipRecords", "orderBy"}
    assert real_query - ours_query == set()


# --- update, If-Match, release ------------------------------------------------------------------------------


def test_put_with_the_current_etag_updates_and_a_stale_one_is_412_and_changes_nothing(v2):
    number = v2.create(paper())
    etag = v2.get(f"/{number}").headers["ETag"]
    change = {
        "description": {"value": "Rettet"},
        "journalTransactionLines": [
            {"operation": "Update", "lineNumber": {"value": 1}, "debitAmountInCurrency": {"value": 80}},
            {"operation": "Update", "lineNumber": {"value": 2}, "creditAmountInCurrency": {"value": 80}},
        ],
    }
    response = v2.put(f"/{number}", change, headers={"If-Match": etag})
    assert response.status_code == 204 and response.content == b""
    after = v2.get(f"/{number}")
    assert response.headers["ETag"] == after.headers["ETag"] != etag
    assert after.json()["description"] == "Rettet" and after.json()["debitTotal"] == 80

    stale = v2.put(
        f"/{number}", {"description": {"value": "Igjen"}, "hold": {"value": True}}, headers={"If-Match": etag}
    )
    assert stale.status_code == 412 and stale.content == b""
    assert v2.get(f"/{number}").json() == after.json()
    assert v2.release(number, headers={"If-Match": etag}).status_code == 412
    assert v2.get(f"/{number}").json()["status"] == "Balanced"
    assert account_balance(v2.tenant, "1920") == 0


def test_release_posts_the_batch_and_answers_with_the_action_result(company, v2):
    number = v2.create(paper())
    etag = v2.get(f"/{number}").headers["ETag"]
    response = v2.release(number, headers={"If-Match": etag})
    assert response.status_code == 200
    assert response.json()["actionResult"] == "Done" and uuid.UUID(response.json()["actionId"])
    read = v2.get(f"/{number}")
    assert read.json()["status"] == "Posted" and response.headers["ETag"] == read.headers["ETag"]
    assert account_balance(company, "1920") == Decimal(-100) and account_balance(company, "6800") == 100
    assert "Batch '000001' is already released." in message(v2.release(number))
    assert f"Batch '{number}' can't be updated because it is already released." in message(
        v2.put(f"/{number}", {"description": {"value": "x"}})
    )
    held = v2.create(paper(hold={"value": True}))
    assert "is on hold and cannot be released" in message(v2.release(held))
    assert account_balance(company, "1920") == Decimal(-100)
    assert_sound_books(company)


def test_unknown_numbers_are_404(v2):
    for response in (
        v2.get("/NOPE"),
        v2.put("/NOPE", {"description": {"value": "x"}}),
        v2.release("NOPE"),
    ):
        assert message(response, 404).endswith("Journal transaction 'NOPE' not found.")


# --- validation ---------------------------------------------------------------------------------------------


def test_validation_errors_are_400_in_the_services_shape_naming_the_field(company, v2):
    wrong_type = paper()
    wrong_type["journalTransactionLines"][0]["debitAmountInCurrency"] = {"value": "lots"}
    assert message(v2.post("", wrong_type)).endswith(
        "Invalid field 'journalTransactionLines.0.debitAmountInCurrency.value': Input should be a valid decimal "
        "(got 'lots')."
    )
    assert "Invalid field 'hold.value': Input should be a valid boolean" in message(
        v2.post("", paper(hold={"value": "maybe"}))
    )
    assert "Error: 'Transaction date' '2019-13-45' is not a date" in message(
        v2.post("", paper(transactionDate={"value": "2019-13-45"}))
    )

    unbalanced = journal_body(journal_line("6800", debit="100.00"), journal_line("9999", credit="99.99"))
    text = message(v2.post("", unbalanced))
    assert "Error inserting the journal transaction. Error: Inserting 'Batch' record raised at least one error." in text
    assert "Error: Line 2: Account '9999' cannot be found in the system.\r\n" in text
    assert "Error: Batch is out of balance, please review. Debit total 100.00, credit total 99.99.\r\n" in text

    number = v2.create(paper())
    before = v2.get(f"/{number}").json()
    missing = {"journalTransactionLines": [{"operation": "Delete", "lineNumber": {"value": 9}}]}
    assert "Line 9 is not on the batch." in message(v2.put(f"/{number}", missing))
    assert v2.get(f"/{number}").json() == before
    assert v2.get(params={"periodId": "201911"}).json()[0]["metadata"]["totalCount"] == 2


# --- the document's shapes ----------------------------------------------------------------------------------


def test_a_sub_ledger_batch_with_every_member_filled_matches_the_real_document(company, v2):
    with company.database.writing() as session:
        post(
            session,
            company_id=company.company_id,
            module=Module.AP,
            period="201911",
            date=date(2019, 11, 8),
            description="Invoice 000001",
            source=Source("Invoice", "000001"),
            lines=[
                PostingLine(
                    "4300",
                    "20-000",
                    debit=Decimal("10"),
                    description="Testvare",
                    reference="000001",
                    vat_id="1",
                    vat_category="03",
                    inventory_number="test*test",
                    quantity=Decimal(2),
                    uom="STK",
                    note="Notat",
                ),
                PostingLine("2400", "00-000", credit=Decimal("10"), reference="000001", party="50000"),
            ],
        )
    batch = v2.get("/000001").json()
    assert (batch["module"], batch["status"]) == ("ModuleAP", "Posted")
    assert [
        (x["referenceNumber"], x.get("customerSupplier"), x["module"]) for x in batch["journalTransactionLines"]
    ] == [
        ("000001", None, "ModuleAP"),
        ("000001", "50000", "ModuleAP"),
    ]
    first = batch["journalTransactionLines"][0]
    assert (first["vat"], first["vatCode"]) == (
        {"id": "1", "description": "Fradrag for inngående mva, høy sats"},
        {"id": "03", "description": "Høy sats (25 %)"},
    )
    assert (first["inventoryNumber"], first["quantity"], first["uom"], first["note"]) == (
        "test*test",
        2,
        "STK",
        "Notat",
    )
    listed = v2.get(params={"periodId": "201911", "module": "AP", "expandAttachments": "true"}).json()
    assert [b["batchNumber"] for b in listed] == ["000001"]


def test_attachments_uploaded_on_the_v2_module_paths_read_back_at_v2(company, v2):
    number = v2.create(paper())
    shape, body = webclient_upload("bilag.pdf", PDF + uuid.uuid4().bytes)
    headers = {**seed_headers(company), **shape}
    uploads = []
    for path, template in (
        (f"/module/GL/{number}/attachment", "/module/{module}/{journalTransactionNumber}/attachment"),
        (f"/module/GL/{number}/2/attachment", "/module/{module}/{journalTransactionNumber}/{lineNumber}/attachment"),
    ):
        response = company.client.post(LEGACY + path, content=body, headers=headers)
        assert_real_response(response, "POST", BARE + template)
        uploads.append(attachment_id(response))
    header, line = uploads
    batch = v2.get(f"/{number}").json()
    assert [a["id"] for a in batch["attachments"]] == [header]
    assert [[a["id"] for a in x["attachments"]] for x in batch["journalTransactionLines"]] == [[], [line]]
    assert batch["attachments"][0] == {"name": "bilag.pdf", "id": header, "revision": 1}
    listed = v2.get(params={"periodId": "201911", "expandAttachments": "true"}).json()
    assert [a["id"] for a in listed[0]["attachments"]] == [header]


def _names(schema: dict) -> set[str]:
    return set(schema["properties"])


def test_the_read_dtos_have_the_documents_members_and_enums():
    real = openapi(DOCUMENT)["components"]["schemas"]
    pairs = {
        journal_v2_schemas.JournalTransactionV2Dto: "JournalTransactionDto",
        journal_v2_schemas.JournalTransactionLineV2Dto: "JournalTransactionLineDto",
        journal_v2_schemas.subaccountInJournalTransactionLineDto: "subaccountInJournalTransactionLineDto",
        journal_v2_schemas.vatCodeInJournalTransactionLineDto: "vatCodeInJournalTransactionLineDto",
        journal_v2_schemas.vatInJournalTransactionLineDto: "vatInJournalTransactionLineDto",
        journal_v2_schemas.projectInJournalTransactionLineDto: "projectInJournalTransactionLineDto",
        journal_v2_schemas.projectTaskInJournalTransactionLineDto: "projectTaskInJournalTransactionLineDto",
    }
    for model, name in pairs.items():
        assert set(model.model_fields) == _names(real[name]), name
    statuses = {s.value for s in journal_v2_schemas.JournalTransactionStatus}
    assert statuses == set(real["JournalTransactionDto"]["properties"]["status"]["enum"])
    modules = {m.value for m in journal_v2_schemas.JournalModule}
    assert modules == set(real["JournalTransactionDto"]["properties"]["module"]["enum"])


def test_the_v2_write_models_are_the_v1_ones_and_have_the_documents_members():
    assert journal_v2_schemas.JournalTransactionUpdateDto is journal_schemas.JournalTransactionUpdateDto
    for model, name in (
        (journal_v2_schemas.JournalTransactionUpdateDto, "JournalTransactionUpdateDto"),
        (journal_v2_schemas.JournalTransactionLineUpdateDto, "JournalTransactionLineUpdateDto"),
    ):
        assert write_kind_mismatches(model, DOCUMENT, name) == {}
        assert set(model.model_fields) == _names(openapi(DOCUMENT)["components"]["schemas"][name])


def test_the_real_document_check_rejects_what_the_document_does_not_allow():
    """The validator is not a rubber stamp: an unknown member, a null and a wrong enum all fail."""

    class Canned:
        status_code = 200

        def __init__(self, body):
            import orjson

            self._body, self.content = body, orjson.dumps(body)

        def json(self):
            return self._body

    good = {"batchNumber": "000001", "status": "Posted", "journalTransactionLines": [{"lineNumber": 1}]}
    assert_real_response(Canned(good), "GET", BARE + "/{journalTransactionNumber}")
    for bad in (
        {**good, "status": "Open"},
        {**good, "unknownMember": 1},
        {**good, "journalTransactionLines": [{"lineNumber": "1"}]},
        {**good, "journalTransactionLines": [{"project": {"id": "X", "code": "X"}}]},
    ):
        with pytest.raises(AssertionError):
            assert_real_response(Canned(bad), "GET", BARE + "/{journalTransactionNumber}")
