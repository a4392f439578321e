"""Re-running a view's cell in a real kernel replaces the view (widgets/_lifetime.py).

A real ipykernel runs the lessons' set-up cell (``%matplotlib widget``), then one view
cell 26 times, each time with the same ``cellId`` in the request's metadata, as
JupyterLab sends it. The kernel's memory after run 26 stays within 25 MB of run 1, the
live widget models and comms after run 26 are no more than after run 2, and nothing
reaches stderr (matplotlib warns there after 20 open figures).
"""
import json
import os
from pathlib import Path

import nbformat
import pytest
from jupyter_client import KernelManager

REPO = Path(__file__).resolve().parents[2]
LESSON = REPO / "lessons" / "01_neuron_anatomy.ipynb"
RUNS, MEMORY_SLACK = 26, 25 * 2 ** 20
VIEW_CELLS = {                                    # as the lessons write them; the last line shows the view
    "NeuronExplorer": "from backprop.widgets import NeuronExplorer\n\n"
                      "NeuronExplorer(x=(0.5, 0.1), w=(0.4, 0.3), b=0.1)",
    "BlameExplorer": "from backprop.widgets import BlameExplorer\n\nview = BlameExplorer()\nview.step()\nview",
    "DescentExplorer": "from backprop.widgets import DescentExplorer\n\nexplorer = DescentExplorer(lr=1.0, steps=100)\n"
                       "explorer",
}                                                 # the other views: tests/widgets/test_lifetime.py, in process
PROBE = """\
import json as _json, comm as _comm, psutil as _psutil, ipywidgets as _ipw

print(_json.dumps({"rss": _psutil.Process().memory_info().rss, "widgets": len(_ipw.widgets.widget._instances),
                   "comms": len(_comm.get_comm_manager().comms)}))
"""


def setup_cell():
    """The lessons' first code cell: ``%matplotlib widget`` (inline without ipympl) and the imports."""
    cells = nbformat.read(LESSON, as_version=4).cells
    return next(cell.source for cell in cells if cell.cell_type == "code")


class Kernel:
    """A started kernel and a client that runs code as JupyterLab does, collecting what comes back."""

    def __init__(self):
        self.manager = KernelManager(kernel_name="python3")
        env = {**os.environ, "BACKPROP_PROGRESS_FILE": "off"}     # a view cell records no exercise progress
        self.manager.start_kernel(cwd=str(LESSON.parent), env=env)
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=60)
        self.stderr = []

    def run(self, code, cell_id=None):
        """Execute ``code`` (in the cell ``cell_id``); return its stdout. Errors and stderr are collected."""
        content = {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                   "allow_stdin": False, "stop_on_error": True}
        metadata = {"cellId": cell_id, "deletedCells": [], "recordTiming": False} if cell_id else {}
        message = self.client.session.msg("execute_request", content, metadata=metadata)
        self.client.shell_channel.send(message)
        return self._outputs(message["header"]["msg_id"])

    def _outputs(self, msg_id):
        stdout = []
        while True:
            reply = self.client.get_iopub_msg(timeout=120)
            if reply["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = reply["msg_type"], reply["content"]
            if kind == "stream":
                (stdout if content["name"] == "stdout" else self.stderr).append(content["text"])
            elif kind == "error":
                self.stderr.append("\n".join(content["traceback"]))
            elif kind == "status" and content["execution_state"] == "idle":
                return "".join(stdout)

    def probe(self):
        """The kernel's memory (RSS, bytes), live widget models and open comms."""
        return json.loads(self.run(PROBE).strip().splitlines()[-1])

    def shutdown(self):
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


@pytest.fixture(scope="module")
def kernel():
    started = Kernel()
    try:
        started.run(setup_cell(), cell_id="set-up")
        assert started.stderr == [], "the set-up cell wrote to stderr:\n" + "".join(started.stderr)
        yield started
    finally:
        started.shutdown()


@pytest.mark.parametrize("view", list(VIEW_CELLS))
def test_rerunning_a_view_cell_replaces_the_view(kernel, view):
    seen = {}
    for run in range(1, RUNS + 1):
        kernel.run(VIEW_CELLS[view], cell_id=f"cell-{view}")
        if run in (1, 2, RUNS):
            seen[run] = kernel.probe()
    assert kernel.stderr == [], f"{view}: stderr after re-runs:\n" + "".join(kernel.stderr)[:3000]
    assert seen[RUNS]["widgets"] <= seen[2]["widgets"], f"{view}: widget models pile up: {seen}"
    assert seen[RUNS]["comms"] <= seen[2]["comms"], f"{view}: comms pile up: {seen}"
    growth = seen[RUNS]["rss"] - seen[1]["rss"]
    assert growth <= MEMORY_SLACK, f"{view}: the kernel grew {growth / 2 ** 20:.1f} MB over {RUNS} runs: {seen}"
    print(f"{view}: RSS run 1 {seen[1]['rss'] / 2 ** 20:.1f} MB, run {RUNS} {seen[RUNS]['rss'] / 2 ** 20:.1f} MB; "
          f"widgets {seen[2]['widgets']} → {seen[RUNS]['widgets']}, "
          f"comms {seen[2]['comms']} → {seen[RUNS]['comms']}")
