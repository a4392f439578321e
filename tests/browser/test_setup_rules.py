"""The rules around the browser tests that need no browser: the skip rule and `make app`'s usage."""
import subprocess

import pytest

from .conftest import require_chromium


def test_missing_chromium_skips_with_the_install_command(tmp_path):
    with pytest.raises(pytest.skip.Exception) as skipped:
        require_chromium(tmp_path / "chromium", environ={})
    assert "apt-get install -y chromium" in str(skipped.value)


def test_missing_chromium_fails_in_ci(tmp_path):
    with pytest.raises(pytest.fail.Exception) as failed:
        require_chromium(tmp_path / "chromium", environ={"CI": "true"})
    assert "apt-get install -y chromium" in str(failed.value)


def test_present_chromium_is_used(tmp_path):
    browser = tmp_path / "chromium"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)
    assert require_chromium(browser, environ={"CI": "true"}) == browser


@pytest.mark.parametrize("args", [[], ["LESSON=99"]], ids=["no LESSON", "unknown lesson"])
def test_make_app_names_its_usage(course_copy, args):
    done = subprocess.run(["make", "--no-print-directory", "app", *args], cwd=course_copy,
                          capture_output=True, text=True, timeout=30)
    assert done.returncode != 0
    assert "make app LESSON=04" in done.stdout


def test_make_app_serves_the_lesson_file_with_code_hidden(course_copy):
    done = subprocess.run(["make", "-n", "--no-print-directory", "app", "LESSON=04"], cwd=course_copy,
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 0
    assert 'nb="lessons/04_hidden_layer_blame.ipynb"' in done.stdout
    assert "--Voila.ip=127.0.0.1" in done.stdout and "--strip_sources=True" in done.stdout


def test_jupyterlab_sends_each_kernel_message_at_once(jupyterlab):
    """The course's server extension is linked: kernel websockets have Nagle's algorithm off (TCP_NODELAY)."""
    log = jupyterlab.log_path.read_text(errors="replace")
    assert "kernel websockets send each message at once (TCP_NODELAY)" in log, log[-2000:]
