"""The plain tables of the survey pages: they scroll sideways on a phone, and long ones page."""

from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager

from nicegui import ui

from mb.ui.i18n import t
from mb.ui.scrolling import scroller

LEFT = "px-2 py-1 text-left align-top border-b border-gray-300"
RIGHT = "px-2 py-1 text-right align-top border-b border-gray-300"


@contextmanager
def table(headings: Sequence[str], numbers_from: int | None = None) -> Iterator[ui.element]:
    """A table with `headings` (already in the reader's language); rows are added inside the `with`.
    Columns from `numbers_from` on hold numbers and are aligned right."""
    with (
        scroller(),
        ui.element("table").classes("w-full border-collapse text-sm") as element,
    ):
        with ui.element("thead"), ui.element("tr"):
            for index, heading in enumerate(headings):
                with ui.element("th").classes(_align(index, numbers_from)):
                    ui.label(heading)
        with ui.element("tbody"):
            yield element


def cells(texts: Sequence[str], numbers_from: int | None = None, first: int = 0) -> None:
    """Cells of plain text (never HTML) in the current row; `first` is the first one's column."""
    for index, text in enumerate(texts, start=first):
        with ui.element("td").classes(_align(index, numbers_from)):
            ui.label(text)


def cell() -> ui.element:
    """An empty cell to put widgets in."""
    return ui.element("td").classes(LEFT)


def pager(marker: str, offset: int, page: int, total: int, turn: Callable[[int], Awaitable[None]]) -> None:
    """Previous and Next, and where the reader is; `turn(step)` moves by `step` rows (back if < 0)."""
    last = min(offset + page, total)
    with ui.row().classes("items-center gap-4"):
        ui.label(t("{first}–{last} of {total}", first=offset + 1, last=last, total=total)).props(
            'aria-live="polite"'
        ).mark(f"{marker}-range")
        previous = ui.button(t("Previous"), on_click=lambda: turn(-page)).props("flat")
        following = ui.button(t("Next"), on_click=lambda: turn(page)).props("flat")
        previous.mark(f"{marker}-previous").set_enabled(offset > 0)
        following.mark(f"{marker}-next").set_enabled(last < total)


def _align(index: int, numbers_from: int | None) -> str:
    return RIGHT if numbers_from is not None and index >= numbers_from else LEFT
