"""A youth's risk on their page: the score now with its reasons, the last 30 days of it, and the
interventions logged for them."""

from collections.abc import Sequence

from nicegui import ui

from mb.domain.model.insights import AssessedFeatures
from mb.domain.model.intervention import Intervention
from mb.domain.model.user import Actor
from mb.ui.dates import shown_date, shown_moment
from mb.ui.i18n import t
from mb.ui.pages.intervention_dialog import InterventionDialog
from mb.ui.pages.risk_text import kind_text, level_badge, reason_list
from mb.ui.scrolling import scroller
from mb.ui.services import services

LINE_COLOUR = "#0b5394"  # 3:1 or more against white, as WCAG asks of graphics
CELL = "px-2 py-1 text-left border-b border-gray-300"


class YouthRiskPanel:
    """One per tab; redrawn after an intervention is logged."""

    def __init__(self, actor: Actor, youth_id: int, youth_name: str) -> None:
        self.actor = actor
        self.youth_id = youth_id
        self.youth_name = youth_name

    async def show(self) -> None:
        with ui.card().classes("w-full").mark("youth-risk"):
            ui.label(t("Risk and interventions")).classes("text-lg font-semibold").props(
                'role="heading" aria-level="2"'
            )
            await self.content()

    @ui.refreshable_method
    async def content(self) -> None:
        history = await services().insights.youth_risk(self.actor, self.youth_id)
        interventions = await services().interventions.for_youth(self.actor, self.youth_id)
        current_risk(history)
        if history:
            sparkline(history)
        with ui.row().classes("w-full items-center gap-3 pt-2"):
            ui.label(t("Interventions")).classes("font-semibold").props('role="heading" aria-level="3"')
            ui.button(t("Log intervention"), icon="edit_note", on_click=self.log).props("outline dense").mark(
                "log-intervention"
            )
        intervention_list(interventions)

    async def log(self) -> None:
        stored = await InterventionDialog(self.actor, self.youth_id, self.youth_name).run()
        if stored is not None:
            await self.content.refresh()


def current_risk(history: Sequence[AssessedFeatures]) -> None:
    if not history:
        ui.label(t("No risk figures for this youth yet: they appear after the next feature sync.")).mark(
            "youth-risk-none"
        )
        return
    latest = history[-1]
    with ui.row().classes("items-center gap-3"):
        level_badge(latest.risk.level, latest.risk.score)
        ui.label(t("as of {day}", day=shown_date(latest.features.feature_date))).classes("text-sm").mark(
            "youth-risk-day"
        )
    reason_list(latest.risk.reasons)


def sparkline(history: Sequence[AssessedFeatures]) -> None:
    """The score over the days shown, with the same numbers in a table one click away."""
    days = [shown_date(item.features.feature_date) for item in history]
    scores = [item.risk.score for item in history]
    title = t("Risk score, last {count} days", count=len(history))
    ui.echart(
        {
            "aria": {"enabled": True},
            "title": {"text": title, "textStyle": {"fontSize": 13}},
            "tooltip": {"trigger": "axis", "renderMode": "richText"},
            "grid": {"containLabel": True, "left": 8, "right": 8, "top": 32, "bottom": 8},
            "xAxis": {"type": "category", "data": days, "axisLabel": {"show": False}},
            "yAxis": {"type": "value", "min": 0, "max": 10, "interval": 5},
            "series": [{"type": "line", "data": scores, "color": LINE_COLOUR, "symbolSize": 4}],
        }
    ).classes("w-full").style("height: 140px").mark("youth-risk-chart")
    with (
        ui.expansion(t("Scores by day")).classes("w-full").mark("youth-risk-numbers"),
        scroller(),
        ui.element("table").classes("border-collapse text-sm"),
    ):
        with ui.element("thead"), ui.element("tr"):
            for heading in ("Day", "Score"):
                with ui.element("th").classes(CELL).props('scope="col"'):
                    ui.label(t(heading))
        with ui.element("tbody"):
            for day, score in zip(reversed(days), reversed(scores), strict=True):
                with ui.element("tr"):
                    with ui.element("td").classes(CELL):
                        ui.label(day)
                    with ui.element("td").classes(f"{CELL} text-right"):
                        ui.label(str(score)).mark("youth-risk-score")


def intervention_list(interventions: Sequence[Intervention]) -> None:
    """Newest first, as the service gives them."""
    if not interventions:
        ui.label(t("No interventions logged yet.")).mark("no-interventions")
        return
    with ui.element("ol").classes("w-full"):
        for intervention in interventions:
            with ui.element("li").classes("py-1 border-b border-gray-200").mark("intervention"):
                with ui.row().classes("gap-x-3 flex-wrap"):
                    ui.label(shown_moment(intervention.at)).classes("text-sm text-gray-700 whitespace-nowrap")
                    ui.label(kind_text(intervention.kind)).classes("font-medium").mark("logged-kind")
                if intervention.note:
                    ui.label(intervention.note).classes("whitespace-pre-line").mark("logged-note")
                if intervention.outcome:
                    ui.label(t("Outcome: {outcome}", outcome=intervention.outcome)).mark("logged-outcome")
