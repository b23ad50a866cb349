"""`/insights`: the programme at a glance — key figures with their change over 7 days, and
90-day trends of activity, completion and risk."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from nicegui import ui

from mb.domain.model.insight_reports import Overview
from mb.domain.model.insights import DayTotals
from mb.domain.model.risk import RiskLevel
from mb.ui.i18n import t
from mb.ui.pages.insights_figures import Column, Figures, chart, chart_numbers, csv_button, section
from mb.ui.pages.insights_header import insights_page
from mb.ui.pages.insights_text import change_text
from mb.ui.pages.risk_text import LEVELS
from mb.ui.services import services

DAY = Column("Day")
LEVEL_COLOURS = {RiskLevel.HIGH: "#b71c1c", RiskLevel.MEDIUM: "#8a4b00", RiskLevel.LOW: "#1b5e20"}
LEVEL_COUNTS: dict[RiskLevel, Callable[[DayTotals], float]] = {
    RiskLevel.HIGH: lambda d: d.high,
    RiskLevel.MEDIUM: lambda d: d.medium,
    RiskLevel.LOW: lambda d: d.low,
}
CHART_HEIGHT = 300


@dataclass(frozen=True)
class KeyFigure:
    marker: str
    label: str  # English
    value: float
    week_before: float | None  # None: no figures stored for that day
    decimals: int = 0
    unit: str = ""  # after the value, e.g. " %"
    change_unit: str = ""  # after the change, e.g. " points"

    @property
    def change(self) -> float | None:
        return None if self.week_before is None else self.value - self.week_before


async def page() -> None:
    opened = await insights_page("/insights", "Programme overview")
    if opened is None:
        return
    actor, _ = opened
    overview = await services().insights.overview(actor)
    if overview.latest is None:
        return  # the header has said how figures appear
    figures = key_figures(overview, overview.latest)
    key_figure_cards(figures)
    csv_button(key_figures_table(figures, overview), "Download the key figures (CSV)")
    trends(overview.trend, overview)


def key_figures(overview: Overview, latest: DayTotals) -> list[KeyFigure]:
    before = overview.week_before

    def then(pick: Callable[[DayTotals], float]) -> float | None:
        return None if before is None else pick(before)

    def completion(totals: DayTotals) -> float:
        return round(totals.completion_rate, 1)  # the change is taken between the figures shown

    return [
        KeyFigure("youth", "Youth enrolled", latest.youth, then(lambda d: d.youth)),
        KeyFigure(
            "active", "Active in the last 7 days", latest.active_7_days, then(lambda d: d.active_7_days)
        ),
        KeyFigure(
            "completion",
            "Completion rate",
            completion(latest),
            then(completion),
            decimals=1,
            unit=" %",
            change_unit=" points",
        ),
        *(
            KeyFigure(level.value, f"{LEVELS[level]} risk", count(latest), then(count))
            for level, count in LEVEL_COUNTS.items()
        ),
        KeyFigure(
            "interventions",
            "Interventions in the last 30 days",
            overview.interventions_30_days,
            overview.interventions_30_days_week_before,
        ),
    ]


def key_figure_cards(figures: Sequence[KeyFigure]) -> None:
    with ui.element("dl").classes("w-full grid grid-cols-2 sm:grid-cols-4 gap-2").mark("insights-kpis"):
        for figure in figures:
            with ui.element("div").classes("border border-gray-300 rounded p-2 bg-white"):
                with ui.element("dt"):
                    ui.label(t(figure.label)).classes("text-sm")
                with ui.element("dd"):
                    ui.label(f"{figure.value:.{figure.decimals}f}{figure.unit}").classes(
                        "text-2xl font-semibold"
                    ).mark(f"kpi-{figure.marker}")
                    ui.label(change_text(figure.change, figure.decimals, t(figure.change_unit))).classes(
                        "text-sm text-gray-700"
                    ).mark(f"kpi-{figure.marker}-change")


def key_figures_table(figures: Sequence[KeyFigure], overview: Overview) -> Figures:
    columns = (Column("Figure"), Column("Value", 1), Column("7 days before", 1), Column("Change", 1))
    rows = tuple((t(f.label), f.value, f.week_before, f.change) for f in figures)
    return Figures("insights-key-figures", columns, rows, overview.day)


def trends(days: Sequence[DayTotals], overview: Overview) -> None:
    labels = [d.day.isoformat() for d in days]
    with section("Active youth, last 90 days", "insights-active-trend"):
        youth, active = t("Youth enrolled"), t("Active in the last 7 days")
        chart(
            _lines(labels, {youth: [d.youth for d in days], active: [d.active_7_days for d in days]}),
            CHART_HEIGHT,
            "insights-active",
        )
        chart_numbers(
            Figures(
                "insights-active-youth",
                (DAY, Column("Youth enrolled", 0), Column("Active in the last 7 days", 0)),
                tuple((d.day.isoformat(), d.youth, d.active_7_days) for d in days),
                overview.day,
            )
        )
    with section("Completion rate, last 90 days", "insights-completion-trend"):
        rate = t("Completion rate (%)")
        options = _lines(labels, {rate: [round(d.completion_rate, 1) for d in days]})
        options["yAxis"] = {"type": "value", "name": "%", "min": 0, "max": 100}
        chart(options, CHART_HEIGHT, "insights-completion")
        chart_numbers(
            Figures(
                "insights-completion-rate",
                (
                    DAY,
                    Column("Modules assigned", 0),
                    Column("Modules completed", 0),
                    Column("Completion rate (%)", 1),
                ),
                tuple(
                    (d.day.isoformat(), d.modules_assigned, d.modules_completed, d.completion_rate)
                    for d in days
                ),
                overview.day,
            )
        )
    with section("Youth at risk by level, last 90 days", "insights-risk-trend"):
        by_level = {t(LEVELS[level]): [count(d) for d in days] for level, count in LEVEL_COUNTS.items()}
        options = _lines(labels, by_level)
        options["color"] = [LEVEL_COLOURS[level] for level in LEVEL_COUNTS]
        chart(options, CHART_HEIGHT, "insights-risk")
        chart_numbers(
            Figures(
                "insights-risk-levels",
                (DAY, *(Column(LEVELS[level], 0) for level in LEVEL_COUNTS)),
                tuple((d.day.isoformat(), d.high, d.medium, d.low) for d in days),
                overview.day,
            )
        )


def _lines(days: list[str], series: Mapping[str, Sequence[float]]) -> dict[str, Any]:
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": list(series), "bottom": 0},
        "grid": {"containLabel": True, "left": 8, "right": 16, "top": 32, "bottom": 48},
        "xAxis": {"type": "category", "data": days},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {"name": name, "type": "line", "data": list(values), "showSymbol": len(days) < 40}
            for name, values in series.items()
        ],
    }
