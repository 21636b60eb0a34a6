"""Fixed assets (FA): classes (`/v1/fixedAssetClass`), property tax groups (`/v1/fixedAssetPropertyTaxGroup`),
assets (`/v1/fixedAsset`) and their transactions (`/v1/fixedAssetTransaction`) through the app on both
databases, validated against the real documents; the acquisition and the depreciation runs (service.py) as they
post to the general ledger, and what they refuse."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from nettfin.server.assets.models import FixedAsset, FixedAssetTransaction
from nettfin.server.assets.schedule import life_in_months, schedule
from nettfin.server.assets.service import (
    Acquisition,
    ClassAccounts,
    DepreciationRefused,
    acquire,
    add_class,
    add_property_tax_group,
    depreciate,
    figures,
)
from nettfin.server.kit.errors import BusinessError
from nettfin.server.ledger.journal import JournalBatch
from nettfin.server.ledger.posting import account_balance, ledger_invariants
from nettfin.server.timecards.models import Department
from tests.ledger_factories import add_years, close_period, insert_accounts, real_query_parameters
from tests.party_factories import assert_real
from tests.server.organisation.test_branch_api import served_query_parameters

ACCOUNTS = ClassAccounts(asset="1200", accrual="2990", accumulated_depreciation="1209", depreciation_expense="6000")
DOCUMENTS = {
    "/fixedAssetClass": ("fixedassetclass", "FixedAssetClassDto"),
    "/fixedAssetPropertyTaxGroup": ("fixedassetpropertytaxgroup", "FixedAssetPropertyTaxDto"),
    "/fixedAsset": ("fixedasset", "FixedAssetDto"),
    "/fixedAssetTransaction": ("fixedassettransaction", "FixedAssetTransactionDto"),
}


def set_up(tenant, *years: int) -> None:
    """Accounts, the years' periods, class MASKIN (5 years) and KONTOR (3 years), property tax group EIENDOM."""
    insert_accounts(tenant, "1200", "1209", "1280", "1289")
    insert_accounts(tenant, "2990", type="Liability")
    insert_accounts(tenant, "6000", "6010", type="Expense")
    add_years(tenant, *(years or (2020, 2021)))
    with tenant.database.writing() as session:
        add_class(
            session,
            tenant.company_id,
            class_id="MASKIN",
            description="Maskiner og anlegg",
            useful_life=Decimal(5),
            accounts=ACCOUNTS,
            asset_type_id="MASKIN",
        )
        add_class(
            session,
            tenant.company_id,
            class_id="KONTOR",
            description="Kontormaskiner",
            useful_life=Decimal(3),
            accounts=ClassAccounts("1280", "2990", "1289", "6010"),
        )
        add_property_tax_group(
            session,
            tenant.company_id,
            property_tax_id="EIENDOM",
            description="Eiendomsskatt",
            details=[(date(2020, 1, 1), Decimal("1000000"), Decimal("70"))],
        )
        session.add(Department(company_id=tenant.company_id, department_id="ADM", description="Administrasjon"))


def buy(tenant, asset_id="FA1", class_id="MASKIN", cost="60000", day=date(2020, 1, 15), **extra) -> FixedAsset:
    with tenant.database.writing() as session:
        acquisition = Acquisition(asset_id, class_id, f"Asset {asset_id}", Decimal(cost), day, **extra)
        return acquire(session, tenant.company_id, acquisition)


def run(tenant, period: str, *assets: str):
    with tenant.database.writing() as session:
        return depreciate(session, tenant.company_id, period, assets)


def refused(tenant, period: str, *assets: str) -> list[str]:
    before = counts(tenant)
    with pytest.raises(DepreciationRefused) as raised:
        run(tenant, period, *assets)
    assert counts(tenant) == before  # nothing written
    return raised.value.problems


def counts(tenant) -> tuple[int, int]:
    with tenant.database.reading() as session:
        batches = select(func.count()).select_from(JournalBatch).where(JournalBatch.company_id == tenant.company_id)
        lines = select(func.count()).select_from(FixedAssetTransaction)
        lines = lines.where(FixedAssetTransaction.company_id == tenant.company_id)
        return session.scalar(batches), session.scalar(lines)


