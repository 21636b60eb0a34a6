"""Helpers for testing an integration against a running nettfin (the pytest plugin and what it builds on)."""
