"""Server settings: one class, read from the environment (prefix NETTFIN_) when a server starts."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NETTFIN_", extra="ignore")

    data_dir: Path = Path(".nettfin")
    # Empty means the embedded SQLite file `<data_dir>/nettfin.db`.
    database_url: str = ""
    host: str = "127.0.0.1"
    port: int = 8080
    # Throttling: off, production (every caller gets the production limit) or test (limits per client type).
    throttle: str = "off"
    throttle_test_limit: int = 500
    throttle_production_limit: int = 15_000
    throttle_same_request_limit: int = 5
    throttle_client_error_limit: int = 2
    # When set, throttle counters live in Redis instead of the database.
    redis_url: str = ""
    # The token response carries `token` as the legacy service does; set to also send `access_token` and
    # `expires_in` for generic OAuth tools (Postman, openapi clients).
    oauth_standard_token_fields: bool = False
    # Attachment bytes (content-addressed files); empty means `<data_dir>/attachments`. Several workers or
    # hosts serving one database must share this directory.
    attachments_dir: Path | None = None
    # The largest file an upload may carry; a larger one is refused with 413 and nothing is kept.
    attachment_max_bytes: int = 100 * 1024 * 1024
    # The largest JSON (or form) body; a larger one is refused with 413 before it is parsed. 4 MB is ASP.NET's
    # default request limit, the real service's order of magnitude.
    request_body_max_bytes: int = 4 * 1024 * 1024
    # API reads (GET, HEAD) and API writes a server process runs at once, each kind apart; more wait their turn on
    # the event loop (kit/call_gate.py). Their work is Python, one thread at a time: on a 2-core machine 4 answered
    # 30 % more list pages than 40 under 16 concurrent calls. Writes go one at a time: with PostgreSQL, a create
    # holds its number series' row from its number to its commit, and with other writes of its process beside it
    # that holder waited for the interpreter while the other processes' creates waited for the row; two workers
    # answered 1.2x one worker's creates with 4 at a time, 1.5-1.7x with 1 (docs/performance.md). On SQLite, whose
    # one write lock serialises writes anyway, 1 and 4 answer the same. 0 lets every one in at once.
    read_concurrency: int = 4
    write_concurrency: int = 1
    # Whether a call's synchronous work runs on the worker's event loop rather than in the thread pool (sync_work.py).
    # None: on SQLite it does (a hand-off to a thread costs more than most calls' own work), on PostgreSQL not.
    inline_calls: bool | None = None
    # The rendered records a server process keeps (kit/rendered.py), in megabytes of JSON: a list page or a GET of
    # records kept is a query for their ids and a join of their bodies. 0 keeps none.
    render_cache_mb: int = 32
    # Needed for a login form to work: sign session cookies. Empty means a random key per process start
    # (fine for one worker; set it for several workers).
    secret_key: str = ""
    # Served over HTTPS (directly or behind a TLS-terminating proxy): every response carries
    # Strict-Transport-Security and the session cookie is Secure.
    behind_tls: bool = False
    # The address clients reach the server at (e.g. https://erp.example.com): the issuer and audience of Visma
    # Connect tokens. Empty means the address of each request, which is enough when the server has one name.
    public_url: str = ""
    # Job workers (background API calls, webhook deliveries) each server process runs; 0 runs none in this one.
    # A worker sleeps until a job is queued in its own process or the poll interval passes (jobs queued by
    # another process). A running job's lease is renewed while it runs; a dead process's job is claimed again
    # when its lease runs out. Retries back off from the base, doubling per attempt.
    job_workers: int = 2
    job_poll_seconds: float = 1.0
    job_lease_seconds: float = 300.0
    job_retry_base_seconds: float = 2.0
    # How long a background call's state and response can be read (the real service keeps them 24 hours).
    background_retention_hours: float = 24.0
    # Bodies leave a property without a value out, as the real service does; true renders it as `null`.
    render_nulls: bool = False
    # The admin API's key (`/admin/api/...`, sent as `Authorization: Bearer <key>`): one key for the whole
    # installation, like an operator's shell. Unset means the admin API is off and every route answers 403.
    admin_api_key: str | None = None
    # The request log (GET /admin/api/requests, the admin panel's inspector): every API call with its headers and
    # bodies (secrets redacted), company, application, status, latency and what it caused. Written off the request
    # path in batches every `request_log_flush_seconds`; each body is kept up to `request_log_body_max_bytes`
    # (longer ones cut, and marked so). Kept for `request_log_max_age_hours` and at most `request_log_max_rows`
    # calls (0 for either: no such limit), pruned by the job runner every minute.
    request_log: bool = True
    request_log_body_max_bytes: int = 64 * 1024
    request_log_max_age_hours: float = 24.0
    request_log_max_rows: int = 10_000
    request_log_flush_seconds: float = 0.25

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'nettfin.db').resolve()}"

    def resolved_attachments_dir(self) -> Path:
        return (self.attachments_dir or self.data_dir / "attachments").resolve()
