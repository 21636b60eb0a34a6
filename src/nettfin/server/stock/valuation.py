"""Valuation as arithmetic over an item's cost layers in one warehouse: what a receipt adds and what an issue
takes, by the item class's method. Values are in the base currency, to the øre.

- FIFO: every receipt is a layer; an issue takes the oldest layers first, a layer's share of its value in
  proportion to the quantity taken, the last unit of a layer taking what is left of its value.
- Average: one layer holds the quantity and value; an issue takes the quantity times the average cost, the last
  unit taking what is left.
- Standard: one layer at the standard cost (the item's current cost); a receipt adds the quantity at the standard
  cost and the difference to what it cost is the variance; an issue is valued like average (which is the standard).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..inventory.models import Valuation
from .models import CostLayer

ZERO = Decimal(0)
_CENT = Decimal("0.01")


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(_CENT, rounding=ROUND_HALF_UP)


@dataclass
class Layers:
    method: str
    layers: list[CostLayer]
    standard_cost: Decimal = ZERO
    # Layers made by `receive`, for the caller to stamp and add to the session.
    created: list[CostLayer] = field(default_factory=list)

    def quantity(self) -> Decimal:
        return sum((layer.quantity for layer in self.layers), ZERO)

    def value(self) -> Decimal:
        return sum((layer.value for layer in self.layers), ZERO)

    def average_cost(self) -> Decimal:
        quantity = self.quantity()
        return self.value() / quantity if quantity else ZERO

    def receive(self, quantity: Decimal, cost: Decimal) -> tuple[Decimal, Decimal]:
        """Put `quantity` costing `cost` in; the value stocked and the variance (standard cost only)."""
        if self.method == Valuation.STANDARD:
            stocked = cents(quantity * self.standard_cost)
            self._single().quantity += quantity
            self._single().value += stocked
            return stocked, cost - stocked
        if self.method == Valuation.FIFO:
            layer = CostLayer(quantity=quantity, value=cost)
            self.layers.append(layer)
            self.created.append(layer)
            return cost, ZERO
        layer = self._single()
        layer.quantity += quantity
        layer.value += cost
        return cost, ZERO

    def issue(self, quantity: Decimal) -> Decimal:
        """Take `quantity` out (never more than the layers hold: the engine checked); the value taken."""
        if self.method == Valuation.FIFO:
            taken, rest = ZERO, quantity
            for layer in self.layers:
                if rest <= 0:
                    break
                if layer.quantity <= 0:
                    continue
                take = min(rest, layer.quantity)
                value = layer.value if take == layer.quantity else cents(layer.value * take / layer.quantity)
                layer.quantity -= take
                layer.value -= value
                taken += value
                rest -= take
            return taken
        layer = self._single()
        value = layer.value if quantity == layer.quantity else cents(layer.value * quantity / layer.quantity)
        layer.quantity -= quantity
        layer.value -= value
        return value

    def _single(self) -> CostLayer:
        if not self.layers:
            layer = CostLayer(quantity=ZERO, value=ZERO)
            self.layers.append(layer)
            self.created.append(layer)
        return self.layers[0]
