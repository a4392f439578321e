"""GraphExplorer: the state's nodes, Step / Back / run_backward against float64 centred differences, every gate,
the learner's own engine (right, unlabelled, with classic slips), and bad input."""
import math

import numpy as np
import pytest

from backprop.graph import Graph

from _views import note_003, X, Y

pytestmark = pytest.mark.filterwarnings("error")


def make_value(op_label=True, slip=""):
    """Lesson 09's Value (the solution), with ``op`` labels or without, or with a classic slip in one rule."""
    class Value:
        def __init__(self, data, parents=(), op=""):
            self.data, self.grad, self.parents = float(data), 0.0, parents
            if op_label:
                self.op = op
            self.backward_rule = lambda: None

        def __add__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            out = Value(self.data + other.data, (self, other), "+")

            def backward_rule():
                if slip == "overwrite":                   # assigning instead of accumulating
                    self.grad = out.grad
                    other.grad = out.grad
                else:
                    self.grad += out.grad
                    other.grad += out.grad
            out.backward_rule = backward_rule
            return out

        def __mul__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            out = Value(self.data * other.data, (self, other), "*")

            def backward_rule():
                sign = -1.0 if slip == "sign" else 1.0     # a wrong sign
                chain = 1.0 if slip == "no_chain" else out.grad          # the chain rule's last factor forgotten
                if slip == "overwrite":
                    self.grad = other.data * chain
                    other.grad = self.data * chain
                else:
                    self.grad += sign * other.data * chain
                    other.grad += sign * self.data * chain
                if slip == "raises":
                    raise ZeroDivisionError("division by zero")
            out.backward_rule = backward_rule
            return out

        __radd__, __rmul__ = __add__, __mul__

        def sigmoid(self):
            out = Value(1 / (1 + np.exp(-self.data)), (self,), "sigmoid")

            def backward_rule():
                self.grad += out.data * (1 - out.data) * out.grad
            out.backward_rule = backward_rule
            return out

        def backward(self):
            order, seen, stack = [], set(), [(self, False)]
            while stack:
                v, parents_done = stack.pop()
                if parents_done:
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
    return Value


def neuron(Value):
    """Note 003's output neuron, with a value used twice: ½(σ(w·h1 + w2·h2 + b) − 0.6)²."""
    w1, w2, b, h1, h2 = Value(0.5), Value(0.7), Value(0.3), Value(0.5), Value(0.7)
    error = (w1 * h1 + w2 * h2 + b).sigmoid() + (-0.6)
    return [w1, w2, b, h1, h2], 0.5 * (error * error)


def test_nodes_in_state_are_floats_with_their_text():
    from backprop.widgets import GraphExplorer
    view = GraphExplorer()
    nodes = view.state["nodes"]
    assert len(nodes) == 28
    for n in nodes:
        assert isinstance(n["label"], str) and isinstance(n["data"], float) and isinstance(n["grad"], float)
        assert n["label"] in n["text"] and f"{n['data']:.4f}" in n["text"]
    assert view.figure.nodes[-1]["lines"] == ["C ×", f"{nodes[-1]['data']:.4f}", "1.0000"]


def centred(net, x, y, key, eps=1e-6):
    kind, l, *rest = key
    up, down = net.copy(), net.copy()
    getattr(up, kind)[l][tuple(rest)] += eps
    getattr(down, kind)[l][tuple(rest)] -= eps
    return (up.loss(x, y) - down.loss(x, y)) / (2 * eps)


def test_run_backward_equals_centred_differences_on_note_003():
    from backprop.widgets import GraphExplorer
    net = note_003()
    view = GraphExplorer(net=net, x=X[0], y=Y[0])
    grads = view.run_backward()
    checked = 0
    for node, grad in zip(view.graph.nodes, grads):
        if node.role in ("weight", "bias"):
            assert grad == pytest.approx(centred(net, X, Y, node.extra["key"]), rel=1e-6, abs=1e-10)
            checked += 1
    assert checked == 9
    assert view.state["position"] == view.state["rules"] == 15


