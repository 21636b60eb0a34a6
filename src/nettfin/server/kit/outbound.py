"""The TLS settings of the server's outgoing HTTP calls (webhook deliveries, background calls' notifications).

Building them loads the CA bundle, about 40 ms of CPU, and a client made without them builds its own: done per
delivery, on the event loop, it capped deliveries at a few dozen a second per process and held up the requests
the loop was serving meanwhile. They are built once per process and shared by every client; an `SSLContext`
may be used by several clients and threads at once.
"""

from __future__ import annotations

import functools
import ssl

import httpx2


@functools.cache
def tls_context() -> ssl.SSLContext:
    """What `httpx2.AsyncClient(verify=True)` would build (the CA bundle, SSL_CERT_FILE / SSL_CERT_DIR
    honoured), built once."""
    return httpx2.create_ssl_context()
