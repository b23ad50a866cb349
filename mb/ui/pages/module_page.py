"""One module, for admins: its details, status, quiz and files, and assigning it to youth."""

from collections.abc import Sequence

from nicegui import ui

from mb.domain.errors import DomainError
from mb.domain.model.module import Module, ModuleStatus
from mb.domain.model.user import Actor
from mb.ui.confirm import confirmed
from mb.ui.i18n import t
from mb.ui.pages.assign_dialog import AssignDialog
from mb.ui.pages.module_form import STATUS_NAMES, ModuleForm, module_label
from mb.ui.pages.module_materials import MaterialsPanel
from mb.ui.pages.quiz_editor import QuizEditor
from mb.ui.services import services


class ModulePage:
    def __init__(self, actor: Actor, module: Module, catalogue: Sequence[Module]) -> None:
        assert module.id is not None
        self.actor = actor
        self.module = module
        self.module_id = module.id
        self.catalogue = catalogue

    async def show(self) -> None:
        ui.link(t("All modules"), "/admin/modules").mark("back-to-catalogue")
        self.header()
        with ui.card().classes("w-full").mark("module-details"):
            ui.label(t("Details")).classes("text-lg font-semibold")
            self.form = ModuleForm(self.module, self.catalogue, self.module_id)
            ui.button(t("Save changes"), icon="save", on_click=self.save).mark("save-module")
        with ui.card().classes("w-full").mark("module-quiz"):
            ui.label(t("Quiz")).classes("text-lg font-semibold")
            QuizEditor(self.actor, self.module).show()
        with ui.card().classes("w-full").mark("module-materials"):
            ui.label(t("Files")).classes("text-lg font-semibold")
            await MaterialsPanel(self.actor, self.module_id).show()

    @ui.refreshable_method
    def header(self) -> None:
        active = self.module.status is ModuleStatus.ACTIVE
        with ui.row().classes("w-full items-center gap-3 flex-wrap"):
            ui.label(module_label(self.module)).classes("text-2xl font-semibold").mark("module-heading")
            ui.badge(t(STATUS_NAMES[self.module.status]), color="positive" if active else "grey-8").mark(
                "module-status"
            )
            ui.space()
            if active:
                ui.button(t("Assign to youth"), icon="group_add", on_click=self.assign).mark("assign-module")
            ui.button(t("Deactivate") if active else t("Reactivate"), on_click=self.change_status).props(
                "outline"
            ).mark("change-status")

    async def save(self) -> None:
        updated = await self.form.submit(
            lambda details: services().catalogue.update_module(self.actor, self.module_id, details)
        )
        if updated is None:
            return
        self.module = updated
        ui.notify(t("{code} saved.", code=updated.code), type="positive")
        await self.header.refresh()

    async def change_status(self) -> None:
        code = self.module.code
        if self.module.status is ModuleStatus.ACTIVE:
            status, action = ModuleStatus.INACTIVE, t("Deactivate")
            question = t(
                "Deactivate {code}? It can no longer be assigned; youth who have it keep it.", code=code
            )
            done = t("{code} is deactivated.", code=code)
        else:
            status, action = ModuleStatus.ACTIVE, t("Reactivate")
            question = t("Reactivate {code}? It can be assigned again.", code=code)
            done = t("{code} is active again.", code=code)
        if not await confirmed(question, action):
            return
        try:
            self.module = await services().catalogue.set_status(self.actor, self.module_id, status)
        except DomainError as error:
            ui.notify(t(error.message), type="negative")
            return
        ui.notify(done, type="positive")  # before the redraw deletes the button this runs from
        await self.header.refresh()

    async def assign(self) -> None:
        await AssignDialog(self.actor, self.module).run()
