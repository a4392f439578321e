"""The playground's settings: checked once, turned into the data, the Network and the Training, and into
the few lines of code that rebuild them (``code``), so that a run from code and a run from the view agree.
"""
import sys
from dataclasses import asdict, dataclass, fields

import numpy as np

from backprop import Network, Training
from backprop import checks as check
from backprop.planar import DEFAULT_CLASSES, SETS, planar

ACTIVATIONS = ("sigmoid", "tanh", "relu")
OUTPUTS = ("binary", "multi-class")
MOST_LAYERS, MOST_WIDTH, MOST_POINTS, MOST_BATCH = 6, 8, 1000, 500   # what trains live and draws legibly
STEPS_PER_FRAME = 5     # mini-batch steps between two frames of Play (and between two records of the losses)


@dataclass(frozen=True)
class Settings:
    """Everything a run depends on: the data set and its settings, the network, the training, the seed."""
    data: str = "circles"
    n: int = 200
    noise: float = 0.1
    test_fraction: float = 0.5
    classes: int = 2
    layers: int = 2
    width: int = 6
    activation: str = "tanh"
    output: str = "binary"
    lr: float = 0.1
    batch_size: int = 10
    weight_decay: float = 0.0
    dropout: float = 0.0
    seed: int = 0

    @classmethod
    def checked(cls, **given):
        """Settings from keyword arguments, each checked; ValueError/TypeError naming the choices or limits."""
        s = given
        unknown = sorted(set(given) - {f.name for f in fields(cls)})
        if unknown:
            raise TypeError(f"PlaygroundExplorer has no setting {', '.join(map(repr, unknown))}; its settings are "
                            f"{', '.join(f.name for f in fields(cls))} — check the spelling")
        data = check.choice(s["data"], "data", tuple(SETS))
        classes = DEFAULT_CLASSES[data] if s.get("classes") is None else s["classes"]
        output = check.choice(s["output"], "output", OUTPUTS, " (sigmoid + binary cross-entropy, or softmax)")
        if output == "binary" and classes != 2:
            raise ValueError(f"output 'binary' has 2 classes; data {data!r} has {classes} here — choose "
                             "output='multi-class' (softmax)")
        dropout = check.number(s["dropout"], "dropout", 0.0, 0.9)
        return cls(data, check.whole(s["n"], "n (points)", 10, MOST_POINTS),
                   check.number(s["noise"], "noise", 0.0, 1.0),
                   check.number(s["test_fraction"], "test_fraction", 0.1, 0.9), check.whole(classes, "classes", 2, 6),
                   check.whole(s["layers"], "layers (hidden layers, to draw legibly)", 0, MOST_LAYERS),
                   check.whole(s["width"], "width (neurons per hidden layer, to draw legibly)", 1, MOST_WIDTH),
                   check.choice(s["activation"], "activation", ACTIVATIONS), output,
                   check.number(s["lr"], "lr", 1e-5, 10.0, low_open=False),
                   check.whole(s["batch_size"], "batch_size", 1, MOST_BATCH),
                   check.number(s["weight_decay"], "weight_decay", 0.0, 1.0), dropout, check.whole(s["seed"], "seed"))

    def split(self):
        """The data: a backprop.data Split of this setting."""
        return planar(self.data, self.n, self.noise, self.test_fraction, self.seed, self.classes)

    def network(self):
        """A fresh Network of this setting (He initialisation for ReLU, Xavier otherwise; seeded)."""
        binary = self.output == "binary"
        return Network([2] + [self.width] * self.layers + [1 if binary else self.classes], self.activation,
                       "sigmoid" if binary else "softmax", "binary_cross_entropy" if binary else "cross_entropy",
                       init="he" if self.activation == "relu" else "xavier", seed=self.seed)

    def targets(self, y):
        """Labels as the output wants them: a column (n, 1) of 0/1 for binary, integer labels for softmax."""
        return y.reshape(-1, 1).astype(float) if self.output == "binary" else y

    def training(self, net, split):
        """The Training of ``net`` on ``split``: losses recorded every STEPS_PER_FRAME steps, test set as validation."""
        return Training(net, split.X_train, self.targets(split.y_train), batch_size=self.batch_size, lr=self.lr,
                        seed=self.seed, weight_decay=self.weight_decay, dropout=self.dropout,
                        validation=(split.X_test, self.targets(split.y_test)), record_every=STEPS_PER_FRAME)

    def code(self, epochs, steps=0):
        """The lines that rebuild this setting's data and network trained for ``epochs`` epochs (and ``steps``
        more mini-batch steps), bit for bit, in a fresh kernel with the course installed."""
        s = self
        lines = ["from backprop import Network, Training", "from backprop.data import planar", "",
                 f"data = planar({s.data!r}, n={s.n}, noise={s.noise!r}, test_fraction={s.test_fraction!r}, "
                 f"seed={s.seed}, classes={s.classes})"]
        binary = s.output == "binary"
        sizes = [2] + [s.width] * s.layers + [1 if binary else s.classes]
        lines.append(f"net = Network({sizes}, {s.activation!r}, {'sigmoid' if binary else 'softmax'!r}, "
                     f"{'binary_cross_entropy' if binary else 'cross_entropy'!r}, "
                     f"init={'he' if s.activation == 'relu' else 'xavier'!r}, seed={s.seed})")
        y = "data.y_train.reshape(-1, 1).astype(float)" if binary else "data.y_train"
        lines.append(f"training = Training(net, data.X_train, {y}, batch_size={s.batch_size}, lr={s.lr!r}, "
                     f"seed={s.seed}, weight_decay={s.weight_decay!r}, dropout={s.dropout!r})")
        if epochs:
            lines.append(f"for epoch in range({epochs}):\n    training.run_epoch()")
        if steps:
            lines.append(f"training.run_steps({steps})")
        return "\n".join(lines)

    def as_dict(self):
        return asdict(self)


def grid_size():
    """Grid points per side of the boundary: 80 with the desktop kernel, 40 in the zero-install site."""
    return 40 if sys.platform == "emscripten" else 80


def extent_of(split):
    """(x_min, x_max, y_min, y_max): a square about 0 holding every point, in steps of 0.5."""
    reach = float(np.abs(np.vstack([split.X_train, split.X_test])).max()) * 1.05
    half = max(1.0, np.ceil(reach * 2) / 2)
    return (float(-half), float(half), float(-half), float(half))
