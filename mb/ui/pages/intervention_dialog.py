"""Log an intervention: how the mentor stepped in, a note and what came of it."""

from nicegui import ui

from mb.domain.model.intervention import NOTE_MAX, OUTCOME_MAX, Intervention
from mb.domain.model.user import Actor
from mb.ui.forms import Form
from mb.ui.i18n import t
from mb.ui.pages.risk_text import KINDS
from mb.ui.services import services


class InterventionDialog:
    """Built when opened and removed when closed; the service checks the youth is in reach."""

    def __init__(self, actor: Actor, youth_id: int, youth_name: str) -> None:
        self.actor = actor
        self.youth_id = youth_id
        self.youth_name = youth_name

    async def run(self) -> Intervention | None:
        """The intervention stored, or None when the dialog was closed without saving."""
        with ui.dialog() as self.dialog, ui.card().classes("w-full max-w-xl").mark("intervention-dialog"):
            ui.label(t("Log an intervention for {name}", name=self.youth_name)).classes(
                "text-lg font-semibold"
            ).props('role="heading" aria-level="2"')
            self.form = Form(
                {
                    "kind": ui.select(
                        {kind.value: t(text) for kind, text in KINDS.items()}, label=t("How you stepped in")
                    ).mark("intervention-kind"),
                    # No maxlength: the browser would cut a pasted note short without a word;
                    # the counter shows the length and the service names the limit.
                    "note": ui.textarea(t("Note (up to {count} characters)", count=NOTE_MAX))
                    .props("counter autogrow")
                    .mark("intervention-note"),
                    "outcome": ui.input(t("Outcome (up to {count} characters)", count=OUTCOME_MAX))
                    .props("counter")
                    .mark("intervention-outcome"),
                }
            )
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(t("Cancel"), on_click=lambda: self.dialog.submit(None)).props("flat").mark(
                    "intervention-cancel"
                )
                ui.button(t("Save"), on_click=self.save).mark("intervention-save")
        stored = await self.dialog
        if not self.dialog.is_deleted:  # the tab may have closed, or the page moved on, meanwhile
            self.dialog.delete()
        return stored if isinstance(stored, Intervention) else None

    async def save(self) -> None:
        stored = await self.form.submit(
            lambda: services().interventions.log_intervention(
                self.actor,
                self.youth_id,
                self.form.text("kind"),
                self.form.text("note"),
                self.form.text("outcome"),
            )
        )
        if stored is None:
            return  # the form shows why, with everything typed still in place
        ui.notify(t("Intervention logged for {name}.", name=self.youth_name), type="positive")
        self.dialog.submit(stored)
