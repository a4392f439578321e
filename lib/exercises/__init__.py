"""Exercise checks: each tries the learner's function against the core and names the mistake.

    from backprop.exercises import check_sigmoid
    check_sigmoid(my_sigmoid)      # prints "✓ passed" or "✗ not yet — <what to fix>"

Each check has one home, the module of the lesson that asks for it (start → 00,
neuron → 01, loss → 02, chain → 03, blame → 04, worked → 05, descent → 06,
sgd → 07, challenges → 08, capstone → 09); a lesson imports every check from here.

Every check is built from one toolkit (``toolkit``): its table of ``Mistake(code, hint, wrong)``
records, kept on the check by ``@table(...)`` as ``check.mistakes``, a safe call of the learner's
code, the comparison and the printed ``Verdict``. Lessons 00–08 compare one array per input with
``compare.check_function``; lesson 09's checks add lists of arrays and the first wrong layer on top
(``capstone_base``). A new check is one function in its lesson's module, decorated with its table,
plus its name here and in ``__all__``; its tests (tests/exercises/test_<module>.py) give its right
answer and one wrong answer per ``Mistake``, and tests/exercises/test_slips.py fails until every
slip in the table is tried by some test.
"""
from ._progress import passed_in_this_kernel
from .compare import check_function
from .toolkit import Mistake, Verdict
from .blame import check_hidden_delta, check_weight_gradients
from .capstone import (check_backward, check_forward, check_gradient_check, check_numerical_gradient,
                       check_sgd, check_softmax_delta, check_value, ready)
from .chain import check_bias_gradient, check_chain_factors, check_weight_gradient
from .challenges import check_dropout, check_layer_gradient_norms, check_weight_decay_step
from .descent import check_first_order_change, check_largest_rate, rate_exercise_data, rate_exercise_network
from .loss import check_squared_error, check_squared_error_derivative
from .neuron import check_layer_forward, check_neuron, check_sigmoid, check_sigmoid_derivative
from .progress import progress
from .sgd import check_average_nudge, check_batch_gradient_spread
from .start import check_cycle, check_update
from .worked import check_worked_backward, check_worked_forward

__all__ = ["Mistake", "Verdict", "check_function", "passed_in_this_kernel", "progress",
           "check_cycle", "check_update",
           "check_sigmoid", "check_sigmoid_derivative", "check_neuron", "check_layer_forward",
           "check_squared_error", "check_squared_error_derivative",
           "check_chain_factors", "check_weight_gradient", "check_bias_gradient",
           "check_hidden_delta", "check_weight_gradients",
           "check_worked_forward", "check_worked_backward",
           "check_first_order_change", "check_largest_rate", "rate_exercise_data", "rate_exercise_network",
           "check_average_nudge", "check_batch_gradient_spread",
           "check_layer_gradient_norms", "check_weight_decay_step", "check_dropout",
           "check_forward", "check_backward", "check_numerical_gradient", "check_gradient_check",
           "check_sgd", "check_softmax_delta", "check_value", "ready"]
