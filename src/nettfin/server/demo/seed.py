"""The demo company: deterministic, so the same seed gives the same ids and numbers every time.

A Norwegian company with NOK as base currency, credit terms, VAT zones (domestic, EU, export), customer
classes, and 50 customers with Norwegian addresses. The demo user's token, the demo company's tenant GUID and
the demo Visma Connect service application's client id and secret are fixed, so the README's curl lines work as
printed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..identity.connect.models import SERVICE, SERVICE_SCOPES, WEB, ConnectApplication
from ..identity.connect.service import create_application, create_secret, grant_application
from ..identity.models import CLIENT_TEST, FINANCIALS_ROLES, ApiClient, Company
from ..identity.service import create_company, create_tenant, create_user, grant_company, hash_token, issue_token
from ..kit.changes import bump_version
from ..numbering.service import CUSTOMER, create_series
from ..payables.demo_documents import seed_supplier_documents
from ..receivables.models import Customer, CustomerClass
from ..snapshots.models import CompanyTemplate
from ..snapshots.service import DEMO_TEMPLATE, snapshot
from ..tax.models import VatZone
from ..terms.models import CreditTerms, PaymentMethod
from .activity import seed_activity, stamp_later_postings
from .assets import seed_fixed_assets
from .cash import seed_cash_and_budgets
from .collection import seed_collection
from .contracts import seed_contracts
from .credit_notes import seed_credit_notes
from .crm import seed_crm
from .currencies import seed_currencies
from .expenses import seed_expenses
from .kits import seed_kits
from .ledger import seed_ledger
from .master_data import seed_master_data
from .organisation import seed_organisation
from .parties import seed_parties
from .pricing import seed_pricing
from .projects import seed_project_transactions, seed_projects
from .receipts import seed_purchase_receipts
from .reference_records import seed_reference_records
from .sales_orders import seed_sales_orders
from .shipping import seed_shipments, seed_shipping_setup
from .stock import seed_stock_setup
from .stock_documents import seed_stock_documents
from .stocktake import seed_stocktakes
from .timecards import seed_time_cards

DEMO_TOKEN = "de300000-0000-4000-8000-00000000d3e0"
DEMO_EMAIL = "demo@nettfin.local"
DEMO_PASSWORD = "demo"
DEMO_TENANT_NAME = "Nordlys Demo"
DEMO_COMPANY_NAME = "Nordlys Demo AS"
DEMO_SECOND_COMPANY_NAME = "Nordlys Test AS"
DEMO_CLIENT_ID = "nettfin-demo-client"
DEMO_CLIENT_SECRET = "demo-secret"
# `serve --demo` turns the admin API on with this key (unless NETTFIN_ADMIN_API_KEY is set): a demo is local.
DEMO_ADMIN_API_KEY = "nettfin-demo-admin"
DEMO_REDIRECT_URIS = ["http://localhost:5000/callback", "https://oauth.pstmn.io/v1/callback"]
# Visma Connect: the demo company's tenant id, and a service application it has approved.
DEMO_TENANT_GUID = "de300000-0000-4000-8000-00000000c0de"
DEMO_SECOND_TENANT_GUID = "de300000-0000-4000-8000-00000000c0df"
DEMO_CONNECT_CLIENT_ID = "isv_nettfin_demo"
DEMO_CONNECT_CLIENT_SECRET = "demo-service-secret"
DEMO_CONNECT_SCOPES = " ".join(SERVICE_SCOPES)
# ... and a web application for the interactive flow (authorization code, PKCE optional, refresh tokens).
DEMO_CONNECT_WEB_CLIENT_ID = "isv_nettfin_demo_web"
DEMO_CONNECT_WEB_CLIENT_SECRET = "demo-web-secret"
DEMO_CONNECT_WEB_REDIRECT_URIS = [*DEMO_REDIRECT_URIS, "http://127.0.0.1:5000/callback"]
DEMO_CONNECT_WEB_POST_LOGOUT_URIS = ["http://localhost:5000/", "http://127.0.0.1:5000/"]
CUSTOMER_COUNT = 50
FIRST_CUSTOMER_NUMBER = 10001

_PREFIXES = [
    "Fjord",
    "Nordlys",
    "Vestland",
    "Berg",
    "Skog",
    "Havblikk",
    "Midnattsol",
    "Trollheim",
    "Lofoten",
    "Sølvberg",
    "Granitt",
    "Elvebakken",
    "Polar",
    "Viking",
    "Furu",
]
_SUFFIXES = [
    "Handel AS",
    "Bygg AS",
    "Consulting AS",
    "Fisk AS",
    "Transport AS",
    "Regnskap AS",
    "Elektro AS",
    "Maskin AS",
    "Eiendom AS",
    "Design AS",
]
_STREETS = [
    "Storgata",
    "Kirkegata",
    "Strandveien",
    "Parkveien",
    "Skolegata",
    "Fjordveien",
    "Sjøgata",
    "Bryggen",
    "Industriveien",
    "Markveien",
]
_PLACES = [
    ("0150", "Oslo"),
    ("5003", "Bergen"),
    ("7011", "Trondheim"),
    ("4006", "Stavanger"),
    ("9008", "Tromsø"),
    ("3015", "Drammen"),
    ("4610", "Kristiansand"),
    ("8006", "Bodø"),
    ("2317", "Hamar"),
    ("6002", "Ålesund"),
]


@dataclass(frozen=True)
class DemoCompany:
    company_id: int
    token: str
    tenant_id: str = DEMO_TENANT_GUID


def ensure_demo(db: Database) -> DemoCompany | None:
    """Seed the demo company into an empty database; None when the database already holds companies. A demo
    company seeded before Visma Connect existed gets the demo service application now."""
    with db.writing() as session:
        if session.scalar(select(Company.id).limit(1)) is not None:
            found = session.scalar(select(Company).where(Company.tenant_guid == DEMO_TENANT_GUID))
            if found is not None:
                _seed_connect_application(session, found)
                _make_template(session, found.id)
            return None
        demo = seed_demo(session)
        _make_template(session, demo.company_id)
        return demo


def _make_template(session: Session, company_id: int) -> None:
    """The `demo` template that clones are made from (`nettfin admin company clone`, the pytest plugin): the demo
    as seeded; for a demo seeded before templates existed, as it is the first time the server starts with it."""
    if session.get(CompanyTemplate, DEMO_TEMPLATE) is None:
        snapshot(session, company_id=company_id, name=DEMO_TEMPLATE, description="The demo company as seeded")


def demo_company(db: Database) -> DemoCompany | None:
    with db.reading() as session:
        found = session.execute(
            select(Company.id, Company.tenant_guid).where(Company.tenant_guid == DEMO_TENANT_GUID)
        ).first()
    return None if found is None else DemoCompany(found.id, DEMO_TOKEN, found.tenant_guid)


def _seed_connect_application(session: Session, company: Company) -> None:
    """The demo service and web applications, with their fixed secrets, approved by the demo company (each made
    when missing, so a demo seeded before either existed gets it)."""
    if not _application_exists(session, DEMO_CONNECT_CLIENT_ID):
        application = create_application(
            session, name="nettfin demo service", app_type=SERVICE, client_id=DEMO_CONNECT_CLIENT_ID
        )
        create_secret(session, application, description="demo secret", secret=DEMO_CONNECT_CLIENT_SECRET)
        grant_application(session, application, company, granted_by="demo seed")
    if not _application_exists(session, DEMO_CONNECT_WEB_CLIENT_ID):
        web = create_application(
            session,
            name="nettfin demo web",
            app_type=WEB,
            client_id=DEMO_CONNECT_WEB_CLIENT_ID,
            redirect_uris=DEMO_CONNECT_WEB_REDIRECT_URIS,
            post_logout_redirect_uris=DEMO_CONNECT_WEB_POST_LOGOUT_URIS,
        )
        create_secret(session, web, description="demo secret", secret=DEMO_CONNECT_WEB_CLIENT_SECRET)
        grant_application(session, web, company, granted_by="demo seed")


def _application_exists(session: Session, client_id: str) -> bool:
    return session.scalar(select(ConnectApplication.id).where(ConnectApplication.client_id == client_id)) is not None


def seed_demo(session: Session) -> DemoCompany:
    tenant = create_tenant(session, name=DEMO_TENANT_NAME)
    company = create_company(
        session, name=DEMO_COMPANY_NAME, tenant=tenant, organization_number="999888777", tenant_guid=DEMO_TENANT_GUID
    )
    company.address_line1 = "Storgata 1"
    company.address_line2 = "0150 Oslo"
    # A second company in which the demo user holds no role yet: the admin panel's "Add access to" step.
    create_company(
        session,
        name=DEMO_SECOND_COMPANY_NAME,
        tenant=tenant,
        organization_number="999888666",
        tenant_guid=DEMO_SECOND_TENANT_GUID,
    )
    user = create_user(
        session,
        email=DEMO_EMAIL,
        first_name="Demo",
        last_name="Bruker",
        tenant=tenant,
        password=DEMO_PASSWORD,
        customer_administrator=True,
    )
    grant_company(session, user=user, company=company, roles=FINANCIALS_ROLES)
    issue_token(session, user=user, description="demo token", token=DEMO_TOKEN)
    session.add(
        ApiClient(
            tenant_id=tenant.id,
            client_id=DEMO_CLIENT_ID,
            name="Demo integration",
            client_type=CLIENT_TEST,
            secret_hash=hash_token(DEMO_CLIENT_SECRET),
            redirect_uris=DEMO_REDIRECT_URIS,
            active=True,
        )
    )
    classes = _seed_reference_data(session, company.id)
    _seed_customers(session, company.id, classes)
    seed_parties(session, company.id, demo_user=user)
    seed_stock_setup(session, company.id)
    session.flush()
    seed_master_data(session, company.id)
    seed_shipping_setup(session, company.id)
    seed_ledger(session, company.id)
    seed_currencies(session, company.id)
    seed_organisation(session, company.id)
    seed_time_cards(session, company.id, demo_user=user)
    seed_reference_records(session, company.id)
    seed_projects(session, company.id)
    create_series(
        session,
        company_id=company.id,
        series_id=CUSTOMER,
        description="Customers",
        start_after=FIRST_CUSTOMER_NUMBER + CUSTOMER_COUNT - 1,
    )
    bump_version(session, company_id=company.id, resource="customer")
    seed_supplier_documents(session, company.id)
    seed_expenses(session, company.id)
    seed_cash_and_budgets(session, company.id)
    seed_fixed_assets(session, company.id)
    seed_project_transactions(session, company.id)
    seed_activity(session, company.id)
    seed_credit_notes(session, company.id)
    seed_collection(session, company.id)
    seed_stocktakes(session, company.id)
    seed_kits(session, company.id)
    seed_stock_documents(session, company.id)
    seed_purchase_receipts(session, company.id)
    seed_sales_orders(session, company.id)
    seed_shipments(session, company.id)
    seed_crm(session, company.id)
    seed_pricing(session, company.id)
    seed_contracts(session, company.id)
    stamp_later_postings(session, company.id)
    _seed_connect_application(session, company)
    return DemoCompany(company.id, DEMO_TOKEN, DEMO_TENANT_GUID)


def _seed_reference_data(session: Session, company_id: int) -> list[CustomerClass]:
    terms = {
        terms_id: CreditTerms(company_id=company_id, terms_id=terms_id, description=text, due_days=days)
        for terms_id, text, days in [
            ("14", "14 dager netto", 14),
            ("30", "30 dager netto", 30),
            ("KONTANT", "Kontant", 0),
        ]
    }
    zones = {
        zone_id: VatZone(company_id=company_id, zone_id=zone_id, description=text, default_vat_category=category)
        for zone_id, text, category in [
            ("01", "Innenlands (Norge)", "03"),
            ("02", "EU", "05"),
            ("03", "Eksport utenfor EU", "05"),
        ]
    }
    classes = [
        CustomerClass(
            company_id=company_id,
            class_id="1",
            description="Innenlandske kunder",
            vat_zone=zones["01"],
            credit_terms=terms["30"],
            required_vat_zone=True,
        ),
        CustomerClass(
            company_id=company_id,
            class_id="2",
            description="EU-kunder",
            vat_zone=zones["02"],
            credit_terms=terms["30"],
            required_vat_zone=True,
        ),
        CustomerClass(
            company_id=company_id,
            class_id="3",
            description="Eksportkunder",
            vat_zone=zones["03"],
            credit_terms=terms["14"],
            required_vat_zone=True,
        ),
    ]
    methods = [
        PaymentMethod(
            company_id=company_id, payment_method_id=code, description=text, means_of_payment=means, use_in_ap=in_ap
        )
        for code, text, means, in_ap in [
            ("BANK", "Bankoverføring", "DirectDeposit", True),
            ("KONTANT", "Kontant", "CashOrCheck", True),
            ("KORT", "Betalingskort", "CreditCard", False),
        ]
    ]
    session.add_all([*terms.values(), *zones.values(), *classes, *methods])
    session.flush()
    return classes


def _seed_customers(session: Session, company_id: int, classes: list[CustomerClass]) -> None:
    rng = random.Random(2019)
    start = datetime(2019, 11, 1, 8, 0, tzinfo=UTC)
    for index in range(CUSTOMER_COUNT):
        name = f"{_PREFIXES[index % len(_PREFIXES)]} {_SUFFIXES[(index * 7) % len(_SUFFIXES)]}"
        postal_code, city = _PLACES[rng.randrange(len(_PLACES))]
        customer_class = classes[0] if index % 10 else classes[1 + (index // 10) % 2]
        organisation = f"9{rng.randrange(10**7, 10**8)}"
        moment = start + timedelta(days=index * 7, minutes=index)
        slug = name.split()[0].lower().replace("ø", "o").replace("å", "a")
        session.add(
            Customer(
                company_id=company_id,
                number=str(FIRST_CUSTOMER_NUMBER + index),
                name=name,
                status="Active" if index % 12 else "Inactive",
                customer_class=customer_class,
                credit_terms=customer_class.credit_terms,
                vat_zone=customer_class.vat_zone,
                currency_id="NOK" if customer_class.class_id == "1" else "EUR",
                credit_verification="CreditLimit",
                credit_limit=Decimal(rng.randrange(10, 200) * 1000),
                corporate_id=organisation,
                vat_registration_id=f"NO{organisation}MVA",
                main_address={
                    "addressLine1": f"{_STREETS[rng.randrange(len(_STREETS))]} {rng.randrange(1, 80)}",
                    "postalCode": postal_code,
                    "city": city,
                    "countryId": "NO",
                },
                main_contact={
                    "name": name,
                    "email": f"post@{slug}{index}.no",
                    "phone1": f"+47 {rng.randrange(20, 99)} {rng.randrange(10, 99)} {rng.randrange(10, 99)} "
                    f"{rng.randrange(10, 99)}",
                },
                # Every fifth customer has a note (GET /customer/{customerCd}/note).
                note="Fakturaer sendes på e-post; purring etter 14 dager." if index % 5 == 0 else None,
                created_at=moment,
                last_modified_at=moment,
            )
        )
