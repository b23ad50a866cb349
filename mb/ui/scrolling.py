"""A box that lets a wide table scroll sideways inside it, so the page itself never does on a phone."""

from nicegui import ui

# `relative` keeps absolutely placed descendants (a screen-reader-only heading, say) inside the box,
# where they are clipped with the table instead of widening the page.
SCROLLER = "relative w-full max-w-full overflow-x-auto"


def scroller() -> ui.element:
    """Put a table inside the `with`; the box is as wide as its parent and scrolls what sticks out."""
    return ui.element("div").classes(SCROLLER)
