"""`/v1/multilanguage`: the company's languages, its default language, and item descriptions per language
(`translations.py`). HTTP only."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from ..identity.auth import CompanyContext, company_context
from ..kit.keys import ResourceKey
from ..kit.render import json_response
from ..kit.responses import CREATED_RESPONSE
from . import translations
from .translations import Translation

router = APIRouter(prefix="/v1/multilanguage", tags=["Multilanguage"])


class MultilanguageDto(BaseModel):
    isTranslated: bool | None = Field(None, description="Whether the item has a description in the language.")
    languageISO: str | None = Field(None, description="The language's ISO code (`nb-NO`).")
    translation: str | None = Field(None, description="The description in the language; left out when none.")


class ActiveMultilanguageDto(BaseModel):
    isActive: bool | None = Field(None, description="Whether descriptions may be translated into the language.")
    isDefault: bool | None = Field(None, description="The company's default language: its items' descriptions.")
    languageISO: str | None = None
    nativeName: str | None = None


class MultilanguageTranslationDto(BaseModel):
    translation: str | None = None


class LanguageUpdateDto(BaseModel):
    languageISO: str | None = None


def _render(found: Translation) -> dict:
    return {"isTranslated": found.text is not None, "languageISO": found.language, "translation": found.text}


@router.get("/languages", response_model=list[ActiveMultilanguageDto], summary="Get all languages (screenId:SM200550)")
def get_languages(request: Request, context: CompanyContext = Depends(company_context)) -> Response:
    found = translations.languages(request.app.state.db, company_id=context.company_id)
    return json_response(
        [
            {"isActive": True, "isDefault": lang.default, "languageISO": lang.iso, "nativeName": lang.native_name}
            for lang in found
        ]
    )


@router.put(
    "/defaultlanguage",
    status_code=200,
    response_class=Response,
    summary="Set default language (screenId:SM200550).",
    description="200 with an empty body. The default language's translation of an item is its description.",
)
def put_default_language(
    request: Request, body: LanguageUpdateDto, context: CompanyContext = Depends(company_context)
) -> Response:
    translations.set_default_language(request.app.state.db, company_id=context.company_id, language=body.languageISO)
    return Response(status_code=200)


@router.get(
    "/inventory/{inventoryNumber}",
    response_model=list[MultilanguageDto],
    summary="Get all translations for a given item (screenId:IN202500 and IN202000)",
)
def get_item_translations(
    request: Request, inventoryNumber: ResourceKey, context: CompanyContext = Depends(company_context)
) -> Response:
    found = translations.translations(request.app.state.db, company_id=context.company_id, number=inventoryNumber)
    return json_response([_render(t) for t in found])


@router.get(
    "/inventory/{inventoryNumber}/{languageISO}",
    response_model=MultilanguageDto,
    summary="Get a specific translation of the description for a given item and language ISO code",
)
def get_item_translation(
    request: Request,
    inventoryNumber: ResourceKey,
    languageISO: str,
    context: CompanyContext = Depends(company_context),
) -> Response:
    found = translations.translation(
        request.app.state.db, company_id=context.company_id, number=inventoryNumber, language=languageISO
    )
    return json_response(_render(found))


@router.post(
    "/inventory/{inventoryNumber}/{languageISO}",
    status_code=201,
    response_class=Response,
    responses=CREATED_RESPONSE,
    summary="Creates item description for given item and language ISO code",
    description="201 with the translation's Location; refused when the item has one in that language.",
)
def post_item_translation(
    request: Request,
    inventoryNumber: ResourceKey,
    languageISO: str,
    body: MultilanguageTranslationDto,
    context: CompanyContext = Depends(company_context),
) -> Response:
    translations.create_translation(
        request.app.state.db,
        company_id=context.company_id,
        number=inventoryNumber,
        language=languageISO,
        text=body.translation,
    )
    location = str(request.url.replace(query="", fragment=""))
    return Response(status_code=201, headers={"Location": location})


@router.put(
    "/inventory/{inventoryNumber}/{languageISO}",
    status_code=204,
    response_class=Response,
    summary="Updates item description for given item and language ISO code",
    description="204; the default language's translation is the item's description.",
)
def put_item_translation(
    request: Request,
    inventoryNumber: ResourceKey,
    languageISO: str,
    body: MultilanguageTranslationDto,
    context: CompanyContext = Depends(company_context),
) -> Response:
    translations.update_translation(
        request.app.state.db,
        company_id=context.company_id,
        number=inventoryNumber,
        language=languageISO,
        text=body.translation,
    )
    return Response(status_code=204)


@router.delete(
    "/inventory/{inventoryNumber}/{languageISO}",
    status_code=204,
    response_class=Response,
    summary="Deletes the description of an item with the specific language ISO code",
)
def delete_item_translation(
    request: Request,
    inventoryNumber: ResourceKey,
    languageISO: str,
    context: CompanyContext = Depends(company_context),
) -> Response:
    translations.delete_translation(
        request.app.state.db, company_id=context.company_id, number=inventoryNumber, language=languageISO
    )
    return Response(status_code=204)
