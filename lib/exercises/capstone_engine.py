"""The reference engine of lessons/09_build_it_yourself's check_value: a scalar Value with the backward rules
of +, * and sigmoid, and the same engine with one slip in a rule, so that check_value can name a learner's.
"""
import math

from ..graph_sources import learner_order

__all__ = ["Reference", "engine"]


class Reference:
    """The reference Value: +, * and sigmoid with their backward rules.

    ``slips`` maps an operation ("+", "*", "sigmoid") to the slip its rule makes (to name a learner's):
    "overwrite" (= instead of +=), "no_chain" (out.grad forgotten), "one_side" (+ feeds self only),
    "own" (* sends each side its own value), "not_slope" (σ for σ′), "of_input" (a(1 − a) of the input).
    """

    slips = {}

    def __init__(self, data, parents=()):
        self.data, self.grad, self.parents = float(data), 0.0, parents
        self.backward_rule = lambda: None

    def _send(self, op, amount):
        self.grad = amount if self.slips.get(op) == "overwrite" else self.grad + amount

    def _chain(self, op, out):
        return 1.0 if self.slips.get(op) == "no_chain" else out.grad

    def _wrap(self, other):
        return other if isinstance(other, Reference) else type(self)(other)

    def __add__(self, other):
        other = self._wrap(other)
        out = type(self)(self.data + other.data, (self, other))
        one_side = self.slips.get("+") == "one_side"
        out.backward_rule = lambda: (self._send("+", self._chain("+", out)),
                                     None if one_side else other._send("+", self._chain("+", out)))
        return out

    def __mul__(self, other):
        other = self._wrap(other)
        out = type(self)(self.data * other.data, (self, other))
        to_self, to_other = (self.data, other.data) if self.slips.get("*") == "own" else (other.data, self.data)
        out.backward_rule = lambda: (self._send("*", to_self * self._chain("*", out)),
                                     other._send("*", to_other * self._chain("*", out)))
        return out

    __radd__, __rmul__ = __add__, __mul__

    def sigmoid(self):
        out = type(self)(1.0 / (1.0 + math.exp(-self.data)), (self,))
        slope = {"not_slope": lambda: out.data,
                 "of_input": lambda: self.data * (1 - self.data)}.get(self.slips.get("sigmoid"),
                                                                      lambda: out.data * (1 - out.data))
        out.backward_rule = lambda: self._send("sigmoid", slope() * self._chain("sigmoid", out))
        return out

    def backward(self):
        """Reverse topological order without recursion; inner values restart at 0, leaves add up."""
        order = learner_order(self)            # lesson 09's given walk, the one GraphExplorer steps through
        for v in order:
            if v.parents:
                v.grad = 0.0
        self.grad = 1.0
        for v in reversed(order):
            v.backward_rule()


def engine(**slips):
    """The reference Value class, or one whose rules make ``slips`` ({"+": "overwrite"}, say; keys "+", "*",
    "sigmoid" may be passed as add=, mul=, sigmoid=) to name a learner's."""
    slips = {{"add": "+", "mul": "*"}.get(op, op): slip for op, slip in slips.items()}
    name = "_".join(f"{op}_{slip}" for op, slip in slips.items()) or "right"
    return type(f"Reference_{name}", (Reference,), {"slips": slips})
