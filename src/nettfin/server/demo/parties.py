"""The demo company's suppliers, items and employees, deterministic like the rest of the demo.

The knowledge base's walk-throughs work on it: supplier 50000 and supplier class 1 (the Supplier, Supplier
Invoice, Purchase Order and Supplier Payment articles), items `test*test` (a non-stock item on the supplier
invoice), `teststock` and `6` (stock items kept in warehouse 2 and bought by the pallet, `PALL`, on the
purchase order). Items use the VAT set-up's categories: 03 (25 %, the walk-through's), 31 (15 %, food),
33 (12 %) and 05 (exempt). The demo user is employee E001, so time cards have someone to belong to.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..identity.models import User
from ..inventory.models import InventoryItem, ItemClass, ItemWarehouse, PostingClass, Warehouse
from ..kit.changes import bump_version
from ..numbering.service import SUPPLIER, create_series
from ..payables.models import Supplier, SupplierClass
from ..tax.models import VatZone
from ..terms.models import CreditTerms
from ..timecards.models import Department, Employee, EmployeeClass
from .supplier_contacts import seed_supplier_contacts

FIRST_SUPPLIER_NUMBER = 50000
# The knowledge base's Supplier article creates supplier 50002 with its own number, so the demo leaves that
# number free: the supplier the sequence would put there comes after the others.
ARTICLE_SUPPLIER_NUMBER = 50002
EMPLOYEE_COUNT = 10
# Every seeded row is dated from here, so two seeds render the same bytes.
SEEDED_AT = datetime(2019, 11, 1, 8, 0, tzinfo=UTC)

# (name, supplier class, country); the first is the walk-throughs' supplier 50000.
_SUPPLIERS = [
    ("Nordlys Leverandør AS", "1", "NO"),
    ("Nordisk Kontorutstyr AS", "1", "NO"),
    ("Bergen Emballasje AS", "1", "NO"),
    ("Fjordfrakt AS", "1", "NO"),
    ("Trondheim Trelast AS", "1", "NO"),
    ("Hansa Logistik GmbH", "2", "DE"),
    ("Oslo Papir AS", "1", "NO"),
    ("Stavanger Elektro AS", "1", "NO"),
    ("Lofoten Sjømat AS", "1", "NO"),
    ("Vestlandske Verktøy AS", "1", "NO"),
    ("Svenska Kontorsvaror AB", "2", "SE"),
    ("Tromsø Transport AS", "1", "NO"),
    ("Hamar Møbler AS", "1", "NO"),
    ("Shenzhen Components Ltd", "3", "CN"),
    ("Drammen Data AS", "1", "NO"),
    ("Dansk Emballage A/S", "2", "DK"),
    ("Kristiansand Kaffe AS", "1", "NO"),
    ("Bodø Bygg AS", "1", "NO"),
    ("Ålesund Renhold AS", "1", "NO"),
    ("Gjøvik Grafisk AS", "1", "NO"),
    ("Suomen Tekniikka Oy", "2", "FI"),
    ("Molde Maskin AS", "1", "NO"),
    ("Harstad Hotell AS", "1", "NO"),
    ("Lillehammer Lys AS", "1", "NO"),
    ("Tønsberg Telefoni AS", "1", "NO"),
    ("Sandnes Sikkerhet AS", "1", "NO"),
    ("Arendal Advokat AS", "1", "NO"),
    ("Pacific Packaging Inc", "3", "US"),
    ("Narvik Nett AS", "1", "NO"),
    ("Kongsberg Kurs AS", "1", "NO"),
]
_PLACES = [("0150", "Oslo"), ("5003", "Bergen"), ("7011", "Trondheim"), ("4006", "Stavanger"), ("9008", "Tromsø")]
_FOREIGN = {
    "DE": ("20095", "Hamburg"),
    "SE": ("11122", "Stockholm"),
    "DK": ("1050", "København"),
    "FI": ("00100", "Helsinki"),
    "CN": ("518000", "Shenzhen"),
    "US": ("94105", "San Francisco"),
}
_SUPPLIER_ACCOUNTS = {
    "supplierAccount": "2400",
    "supplierSubaccount": "00-000",
    "expenseAccount": "4300",
    "expenseSubaccount": "20-000",
}

# (number, description, item class, VAT category, default price, cost); stock items take their class's units.
_ITEMS = [
    ("test*test", "Testvare (ikke lagerført)", "DIVERSE", "03", "100.00", "1.60"),
    ("teststock", "Testvare på pall", "PALL", "03", "2500.00", "2000.00"),
    ("6", "Kopipapir A4, pall", "PALL", "03", "3900.00", "3100.00"),
    ("1001", "Kontorstol ergonomisk", "LAGER", "03", "2490.00", "1450.00"),
    ("1002", "Skrivebord 160x80", "LAGER", "03", "3990.00", "2300.00"),
    ("1003", "Arkivskap 3 skuffer", "LAGER", "03", "1890.00", "1100.00"),
    ("1004", "Skjerm 27 tommer", "LAGER", "03", "2990.00", "2150.00"),
    ("1005", "Tastatur trådløst", "LAGER", "03", "449.00", "260.00"),
    ("1006", "Mus trådløs", "LAGER", "03", "299.00", "150.00"),
    ("1007", "Dokkingstasjon USB-C", "LAGER", "03", "1790.00", "1190.00"),
    ("1008", "Headset med mikrofon", "LAGER", "03", "899.00", "540.00"),
    ("1009", "Whiteboard 120x90", "LAGER", "03", "1290.00", "720.00"),
    ("1010", "Kopipapir A4, eske", "LAGER", "03", "289.00", "190.00"),
    ("1011", "Permer A4, 10 stk", "LAGER", "03", "199.00", "95.00"),
    ("1012", "Blekkpatron sort", "LAGER", "03", "349.00", "210.00"),
    ("2001", "Kaffe, hele bønner 1 kg", "MAT", "31", "249.00", "160.00"),
    ("2002", "Te, utvalg 100 poser", "MAT", "31", "129.00", "70.00"),
    ("2003", "Frukt, kurv", "MAT", "31", "399.00", "250.00"),
    ("2004", "Mineralvann 24 flasker", "MAT", "31", "219.00", "120.00"),
    ("3001", "Konsulenttime", "TJENESTE", "03", "1350.00", "0"),
    ("3002", "Installasjon", "TJENESTE", "03", "950.00", "0"),
    ("3003", "Opplæring per time", "TJENESTE", "03", "1150.00", "0"),
    ("3004", "Support, månedlig", "TJENESTE", "03", "2500.00", "0"),
    ("3005", "Reisetid per time", "TJENESTE", "03", "650.00", "0"),
    ("4001", "Frakt innenlands", "FRAKT", "03", "390.00", "250.00"),
    ("4002", "Frakt utland", "FRAKT", "05", "890.00", "600.00"),
    ("4003", "Persontransport", "FRAKT", "33", "450.00", "300.00"),
    ("5001", "Kursavgift", "DIVERSE", "06", "4500.00", "0"),
    ("5002", "Gebyr", "DIVERSE", "05", "75.00", "0"),
    ("5003", "Leie av lokaler per dag", "DIVERSE", "03", "3500.00", "2000.00"),
]
# (class, description, type, posting class, base unit, default warehouse)
_ITEM_CLASSES = [
    ("DIVERSE", "Diverse (ikke lagerført)", "NonStockItem", "VARER", "STK", None),
    ("FRAKT", "Frakt og transport", "ChargeItem", "TJENESTER", "STK", None),
    ("LAGER", "Lagervarer", "FinishedGoodItem", "VARER", "STK", "1"),
    ("MAT", "Mat og drikke", "NonStockItem", "VARER", "STK", None),
    ("PALL", "Lagervarer på pall", "FinishedGoodItem", "VARER", "PALL", "2"),
    ("TJENESTE", "Tjenester", "ServiceItem", "TJENESTER", "TIME", None),
]
# What the goods' stock movements post to (`stock.accounts.Role`).
_STOCK_ACCOUNTS = {
    "inventoryAccount": "1400",
    "cogsAccount": "4300",
    "inventoryAdjustmentAccount": "4090",
    "standardCostVarianceAccount": "4091",
    "poAccrualAccount": "2490",
    # The demo's chart has no account of its own for purchase price variance: it shares the cost variance one.
    "purchasePriceVarianceAccount": "4091",
}
_ITEM_ACCOUNTS = {"salesAccount": "3000", "cogsAccount": "4300", "inventoryAccount": "1400"}
_SALES_SUBACCOUNT = ({"segmentId": 1, "segmentValue": "10"}, {"segmentId": 2, "segmentValue": "000"})
_EMPLOYEES = [
    ("Demo", None, "Bruker", "ADM", "ANSATT"),
    ("Kari", None, "Nordmann", "ADM", "ANSATT"),
    ("Ola", "Johan", "Hansen", "SALG", "ANSATT"),
    ("Ingrid", None, "Berg", "SALG", "ANSATT"),
    ("Lars", None, "Olsen", "LAGER", "ANSATT"),
    ("Sigrid", "Marie", "Johansen", "LAGER", "ANSATT"),
    ("Erik", None, "Larsen", "IT", "ANSATT"),
    ("Nora", None, "Andersen", "IT", "KONSULENT"),
    ("Henrik", None, "Pedersen", "SALG", "KONSULENT"),
    ("Maja", None, "Nilsen", "ADM", "ANSATT"),
]


@dataclass(frozen=True)
class _Reference:
    zones: dict[str, VatZone]
    terms: dict[str, CreditTerms]


def seed_parties(session: Session, company_id: int, *, demo_user: User) -> None:
    """Suppliers and their classes, warehouses and items with their classes, departments and employees."""
    reference = _Reference(
        zones={z.zone_id: z for z in session.scalars(select(VatZone).where(VatZone.company_id == company_id))},
        terms={t.terms_id: t for t in session.scalars(select(CreditTerms).where(CreditTerms.company_id == company_id))},
    )
    _seed_suppliers(session, company_id, _seed_supplier_classes(session, company_id, reference))
    seed_supplier_contacts(session, company_id)
    create_series(
        session,
        company_id=company_id,
        series_id=SUPPLIER,
        description="Suppliers",
        start_after=FIRST_SUPPLIER_NUMBER + len(_SUPPLIERS),
        # As in the article's company: a number sent with a new supplier is kept, an omitted one is given.
        manual_on_import=True,
    )
    _seed_items(session, company_id)
    _seed_employees(session, company_id, demo_user)
    for resource in ("supplier", "inventory", "item_class", "posting_class", "employee"):
        bump_version(session, company_id=company_id, resource=resource)


def _seed_supplier_classes(session: Session, company_id: int, reference: _Reference) -> dict[str, SupplierClass]:
    classes = {
        class_id: SupplierClass(
            company_id=company_id,
            class_id=class_id,
            description=text,
            vat_zone=reference.zones.get(zone_id),
            credit_terms=reference.terms.get("30"),
            payment_method_id="BANK",
            required_vat_zone=True,
            currency_id=currency,
            # Balances of at most 10 kroner are written off to "other deductible cost" (action/writeoff).
            write_off_account="7790",
            write_off_limit=Decimal(10),
        )
        for class_id, text, zone_id, currency in [
            ("1", "Innenlandske leverandører", "01", "NOK"),
            ("2", "EU-leverandører", "02", "EUR"),
            ("3", "Leverandører utenfor EU", "03", "USD"),
        ]
    }
    session.add_all(classes.values())
    return classes


def _supplier_number(index: int) -> str:
    number = FIRST_SUPPLIER_NUMBER + index
    return str(FIRST_SUPPLIER_NUMBER + len(_SUPPLIERS) if number == ARTICLE_SUPPLIER_NUMBER else number)


def _seed_suppliers(session: Session, company_id: int, classes: dict[str, SupplierClass]) -> None:
    rng = random.Random(2020)
    for index, (name, class_id, country) in enumerate(_SUPPLIERS):
        supplier_class = classes[class_id]
        postal_code, city = _PLACES[rng.randrange(len(_PLACES))] if country == "NO" else _FOREIGN[country]
        organisation = f"9{rng.randrange(10**7, 10**8)}"
        account = f"1503.{rng.randrange(10, 99)}.{rng.randrange(10000, 99999)}"
        moment = SEEDED_AT + timedelta(days=index * 5, minutes=index)
        slug = "".join(c for c in name.split()[0].lower() if c.isascii() and c.isalpha())
        phone = f"+47 {rng.randrange(20, 99)} {rng.randrange(10, 99)} {rng.randrange(10, 99)} {rng.randrange(10, 99)}"
        session.add(
            Supplier(
                company_id=company_id,
                number=_supplier_number(index),
                name=name,
                status="Active" if index % 11 != 10 else "Inactive",
                supplier_class=supplier_class,
                credit_terms=supplier_class.credit_terms,
                vat_zone=supplier_class.vat_zone,
                currency_id=supplier_class.currency_id,
                payment_method_id="BANK",
                account_used_for_payment="BBAN" if country == "NO" else "IBAN",
                corporate_id=organisation if country == "NO" else None,
                vat_registration_id=f"NO{organisation}MVA" if country == "NO" else None,
                main_address={
                    "addressLine1": f"Industriveien {index + 1}",
                    "postalCode": postal_code,
                    "city": city,
                    "countryId": country,
                },
                main_contact={"name": name, "email": f"faktura@{slug}.example", "phone1": phone},
                gl_accounts=dict(_SUPPLIER_ACCOUNTS),
                payment_method_details=[{"description": "Bank account", "value": account}],
                created_at=moment,
                last_modified_at=moment,
            )
        )


def _seed_items(session: Session, company_id: int) -> None:
    warehouses = {
        warehouse_id: Warehouse(company_id=company_id, warehouse_id=warehouse_id, description=text)
        for warehouse_id, text in [("1", "Hovedlager Oslo"), ("2", "Pall-lager Alnabru")]
    }
    posting = {
        class_id: PostingClass(company_id=company_id, class_id=class_id, description=text, accounts=accounts)
        for class_id, text, accounts in [("VARER", "Varer", _STOCK_ACCOUNTS), ("TJENESTER", "Tjenester", {})]
    }
    classes = {
        class_id: ItemClass(
            company_id=company_id,
            class_id=class_id,
            description=text,
            item_type=kind,
            posting_class=posting[posting_id],
            vat_category_code="03",
            base_unit=unit,
            default_warehouse=warehouses.get(warehouse_id),
        )
        for class_id, text, kind, posting_id, unit, warehouse_id in _ITEM_CLASSES
    }
    session.add_all([*warehouses.values(), *posting.values(), *classes.values()])
    for index, (number, text, class_id, category, price, cost) in enumerate(_ITEMS):
        session.add(
            item_record(company_id, index, number, text, classes[class_id], category, Decimal(price), Decimal(cost))
        )


def item_record(
    company_id: int, index: int, number: str, text: str, item_class: ItemClass, category: str, price, cost
) -> InventoryItem:
    moment = SEEDED_AT + timedelta(days=index * 3, minutes=index)
    item = InventoryItem(
        company_id=company_id,
        number=number,
        item_type=item_class.item_type,
        description=text,
        item_class=item_class,
        posting_class=item_class.posting_class,
        vat_category_code=category,
        default_price=price,
        current_cost=cost,
        last_cost=cost,
        effective_date=moment,
        base_unit=item_class.base_unit,
        sales_unit=item_class.base_unit,
        purchase_unit=item_class.base_unit,
        default_warehouse=item_class.default_warehouse,
        accounts=dict(_ITEM_ACCOUNTS),
        subaccounts={"salesSubaccount": [dict(segment) for segment in _SALES_SUBACCOUNT]},
        created_at=moment,
        last_modified_at=moment,
    )
    if item_class.default_warehouse is not None:
        item.warehouses = [
            ItemWarehouse(
                company_id=company_id, warehouse=item_class.default_warehouse, is_default=True, last_modified_at=moment
            )
        ]
    return item


def _seed_employees(session: Session, company_id: int, demo_user: User) -> None:
    departments = {
        department_id: Department(company_id=company_id, department_id=department_id, description=text)
        for department_id, text in [("ADM", "Administrasjon"), ("SALG", "Salg"), ("LAGER", "Lager"), ("IT", "IT")]
    }
    classes = {
        class_id: EmployeeClass(company_id=company_id, class_id=class_id, description=text)
        for class_id, text in [("ANSATT", "Ansatte"), ("KONSULENT", "Innleide konsulenter")]
    }
    session.add_all([*departments.values(), *classes.values()])
    for index, (first, middle, last, department_id, class_id) in enumerate(_EMPLOYEES):
        moment = SEEDED_AT + timedelta(days=index, minutes=index)
        email = demo_user.email if index == 0 else f"{first.lower()}.{last.lower()}@nordlys.example"
        contact = {"firstName": first, "middleName": middle, "lastName": last, "email": email}
        session.add(
            Employee(
                company_id=company_id,
                number=f"E{index + 1:03d}",
                name=" ".join(part for part in (first, middle, last) if part),
                department=departments[department_id],
                employee_class=classes[class_id],
                branch="1",
                calendar="STANDARD",
                contact={key: value for key, value in contact.items() if value},
                address={"addressLine1": "Storgata 1", "postalCode": "0150", "city": "Oslo", "countryId": "NO"},
                # The demo user leads the company tree's top group; the others are its members.
                work_groups=[
                    {"workGroupID": "Ledelse" if index == 0 else "Ansatte", "active": True, "owner": not index}
                ],
                user_id=demo_user.id if index == 0 else None,
                created_at=moment,
                last_modified_at=moment,
            )
        )
