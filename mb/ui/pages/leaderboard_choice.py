"""A youth's choice, on their profile, whether the leaderboard shows their name."""

from nicegui import ui
from nicegui.events import ValueChangeEventArguments

from mb.domain.errors import DomainError
from mb.domain.model.engagement_views import ANONYMOUS
from mb.domain.model.user import Actor, User
from mb.ui.i18n import t
from mb.ui.services import services


async def leaderboard_choice(youth: User, actor: Actor) -> None:
    """The switch, saved as soon as it is flipped; absent while gamification is switched off."""
    if await services().engagement.is_on():
        LeaderboardChoice(actor, youth.shows_on_leaderboard).show()


class LeaderboardChoice:
    def __init__(self, actor: Actor, shown: bool) -> None:
        self.actor = actor
        self.shown = shown

    def show(self) -> None:
        with ui.card().classes("w-full gap-2").mark("leaderboard-choice"):
            ui.label(t("Leaderboard")).classes("text-lg font-semibold")
            self.switch = ui.switch(
                t("Show my name on the leaderboard"), value=self.shown, on_change=self.save
            ).mark("show-name")
            ui.label(
                t("When it is off, other youth see “{anonymous}” in your place.", anonymous=t(ANONYMOUS))
            ).classes("text-sm")

    async def save(self, event: ValueChangeEventArguments[bool | None]) -> None:
        wanted = bool(event.value)
        if wanted == self.shown:
            return  # the switch was put back after a failed save
        try:
            saved = await services().accounts.show_on_leaderboard(self.actor, wanted)
        except DomainError as error:
            ui.notify(t(error.message), type="negative")
            self.switch.value = self.shown
            return
        self.shown = saved.shows_on_leaderboard
        ui.notify(
            t("Your name now shows on the leaderboard.")
            if self.shown
            else t("The leaderboard now shows you as “{anonymous}”.", anonymous=t(ANONYMOUS)),
            type="positive",
        )
