"""Number sequences (CS201010) as the API serves them: `/v1/numberSequence` list and get by `numberingId`.

They are the series nettfin numbers with (`service.py`): master data's (`CUSTOMER`, `SUPPLIER`), which a company
starts with, and every document type's and the journal's, made on first use, so a series appears once the
first record of its kind is numbered. A series is one subsequence without a branch: from its first number to
the last its width allows, step 1; `lastNbr` is the last number it gave, `nextNumber` the next (numbers a client
gave by hand are skipped when the series reaches them). nettfin keeps no start date or warning number; the
warning number is read as a hundred numbers before the end (our reading).

The numbering is a foundation module: the company dependency comes from app.py as a parameter. No `from __future__
import annotations`: FastAPI reads the endpoints' annotations, and the key type is made inside the factory.
"""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from pydantic import AfterValidator
from sqlalchemy import select
from starlette.responses import Response

from ..kit import messages
from ..kit.errors import NotFound
from ..kit.keys import decode_key
from ..kit.members import Attribute, Objects, Shape
from ..kit.render import json_response
from ..kit.resource import Computed
from .models import NumberSeries
from .service import MASTER_DATA_START, series_number

NEW_NUMBER_SYMBOL = "<NEW>"
_KEY = "Identifies the Numbering"


def _first(series: NumberSeries) -> int:
    return MASTER_DATA_START.get(series.series_id, 1)


def _last_possible(series: NumberSeries) -> int:
    return int("9" * len(series_number(series.series_id, _first(series))))


SEQUENCE = Shape(
    "NumberingSequenceDto",
    (
        Attribute("numberingId", "series_id"),
        Computed("startNbr", str, lambda s: series_number(s.series_id, _first(s))),
        Computed("endNbr", str, lambda s: series_number(s.series_id, _last_possible(s))),
        Computed("lastNbr", str, lambda s: series_number(s.series_id, s.last_number)),
        Computed("warnNbr", str, lambda s: series_number(s.series_id, _last_possible(s) - 100)),
        Computed("nbrStep", int, lambda s: 1),
        Computed("nextNumber", str, lambda s: series_number(s.series_id, s.last_number + 1)),
    ),
)
NUMBERING = Shape(
    "NumberingDto",
    (
        Attribute("numberingId", "series_id"),
        Attribute("description", "description"),
        Attribute("manualNumbering", "manual", bool),
        Computed("newNumberSymbol", str, lambda s: NEW_NUMBER_SYMBOL),
        Objects("sequence", SEQUENCE, lambda s: [s]),
    ),
)


def number_sequence_router(company: Callable[..., Any]) -> APIRouter:
    """The routes; `company` is the dependency giving the call's company (`identity.auth.company_context`)."""
    router = APIRouter(prefix="/v1/numberSequence", tags=["NumberSequence"])
    key_type = Annotated[str, Path(alias="numberingId", description=_KEY), AfterValidator(decode_key)]

    @router.get("", response_model=list[NUMBERING.read_model], summary="Get a specific Numbering - ScreenId=CS201010")
    def list_number_sequences(request: Request, context: Any = Depends(company)) -> Response:
        with request.app.state.db.reading() as session:
            statement = select(NumberSeries).where(NumberSeries.company_id == context.company_id)
            rows = session.scalars(statement.order_by(NumberSeries.series_id)).all()
            return json_response([NUMBERING.render(row) for row in rows])

    @router.get("/{numberingId}", response_model=NUMBERING.read_model, summary="Get a specific Numbering")
    def get_number_sequence(request: Request, key: key_type, context: Any = Depends(company)) -> Response:
        with request.app.state.db.reading() as session:
            found = session.get(NumberSeries, (context.company_id, key))
            if found is None:
                raise NotFound(messages.not_found("Numbering", key))
            return json_response(NUMBERING.render(found))

    return router
