"""Exercise checks: each tries the learner's function against the core and names the mistake.

    from backprop.exercises import check_sigmoid
    check_sigmoid(my_sigmoid)      # prints "✓ passed" or "✗ not yet — <what to fix>"
"""
from ._progress import passed_in_this_kernel
from ._verdict import Verdict, check_function
from .neuron import check_sigmoid, check_sigmoid_derivative

__all__ = ["Verdict", "check_function", "passed_in_this_kernel", "check_sigmoid", "check_sigmoid_derivative"]
