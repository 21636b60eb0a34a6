"""nettfin.client: a Python SDK for the Visma.net Financials integration API, against nettfin or the real service.

    from nettfin.client import Client, Update

    with Client(base_url=NETTFIN_URL, token="...", company_id=1) as client:  # or token=ClientCredentials(...)
        for customer in client.customers.iterate(status="Active"):
            print(customer.number, customer.name)
        number = client.customers.create(Update(name="Fjellbris AS", customerClassId="1"))

Correct by default: lists are read as the knowledge base's paging article intends (the same filters and page
size on every request, totalCount re-read on every page), 429 answers are waited out, failed writes are never
repeated blindly, and a PUT sends only the fields given. Depends on httpx2 and pydantic only; the errors are
one tree under `NettfinError` (see `nettfin.client._errors`); the typed read models are in
`nettfin.client.models`.
"""

from . import models, webhooks
from ._background import (
    AsyncBackgroundCall,
    BackgroundCall,
    BackgroundFailed,
    BackgroundResult,
    BackgroundState,
    BackgroundTimeout,
)
from ._catalog import RESOURCES
from ._client import NETTFIN_URL, VISMA_LEGACY_URL, VISMA_URL, AsyncClient, AttachmentFile, Client
from ._connect import (
    INTERACTIVE_SCOPES,
    LOGIN_SCOPES,
    SERVICE_SCOPES,
    VISMA_CONNECT_URL,
    ClientCredentials,
    ConnectTokens,
    RefreshingConnectToken,
    VismaConnect,
    login_connect,
)
from ._errors import (
    ApiError,
    Conflict,
    Forbidden,
    NettfinError,
    NotFound,
    OAuthError,
    PagingError,
    Throttled,
    TransportError,
    Unauthorized,
    ValidationError,
)
from ._oauth import (
    Pkce,
    RefreshingToken,
    Tokens,
    authorization_url,
    exchange_code,
    login_loopback,
    refresh_tokens,
)
from ._paging import DEFAULT_PAGE_SIZE, Page
from ._resources import AsyncResource, Resource, ResourceSpec
from ._retry import RetryPolicy
from ._wire import CLEAR, Holder, Line, Plain, Update, segments
from .models import ActionResult, CompanyInfo, ContextInformation, Metadata, Record, UserDetails

__all__ = [
    "AsyncBackgroundCall",
    "AttachmentFile",
    "BackgroundCall",
    "BackgroundFailed",
    "BackgroundResult",
    "BackgroundState",
    "BackgroundTimeout",
    "CLEAR",
    "INTERACTIVE_SCOPES",
    "LOGIN_SCOPES",
    "SERVICE_SCOPES",
    "VISMA_CONNECT_URL",
    "ClientCredentials",
    "ConnectTokens",
    "RefreshingConnectToken",
    "VismaConnect",
    "login_connect",
    "DEFAULT_PAGE_SIZE",
    "NETTFIN_URL",
    "RESOURCES",
    "VISMA_LEGACY_URL",
    "VISMA_URL",
    "ActionResult",
    "ApiError",
    "AsyncClient",
    "AsyncResource",
    "Client",
    "CompanyInfo",
    "Conflict",
    "ContextInformation",
    "Forbidden",
    "Holder",
    "Line",
    "Metadata",
    "NettfinError",
    "NotFound",
    "OAuthError",
    "Page",
    "PagingError",
    "Pkce",
    "Plain",
    "Record",
    "RefreshingToken",
    "Resource",
    "ResourceSpec",
    "RetryPolicy",
    "Throttled",
    "Tokens",
    "TransportError",
    "Unauthorized",
    "Update",
    "UserDetails",
    "ValidationError",
    "authorization_url",
    "exchange_code",
    "login_loopback",
    "models",
    "refresh_tokens",
    "segments",
    "webhooks",
]
