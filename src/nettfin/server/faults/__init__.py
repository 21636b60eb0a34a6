"""Fault injection per company, for integration developers testing how their code copes: added latency, the
real service's error answers (429, 500, 502, 503, 504, IPP 12027), and dropped connections before or after the
request is handled; and the throttle's real limits switched on for one company. Rules live in the database, so
every server process applies them; `nettfin admin faults|throttle` and `/admin/api/companies/{id}/...` set them."""
