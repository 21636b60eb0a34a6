"""Sales prices (`/v1/customerSalesPrice`), discount codes and discount series (`/v1|v2/discountCode`,
`/v1|v2/discount`) through the app on both databases, validated against the real documents; and their use: a
customer invoice line priced and discounted by them, and refused when it names a discount code that does not
apply."""

from __future__ import annotations

from sqlalchemy import func, select

from nettfin.server.pricing.discounts import DISCOUNT_CODE
from nettfin.server.pricing.models import DiscountSeries, SalesPrice
from nettfin.server.pricing.prices import CUSTOMER_SALES_PRICE
from nettfin.server.pricing.router import DiscountUpdateDto
from nettfin.server.receivables.document_models import CustomerInvoice
from tests.party_factories import assert_real, write_kind_mismatches
from tests.pricing_factories import add_discount_code, add_priced_company, price_body, series_body
from tests.sales_factories import add_trading_company, invoice_body


def count(tenant, model) -> int:
    with tenant.database.reading() as session:
        return session.scalar(select(func.count()).select_from(model).where(model.company_id == tenant.company_id))


def v2(tenant, path: str):
    return tenant.client.get(f"/v2{path}", headers=tenant.headers)


def test_the_write_bodies_are_the_real_ones():
    assert (
        write_kind_mismatches(CUSTOMER_SALES_PRICE.write_model, "customersalesprice", "CustomerSalesPriceUpdateDto")
        == {}
    )
    assert write_kind_mismatches(DiscountUpdateDto, "discount", "DiscountUpdateDto") == {}
    assert DISCOUNT_CODE.write_model is None


# --- sales prices -----------------------------------------------------------------------------------------


def test_a_price_is_created_read_listed_and_updated(tenant):
    add_trading_company(tenant)
    created = tenant.post(
        "/customerSalesPrice",
        price_body(priceType="Customer", priceCode="10000", breakQty=5, effectiveDate="2020-01-01T00:00:00"),
    )
    assert created.status_code == 201, created.text
    assert created.headers["Location"].endswith("/customerSalesPrice/1")
    got = tenant.get("/customerSalesPrice/1")
    assert got.status_code == 200, got.text
    body = got.json()
    assert_real(body, "customersalesprice", "CustomerSalesPriceDto")
    assert {k: body[k] for k in ("recordId", "priceType", "priceCode", "inventoryId", "uoM", "currency")} == {
        "recordId": 1,
        "priceType": "Customer",
        "priceCode": "10000",
        "inventoryId": "VARE",
        "uoM": "STK",
        "currency": "NOK",
    }
    assert body["breakQty"] == 5 and body["price"] == 200 and body["promotion"] is False
    assert body["effectiveDate"] == "2020-01-01T00:00:00" and body["description"] == "Lagervare"
    base = tenant.post("/customerSalesPrice", price_body(price="240"))
    assert base.status_code == 201, base.text
    listed = tenant.get("/customerSalesPrice", params={"priceType": "Customer"})
    assert [p["recordId"] for p in listed.json()] == [1]
    for element in listed.json():
        assert_real(element, "customersalesprice", "CustomerSalesPriceDto")
        assert element["metadata"]["totalCount"] == 1
    assert [p["recordId"] for p in tenant.get("/customerSalesPrice", params={"priceCode": "10000"}).json()] == [1]
    assert [p["recordId"] for p in tenant.get("/customerSalesPrice", params={"greaterThanValue": "1"}).json()] == [2]
    assert len(tenant.get("/customerSalesPrice", params={"effectiveAsOf": "2019-06-01"}).json()) == 1
    updated = tenant.put("/customerSalesPrice/1", {"price": {"value": 180}}, headers={"If-Match": got.headers["ETag"]})
    assert updated.status_code == 204, updated.text
    assert tenant.get("/customerSalesPrice/1").json()["price"] == 180
    stale = tenant.put("/customerSalesPrice/1", {"price": {"value": 1}}, headers={"If-Match": got.headers["ETag"]})
    assert stale.status_code == 412
    assert tenant.get("/customerSalesPrice/1").json()["price"] == 180


