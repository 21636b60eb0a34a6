"""Currencies, currency rate types and currency rates (CM): what foreign-currency amounts are converted by."""
