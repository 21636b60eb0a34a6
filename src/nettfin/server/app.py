"""create_app(settings): the ASGI application."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import Depends, FastAPI
from starlette.middleware.sessions import SessionMiddleware

from . import docs
from .admin_api.clock import router as admin_clock_router
from .admin_api.companies import router as admin_companies_router
from .admin_api.faults import router as admin_faults_router
from .admin_api.requests import router as admin_requests_router
from .admin_api.webhooks import router as admin_webhooks_router
from .assets.router import (
    fixed_asset_class_router,
    fixed_asset_router,
    fixed_asset_transaction_router,
    property_tax_group_router,
)
from .attachments.blob_router import blob_routes
from .attachments.blobs import FileBlobStore
from .attachments.registry import attachables
from .attachments.router import attachment_routes, upload_routes
from .attributes.resources import router as attribute_router
from .background.middleware import BackgroundCalls
from .background.router import router as background_router
from .cash.router import cash_transaction_router
from .contracts.router import router as contract_router
from .contracts.template_router import router as contract_template_router
from .contracts.usage_router import router as contract_usage_router
from .crm.contact_router import router as contact_router
from .crm.customer_router import router as crm_customer_router
from .crm.location_router import router as location_router
from .crm.payment_method_router import router as customer_payment_method_router
from .crm.sales_category_router import router as sales_category_router
from .crm.salesperson_router import router as salesperson_router
from .crm.salesperson_router import v2_router as salesperson_v2_router
from .currencies.router import currency_router, rate_router, rate_type_router
from .db.clock import ClockScopes
from .db.engine import Database
from .expenses.claim_router import router as expense_claim_router
from .expenses.employee_router import router as employee_expense_router
from .expenses.receipt_router import router as expense_receipt_router
from .faults.connections import ConnectionDrops
from .faults.injection import FaultBook
from .identity.auth import company_context
from .identity.connect.access import CONNECT_RESPONSES
from .identity.connect.provider import ConnectProvider
from .identity.connect.router import connect_router
from .identity.features import router as features_router
from .identity.oauth import LegacyAuthorizationServer
from .identity.router import context_router, security_router
from .identity.sessions import blob_link_key, installation_id, session_signing_key
from .inventory.cross_reference_router import router as cross_reference_router
from .inventory.landed_cost_codes import router as landed_cost_code_router
from .inventory.lot_serial_classes import router as lot_serial_class_router
from .inventory.router import router as inventory_router
from .inventory.translation_router import router as multilanguage_router
from .inventory.units import router as unit_of_measure_router
from .inventory.warehouse_router import router as warehouse_router
from .inventorydocs.router import (
    inventory_adjustment_router,
    inventory_issue_router,
    inventory_receipt_router,
    inventory_transfer_router,
)
from .jobs.runner import JobRunner, RunnerSettings
from .kit.body import require_json
from .kit.call_gate import CallGate
from .kit.country_routes import country_routes
from .kit.errors import ERROR_RESPONSES, CatchUnexpected, install_error_handlers
from .kit.events import ActionNames
from .kit.inputs import RequestInput
from .kit.render import RenderNulls
from .kit.request_ids import RequestIds, request_context_value
from .kit.route_index import index_routes
from .kit.routing import AspNetRequests, route_templates
from .kit.security_headers import SecurityHeaders
from .kitting.assembly_router import kit_assembly_router
from .kitting.specification_router import kit_specification_router
from .ledger.accounts import router as account_router
from .ledger.budget_router import router as budget_router
from .ledger.cash_accounts import router as cash_account_router
from .ledger.deferrals import router as deferral_code_router
from .ledger.dimension_router import dimension_router, subaccount_router
from .ledger.journal_router import balance_router, journal_router_v1
from .ledger.journal_v2_router import journal_v2_router
from .ledger.ledgers import router as ledger_router
from .ledger.report_router import balance_v2_router, transactions_router
from .ledger.router import period_router
from .numbering.router import number_sequence_router
from .organisation.first_time_startup import router as first_time_startup_router
from .organisation.router import branch_router, organization_router
from .pages import admin_pages, auth_pages
from .pages.company_tree_pages import router as company_tree_router
from .payables.balance_router import router as supplier_balance_router
from .payables.balance_router import v2_router as supplier_balance_v2_router
from .payables.invoice_router import router as supplier_invoice_router
from .payables.location_router import router as supplier_location_router
from .payables.payment_router import router as supplier_payment_router
from .payables.router import class_router as supplier_class_router
from .payables.router import router as supplier_router
from .payables.supplier_account_router import router as supplier_account_router
from .payables.supplier_document_router import router as supplier_document_router
from .pricing.router import ROUTERS as pricing_routers
from .projects.router import router as project_router
from .purchasing.basic_router import router as purchase_order_basic_router
from .purchasing.po_balance_router import router as supplier_po_balance_router
from .purchasing.receipt_router import basic_router as purchase_receipt_basic_router
from .purchasing.receipt_router import router as purchase_receipt_router
from .purchasing.receipt_router import v2_router as purchase_receipt_v2_router
from .purchasing.router import router as purchase_order_router
from .receivables.balance_router import customer_balance_router
from .receivables.cash_sale_router import cash_sale_router, customer_cash_sale_router
from .receivables.collection_router import customer_collection_router, customer_v2_router
from .receivables.credit_note_router import router as credit_note_v1_router
from .receivables.credit_write_off_router import router as credit_write_off_router
from .receivables.customer_document_router import router as customer_document_router
from .receivables.invoice_action_router import router as invoice_action_router
from .receivables.invoice_router import invoice_router, invoice_v2_router
from .receivables.note_router import (
    credit_note_router,
    credit_note_v2_router,
    debit_note_router,
    debit_note_v2_router,
)
from .receivables.overdue_charge_router import overdue_charge_router
from .receivables.payment_alias_router import payment_alias_router
from .receivables.payment_router import payment_router
from .receivables.router import router as customer_router
from .requestlog.capture import RequestCapture
from .requestlog.service import prune as prune_request_log
from .requestlog.writer import RequestLog
from .sales.basic_router import customer_orders_router as customer_basic_orders_router
from .sales.basic_router import router as sales_order_basic_router
from .sales.basic_router import v2_actions_router as sales_order_basic_v2_actions_router
from .sales.basic_router import v2_create_router as sales_order_basic_v2_router
from .sales.router import customer_orders_router
from .sales.router import router as sales_order_router
from .sales.type_router import router as sales_order_type_router
from .sales.v2_router import router as sales_order_v2_router
from .settings import Settings
from .shipping.order_router import router as shipment_from_order_router
from .shipping.resources import carrier_router, packaging_type_router
from .shipping.router import router as shipment_router
from .stock.router import router as stock_router
from .stocktake.router import router as stocktake_router
from .sync_work import InlineCalls, use_inline_calls
from .tax.router import vat_category_router, vat_router, vat_zone_router
from .terms.resources import credit_term_router, payment_method_router
from .throttle.middleware import RateLimitHeaders
from .throttle.setup import build_throttle, counter_store
from .timecards.card_router import router as time_card_router
from .timecards.departments import router as department_router
from .timecards.earning_types import router as earning_type_router
from .timecards.employees import router as employee_router
from .uiextensions.router import router as ui_extension_router
from .webhooks.router import router as webhook_feedback_router

LEGACY_PREFIX = "/API/controller/api"
# Resource routers, served under /API/controller/api/v1/... and /v1/...
CONTROLLER_ROUTERS = [
    customer_balance_router,  # before customer_router: /customer/balance is not a customer number
    customer_orders_router,  # before customer_router: /customer/{cd}/salesorder
    customer_basic_orders_router,  # and /customer/{cd}/salesorderbasic
    customer_document_router,  # before customer_router: /customer/{cd}/document is its own route
    crm_customer_router,  # /customer/{cd}/contact, /directdebit, /salespersons
    customer_cash_sale_router,  # before customer_router: its /{customerCd} would take /{customerNumber}/cashSale
    customer_collection_router,  # before customer_router too
    customer_v2_router,
    customer_router,
    supplier_balance_router,  # before supplier_router: /supplier/balance is not a supplier number
    supplier_class_router,  # and /supplier/supplierClass is not either
    supplier_po_balance_router,  # nor /supplier/POBalance
    supplier_router,
    supplier_balance_v2_router,
    supplier_account_router,
    supplier_document_router,
    supplier_location_router,
    contact_router,
    location_router,
    customer_payment_method_router,
    salesperson_router,
    salesperson_v2_router,
    sales_category_router,
    inventory_router,
    cross_reference_router,
    stock_router,
    warehouse_router,
    lot_serial_class_router,
    landed_cost_code_router,
    carrier_router,
    packaging_type_router,
    shipment_router,
    shipment_from_order_router,
    kit_specification_router,
    kit_assembly_router,
    inventory_receipt_router,
    inventory_issue_router,
    inventory_adjustment_router,
    inventory_transfer_router,
    employee_router,
    department_router,
    time_card_router,
    earning_type_router,
    employee_expense_router,
    expense_claim_router,
    expense_receipt_router,
    account_router,
    cash_account_router,
    cash_transaction_router,
    period_router,
    dimension_router,
    subaccount_router,
    vat_router,
    vat_category_router,
    vat_zone_router,
    currency_router,
    rate_type_router,
    rate_router,
    branch_router,
    organization_router,
    purchase_order_router,
    sales_order_type_router,
    sales_order_router,
    sales_order_v2_router,
    sales_order_basic_router,
    sales_order_basic_v2_router,
    sales_order_basic_v2_actions_router,
    purchase_order_basic_router,
    stocktake_router,
    contract_router,
    contract_template_router,
    contract_usage_router,
    purchase_receipt_router,
    purchase_receipt_v2_router,
    purchase_receipt_basic_router,
    project_router,
    invoice_action_router,  # before invoice_router: /customerinvoice/worktypes is not an invoice number
    invoice_router,
    cash_sale_router,
    overdue_charge_router,
    invoice_v2_router,
    credit_note_router,
    credit_note_v2_router,
    debit_note_router,
    debit_note_v2_router,
    credit_note_v1_router,
    credit_write_off_router,
    *pricing_routers,
    payment_router,
    payment_alias_router,
    journal_router_v1,
    journal_v2_router,
    balance_router,
    balance_v2_router,
    transactions_router,
    supplier_invoice_router,
    supplier_payment_router,
    country_routes(company_context),
    credit_term_router,
    unit_of_measure_router,
    ledger_router,
    budget_router,
    deferral_code_router,
    features_router,
    payment_method_router,
    fixed_asset_class_router,
    property_tax_group_router,
    fixed_asset_router,
    fixed_asset_transaction_router,
    number_sequence_router(company_context),
    attachment_routes(company_context),
    attribute_router,
    multilanguage_router,
    ui_extension_router,
    blob_routes(company_context, blob_link_key),
    first_time_startup_router,
    background_router,
    webhook_feedback_router,
]
# Multipart uploads: streamed by their endpoints, so outside the controller's JSON-only dependency. One route per
# path the attachable resources declared (attachments/registry.py): importing their routers above registered them.
UPLOAD_ROUTERS = [upload_routes(attachables(), company_context)]
IDENTITY_ROUTERS = [context_router, security_router]
CONNECT_ROUTERS = [connect_router]
PAGE_ROUTERS = [auth_pages.router, admin_pages.router, company_tree_router]
# The admin HTTP API (/admin/api/...): JSON for operators' tools, outside the Visma OpenAPI document.
ADMIN_API_ROUTERS = [
    admin_webhooks_router,
    admin_companies_router,
    admin_faults_router,
    admin_clock_router,
    admin_requests_router,
]
REQUEST_LOG_RETENTION_SWEEP = timedelta(minutes=1)

DESCRIPTION = """A self-hostable implementation of the Visma.net Financials integration API.

