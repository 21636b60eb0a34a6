"""The wire conventions as pure functions: value wrappers, b64 keys, date conditions, rendering."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from nettfin.server.kit.conditions import date_condition, parse_moment
from nettfin.server.kit.errors import BusinessError
from nettfin.server.kit.keys import decode_key
from nettfin.server.kit.render import dumps, format_datetime
from nettfin.server.kit.shapes import merge_nested
from nettfin.server.receivables.customers import CustomerStatus, CustomerUpdateDto

texts = st.text(max_size=30)


@given(name=texts, corporate=st.one_of(st.none(), texts))
def test_wrapped_values_unwrap_to_what_was_sent(name, corporate):
    body = {"name": {"value": name}, "corporateId": {"value": corporate}}
    assert CustomerUpdateDto.model_validate(body).changes() == {"name": name, "corporateId": corporate}


@given(fields=st.sets(st.sampled_from(["name", "gln", "note", "corporateId", "accountReference"])))
def test_absent_and_null_fields_are_not_changes(fields):
    body = {field: {"value": "x"} for field in fields} | {"vatZoneId": None}
    assert set(CustomerUpdateDto.model_validate(body).changes()) == fields


def test_nested_holders_unwrap_member_by_member():
    body = {"mainAddress": {"value": {"city": {"value": "Oslo"}, "countryId": {"value": None}}}}
    assert CustomerUpdateDto.model_validate(body).changes() == {"mainAddress": {"city": "Oslo", "countryId": None}}


def test_plain_exceptions_are_not_wrapped():
    dto = CustomerUpdateDto.model_validate({"overrideWithClassValues": True})
    assert dto.changes() == {"overrideWithClassValues": True}


@given(value=st.one_of(st.integers(), st.text(), st.booleans(), st.lists(st.integers(), max_size=2)))
def test_an_unwrapped_value_is_refused_with_the_wrapper_named(value):
    with pytest.raises(ValidationError, match='must be wrapped as {"value": ...}'):
        CustomerUpdateDto.model_validate({"name": value})


def test_names_and_the_value_key_bind_case_insensitively():
    dto = CustomerUpdateDto.model_validate({"NAME": {"VALUE": "x"}, "Status": {"Value": "inactive"}})
    assert dto.changes() == {"name": "x", "status": CustomerStatus.Inactive}


@given(
    extra=st.dictionaries(
        st.text(min_size=1, max_size=10).filter(
            lambda k: k.casefold() not in {f.casefold() for f in CustomerUpdateDto.model_fields}
        ),
        st.integers(),
        max_size=4,
    )
)
def test_unknown_fields_are_collected_not_applied(extra):
    dto = CustomerUpdateDto.model_validate({"name": {"value": "x"}, **extra})
    assert dto.changes() == {"name": "x"}
    assert dto.ignored_fields() == sorted(extra)


@given(
    stored=st.dictionaries(st.sampled_from(["city", "postalCode", "addressLine1"]), st.text(min_size=1)),
    changes=st.dictionaries(
        st.sampled_from(["city", "postalCode", "addressLine2"]), st.one_of(st.none(), st.text(min_size=1))
    ),
)
def test_merging_a_nested_patch_keeps_untouched_members(stored, changes):
    merged = merge_nested(stored, changes)
    for key, value in stored.items():
        if key not in changes:
            assert merged[key] == value
    for key, value in changes.items():
        assert merged.get(key) == value


@given(key=st.text(min_size=1, max_size=40))
def test_b64_keys_decode_to_the_original(key):
    encoded = base64.urlsafe_b64encode(key.encode()).decode().rstrip("=")
    assert decode_key(f"b64({encoded})") == key


def test_b64_example_from_the_release_notes():
    assert decode_key("b64(Oi8_I1tdQCYqKzs)") == ":/?#[]@&*+;"
    assert decode_key("plain") == "plain"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-03-01", datetime(2020, 3, 1, tzinfo=UTC)),
        ("2020-03-01 10:11:12", datetime(2020, 3, 1, 10, 11, 12, tzinfo=UTC)),
        ("2020-03-01 10:11:12.5", datetime(2020, 3, 1, 10, 11, 12, 500000, tzinfo=UTC)),
        ("2020-03-01T10:11:12", datetime(2020, 3, 1, 10, 11, 12, tzinfo=UTC)),
        ("2020-03-01T10:11:12.123", datetime(2020, 3, 1, 10, 11, 12, 123000, tzinfo=UTC)),
    ],
)
def test_the_five_formats_parse_as_utc(text, expected):
    assert parse_moment("lastModifiedDateTime", text) == expected


@pytest.mark.parametrize("text", ["2020-13-01", "01.03.2020", "2020-03-01T25:00:00", "yesterday", "2020-03-01Z"])
def test_other_formats_are_refused(text):
    with pytest.raises(BusinessError, match="Accepted formats"):
        parse_moment("lastModifiedDateTime", text)


def test_condition_pairs_are_mutually_inclusive():
    assert date_condition("createdDateTime", None, None) is None
    with pytest.raises(BusinessError):
        date_condition("createdDateTime", "2020-01-01", None)
    with pytest.raises(BusinessError):
        date_condition("createdDateTime", None, ">")


def test_datetimes_render_without_offset_and_with_milliseconds_when_present():
    assert format_datetime(datetime(2020, 3, 1, tzinfo=UTC)) == "2020-03-01T00:00:00"
    assert format_datetime(datetime(2021, 3, 26, 12, 47, 41, 143999, tzinfo=UTC)) == "2021-03-26T12:47:41.143"


@given(
    amount=st.decimals(
        allow_nan=False, allow_infinity=False, places=4, min_value=Decimal("-1e15"), max_value=Decimal("1e15")
    )
)
def test_decimals_render_as_json_numbers_with_their_scale(amount):
    rendered = dumps({"a": amount})
    assert rendered == b'{"a":' + format(amount, "f").encode() + b"}"
