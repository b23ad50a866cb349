"""What a person sees when a page cannot be built: a message to act on, never a traceback."""

import functools
import logging
from collections.abc import Awaitable, Callable

from nicegui import ui

from mb.domain.errors import DomainError
from mb.ui.i18n import t

log = logging.getLogger("mb.ui")

Page = Callable[..., Awaitable[None]]
SOMETHING_WRONG = (
    "Something went wrong on our side. Please try again; if it keeps happening, tell the programme team."
)


def shown_safely(page: Page) -> Page:
    """Build `page` in its own column; if it fails, replace what it built with an explanation."""

    @functools.wraps(page)
    async def build(**arguments: object) -> None:
        with ui.column().classes("w-full gap-4") as content:
            try:
                await page(**arguments)
            except DomainError as error:
                log.warning("page.unavailable", extra={"page": page.__module__, "reason": error.message})
                _explain(content, error.message)
            except Exception:
                log.exception("page.failed", extra={"page": page.__module__})
                _explain(content, SOMETHING_WRONG)

    return build


def _explain(content: ui.column, message: str) -> None:
    content.clear()
    with content:
        ui.label(t(message)).classes("text-lg text-red-800").props('role="alert"').mark("page-error")
        ui.button(t("Try again"), on_click=ui.navigate.reload)
