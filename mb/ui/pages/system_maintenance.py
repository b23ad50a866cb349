"""Maintenance mode on the system page: closes the app to everyone but admins, asked first."""

from nicegui import ui

from mb.domain.model.maintenance import MaintenanceState
from mb.domain.model.user import Actor
from mb.ui.confirm import confirmed
from mb.ui.dates import shown_moment
from mb.ui.i18n import t
from mb.ui.services import services


class MaintenanceSection:
    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.state = MaintenanceState(False)

    async def load(self) -> None:
        self.state = await services().maintenance.state()

    @ui.refreshable_method
    def show(self) -> None:
        with ui.card().classes("w-full").mark("maintenance-mode"):
            ui.label(t("Maintenance mode")).classes("text-lg font-semibold").props(
                'role="heading" aria-level="2"'
            )
            if self.state.on:
                since = shown_moment(self.state.since) if self.state.since else ""
                ui.label(
                    t(
                        "On since {moment}: only admins can use the app; /health says maintenance.",
                        moment=since,
                    )
                )
                ui.button(t("End maintenance"), on_click=self.end).mark("maintenance-off")
            else:
                ui.label(t("Off. Turning it on shows everyone but admins a maintenance page."))
                ui.button(t("Start maintenance"), on_click=self.start).props("outline").mark("maintenance-on")

    async def start(self) -> None:
        question = t("Close the app to everyone but admins now?")
        if await confirmed(question, t("Start maintenance")):
            await self.switch(True, t("Maintenance mode is on."))

    async def end(self) -> None:
        if await confirmed(t("Open the app to everyone again?"), t("End maintenance")):
            await self.switch(False, t("Maintenance mode is off; everyone can use the app again."))

    async def switch(self, on: bool, message: str) -> None:
        self.state = await services().maintenance.switch(self.actor, on)
        ui.notify(message, type="positive")
        self.show.refresh()
