"""backprop: a small, tested numpy core for the course on backpropagation.

    from backprop import Network, gradient_check
"""
from .activations import ACTIVATIONS, get_activation, sigmoid, sigmoid_prime
from .gradcheck import GradientCheck, gradient_check, numerical_gradients, relative_error
from .losses import LOSSES, get_loss
from .network import Gradients, Network, Trace
from .history import History
from .training import Training, minibatches

__all__ = ["Network", "Trace", "Gradients", "History", "Training", "gradient_check", "numerical_gradients",
           "relative_error", "GradientCheck", "minibatches", "ACTIVATIONS", "LOSSES", "get_activation", "get_loss",
           "sigmoid", "sigmoid_prime"]
