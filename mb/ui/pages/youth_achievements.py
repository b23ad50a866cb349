"""A youth's points, level, streak and badges as their mentor or an admin sees them; admins can
adjust points, with a reason the youth will see."""

from nicegui import ui

from mb.domain.errors import DomainError
from mb.domain.model.engagement import PointsEntry
from mb.domain.model.engagement_views import Achievements
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.ui.engagement_text import earned_badge_names, history_line, level_text, signed, streak_days
from mb.ui.forms import Form
from mb.ui.i18n import t
from mb.ui.services import services

LATEST = 5  # ledger lines shown to staff; the youth's own page pages through all of them


class YouthAchievements:
    """One per tab; redrawn after an adjustment."""

    def __init__(self, actor: Actor, user_id: int) -> None:
        self.actor = actor
        self.user_id = user_id
        self.achievements: Achievements | None = None

    async def show(self) -> None:
        """Nothing at all while gamification is switched off."""
        if not await services().engagement.is_on():
            return
        self.achievements = await services().engagement.achievements(self.actor, self.user_id)
        with ui.card().classes("w-full gap-2").mark("youth-achievements"):
            with ui.row().classes("w-full items-center gap-2"):
                ui.label(t("Points and badges")).classes("text-lg font-semibold").props(
                    'role="heading" aria-level="2"'
                )
                ui.space()
                if self.actor.role is Role.ADMIN:
                    ui.button(t("Adjust points"), icon="edit", on_click=self.adjust).props("outline").mark(
                        "adjust-points"
                    )
            self.summary()

    @ui.refreshable_method
    def summary(self) -> None:
        earned = self.achievements
        assert earned is not None
        badges = earned_badge_names(earned)
        for label, value, marker in (
            ("Points", str(earned.points), "youth-points"),
            ("Level", level_text(earned.level), "youth-level"),
            (
                "Streak",
                t(
                    "{current} now, best {best}",
                    current=streak_days(earned.streak_current),
                    best=streak_days(earned.streak_best),
                ),
                "youth-streak",
            ),
            (
                "Badges",
                t("{count} earned", count=len(badges)) + (": " + ", ".join(badges) if badges else ""),
                "youth-badges",
            ),
        ):
            with ui.row().classes("gap-2 flex-wrap"):
                ui.label(t(label) + ":").classes("font-medium")
                ui.label(value).mark(marker)
        history = earned.history
        if history.entries:
            ui.label(t("Latest points")).classes("font-semibold mt-2")
            with ui.column().classes("w-full gap-0").mark("youth-points-history"):
                for entry in history.entries[:LATEST]:
                    history_line(entry, history.module_titles)

    async def adjust(self) -> None:
        entry = await adjustment_dialog(self.actor, self.user_id)
        if entry is None:
            return
        ui.notify(t("Points adjusted by {amount}.", amount=signed(entry.amount)), type="positive")
        try:
            self.achievements = await services().engagement.achievements(self.actor, self.user_id)
        except DomainError as error:
            ui.notify(t(error.message), type="negative")
            return
        self.summary.refresh()


async def adjustment_dialog(actor: Actor, user_id: int) -> PointsEntry | None:
    """Ask for the amount and the reason; the dialog stays open, values kept, until both are valid."""
    with ui.dialog() as dialog, ui.card().classes("w-full max-w-md gap-2").mark("adjust-dialog"):
        ui.label(t("Adjust points")).classes("text-lg font-semibold").props('role="heading" aria-level="2"')
        ui.label(t("The youth sees the reason beside the adjustment in their points history.")).classes(
            "text-sm"
        )
        form = Form(
            {
                "amount": ui.input(t("Points to add (a minus sign takes points away)")).mark("adjust-amount"),
                "reason": ui.input(t("Reason the youth will see")).mark("adjust-reason"),
            }
        )

        async def save() -> None:
            entry = await form.submit(
                lambda: services().engagement.adjust_points(
                    actor, user_id, form.text("amount"), form.text("reason")
                )
            )
            if entry is not None:
                dialog.submit(entry)

        with ui.row().classes("w-full justify-end gap-2"):
            ui.button(t("Cancel"), on_click=lambda: dialog.submit(None)).props("flat").mark("adjust-cancel")
            ui.button(t("Save adjustment"), on_click=save).mark("adjust-save")
    entry = await dialog
    dialog.delete()
    return entry if isinstance(entry, PointsEntry) else None