def balance(tenant, account: str) -> Decimal:
    with tenant.database.reading() as session:
        assert ledger_invariants(session, tenant.company_id) == []
        return account_balance(session, tenant.company_id, account)


def asset_figures(tenant, asset_id: str):
    with tenant.database.reading() as session:
        asset = session.scalar(
            select(FixedAsset).where(FixedAsset.company_id == tenant.company_id, FixedAsset.asset_id == asset_id)
        )
        return figures(asset), asset.status


# --- the schedule -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("amount", "months"), [("10000", 36), ("1.00", 60), ("60000", 60), ("999.99", 7), ("5", 1)])
def test_the_schedule_spreads_the_depreciable_amount_exactly(amount, months):
    periods = schedule(Decimal(amount), months)
    assert len(periods) == months and sum(periods) == Decimal(amount)
    assert all(p >= 0 for p in periods)
    assert len(set(periods[:-1])) <= 1 and periods[-1] >= periods[0]


def test_useful_life_is_counted_in_whole_months():
    assert [life_in_months(Decimal(y)) for y in ("5", "2.5", "0.5", "0.04")] == [60, 30, 6, 0]


# --- reads ------------------------------------------------------------------------------------------------


def test_every_read_is_the_real_dto(tenant):
    set_up(tenant)
    buy(tenant, branch="1", department="ADM", property_tax_group="EIENDOM", serial_number="SN-1", bill_number="F-9")
    run(tenant, "202001")
    for path, (document, component) in DOCUMENTS.items():
        listed = tenant.get(path, params={"expandAccounts": "true"} if path == "/fixedAsset" else None)
        assert listed.status_code == 200, listed.text
        assert listed.json(), path
        for element in listed.json():
            assert_real(element, document, component)
            assert element["metadata"]["totalCount"] == len(listed.json())
    for path, key in (
        ("/fixedAssetClass", "MASKIN"),
        ("/fixedAssetPropertyTaxGroup", "EIENDOM"),
        ("/fixedAsset", "FA1"),
    ):
        got = tenant.get(f"{path}/{key}")
        assert got.status_code == 200, got.text
        assert_real(got.json(), *DOCUMENTS[path])
    register = tenant.get("/fixedAssetTransaction/000002")
    assert register.status_code == 200, register.text
    for line in register.json():
        assert_real(line, *DOCUMENTS["/fixedAssetTransaction"])


def test_the_lists_take_the_real_query_parameters(tenant):
    for path, (document, _) in DOCUMENTS.items():
        real = real_query_parameters(document, f"/v1{path}")
        assert real <= served_query_parameters(tenant, f"/v1{path}"), path


def test_a_class_reads_with_its_accounts_and_book(tenant):
    set_up(tenant)
    body = tenant.get("/fixedAssetClass/MASKIN").json()
    assert body == {
        "classID": "MASKIN",
        "recordType": "C",
        "description": "Maskiner og anlegg",
        "active": True,
        "assetTypeID": "MASKIN",
        "isTangible": True,
        "depreciable": True,
        "usefulLife": 5,
        "acceleratedDepreciation": False,
        "bookSettings": {"bookID": "ACTUAL", "depreciationMethodID": "SL"},
        "accounts": {
            "accountID": "1200",
            "accrualAccountID": "2990",
            "accumulatedDepreciationAccountID": "1209",
            "depreciatedExpenseAccountID": "6000",
        },
    }
    assert [c["classID"] for c in tenant.get("/fixedAssetClass").json()] == ["KONTOR", "MASKIN"]
    assert [c["classID"] for c in tenant.get("/fixedAssetClass", params={"classID": "KONTOR"}).json()] == ["KONTOR"]
    missing = tenant.get("/fixedAssetClass/NONE")
    assert missing.status_code == 404 and "Fixed asset class 'NONE' not found." in missing.text


def test_a_property_tax_group_reads_with_its_details(tenant):
    set_up(tenant)
    body = tenant.get("/fixedAssetPropertyTaxGroup/EIENDOM").json()
    assert body == {
        "propertyTaxID": "EIENDOM",
        "description": "Eiendomsskatt",
        "active": True,
        "details": [{"date": "2020-01-01T00:00:00", "propertyValue": 1000000, "minPercent": 70}],
    }
    assert tenant.get("/fixedAssetPropertyTaxGroup", params={"active": "false"}).json() == []


