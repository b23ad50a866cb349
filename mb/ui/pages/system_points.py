"""Recomputing points, badges and streaks from the activity events, from the system page."""

from nicegui import ui

from mb.domain.model.user import Actor
from mb.ui.confirm import confirmed
from mb.ui.i18n import t
from mb.ui.services import services


def points_section(actor: Actor) -> None:
    with ui.card().classes("w-full").mark("recompute"):
        ui.label(t("Points, badges and streaks")).classes("text-lg font-semibold").props(
            'role="heading" aria-level="2"'
        )
        ui.label(
            t(
                "While gamification is off nothing is awarded, but every learning event is kept. "
                "Recomputing counts every event again; admins' adjustments are kept."
            )
        )
        with ui.row().classes("items-center gap-4"):
            button = ui.button(t("Recompute now"), icon="calculate").mark("recompute-now")
            spinner = ui.spinner().props('aria-label="working"')
            spinner.visible = False
            outcome = ui.label().mark("recompute-outcome")

        async def recompute() -> None:
            if not await confirmed(
                t("Recount every youth's points, badges and streaks now?"), t("Recompute now")
            ):
                return
            button.disable()
            spinner.visible = True
            outcome.text = t("Recomputing…")
            try:
                report = await services().awarding.recompute(actor)
            finally:
                button.enable()
                spinner.visible = False
            outcome.text = t(
                "Done: {events} events read; {youth} youth earned {points} points and {badges} badges.",
                events=report.events,
                youth=report.youth,
                points=report.points,
                badges=report.badges,
            )
            ui.notify(t("Points recomputed."), type="positive")

        button.on_click(recompute)
