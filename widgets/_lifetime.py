"""A view's life in a kernel: running a cell again closes the views that cell made the time before.

JupyterLab names the cell in the execute request's metadata (``cellId``); other front
ends (nbclient, Voilà, the classic notebook) are told apart by the cell's code. Views
made by one run of a cell live together; the next run of that cell closes them: their
figures, every widget in them (layouts and styles too) and every observer. Outside a
kernel a view replaces nothing.
"""
import gc

import ipywidgets as widgets

_LAST_RUN = {}          # cell → (id of the request that ran it, [the views that run made])


def current_run():
    """(cell, request id) of the cell a kernel is running now, or None outside a cell of a kernel."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    kernel = getattr(get_ipython(), "kernel", None)
    if kernel is None:
        return None
    parent = kernel.get_parent() if hasattr(kernel, "get_parent") else getattr(kernel, "_parent_header", {})
    header = parent.get("header", {}) if isinstance(parent, dict) else {}    # other kernels: replace nothing
    if header.get("msg_type") != "execute_request":
        return None                                   # e.g. a button's callback: not a cell being run
    cell = parent.get("metadata", {}).get("cellId") or parent.get("content", {}).get("code")
    return (cell, header.get("msg_id")) if cell else None


def replace_previous(view):
    """Close the views made by the previous run of the cell now running; remember ``view`` as this run's."""
    run = current_run()
    if run is None:
        return
    cell, request = run
    last_request, views = _LAST_RUN.get(cell, (None, []))
    if last_request != request:
        for old in views:
            old.close()
        if views:
            gc.collect()                              # free their figures now, before the new one is drawn
        views = []
    _LAST_RUN[cell] = (request, views + [view])


def widget_tree(root):
    """Every widget reachable from ``root`` through its synced traits (children, layout, style, toolbar …)."""
    found, todo = {}, [root]
    while todo:
        widget = todo.pop()
        if id(widget) in found:
            continue
        found[id(widget)] = widget
        for name in widget.keys:
            value = getattr(widget, name, None)
            todo.extend(v for v in (value if isinstance(value, (list, tuple)) else [value])
                        if isinstance(v, widgets.Widget))
    return list(found.values())


def close_widgets(roots):
    """Close every widget under ``roots`` (its comm: no click or change can arrive) and drop its observers."""
    for widget in {id(w): w for root in roots for w in widget_tree(root)}.values():
        widget.unobserve_all()
        widgets.Widget.close(widget)              # the widget's own close, not a view's (which calls this)

