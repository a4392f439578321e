"""Which exercises the learner has passed: in this kernel, and (kept in a small JSON file
in the learner's home) in every earlier session. Introduced in lessons/00_start_here.

The file is ``~/.backprop-course/progress.json`` unless the environment variable
``BACKPROP_PROGRESS_FILE`` names another path (``off`` keeps everything in memory).
A missing, corrupt or unwritable file never breaks a check: the record falls back to
memory and one short note is printed (to stderr).
"""
import json
import os
import sys
import tempfile
from pathlib import Path

ENV_VAR = "BACKPROP_PROGRESS_FILE"
_VERSION = 1

_passed_this_kernel = {}
_noted = set()          # the problems already reported once in this kernel


def progress_file():
    """The JSON file that keeps the record, or None when persistence is switched off."""
    chosen = os.environ.get(ENV_VAR, "").strip()
    if chosen.lower() in ("off", "none", "0"):
        return None
    try:
        return Path(chosen).expanduser() if chosen else Path.home() / ".backprop-course" / "progress.json"
    except (RuntimeError, KeyError):                      # no home directory can be determined
        _note_once("home", "no home folder was found; your progress is kept for this session only.")
        return None


def record(exercise, passed):
    """Remember a check's outcome in this kernel and on disk (a pass is never undone by a later fail)."""
    _passed_this_kernel[exercise] = _passed_this_kernel.get(exercise, False) or bool(passed)
    path = progress_file()
    if path is None or "write" in _noted:
        return
    saved = load_saved()
    saved[exercise] = saved.get(exercise, False) or _passed_this_kernel[exercise]
    try:
        _write_atomically(path, {"version": _VERSION, "exercises": saved})
    except (OSError, TypeError, ValueError) as exc:
        _note_once("write", f"your progress could not be saved to {path} ({exc}); "
                            "it is kept for this session only.")


def passed_in_this_kernel():
    """{exercise name: passed?} for the checks run since the kernel started."""
    return dict(_passed_this_kernel)


def load_saved():
    """{exercise name: passed?} as stored in the progress file ({} when there is none or it is unreadable)."""
    path = progress_file()
    if path is None or not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        exercises = data["exercises"]
        return {str(name): bool(ok) for name, ok in exercises.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        _note_once("read", f"your progress file {path} could not be read ({type(exc).__name__}); "
                           "it will be started afresh.")
        return {}


def all_outcomes():
    """{exercise name: passed?} merging the saved record with this kernel (a pass anywhere wins)."""
    merged = load_saved()
    for name, ok in _passed_this_kernel.items():
        merged[name] = merged.get(name, False) or ok
    return merged


def _write_atomically(path, data):
    """Write JSON to a temporary file next to ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".progress-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1, sort_keys=True)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _note_once(kind, message):
    if kind not in _noted:
        _noted.add(kind)
        print(f"note: {message}", file=sys.stderr)
