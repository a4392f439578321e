"""Check for lessons/09_build_it_yourself: the learner's scalar autodiff engine, class Value.

The learner completes the backward rules of +, * and sigmoid in a Value class whose
``backward()`` walks the graph in reverse topological order (micrograd's design).
The check builds the same expressions with the learner's class and with a small
reference engine here, and names a wrong rule by rebuilding them with that rule.
"""
import numpy as np

from .capstone_base import learner_call
from .capstone_engine import engine
from .toolkit import NEEDS_EARLIER, Mistake, first_named, table, verdict

__all__ = ["check_value"]


# the expressions every class is tried on: a value reused through every operator (x + x, x·x, x through σ, ·
# and +), a value feeding two later nodes, note 003's neuron, two layers
def _double(V):
    x = V(-1.5)
    return [x], x + x


def _square(V):
    x = V(3.0)
    return [x], x * x


def _sum_product(V):
    a, b = V(2.0), V(-3.0)
    return [a, b], a * b + a


def _reused(V):
    x = V(0.7)
    return [x], x.sigmoid() * x + x


def _neuron(V):
    """Note 003's output neuron: ½(σ(w31·h1 + w32·h2 + b3) − y)² at h = (0.5, 0.7), y = 0.6."""
    w1, w2, b, h1, h2 = V(0.5), V(0.7), V(0.3), V(0.5), V(0.7)
    error = (w1 * h1 + w2 * h2 + b).sigmoid() + (-0.6)
    return [w1, w2, b, h1, h2], 0.5 * (error * error)


def _two_layers(V):
    x, w, v = V(0.8), V(-1.2), V(0.9)
    hidden = (w * x).sigmoid()
    return [x, w, v], (v * hidden + 0.1).sigmoid() * 2.0


_EXPRESSIONS = [_square, _sum_product, _neuron, _two_layers, _double, _reused]
_ASSIGN = "add to .grad (+=), never set it (=)"
_TABLE = (
    Mistake("overwrite", "a value used twice keeps only its last gradient: add to .grad (+=), never set it (=); x·x "
            "must give 2x, the sum over both paths.", engine(add="overwrite", mul="overwrite", sigmoid="overwrite")),
    Mistake("overwrite_add", f"the rule of + sets .grad instead of adding to it: {_ASSIGN}. A value used twice "
            "keeps only its last gradient, so x + x gives 1 instead of 2.", engine(add="overwrite")),
    Mistake("overwrite_mul", f"the rule of * sets .grad instead of adding to it: {_ASSIGN}. A value used twice "
            "keeps only its last gradient, so x·x gives x instead of 2x.", engine(mul="overwrite")),
    Mistake("overwrite_sigmoid", f"the rule of sigmoid sets .grad instead of adding to it: {_ASSIGN}. A value that "
            "feeds σ and another node then loses the other node's share.", engine(sigmoid="overwrite")),
    Mistake("mul_own", "in the rule of *, each side gets the OTHER side's value: ∂(a·b)/∂a = b, so "
            "self.grad += other.data * out.grad.", engine(mul="own")),
    Mistake("no_chain", "the chain rule's last factor is missing: multiply each local slope by out.grad, the "
            "gradient that reached this node.", engine(mul="no_chain")),
    Mistake("add_no_chain", "the rule of + sends 1 instead of out.grad: its local slope is 1, times the gradient "
            "that reached this node, so self.grad += out.grad and other.grad += out.grad.", engine(add="no_chain")),
    Mistake("add_one_side", "the rule of + feeds only self: both sides of a + b get out.grad, so add "
            "other.grad += out.grad too.", engine(add="one_side")),
    Mistake("sigmoid_not_slope", "the rule of sigmoid multiplied by σ itself; the slope is σ(1 − σ) = out.data * "
            "(1 − out.data).", engine(sigmoid="not_slope")),
    Mistake("slope_of_input", "a(1 − a) was taken of the input: use the output, out.data * (1 − out.data).",
            engine(sigmoid="of_input")),
    Mistake("sigmoid_no_chain", "the rule of sigmoid forgot out.grad: self.grad += out.data * (1 − out.data) * "
            "out.grad.", engine(sigmoid="no_chain")),
)


def _gradients(V, build):
    leaves, root = build(V)
    root.backward()
    return [leaf.grad for leaf in leaves]


def _learner_gradients(Value, build):
    """(the leaves' .grad as floats, "") or (None, what went wrong), in words about a class, never raising."""
    given, problem = learner_call(lambda: _gradients(Value, build), ())
    if problem:
        problem = problem.replace("your function raised", f"building {build.__name__.strip('_')} with your class "
                                  "and calling backward() raised")
        return None, problem.replace(NEEDS_EARLIER, "Read the message: a .grad or a rule is still None somewhere.")
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
    """Value(data) as a function: learner_call() refuses classes, which here is what the learner should pass."""
    return lambda data: Value(data)


@table(Mistake("not_class", "a function or an instance was passed, not the class."),
       Mistake("blank", "every gradient is still 0: the rules are empty."), *_TABLE)
def check_value(Value):
    """Check a Value class: the gradients of four small expressions, x·x among them, against a reference."""
    takes = "check_value takes your class itself, check_value(Value) with no brackets: it makes its own Values."
    if not isinstance(Value, type) and callable(Value):          # a function: what it did, then what to pass
        _, problem = learner_call(Value, (1.0,))
        name = getattr(Value, "__name__", "it")
        return verdict("check_value", f"{problem} But {name} is a function, and {takes}" if problem else
                       f"{name} is a function, not a class: {takes}", "not_class")
    if not isinstance(Value, type):
        got = (f"an instance of {type(Value).__name__}, a Value made with brackets" if hasattr(Value, "grad")
               or hasattr(Value, "data") else f"a {type(Value).__name__}")
        return verdict("check_value", f"it got {got}: {takes}", "not_class")
    out, problem = learner_call(_make(Value), (1.0,))
    if problem:
        return verdict("check_value", problem.replace("your function raised", "Value(1.0) raised"))
    given = []
    for build in _EXPRESSIONS:
        grads, problem = _learner_gradients(Value, build)
        if problem:
            return verdict("check_value", problem)
        given.append(grads)
    wrong = [i for i, build in enumerate(_EXPRESSIONS) if not _close(given[i], _gradients(engine(), build))]
    if not wrong:
        return verdict("check_value", "")
    if not any(np.any(g) for g in given):
        return verdict("check_value", "every gradient is still 0: the backward rules are empty; fill in "
                       "each rule so that it adds its share of out.grad to its parents' .grad.", "blank")
    named = first_named(check_value.mistakes, lambda wrong_engine: all(
        _close(g, _gradients(wrong_engine, build)) for g, build in zip(given, _EXPRESSIONS)))
    if named:
        return verdict("check_value", named.hint, named.code)
    build = _EXPRESSIONS[wrong[0]]
    right = _gradients(engine(), build)
    return verdict("check_value", f"the gradients of {build.__name__.strip('_')} differ from the reference:"
                   f"\n    expected: {np.round(right, 4)}\n    yours:    {np.round(given[wrong[0]], 4)}")


def _close(given, right):
    return np.allclose(given, right, rtol=1e-9, atol=1e-12)
