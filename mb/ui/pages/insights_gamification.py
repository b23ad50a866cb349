"""`/insights/gamification`: badge earners against the other youth — how many, how active, how
much they complete. Refused while gamification is switched off."""

from datetime import date
from typing import Any

from nicegui import ui

from mb.domain.model.flags import Flag
from mb.domain.model.insight_views import GamificationImpact
from mb.ui.i18n import t
from mb.ui.pages.insights_figures import Column, Figures, chart, csv_button, numbers_table, section
from mb.ui.pages.insights_header import insights_page
from mb.ui.pages.survey_charts import COLOURS
from mb.ui.services import services

HERE = "/insights/gamification"


async def page() -> None:
    opened = await insights_page(HERE, "Gamification impact")
    if opened is None:
        return
    actor, freshness = opened
    if not await services().flags.is_enabled(Flag.GAMIFICATION):
        ui.label(
            t(
                "Points, badges and streaks are switched off, so their impact is not shown. An admin can "
                "switch gamification on in the feature flags on the system page."
            )
        ).classes("text-lg").props('role="status"').mark("gamification-off")
        return
    if freshness.day is None:
        return  # the header has said how figures appear
    impact = await services().insights.gamification(actor)
    ui.label(
        t(
            "A comparison on the latest day, not a cause: youth who learn more also earn more badges. "
            "Active days are counted over the last 30 days."
        )
    ).classes("text-sm text-gray-700")
    if not impact.badge_earners.youth + impact.others.youth:
        ui.label(t("No youth were counted on the latest day.")).mark("gamification-empty")
        return
    with section("Badge earners and the others", "gamification-section"):
        chart(_options(impact), 320, "gamification")
        figures = impact_figures(impact, freshness.day)
        numbers_table(figures)
        csv_button(figures)


def impact_figures(impact: GamificationImpact, day: date) -> Figures:
    columns = (
        Column("Group"),
        Column("Youth", 0),
        Column("Average active days (of the last 30)", 1),
        Column("Completion rate (%)", 1),
    )
    earners, others = impact.badge_earners, impact.others
    rows = (
        (t("Badge earners"), earners.youth, earners.average_active_days_30, earners.completion_rate),
        (t("Others"), others.youth, others.average_active_days_30, others.completion_rate),
        (
            t("Difference (earners minus others)"),
            None,
            impact.active_days_difference,
            impact.completion_rate_difference,
        ),
    )
    return Figures("insights-gamification", columns, rows, day)


def _options(impact: GamificationImpact) -> dict[str, Any]:
    """Two measures on their own axes: days (0-30) and a rate (0-100 %)."""
    earners, others = impact.badge_earners, impact.others
    days, rate = t("Average active days (of the last 30)"), t("Completion rate (%)")
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": [t("Badge earners"), t("Others")], "bottom": 0},
        "grid": [
            {"containLabel": True, "left": 8, "right": "54%", "top": 32, "bottom": 48},
            {"containLabel": True, "left": "54%", "right": 8, "top": 32, "bottom": 48},
        ],
        "xAxis": [
            {"type": "category", "data": [days], "gridIndex": 0},
            {"type": "category", "data": [rate], "gridIndex": 1},
        ],
        "yAxis": [
            {"type": "value", "min": 0, "max": 30, "gridIndex": 0},
            {"type": "value", "min": 0, "max": 100, "gridIndex": 1},
        ],
        "series": [
            *_bars(t("Badge earners"), COLOURS[0], earners.average_active_days_30, earners.completion_rate),
            *_bars(t("Others"), COLOURS[1], others.average_active_days_30, others.completion_rate),
        ],
    }


def _bars(name: str, colour: str, days: float, rate: float) -> list[dict[str, Any]]:
    """One group's bar on each axis, in one colour so the legend names both."""
    return [
        {
            "name": name,
            "type": "bar",
            "xAxisIndex": axis,
            "yAxisIndex": axis,
            "data": [value],
            "itemStyle": {"color": colour},
            "label": {"show": True, "position": "top"},
        }
        for axis, value in enumerate((days, rate))
    ]
