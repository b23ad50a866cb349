"""How points, levels and badges read on the pages, in the reader's language."""

from collections.abc import Mapping

from nicegui import ui

from mb.domain.model.engagement import PointsEntry
from mb.domain.model.engagement_views import ANONYMOUS, Achievements
from mb.domain.rules.levels import LevelProgress
from mb.domain.rules.points import POINT_RULES
from mb.ui.dates import shown_date
from mb.ui.i18n import t


def signed(amount: int) -> str:
    """`+15` or `−20` (a true minus sign, which screen readers say as "minus")."""  # noqa: RUF002
    return f"+{amount}" if amount >= 0 else f"\N{MINUS SIGN}{abs(amount)}"


def entry_text(entry: PointsEntry, titles: Mapping[int, str]) -> str:
    """Why a ledger line was awarded, e.g. `Reached 50% of Workplace English`."""
    module = titles.get(entry.module_id) if entry.module_id is not None else None
    return t(POINT_RULES[entry.reason].explains, module=module or t("a module"), note=entry.note)


def level_text(level: LevelProgress) -> str:
    return t("Level {number}: {name}", number=level.level.number, name=t(level.level.name))


def to_next_text(level: LevelProgress) -> str:
    if level.next is None:
        return t("You have reached the top level.")
    return t("{points} points to {level}", points=level.to_next, level=t(level.next.name))


def streak_days(days: int) -> str:
    return t("1 day") if days == 1 else t("{days} days", days=days)


def shown_name(name: str) -> str:
    """A leaderboard name; the anonymous label is translated, a person's name never is."""
    return t(ANONYMOUS) if name == ANONYMOUS else name


def level_bar(level: LevelProgress) -> None:
    """The way to the next level as a bar and as words, so it never depends on colour alone."""
    bar = ui.linear_progress(level.percent / 100, show_value=False, size="10px").classes("w-full rounded")
    bar.props["aria-label"] = to_next_text(level)
    ui.label(to_next_text(level)).classes("text-sm").mark("to-next-level")


def history_line(entry: PointsEntry, titles: Mapping[int, str]) -> None:
    """One ledger line: date, explanation and the signed amount, wrapping on a narrow phone."""
    colour = "text-green-900" if entry.amount >= 0 else "text-red-800"
    with ui.row().classes("w-full items-start gap-x-3 gap-y-0 no-wrap py-2 border-b border-gray-200"):
        with ui.column().classes("grow gap-0 min-w-0"):
            ui.label(entry_text(entry, titles)).classes("break-words").mark("points-line")
            ui.label(shown_date(entry.at)).classes("text-sm text-gray-700")
        ui.label(signed(entry.amount)).classes(f"font-semibold whitespace-nowrap {colour}").mark(
            "points-amount"
        )


def earned_badge_names(achievements: Achievements) -> list[str]:
    return [t(view.rule.name) for view in achievements.badges if view.earned_at is not None]
