"""Journal transaction DTOs of `/v2/journaltransaction`, as the OpenAPI document visma-journaltransactionv2
names them (property names, nesting, enums).

The write side is the v1 one: the document's JournalTransactionUpdateDto and JournalTransactionLineUpdateDto
have the same members, wrapped the same way, as `journal_schemas`' classes
(tests/server/ledger/test_journal_v2.py checks it), so a v2 body is parsed, validated and posted by the same
code as a v1 body.

The read classes carry a `V2` in their Python names only so that nettfin's own OpenAPI document keeps them
apart from the v1 read DTOs; the nested shapes keep the document's names. Members without a value are None
and left out of the body by the renderer (kit/render.py), so each of them is optional here.
"""

from __future__ import annotations

from pydantic import BaseModel

from ..kit.render import DecimalNumber
from ..kit.shapes import AttachmentRefs, IdDescription, MetadataDto
from ..kit.wire import WireEnum
from .journal_schemas import (
    JournalModule,
    JournalTransactionLineUpdateDto,
    JournalTransactionUpdateDto,
    ProjectInLineDto,
    SubaccountInLineDto,
)

__all__ = [
    "JournalModule",
    "JournalTransactionLineUpdateDto",
    "JournalTransactionLineV2Dto",
    "JournalTransactionStatus",
    "JournalTransactionUpdateDto",
    "JournalTransactionV2Dto",
]


class JournalTransactionStatus(WireEnum):
    """The document's `status` enum of JournalTransactionDto (nettfin's batches are Hold, Balanced or Posted)."""

    Hold = "Hold"
    Balanced = "Balanced"
    Unposted = "Unposted"
    Posted = "Posted"
    Completed = "Completed"
    Voided = "Voided"
    Released = "Released"
    PartiallyReleased = "PartiallyReleased"
    Scheduled = "Scheduled"


# The document's nested shapes: the v1 line's, under the document's names.
class subaccountInJournalTransactionLineDto(SubaccountInLineDto):
    metadata: MetadataDto | None = None


class vatCodeInJournalTransactionLineDto(IdDescription):
    pass


class vatInJournalTransactionLineDto(IdDescription):
    pass


class projectInJournalTransactionLineDto(ProjectInLineDto):
    pass


class projectTaskInJournalTransactionLineDto(ProjectInLineDto):
    pass


class JournalTransactionLineV2Dto(BaseModel):
    """The document's JournalTransactionLineDto."""

    lineNumber: int
    accountNumber: str
    description: str | None = None
    subaccount: subaccountInJournalTransactionLineDto | None = None
    referenceNumber: str | None = None
    debitAmount: DecimalNumber
    debitAmountInCurrency: DecimalNumber
    creditAmount: DecimalNumber
    creditAmountInCurrency: DecimalNumber
    transactionDescription: str | None = None
    vatCode: vatCodeInJournalTransactionLineDto | None = None
    vat: vatInJournalTransactionLineDto | None = None
    branch: str | None = None
    customerSupplier: str | None = None
    transactionType: str | None = None
    module: JournalModule
    uom: str | None = None
    project: projectInJournalTransactionLineDto | None = None
    projectTask: projectTaskInJournalTransactionLineDto | None = None
    attachments: AttachmentRefs = None
    quantity: DecimalNumber
    inventoryNumber: str | None = None
    note: str | None = None


class JournalTransactionV2Dto(BaseModel):
    """The document's JournalTransactionDto; `metadata` on list elements only."""

    module: JournalModule
    batchNumber: str
    status: JournalTransactionStatus
    hold: bool
    transactionDate: str
    postPeriod: str
    financialPeriod: str
    ledger: str | None = None
    ledgerDescription: str | None = None
    currencyId: str
    exchangeRate: DecimalNumber
    autoReversing: bool
    reversingEntry: bool
    description: str | None = None
    originalBatchNumber: str | None = None
    debitTotal: DecimalNumber
    debitTotalInCurrency: DecimalNumber
    creditTotal: DecimalNumber
    creditTotalInCurrency: DecimalNumber
    controlTotal: DecimalNumber
    controlTotalInCurrency: DecimalNumber
    createVatTransaction: bool
    skipVatAmountValidation: bool
    lastModifiedDateTime: str
    transactionCode: str | None = None
    transactionCodeDescription: str | None = None
    branch: str | None = None
    timeStamp: str
    journalTransactionLines: list[JournalTransactionLineV2Dto]
    attachments: AttachmentRefs = None
    errorInfo: str | None = None
    metadata: MetadataDto | None = None
