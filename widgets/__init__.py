"""backprop.widgets: the live views of the course (ipywidgets + matplotlib)."""
