"""`/v1/payment`: the deprecated endpoint the service keeps for customer payments ("Payment is deprecated, please
use CustomerPayment instead"): declarations only. Its DTOs are the customer payment's (`PaymentDto`,
`PaymentUpdateDto`, the same names), so it is the customer payment declaration on another path, with the real
summaries; the same use cases serve both, and a payment made at one is read at the other."""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter

from ..identity.auth import company_context
from ..kit.document_routes import DocumentTexts, document_router
from .payment_router import CUSTOMER_PAYMENTS, VOID

_DEPRECATED = "Payment is deprecated, please use CustomerPayment instead"

PAYMENTS = replace(
    CUSTOMER_PAYMENTS,
    path="/v1/payment",
    tag="Payment",
    texts=DocumentTexts(
        list="Get a range of Payments - ScreenId=AP302000 Payment is deprecated, please use…",
        get=f"Get a specific Payment {_DEPRECATED}",
        create=f"Create a Payment {_DEPRECATED}",
        update="Update a specific Payment Payment is deprecated, please use CustomerPayment…",
        release="Release payment operation Payment is deprecated, please use CustomerPayment…",
        list_notes="The customer payments (`/v1/customerPayment`), paged.",
        release_notes="Applies the payment to its documents and posts it, as `/v1/customerPayment`'s release.",
    ),
    actions=(replace(VOID, summary=f"Void payment operation {_DEPRECATED}"),),
)
(payment_alias_router,) = document_router(
    PAYMENTS, company_context, APIRouter(prefix=PAYMENTS.path, tags=[PAYMENTS.tag], deprecated=True)
)