def test_an_asset_reads_its_book_balance_from_its_transactions(tenant):
    set_up(tenant)
    buy(tenant, salvage_amount=Decimal(6000), department="ADM", property_tax_group="EIENDOM")
    run(tenant, "202001")
    run(tenant, "202002")
    body = tenant.get("/fixedAsset/FA1").json()
    last_modified = body.pop("lastModifiedDateTime")
    assert last_modified
    assert body == {
        "assetID": "FA1",
        "recordType": "A",
        "description": "Asset FA1",
        "classID": "MASKIN",
        "isTangible": True,
        "quantity": 1,
        "depreciable": True,
        "usefulLife": 5,
        "details": {
            "propertyType": "Property",
            "status": "Active",
            "receiptDate": "2020-01-15T00:00:00",
            "depreciateFromDate": "2020-01-15T00:00:00",
            "acquisitionCost": 60000,
            "salvageAmount": 6000,
        },
        "bookBalance": {
            "acquisitionCost": 60000,
            "depreciationMethodID": "SL",
            "depreciationFromDate": "2020-01-15T00:00:00",
            "depreciationFromPeriod": "202001",
            "depreciationToPeriod": "202412",
            "lastDepreciationPeriod": "202002",
            "salvageAmount": 6000,
            "usefulLife": 5,
            "book": {"bookID": "ACTUAL", "description": "Actual book, posted to the general ledger"},
        },
        "location": {"departmentID": "ADM", "branchID": "1"},
        "propertyTax": {"propertyTaxID": "EIENDOM", "description": "Eiendomsskatt"},
        "type": {"assetTypeID": "MASKIN"},
    }
    expanded = tenant.get("/fixedAsset/FA1", params={"ExpandAccounts": "true"}).json()
    assert expanded["accounts"]["accumulatedDepreciationAccountID"] == "1209"
    assert "accounts" not in tenant.get("/fixedAsset").json()[0]


def test_the_asset_list_filters(tenant):
    set_up(tenant)
    buy(tenant, "FA1")
    buy(tenant, "FA2", "KONTOR", "30000", date(2020, 3, 2))
    buy(tenant, "FA3", "KONTOR", "12000", date(2020, 3, 20), depreciate_from=date(2020, 4, 1))

    def ids(**params):
        response = tenant.get("/fixedAsset", params=params)
        assert response.status_code == 200, response.text
        return [a["assetID"] for a in response.json()]

    assert ids() == ["FA1", "FA2", "FA3"]
    assert ids(classID="KONTOR") == ["FA2", "FA3"]
    assert ids(assetID="FA2") == ["FA2"]
    assert ids(fromDate="2020-03-01", toDate="2020-03-31") == ["FA2"]
    assert ids(status="FullyDepreciated") == []
    assert ids(pageSize=2, pageNumber=2) == ["FA3"]
    bad = tenant.get("/fixedAsset", params={"fromDate": "15.01.2020"})
    assert bad.status_code == 400 and "fromDate" in bad.text
    assert tenant.get("/fixedAsset/NONE").status_code == 404


