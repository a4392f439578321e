"""Long work in a live view, in steps that yield to the event loop: no thread (Pyodide has none).

Used by TrainingDashboard (lessons/07_sgd_minibatches): an asyncio task on the kernel's running
loop trains one epoch, yields, and trains the next, so widget messages (Stop) are heard between.
"""
import asyncio
import contextlib
import sys


def one_blas_thread():
    """Run numpy's BLAS on one thread: for these small matrices, threads on a busy 2-core machine cost 3-4×."""
    try:
        from threadpoolctl import threadpool_limits          # installed with scikit-learn
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def event_loop():
    """The event loop to train on: the kernel's running loop (Pyodide's web loop in the browser), or None."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.get_event_loop() if sys.platform == "emscripten" else None
