"""The at-risk board's rows: who, how at risk and why, the trend, and the last contact."""

from collections.abc import Awaitable, Callable, Sequence

from nicegui import ui

from mb.domain.model.insights import BoardRow
from mb.domain.model.regions import REGIONS
from mb.ui.i18n import t
from mb.ui.pages.risk_text import contact_text, days_text, level_badge, reason_list, trend_text
from mb.ui.scrolling import scroller

CELL = "px-2 py-2 text-left align-top border-b border-gray-300"
# Worse is red, better green; both 4.5:1 or more on white, and the arrow and words say it too.
TREND_COLOURS = {1: "text-red-800", -1: "text-green-800", 0: "text-gray-700"}

Log = Callable[[BoardRow], Awaitable[None]]


def board_table(rows: Sequence[BoardRow], with_mentor: bool, log: Log) -> None:
    headings = ["Youth", "Region", *(["Mentor"] if with_mentor else []), "Risk", "Reasons", "Trend"]
    headings += ["Inactive", "Last contact"]
    with scroller(), ui.element("table").classes("w-full border-collapse").mark("board-table"):
        with ui.element("thead"), ui.element("tr"):
            for heading in headings:
                with ui.element("th").classes(CELL).props('scope="col"'):
                    ui.label(t(heading))
            with ui.element("th").classes(CELL).props('scope="col"'):
                ui.label(t("Actions")).classes("sr-only")
        with ui.element("tbody"):
            for row in rows:
                board_row(row, with_mentor, log)


def board_row(row: BoardRow, with_mentor: bool, log: Log) -> None:
    with ui.element("tr").mark(f"board-row-{row.user_id}"):
        with ui.element("td").classes(CELL):
            ui.link(row.full_name, f"/youth/{row.user_id}").classes("font-medium").mark("board-youth")
            ui.label(row.student_id).classes("font-mono text-sm whitespace-nowrap")
        with ui.element("td").classes(f"{CELL} text-sm"):
            ui.label(t(REGIONS.get(row.region, row.region)))
        if with_mentor:
            with ui.element("td").classes(f"{CELL} text-sm"):
                ui.label(row.mentor_name or t("No mentor yet")).mark("board-mentor")
        with ui.element("td").classes(CELL):
            level_badge(row.level, row.score)
        with ui.element("td").classes(f"{CELL} min-w-[14rem]"):
            reason_list(row.reasons)
        with ui.element("td").classes(f"{CELL} text-sm"):
            direction = 0 if not row.trend else (1 if row.trend > 0 else -1)
            ui.label(trend_text(row.trend)).classes(TREND_COLOURS[direction]).mark("board-trend")
        with ui.element("td").classes(f"{CELL} text-sm whitespace-nowrap"):
            ui.label(days_text(row.days_inactive)).mark("board-inactive")
        with ui.element("td").classes(f"{CELL} text-sm"):
            ui.label(contact_text(row.last_contact)).mark("board-contact")
        with ui.element("td").classes(CELL):
            button = ui.button(t("Log intervention"), icon="edit_note", on_click=lambda: log(row)).props(
                "outline dense"
            )
            button.props["aria-label"] = t("Log an intervention for {name}", name=row.full_name)
            button.mark(f"log-intervention-{row.user_id}")
