"""Keys of records in the demo company, by path parameter name (lower case): what a request can name and find."""

from __future__ import annotations

DEMO_KEYS: dict[str, list] = {
    "customercd": ["10006"],  # active, with a note, a quote, a contact, a direct debit mandate and a sales person
    "customernumber": ["10001"],
    "contractid": ["K0001", "K0002"],  # an active contract billed once, and a draft
    "internalid": ["1"],
    "suppliercd": ["50000"],
    "suppliernumber": ["50000"],
    "inventorynumber": ["1001"],
    "inventoryreceiptnumber": ["000001"],
    "inventoryissuenumber": ["000001"],
    "inventoryadjustmentnumber": ["000001"],
    "inventorytransfernumber": ["000001"],
    "adjrefnumber": ["000001"],
    "transfernumber": ["000001"],
    "inventoryid": ["4"],
    "employeecd": ["E001"],
    "departmentid": ["ADM"],
    "curyid": ["NOK", "EUR"],
    "currencyrateid": [1],
    "recordid": [1, 4],  # sales prices: a base and a customer price
    "discountcode": ["VOLUM"],
    "series": ["S1"],
    "filerdate": ["2020-07-01"],  # updateDiscounts: S1's pending 12 % is due then
    "branchnumber": ["1"],
    "organizationnumber": ["NORDLYS"],
    "accountcd": ["1200"],
    "accountnumber": ["1920"],
    "subaccountnumber": ["10-000"],
    "subaccountid": ["10-000"],
    "dimensionid": ["SUBACCOUNT"],
    "segmentid": [1],
    "valueid": ["00"],
    "journaltransactionnumber": ["000001"],
    "invoicenumber": ["000001", "000002"],
    "documentnumber": ["000045"],  # the demo's first cash sale
    "overduechargenumber": ["000047", "000048"],  # the demo's released and unreleased overdue charges
    "documenttype": ["Invoice"],
    "paymentnumber": ["000001"],
    "paymenttype": ["Payment"],
    "systemid": ["6f1c2a9e-4b7d-4e3a-9c55-2d8e1f0a7b31"],  # the demo's supplier invoice sent to approval
    "financialperiodid": ["201911"],
    "vatid": ["1"],
    "taxcategoryid": ["03"],
    "vatcategoryid": ["03"],
    "vatzoneid": ["01"],
    "vendorcd": ["50000"],
    "supplierid": ["50000"],  # a supplier's expense accounts: its number
    "baccountid": ["50000"],  # a supplier location's business account
    "locationid": ["MAIN", "LAGER", "A1"],  # a supplier's locations, warehouse 1's first
    "taxperiodid": ["201911"],
    "revisionid": [1],
    "customerclassid": ["1"],
    "supplierclassid": ["1"],
    "itemclassnumber": ["LAGER"],
    "module": ["ModuleAP"],
    "linenumber": [1],
    "timecardcd": ["000001"],
    "referencenumber": ["000001"],
    "countryid": ["NO"],
    "paymentmethodnumber": ["BANK"],
    "numberingid": ["CUSTOMER"],
    "attributeid": ["FARGE"],
    "languageiso": ["nb-NO"],
    "ownerid": ["0f8fad5b-d9cb-469f-a165-70867728950e"],
    "screenid": ["AP301000"],
    "stepid": ["Balanced"],
    "typecd": ["RG"],
    "expenseclaimnbr": ["000001"],
    "expenseclaim": ["000002"],
    "receiptnumber": ["000001"],
    "referencenbr": ["000001"],
    "deferralcodeid": ["FORSKUDD"],
    "classid": ["MASKIN"],
    "propertytaxid": ["NAERING"],
    "fixedassetid": ["FA0001"],
    "refno": ["000003"],  # a fixed asset transaction register, and kit assembly P 000003
    "type": ["P"],  # a kit assembly type
    "kitinventoryid": ["KIT1"],
    "projectid": ["PRJ1"],
    "accountgroupid": ["EXPENSE"],
    "project": ["PRJ1"],
    "projecttask": ["T1"],
    "accountgroup": ["EXPENSE"],
    "refnbr": ["000019"],
    "creditnotenumber": ["000042"],  # the demo's credit note applied to an invoice (demo/credit_notes.py)
    "creditwriteoffnumber": ["000044"],  # the demo's credit write-off
    "warehouseid": ["1"],
    "id": ["PARTI"],  # a lot/serial class
    "code": ["FRAKT"],  # a landed cost code
    "carriername": ["POSTEN"],
    "boxid": ["SMALL"],
    "inventorycd": ["1103"],
    "alternatetype": ["Barcode"],
    "alternateid": ["7040000010016"],
    # The barcode lookups read the demo's sales order 000001 (items 1001 and 1103, which carry barcodes) and its
    # confirmed and invoiced shipment 000001; no purchase receipt has this number, so it reads as a barcode.
    "ordernbr": ["000001"],
    "ordernumber": ["000001"],
    "ordertype": ["SO"],
    "shipmentnbr": ["000001"],
    "receiptnbr": ["7040000010016"],
    "contactid": [1],  # a supplier's contact; the customers' are 5 to 7
    "customerid": ["10001"],  # a customer's payment methods
    "customerpaymentmethodid": ["KORT"],
    "salespersoncd": ["SP01"],
    "categoryid": [10],  # a sales category with a sub-category and an item
}