Every controller route is served under the legacy prefix `/API/controller/api/v1/...` and under the current
surface's `/v1/...`. Send `Authorization: Bearer <token>` and `ipp-company-id: <company id>`.
A Visma Connect token from `POST /connect/token` (client credentials with `tenant_id`) is bound to one company:
send it without `ipp-company-id`.
Write bodies wrap every value as `{"value": ...}`; lists are paged with `pageNumber` and `pageSize`.
"""


def _include_controller(app: FastAPI, **options) -> None:
    """The controller's routers, each included in the app itself (not through one controller router) so the
    path index narrows a request to the routers of its resource (kit/route_index.py)."""
    for router in CONTROLLER_ROUTERS:
        app.include_router(
            router,
            dependencies=[Depends(require_json)],
            responses={**ERROR_RESPONSES, **CONNECT_RESPONSES},
            **options,
        )


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """The job workers run while the server does; the request log's buffer is written at shutdown."""
    runner: JobRunner = app.state.jobs
    if app.state.settings.job_workers > 0:
        await runner.start()
    try:
        yield
    finally:
        await runner.stop()
        app.state.request_log.close()


def _request_log(settings: Settings, db: Database, jobs: JobRunner) -> RequestLog:
    """The process's request log buffer, and its retention on this app's job runner."""
    max_age = timedelta(hours=settings.request_log_max_age_hours) if settings.request_log_max_age_hours > 0 else None
    max_rows = settings.request_log_max_rows if settings.request_log_max_rows > 0 else None
    jobs.add_periodic(
        "request log retention",
        REQUEST_LOG_RETENTION_SWEEP,
        lambda db, now: prune_request_log(db, now, max_age=max_age, max_rows=max_rows),
    )
    return RequestLog(
        db,
        enabled=settings.request_log,
        body_cap=settings.request_log_body_max_bytes,
        flush_seconds=settings.request_log_flush_seconds,
    )


