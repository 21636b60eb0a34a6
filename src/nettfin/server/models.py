"""Every table of every module, so migrations and tests see the whole schema."""

from .assets import models as asset_models
from .attachments import models as attachment_models
from .attributes import models as attribute_models
from .background import models as background_models
from .cash import models as cash_models
from .contracts import models as contract_models
from .crm import models as crm_models
from .currencies import models as currency_models
from .db.base import Base
from .expenses import models as expense_models
from .faults import models as fault_models
from .identity import models as identity_models
from .identity import sessions as identity_sessions
from .identity.connect import models as connect_models
from .inventory import models as inventory_models
from .inventorydocs import models as inventory_document_models
from .jobs import models as job_models
from .kit import changes
from .kitting import models as kitting_models
from .ledger import journal as ledger_journal
from .ledger import models as ledger_models
from .numbering import models as numbering_models
from .organisation import models as organisation_models
from .parties import models as party_models
from .payables import document_models as payables_document_models
from .payables import models as payables_models
from .pricing import models as pricing_models
from .projects import models as project_models
from .purchasing import models as purchasing_models
from .receivables import collection_models as receivables_collection_models
from .receivables import document_models as receivables_document_models
from .receivables import models as receivables_models
from .requestlog import models as requestlog_models
from .sales import models as sales_models
from .shipping import models as shipping_models
from .snapshots import models as snapshot_models
from .stock import models as stock_models
from .stocktake import models as stocktake_models
from .tax import models as tax_models
from .terms import models as terms_models
from .throttle import stores as throttle_stores
from .timecards import models as timecards_models
from .uiextensions import models as uiextension_models
from .webhooks import models as webhook_models

__all__ = [
    "Base",
    "asset_models",
    "attachment_models",
    "attribute_models",
    "background_models",
    "cash_models",
    "changes",
    "connect_models",
    "crm_models",
    "contract_models",
    "currency_models",
    "expense_models",
    "fault_models",
    "identity_models",
    "identity_sessions",
    "inventory_document_models",
    "inventory_models",
    "job_models",
    "kitting_models",
    "ledger_journal",
    "ledger_models",
    "numbering_models",
    "organisation_models",
    "party_models",
    "payables_document_models",
    "payables_models",
    "pricing_models",
    "project_models",
    "purchasing_models",
    "receivables_collection_models",
    "receivables_document_models",
    "receivables_models",
    "requestlog_models",
    "sales_models",
    "shipping_models",
    "snapshot_models",
    "stock_models",
    "stocktake_models",
    "tax_models",
    "terms_models",
    "throttle_stores",
    "timecards_models",
    "uiextension_models",
    "webhook_models",
]
