"""The peers configured like the core: scikit-learn's MLPClassifier and PyTorch on the CPU.

Both use the core's layers, sigmoid hidden activation, softmax output with
cross-entropy (batch mean), the same batch size and learning rate, plain SGD
(no momentum, no weight decay) and a shuffle every epoch.
"""
import os
import warnings

import numpy as np


def sklearn_model(batch_size, lr, epochs, hidden=32, seed=0):
    """An MLPClassifier that runs exactly ``epochs`` epochs of plain mini-batch SGD."""
    from sklearn.neural_network import MLPClassifier
    return MLPClassifier(hidden_layer_sizes=(hidden,), activation="logistic", solver="sgd",
                         batch_size=batch_size, learning_rate="constant", learning_rate_init=lr,
                         momentum=0.0, nesterovs_momentum=False, alpha=0.0, max_iter=epochs,
                         shuffle=True, tol=0.0, n_iter_no_change=epochs + 1,
                         early_stopping=False, random_state=seed)


def fit_sklearn(model, X, labels):
    """Fit ``model``; the ConvergenceWarning (expected: we stop after max_iter on purpose) is silenced."""
    from sklearn.exceptions import ConvergenceWarning
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(X, labels)


def torch_available():
    """True when PyTorch can be imported (it is optional: not in requirements.txt)."""
    try:
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


def torch_model(net, dtype="float64"):
    """A torch Sequential of Linear + Sigmoid layers (softmax lives in the loss) with ``net``'s parameters."""
    import torch
    layers = []
    for l, (W, b) in enumerate(zip(net.weights, net.biases)):
        linear = torch.nn.Linear(W.shape[1], W.shape[0], dtype=getattr(torch, dtype))
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(W))
            linear.bias.copy_(torch.from_numpy(b))
        layers += [linear] if l == len(net.weights) - 1 else [linear, torch.nn.Sigmoid()]
    return torch.nn.Sequential(*layers)


def fit_torch(model, X, labels, epochs, batch_size, lr, seed=0, threads=None):
    """Plain SGD with CrossEntropyLoss (log-softmax + mean negative log-likelihood); threads: all cores."""
    import torch
    torch.set_num_threads(threads or os.cpu_count() or 1)
    dtype = next(model.parameters()).dtype
    X, labels = torch.as_tensor(X, dtype=dtype), torch.as_tensor(labels, dtype=torch.long)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.0)
    loss_fn, generator = torch.nn.CrossEntropyLoss(), torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        order = torch.randperm(X.shape[0], generator=generator)
        for i in range(0, X.shape[0], batch_size):
            idx = order[i:i + batch_size]
            optimizer.zero_grad()
            loss_fn(model(X[idx]), labels[idx]).backward()
            optimizer.step()
    return model


def torch_accuracy(model, X, labels):
    """Fraction of X classified as ``labels`` by the torch model."""
    import torch
    with torch.no_grad():
        out = model(torch.as_tensor(X, dtype=next(model.parameters()).dtype))
    return float(np.mean(out.argmax(dim=1).numpy() == labels))
