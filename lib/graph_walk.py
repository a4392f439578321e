"""The backward pass one node at a time: Step runs one rule, Back undoes it, each step says what it sent where.

Introduced in lessons/03_chain_rule; in lessons/09_build_it_yourself the steps run the learner's own
``backward_rule``s (``LearnerWalk``). The order is the one lesson 09's ``backward()`` uses: the nodes
in reverse topological order, the output first, every node after all the nodes it feeds.
"""
import math
from dataclasses import dataclass

from .graph_rules import fmt, name, rule


@dataclass(frozen=True)
class Sent:
    """What one rule sent to one parent: its grad before, the amount added, its grad after."""
    parent: int
    before: float
    amount: float
    after: float

    def words(self, graph):
        """'h.grad = 0.0120 + 0.0420 = 0.0540' at a fork (something was there already), else 'h.grad = 0.0420'."""
        label = f"{name(graph, self.parent)}.grad"
        if self.before == 0:
            return f"{label} = {fmt(self.after)}"
        amount = fmt(self.amount)
        amount = f"({amount})" if amount.startswith("-") else amount
        return f"{label} = {fmt(self.before)} + {amount} = {fmt(self.after)}"


@dataclass(frozen=True)
class StepRecord:
    """One rule run: its node, pattern, sentence, what it sent, and the error it raised ('' if none)."""
    node: int
    pattern: str
    text: str
    sent: tuple
    error: str = ""


class Walk:
    """The reference backward pass of a backprop.graph.Graph, one rule per ``step()``."""

    def __init__(self, graph):
        self.graph = graph
        self.order = [i for i in range(len(graph) - 1, -1, -1) if graph.nodes[i].parents]
        self.reset()

    def reset(self):
        """Before any rule: every grad 0 but the output's, which is 1 (∂out/∂out)."""
        self.grads = [0.0] * len(self.graph)
        self.grads[-1] = 1.0
        self.position, self.history, self.last, self.records = 0, [], None, []

    @property
    def done(self):
        return self.position >= len(self.order)

    def step(self):
        """Run the next node's rule; its StepRecord (None when every rule has run)."""
        if self.done:
            return None
        i = self.order[self.position]
        before = list(self.grads)
        pattern, text = rule(self.graph, i, self.grads[i])
        error = self._apply(i)
        if error:
            self._restore(before)
        sent = [Sent(p, before[p], self.grads[p] - before[p], self.grads[p]) for p in dict.fromkeys(
            self.graph.nodes[i].parents)]
        self.history.append((before, self.last))
        self.position += 1
        self.last = StepRecord(i, pattern, text, tuple(sent), error)
        self.records.append(self.last)
        return self.last

    def back(self):
        """Undo the last rule: every grad as it was before it ran."""
        if self.history:
            before, self.last = self.history.pop()
            self.records.pop()
            self._restore(before)
            self.position -= 1

    @property
    def failed(self):
        """The StepRecords of the rules run so far that raised, first first (a later Step does not hide them)."""
        return [record for record in self.records if record.error]

    def run_to_end(self):
        """Every remaining rule, as Step would run them."""
        while not self.done:
            self.step()
        return self.grads

    def go_to(self, position):
        """Reset, then run ``position`` rules (after the leaves moved: the same place with the new numbers)."""
        self.reset()
        while self.position < min(position, len(self.order)):
            self.step()

    def _apply(self, i):
        for p, slope in zip(self.graph.nodes[i].parents, self.graph.local(i)):
            self.grads[p] += slope * self.grads[i]
        return ""

    def _restore(self, grads):
        self.grads = list(grads)


class LearnerWalk(Walk):
    """The learner's own engine: ``values[i]`` is the learner's object at node i; Step calls its backward_rule.

    Reset puts back the grads the values had when drawn, then does what lesson 09's backward() does first:
    inner values to 0, the output to 1 (leaves keep theirs and add to it, as the lesson says).
    """

    def __init__(self, graph, values):
        self.values = values
        self.start = [_number(v.grad) for v in values]
        super().__init__(graph)

    def reset(self):
        for v, g, node in zip(self.values, self.start, self.graph.nodes):
            v.grad = 0.0 if node.parents else g
        self.values[-1].grad = 1.0
        super().reset()
        self.grads = [_number(v.grad) for v in self.values]

    def _apply(self, i):
        try:
            self.values[i].backward_rule()
        except Exception as err:                      # a learner's rule: say which failed, keep the view working
            return (f"the backward_rule of {name(self.graph, i)} ({self.graph.nodes[i].op}) raised "
                    f"{type(err).__name__}: {err}; the grads are as before it — fix the rule, re-run its cell")
        self.grads = [_number(v.grad) for v in self.values]
        return ""

    def _restore(self, grads):
        super()._restore(grads)
        for v, g in zip(self.values, grads):
            v.grad = g


def _number(grad):
    """A learner's .grad as a float; NaN when it is not a number (None, a string), which the view says in words."""
    try:
        return float(grad)
    except (TypeError, ValueError):
        return math.nan
