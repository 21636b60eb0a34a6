"""A path's template (kit/routing.py) is found by a tree of the templates' segments; it must be the template the
plain rule names: the first, in the templates' order, of the path's length whose literals equal the path's
segments case-insensitively."""

from __future__ import annotations

import random

from nettfin.server.app import create_app
from nettfin.server.kit.routing import AspNetRequests, TemplateTree
from nettfin.server.settings import Settings


def _first_matching(folded: list[str], templates) -> tuple | None:
    """The rule itself: every template in turn."""
    for template in templates:
        if len(template) == len(folded) and all(
            t is None or t.casefold() == f for t, f in zip(template, folded, strict=True)
        ):
            return template
    return None


def _templates(app) -> dict:
    layer = app.build_middleware_stack()
    while not isinstance(layer, AspNetRequests):
        layer = layer.app
    return layer.templates


def test_a_literal_wins_over_a_parameter_and_a_spelling_over_a_later_one():
    templates = [
        ("v1", "customer", "action"),
        ("v1", "customer", None),
        ("v1", "supplierInvoice", None),
        ("v1", "supplierinvoice", None),
        ("v1", None, "x"),
    ]
    tree = TemplateTree(templates)
    assert tree.match(["v1", "customer", "action"]) == ("v1", "customer", "action")
    assert tree.match(["v1", "customer", "10001"]) == ("v1", "customer", None)
    assert tree.match(["v1", "supplierinvoice", "7"]) == ("v1", "supplierInvoice", None)
    assert tree.match(["v1", "customer", "x"]) == ("v1", "customer", None)  # the literal `customer` first
    assert tree.match(["v1", "other", "x"]) == ("v1", None, "x")  # back out of a literal that leads nowhere
    assert tree.match(["v1", "customer"]) is None
    assert tree.match(["v2", "customer", "1"]) is None


def test_every_template_of_the_app_is_found_as_the_rule_finds_it(database, tmp_path):
    templates = _templates(create_app(Settings(data_dir=tmp_path), database=database))
    tree = TemplateTree(templates)
    assert len(templates) > 700
    rng = random.Random(20261206)
    literals = sorted({s.casefold() for t in templates for s in t if s is not None})
    checked = 0
    for template in templates:
        for _ in range(3):
            segments = [rng.choice(["10001", "action", rng.choice(literals)]) if s is None else s for s in template]
            folded = [s.casefold() for s in segments]
            expected = _first_matching(folded, templates)
            assert expected is not None
            assert tree.match(folded) == expected, segments
            checked += 1
        unknown = ["nowhere" if s is not None else "1" for s in template]
        assert tree.match(unknown) == _first_matching(unknown, templates)
    assert checked == 3 * len(templates)
