"""Countries (CS20400S) as the API serves them: `/v1/country` list (paged, `metadata` on each element) and get
by `countryId`, from the ISO 3166-1 table addresses use (`countries.py`).

Countries are the same for every company here: nettfin keeps no per-company country list (the real screen lets
a company edit its countries' names; nettfin's cannot be edited), so no table stores them. An id is found
whatever its case (`no` is `NO`), as the service's database collation finds it (our reading).

No `from __future__ import annotations`: FastAPI reads the endpoints' annotations, and the key type is made
inside the factory, which takes the company dependency from app.py (the kit imports no identity module).
"""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from pydantic import AfterValidator, BaseModel, Field
from starlette.responses import Response

from . import messages
from .checks import INT32_MAX
from .countries import COUNTRIES
from .errors import NotFound
from .keys import decode_key
from .paging import MASTER_DATA_MAX_PAGE_SIZE
from .render import json_response
from .shapes import MetadataDto

_KEY = "Identifies the Country"


class CountryDto(BaseModel):
    id: str | None = Field(None, description="The two-letter country ID (ISO 3166-1 alpha-2).")
    name: str | None = Field(None, description="The complete name of the country.")
    errorInfo: str | None = None
    metadata: MetadataDto | None = None


_ORDERED = sorted(COUNTRIES.items())


def country_routes(company: Callable[..., Any]) -> APIRouter:
    """The routes; `company` is the dependency giving the call's company (`identity.auth.company_context`)."""
    router = APIRouter(prefix="/v1/country", tags=["Country"])
    key_type = Annotated[str, Path(alias="countryId", description=_KEY), AfterValidator(decode_key)]
    maximum = MASTER_DATA_MAX_PAGE_SIZE

    @router.get(
        "",
        response_model=list[CountryDto],
        summary="Get a range of Countries - ScreenId=CS20400S",
        description=f"Paged: a page size above {maximum} (metadata.maxPageSize) is limited to it.",
    )
    def list_countries(
        context: Any = Depends(company),
        pageNumber: int | None = Query(None, ge=1, le=INT32_MAX, description="Pagination parameter. Page number."),
        pageSize: int | None = Query(None, ge=1, le=INT32_MAX, description="Pagination parameter. Page size."),
    ) -> Response:
        size = min(pageSize or maximum, maximum)
        start = ((pageNumber or 1) - 1) * size
        metadata = {"totalCount": len(_ORDERED), "maxPageSize": maximum}
        page = _ORDERED[start : start + size]
        return json_response([{"id": key, "name": name, "metadata": metadata} for key, name in page])

    @router.get("/{countryId}", response_model=CountryDto, summary="Get a specific Country")
    def get_country(key: key_type, context: Any = Depends(company)) -> Response:
        country_id = key.strip().upper()
        if country_id not in COUNTRIES:
            raise NotFound(messages.not_found("Country", key))
        return json_response({"id": country_id, "name": COUNTRIES[country_id]})

    return router
