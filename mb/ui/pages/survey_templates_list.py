"""The survey templates on /admin/surveys: each in its current version, to edit, send or switch off."""

from nicegui import ui

from mb.domain.errors import DomainError
from mb.domain.model.survey_views import TemplateListing
from mb.domain.model.user import Actor
from mb.ui.i18n import t
from mb.ui.pages.survey_tables import cell, cells, table
from mb.ui.pages.survey_text import TYPES
from mb.ui.services import services

HEADINGS = ("Name", "Type", "Version", "Questions", "Anonymous", "Responses", "Active", "Actions")


class TemplatesSection:
    def __init__(self, actor: Actor, can_send: bool) -> None:
        self.actor = actor
        self.can_send = can_send  # the survey_distribution flag is on
        self.listings: list[TemplateListing] = []

    async def load(self) -> None:
        self.listings = await services().survey_templates.templates(self.actor)

    @ui.refreshable_method
    def show(self) -> None:
        with ui.card().classes("w-full").mark("survey-templates"):
            with ui.row().classes("w-full items-center"):
                ui.label(t("Templates")).classes("text-lg font-semibold").props(
                    'role="heading" aria-level="2"'
                )
                ui.space()
                ui.button(
                    t("New survey"), icon="add", on_click=lambda: ui.navigate.to("/admin/surveys/new")
                ).mark("new-survey")
            if not self.listings:
                ui.label(t("No surveys yet.")).mark("no-templates")
                return
            with table([t(heading) for heading in HEADINGS]):
                for listing in self.listings:
                    self.row(listing)

    def row(self, listing: TemplateListing) -> None:
        template = listing.template
        assert template.id is not None
        template_id = template.id
        with ui.element("tr").mark(f"template-{template_id}"):
            cells(
                (
                    template.name,
                    t(TYPES[template.type]),
                    str(template.version),
                    str(len(template.questions)),
                    t("Yes") if template.anonymous else t("No"),
                    str(listing.responses),
                )
            )
            with cell():
                switch = ui.switch(t("Active"), value=template.active).mark(f"active-{template_id}")
                switch.props["aria-label"] = t("{name} is active", name=template.name)
                switch.on_value_change(lambda e: self.set_active(template_id, bool(e.value)))
            with cell(), ui.row().classes("gap-1 no-wrap"):
                ui.button(
                    t("Edit"), icon="edit", on_click=lambda: ui.navigate.to(f"/admin/surveys/{template_id}")
                ).props("flat dense no-caps").mark(f"edit-{template_id}")
                if self.can_send and template.active:
                    ui.button(
                        t("Send"),
                        icon="send",
                        on_click=lambda: ui.navigate.to(f"/admin/surveys/{template_id}/send"),
                    ).props("flat dense no-caps").mark(f"send-{template_id}")

    async def set_active(self, template_id: int, active: bool) -> None:
        try:
            await services().survey_templates.set_active(self.actor, template_id, active)
        except DomainError as error:
            ui.notify(t(error.message), type="negative")
        else:
            ui.notify(
                t("Switched on.") if active else t("Switched off: it cannot be sent until switched on.")
            )
        await self.load()
        self.show.refresh()  # the Send button follows the switch
