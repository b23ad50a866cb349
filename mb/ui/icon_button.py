"""A button that shows only an icon, yet has a name screen readers announce and a tooltip."""

from collections.abc import Callable
from typing import Any

from nicegui import ui


def icon_button(icon: str, label: str, on_click: Callable[..., Any]) -> ui.button:
    button = ui.button(icon=icon, on_click=on_click).props("flat round dense")
    button.props["aria-label"] = label  # set directly: a label may hold quotes
    button.tooltip(label)
    return button
