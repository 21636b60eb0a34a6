"""What a document list sends when its documents' JSON is not kept (kit/document_lists.py, `page_bodies`): its
use cases' `list` rows of the first page, `metadata` added, rendered as every body is."""

from __future__ import annotations

from typing import Any

from nettfin.server.kit.paging import DOCUMENT_MAX_PAGE_SIZE, Page, with_metadata
from nettfin.server.kit.render import render_body
from tests.conftest import Tenant


def rows_rendered(tenant: Tenant, documents: Any, filters: Any, *, view: frozenset[str] = frozenset()) -> bytes:
    """The first page of 10 of `documents` (a type's use cases) under `filters`, as `list` renders it."""
    rows, result = documents.list(
        tenant.database,
        company_id=tenant.company_id,
        context=None,
        filters=filters,
        page=Page(1, 10, DOCUMENT_MAX_PAGE_SIZE),
        view=view,
    )
    return render_body(with_metadata(rows, result))
