"""The class load test's pieces that need no server: finding the view in the widget states, the report, RESULTS.md."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))     # plain `pytest` leaves benchmarks/ off sys.path
from benchmarks import _class_report as report                     # noqa: E402
from benchmarks._class_protocol import descendants, the_view      # noqa: E402
from benchmarks._results_md import write_block                     # noqa: E402


def model(name, **state):
    return {"model_name": name, "state": state}


STATES = {"view": model("VBoxModel", children=["IPY_MODEL_controls", "IPY_MODEL_figure", "IPY_MODEL_readout"]),
          "controls": model("HBoxModel", children=["IPY_MODEL_w", "IPY_MODEL_lr"]),
          "w": model("FloatSliderModel", value=0.5), "lr": model("FloatLogSliderModel", value=0.1),
          "figure": model("AnyModel"), "readout": model("HTMLModel", value="C = 0.25"),
          "other": model("VBoxModel", children=["IPY_MODEL_readout"])}


def test_the_view_is_the_first_shown_box_with_a_slider_and_a_readout_whatever_draws_its_figure():
    assert descendants(STATES, "view") == ["view", "controls", "w", "lr", "figure", "readout"]
    assert the_view(STATES, ["other", "view"]) == ("view", ["w", "lr"])


def test_write_block_rewrites_only_its_own_block(tmp_path):
    path = tmp_path / "RESULTS.md"
    path.write_text("# Browser\ntable\n\n<!-- a -->\nold\n<!-- /a -->\n\n<!-- b -->\nkept\n<!-- /b -->\n")
    write_block("<!-- a -->", "<!-- /a -->", ["new"], path)
    write_block("<!-- c -->", "<!-- /c -->", ["added"], path)
    assert path.read_text() == ("# Browser\ntable\n\n<!-- a -->\nnew\n<!-- /a -->\n\n<!-- b -->\nkept\n<!-- /b -->"
                                "\n\n<!-- c -->\nadded\n<!-- /c -->\n")


class Refill:
    start, end, cpu = 10.0, 40.0, {"server": 9.0, "kernels": 30.0}


def test_the_report_states_each_goal_and_writes_its_block(monkeypatch):
    seats, written = 3, []
    monkeypatch.setattr(report, "write_block", lambda begin, end, lines: written.append(lines))
    mb = 2**20
    seen = {"seats": seats, "kinds": ["BrowserStudent", "ProtocolStudent", "ProtocolStudent"],
            "results": [{"first": 2.0, "load": [0.1], "refill": [0.5], "steady": [0.3]},
                        {"first": 0.5, "load": [0.2], "refill": [], "steady": [0.2]},
                        {"error": "TimeoutError: no view"}],
            "load": (1.5, 2.5),
            "ids": ["a", "b", "c"], "preheated": 3, "culled": 3, "culled_in": 40.0, "after_ids": ["d", "e", "f"],
            "restarts": 0, "warm_in": 20.0, "refill": Refill(), "limits": [1536 * mb] * 3,
            "warm": {"server": (100 * mb, 120 * mb), "kernels": [(75 * mb, 110 * mb)] * 3},
            "peak": {"server": (200 * mb, 220 * mb), "kernels": [(75 * mb, 110 * mb)] * 6},
            "after": {"server": (200 * mb, 220 * mb), "kernels": [(75 * mb, 110 * mb)] * 3}}
    settings = {"SEATS": seats, "FILL_DELAY": 15, "IDLE_TIMEOUT": 30, "CULL_INTERVAL": 5, "KERNEL_MB": 1536}
    text = "\n".join(report.write_report([seen], [4.0], settings, ["machine"]).lines())
    assert "p95 ≤ 5 s: ok" in text and "failed: TimeoutError: no view" in text and "none: MISSED" in text
    assert text.count("p95 ≤ 2 s, n ≥ 100: MISSED") == 3, "a phase of 1 or 2 samples cannot meet the goal"
    refill_row = next(line for line in text.splitlines() if line.startswith("pool full again"))
    assert "30 s" in refill_row and refill_row.endswith("≤ 98 s: ok")
    assert "load average 1.50 before, 2.50 after" in text
    assert "650 MB" in text and "217 MB" in text          # peak total (200 + 6 × 75) and per seat
    assert "3/3 kernels culled" in text and "on 3 of 3 kernels" in text
    assert written and written[0][0] == "# A class on one machine"


def test_each_phase_is_judged_on_the_median_of_the_runs_p95():
    def run(refill, load=(1.0, 1.0)):
        return {"results": [{"first": 1.0, "load": [0.5] * 100, "refill": [refill] * 100, "steady": [0.5] * 100}],
                "kinds": ["ProtocolStudent"], "refill": Refill(), "load": load}
    settings = {"SEATS": 1}
    text = "\n".join(report.summary_section([run(1.0), run(3.0), run(1.5)], None, settings).lines())
    refill_row = next(line for line in text.splitlines() if "while the pool refills" in line)
    assert "1.50 s" in refill_row.split("(n=100)")[-1] and refill_row.endswith("ok")
    text = "\n".join(report.summary_section([run(3.0), run(3.0), run(1.5)], None, settings).lines())
    assert next(line for line in text.splitlines() if "while the pool refills" in line).endswith("MISSED")