def test_step_back_and_the_fork_adding_up():
    from backprop.widgets import GraphExplorer
    view = GraphExplorer()
    assert view.graph.nodes[0].label == "x₁"
    for _ in range(3):
        view.step()
    before = [n["grad"] for n in view.state["nodes"]]
    view.step()
    assert [n["grad"] for n in view.state["nodes"]] != before
    view.back()
    assert [n["grad"] for n in view.state["nodes"]] == before
    for _ in range(view.state["rules"]):
        view.step()
        if any(s.startswith("x₁.grad = ") and " + " in s for s in view.state["sent"]):
            break
    arrived = [s for s in view.state["sent"] if s.startswith("x₁.grad")][0]          # the second path arrives
    first, second, total = (float(v) for v in arrived.removeprefix("x₁.grad = ").replace("+", "=").split("="))
    assert first + second == pytest.approx(total, abs=1e-4) and first != 0 != second
    view.reset()
    assert [n["grad"] for n in view.state["nodes"]] == [0.0] * 27 + [1.0]


@pytest.mark.parametrize("gate", ["+", "−", "×", "^", "σ", "tanh", "ReLU", "max"])
def test_every_gate_is_named_and_matches_differences(gate):
    from backprop.widgets import GraphExplorer
    g = Graph()
    a, b = g.leaf("a", 0.6), g.leaf("b", -0.4)
    make = {"+": lambda: a + b, "−": lambda: a - b, "×": lambda: a * b, "^": lambda: a ** 3, "σ": lambda: a.sigmoid(),
            "tanh": lambda: b.tanh(), "ReLU": lambda: a.relu(), "max": lambda: a.max(b)}
    out = (make[gate]() * 2.0).named("out")
    view = GraphExplorer(out)
    view.step()
    view.step()
    assert view.graph.nodes[view.state["last"].node].op == gate
    assert view.state["rule"].startswith(view.state["last"].pattern.split(":")[0]) and gate in view.state["rule"]
    grads, g = view.run_backward(), view.graph
    for i in g.leaves():
        x, eps = g.nodes[i].data, 1e-6
        fd = (g.forward({i: x + eps}) - g.forward({i: x - eps})) / (2 * eps)
        g.forward({i: x})
        assert grads[i] == pytest.approx(fd, rel=1e-6, abs=1e-9)


def test_a_leaf_slider_moves_values_and_gradients():
    from backprop.widgets import GraphExplorer
    view = GraphExplorer()
    view.run_backward()
    leaf = view.controls["leaf"]
    leaf.value = [i for label, i in leaf.options if label == "w⁽²⁾₁₁"][0]
    before = view.state["nodes"][-1]["data"]
    view.controls["value"].value = 1.5
    net = note_003(W2=[[1.5, 0.7]])
    assert view.state["nodes"][-1]["data"] == pytest.approx(net.loss(X, Y), rel=1e-12) != before
    i = leaf.value
    assert view.state["nodes"][i]["grad"] == pytest.approx(centred(net, X, Y, ("weights", 1, 0, 0)), rel=1e-6)


def test_why_this_number_sums_the_paths_and_a_click_sets_it():
    from backprop.widgets import GraphExplorer
    view = GraphExplorer()
    click(view, "0")                                      # x₁, a click in the browser
    assert view.controls["why"].value == 0
    text = view.state["explained"]
    assert text.startswith("∂C/∂x₁ = the sum over its 2 paths: (") and text.count(") + (") == 1
    assert len(view.state["path_edges"]) > 0
    view.controls["why"].value = 3                        # the dropdown's way, then the same node clicked again
    click(view, "0")
    assert view.controls["why"].value == 0 and view.state["explained"] == text
    for nothing in ("", "²", "-1", str(len(view.state["nodes"])), "x₁"):      # no node of the graph: ignored
        click(view, nothing)
        assert view.controls["why"].value == 0


def click(view, key):
    """What the kernel receives when graph.js reports a click on the node ``key`` (model.send)."""
    view.figure._handle_msg({"content": {"data": {"method": "custom", "content": {"clicked": key}}}, "buffers": []})


def test_the_learners_right_engine_matches_its_own_backward():
    from backprop.widgets import GraphExplorer
    Value = make_value()
    leaves, out = neuron(Value)
    view = GraphExplorer(out)
    grads = view.run_backward()
    assert not any(n["wrong"] for n in view.state["nodes"])
    mine = [v.grad for v in leaves]
    leaves2, out2 = neuron(Value)
    out2.backward()
    assert mine == [v.grad for v in leaves2]                   # what the lesson's backward() leaves
    refs = [n["reference"] for n in view.state["nodes"]]
    assert grads == pytest.approx(refs, rel=1e-12)
    assert len(view.figure.nodes[0]["lines"]) == 4 and "the reference" in str(view.figure.legend)