def test_the_transaction_list_filters_and_a_register_reads_as_its_lines(tenant):
    set_up(tenant)
    buy(tenant, "FA1")
    buy(tenant, "FA2", "KONTOR", "36000", date(2020, 1, 20))
    first = run(tenant, "202001")
    run(tenant, "202002")

    def lines(**params):
        response = tenant.get("/fixedAssetTransaction", params=params)
        assert response.status_code == 200, response.text
        return [(t["refNo"], t["lineNo"], t["assetID"], t["transactionType"]) for t in response.json()]

    assert lines() == [
        ("000001", 1, "FA1", "PurchasingPlus"),
        ("000002", 1, "FA2", "PurchasingPlus"),
        ("000003", 1, "FA1", "DepreciationPlus"),
        ("000003", 2, "FA2", "DepreciationPlus"),
        ("000004", 1, "FA1", "DepreciationPlus"),
        ("000004", 2, "FA2", "DepreciationPlus"),
    ]
    assert lines(assetID="FA2", transactionType="DepreciationPlus") == [
        ("000003", 2, "FA2", "DepreciationPlus"),
        ("000004", 2, "FA2", "DepreciationPlus"),
    ]
    assert lines(fromPeriod="202002") == lines(refNo="000004")
    assert len(lines(toPeriod="202001", accountID="1289")) == 1
    assert len(lines(accountID="1200")) == 1
    assert len(lines(transactionFromDate="2020-02-29")) == 2
    assert lines(status="Unposted") == []
    bad = tenant.get("/fixedAssetTransaction", params={"fromPeriod": "2020-01"})
    assert bad.status_code == 400 and "YYYYMM" in bad.text

    register = tenant.get(f"/fixedAssetTransaction/{first.ref_no}").json()
    assert [line["assetID"] for line in register] == ["FA1", "FA2"]
    (fa2,) = [line for line in register if line["assetID"] == "FA2"]
    fa2.pop("lastModifiedDateTime")
    assert fa2 == {
        "refNo": first.ref_no,
        "lineNo": 2,
        "branchID": "1",
        "origin": "Depreciation",
        "assetID": "FA2",
        "transactionDescription": "Depreciation of FA2, 202001",
        "bookID": "ACTUAL",
        "transactionType": "DepreciationPlus",
        "accounts": {"debitAccountID": "6010", "creditAccountID": "1289"},
        "transactionAmount": 1000,
        "batchNo": first.batch_number,
        "transactionPeriodID": "202001",
        "transactionDate": "2020-01-31T00:00:00",
        "register": {"documentDate": "2020-01-31T00:00:00", "status": "Posted", "hold": False},
    }
    missing = tenant.get("/fixedAssetTransaction/999999")
    assert missing.status_code == 404 and "Fixed asset transaction '999999' not found." in missing.text


# --- the accounting ---------------------------------------------------------------------------------------


def test_an_acquisition_posts_the_asset_account_against_the_accrual_account(tenant):
    set_up(tenant)
    buy(tenant, cost="60000.50")
    assert balance(tenant, "1200") == Decimal("60000.50")
    assert balance(tenant, "2990") == Decimal("-60000.50")
    (purchase,) = tenant.get("/fixedAssetTransaction", params={"assetID": "FA1"}).json()
    assert purchase["accounts"] == {"debitAccountID": "1200", "creditAccountID": "2990"}
    assert purchase["transactionAmount"] == 60000.5
    batch = tenant.get(f"/journaltransaction/{purchase['batchNo']}")
    assert batch.status_code == 200, batch.text
    assert batch.json()["module"] == "ModuleFA"


def test_depreciation_posts_straight_line_to_the_end_of_the_useful_life(tenant):
    set_up(tenant, 2020, 2021, 2022, 2023)
    buy(tenant, "PC", "KONTOR", "10000", date(2020, 1, 31), salvage_amount=Decimal("1000.01"))
    depreciable = Decimal("8999.99")
    periods = [f"{2020 + month // 12}{month % 12 + 1:02d}" for month in range(36)]
    for period in periods:
        run(tenant, period)
    amounts = [
        Decimal(str(t["transactionAmount"]))
        for t in tenant.get("/fixedAssetTransaction", params={"transactionType": "DepreciationPlus"}).json()
    ]
    assert len(amounts) == 36 and sum(amounts) == depreciable
    assert amounts[0] == Decimal("249.99") and amounts[-1] == depreciable - Decimal("249.99") * 35
    assert balance(tenant, "6010") == depreciable
    assert balance(tenant, "1289") == -depreciable
    assert balance(tenant, "1280") + balance(tenant, "1289") == Decimal("1000.01")  # the salvage value is left
    found, status = asset_figures(tenant, "PC")
    assert (found.accumulated_depreciation, found.net_book_value, status) == (
        depreciable,
        Decimal("1000.01"),
        "FullyDepreciated",
    )
    assert tenant.get("/fixedAsset/PC").json()["bookBalance"]["lastDepreciationPeriod"] == "202212"
    assert refused(tenant, "202301", "PC") == ["Fixed asset 'PC' is fully depreciated."]
    assert refused(tenant, "202301") == ["No fixed asset is to be depreciated in period '202301'."]


