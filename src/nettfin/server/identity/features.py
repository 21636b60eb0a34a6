"""Features (`/v1/featuresset`): the features of the company's set-up, and which of them nettfin serves.

The real service answers with the features the company's licence and set-up enable, each with its parent
feature. nettfin's companies all have the same set-up, so the list is fixed: the modules nettfin implements
enabled (finance with subaccounts, inventory, purchase orders, time cards, projects), and those a client might
expect and nettfin lacks disabled (branches, multiple currencies with rates, unit conversions). The names
follow the ERP's feature set (our reading: the real document gives the members, not the names).
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from starlette.responses import Response

from ..kit.render import json_response
from .auth import CompanyContext, company_context


@dataclass(frozen=True)
class Feature:
    name: str
    display_name: str
    parent_name: str | None
    enabled: bool


FINANCE = "FinancialModule"
DISTRIBUTION = "DistributionModule"
FEATURES = (
    Feature(FINANCE, "Finance", None, True),
    Feature("SubAccount", "Subaccounts", FINANCE, True),
    Feature("Branch", "Multibranch support", FINANCE, True),
    Feature("Multicurrency", "Multicurrency accounting", FINANCE, True),
    Feature(DISTRIBUTION, "Distribution", None, True),
    Feature("Inventory", "Inventory", DISTRIBUTION, True),
    Feature("MultipleUnitMeasure", "Multiple units of measure", DISTRIBUTION, False),
    Feature("PurchaseOrders", "Purchase orders", DISTRIBUTION, True),
    Feature("TimeReportingModule", "Time reporting", None, True),
    Feature("ProjectAccounting", "Projects", None, True),
)


class FeatureDto(BaseModel):
    name: str | None = Field(None, description="The feature name.")
    displayName: str | None = Field(None, description="The feature display name shown in the user interface.")
    parentName: str | None = Field(None, description="The parent feature name, if the feature has one.")
    isEnabled: bool | None = Field(None, description="Indicates whether the feature is enabled in the company setup.")


class FeaturesSetDto(BaseModel):
    features: list[FeatureDto] | None = Field(None, description="The features available in the company setup.")


router = APIRouter(prefix="/v1/featuresset", tags=["FeaturesSet"])


@router.get("", response_model=FeaturesSetDto, summary="Get all available features configured for the company.")
def get_features(
    context: CompanyContext = Depends(company_context),
    featureName: str | None = Query(None, description="Filters by the feature name."),
    featureEnabled: bool | None = Query(
        None,
        description="Filters by whether the feature is enabled. When omitted, both enabled and disabled features "
        "are returned.",
    ),
) -> Response:
    name = (featureName or "").strip().lower()
    chosen = [
        feature
        for feature in FEATURES
        if (not name or feature.name.lower() == name) and (featureEnabled is None or feature.enabled is featureEnabled)
    ]
    return json_response({"features": [_render(feature) for feature in chosen]})


def _render(feature: Feature) -> dict:
    body = {"name": feature.name, "displayName": feature.display_name, "isEnabled": feature.enabled}
    if feature.parent_name:
        body["parentName"] = feature.parent_name
    return body
