"""`/insights/modules`: how well each module works — learners, completions, completion rate and
its rating, average progress, median days to complete — sortable, with a chart of the rates."""

from collections.abc import Callable
from typing import Any

from nicegui import ui

from mb.domain.model.insight_views import ModuleEffectiveness
from mb.domain.model.user import Actor
from mb.domain.rules.module_effectiveness import HIGH_FROM, MEDIUM_FROM
from mb.ui.i18n import t
from mb.ui.pages.insights_figures import Column, Figures, chart, csv_button, numbers_table, section
from mb.ui.pages.insights_header import insights_page
from mb.ui.pages.insights_text import rating_text
from mb.ui.services import services

BAR = 28  # px per module in the chart
SortKey = Callable[[ModuleEffectiveness], str | float | None]
SORTS: dict[str, tuple[str, SortKey]] = {
    "completion_rate": ("Completion rate", lambda m: m.completion_rate),
    "learners": ("Learners", lambda m: m.learners),
    "completed": ("Completed", lambda m: m.completed),
    "average_progress": ("Average progress", lambda m: m.average_progress),
    "median_days": ("Median days to complete", lambda m: m.median_days_to_complete),
    "title": ("Module", lambda m: m.title.casefold()),
    "code": ("Code", lambda m: m.code.casefold()),
}
ORDERS = {"ascending": "Lowest first (A to Z)", "descending": "Highest first (Z to A)"}


async def page() -> None:
    opened = await insights_page("/insights/modules", "Module effectiveness", at_sync=True)
    if opened is None:
        return
    actor, _ = opened
    await ModulesView(actor).show()


class ModulesView:
    """One per tab: the modules as loaded and the order chosen (sorted here: a catalogue is short)."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.sort = "completion_rate"
        self.order = "ascending"  # the modules that need improvement first
        self.modules: list[ModuleEffectiveness] = []

    async def show(self) -> None:
        self.modules = await services().insights.modules(self.actor)
        ui.label(
            t(
                "Completion rate: completed of the learners assigned (withdrawn ones left out). High from "
                "{high} %, Medium from {medium} %, below that Needs improvement.",
                high=f"{HIGH_FROM:.0f}",
                medium=f"{MEDIUM_FROM:.0f}",
            )
        ).classes("text-sm text-gray-700")
        if not self.modules:
            ui.label(t("No active modules yet.")).mark("modules-empty")
            return
        with section("Completion rate by module", "modules-chart-section"):
            rated = [m for m in self.modules if m.completion_rate is not None]
            if rated:
                chart(_options(rated), 40 + BAR * len(rated), "modules")
            else:
                ui.label(t("No module has learners yet."))
        with section("Modules", "modules-section"):
            with ui.row().classes("gap-4 items-end"):
                ui.select(
                    {key: t(label) for key, (label, _) in SORTS.items()},
                    label=t("Sort by"),
                    value=self.sort,
                    on_change=self.sorted_by,
                ).classes("min-w-[14rem]").mark("modules-sort")
                ui.select(
                    {key: t(label) for key, label in ORDERS.items()},
                    label=t("Order"),
                    value=self.order,
                    on_change=self.ordered,
                ).classes("min-w-[14rem]").mark("modules-order")
            self.table()

    async def sorted_by(self, event: Any) -> None:
        self.sort = str(event.value)
        await self.table.refresh()

    async def ordered(self, event: Any) -> None:
        self.order = str(event.value)
        await self.table.refresh()

    @ui.refreshable_method
    def table(self) -> None:
        column, _ = SORTS.get(self.sort, SORTS["completion_rate"])
        ui.label(t("Sorted by {column}: {order}.", column=t(column), order=t(ORDERS[self.order]))).classes(
            "text-sm text-gray-700"
        ).props('aria-live="polite"').mark("modules-sorted")
        figures = module_figures(in_order(self.modules, self.sort, self.order == "descending"))
        numbers_table(figures)
        csv_button(figures)


def in_order(modules: list[ModuleEffectiveness], sort: str, descending: bool) -> list[ModuleEffectiveness]:
    """Sorted by `sort`, ties by code; modules without the figure (no learners, nobody finished)
    last either way."""
    _, key = SORTS.get(sort, SORTS["completion_rate"])
    by_code = sorted(modules, key=lambda m: m.code.casefold())
    known = [m for m in by_code if key(m) is not None]
    unknown = [m for m in by_code if key(m) is None]
    return sorted(known, key=lambda m: key(m) or 0, reverse=descending) + unknown


def module_figures(modules: list[ModuleEffectiveness]) -> Figures:
    columns = (
        Column("Code"),
        Column("Module"),
        Column("Sector"),
        Column("Rating"),
        Column("Learners", 0),
        Column("Completed", 0),
        Column("Completion rate (%)", 1),
        Column("Average progress (%)", 1),
        Column("Median days to complete", 1),
    )
    rows = tuple(
        (
            m.code,
            m.title,
            m.sector,
            rating_text(m.rating),
            m.learners,
            m.completed,
            m.completion_rate,
            m.average_progress,
            m.median_days_to_complete,
        )
        for m in modules
    )
    return Figures("insights-modules", columns, rows)


def _options(modules: list[ModuleEffectiveness]) -> dict[str, Any]:
    """Highest rate on top; the rating thresholds as lines."""
    ranked = sorted(modules, key=lambda m: (-(m.completion_rate or 0), m.code.casefold()))
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"containLabel": True, "left": 8, "right": 48, "top": 24, "bottom": 8},
        "xAxis": {"type": "value", "min": 0, "max": 100, "name": "%"},
        "yAxis": {"type": "category", "inverse": True, "data": [m.code for m in ranked]},
        "series": [
            {
                "name": t("Completion rate (%)"),
                "type": "bar",
                "data": [m.completion_rate for m in ranked],
                "label": {"show": True, "position": "right"},
                "markLine": {
                    "symbol": "none",
                    "lineStyle": {"color": "#37474f", "type": "dashed"},
                    # The category axis runs top down (inverse), so a line's start is at the top.
                    "label": {"formatter": "{c} %", "position": "start"},
                    "data": [{"xAxis": MEDIUM_FROM}, {"xAxis": HIGH_FROM}],
                },
            }
        ],
    }
