"""The admin HTTP API (`/admin/api/...`): what an operator does with `nettfin admin ...`, over HTTP, for tools and
test harnesses that drive a running server. One key for the installation (auth.py); JSON in and out, in nettfin's
own shapes (not the Visma API's, and not in its OpenAPI document); errors in Visma's error body."""
