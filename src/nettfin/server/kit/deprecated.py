"""Parameters the service still accepts but no longer uses: documented as deprecated, and ignored."""

from __future__ import annotations

DEPRECATED = "Deprecated; ignored."
