"""The numbers behind an insights chart, as the table shows them and as the CSV holds them."""

from datetime import date

from mb.ui.pages.insights_figures import Column, Figures, figures_csv, shown

FIGURES = Figures(
    "insights-example",
    (Column("Module"), Column("Learners", 0), Column("Average risk change", 2)),
    (("=HYPERLINK(1)", 3, -1.5), ("Retail basics", 0, None)),
    date(2026, 11, 27),
)


def test_cells_read_as_counts_figures_with_their_decimals_or_a_dash() -> None:
    learners, change = FIGURES.columns[1], FIGURES.columns[2]
    assert [shown(3, learners), shown(-1.5, change), shown(None, change), shown(2, change)] == [
        "3",
        "-1.50",
        "—",
        "2",
    ]


def test_the_csv_guards_text_but_keeps_negative_numbers_numbers() -> None:
    text = figures_csv(FIGURES)
    assert text.startswith(b"\xef\xbb\xbf")  # a BOM, so a spreadsheet reads the text as UTF-8
    assert text.decode("utf-8-sig").split("\r\n") == [
        "Module,Learners,Average risk change",
        "'=HYPERLINK(1),3,-1.50",
        "Retail basics,0,",
        "",
    ]


def test_the_file_is_named_after_the_figures_and_their_day() -> None:
    assert FIGURES.file_name == "insights-example-2026-11-27.csv"
    assert Figures("insights-example", (), ()).file_name == "insights-example.csv"
    assert FIGURES.numbers_from == 1
