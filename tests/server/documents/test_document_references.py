"""Branch and payment method codes on documents (`documents.references`), the same rule on every document that
has them: an unknown or inactive code is refused with the field named, a supplier document refuses a method not
used in AP, a line's code names the line, and nothing is written; known codes are kept."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from nettfin.server.organisation.models import Branch
from nettfin.server.terms.models import PaymentMethod
from tests import sales_factories as sales
from tests import supplier_ledger_factories as supplier_ledger
from tests.factories import new_number


def add_codes(tenant) -> None:
    """Branch 2 inactive beside the main branch 1; payment methods BANK, KORT (not for AP) and GAMMEL
    (inactive), unless the company has them already."""
    with tenant.database.writing() as session:
        main = session.query(Branch).filter_by(company_id=tenant.company_id, branch_cd="1").one()
        session.add(
            Branch(
                company_id=tenant.company_id,
                organization_id=main.organization_id,
                branch_cd="2",
                name="Nedlagt avdeling",
                active=False,
            )
        )
        known = {m.payment_method_id for m in session.query(PaymentMethod).filter_by(company_id=tenant.company_id)}
        for code, active, in_ap in (("BANK", True, True), ("KORT", True, False), ("GAMMEL", False, True)):
            if code not in known:
                session.add(
                    PaymentMethod(company_id=tenant.company_id, payment_method_id=code, active=active, use_in_ap=in_ap)
                )


@dataclass(frozen=True)
class Document:
    path: str
    setup: Callable
    body: Callable[..., dict]
    branch: str | None  # the header's branch member
    method: str | None  # the header's payment method member
    lines: str | None = None  # the body's lines, whose first line has `line_branch`
    line_branch: str | None = None
    supplier_side: bool = False


def _credit_note_body(**extra) -> dict:
    body = sales.invoice_body()
    body["lines"] = body.pop("invoiceLines")
    return {**body, **extra}


DOCUMENTS = [
    Document(
        "/customerinvoice",
        sales.add_trading_company,
        sales.invoice_body,
        "branchNumber",
        "paymentMethodId",
        "invoiceLines",
        "branchNumber",
    ),
    Document(
        "/customercreditnote",
        sales.add_trading_company,
        _credit_note_body,
        "branchNumber",
        "paymentMethodId",
        "lines",
        "branchNumber",
    ),
    Document(
        "/customerPayment",
        sales.add_trading_company,
        lambda **e: sales.payment_body(amount="100", **e),
        None,
        "paymentMethod",
    ),
    Document(
        "/supplierInvoice",
        supplier_ledger.books,
        lambda **e: supplier_ledger.invoice_body(supplier_ledger.invoice_line("3001"), **e),
        "branchNumber",
        "paymentMethod",
        supplier_side=True,
    ),
    Document(
        "/supplierPayment",
        supplier_ledger.books,
        lambda **e: supplier_ledger.payment_body(**supplier_ledger.wrap(paymentAmount="100"), **e),
        "branch",
        "paymentMethod",
        supplier_side=True,
    ),
    Document("/purchaseorder", sales.add_trading_company, sales.order_body, "branch", None, "lines", "branch"),
]
IDS = {"ids": lambda document: document.path.strip("/")}


def _message(response) -> str:
    assert response.status_code == 400, response.text
    return response.json()["message"]


def _count(tenant, path: str) -> int:
    return len(tenant.get(path).json())


@pytest.mark.parametrize("document", DOCUMENTS, **IDS)
def test_unknown_and_inactive_codes_are_refused_and_nothing_is_written(tenant, document):
    document.setup(tenant)
    add_codes(tenant)
    refusals = []
    if document.branch:
        refusals += [
            ({document.branch: {"value": "9"}}, "Branch '9' cannot be found in the system."),
            ({document.branch: {"value": "2"}}, "Branch '2' is inactive."),
        ]
    if document.method:
        refusals += [
            ({document.method: {"value": "NOPE"}}, "Payment method 'NOPE' cannot be found in the system."),
            ({document.method: {"value": "GAMMEL"}}, "Payment method 'GAMMEL' is inactive."),
        ]
        if document.supplier_side:
            refusals.append(
                ({document.method: {"value": "KORT"}}, "Payment method 'KORT' is not used in the supplier ledger.")
            )
    if document.lines:
        body = document.body()
        body[document.lines][0][document.line_branch] = {"value": "9"}
        refusals.append(({document.lines: body[document.lines]}, f"{document.lines}[0]: Branch '9' cannot be found"))
    for extra, problem in refusals:
        assert problem in _message(tenant.post(document.path, document.body(**extra))), problem
    assert _count(tenant, document.path) == 0
    good = {}
    if document.branch:
        good[document.branch] = {"value": "1"}
    if document.method:
        good[document.method] = {"value": "BANK"}
    response = tenant.post(document.path, document.body(**good))
    assert response.status_code == 201, response.text
    path = f"{document.path}/{new_number(response)}"
    before = tenant.get(path).json()
    for extra, problem in refusals[:1]:
        assert problem in _message(tenant.put(path, extra))
    assert tenant.get(path).json() == before
