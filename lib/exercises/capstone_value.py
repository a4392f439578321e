"""Check for lessons/09_build_it_yourself: the learner's scalar autodiff engine, class Value.

The learner completes the backward rules of +, * and sigmoid in a Value class whose
``backward()`` walks the graph in reverse topological order (micrograd's design).
The check builds the same expressions with the learner's class and with a small
reference engine here, and names a wrong rule by rebuilding them with that rule.
"""
import math

import numpy as np

from .capstone_base import _NEEDS_EARLIER, call, first_named, verdict

__all__ = ["check_value", "Reference", "engine"]


class Reference:
    """The reference Value: + , * and sigmoid with their backward rules; ``mistake`` = "" is right."""

    mistake = ""

    def __init__(self, data, parents=()):
        self.data, self.grad, self.parents = float(data), 0.0, parents
        self.backward_rule = lambda: None

    def _send(self, amount):
        self.grad = amount if self.mistake == "overwrite" else self.grad + amount

    def _wrap(self, other):
        return other if isinstance(other, Reference) else type(self)(other)

    def __add__(self, other):
        other = self._wrap(other)
        out = type(self)(self.data + other.data, (self, other))
        out.backward_rule = lambda: (self._send(out.grad), other._send(out.grad))
        return out

    def __mul__(self, other):
        other = self._wrap(other)
        out = type(self)(self.data * other.data, (self, other))
        to_self, to_other = (self.data, other.data) if self.mistake == "mul_own" else (other.data, self.data)
        chain = (lambda: 1.0) if self.mistake == "no_chain" else (lambda: out.grad)
        out.backward_rule = lambda: (self._send(to_self * chain()), other._send(to_other * chain()))
        return out

    __radd__, __rmul__ = __add__, __mul__

    def sigmoid(self):
        out = type(self)(1.0 / (1.0 + math.exp(-self.data)), (self,))
        slope = {"sigmoid_not_slope": lambda: out.data,
                 "slope_of_input": lambda: self.data * (1 - self.data)}.get(self.mistake,
                                                                            lambda: out.data * (1 - out.data))
        out.backward_rule = lambda: self._send(slope() * out.grad)
        return out

    def backward(self):
        """Reverse topological order without recursion; inner values restart at 0, leaves add up."""
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            v, done = stack.pop()
            if done:
                order.append(v)
            elif id(v) not in seen:
                seen.add(id(v))
                stack.append((v, True))
                stack.extend((p, False) for p in v.parents)
        for v in order:
            if v.parents:
                v.grad = 0.0
        self.grad = 1.0
        for v in reversed(order):
            v.backward_rule()


def engine(mistake=""):
    """The reference Value class, or one whose backward rule makes ``mistake`` (to name a learner's)."""
    return type(f"Reference_{mistake or 'right'}", (Reference,), {"mistake": mistake})


def _square(V):
    x = V(3.0)
    return [x], x * x


def _sum_product(V):
    a, b = V(2.0), V(-3.0)
    return [a, b], a * b + a


def _neuron(V):
    """Note 003's output neuron: ½(σ(w31·h1 + w32·h2 + b3) − y)² at h = (0.5, 0.7), y = 0.6."""
    w1, w2, b, h1, h2 = V(0.5), V(0.7), V(0.3), V(0.5), V(0.7)
    error = (w1 * h1 + w2 * h2 + b).sigmoid() + (-0.6)
    return [w1, w2, b, h1, h2], 0.5 * (error * error)


def _two_layers(V):
    x, w, v = V(0.8), V(-1.2), V(0.9)
    hidden = (w * x).sigmoid()
    return [x, w, v], (v * hidden + 0.1).sigmoid() * 2.0