def test_bad_prices_are_refused_and_nothing_is_written(tenant):
    add_trading_company(tenant)
    cases = [
        (price_body(priceType="Customer", priceCode="99999"), "Customer '99999' cannot be found in the system."),
        (price_body(priceType="Customer"), "'Price code' cannot be empty."),
        (price_body(priceCode="10000"), "'Price code' must be empty for a Base price"),
        (price_body(item="NOPE"), "Item 'NOPE' cannot be found in the system."),
        ({"price": {"value": 10}}, "'Item ID' cannot be empty."),
        (price_body(price="-1"), "'Price' cannot be less than 0."),
        (price_body(currency="XXX"), "Currency 'XXX' cannot be found in the system."),
        (
            price_body(effectiveDate="2020-02-01T00:00:00", expirationDate="2020-01-01T00:00:00"),
            "'Expiration date' (2020-01-01) cannot be before 'Effective date' (2020-02-01).",
        ),
    ]
    for body, message in cases:
        refused = tenant.post("/customerSalesPrice", body)
        assert refused.status_code == 400, refused.text
        assert message in refused.json()["message"], refused.text
    assert count(tenant, SalesPrice) == 0
    assert tenant.post("/customerSalesPrice", price_body()).status_code == 201
    duplicate = tenant.post("/customerSalesPrice", price_body())
    assert duplicate.status_code == 400 and "already exists" in duplicate.json()["message"]
    assert tenant.get("/customerSalesPrice/77").status_code == 404
    assert tenant.get("/customerSalesPrice/abc").status_code == 404
    assert count(tenant, SalesPrice) == 1


# --- discounts --------------------------------------------------------------------------------------------


def test_discount_codes_are_listed_in_the_envelope_and_as_an_array(tenant):
    add_discount_code(tenant, "VOLUM")
    add_discount_code(tenant, "DOK", "Unconditional", discount_type="Document")
    page = tenant.get("/discountCode")
    assert page.status_code == 200, page.text
    body = page.json()
    assert_real(body, "discount-code", "BasePaginationDtoOfDiscountCodeDto")
    assert body["totalCount"] == 2 and [c["discountCode"] for c in body["records"]] == ["DOK", "VOLUM"]
    assert body["records"][1]["discountType"] == "Line" and body["records"][1]["applicableTo"] == "CustomerAndItem"
    listed = v2(tenant, "/discountCode?discountCode=DOK").json()
    assert [c["discountCode"] for c in listed] == ["DOK"]
    assert_real(listed[0], "discountcodev2", "DiscountCodeDto")


def test_a_series_is_created_its_pending_values_made_current_updated_and_deleted(tenant):
    add_trading_company(tenant)
    add_discount_code(tenant, "VOLUM")
    created = tenant.post("/discount", series_body())
    assert created.status_code == 201, created.text
    assert created.headers["Location"].endswith("/discount/VOLUM/S1")
    page = tenant.get("/discount").json()
    assert_real(page, "discount", "BasePaginationDtoOfDiscountDto")
    (series,) = page["records"]
    assert [(b["lineNbr"], b["breakQuantity"], b["pendingBreakQuantity"]) for b in series["discountBreakpoints"]] == [
        (1, 0, 1),
        (2, 0, 10),
    ]
    moved = tenant.post("/discount/VOLUM/S1/2020-01-01/action/updateDiscounts")
    assert moved.status_code == 204, moved.text
    (series,) = v2(tenant, "/discount?discountCode=VOLUM").json()
    assert_real(series, "discountv2", "DiscountDto")
    breakpoints = series["discountBreakpoints"]
    assert [(b["breakQuantity"], b["discountPercent"], b["effectiveDate"]) for b in breakpoints] == [
        (1, 5, "2020-01-01T00:00:00"),
        (10, 10, "2020-01-01T00:00:00"),
    ]
    assert breakpoints[0]["quantityTo"] == 10 and "pendingBreakQuantity" not in breakpoints[0]
    change = {
        "discountBreakpoints": [
            {
                "operation": "Update",
                "lineNbr": {"value": 2},
                "pendingDiscountPercent": {"value": 15},
                "pendingDate": {"value": "2020-06-01"},
            }
        ]
    }
    assert tenant.put("/discount/VOLUM/S1", change).status_code == 204
    early = tenant.post("/discount/VOLUM/S1/2020-05-31/action/updateDiscounts")
    assert early.status_code == 204
    second = v2(tenant, "/discount").json()[0]["discountBreakpoints"][1]
    assert second["discountPercent"] == 10 and second["pendingDiscountPercent"] == 15
    assert tenant.post("/discount/VOLUM/S1/action/updateDiscounts").status_code == 204
    second = v2(tenant, "/discount").json()[0]["discountBreakpoints"][1]
    assert (second["discountPercent"], second["lastDiscountPercent"], second["effectiveDate"]) == (
        15,
        10,
        "2020-06-01T00:00:00",
    )
    assert tenant.client.delete(tenant.url("/discount/VOLUM/S1"), headers=tenant.headers).status_code == 204
    assert count(tenant, DiscountSeries) == 0
    assert tenant.client.delete(tenant.url("/discount/VOLUM/S1"), headers=tenant.headers).status_code == 404


