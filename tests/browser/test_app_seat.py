"""`make app`: a student whose kernel is gone is told so within 5 s and gets a working lesson back in one click.

One `make app LESSON=04 SEATS=2` with a short IDLE_TIMEOUT. A kernel is killed by its pid (as the OOM killer or a
crash would); a page's connection is cut by a TCP relay (tests/browser/_relay.py) for longer than IDLE_TIMEOUT, so
the culler ends its kernel, then restored; and cut for a moment only, which must show no alarm. The page's notice
and its button come from binder/app/voila/templates/backprop/seat.js, the server's side from binder/app/voila.py.
"""
import os
import re
import signal
import time
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from benchmarks import _class_server as app
from tools.browser.page import INTERACTION_TIMEOUT, VIEW, shoot
from ._relay import Relay
from .test_voila import poke_first_slider

SEATS, FILL_DELAY, IDLE_TIMEOUT, CULL_INTERVAL = 2, 1, 8, 1
SAID_WITHIN = 5.0            # s from the kernel's end, or from the connection's return, to the notice
NOTICE = "#backprop-seat-notice"
KERNEL_ID = "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"


@pytest.fixture(scope="module")
def class_app(chromium, course_copy, tmp_path_factory):
    server = app.start_app(tmp_path_factory.mktemp("seat"), SEATS, FILL_DELAY, IDLE_TIMEOUT, CULL_INTERVAL,
                           course=course_copy)
    try:
        app.wait_warm(server, SEATS)
        yield server
    finally:
        server.stop()


@pytest.fixture
def relay(class_app):
    relay = Relay(class_app.port)
    yield relay
    relay.close()


def open_lesson(page, url):
    """Open the app, wait for a view with a slider; return (its kernel id, the view)."""
    page.goto(url + "/", wait_until="load", timeout=120_000)
    view = page.locator(VIEW).filter(has=page.locator(".noUi-handle")).first
    view.wait_for(timeout=120_000)
    view.scroll_into_view_if_needed()
    return page.evaluate(KERNEL_ID), view


def kernel_exists(server, kernel_id):
    try:
        with urllib.request.urlopen(f"{server.url}/api/kernels/{kernel_id}", timeout=10):
            return True
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return False
        raise


def seconds_to_notice(page, since, timeout=20.0):
    """Seconds from ``since`` (time.monotonic) until the notice shows."""
    page.locator(NOTICE).wait_for(state="visible", timeout=timeout * 1000)
    return time.monotonic() - since


def test_a_killed_kernel_is_said_and_one_click_gives_a_working_lesson(class_app, page):
    kernel_id, view = open_lesson(page, class_app.url)
    os.kill(app.kernel_processes(class_app)[kernel_id].pid, signal.SIGKILL)
    took = seconds_to_notice(page, time.monotonic())
    notice = page.locator(NOTICE)
    shoot(page, "app-seat-kernel-died")
    assert took <= SAID_WITHIN, f"the notice showed {took:.1f} s after the kernel was killed"
    expect(notice).to_contain_text("This lesson has stopped")
    expect(notice).to_contain_text("stopped (it may have run out of memory)")
    assert page.evaluate("() => document.getElementById('rendered_cells').inert"), "the dead views must not take input"
    assert not kernel_exists(class_app, kernel_id) and kernel_id not in app.kernel_processes(class_app)
    assert "restarting kernel" not in class_app.log(tail=10**7), "a dead kernel must not be restarted bare"

    notice.get_by_role("button", name="Start the lesson again").click()
    fresh_id, view = open_lesson_after_reload(page)
    assert fresh_id != kernel_id
    poke_first_slider(view)
    shoot(page, "app-seat-fresh-seat")


def open_lesson_after_reload(page):
    page.wait_for_load_state("load", timeout=120_000)
    view = page.locator(VIEW).filter(has=page.locator(".noUi-handle")).first
    view.wait_for(timeout=120_000)
    view.scroll_into_view_if_needed()
    assert page.locator(NOTICE).count() == 0
    return page.evaluate(KERNEL_ID), view


def test_a_drop_longer_than_idle_timeout_is_said_when_the_network_returns(class_app, relay, page):
    kernel_id, _ = open_lesson(page, relay.url)
    relay.pause()
    app.wait_gone(class_app, [kernel_id], IDLE_TIMEOUT + 10 * CULL_INTERVAL + 30)
    time.sleep(2)
    assert page.locator(NOTICE).count() == 0, "nothing can be said while the server cannot be reached"
    relay.resume()
    took = seconds_to_notice(page, time.monotonic())
    shoot(page, "app-seat-away-too-long")
    assert took <= SAID_WITHIN, f"the notice showed {took:.1f} s after the connection returned"
    expect(page.locator(NOTICE)).to_contain_text("disconnected for long enough")
    assert re.search(rf"Culling 'idle' kernel .*\({kernel_id}\)", class_app.log(tail=10**7))
    page.locator(NOTICE).get_by_role("button").click()
    fresh_id, view = open_lesson_after_reload(page)
    assert fresh_id != kernel_id
    poke_first_slider(view)


def test_a_short_drop_with_the_kernel_alive_shows_no_alarm_and_the_views_answer_again(class_app, relay, page):
    kernel_id, view = open_lesson(page, relay.url)
    time.sleep(IDLE_TIMEOUT + 2)       # quiet for longer than IDLE_TIMEOUT: the drop alone must not end the kernel
    relay.pause()
    time.sleep(3)
    relay.resume()
    time.sleep(3 * CULL_INTERVAL + SAID_WITHIN)
    assert page.locator(NOTICE).count() == 0, ("a short drop with the kernel alive must show no alarm:\n"
                                               + class_app.log(tail=3000))
    assert kernel_exists(class_app, kernel_id)
    poke_first_slider(view)            # the page's connection came back: the views answer
    assert page.locator(NOTICE).count() == 0
    shoot(page, "app-seat-short-drop")


def warm_pool(server, gone=None, timeout=180):
    """The kernels Voilà holds pre-heated, once there are SEATS of them, each has run the lesson and ``gone`` is not
    among them: the running kernels it has not handed out (its log names those)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = server.log(tail=10**7)
        pool = [k for k in app.kernel_processes(server) if f"Using pre-heated kernel: {k}" not in log]
        models = [app.kernel_model(server, k) for k in pool]
        warm = all(m and m["execution_state"] == "idle" and app.quiet_for(m) >= app.QUIET for m in models)
        if len(pool) == SEATS and gone not in pool and warm:
            return pool
        time.sleep(0.5)
    raise TimeoutError(f"no warm pool of {SEATS} within {timeout} s:\n{server.log()}")


def test_a_pre_heated_kernel_that_dies_is_replaced_and_the_next_student_gets_a_working_one(class_app, page):
    dead = warm_pool(class_app)[0]
    os.kill(app.kernel_processes(class_app)[dead].pid, signal.SIGKILL)
    warm_pool(class_app, gone=dead)       # replaced: SEATS warm kernels again, the dead one not among them
    assert "restarting kernel" not in class_app.log(tail=10**7)
    for _ in range(SEATS):                  # every seat of the pool, the replacement among them, answers
        kernel_id, view = open_lesson(page, class_app.url)
        assert kernel_id != dead
        poke_first_slider(view)