def test_an_unlabelled_engine_is_drawn_with_question_marks():
    from backprop.widgets import GraphExplorer
    _, out = neuron(make_value(op_label=False))
    view = GraphExplorer(out)
    view.run_backward()
    assert {n["op"] for n in view.state["nodes"]} == {"leaf", "?"}
    assert all(n["reference"] is None for n in view.state["nodes"])
    assert "no op label" in view.readout.value


@pytest.mark.parametrize("slip", ["overwrite", "sign", "no_chain"])
def test_a_slip_shows_where_the_gradient_goes_wrong(slip):
    from backprop.widgets import GraphExplorer
    _, out = neuron(make_value(slip=slip))
    view = GraphExplorer(out)
    view.run_backward()
    wrong = [n["label"] for n in view.state["nodes"] if n["wrong"]]
    assert wrong and "differs from the reference" in view.readout.value
    assert any(n["stroke"] == "wrong" for n in view.figure.nodes)


def test_leaves_accumulate_as_the_lesson_says():
    from backprop.widgets import GraphExplorer
    leaves, out = neuron(make_value())
    out.backward()
    first = [v.grad for v in leaves]
    view = GraphExplorer(out)
    view.run_backward()
    assert [v.grad for v in leaves] == pytest.approx([2 * g for g in first], rel=1e-12)
    assert not any(n["wrong"] for n in view.state["nodes"])


def test_a_rule_that_raises_is_named_and_the_view_keeps_working():
    from backprop.widgets import GraphExplorer
    _, out = neuron(make_value(slip="raises"))
    view = GraphExplorer(out)
    for _ in range(view.state["rules"]):
        view.step()
        if view.state["error"]:
            break
    assert "raised ZeroDivisionError" in view.state["error"] and "(×)" in view.state["error"]
    assert "raised ZeroDivisionError" in view.readout.value
    view.back()
    view.step()
    assert view.state["position"] >= 1


@pytest.mark.parametrize("thing", [3.0, [1, 2], "x", None.__class__])
def test_not_a_value_graph(thing):
    from backprop.widgets import GraphExplorer
    with pytest.raises(TypeError, match="GraphExplorer draws a value graph"):
        GraphExplorer(thing)


def test_too_large_a_graph_says_the_limit_and_how_to_draw_a_part():
    from backprop.widgets import GraphExplorer
    from backprop.widgets.graph import MAX_NODES
    Value = make_value()
    total = Value(0.0)
    for k in range(MAX_NODES):
        total = total + Value(k)
    with pytest.raises(ValueError, match=f"at most {MAX_NODES} are drawn legibly.*GraphExplorer\\(v\\)"):
        GraphExplorer(total)
    g = Graph()
    v = g.leaf("x", 0.1)
    for _ in range(20):                                 # few values, but too deep for the column
        v = v.sigmoid()
    with pytest.raises(ValueError, match="21 values, 21 deep and up to 1 side by side; a 700 px column shows at "
                                         f"most {MAX_NODES} values, 12 deep and 9 side by side"):
        GraphExplorer(v)
    from backprop import Network
    with pytest.raises(ValueError, match="44 values, 10 deep and up to 12 side by side.*GraphExplorer\\(v\\)"):
        GraphExplorer(net=Network([3, 3, 1], seed=3), x=[0.8, 0.2, 0.1], y=[1.0])


def test_nan_and_inf_are_shown_in_words():
    from backprop.widgets import GraphExplorer
    g = Graph()
    a, b = g.leaf("a", 800.0), g.leaf("b", math.nan)
    ((a ** 200) * b.sigmoid()).named("out")
    view = GraphExplorer(g)
    view.run_backward()
    texts = [n["text"] for n in view.state["nodes"]]
    assert any("inf: the number overflowed" in t for t in texts) and any("NaN: not a number" in t for t in texts)
    assert "NaN" in view.readout.value
    assert any(line == "NaN" for n in view.figure.nodes for line in n["lines"])


