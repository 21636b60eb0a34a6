"""Visma Connect, the OpenID Connect provider the current API authenticates through: applications and their
secrets, the companies that approved them, signing keys, the token endpoint and the JWT access tokens the API
accepts beside the legacy opaque tokens (docs/authentication.md)."""
