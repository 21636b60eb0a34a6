"""Visma Connect, the OpenID Connect provider the current API authenticates through: applications and their
secrets, the companies that approved them, signing keys, the token endpoint (client credentials, authorization code
with PKCE, refresh tokens), the sign-in with its company chooser, the ID token, userinfo, end session, revocation and
introspection, and the JWT access tokens the API accepts beside the legacy opaque tokens (docs/authentication.md)."""
