"""Number sequences (CS201010, `/v1/numberSequence`): the series nettfin numbers records with, list and get,
validated against the real visma-numbersequence document."""

from __future__ import annotations

from tests.party_factories import assert_real
from tests.supplier_ledger_factories import books, journal_body, journal_line


def test_a_series_reads_with_its_one_subsequence(tenant):
    """A company starts with the customers' series (STANDARD_SERIES), before its first customer."""
    response = tenant.get("/numberSequence/CUSTOMER")
    assert response.status_code == 200, response.text
    body = response.json()
    assert_real(body, "numbersequence", "NumberingDto")
    assert body == {
        "numberingId": "CUSTOMER",
        "description": "Customers",
        "manualNumbering": False,
        "newNumberSymbol": "<NEW>",
        "sequence": [
            {
                "numberingId": "CUSTOMER",
                "startNbr": "10001",
                "endNbr": "99999",
                "lastNbr": "10000",
                "warnNbr": "99899",
                "nbrStep": 1,
                "nextNumber": "10001",
            }
        ],
    }


def test_a_document_series_appears_with_its_first_document_and_counts_what_it_gave(tenant):
    before = {series["numberingId"] for series in tenant.get("/numberSequence").json()}
    assert "BATCH" not in before
    books(tenant)
    body = journal_body(journal_line("6800", debit="100.00"), journal_line("1920", credit="100.00"))
    assert tenant.post("/journaltransaction", body).status_code == 201
    listed = {series["numberingId"]: series for series in tenant.get("/numberSequence").json()}
    for series in listed.values():
        assert_real(series, "numbersequence", "NumberingDto")
    assert {"CUSTOMER", "SUPPLIER"} <= set(listed)
    (sequence,) = listed["BATCH"]["sequence"]
    assert (sequence["startNbr"], sequence["lastNbr"], sequence["nextNumber"]) == ("000001", "000001", "000002")


def test_an_unknown_series_is_404(tenant):
    response = tenant.get("/numberSequence/NOPE")
    assert response.status_code == 404
    assert response.json()["message"].endswith("Numbering 'NOPE' not found.")
