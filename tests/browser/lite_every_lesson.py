"""The slow check of the zero-install site: every lesson runs top to bottom in Pyodide, offline.

Not collected by `make test` (its name does not start with test_), which runs lessons 01 and 04
(test_lite.py); `make lite-check-all` runs this file. A failure that waits for the views' move
is xfail with its reason (tools.browser.lite.WAITING).
"""
import pytest

from tools.browser.lite import LESSONS, foreign, run_lesson
from tools.browser.page import shoot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lesson", LESSONS, ids=[name.removesuffix(".ipynb") for name in LESSONS])
def test_every_lesson_runs_in_the_site(lite, offline, lite_page, lesson):
    run_lesson(lite_page, lite, lesson)
    shoot(lite_page, f"lite-all-{lesson.removesuffix('.ipynb')}")
    assert foreign(offline.requests) == []
