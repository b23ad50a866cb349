"""`/insights/funnel`: how many youth reached each step from registering to a placement, for the
whole programme or per region or cohort, and where they fall away."""

from datetime import date
from typing import Any

from nicegui import ui

from mb.domain.model.insight_views import FunnelGroup, FunnelGrouping, FunnelStage
from mb.domain.model.user import Actor
from mb.ui.i18n import t
from mb.ui.pages.insights_figures import Column, Figures, chart, csv_button, numbers_table, section
from mb.ui.pages.insights_header import insights_page
from mb.ui.pages.insights_text import GROUPINGS, region_text, stage_text
from mb.ui.services import services

BAR = 14  # px per bar: six stages a group
# One colour a stage, each 3:1 or more against white as WCAG asks of graphics; the legend names them.
STAGE_COLOURS = ["#0b5394", "#1b5e20", "#b71c1c", "#6a1b9a", "#8a4b00", "#37474f"]


async def page() -> None:
    opened = await insights_page("/insights/funnel", "Mobilisation funnel")
    if opened is None:
        return
    actor, freshness = opened
    if freshness.day is None:
        return  # the header has said how figures appear
    await FunnelView(actor, freshness.day).show()


class FunnelView:
    """One per tab: the grouping chosen."""

    def __init__(self, actor: Actor, day: date) -> None:
        self.actor = actor
        self.day = day
        self.grouping = FunnelGrouping.NONE

    async def show(self) -> None:
        ui.toggle(
            {grouping.value: t(text) for grouping, text in GROUPINGS.items()},
            value=self.grouping.value,
            on_change=self.regroup,
        ).props('no-caps aria-label="' + t("Group the funnel") + '"').mark("funnel-grouping")
        await self.funnel()

    async def regroup(self, event: Any) -> None:
        self.grouping = FunnelGrouping(event.value)
        await self.funnel.refresh()

    @ui.refreshable_method
    async def funnel(self) -> None:
        groups = await services().insights.funnel(self.actor, self.grouping)
        if not any(group.registered for group in groups):
            ui.label(t("No youth were counted on the latest day.")).mark("funnel-empty")
            return
        with section("Youth at each stage", "funnel-section"):
            if self.grouping is FunnelGrouping.NONE:
                chart(_whole_programme(groups[0]), 60 + BAR * 3 * len(FunnelStage), "funnel")
            else:
                chart(_grouped(groups, self.grouping), 80 + BAR * len(FunnelStage) * len(groups), "funnel")
            figures = funnel_figures(groups, self.grouping, self.day)
            numbers_table(figures)
            csv_button(figures)
            ui.label(
                t(
                    "Each stage counts everyone who reached it, in whatever order, so a stage can hold "
                    "more youth than the one before it."
                )
            ).classes("text-sm text-gray-700")


def funnel_figures(groups: list[FunnelGroup], grouping: FunnelGrouping, day: date) -> Figures:
    grouped = grouping is not FunnelGrouping.NONE
    columns = (
        *((Column("Region" if grouping is FunnelGrouping.REGION else "Cohort"),) if grouped else ()),
        Column("Stage"),
        Column("Youth", 0),
        Column("Conversion from the previous stage (%)", 1),
        Column("Share of registered (%)", 1),
    )
    rows = tuple(
        (
            *((_group_name(group),) if grouped else ()),
            stage_text(step.stage),
            step.youth,
            step.conversion,
            step.share_of_registered,
        )
        for group in groups
        for step in group.steps
    )
    return Figures(f"insights-funnel-{grouping.value}", columns, rows, day)


def _whole_programme(group: FunnelGroup) -> dict[str, Any]:
    """The stages as bars from the top down, each labelled with its count."""
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"containLabel": True, "left": 8, "right": 48, "top": 8, "bottom": 8},
        "xAxis": {"type": "value", "minInterval": 1},
        "yAxis": {"type": "category", "inverse": True, "data": [stage_text(s.stage) for s in group.steps]},
        "series": [
            {
                "name": t("Youth"),
                "type": "bar",
                "data": [s.youth for s in group.steps],
                "label": {"show": True, "position": "right"},
            }
        ],
    }


def _grouped(groups: list[FunnelGroup], grouping: FunnelGrouping) -> dict[str, Any]:
    """One row of bars per group, one bar per stage."""
    stages = list(FunnelStage)
    return {
        "tooltip": {"trigger": "axis"},
        "color": STAGE_COLOURS,
        "legend": {"data": [stage_text(s) for s in stages], "bottom": 0},
        "grid": {"containLabel": True, "left": 8, "right": 16, "top": 8, "bottom": 64},
        "xAxis": {"type": "value", "minInterval": 1},
        "yAxis": {"type": "category", "inverse": True, "data": [_group_name(g) for g in groups]},
        "series": [
            {"name": stage_text(stage), "type": "bar", "data": [g.steps[i].youth for g in groups]}
            for i, stage in enumerate(stages)
        ],
    }


def _group_name(group: FunnelGroup) -> str:
    return region_text(group.name) if group.grouping is FunnelGrouping.REGION else group.name
