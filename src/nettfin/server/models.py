"""Every table of every module, so migrations and tests see the whole schema."""

from .db.base import Base
from .identity import models as identity_models
from .kit import changes
from .numbering import models as numbering_models
from .receivables import models as receivables_models
from .tax import models as tax_models
from .terms import models as terms_models

__all__ = ["Base", "changes", "identity_models", "numbering_models", "receivables_models", "tax_models", "terms_models"]
