"""Patching the built site's JavaScript: each change must find exactly what it replaces, or the build fails."""
from . import sources


def replace_exactly(site, path, pairs, times, what, also_ok=True):
    """Replace each (old, new) of ``pairs`` in ``path``, which must hold each ``old`` exactly ``times`` times (and
    meet ``also_ok``); otherwise fail, saying the file is not ``what`` the build patches."""
    text = path.read_text()
    if not also_ok or any(text.count(old) != times for old, _ in pairs):
        raise sources.SourceError(f"{path.relative_to(site)} is not {what}")
    for old, new in pairs:
        text = text.replace(old, new)
    path.write_text(text)
