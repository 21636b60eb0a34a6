"""nettfin: a self-hostable implementation of the Visma.net Financials integration API."""

__version__ = "0.1.0"
