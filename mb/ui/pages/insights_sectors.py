"""`/insights/sectors`: how well the youth fit each sector — how many are Green, Amber or Red —
as a heatmap with its numbers in a table."""

from typing import Any

from nicegui import ui

from mb.domain.model.insight_views import FitBand, SectorHeatmap
from mb.ui.i18n import t
from mb.ui.pages.insights_figures import Column, Figures, chart, csv_button, numbers_table, section
from mb.ui.pages.insights_header import insights_page
from mb.ui.pages.insights_text import BANDS
from mb.ui.services import services

ROW = 32  # px per sector
# From white to a mid blue, light enough that black counts read on every cell (8:1 or more): the
# count is written in each cell, so the shade is never the only sign of it.
SCALE = ["#ffffff", "#cfe2f3", "#6fa8dc"]


async def page() -> None:
    opened = await insights_page("/insights/sectors", "Sector fit", at_sync=True)
    if opened is None:
        return
    actor, _ = opened
    heatmap = await services().insights.sectors(actor)
    ui.label(
        t(
            "Fit = 0.3 × interest + 0.5 × skill readiness + 0.2 × alignment of the modules taken, "
            "each out of 100. Green from 70, Amber from 50, Red below."
        )
    ).classes("text-sm text-gray-700")
    if not heatmap.sectors or not heatmap.youth:
        ui.label(t("No youth yet.") if heatmap.sectors else t("No active module names a sector yet.")).mark(
            "sectors-empty"
        )
        return
    with section("Youth by sector and fit", "sectors-section"):
        ui.label(t("{youth} youth, each counted once in every sector.", youth=heatmap.youth)).mark(
            "sectors-youth"
        )
        chart(_options(heatmap), 96 + ROW * len(heatmap.sectors), "sectors")
        figures = sector_figures(heatmap)
        numbers_table(figures)
        csv_button(figures)


def sector_figures(heatmap: SectorHeatmap) -> Figures:
    columns = (
        Column("Sector"),
        *(Column(BANDS[band], 0) for band in FitBand),
        Column("Average fit", 1),
    )
    rows = tuple((s.sector, s.green, s.amber, s.red, s.average_fit) for s in heatmap.sectors)
    return Figures("insights-sectors", columns, rows)


def _options(heatmap: SectorHeatmap) -> dict[str, Any]:
    sectors = [s.sector for s in heatmap.sectors]
    counts = [(s.green, s.amber, s.red) for s in heatmap.sectors]
    data = [[band, row, count] for row, by_band in enumerate(counts) for band, count in enumerate(by_band)]
    return {
        "tooltip": {"position": "top"},
        "grid": {"containLabel": True, "left": 8, "right": 8, "top": 8, "bottom": 56},
        "xAxis": {
            "type": "category",
            "data": [t(BANDS[band]) for band in FitBand],
            "splitArea": {"show": True},
        },
        "yAxis": {"type": "category", "data": sectors, "inverse": True, "splitArea": {"show": True}},
        "visualMap": {
            "min": 0,
            "max": max((max(row) for row in counts), default=0) or 1,
            "calculable": False,
            "orient": "horizontal",
            "left": "center",
            "bottom": 0,
            "inRange": {"color": SCALE},
        },
        "series": [
            {
                "name": t("Youth"),
                "type": "heatmap",
                "data": data,
                # Black with a white outline reads on every shade of the scale.
                "label": {
                    "show": True,
                    "color": "#000000",
                    "textBorderColor": "#ffffff",
                    "textBorderWidth": 2,
                },
            }
        ],
    }