def test_a_run_depreciates_every_asset_due_in_one_batch(tenant):
    set_up(tenant)
    buy(tenant, "FA1")  # 60000 over 60 months
    buy(tenant, "FA2", "KONTOR", "36000", date(2020, 2, 10))  # 36000 over 36 months, from February
    january = run(tenant, "202001")
    assert january.amounts == {"FA1": Decimal("1000.00")}
    february = run(tenant, "202002")
    assert february.amounts == {"FA1": Decimal("1000.00"), "FA2": Decimal("1000.00")}
    assert balance(tenant, "6000") == Decimal(2000) and balance(tenant, "1209") == Decimal(-2000)
    assert balance(tenant, "6010") == Decimal(1000) and balance(tenant, "1289") == Decimal(-1000)
    batch = tenant.get(f"/journaltransaction/{february.batch_number}").json()
    assert [
        (line["accountNumber"], line["debitAmount"], line["creditAmount"]) for line in batch["journalTransactionLines"]
    ] == [
        ("6000", 1000, 0),
        ("1209", 0, 1000),
        ("6010", 1000, 0),
        ("1289", 0, 1000),
    ]


def test_a_run_refuses_a_closed_period_a_period_done_and_a_gap(tenant):
    set_up(tenant)
    buy(tenant, "FA1")
    buy(tenant, "FA2", "KONTOR", "36000", date(2020, 1, 10))
    run(tenant, "202001")
    assert refused(tenant, "202001") == ["Period '202001' has already been depreciated."]
    assert refused(tenant, "202001", "FA1") == ["Fixed asset 'FA1' has already been depreciated for period '202001'."]
    assert refused(tenant, "202003") == [
        "Fixed asset 'FA1' has not been depreciated for period '202002': depreciate the periods in order.",
        "Fixed asset 'FA2' has not been depreciated for period '202002': depreciate the periods in order.",
    ]
    close_period(tenant, "202002", closed_in_fixed_assets=True)
    assert refused(tenant, "202002") == ["Financial period '202002' is closed in the Fixed assets."]
    assert refused(tenant, "203001")[0] == "Financial period '203001' does not exist."
    assert refused(tenant, "2020-02") == ["'2020-02' is not a financial period: a period is YYYYPP, as 202003."]
    assert refused(tenant, "202002", "NONE")[-1] == "Fixed asset 'NONE' cannot be found in the system."
    assert balance(tenant, "6000") == Decimal(1000)


def test_a_disposed_asset_is_not_depreciated(tenant):
    set_up(tenant)
    buy(tenant, "FA1")
    buy(tenant, "FA2", "KONTOR", "36000", date(2020, 1, 10))
    # Disposal is not served (nor by the real API): the status is set as a disposal would leave it.
    with tenant.database.writing() as session:
        session.execute(
            update(FixedAsset)
            .where(FixedAsset.company_id == tenant.company_id, FixedAsset.asset_id == "FA2")
            .values(status="Disposed")
        )
    assert refused(tenant, "202001", "FA2") == ["Fixed asset 'FA2' is disposed."]
    assert run(tenant, "202001").amounts == {"FA1": Decimal("1000.00")}


def test_an_acquisition_reports_every_problem_and_writes_nothing(tenant):
    set_up(tenant)
    close_period(tenant, "202001", closed_in_fixed_assets=True)
    before = counts(tenant)
    with pytest.raises(BusinessError) as raised:
        buy(tenant, "FA1", "NONE", "0", salvage_amount=Decimal(-1), branch="9", department="X")
    assert raised.value.message == (
        "Error inserting the fixed asset. Error: Inserting 'Fixed Asset' record raised at least one error. Please "
        "review the errors.\r\n"
        "Error: Fixed asset class 'NONE' cannot be found in the system.\r\n"
        "Error: 'Acquisition cost' must be greater than 0; it is 0.\r\n"
        "Error: 'Salvage amount' must be 0 or more and less than the acquisition cost; it is -1.\r\n"
        "Error: Branch '9' cannot be found in the system.\r\n"
        "Error: Department 'X' cannot be found in the system.\r\n"
        "Error: Financial period '202001' is closed in the Fixed assets.\r\n"
    )
    assert counts(tenant) == before
    buy(tenant, "FA1", day=date(2020, 2, 1))
    with pytest.raises(BusinessError, match="'Asset ID' 'FA1' already exists"):
        buy(tenant, "FA1", day=date(2020, 2, 1))
    with pytest.raises(BusinessError, match="'Salvage amount'"):
        buy(tenant, "FA2", cost="100", salvage_amount=Decimal(100), day=date(2020, 2, 1))
