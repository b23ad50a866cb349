"""The numbers behind an insights chart or table: shown as a plain table and downloadable as the
same rows in CSV, so every figure a chart draws is in reach as text."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from nicegui import ui

from mb.domain.rules.spreadsheet import Cell as SpreadsheetCell
from mb.domain.rules.spreadsheet import csv_bytes
from mb.ui.i18n import t
from mb.ui.pages.survey_charts import COLOURS
from mb.ui.pages.survey_tables import cells, table

Cell = str | int | float | None  # None: no figure (shown as a dash, left empty in the CSV)
NO_FIGURE = "—"


@dataclass(frozen=True)
class Column:
    heading: str  # English; translated where shown
    decimals: int | None = None  # None: a text column; else a number written with these decimals


@dataclass(frozen=True)
class Figures:
    name: str  # the table's marker (`<name>-numbers`) and the start of the CSV file's name
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    day: date | None = None  # the features' day the figures are as of, for the file's name

    @property
    def file_name(self) -> str:
        return f"{self.name}-{self.day.isoformat()}.csv" if self.day else f"{self.name}.csv"

    @property
    def headings(self) -> list[str]:
        return [t(column.heading) for column in self.columns]

    @property
    def numbers_from(self) -> int:
        """Text columns come first; the numbers after them are aligned right."""
        return next((i for i, c in enumerate(self.columns) if c.decimals is not None), len(self.columns))


def shown(cell: Cell, column: Column) -> str:
    if cell is None:
        return NO_FIGURE
    if isinstance(cell, str | int) or column.decimals is None:
        return str(cell)  # a count is a whole number in any column
    return f"{cell:.{column.decimals}f}"


def figures_csv(figures: Figures) -> bytes:
    """The programme's CSV (mb.domain.rules.spreadsheet): numbers with the decimals shown."""
    rows = (
        [_csv_cell(cell, column) for cell, column in zip(row, figures.columns, strict=True)]
        for row in figures.rows
    )
    return csv_bytes(figures.headings, rows)


def numbers_table(figures: Figures) -> None:
    """The rows as a table that scrolls sideways on a phone; each row marked `<name>-row`."""
    with table(figures.headings, numbers_from=figures.numbers_from) as element:
        element.mark(f"{figures.name}-numbers")
        for row in figures.rows:
            with ui.element("tr").mark(f"{figures.name}-row"):
                cells(
                    [shown(cell, column) for cell, column in zip(row, figures.columns, strict=True)],
                    numbers_from=figures.numbers_from,
                )


def csv_button(figures: Figures, label: str = "Download CSV") -> None:
    ui.button(
        t(label),
        icon="download",
        on_click=lambda: ui.download.content(figures_csv(figures), figures.file_name, "text/csv"),
    ).props("outline").mark(f"{figures.name}-csv")


def chart(options: dict[str, Any], height: int, marker: str) -> ui.echart:
    """A chart whose labels are drawn as text (tooltips too): names in it may be what people typed."""
    tooltip = {"renderMode": "richText", **options.get("tooltip", {})}
    return (
        ui.echart({"aria": {"enabled": True}, "color": COLOURS, **options, "tooltip": tooltip})
        .classes("w-full")
        .style(f"height: {height}px")
        .mark(f"{marker}-chart")
    )


def chart_numbers(figures: Figures) -> None:
    """A chart's numbers folded under it (a long series would bury the page), with the CSV."""
    with (
        ui.expansion(t("Show the numbers"), icon="table_rows")
        .classes("w-full")
        .mark(f"{figures.name}-toggle")
    ):
        numbers_table(figures)
    csv_button(figures)


def section(title: str, marker: str) -> ui.card:
    """A card with a heading (`title` in English) for one chart or table."""
    with ui.card().classes("w-full").mark(marker) as card:
        ui.label(t(title)).classes("text-lg font-semibold").props('role="heading" aria-level="2"')
    return card


def series_data(values: Sequence[Cell]) -> list[Cell]:
    """Values for a chart series; a missing figure is a gap, which ECharts writes as "-"."""
    return ["-" if value is None else value for value in values]


def _csv_cell(cell: Cell, column: Column) -> SpreadsheetCell:
    if cell is None:
        return ""
    if isinstance(cell, str | int) or column.decimals is None:
        return cell
    return Decimal(f"{cell:.{column.decimals}f}")
