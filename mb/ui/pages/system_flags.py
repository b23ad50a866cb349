"""Feature flags on the system page: switched for everyone at once, asked first, audited."""

from nicegui import ui

from mb.domain.model.flags import Flag, FlagState
from mb.domain.model.user import Actor
from mb.ui.confirm import confirmed
from mb.ui.i18n import t
from mb.ui.services import services

WHAT_IT_DOES = {
    Flag.NEW_DASHBOARD: "Mentors' caseload view: who needs them today.",
    Flag.GAMIFICATION: "Points, badges, streaks, levels and the leaderboard for youth.",
    Flag.SURVEY_DISTRIBUTION: "Sending surveys by email, including after placements.",
    Flag.AI_RECOMMENDATIONS: "Recommended next modules for youth and their mentors.",
}
NAMES = {
    Flag.NEW_DASHBOARD: "Caseload dashboard",
    Flag.GAMIFICATION: "Gamification",
    Flag.SURVEY_DISTRIBUTION: "Survey distribution",
    Flag.AI_RECOMMENDATIONS: "Module recommendations",
}


class FlagsSection:
    """One per tab; redrawn after each change so it always shows what is stored."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.states: list[FlagState] = []

    async def load(self) -> None:
        self.states = await services().flags.states()

    @ui.refreshable_method
    def show(self) -> None:
        with ui.card().classes("w-full").mark("flags"):
            ui.label(t("Feature flags")).classes("text-lg font-semibold").props(
                'role="heading" aria-level="2"'
            )
            ui.label(t("A change applies to everyone at once, without a restart, and is audited."))
            for state in self.states:
                self.flag_row(state)

    def flag_row(self, state: FlagState) -> None:
        with ui.row().classes("w-full items-center gap-4 border-b border-gray-300 py-2"):
            with ui.column().classes("gap-0 grow"):
                ui.label(t(NAMES[state.name])).classes("font-semibold")
                ui.label(t(WHAT_IT_DOES[state.name])).classes("text-sm")
                default = t("on") if state.default else t("off")
                source = (
                    t("Set by an admin; the default is {default}.", default=default)
                    if state.overridden
                    else t("Following the default from settings.")
                )
                ui.label(source).classes("text-sm text-gray-700").mark(f"flag-source-{state.name}")
            ui.label(t("On") if state.enabled else t("Off")).classes("font-semibold").mark(
                f"flag-state-{state.name}"
            )
            action = t("Switch off") if state.enabled else t("Switch on")
            ui.button(action, on_click=lambda s=state: self.switch(s)).props("outline").mark(
                f"flag-switch-{state.name}"
            )
            if state.overridden:
                ui.button(t("Use default"), on_click=lambda s=state: self.reset(s)).props("flat").mark(
                    f"flag-reset-{state.name}"
                )

    async def switch(self, state: FlagState) -> None:
        name = t(NAMES[state.name])
        question = (
            t("Switch {name} off for everyone now?", name=name)
            if state.enabled
            else t("Switch {name} on for everyone now?", name=name)
        )
        if not await confirmed(question, t("Switch off") if state.enabled else t("Switch on")):
            return
        await services().flags.set(self.actor, state.name, not state.enabled)
        ui.notify(
            t("{name} is now {state}.", name=name, state=t("off") if state.enabled else t("on")),
            type="positive",
        )
        if state.name is Flag.GAMIFICATION and not state.enabled:
            ui.notify(t("Points were not counted while it was off: recompute them below."), type="info")
        await self.load()
        self.show.refresh()

    async def reset(self, state: FlagState) -> None:
        name = t(NAMES[state.name])
        if not await confirmed(
            t("Let {name} follow its default from settings again?", name=name), t("Use default")
        ):
            return
        await services().flags.reset(self.actor, state.name)
        ui.notify(t("{name} follows its default again.", name=name), type="positive")
        await self.load()
        self.show.refresh()
