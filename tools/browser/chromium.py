"""Debian's Chromium driven by Playwright: the executable, its flags, and one way to start it.

Flags: headless, no sandbox, no GPU, none of Chromium's own background traffic. ``offline``
adds a host resolver that resolves no name but 127.0.0.1, so a page that reaches further fails.
"""
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
OFFLINE_ARGS = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 60_000                # Playwright's default time limit for one action of a context


def launch(playwright, profile=None, offline=False, executable=CHROMIUM, viewport=VIEWPORT):
    """A browser context of a new headless Chromium (sync API): with a profile on disk when ``profile``
    (a directory) is given, as a learner's browser keeps its cache; else a fresh in-memory one.
    Close it with ``context.close()`` (with a profile) or ``context.browser.close()``."""
    args = OFFLINE_ARGS if offline else CHROMIUM_ARGS
    if profile is not None:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=args, viewport=viewport)
    else:
        context = playwright.chromium.launch(executable_path=executable, headless=True,
                                             args=args).new_context(viewport=viewport)
    context.set_default_timeout(TIMEOUT_MS)
    return context
