"""The risk level a bulk action on youth can be narrowed to, as both filters offer it."""

from nicegui import ui

from mb.domain.model.risk import RiskLevel
from mb.ui.i18n import t
from mb.ui.pages.risk_text import level_text

ANY = ""  # the empty value every other filter field also reads as "no filter"


def risk_level_choice() -> ui.select:
    """Any, High, Medium or Low, starting at Any."""
    options = {ANY: t("Any"), **{level.value: level_text(level) for level in RiskLevel}}
    choice = ui.select(options, label=t("Risk level"), value=ANY)
    # Staff should know which day's level counts, and that youth missing from it match none.
    choice.props["hint"] = t(
        "As on the newest day of daily features; youth with no features that day match no level."
    )
    return choice


def risk_level_chosen(value: str) -> RiskLevel | None:
    return RiskLevel(value) if value else None
