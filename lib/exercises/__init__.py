"""Exercise checks: each tries the learner's function against the core and names the mistake.

    from backprop.exercises import check_sigmoid
    check_sigmoid(my_sigmoid)      # prints "✓ passed" or "✗ not yet — <what to fix>"

Every public module here lists its checks in ``__all__``; they are gathered below,
so a lesson imports every check from ``backprop.exercises``.
"""
import importlib
import pkgutil

from ._progress import passed_in_this_kernel
from ._verdict import Verdict, check_function

__all__ = ["Verdict", "check_function", "passed_in_this_kernel"]

for _info in pkgutil.iter_modules(__path__):
    if not _info.name.startswith("_"):
        _module = importlib.import_module(f".{_info.name}", __name__)
        for _name in getattr(_module, "__all__", ()):
            globals()[_name] = getattr(_module, _name)
            __all__.append(_name)
