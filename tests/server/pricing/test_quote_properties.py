"""Properties of the pure choice of a line's price and discount (pricing/quote.py), over random price lists and
series: what is chosen fits the line, and nothing that fits is better by Visma's order."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from nettfin.server.pricing.quote import Line, choose_discount, choose_price, dimensions

DAY = date(2020, 3, 1)
_RANK = {"Customer": 0, "CustomerPriceClass": 1, "Base": 2}

prices = st.lists(
    st.builds(
        SimpleNamespace,
        price_type=st.sampled_from(["Base", "Customer", "CustomerPriceClass"]),
        customer_id=st.sampled_from([1, 2]),
        price_class=st.sampled_from([None, "A"]),
        uom=st.sampled_from(["STK", "KG"]),
        currency_id=st.sampled_from(["NOK", "EUR"]),
        warehouse_id=st.sampled_from([None, 1]),
        break_qty=st.integers(0, 20).map(Decimal),
        promotion=st.booleans(),
        effective_date=st.sampled_from([None, DAY - timedelta(days=10), DAY + timedelta(days=1)]),
        expiration_date=st.sampled_from([None, DAY, DAY - timedelta(days=1)]),
        price=st.integers(1, 1000).map(Decimal),
        record_id=st.integers(1, 10**6),
    ),
    max_size=12,
)
lines = st.builds(
    Line,
    customer_id=st.just(1),
    item_id=st.just(1),
    quantity=st.integers(0, 25).map(Decimal),
    uom=st.just("STK"),
    currency=st.just("NOK"),
    on=st.just(DAY),
    warehouse_id=st.sampled_from([None, 1]),
    price_class=st.sampled_from([None, "A"]),
)


def _fits(price, line: Line) -> bool:
    party = {
        "Customer": price.customer_id == line.customer_id,
        "CustomerPriceClass": line.price_class is not None and price.price_class == line.price_class,
        "Base": True,
    }[price.price_type]
    return (
        party
        and price.uom == line.uom
        and price.currency_id == line.currency
        and price.warehouse_id in (None, line.warehouse_id)
        and price.break_qty <= line.quantity
        and (price.effective_date is None or price.effective_date <= line.on)
        and (price.expiration_date is None or line.on <= price.expiration_date)
    )


@settings(max_examples=300, deadline=None)
@given(prices, lines)
def test_the_chosen_price_fits_and_none_that_fits_ranks_before_it(candidates, line):
    chosen = choose_price(candidates, line)
    fitting = [p for p in candidates if _fits(p, line)]
    if chosen is None:
        assert fitting == []
        return
    assert _fits(chosen, line)
    for other in fitting:
        assert _RANK[other.price_type] >= _RANK[chosen.price_type]
        if other.price_type == chosen.price_type and other.promotion == chosen.promotion:
            assert other.break_qty <= chosen.break_qty
        if other.price_type == chosen.price_type:
            assert chosen.promotion or not other.promotion


def _series(code: str, applicable: str, breaks: list[tuple[int, int]], *, manual=False, promotional=False):
    return SimpleNamespace(
        code=SimpleNamespace(code=code, discount_type="Line", applicable_to=applicable, manual=manual),
        series="S1",
        active=True,
        promotional=promotional,
        effective_date=DAY if promotional else None,
        expiration_date=None,
        break_by="Quantity",
        discount_by="Percent",
        targets=[SimpleNamespace(kind="Customer", customer_id=1), SimpleNamespace(kind="Item", item_id=1)],
        breakpoints=[
            SimpleNamespace(
                line_nbr=n,
                break_quantity=Decimal(q),
                break_amount=Decimal(0),
                discount_percent=Decimal(p),
                discount_amount=Decimal(0),
                effective_date=None,
            )
            for n, (q, p) in enumerate(breaks, start=1)
        ],
    )


breaks = st.lists(st.tuples(st.integers(0, 20), st.integers(0, 50)), min_size=1, max_size=5, unique_by=lambda b: b[0])


@settings(max_examples=300, deadline=None)
@given(breaks, breaks, lines, st.booleans())
def test_the_best_reached_discount_is_chosen_and_a_manual_code_only_when_named(first, second, line, manual):
    base = Decimal(100) * line.quantity
    volume = _series("VOLUM", "CustomerAndItem", first)
    campaign = _series("KAMPANJE", "Unconditional", second, manual=manual)
    chosen = choose_discount([volume, campaign], line, base)

    def reached(series_breaks):
        below = [(q, p) for q, p in series_breaks if q <= line.quantity]
        return max(below, key=lambda b: b[0])[1] if below else None

    offers = {"VOLUM": reached(first), "KAMPANJE": None if manual else reached(second)}
    offered = {code: p for code, p in offers.items() if p is not None}
    if not offered:
        assert chosen is None
        return
    series, percent, amount = chosen
    assert percent in offered.values() and series.code.code in offered
    assert amount == (base * percent / 100).quantize(Decimal("0.01"))
    assert amount == max((base * p / 100).quantize(Decimal("0.01")) for p in offered.values())
    named = choose_discount([volume, campaign], line, base, code="KAMPANJE")
    assert (named is None) == (reached(second) is None)


def test_applicable_to_names_its_dimensions():
    assert dimensions("CustomerAndItem") == ["Customer", "Item"]
    assert dimensions("Unconditional") == []
    assert dimensions("WarehouseAndItem") == ["Warehouse", "Item"]