@pytest.mark.parametrize("gate", ["sigmoid", "relu", "tanh"])
def test_a_nan_leaf_stays_nan_through_every_gate_and_gets_no_slider(gate):
    from backprop.widgets import GraphExplorer
    g = Graph()
    a, b = g.leaf("a", math.nan), g.leaf("b", 2.0)
    getattr(a * b, gate)().named("out")
    view = GraphExplorer(g)
    view.run_backward()
    data = {n["label"]: n["data"] for n in view.state["nodes"]}
    grads = {n["label"]: n["grad"] for n in view.state["nodes"]}
    assert math.isnan(data["out"]) and math.isnan(grads["a"]) and math.isnan(grads["b"])   # never a silent 0
    assert [label for label, _ in view.controls["leaf"].options] == ["b"]      # a NaN leaf is drawn, not slid
    only_nan = Graph()
    c = only_nan.leaf("c", math.nan)
    (c * c).sigmoid().named("out")
    assert "leaf" not in GraphExplorer(only_nan).controls


def test_something_that_is_not_a_graph_is_named_with_what_was_given():
    from backprop.widgets import GraphExplorer
    with pytest.raises(TypeError, match="got int 42$"):
        GraphExplorer(42)


def test_back_restores_the_learners_own_grads():
    from backprop.widgets import GraphExplorer
    leaves, out = neuron(make_value())
    view = GraphExplorer(out)
    values = view.walk.values
    for _ in range(4):
        view.step()
    before = [v.grad for v in values]
    view.step()
    assert [v.grad for v in values] != before
    view.back()
    assert [v.grad for v in values] == before
    assert [n["grad"] for n in view.state["nodes"]] == before
    view.reset()
    assert [v.grad for v in values] == [0.0] * (len(values) - 1) + [1.0]


@pytest.mark.parametrize("kwargs, error, words", [
    (dict(x=[1, 2, 3]), ValueError, "x must hold 2 inputs"),                # an extra input was drawn as a leaf x₃
    (dict(y=[1, 2, 3]), ValueError, "y must hold 1 targets"),                # C = 0.0340 was shown for it
    (dict(x=[float("nan"), 1]), ValueError, "x must hold finite numbers; got NaN"),
    (dict(x="ab"), TypeError, "x must be a list of inputs"),                 # was 'could not convert string …'
    (dict(y=None), TypeError, r"give all three \(missing: y\)"),             # C = NaN was shown
    (dict(net=5), TypeError, "net must be a backprop Network"),
])
def test_a_network_graph_refuses_an_example_that_does_not_fit_the_network(kwargs, error, words):
    from backprop.data import worked_example
    from backprop.widgets import GraphExplorer
    net, x, y = worked_example()
    given = {"net": net, "x": x, "y": y, **kwargs}
    with pytest.raises(error, match=words):
        GraphExplorer(**given)


def test_no_arguments_draw_note_003s_network_and_a_value_with_net_is_refused():
    from backprop.data import worked_example
    from backprop.widgets import GraphExplorer
    net, x, y = worked_example()
    assert GraphExplorer().state["nodes"][-1]["data"] == pytest.approx(net.loss(np.atleast_2d(x), np.atleast_2d(y)))
    leaves, out = neuron(make_value())
    with pytest.raises(TypeError, match="not both"):
        GraphExplorer(out, net=net)


def test_an_unknown_op_label_is_named_with_the_labels_the_core_knows():
    """One node labelled 'plus': that node is '?', the rest keep their ops, and the readout names the label."""
    from backprop.widgets import GraphExplorer
    leaves, out = neuron(make_value())
    plus = next(v for v in _values(out) if getattr(v, "op", "") == "+")
    plus.op = "plus"
    view = GraphExplorer(out)
    ops = [n["op"] for n in view.state["nodes"]]
    assert ops.count("?") == 1 and "σ" in ops and "×" in ops
    assert [op for _, op, _ in view.state["unknown_ops"]] == ["plus"]
    assert "op &#x27;plus&#x27; with 2 parents" in view.readout.value and "&#x27;sigmoid&#x27;" in view.readout.value
    assert "no op label" not in view.readout.value


def test_an_op_label_that_does_not_give_the_nodes_value_is_named():
    """A sum labelled '*': re-evaluated from its parents it gives another number; the readout says which node."""
    from backprop.widgets import GraphExplorer
    leaves, out = neuron(make_value())
    plus = next(v for v in _values(out) if getattr(v, "op", "") == "+")
    plus.op = "*"
    view = GraphExplorer(out)
    who, data, again = view.state["mismatched"][0]
    parents = [p.data for p in plus.parents]
    assert data == plus.data and again == pytest.approx(parents[0] * parents[1])
    assert "its op label or the forward code that made it is wrong" in view.readout.value


