"""A youth's points, level, streak and badges, where every point came from, and the leaderboard."""

from nicegui import ui

from mb.domain.errors import DomainError
from mb.domain.model.engagement import PointReason, PointsEntry
from mb.domain.model.engagement_views import Achievements, BadgeView
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.domain.rules.points import STREAK_BONUS_EVERY, points_for
from mb.ui.dates import shown_date
from mb.ui.engagement_text import history_line, level_bar, level_text, streak_days
from mb.ui.guard import require_user
from mb.ui.i18n import t
from mb.ui.pages.leaderboard import LeaderboardView
from mb.ui.services import services

SWITCHED_OFF = "Points, badges and the leaderboard are switched off at the moment."
HEADING = 'role="heading" aria-level="2"'


async def page() -> None:
    signed_in = await require_user(Role.YOUTH)
    if signed_in is None:
        return
    user, actor = signed_in
    ui.label(t("Your achievements")).classes("text-2xl font-semibold").props('role="heading" aria-level="1"')
    if not await services().engagement.is_on():
        switched_off()
        return
    view = AchievementsView(actor, await services().engagement.achievements(actor, actor.user_id))
    view.show()
    await LeaderboardView(actor, user).show()
    view.history()


async def achievements_card(actor: Actor) -> None:
    """The youth home page's glance at points, level and streak; nothing while switched off."""
    if not await services().engagement.is_on():
        return
    earned = await services().engagement.achievements(actor, actor.user_id)
    with ui.card().classes("w-full gap-1").mark("home-achievements"):
        with ui.row().classes("w-full items-baseline gap-x-4 gap-y-1 flex-wrap"):
            ui.label(t("{points} points", points=earned.points)).classes("text-2xl font-bold").mark(
                "home-points"
            )
            ui.label(level_text(earned.level)).classes("text-lg font-semibold").mark("home-level")
        ui.label(t("Learning streak: {days}", days=streak_days(earned.streak_current))).mark("home-streak")
        ui.link(t("See your badges and the leaderboard"), "/achievements").classes("py-1").mark(
            "open-achievements"
        )


def switched_off() -> None:
    ui.label(t(SWITCHED_OFF)).classes("text-lg").mark("engagement-off")
    ui.link(t("Go to your modules"), "/learn")


class AchievementsView:
    """One per tab: what the youth has earned, and how much of their points history is shown."""

    def __init__(self, actor: Actor, achievements: Achievements) -> None:
        self.actor = actor
        self.achievements = achievements
        self.shown = len(achievements.history.entries)
        self.total = achievements.history.total_entries

    def show(self) -> None:
        earned = self.achievements
        with ui.card().classes("w-full gap-2").mark("points-card"):
            ui.label(t("Your points")).classes("text-sm text-gray-700")
            ui.label(str(earned.points)).classes("text-4xl font-bold").mark("points-total")
            ui.label(level_text(earned.level)).classes("text-lg font-semibold").mark("level")
            level_bar(earned.level)
        self.streak()
        self.badges()

    def streak(self) -> None:
        earned = self.achievements
        with ui.card().classes("w-full gap-2").mark("streak"):
            ui.label(t("Your learning streak")).classes("text-xl font-semibold").props(HEADING)
            with ui.row().classes("w-full gap-x-8 gap-y-2 flex-wrap"):
                for label, days, marker in (
                    ("Current streak", earned.streak_current, "streak-current"),
                    ("Best streak", earned.streak_best, "streak-best"),
                ):
                    with ui.column().classes("gap-0"):
                        ui.label(t(label)).classes("text-sm text-gray-700")
                        ui.label(streak_days(days)).classes("text-2xl font-bold").mark(marker)
            ui.label(
                t(
                    "A streak counts the days in a row on which you saved progress or took a quiz, "
                    "by the calendar in {zone}. Miss a whole day and it starts again.",
                    zone=services().settings.mb_timezone,
                )
            ).classes("text-sm")
            ui.label(
                t(
                    "Every {days} days in a row earn you {points} bonus points.",
                    days=STREAK_BONUS_EVERY,
                    points=points_for(PointReason.STREAK_BONUS),
                )
            ).classes("text-sm")

    def badges(self) -> None:
        badges = self.achievements.badges
        earned = sum(1 for view in badges if view.earned_at is not None)
        with ui.card().classes("w-full gap-2").mark("badges"):
            ui.label(t("Badges")).classes("text-xl font-semibold").props(HEADING)
            ui.label(t("{earned} of {total} earned", earned=earned, total=len(badges))).mark("badge-count")
            with ui.element("div").classes("w-full grid grid-cols-1 sm:grid-cols-2 gap-2"):
                for view in sorted(badges, key=lambda v: v.earned_at is None):  # earned first
                    badge(view)

    def history(self) -> None:
        entries = self.achievements.history
        with ui.card().classes("w-full gap-1").mark("points-history"):
            ui.label(t("How you earned your points")).classes("text-xl font-semibold").props(HEADING)
            if not entries.entries:
                ui.label(t("No points yet — save progress on a module to earn your first points.")).mark(
                    "no-points"
                )
                return
            self.lines = ui.column().classes("w-full gap-0")
            self.add_lines(entries.entries, entries.module_titles)
            self.more = ui.button(t("Show more"), on_click=self.show_more).props("outline").mark("show-more")
            self.more.set_visibility(self.shown < self.total)

    def add_lines(self, entries: tuple[PointsEntry, ...], titles: dict[int, str]) -> None:
        with self.lines:
            for entry in entries:
                history_line(entry, titles)

    async def show_more(self) -> None:
        try:
            more = await services().engagement.points_history(self.actor, self.actor.user_id, self.shown)
        except DomainError as error:
            ui.notify(t(error.message), type="negative")
            return
        self.add_lines(more.entries, more.module_titles)
        self.shown += len(more.entries)
        self.total = more.total_entries
        self.more.set_visibility(bool(more.entries) and self.shown < self.total)


def badge(view: BadgeView) -> None:
    """An earned badge with its date; one not yet earned greyed, with how to earn it."""
    earned = view.earned_at is not None
    look = "border border-gray-300" if earned else "bg-gray-100"
    with (
        ui.row()
        .classes(f"w-full items-start gap-3 no-wrap p-3 rounded {look}")
        .mark(f"badge-{view.rule.code}")
    ):
        ui.icon("emoji_events" if earned else "lock_outline").classes(
            "text-3xl " + ("text-amber-800" if earned else "text-gray-700")
        ).props('aria-hidden="true"')
        with ui.column().classes("gap-0 min-w-0"):
            ui.label(t(view.rule.name)).classes("font-semibold" + ("" if earned else " text-gray-700"))
            if view.earned_at is not None:
                ui.label(t("Earned on {date}", date=shown_date(view.earned_at))).classes("text-sm").mark(
                    "badge-earned"
                )
            else:
                ui.label(t("Not earned yet: {how}", how=t(view.rule.earned_by))).classes(
                    "text-sm text-gray-700"
                ).mark("badge-to-earn")
