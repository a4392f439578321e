"""GraphExplorer's state, node by node, and its readout: what each node shows, and the sentences under the figure.

Used by widgets/graph.py. A node's gradient is *reached* once every node it feeds has run its rule (no
rule can change it any more); a learner's reached gradient that differs from the reference is *wrong*.
"""
import html
import math

from backprop.graph_rules import fmt, name, paths
from backprop.graph_sources import KNOWN_OPS

from ._readout import words

UNLABELLED = ("Your Value has no op label, so the operations are drawn as '?': the core cannot tell what each "
              "node computed, re-evaluate it or give a reference gradient. Add op='+', '*' or 'sigmoid' where "
              "each operation makes its Value (Value(…, (self, other), '+')) to see the reference beside yours.")


def node_entries(graph, walk, ref=None):
    """One dict per node: label, op, parents, data, grad, reference (or None), reached, wrong, finite, title, text."""
    where = {node: k for k, node in enumerate(walk.order)}
    kids, start = graph.children(), getattr(walk, "start", None)
    entries = []
    for i, n in enumerate(graph.nodes):
        grad = float(walk.grads[i])
        reached = all(where[c] < walk.position for c in kids[i])
        reference = None if ref is None else ref.nodes[i].grad
        own = grad - (start[i] if start and not n.parents else 0.0)       # leaves add to what they held
        wrong = reference is not None and reached and not math.isclose(own, reference, rel_tol=1e-9, abs_tol=1e-12)
        finite = math.isfinite(n.data) and math.isfinite(grad)
        label = name(graph, i)
        title = f"{label} {n.op}" if n.label and n.op != "leaf" else label      # an unnamed node's name says its op
        text = f"{label} ({'leaf' if n.op == 'leaf' else n.op}) = {fmt(n.data)}, grad {fmt(grad)}" + \
            ("" if reference is None else f", reference {fmt(reference)}") + _word(n.data, grad)
        entries.append({"label": label, "op": n.op, "parents": list(n.parents), "data": float(n.data), "grad": grad,
                        "reference": reference, "reached": reached, "wrong": wrong, "finite": finite,
                        "title": title, "text": text})
    return entries


def _word(data, grad):
    """What a NaN or an inf means, in words."""
    bad = [v for v in (data, grad) if not math.isfinite(v)]
    if not bad:
        return ""
    return (" (NaN: not a number, from 0·inf, inf − inf or a rule that is not a number)" if math.isnan(bad[0])
            else " (inf: the number overflowed)")


def path_edges(graph, i):
    """[(parent, child)] on the paths from node ``i`` to the output (the ones listed by "why this number")."""
    found, _ = paths(graph, i)
    return sorted({(p.nodes[k], p.nodes[k + 1]) for p in found for k in range(len(p.nodes) - 1)})


def readout(state, table):
    """The sentences under the figure: the output's value and the chosen leaf's (``table``, HTML), the rule that
    ran, what arrived where, an error, why this number."""
    lines = [table]
    for error in state["failed"]:                 # every rule that raised so far, not only the last one run
        lines.append(f"<p style='color:#b2182b'>{words(error)}</p>")
    if state["rule"]:
        lines.append(f"<p><b>rule:</b> {words(state['rule'])}</p>")
        lines.append("<p><b>arrived:</b> " + words("; ".join(state["sent"])) + "</p>")
    else:
        lines.append("<p>Forward pass done: every value is computed. The output's gradient is 1 (∂out/∂out); "
                     "press Step to run the first backward rule.</p>")
    lines.append(f"<p><b>why this number:</b> {words(state['explained'])}</p>")
    wrong = [n["label"] for n in state["nodes"] if n["wrong"]]
    if wrong:
        cause = ("the rule that raised (above) sent nothing on, so start there" if state["failed"] else
                 "look at the rule of the node each one feeds")
        lines.append("<p style='color:#b2182b'>Your gradient differs from the reference at "
                     f"{words(', '.join(wrong))}: {cause}.</p>")
    broken = [n["text"] for n in state["nodes"] if not n["finite"]]
    if broken:
        lines.append("<p style='color:#b2182b'>" + words("; ".join(broken[:3])) + "</p>")
    if state["unknown_ops"]:
        said = "; ".join(f"{who}: op {op!r} with {k} parent{'s' * (k != 1)}" for who, op, k in state["unknown_ops"])
        lines.append(f"<p>The core cannot read these op labels, so they are drawn '?' and there is no reference "
                     f"column: {html.escape(said)}. It knows {html.escape(KNOWN_OPS)}; +, × and max take two "
                     "parents, the others one. Fix the label where that Value is made, re-run its cell.</p>")
    elif state["unlabelled"]:
        lines.append(f"<p>{words(UNLABELLED)}</p>")
    for who, data, again in state["mismatched"][:1]:
        lines.append("<p style='color:#b2182b'>" + words(f"{who} holds {fmt(data)}, but its op applied to its "
                     f"parents gives {fmt(again)}: its op label or the forward code that made it is wrong, so the "
                     "reference gradients from there back cannot be trusted.") + "</p>")
    return "".join(lines)