class NettfinApp(FastAPI):
    def build_middleware_stack(self):
        # Outside Starlette's ServerErrorMiddleware, which would answer 500 where a fault drops the connection.
        return ConnectionDrops(super().build_middleware_stack())


# The garbage collector's first threshold in a server process: objects allocated, less those freed, before a young
# collection. Python's 700 made a supplier invoice's create run about five young collections; 10,000 halves what
# young and middle collections cost together (docs/performance.md, "The collector").
YOUNG_COLLECTION_THRESHOLD = 10_000


def served_app() -> FastAPI:
    """The app as `nettfin serve` runs it, one per server process (uvicorn's factory).

    A server process holds 1.4 million objects the collector tracks once its app is built (routes, models,
    schemas, mappers): every full collection walked them all, half a second each, every ten to twenty seconds under
    load, and every call in flight waited (a p99 of 0.4 to 0.6 s). Frozen after the app is built, they are not
    walked again; what calls make and leave is collected as before. Not in `create_app`: a test process builds
    many apps and drops them, and frozen objects are never collected."""
    app = create_app()
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, *gc.get_threshold()[1:])
    return app


def create_app(settings: Settings | None = None, *, database: Database | None = None) -> FastAPI:
    settings = settings or Settings()
    app = NettfinApp(
        lifespan=_lifespan,
        title="nettfin: Visma.net Financials API",
        version="1.0",
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url=docs.OPENAPI_URL,
    )
    app.state.settings = settings
    app.state.db = database or Database(settings.resolved_database_url())
    app.state.db.rendered.resize(settings.render_cache_mb * 1024 * 1024)
    app.state.blobs = FileBlobStore(settings.resolved_attachments_dir())
    app.state.counters = counter_store(settings, app.state.db)
    app.state.throttle = build_throttle(settings, app.state.counters)
    app.state.faults = FaultBook(app.state.db)
    app.state.oauth = LegacyAuthorizationServer(
        app.state.db, standard_token_fields=settings.oauth_standard_token_fields
    )
    app.state.connect = ConnectProvider(app.state.db, public_url=settings.public_url)
    app.state.connect.use_company_clocks(lambda company_id: app.state.faults.for_company(company_id).clock)
    app.state.jobs = JobRunner(
        app,
        app.state.db,
        RunnerSettings(
            workers=settings.job_workers,
            poll_seconds=settings.job_poll_seconds,
            lease_seconds=settings.job_lease_seconds,
            retry_base_seconds=settings.job_retry_base_seconds,
        ),
    )
    app.state.request_log = _request_log(settings, app.state.db, app.state.jobs)
    install_error_handlers(app)
    _include_controller(app, prefix=LEGACY_PREFIX)
    _include_controller(app, include_in_schema=False)
    for router in UPLOAD_ROUTERS:
        app.include_router(router, prefix=LEGACY_PREFIX, responses=CONNECT_RESPONSES)
        app.include_router(router, include_in_schema=False)
    for router in IDENTITY_ROUTERS + CONNECT_ROUTERS + PAGE_ROUTERS + ADMIN_API_ROUTERS:
        app.include_router(router)
    docs.install_swagger(app, render_nulls=settings.render_nulls, surface_prefixes=(LEGACY_PREFIX,))
    # Innermost: a call waiting at the gate holds nothing.
    app.add_middleware(CallGate, reads=settings.read_concurrency, writes=settings.write_concurrency)
    app.add_middleware(ActionNames)  # background calls replayed below BackgroundCalls pass it too
    app.add_middleware(RequestInput, max_bytes=settings.request_body_max_bytes)
    if settings.render_nulls:
        app.add_middleware(RenderNulls)
    app.add_middleware(
        AspNetRequests,
        templates=route_templates(
            [(LEGACY_PREFIX, router) for router in CONTROLLER_ROUTERS + UPLOAD_ROUTERS]
            + [("", router) for router in CONTROLLER_ROUTERS + UPLOAD_ROUTERS + IDENTITY_ROUTERS]
        ),
    )
    app.add_middleware(
        BackgroundCalls,
        max_bytes=settings.request_body_max_bytes,
        max_upload_bytes=settings.attachment_max_bytes,
        retention=timedelta(hours=settings.background_retention_hours),
    )
    app.add_middleware(ClockScopes)  # outside BackgroundCalls: a queued call's receipt is in its company's time
    app.add_middleware(RateLimitHeaders)
    app.add_middleware(
        SessionMiddleware,
        secret_key=session_signing_key(app.state.db),
        session_cookie="nettfin_session",
        same_site="lax",
        https_only=settings.behind_tls,
    )
    app.add_middleware(CatchUnexpected)
    app.add_middleware(RequestIds, request_context=request_context_value(installation_id(app.state.db)))
    app.add_middleware(RequestCapture, log=app.state.request_log)  # sees RequestIds' Ipp-Request-Id
    app.add_middleware(SecurityHeaders, behind_tls=settings.behind_tls)  # outside CatchUnexpected: its 500 too
    inline = settings.inline_calls if settings.inline_calls is not None else app.state.db.dialect == "sqlite"
    if inline:  # the whole call: the background API authenticates queued calls before routing
        use_inline_calls()
        app.add_middleware(InlineCalls)
    index_routes(app.router)
    return app
