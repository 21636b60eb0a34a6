"""The server's layering, read from its imports (the AST: nothing is imported to check it).

- The foundation (`kit/`, `db/`, `numbering/`) imports no domain package: every module builds on it.
- `attachments/` imports no other domain package: owners register with it (attachments/registry.py), so making a
  resource attachable touches only the owner's package.
- A domain package never imports another domain's router modules (`router.py`, `*_router.py`: HTTP only), and
  imports another domain's other modules only where `ALLOWED` names the module and the importing package, with
  the reason. Most entries are a module's named interface (the ledger's posting engine, tax determination,
  tables other tables refer to); the rest is debt, said so, to be paid down rather than added to.
- No package imports the assembly (`app`, `docs`, `models`): it imports them.

Migrations are left out: they are frozen history, not layers. A new cross-domain import fails
`test_the_server_keeps_its_layers` with the file, the line and the module; an entry no import uses any more
fails `test_every_allowance_is_still_used`, so the list only shrinks with the debt.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nettfin.server

SERVER = Path(nettfin.server.__file__).resolve().parent
FOUNDATION = frozenset({"kit", "db", "numbering"})
ASSEMBLY = frozenset({"app", "docs", "models"})
ISOLATED = "attachments"
EVERY_DOMAIN = "*"

# Imported module (under nettfin.server) -> (the domain packages that may import it, why).
ALLOWED: dict[str, tuple[frozenset[str] | str, str]] = {
    # Named interfaces: what a module offers the others.
    "identity.auth": (EVERY_DOMAIN, "company_context: the dependency every controller route takes"),
    "receivables.balances": (frozenset({"sales"}), "register_open_orders: a customer balance's totalOrder"),
    "jobs.queue": (
        frozenset({"background", "webhooks"}),
        "enqueue: a queued call's job, and a webhook delivery's, commits with what it is about",
    ),
    "jobs.runner": (
        frozenset({"background", "webhooks"}),
        "register: the handlers of background calls, their notifications and webhook deliveries",
    ),
    "background.header": (
        frozenset({"webhooks"}),
        "check_webhook_url: a subscription's URL is checked as a background call's notification URL is",
    ),
    "webhooks.service": (
        frozenset({"admin_api", "background", "pages"}),
        "fan_out: a background call's subscription-form notification goes to the application's subscriptions; "
        "the admin API and the admin panel manage subscriptions with the use cases the CLI uses",
    ),
    "webhooks.models": (
        frozenset({"admin_api", "pages"}),
        "a subscription and its deliveries, rendered by the admin API and the admin panel",
    ),
    "requestlog.service": (
        frozenset({"admin_api", "pages"}),
        "the request log's filters, reads and shapes, shown by the admin API and the admin panel's inspector",
    ),
    "identity.models": (
        frozenset(
            {
                "admin_api",
                "currencies",
                "demo",
                "expenses",
                "organisation",
                "pages",
                "requestlog",
                "faults",
                "snapshots",
                "throttle",
                "timecards",
                "webhooks",
            }
        ),
        "companies, users, roles and API clients: whose data it is and who may act",
    ),
    "identity.companies": (
        frozenset(
            {
                "cash",
                "contracts",
                "expenses",
                "ledger",
                "parties",
                "payables",
                "pricing",
                "purchasing",
                "receivables",
                "sales",
                "shipping",
            }
        ),
        "base_currency: the one thing of the company that documents, parties and prices read",
    ),
    "identity.sessions": (
        frozenset({"pages", "throttle"}),
        "CSRF checks and the installation id",
    ),
    "attachments.models": (
        frozenset({"cash", "expenses", "inventory", "ledger", "payables", "receivables", "sales", "snapshots"}),
        "the attachment table, an owner's `attachments` relationship and the `[{name, id, revision}]` refs (a "
        "copy shifts an attachment's owner by its kind)",
    ),
    "attachments.registry": (
        frozenset({"cash", "expenses", "inventory", "ledger", "payables", "receivables", "sales"}),
        "how an owner declares its attachable records and their upload paths",
    ),
    "currencies.service": (
        frozenset({"demo", "documents", "identity", "organisation"}),
        "add_currency: a new company's base currency, the demo's others; describe: a currency's description; "
        "rate_on and the default rate type: a document's rate on its date",
    ),
    "organisation.service": (
        frozenset({"demo", "identity"}),
        "add_organisation: a new company's organisation and main branch; the demo's bank settings",
    ),
    "ledger.posting": (
        frozenset(
            {
                "assets",
                "cash",
                "demo",
                "expenses",
                "inventorydocs",
                "kitting",
                "payables",
                "projects",
                "purchasing",
                "receivables",
                "shipping",
                "stock",
                "stocktake",
            }
        ),
        "the posting engine every module posts through",
    ),
    "ledger.journal": (
        frozenset(
            {
                "assets",
                "cash",
                "demo",
                "expenses",
                "faults",
                "inventorydocs",
                "kitting",
                "payables",
                "projects",
                "purchasing",
                "receivables",
                "shipping",
                "stock",
                "stocktake",
            }
        ),
        "Module, and the journal batches documents post (the demo stamps its year's batches with their dates; a "
        "company's clock cannot go back before its latest posting)",
    ),
    "ledger.models": (
        frozenset(
            {
                "assets",
                "cash",
                "crm",
                "demo",
                "documents",
                "expenses",
                "inventory",
                "organisation",
                "payables",
                "projects",
                "purchasing",
                "receivables",
                "sales",
                "tax",
                "timecards",
            }
        ),
        "accounts and subaccounts, which documents, items and VAT codes refer to; periods: a company's set-up is done",
    ),
    "ledger.periods": (
        frozenset(
            {
                "assets",
                "cash",
                "demo",
                "documents",
                "expenses",
                "inventorydocs",
                "kitting",
                "payables",
                "purchasing",
                "receivables",
                "shipping",
                "stocktake",
            }
        ),
        "financial years, and period_open_for: whether a module may post into a period",
    ),
    "ledger.period_ids": (
        frozenset(
            {
                "documents",
                "expenses",
                "inventorydocs",
                "kitting",
                "payables",
                "projects",
                "purchasing",
                "receivables",
                "shipping",
            }
        ),
        "the MMYYYY/YYYYPP wire forms of periods and dates",
    ),
    "ledger.subaccounts": (
        frozenset({"cash", "demo", "documents", "payables", "purchasing", "receivables"}),
        "the subaccount check and segment names every document line uses",
    ),
    "ledger.line_subaccounts": (
        frozenset({"cash", "documents", "payables"}),
        "a line's subaccount from its segments, as the journal's, and the records behind the numbers",
    ),
    "ledger.segments": (frozenset({"payables"}), "DimensionRule: subaccount validation as pure functions"),
    "ledger.references": (
        frozenset({"cash", "payables", "purchasing", "receivables"}),
        "account, subaccount and project shapes on lines",
    ),
    "ledger.journal_schemas": (
        frozenset({"payables", "receivables"}),
        "the line DTOs documents share with the journal (project, subaccount) and ActionResultDto",
    ),
    "ledger.resource_members": (frozenset({"timecards"}), "the ledger's resource members (subaccount by segments)"),
    "tax.determination": (
        frozenset({"documents", "expenses", "ledger", "payables", "purchasing", "receivables", "sales"}),
        "VAT determination and amounts as pure functions, and the one rounding rule",
    ),
    "tax.models": (
        frozenset(
            {
                "crm",
                "demo",
                "documents",
                "expenses",
                "inventory",
                "ledger",
                "parties",
                "payables",
                "purchasing",
                "receivables",
                "sales",
            }
        ),
        "VAT codes, categories and zones that records refer to",
    ),
    "tax.service": (frozenset({"demo", "documents", "expenses", "payables"}), "the VAT set-up a document loads"),
    "terms.models": (
        frozenset({"crm", "demo", "documents", "parties", "payables", "purchasing", "receivables", "sales"}),
        "credit terms, shared by AR and AP, and their ref shape; payment methods documents name",
    ),
    "parties.members": (
        frozenset({"payables", "receivables"}),
        "what customers and suppliers share that needs other domains: class, terms, VAT zone, currency, the check",
    ),
    "parties.models": (
        frozenset({"crm", "demo", "payables", "receivables", "snapshots"}),
        "business accounts' locations and contacts: one table each for every kind of business account (a copy "
        "shifts a location's or contact's account by its kind)",
    ),
    "parties.columns": (
        frozenset({"payables", "receivables"}),
        "the columns customers and suppliers, and their classes, share (mixins of their models)",
    ),
    "attributes.models": (frozenset({"demo"}), "the demo's attributes"),
    "uiextensions.models": (frozenset({"demo"}), "the demo's UI extension"),
    "organisation.models": (
        frozenset({"assets", "cash", "demo", "documents", "inventorydocs", "ledger"}),
        "branches, which documents, cash transaction lines and budget articles name, where fixed assets are; the "
        "demo's branches besides the main one",
    ),
    "ledger.schemas": (frozenset({"cash"}), "the segment DTO subaccounts render with"),
    "ledger.company_ledgers": (
        frozenset({"identity"}),
        "add_ledgers: a new company's actual, budget and statistical ledgers",
    ),
    "attachments.service": (frozenset({"sales"}), "detach: the sales order's DELETE attachment routes"),
    "receivables.customers": (frozenset({"sales"}), "CUSTOMER: /customer/{cd}/salesorder checks the customer exists"),
    "stock.held": (
        frozenset({"sales", "shipping"}),
        "register_held: what orders and shipments hold of an item, for the inventory summary",
    ),
    "sales.orders": (frozenset({"demo", "shipping"}), "the demo's sales orders, entered and cancelled as the API does"),
    "sales.order_actions": (
        frozenset({"demo", "shipping"}),
        "the demo's invoice order, invoiced as prepareInvoice does; shipping registers how shipments are invoiced",
    ),
    "sales.order_types": (frozenset({"identity"}), "add_order_types: a new company's standard sales order types"),
    "inventory.models": (
        frozenset(
            {
                "contracts",
                "crm",
                "demo",
                "expenses",
                "inventorydocs",
                "kitting",
                "payables",
                "pricing",
                "purchasing",
                "receivables",
                "sales",
                "shipping",
                "stock",
                "stocktake",
                "timecards",
            }
        ),
        "items and warehouses that lines refer to",
    ),
    "inventory.cross_references": (
        frozenset({"sales", "shipping", "stocktake"}),
        "register_document: how the barcode lookup finds a document's items",
    ),
    "inventory.subaccounts": (
        frozenset({"documents", "payables", "stock"}),
        "subaccount_number: an item's subaccount segments",
    ),
    "stock.engine": (
        frozenset({"demo", "inventorydocs", "kitting", "purchasing", "shipping", "stocktake"}),
        "receive and issue: the one way any module moves stock",
    ),
    "stock.accounts": (
        frozenset({"demo", "inventorydocs", "kitting", "payables", "purchasing", "shipping", "stocktake"}),
        "the GL account of each stock role and the posting lines of moved stock",
    ),
    "stock.models": (
        frozenset({"inventory", "kitting", "stocktake"}),
        "the quantities on hand and cost layers: a location holding stock cannot be deactivated, an item's cost "
        "statistics read its layers, a physical count is prepared from them, a component's cost before release",
    ),
    "stocktake.service": (
        frozenset({"demo"}),
        "the demo's opening stock and its prepared count, as an admin makes them",
    ),
    "payables.models": (
        frozenset({"crm", "demo", "purchasing", "tax"}),
        "suppliers, which purchase orders refer to and which VAT reports name as their VAT agency",
    ),
    "documents.lines": (
        frozenset(
            {
                "cash",
                "crm",
                "expenses",
                "inventorydocs",
                "kitting",
                "payables",
                "purchasing",
                "receivables",
                "sales",
                "shipping",
            }
        ),
        "the document core: amounts to the øre, calendar days (a mandate's too), a line's account and subaccount, the "
        "discount rule",
    ),
    "documents.parties": (
        frozenset({"purchasing", "receivables", "sales"}),
        "the document core: the party a document names and the defaults it gives",
    ),
    "documents.periods": (
        frozenset({"cash", "inventorydocs", "kitting", "payables", "purchasing", "receivables"}),
        "the document core: the one rule for a document's period",
    ),
    "documents.currency": (
        frozenset({"payables", "purchasing", "receivables", "sales"}),
        "the document core: a document's exchange rate and its amounts in the base currency, one rule",
    ),
    "documents.references": (
        frozenset({"payables", "purchasing", "receivables", "sales"}),
        "the document core: the branch and payment method codes a document names, checked once",
    ),
    "documents.vat": (
        frozenset({"expenses", "payables", "purchasing", "receivables", "sales"}),
        "the document core: the one rule for a document's VAT parts and totals",
    ),
    "projects.lookup": (
        frozenset({"ledger", "payables", "receivables", "timecards"}),
        "check_project: the project and task a journal or document line names, checked against the records",
    ),
    "timecards.tree": (
        frozenset({"expenses", "pages"}),
        "the company tree that the company tree page edits, and whose approvers approve expense claims",
    ),
    "timecards.models": (
        frozenset({"assets", "demo", "expenses", "pages"}),
        "employees: the demo's, the company tree page's, and those expense claims are for; departments, where fixed "
        "assets are",
    ),
    "timecards.employees": (frozenset({"expenses"}), "employee_user_id: the Guid an employee's user reads as"),
    "currencies.models": (
        frozenset({"contracts", "expenses", "pricing"}),
        "the company's currencies, which an expense receipt names",
    ),
    # Administration: the pages and the demo company act as an administrator does, through identity's use cases.
    "identity.service": (
        frozenset({"demo", "pages", "snapshots"}),
        "tenants, companies, users and tokens, created as admins do (a clone's token too)",
    ),
    "identity.oauth": (frozenset({"pages"}), "the login and consent pages drive the legacy OAuth server"),
    "identity.passwords": (frozenset({"pages"}), "the login page checks a password"),
    "identity.connect.models": (
        frozenset({"admin_api", "demo", "faults", "pages", "requestlog", "snapshots", "webhooks"}),
        "Connect applications, their kinds and scopes; webhook subscriptions belong to one; a logged call names its "
        "application's client_id",
    ),
    "identity.connect.service": (
        frozenset({"demo", "pages", "snapshots"}),
        "Connect applications created and granted as admins do (a clone's own application too)",
    ),
    # Company templates and clones copy and delete every module's tables (from the metadata, in SQL).
    "snapshots.service": (
        frozenset({"admin_api", "demo", "pages"}),
        "templates, clones and deletion: the admin API's and the admin panel's use cases; the demo's template, "
        "made with the demo",
    ),
    "snapshots.models": (frozenset({"admin_api", "demo"}), "a company template: whether a company holds one"),
    "attachments.blobs": (frozenset({"snapshots"}), "a deleted company's attachment files, released"),
    # Fault injection: the company's rules, applied where the company is resolved.
    "faults.injection": (frozenset({"identity"}), "a company's fault rules, applied by company_context"),
    "faults.rules": (frozenset({"admin_api"}), "fault rules and the throttle switch: the admin API's use cases"),
    "faults.models": (
        frozenset({"admin_api", "background", "snapshots"}),
        "a fault rule and the throttle switch, rendered by the admin API; the companies whose clocks were moved, "
        "whose background calls expire by their own time; a clone's copied clock, made visible by its version",
    ),
    "faults.clock": (
        frozenset({"admin_api", "background"}),
        "a company's movable clock: the admin API's use cases; background calls expire by their company's clock",
    ),
    "throttle.policy": (frozenset({"faults"}), "an injected 429 has the throttle's own body and headers"),
    # The demo company is built with each module's own use cases.
    "ledger.accounts": (frozenset({"demo"}), "the demo chart of accounts"),
    "ledger.dimensions": (frozenset({"demo"}), "the demo's SUBACCOUNT segments"),
    "payables.locations": (frozenset({"demo"}), "the demo suppliers' locations, entered as the API does"),
    "parties.contacts": (
        frozenset({"crm", "demo", "payables"}),
        "the demo suppliers' contacts, numbered as every contact is",
    ),
    "payables.demo_documents": (frozenset({"demo"}), "the demo's supplier documents, posted by payables itself"),
    "receivables.models": (
        frozenset({"contracts", "crm", "demo", "pricing", "projects", "sales", "shipping"}),
        "the demo's customers and customer classes; customers, whom projects are for",
    ),
    "expenses.claims": (frozenset({"demo"}), "the demo's expense claims: their number series and resources"),
    "expenses.details": (frozenset({"demo"}), "the demo's expense details: their account and VAT"),
    "expenses.models": (frozenset({"demo"}), "the demo's expense claims and receipts"),
    "expenses.release": (frozenset({"demo"}), "the demo's released expense claim, posted by the expenses module"),
    "assets.models": (frozenset({"demo"}), "the demo's fixed asset rows, stamped with the demo's moment"),
    "assets.service": (frozenset({"demo"}), "the demo's fixed assets, acquired and depreciated as an admin does"),
    "projects.models": (frozenset({"demo"}), "the demo's projects, tasks and budget"),
    "projects.service": (frozenset({"demo"}), "add_account_group: the demo's account groups"),
    "projects.transactions": (frozenset({"demo"}), "post_transaction: the demo's project transaction"),
    "payables.invoices": (frozenset({"demo"}), "the demo year's supplier invoices, entered as the API does"),
    "payables.invoice_release": (frozenset({"demo"}), "the demo year's supplier invoices, released as the API does"),
    "payables.payments": (frozenset({"demo"}), "the demo year's supplier payments, entered as the API does"),
    "payables.payment_release": (frozenset({"demo"}), "the demo year's supplier payments, released as the API does"),
    "payables.document_schemas": (frozenset({"demo"}), "SupplierInvoiceTypes: a supplier invoice's type"),
    "receivables.invoices": (
        frozenset({"contracts", "demo", "sales", "shipping"}),
        "the demo year's customer invoices and credit notes, entered; a sales order's prepared invoice",
    ),
    "receivables.invoice_release": (frozenset({"contracts", "demo"}), "the demo year's customer documents, released"),
    "receivables.payments": (frozenset({"demo"}), "the demo year's customer payments, entered"),
    "receivables.payment_release": (frozenset({"demo"}), "the demo year's customer payments, released"),
    "ledger.journal_service": (frozenset({"demo"}), "the demo year's manual batches, entered and released"),
    "timecards.cards": (frozenset({"demo"}), "the demo's time cards: their resource and number series"),
    "timecards.earnings": (frozenset({"demo"}), "the demo's earning types"),
    "cash.models": (frozenset({"demo"}), "the demo's cash transactions, stamped with the demo's moment"),
    "cash.transactions": (frozenset({"demo"}), "the demo's cash transactions, entered as the API enters them"),
    "cash.release": (frozenset({"demo"}), "the demo's cash transactions, released as the API releases them"),
    "ledger.budgets": (frozenset({"demo"}), "the demo's budget, entered as the API enters it"),
    "ledger.deferrals": (frozenset({"demo"}), "the deferral codes' data version, which the demo's codes bump"),
    "kitting.specifications": (frozenset({"demo"}), "the demo's kit specification, entered as the API enters it"),
    "kitting.assemblies": (frozenset({"demo"}), "the demo's kit assemblies, entered as the API enters them"),
    "kitting.release": (frozenset({"demo"}), "the demo's kit assemblies, released as the API releases them"),
    "kitting.models": (frozenset({"demo"}), "the demo's kit rows, stamped with the demo's moment"),
    "inventorydocs.models": (frozenset({"demo"}), "the demo's inventory documents, stamped with their dates"),
    "inventorydocs.documents": (frozenset({"demo"}), "the demo's inventory documents, entered as the API enters them"),
    "inventorydocs.release": (frozenset({"demo"}), "the demo's inventory documents, released as the API releases them"),
    "purchasing.models": (
        frozenset({"payables"}),
        "purchase receipt lines, which supplier invoice lines bill (payables.receipt_billing)",
    ),
    "purchasing.service": (
        frozenset({"demo", "sales"}),
        "the demo's purchase orders, entered as the API does; a sales order's createPurchaseOrders",
    ),
    "purchasing.receipts": (frozenset({"demo"}), "the demo's purchase receipts, entered as the API does"),
    "purchasing.receipt_release": (frozenset({"demo"}), "the demo's purchase receipts, released as the API does"),
    "sales.models": (frozenset({"shipping"}), "the order lines a shipment ships"),
    "sales.lines": (frozenset({"shipping"}), "open_quantity: what a shipment line shows open on its order line"),
    "receivables.document_models": (frozenset({"contracts", "shipping"}), "the invoice a shipment is invoiced into"),
    "shipping.shipments": (frozenset({"demo"}), "the demo's shipments, made from its orders as the API makes them"),
    "shipping.confirmation": (frozenset({"demo"}), "the demo's shipment confirmed as the API confirms it"),
    "shipping.invoicing": (frozenset({"demo"}), "the demo's shipment invoiced as prepareInvoice invoices it"),
    "shipping.models": (frozenset({"demo"}), "the demo's carriers, packaging types and shipments"),
    "receivables.note_applications": (frozenset({"demo"}), "the demo's credit note applied to an invoice"),
    "receivables.credit_write_offs": (frozenset({"demo"}), "the demo's credit write-off, made by the process"),
    "parties.contact_schemas": (
        frozenset({"crm", "payables"}),
        "ContactDto and its write DTO, which every contact list shares",
    ),
    "crm.locations": (
        frozenset({"demo", "payables"}),
        "the business-account location engine: supplier locations are its supplier kind",
    ),
    "receivables.customer_lines": (
        frozenset({"crm"}),
        "keep_customer_lines: crm writes (and reads) the customer's directDebitLines and salesPersons",
    ),
    "receivables.schemas": (frozenset({"crm"}), "CustomerDirectDebitDto: the customer's mandates, listed apart"),
    "crm.location_routes": (frozenset({"payables"}), "location_router: the supplier location routes, as /location's"),
    "crm.contacts": (frozenset({"demo"}), "the demo customers' contacts, entered as the API does"),
    "crm.direct_debits": (frozenset({"demo"}), "the demo customer's direct debit mandate"),
    "crm.payment_methods": (frozenset({"demo"}), "the demo customer's payment methods, entered as the API does"),
    "crm.sales_categories": (frozenset({"demo"}), "the demo's sales categories and their items"),
    "crm.salespersons": (
        frozenset({"demo", "sales"}),
        "the demo's sales persons, entered as the API does; commission_for: a sales order's commission %",
    ),
    "inventory.categories": (
        frozenset({"crm"}),
        "categories_from: an item's salesCategories and the salesCategory filter read crm's categories",
    ),
    "inventory.items": (frozenset({"crm"}), "ITEM: the items in a sales category, rendered as the inventory list does"),
    "receivables.cash_sales": (frozenset({"demo"}), "the demo's cash sales, entered"),
    "receivables.overdue_charges": (frozenset({"demo"}), "the demo's overdue charge set-up and year-end calculation"),
    "pricing.line_prices": (
        frozenset({"receivables", "sales"}),
        "price_line: the price and line discount a customer invoice or sales order line gets",
    ),
    "pricing.models": (frozenset({"demo"}), "the demo's sales prices, discount codes and series"),
    "contracts.templates": (frozenset({"demo"}), "the demo's contract templates (set up on a screen nettfin has not)"),
    "contracts.service": (frozenset({"demo"}), "the demo's contracts, entered as the API enters them"),
    "contracts.actions": (frozenset({"demo"}), "the demo's contracts, activated as the API's action does"),
    "contracts.usage": (frozenset({"demo"}), "the demo's contract usage, recorded as the API records it"),
    "contracts.billing": (frozenset({"demo"}), "the demo's contract billing run, as the admin command runs it"),
    # Debt.
    "pages.auth_pages": (
        frozenset({"identity"}),
        "debt: Connect's authorize page renders with the login pages' helpers, which belong in a page kit",
    ),
}


@dataclass(frozen=True, order=True)
class Violation:
    file: str
    line: int
    module: str
    rule: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: imports {self.module}: {self.rule}"


@dataclass(frozen=True)
class Import:
    file: Path
    line: int
    module: str  # absolute, under the root package ("nettfin.server.ledger.posting")


def test_the_server_keeps_its_layers():
    found = violations(SERVER, "nettfin.server", ALLOWED, shown_from=SERVER.parents[2])
    assert not found, "Layering violations (see tests/server/test_layering.py for the rules):\n" + "\n".join(
        map(str, found)
    )


def test_every_allowance_is_still_used():
    used = {(_relative(i.module, "nettfin.server"), _importer(i, SERVER)) for i in imports(SERVER, "nettfin.server")}
    stale = [
        f"{module} <- {importer}"
        for module, (importers, _reason) in ALLOWED.items()
        if importers != EVERY_DOMAIN
        for importer in sorted(importers)
        if (module, importer) not in used
    ]
    assert not stale, "Allowed imports no module makes any more; remove them from ALLOWED:\n" + "\n".join(stale)


def test_the_checker_names_file_line_and_module_of_each_violation(tmp_path):
    """The checker itself, on a made-up server: one import of each kind, allowed or not."""
    root = tmp_path / "fake"
    _write(root, "app.py", "from .ledger import router\n")  # the assembly may import anything
    _write(root, "kit/wire.py", "import os\nfrom ..db import base\n\nfrom ..ledger.models import Account\n")
    _write(root, "db/base.py", "")
    _write(root, "attachments/router.py", "from ..identity.auth import company_context\n")
    _write(root, "identity/auth.py", "")
    _write(root, "ledger/router.py", "from . import posting\n")
    _write(root, "ledger/models.py", "")
    _write(root, "ledger/posting.py", "")
    _write(root, "ledger/journal.py", "")
    _write(root, "ledger/journal_router.py", "")
    _write(
        root,
        "receivables/release.py",
        "from ..ledger.posting import post\n"
        "from ..ledger import journal\n"
        "from ..identity.auth import company_context\n"
        "def later():\n"
        "    from ..ledger.journal_router import action_result\n"
        "    import fake.app\n",
    )
    allowed = {
        "currencies.service": (
            frozenset({"demo", "identity"}),
            "add_currency: a new company's base currency, the demo's others; rate_on: the rate in effect on a day",
        ),
        "ledger.posting": (frozenset({"receivables"}), "the posting engine"),
        "identity.auth": (EVERY_DOMAIN, "the company context"),
    }

    found = violations(root, "fake", allowed)

    assert [str(v) for v in found] == [
        "attachments/router.py:1: imports fake.identity.auth: attachments imports no other domain package",
        "kit/wire.py:4: imports fake.ledger.models: the foundation (db, kit, numbering) imports no domain package",
        "receivables/release.py:2: imports fake.ledger.journal: "
        "not in ALLOWED for receivables (another domain's module)",
        "receivables/release.py:5: imports fake.ledger.journal_router: another domain's router module",
        "receivables/release.py:6: imports fake.app: the assembly (app, docs, models) imports the packages",
    ]


# --- the checker ------------------------------------------------------------------------------------------


def violations(root: Path, package: str, allowed: dict, *, shown_from: Path | None = None) -> list[Violation]:
    """Every import under `root` (the package `package`) that breaks a rule, in file and line order; files are
    shown relative to `shown_from` (the repository), or to `root`."""
    domains = {d.name for d in root.iterdir() if (d / "__init__.py").is_file()} - FOUNDATION
    found = []
    for imported in imports(root, package):
        rule = _broken_rule(_importer(imported, root), _relative(imported.module, package), domains, allowed)
        if rule:
            shown = imported.file.relative_to(shown_from or root)
            found.append(Violation(str(shown), imported.line, imported.module, rule))
    return sorted(found)


def imports(root: Path, package: str) -> Iterator[Import]:
    """The imports of every module in a package under `root` (migrations aside) that name a module of `package`,
    function-level ones too; `from x import name` names `x.name` when that is a module."""
    for file in sorted(root.rglob("*.py")):
        parts = file.relative_to(root).parts
        if len(parts) == 1 or parts[:2] == ("db", "migrations"):
            continue
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
        importer = _module_name(file, root, package)
        for node in ast.walk(tree):
            for module in _imported_modules(node, importer, file.name, root, package):
                yield Import(file, node.lineno, module)


def _imported_modules(node: ast.AST, importer: str, file_name: str, root: Path, package: str) -> list[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom):
        base = _absolute(node, importer, file_name)
        names = [m for alias in node.names if _is_module(m := f"{base}.{alias.name}", root, package)] or [base]
    else:
        return []
    return [name for name in names if name.startswith(package + ".")]


def _absolute(node: ast.ImportFrom, importer: str, file_name: str) -> str:
    if not node.level:
        return node.module or ""
    anchor = importer.split(".")
    if file_name != "__init__.py":
        anchor = anchor[:-1]  # a module's `.` is its package
    anchor = anchor[: len(anchor) - (node.level - 1)]
    return ".".join(anchor + ([node.module] if node.module else []))


def _is_module(name: str, root: Path, package: str) -> bool:
    path = root.joinpath(*_relative(name, package).split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _module_name(file: Path, root: Path, package: str) -> str:
    parts = file.relative_to(root).with_suffix("").parts
    return ".".join((package, *(parts[:-1] if parts[-1] == "__init__" else parts)))


def _broken_rule(importer: str, module: str, domains: set[str], allowed: dict) -> str | None:
    """The rule a module of the package `importer` breaks by importing `module` (relative to the root), if any."""
    if module in ASSEMBLY:
        return "the assembly (app, docs, models) imports the packages"
    target = module.split(".")[0]
    if target == importer or target not in domains:
        return None
    if importer in FOUNDATION:
        return "the foundation (db, kit, numbering) imports no domain package"
    if importer == ISOLATED:
        return f"{ISOLATED} imports no other domain package"
    if _is_router(module):
        return "another domain's router module"
    importers, _reason = allowed.get(module, (frozenset(), ""))
    if importers != EVERY_DOMAIN and importer not in importers:
        return f"not in ALLOWED for {importer} (another domain's module)"
    return None


def _is_router(module: str) -> bool:
    name = module.split(".")[-1]
    return name == "router" or name.endswith("_router")


def _importer(imported: Import, root: Path) -> str:
    return imported.file.relative_to(root).parts[0]


def _relative(module: str, package: str) -> str:
    return module.removeprefix(package).removeprefix(".")


def _write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent / "__init__.py").touch()
    path.write_text(text, encoding="utf-8")
