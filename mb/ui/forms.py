"""Showing a service's verdict on a form: each message beside its field, nothing typed is lost."""

from collections.abc import Mapping
from typing import Any

from nicegui import ui
from nicegui.elements.mixins.validation_element import ValidationElement

from mb.domain.errors import DomainError, InvalidInput
from mb.ui.i18n import t


def clear_errors(fields: Mapping[str, ValidationElement[Any]]) -> None:
    for element in fields.values():
        element.error = None


def show_error(error: DomainError, fields: Mapping[str, ValidationElement[Any]], summary: ui.label) -> None:
    """Put each field's message under that field; anything else goes in the summary line."""
    clear_errors(fields)
    if isinstance(error, InvalidInput):
        leftovers = []
        for name, message in error.fields.items():
            if name in fields:
                fields[name].error = t(message)
            else:
                leftovers.append(t(message))
        summary.text = " ".join(leftovers) or t("Please correct the highlighted fields.")
    else:
        summary.text = t(error.message)
    summary.set_visibility(True)


def summary_label() -> ui.label:
    """A hidden line for form-level messages, announced to screen readers when it appears."""
    label = ui.label().classes("text-red-800 font-medium").props('role="alert"').mark("form-error")
    label.set_visibility(False)
    return label
