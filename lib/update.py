"""The update rule: gradient descent, p ← p − lr · ∂C/∂p. Introduced in lessons/06_gradient_descent;
weight decay in lessons/08_challenges.

Network.step, fit and the loss landscape all move parameters through ``descend`` alone.
"""


def descend(parameters, grads, lr):
    """In place, for each array p and its gradient (same shape): p ← p − lr · ∂C/∂p."""
    for p, grad in zip(parameters, grads):
        p -= lr * grad


def with_weight_decay(grads, parameters, weight_decay):
    """Gradients of C + ½λ‖W‖²: λ·W added to each weight's gradient (even entries), biases unchanged."""
    if not weight_decay:
        return grads
    return [g + weight_decay * p if i % 2 == 0 else g for i, (g, p) in enumerate(zip(grads, parameters))]
