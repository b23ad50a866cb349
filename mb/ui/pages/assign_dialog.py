"""Assign a module to every youth a filter reaches, after showing how many that will be."""

from nicegui import ui

from mb.domain.model.education import EDUCATION_LEVELS
from mb.domain.model.learning_views import AssignmentPreview
from mb.domain.model.module import Module
from mb.domain.model.regions import REGIONS
from mb.domain.model.roles import Role
from mb.domain.model.sectors import SECTORS
from mb.domain.model.user import Actor
from mb.domain.model.youth_filter import YouthFilter
from mb.ui.form_values import parse_date
from mb.ui.forms import Form
from mb.ui.i18n import t
from mb.ui.pages.module_form import module_label
from mb.ui.pages.risk_level_choice import risk_level_choice, risk_level_chosen
from mb.ui.services import services


class AssignDialog:
    """Built when opened and removed when closed; the service limits mentors to their caseload."""

    def __init__(self, actor: Actor, module: Module) -> None:
        assert module.id is not None
        self.actor = actor
        self.module = module
        self.module_id = module.id

    async def run(self) -> None:
        with ui.dialog() as self.dialog, ui.card().classes("w-full max-w-xl").mark("assign-dialog"):
            ui.label(t("Assign {module}", module=module_label(self.module))).classes("text-lg font-semibold")
            ui.label(t("Choose who gets it. A filter left empty matches every active youth."))
            if self.actor.role is Role.MENTOR:
                ui.label(t("Only youth in your caseload are included."))
            self.form = self._filters()
            self.preview = ui.label().classes("font-medium").props('role="status"').mark("assign-preview")
            with ui.row().classes("w-full justify-end gap-2"):
                ui.button(t("Cancel"), on_click=lambda: self.dialog.submit(None)).props("flat").mark(
                    "assign-cancel"
                )
                ui.button(t("Check how many"), on_click=self.check).props("outline").mark("assign-check")
                self.confirm = ui.button(t("Assign"), on_click=self.assign).mark("assign-confirm")
                self.confirm.disable()
        await self.dialog
        self.dialog.delete()

    def _filters(self) -> Form:
        with ui.element("div").classes("grid grid-cols-1 sm:grid-cols-2 gap-x-4 w-full"):
            form = Form(
                {
                    "region": ui.select(
                        {code: t(name) for code, name in REGIONS.items()},
                        label=t("State or union territory"),
                        with_input=True,
                        clearable=True,
                    ).mark("assign-region"),
                    "institution": ui.input(t("Institution (its full name)")).mark("assign-institution"),
                    "education_level": ui.select(
                        {code: t(name) for code, name in EDUCATION_LEVELS.items()},
                        label=t("Education level"),
                        clearable=True,
                    ).mark("assign-education_level"),
                    "sector_interest": ui.select(
                        {sector: t(sector) for sector in SECTORS},
                        label=t("Interested in the sector"),
                        clearable=True,
                    ).mark("assign-sector_interest"),
                    "registered_from": ui.input(t("Registered on or after"))
                    .props("type=date")
                    .mark("assign-registered_from"),
                    "registered_to": ui.input(t("Registered on or before"))
                    .props("type=date")
                    .mark("assign-registered_to"),
                    "risk_level": risk_level_choice().mark("assign-risk_level"),
                }
            )
        for element in form.fields.values():
            element.on_value_change(self._filters_changed)
        return form

    def youth(self) -> YouthFilter:
        return YouthFilter(
            region=self.form.text("region"),
            institution=self.form.text("institution").strip(),
            education_level=self.form.text("education_level"),
            sector_interest=self.form.text("sector_interest"),
            registered_from=parse_date(self.form.text("registered_from"), "registered_from"),
            registered_to=parse_date(self.form.text("registered_to"), "registered_to"),
            risk_level=risk_level_chosen(self.form.text("risk_level")),
        )

    def _filters_changed(self) -> None:
        """A count shown for other filters must not be confirmed: check again first."""
        self.preview.text = ""
        self.confirm.disable()

    async def check(self) -> None:
        preview = await self.form.submit(
            lambda: services().learning.preview_assignment(self.actor, self.module_id, self.youth())
        )
        if preview is None:
            self._filters_changed()
            return
        self.preview.text = _preview_text(preview)
        self.confirm.set_enabled(preview.matching > 0)

    async def assign(self) -> None:
        count = await self.form.submit(
            lambda: services().learning.assign(self.actor, self.module_id, self.youth())
        )
        if count is None:
            self._filters_changed()
            return
        if count:
            ui.notify(t("{count} youth got {code}.", count=count, code=self.module.code), type="positive")
        else:
            ui.notify(t("Nobody new got {code}: every matching youth already has it.", code=self.module.code))
        self.dialog.submit(count)


def _preview_text(preview: AssignmentPreview) -> str:
    if not preview.matching:
        return t("No youth match these filters.")
    text = t(
        "{matching} youth match; {already} already have it; {new} will get it now.",
        matching=preview.matching,
        already=preview.already,
        new=preview.to_assign,
    )
    if not preview.to_assign:
        text += " " + t("Assigning again changes nothing: they already have it.")
    return text
