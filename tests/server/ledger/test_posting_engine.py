"""The posting engine (ledger/posting.py), called as every module calls it, on both databases: what it posts,
what it refuses (every problem at once, nothing written), and the ledger invariants it keeps."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from nettfin.server.ledger.journal import JournalBatch, JournalLine, LedgerHistory
from nettfin.server.ledger.models import Subaccount
from nettfin.server.ledger.posting import (
    Module,
    PostingLine,
    PostingRefused,
    Source,
    check_posting,
    ledger_invariants,
    post,
    reverse,
)
from tests.ledger_factories import add_dimension, add_years, close_period, insert_accounts
from tests.supplier_ledger_factories import account_balance, batch_count, books

D = Decimal
DAY = date(2019, 11, 8)


@pytest.fixture
def company(tenant):
    return books(tenant)


def _post(tenant, lines, *, module=Module.AP, period="201911", source=Source("Invoice", "000001")):
    with tenant.database.writing() as session:
        batch = post(
            session,
            company_id=tenant.company_id,
            module=module,
            period=period,
            date=DAY,
            description="Test",
            source=source,
            lines=lines,
        )
        return batch.batch_number


def _refused(tenant, lines, **kwargs) -> list[str]:
    with pytest.raises(PostingRefused) as refused:
        _post(tenant, lines, **kwargs)
    return refused.value.problems


def _history(tenant) -> list[tuple]:
    with tenant.database.reading() as session:
        rows = session.scalars(select(LedgerHistory).where(LedgerHistory.company_id == tenant.company_id)).all()
        return sorted((h.account_cd, h.subaccount_cd, h.period_id, h.debit, h.credit) for h in rows)


INVOICE = [
    PostingLine("4300", "20-000", debit=D("100.00")),
    PostingLine("2710", "00-000", debit=D("25.00"), vat_id="1"),
    PostingLine("2400", "00-000", credit=D("125.00"), party="50000"),
]


def test_a_balanced_batch_posts_with_the_next_batch_number_and_adds_to_the_gl_balances(company):
    assert _post(company, INVOICE) == "000001"
    assert _post(company, INVOICE) == "000002"
    with company.database.reading() as session:
        batch = session.scalars(select(JournalBatch).where(JournalBatch.company_id == company.company_id)).first()
        assert (batch.module, batch.status, batch.period_id, batch.source_type, batch.source_number) == (
            "AP",
            "Posted",
            "201911",
            "Invoice",
            "000001",
        )
        assert [(line.line_number, line.account.account_cd) for line in batch.lines] == [
            (1, "4300"),
            (2, "2710"),
            (3, "2400"),
        ]
        assert (batch.debit_total, batch.credit_total) == (D("125"), D("125"))
        assert ledger_invariants(session, company.company_id) == []
    assert ("2400", "00-000", "201911", D("0"), D("250")) in _history(company)
    assert account_balance(company, "2400") == D("-250")


def test_every_problem_is_reported_at_once_and_nothing_is_written(company):
    lines = [
        PostingLine("9999", "00-000", debit=D("10")),
        PostingLine("4300", "99-000", debit=D("-5"), credit=D("5")),
        PostingLine("", None, credit=D("1")),
    ]
    problems = _refused(company, lines, period="201913")
    assert problems == [
        "Financial period '201913' does not exist.",
        "Line 1: Account '9999' cannot be found in the system.",
        "Line 2: An error occurred during processing of the field Subaccount : Error: Avdeling of Subaccount do "
        "not exist.",
        "Line 2: 'Debit amount' cannot be less than 0.",
        "Line 2: A line has a debit amount or a credit amount, not both.",
        "Line 3: 'Account' cannot be empty.",
        "Batch is out of balance, please review. Debit total 5.00, credit total 6.00.",
    ]
    assert batch_count(company) == 0 and _history(company) == []


def test_an_unbalanced_batch_is_refused_to_the_last_decimal(company):
    lines = [PostingLine("4300", None, debit=D("0.0001")), PostingLine("2400", None, credit=D("0"))]
    assert _refused(company, lines) == ["Batch is out of balance, please review. Debit total 0.00, credit total 0.00."]


def test_amounts_are_exact_decimals(company):
    lines = [
        PostingLine("4300", None, debit=D("0.1")),
        PostingLine("4300", None, debit=D("0.2")),
        PostingLine("2400", None, credit=D("0.3")),
    ]
    _post(company, lines)
    assert account_balance(company, "2400") == D("-0.3")


def test_the_period_must_be_open_for_the_posting_module(company):
    close_period(company, "201911", closed_in_supplier_ledger=True)
    assert _refused(company, INVOICE) == ["Financial period '201911' is closed in the Supplier ledger."]
    manual = [PostingLine("6800", None, debit=D("10")), PostingLine("1920", None, credit=D("10"))]
    assert _post(company, manual, module=Module.GL, source=None)
    close_period(company, "201912", closed_in_general_ledger=True)
    assert _refused(company, manual, module=Module.GL, period="201912", source=None) == [
        "Financial period '201912' is closed in the General ledger."
    ]
    close_period(company, "202001", active=False)
    assert _refused(company, INVOICE, period="202001") == ["Financial period '202001' is not active."]


def test_control_accounts_take_postings_from_their_own_ledger_only(company):
    to_receivables = [PostingLine("1500", None, debit=D("1")), PostingLine("2400", None, credit=D("1"))]
    assert _refused(company, to_receivables) == [
        "Line 1: Account '1500' is a control account of the customer ledger (AR): only documents of that ledger "
        "post to it."
    ]
    manual = [PostingLine("6800", None, debit=D("1")), PostingLine("2710", None, credit=D("1"))]
    assert _refused(company, manual, module=Module.GL, source=None) == [
        "Line 2: Account '2710' does not allow manual entries (control account of TX)."
    ]
    # The supplier ledger posts VAT (a TX control account) and its own control account.
    assert _post(company, INVOICE)


def test_an_inactive_account_is_refused(company):
    with company.database.writing() as session:
        from nettfin.server.ledger.models import Account

        session.execute(update(Account).where(Account.company_id == company.company_id).values(active=False))
    problems = _refused(company, INVOICE)
    assert "Line 1: Account '4300' is inactive." in problems and len(problems) == 3


def test_a_subaccount_left_out_takes_the_dimensions_defaults(company):
    _post(company, [PostingLine("4300", None, debit=D("5")), PostingLine("2400", "20-000", credit=D("5"))])
    accounts = {(row[0], row[1]) for row in _history(company)}
    assert accounts == {("4300", "00-000"), ("2400", "20-000")}


def test_a_combination_the_company_requires_but_has_not_defined_is_refused(company):
    problems = _refused(
        company, [PostingLine("4300", "30-200", debit=D("1")), PostingLine("2400", None, credit=D("1"))]
    )
    assert problems == [
        "Line 1: An error occurred during processing of the field Subaccount : Error: 30-200 of "
        "Subaccount do not exist."
    ]


def test_a_valid_combination_not_yet_defined_is_created_when_combinations_are_free(tenant):
    add_years(tenant, 2019)
    add_dimension(tenant, project_validated=False)
    insert_accounts(tenant, "4300", type="Expense")
    insert_accounts(tenant, "2400", type="Liability", control="AP")
    _post(tenant, [PostingLine("4300", "20-777", debit=D("3")), PostingLine("2400", "00-000", credit=D("3"))])
    with tenant.database.reading() as session:
        created = session.scalars(select(Subaccount.subaccount_cd).where(Subaccount.company_id == tenant.company_id))
        assert sorted(created) == ["00-000", "20-777"]
        assert ledger_invariants(session, tenant.company_id) == []


def test_a_company_without_the_dimension_posts_without_subaccounts_and_refuses_one(tenant):
    add_years(tenant, 2019)
    insert_accounts(tenant, "4300", type="Expense")
    insert_accounts(tenant, "2400", type="Liability", control="AP")
    _post(tenant, [PostingLine("4300", None, debit=D("3")), PostingLine("2400", None, credit=D("3"))])
    assert [row[:2] for row in _history(tenant)] == [("2400", ""), ("4300", "")]
    problems = _refused(tenant, [PostingLine("4300", "00-000", debit=D("3")), PostingLine("2400", None, credit=D("3"))])
    assert problems == [
        "Line 1: An error occurred during processing of the field Subaccount : Error: The dimension SUBACCOUNT is "
        "not defined (CS202000)."
    ]


def test_check_posting_reports_the_same_problems_without_writing(company):
    with company.database.reading() as session:
        problems = check_posting(
            session, company_id=company.company_id, module=Module.AP, period="201911", lines=INVOICE[:2]
        )
    assert problems == ["Batch is out of balance, please review. Debit total 125.00, credit total 0.00."]
    assert batch_count(company) == 0


def test_reverse_posts_the_mirror_image_and_names_the_original(company):
    number = _post(company, INVOICE)
    with company.database.writing() as session:
        original = session.scalar(
            select(JournalBatch).where(
                JournalBatch.company_id == company.company_id, JournalBatch.batch_number == number
            )
        )
        reversal = reverse(
            session,
            batch=original,
            period="201912",
            date=date(2019, 12, 1),
            description="Void",
            source=Source("Invoice", "000001"),
        )
        mirrored = [(line.account.account_cd, line.debit, line.credit) for line in reversal.lines]
        assert reversal.original_batch_number == number
    assert mirrored == [("4300", D("0"), D("100.00")), ("2710", D("0"), D("25.00")), ("2400", D("125.00"), D("0"))]
    assert account_balance(company, "2400") == 0 and account_balance(company, "4300") == 0
    assert ("2400", "00-000", "201912", D("125"), D("0")) in _history(company)


def test_the_invariants_catch_a_batch_or_a_balance_changed_behind_the_engines_back(company):
    _post(company, INVOICE)
    with company.database.writing() as session:
        session.execute(
            update(JournalLine)
            .where(JournalLine.company_id == company.company_id, JournalLine.line_number == 1)
            .values(debit=D("99.00"))
        )
    with company.database.reading() as session:
        problems = ledger_invariants(session, company.company_id)
    assert any(p.startswith("Batch 000001 is out of balance") for p in problems)
    assert any(p.startswith("The trial balance is not zero") for p in problems)
    assert any(p.startswith("GL balance ('4300', '20-000', '201911')") for p in problems)
