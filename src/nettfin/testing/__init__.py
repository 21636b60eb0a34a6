"""Helpers for testing integrations against nettfin."""
