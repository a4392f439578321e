"""Which exercises the learner has passed in this kernel."""

_passed_this_kernel = {}


def record(exercise, passed):
    """Remember a check's outcome (a pass is never forgotten by a later failure)."""
    _passed_this_kernel[exercise] = _passed_this_kernel.get(exercise, False) or bool(passed)


def passed_in_this_kernel():
    """{exercise name: passed?} for the checks run since the kernel started."""
    return dict(_passed_this_kernel)