_EXPRESSIONS = [_square, _sum_product, _neuron, _two_layers]
_HINTS = [
    ("overwrite", "a value used twice keeps only its last gradient: add to .grad (+=), never set it (=); x·x "
                  "must give 2x, the sum over both paths."),
    ("mul_own", "in the rule of *, each side gets the OTHER side's value: ∂(a·b)/∂a = b, so "
                "self.grad += other.data * out.grad."),
    ("no_chain", "the chain rule's last factor is missing: multiply each local slope by out.grad, the gradient "
                 "that reached this node."),
    ("sigmoid_not_slope", "the rule of sigmoid multiplied by σ itself; the slope is σ(1 − σ) = out.data * "
                          "(1 − out.data)."),
    ("slope_of_input", "a(1 − a) was taken of the input: use the output, out.data * (1 − out.data)."),
]


_MISTAKES = [(code, engine(code), hint) for code, hint in _HINTS]      # for first_named: each rule's engine


def _gradients(V, build):
    leaves, root = build(V)
    root.backward()
    return [leaf.grad for leaf in leaves]


def _learner_gradients(Value, build):
    """(the leaves' .grad as floats, "") or (None, what went wrong), in words about a class, never raising."""
    given, problem = call(lambda: _gradients(Value, build), ())
    if problem:
        problem = problem.replace("your function raised", f"building {build.__name__.strip('_')} with your class "
                                  "and calling backward() raised")
        return None, problem.replace(_NEEDS_EARLIER, "Read the message: a .grad or a rule is still None somewhere.")
    for grad in given:
        if grad is None or isinstance(grad, (str, bytes)) or np.ndim(grad) != 0:
            kind = "None" if grad is None else f"a {type(grad).__name__}"
            return None, (f"after backward(), a leaf's .grad is {kind}: each .grad is one number, starting at 0.0, "
                          "and the rules add to it (self.grad += …).")
        try:
            float(grad)
        except (TypeError, ValueError):
            return None, f"after backward(), a leaf's .grad is a {type(grad).__name__}, not a number."
    return [float(g) for g in given], ""


def _make(Value):
    """Value(data) as a function: call() refuses classes, which here is what the learner should pass."""
    return lambda data: Value(data)


def check_value(Value):
    """Check a Value class: the gradients of four small expressions, x·x among them, against a reference."""
    takes = "check_value takes your class itself, check_value(Value) with no brackets: it makes its own Values."
    if not isinstance(Value, type) and callable(Value):          # a function: what it did, then what to pass
        _, problem = call(Value, (1.0,))
        name = getattr(Value, "__name__", "it")
        return verdict("check_value", f"{problem} But {name} is a function, and {takes}" if problem else
                       f"{name} is a function, not a class: {takes}", "not_class")
    if not isinstance(Value, type):
        got = (f"an instance of {type(Value).__name__}, a Value made with brackets" if hasattr(Value, "grad")
               or hasattr(Value, "data") else f"a {type(Value).__name__}")
        return verdict("check_value", f"it got {got}: {takes}", "not_class")
    out, problem = call(_make(Value), (1.0,))
    if problem:
        return verdict("check_value", problem.replace("your function raised", "Value(1.0) raised"))
    for build in _EXPRESSIONS:
        given, problem = _learner_gradients(Value, build)
        if problem:
            return verdict("check_value", problem)
        right = [float(g) for g in _gradients(engine(), build)]
        if np.allclose(given, right, rtol=1e-9, atol=1e-12):
            continue
        if not np.any(given):
            return verdict("check_value", "every gradient is still 0: the backward rules are empty; fill in "
                           "each rule so that it adds its share of out.grad to its parents' .grad.", "blank")
        named = first_named(_MISTAKES, lambda wrong: np.allclose(given, _gradients(wrong, build), rtol=1e-9,
                                                                 atol=1e-12))
        if named:
            return verdict("check_value", *named)
        return verdict("check_value", f"the gradients of {build.__name__.strip('_')} differ from the reference:"
                       f"\n    expected: {np.round(right, 4)}\n    yours:    {np.round(given, 4)}")
    return verdict("check_value", "")
