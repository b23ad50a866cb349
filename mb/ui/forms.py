"""Forms that show a service's verdict: each message beside its field, nothing typed is lost."""

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from nicegui import ui
from nicegui.elements.mixins.validation_element import ValidationElement

from mb.domain.errors import DomainError, InvalidInput
from mb.ui.i18n import t

Result = TypeVar("Result")


class Form:
    """Labelled fields, full width, with a hidden line for messages that belong to no field."""

    def __init__(self, fields: Mapping[str, ValidationElement[Any]]) -> None:
        self.fields = dict(fields)
        for element in self.fields.values():
            element.classes("w-full")
        self.summary = ui.label().classes("text-red-800 font-medium").props('role="alert"').mark("form-error")
        self.summary.set_visibility(False)

    def text(self, name: str) -> str:
        return str(self.fields[name].value or "")

    async def submit(self, action: Callable[[], Awaitable[Result]]) -> Result | None:
        """Run `action`; on a domain error show it and return None, keeping every value typed."""
        self._clear()
        try:
            return await action()
        except DomainError as error:
            self._show(error)
            return None

    def reset(self) -> None:
        for element in self.fields.values():
            element.value = ""

    def _clear(self) -> None:
        self.summary.set_visibility(False)
        for element in self.fields.values():
            element.error = None

    def _show(self, error: DomainError) -> None:
        if isinstance(error, InvalidInput):
            leftovers = []
            for name, message in error.fields.items():
                if name in self.fields:
                    self.fields[name].error = t(message)
                else:
                    leftovers.append(t(message))
            self.summary.text = " ".join(leftovers) or t("Please correct the highlighted fields.")
        else:
            self.summary.text = t(error.message)
        self.summary.set_visibility(True)
