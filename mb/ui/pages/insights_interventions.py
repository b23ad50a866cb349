"""`/insights/interventions`: how the youth's risk score moved in the 14 days after each kind of
intervention — improved, unchanged, worsened — over the last year."""

from datetime import date
from typing import Any

from nicegui import ui

from mb.domain.model.insight_views import InterventionEffect
from mb.domain.services.insights import EFFECT_WINDOW_DAYS, FOLLOW_UP_DAYS
from mb.ui.i18n import t
from mb.ui.pages.insights_figures import Column, Figures, chart, csv_button, numbers_table, section
from mb.ui.pages.insights_header import insights_page
from mb.ui.pages.risk_text import kind_text
from mb.ui.services import services

BAR = 36  # px per kind
OUTCOME_COLOURS = ["#1b5e20", "#37474f", "#b71c1c"]  # improved, unchanged, worsened


async def page() -> None:
    opened = await insights_page("/insights/interventions", "Intervention effectiveness")
    if opened is None:
        return
    actor, freshness = opened
    effects = await services().insights.interventions(actor)
    ui.label(
        t(
            "Interventions of the last {days} days. Each is measured by the youth's risk score on its day "
            "and {after} days later, once both are known; a fall in the score is an improvement.",
            days=EFFECT_WINDOW_DAYS,
            after=FOLLOW_UP_DAYS,
        )
    ).classes("text-sm text-gray-700")
    if not effects:
        ui.label(t("No interventions have been logged in that time.")).mark("interventions-empty")
        return
    with section("Risk after an intervention, by kind", "interventions-section"):
        if any(effect.measured for effect in effects):
            chart(_options(effects), 80 + BAR * len(effects), "interventions")
        else:
            ui.label(
                t(
                    "None can be measured yet: the scores {after} days after them are not in.",
                    after=FOLLOW_UP_DAYS,
                )
            ).mark("interventions-unmeasured")
        figures = effect_figures(effects, freshness.day)
        numbers_table(figures)
        csv_button(figures)


def effect_figures(effects: list[InterventionEffect], day: date | None) -> Figures:
    columns = (
        Column("Kind"),
        Column("Interventions", 0),
        Column("Measured", 0),
        Column("Average risk change", 2),
        Column("Improved", 0),
        Column("Unchanged", 0),
        Column("Worsened", 0),
    )
    rows = tuple(
        (
            kind_text(e.kind),
            e.interventions,
            e.measured,
            e.average_change,
            e.improved,
            e.unchanged,
            e.worsened,
        )
        for e in effects
    )
    return Figures("insights-interventions", columns, rows, day)


def _options(effects: list[InterventionEffect]) -> dict[str, Any]:
    """The measured interventions of each kind, split by how the score moved."""
    outcomes = {
        t("Improved"): [e.improved for e in effects],
        t("Unchanged"): [e.unchanged for e in effects],
        t("Worsened"): [e.worsened for e in effects],
    }
    return {
        "tooltip": {"trigger": "axis"},
        "color": OUTCOME_COLOURS,
        "legend": {"data": list(outcomes), "bottom": 0},
        "grid": {"containLabel": True, "left": 8, "right": 16, "top": 8, "bottom": 48},
        "xAxis": {"type": "value", "minInterval": 1},
        "yAxis": {"type": "category", "inverse": True, "data": [kind_text(e.kind) for e in effects]},
        "series": [
            {"name": name, "type": "bar", "stack": "measured", "data": counts}
            for name, counts in outcomes.items()
        ],
    }