def test_bad_series_are_refused_and_nothing_is_written(tenant):
    add_discount_code(tenant, "VOLUM")
    cases = [
        (series_body(code="NOPE"), "Discount code 'NOPE' cannot be found in the system."),
        (series_body(series=""), "'Series' cannot be empty."),
        (series_body(discountBy="Lots"), "'Discount by' must be one of Percent, Amount, FreeItem: 'Lots'."),
        (series_body(breaks=((1, 120),)), "'Pending discount percent' must be between 0 and 100."),
        (series_body(promotional=True), "'Effective date' cannot be empty."),
    ]
    for body, message in cases:
        refused = tenant.post("/discount", body)
        assert refused.status_code == 400, refused.text
        assert message in refused.json()["message"], refused.text
    assert count(tenant, DiscountSeries) == 0
    assert tenant.post("/discount", series_body()).status_code == 201
    again = tenant.post("/discount", series_body())
    assert again.status_code == 400 and "already exists" in again.json()["message"]
    missing = tenant.put("/discount/VOLUM/S9", {"description": {"value": "x"}})
    assert missing.status_code == 404
    bad_date = tenant.post("/discount/VOLUM/S1/notadate/action/updateDiscounts")
    assert bad_date.status_code == 400 and "filerDate" in bad_date.json()["message"]


# --- use on invoice lines ---------------------------------------------------------------------------------


def _lines(tenant, number: str) -> list[dict]:
    return tenant.get(f"/customerinvoice/{number}").json()["invoiceLines"]


def test_an_invoice_line_gets_the_customers_price_and_line_discount(tenant):
    add_priced_company(tenant)
    body = invoice_body(
        invoiceLines=[
            {"operation": "Insert", "inventoryNumber": {"value": "VARE"}, "quantity": {"value": 2}},
            {"operation": "Insert", "inventoryNumber": {"value": "VARE"}, "quantity": {"value": 12}},
            {"operation": "Insert", "inventoryNumber": {"value": "BOK"}, "quantity": {"value": 1}},
            {
                "operation": "Insert",
                "inventoryNumber": {"value": "VARE"},
                "quantity": {"value": 1},
                "unitPriceInCurrency": {"value": 99},
            },
        ]
    )
    created = tenant.post("/customerinvoice", body)
    assert created.status_code == 201, created.text
    number = created.headers["Location"].rsplit("/", 1)[1]
    lines = _lines(tenant, number)
    assert [(line["unitPriceInCurrency"], line.get("discountPercent"), line.get("discountCode")) for line in lines] == [
        (210, 5, "VOLUM"),
        (190, 10, "VOLUM"),
        (199, 0, None),
        (99, 5, "VOLUM"),
    ]
    assert [line["amount"] for line in lines] == [399, 2052, 199, 94.05]
    export = tenant.post("/customerinvoice", invoice_body(customer="20000", invoiceLines=body["invoiceLines"][:1]))
    number = export.headers["Location"].rsplit("/", 1)[1]
    (line,) = _lines(tenant, number)
    assert (line["unitPriceInCurrency"], line.get("discountPercent")) == (230, 0)


def test_a_line_naming_a_discount_code_that_does_not_apply_is_refused(tenant):
    add_priced_company(tenant)
    add_discount_code(tenant, "ANNEN")
    before = count(tenant, CustomerInvoice)
    line = {"operation": "Insert", "inventoryNumber": {"value": "BOK"}, "quantity": {"value": 1}}
    for code, message in [
        ("VOLUM", "invoiceLines[1]: Discount code 'VOLUM' does not apply to customer '10000' and item 'BOK'"),
        ("ANNEN", "invoiceLines[1]: Discount code 'ANNEN' does not apply to customer '10000' and item 'BOK'"),
        ("NOPE", "invoiceLines[1]: Discount code 'NOPE' cannot be found in the system."),
    ]:
        named = {**line, "discountCode": {"value": code}}
        body = invoice_body(invoiceLines=[invoice_body()["invoiceLines"][0], named])
        refused = tenant.post("/customerinvoice", body)
        assert refused.status_code == 400, refused.text
        assert message in refused.json()["message"], refused.text
    assert count(tenant, CustomerInvoice) == before
    applies = {
        "operation": "Insert",
        "inventoryNumber": {"value": "VARE"},
        "quantity": {"value": 1},
        "discountCode": {"value": "VOLUM"},
    }
    created = tenant.post("/customerinvoice", invoice_body(invoiceLines=[applies]))
    assert created.status_code == 201, created.text
    (line,) = _lines(tenant, created.headers["Location"].rsplit("/", 1)[1])
    assert (line["discountCode"], line["discountPercent"], line["amount"]) == ("VOLUM", 5, 199.5)
