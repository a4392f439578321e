"""What lessons/09_build_it_yourself's checks add to the toolkit: the learner's functions there take and
return lists of arrays (z, a, gradients), one per layer, and call one another.
"""
import numpy as np

from .toolkit import NEEDS_EARLIER, as_numbers, call, changed_argument, listed, passed_in_this_kernel

SHAPES = ("A matrix product's shapes do not fit: A @ B needs A's last size to equal B's first. "
          "Print the .shape of both sides.")


def learner_call(fn, args, start="", shapes=SHAPES):
    """(the learner's answer, "") or (None, a sentence saying what went wrong); never raises.

    ``start`` is a hint on how to begin, added when the function still returns None (a blank);
    ``shapes`` the hint when numpy's matmul finds that the shapes of a product do not fit.
    """
    if isinstance(fn, type):
        return None, (f"{fn.__name__} is a class; this check takes your function: pass it by its name, "
                      "without brackets (check_forward(my_forward)).")
    if not callable(fn):
        return None, (f"pass your function itself (no brackets); got {type(fn).__name__}")
    return call(fn, args, start, lambda exc: raised_hint(str(exc), shapes))


def raised_hint(message, shapes=SHAPES):
    """What to do about an exception: pass the earlier checks, fit the shapes, or read numpy's message."""
    if "NoneType" in message:
        return NEEDS_EARLIER
    if "core dimension" in message or ("matmul" in message and "mismatch" in message):
        return shapes
    return "Read the message, fix the body and run it again."


def changed_lists(given, kept, advice):
    """"" when no array in the lists the learner was given changed, else the sentence naming the first that did.

    ``given`` and ``kept`` map a name ("weights", "z", …) to the list (or array) passed and to a copy kept by
    the check; a function that changes what it is passed spoils its caller's arrays for the next call.
    """
    names, passed, copies_ = [], [], []
    for name, items in given.items():
        many = isinstance(items, list)
        for i, item in enumerate(items if many else [items]):
            names.append(f"{name}[{i}]" if many else name)
            passed.append(item)
            copies_.append((kept[name][i] if many else kept[name]))
    return changed_argument(passed, copies_, names, advice=advice)


def arrays(out, count, what, missing=None, none_ok=()):
    """``out`` as a list of ``count`` finite float arrays, or (None, a sentence naming the entry that is not one).

    An entry may be None only at the indices in ``none_ok`` (z[0], a[0]: kept as None); ``missing(indices)``
    words why the entries at ``indices`` were left None (a loop that stopped short, say).
    """
    if not isinstance(out, (list, tuple)):
        kind = "None" if out is None else f"a {type(out).__name__}"
        return None, f"{what} should be a list of arrays, one per layer; it is {kind}."
    if len(out) != count:
        return None, f"{what} has {len(out)} entries but should have {count}."
    nones = [i for i, item in enumerate(out) if item is None and i not in none_ok]
    if nones:
        names = listed([f"{what}[{i}]" for i in nones])
        why = missing(nones) if missing else "fill in every entry before returning."
        return None, f"{names} {'are' if len(nones) > 1 else 'is'} None: {why}"
    result = []
    for i, item in enumerate(out):
        if item is None:
            result.append(None)
            continue
        array, problem = as_numbers(item, f"{what}[{i}]")
        if problem:
            return None, f"{problem}; each entry should be an array of numbers."
        if not np.all(np.isfinite(array)):
            return None, (f"{what}[{i}] holds nan or inf: look for a division by 0, an np.exp that overflows, "
                          "or an entry that was never filled (np.empty).")
        result.append(array)
    return result, ""


def layers(numbers):
    """"layer 2", "layers 2 and 3": the layers numbered ``numbers``, in words."""
    return f"layer{'s' if len(numbers) > 1 else ''} {listed([str(L) for L in numbers])}"


def ready(*checks):
    """True when every named check passed in this kernel; else print which ones to pass first.

    Lesson 09's later cells run the learner's own functions: with a blank one they
    would raise, so they ask ``ready("check_sgd")`` first and say "not yet" instead.
    """
    passed = passed_in_this_kernel()
    missing = [name for name in checks if not passed.get(name)]
    if missing:
        print(f"✗ not yet — this cell runs your code: first make {listed(missing)} pass (above).")
    return not missing
