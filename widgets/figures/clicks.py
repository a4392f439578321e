"""A click the browser reports: plot.js and graph.js send ``{"clicked": key}`` (anywidget's model.send) when a click
lands on something that carries a key; Python decides what the key means. A message per click, not a synced trait:
a second click on the same thing, after the view chose another one some other way, is heard too.
"""


class Clickable:
    """Mixed into a figure widget: ``on_click(callback)``."""

    def on_click(self, callback):
        """Call ``callback(key)``, a non-empty string, on every click the browser reports; anything else it sends is
        ignored."""
        def heard(widget, content, buffers):
            key = content.get("clicked") if isinstance(content, dict) else None
            if isinstance(key, str) and key:
                callback(key)
        self.on_msg(heard)