def _values(out):
    seen, stack = [], [out]
    while stack:
        v = stack.pop()
        if all(v is not s for s in seen):
            seen.append(v)
            stack.extend(v.parents)
    return seen


def test_a_rule_that_raised_stays_named_after_later_steps_and_run_backward():
    """A learner's σ rule with a typo: the NameError was shown for one Step, then erased by the next, and
    run_backward() only blamed the correct rules below it. It stays named until Back undoes that rule."""
    from backprop.widgets import GraphExplorer
    Value = make_value()
    original = Value.sigmoid

    def sigmoid(self):
        out = original(self)
        out.backward_rule = lambda: self.__dict__.__setitem__("grad", self.grad + ot.data)  # noqa: F821 (the typo)
        return out
    Value.sigmoid = sigmoid
    _, out = neuron(Value)
    view = GraphExplorer(out)
    view.run_backward()
    assert len(view.state["failed"]) == 1 and "raised NameError" in view.state["failed"][0]
    assert "(σ)" in view.state["failed"][0] and view.state["error"] == ""
    assert "raised NameError" in view.readout.value and "the rule that raised (above)" in view.readout.value
    while view.state["failed"]:
        view.back()
    assert view.state["position"] >= 1 and "raised" not in view.readout.value


def test_an_unnamed_node_is_named_by_its_operation_alike_in_figure_rules_and_state():
    """Lesson 09's learner names no inner value: each is called by its operation, numbered in the order the
    graph computes it (×₁, ×₂, +₁ …), in view.state["nodes"], on its box, in the rule that runs and in why."""
    from backprop.widgets import GraphExplorer
    _, out = neuron(make_value())
    view = GraphExplorer(out)
    labels = [n["label"] for n in view.state["nodes"]]
    ops = [n["op"] for n in view.state["nodes"]]
    assert [label for label, op in zip(labels, ops) if op == "×"] == ["×₁", "×₂", "×₃", "out"]
    assert [label for label, op in zip(labels, ops) if op == "σ"] == ["σ₁"]
    assert [label for label, op in zip(labels, ops) if op == "leaf"] == [f"leaf{s}" for s in "₁₂₃₄₅₆₇"]
    assert labels[-1] == "out" and len(set(labels)) == len(labels)              # every name tells one node
    assert not any(label.startswith("v") and label[1:].isdigit() for label in labels)
    assert [n["lines"][0] for n in view.figure.nodes] == labels[:-1] + ["out ×"]   # the box says the same name
    view.step()                                                   # out = e² · ½: the rule names its parents
    parents = [labels[p] for p in view.state["nodes"][-1]["parents"]]
    assert parents[0] == "×₃" and all(f"{p} gets" in view.state["rule"] for p in parents)
    assert view.state["sent"][0].startswith("×₃.grad = ")
    sigma = labels.index("σ₁")
    assert ("σ₁", sigma) in view.controls["why"].options          # the dropdown offers it by the same name
    view.controls["why"].value = sigma
    assert view.state["explained"].startswith("∂out/∂σ₁ = the sum over its 2 paths")      # e · e: σ₁ forks


def test_a_name_derived_for_an_unnamed_node_counts_each_operation_apart():
    from backprop.graph import Graph
    from backprop.graph_rules import name, rule
    g = Graph()
    a, b = g.leaf("a", 2.0), g.leaf("b", -3.0)
    ((a * b + a) * (a ** 2)).sigmoid()
    assert [name(g, i) for i in range(len(g))] == ["a", "b", "×₁", "+₁", "pow₁", "×₂", "σ₁"]
    assert rule(g, 5, 1.0)[1] == "× swaps: +₁ gets pow₁ · out.grad = 4.0000 × 1.0000 = 4.0000; " \
                                 "pow₁ gets +₁ · out.grad = -4.0000 × 1.0000 = -4.0000"


def test_a_boxs_numbers_are_written_as_the_readout_writes_them():
    """Boxes said '-5.4e-04' where the readout under them said '−0.00054'."""
    from backprop.widgets._graph_figure import short
    from backprop.widgets.figures.style import number
    assert short(-5.4e-4) == number(-5.4e-4) == "−0.00054" and short(8.6e-4) == "0.00086"
    assert short(-0.6) == "−0.6000" and short(0.0193) == "0.0193" and short(float("nan")) == "NaN"
