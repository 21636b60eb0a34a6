"""Inventory documents as the service's DTOs: the header every type shares, each type's members and lines."""

from __future__ import annotations

from decimal import Decimal

from ..kit.render import format_datetime, time_stamp
from ..ledger.period_ids import as_month_year
from .documents import ISSUE, Kind, Rendering
from .models import DocumentType, InventoryDocument, InventoryDocumentLine

# The read DTO's name for the lines (the adjustment's is spelled so by the service).
_LINES = {
    DocumentType.RECEIPT: "receiptLines",
    DocumentType.ISSUE: "issueLines",
    DocumentType.ADJUSTMENT: "adjusmentLines",
    DocumentType.TRANSFER: "transferLines",
}


def document_dto(kind: Kind, d: InventoryDocument, reading: Rendering) -> dict:
    body = {
        "referenceNumber": d.reference_number,
        "status": d.status,
        "hold": d.hold,
        "date": format_datetime(d.date),
        "postPeriod": as_month_year(d.period_id),
        "externalReference": d.external_reference,
        "description": d.description,
        "totalQuantity": d.total_quantity,
        "controlQuantity": d.total_quantity if d.control_quantity is None else d.control_quantity,
        "batchNumber": d.batch_number,
        "lastModifiedDateTime": format_datetime(d.last_modified_at),
        "branchNumber": _branch(d.branch_cd, reading),
        "attachments": [],
        "timestamp": time_stamp(d.row_version),
    }
    control = d.control_cost
    if kind.type == DocumentType.ISSUE:
        body["totalAmount"] = d.total_amount
        body["controlAmount"] = d.total_amount if control is None else control
    elif kind.type == DocumentType.TRANSFER:
        body["warehouse"] = _warehouse(d.warehouse)
        body["toWarehouse"] = _warehouse(d.to_warehouse)
    else:
        body["totalCost"] = d.total_cost
        body["controlCost"] = d.total_cost if control is None else control
    body[_LINES[kind.type]] = [_line(kind, d, line, reading) for line in d.lines]
    return body


def _line(kind: Kind, d: InventoryDocument, line: InventoryDocumentLine, reading: Rendering) -> dict:
    item = line.item
    body = {
        "lineNumber": line.line_number,
        "inventoryItem": {"number": item.number, "description": item.description} if item else None,
        "location": _location(line.location),
        "quantity": line.quantity,
        "uom": line.uom,
        "description": line.description,
        "attachments": [],
        "branchNumber": _branch(line.branch_cd, reading),
    }
    if kind.type == DocumentType.TRANSFER:
        body["toLocation"] = _location(line.to_location)
        body["lotSerialNumber"] = line.lot_serial or None
        body["allocations"] = [_allocation(line, a, reading, basic=True) for a in line.allocations]
        return body
    body["warehouse"] = _warehouse(line.warehouse)
    body["unitCost"] = line.unit_cost
    body["extCost"] = line.ext_cost
    if kind.type == DocumentType.ISSUE:
        body["transactionType"] = line.tran_type or ISSUE
        body["unitPrice"] = line.unit_price
        body["extPrice"] = line.ext_price
        body["lotSerialNumber"] = line.lot_serial or None
    if kind.type in (DocumentType.RECEIPT, DocumentType.ISSUE):
        body["allocations"] = [_allocation(line, a, reading, basic=False) for a in line.allocations]
    return body


def _allocation(line: InventoryDocumentLine, allocation: dict, reading: Rendering, *, basic: bool) -> dict:
    code = allocation.get("location")
    name = reading.locations.get((line.warehouse_id, code)) if code else None
    location = {"id": code, "name": name or None} if code else _location(line.location)
    body = {
        "lineNbr": allocation["lineNbr"],
        "location": location,
        "lotSerialNumber": allocation.get("lotSerialNumber") or None,
        "quantity": Decimal(allocation["quantity"]),
    }
    if not basic:
        body["uom"] = line.uom
    return body


def _location(location) -> dict | None:
    if location is None:
        return None
    return {"id": location.location_cd, "name": location.description or None}


def _warehouse(warehouse) -> dict | None:
    if warehouse is None:
        return None
    return {"id": warehouse.warehouse_id, "description": warehouse.description or None}


def _branch(code: str | None, reading: Rendering) -> dict | None:
    if not code:
        return None
    return {"number": code, "name": reading.branches.get(code)}
