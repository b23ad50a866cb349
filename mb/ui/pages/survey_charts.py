"""Charts of a survey's results, each with its numbers in a small table beside it.

Tooltips render as chart text (`richText`), not HTML: labels hold what survey authors wrote.
"""

from collections.abc import Sequence
from typing import Any

from nicegui import ui

from mb.domain.model.survey_views import DayProgress
from mb.ui.i18n import t
from mb.ui.pages.survey_tables import cells, table

COLOURS = ["#0b5394", "#1b5e20", "#b71c1c"]  # 3:1 or more against white, as WCAG asks of graphics
BAR_HEIGHT = 28


def chart_with_numbers(
    options: dict[str, Any], height: int, headings: Sequence[str], rows: Sequence[Sequence[str]], marker: str
) -> None:
    ui.echart({"aria": {"enabled": True}, "color": COLOURS, **options}).classes("w-full").style(
        f"height: {height}px"
    ).mark(f"{marker}-chart")
    with table(headings, numbers_from=1) as numbers:
        numbers.mark(f"{marker}-numbers")
        for row in rows:
            with ui.element("tr"):
                cells(row, numbers_from=1)


def rate_over_time(days: Sequence[DayProgress]) -> None:
    """Mail sent and answers each day as bars; the response rate so far as a line."""
    sent, answered, rate = t("Sent"), t("Answered"), t("Response rate so far (%)")
    options = {
        "tooltip": {"trigger": "axis", "renderMode": "richText"},
        "legend": {"data": [sent, answered, rate], "bottom": 0},
        "grid": {"containLabel": True, "left": 8, "right": 8, "top": 32, "bottom": 64},  # legend may wrap
        "xAxis": {"type": "category", "data": [d.day.isoformat() for d in days]},
        "yAxis": [
            {"type": "value", "name": t("People"), "minInterval": 1},
            {"type": "value", "name": "%", "min": 0, "max": 100},
        ],
        "series": [
            {"name": sent, "type": "bar", "data": [d.sent for d in days]},
            {"name": answered, "type": "bar", "data": [d.completed for d in days]},
            {"name": rate, "type": "line", "yAxisIndex": 1, "data": [d.cumulative_rate for d in days]},
        ],
    }
    rows = [(d.day.isoformat(), str(d.sent), str(d.completed), f"{d.cumulative_rate:.1f}") for d in days]
    chart_with_numbers(options, 320, (t("Day"), sent, answered, rate), rows, "rate")


def answer_counts(counts: Sequence[tuple[str, int]], marker: str) -> None:
    """How many chose each value, as horizontal bars: long option texts stay readable on a phone."""
    labels = [label for label, _ in counts]
    options = {
        "tooltip": {"trigger": "axis", "renderMode": "richText"},
        "grid": {"containLabel": True, "left": 8, "right": 32, "top": 8, "bottom": 8},
        "xAxis": {"type": "value", "minInterval": 1},
        "yAxis": {"type": "category", "data": labels, "inverse": True},
        "series": [
            {
                "name": t("Answers"),
                "type": "bar",
                "data": [count for _, count in counts],
                "label": {"show": True, "position": "right"},
            }
        ],
    }
    rows = [(label, str(count)) for label, count in counts]
    chart_with_numbers(options, 24 + BAR_HEIGHT * len(counts), (t("Answer"), t("Count")), rows, marker)
