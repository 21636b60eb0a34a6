"""Attributes (CS205000): the company's attribute definitions and the values a combo attribute offers."""
