"""The module catalogue: admins build it; mentors read it and assign modules to their caseload."""

import html

from nicegui import events, ui

from mb.domain.errors import NotFound
from mb.domain.model.module import Module, ModuleStatus
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.ui.guard import require_user
from mb.ui.i18n import t
from mb.ui.pages.assign_dialog import AssignDialog
from mb.ui.pages.module_form import DIFFICULTIES, STATUS_NAMES, ModuleForm
from mb.ui.pages.module_page import ModulePage
from mb.ui.services import services

COLUMNS = (
    ("code", "Code", "left"),
    ("title", "Title", "left"),
    ("sector", "Sector", "left"),
    ("difficulty", "Difficulty", "left"),
    ("hours", "Hours", "right"),
    ("points", "Points", "right"),
    ("status", "Status", "left"),
    ("quiz", "Quiz", "left"),
)


async def page() -> None:
    signed_in = await require_user(Role.ADMIN, Role.MENTOR)
    if signed_in is None:
        return
    user, actor = signed_in
    await CataloguePage(actor, editable=user.role is Role.ADMIN).show()


async def new_module_page() -> None:
    signed_in = await require_user(Role.ADMIN)
    if signed_in is None:
        return
    _, actor = signed_in
    catalogue = await services().catalogue.catalogue(actor)
    ui.link(t("All modules"), "/admin/modules").mark("back-to-catalogue")
    ui.label(t("New module")).classes("text-2xl font-semibold")
    with ui.card().classes("w-full"):
        form = ModuleForm(None, catalogue, module_id=None)

        async def create() -> None:
            module = await form.submit(lambda details: services().catalogue.create_module(actor, details))
            if module is None:
                return
            ui.notify(t("{code} created. Add its quiz and files below.", code=module.code), type="positive")
            ui.navigate.to(f"/admin/modules/{module.id}")

        ui.button(t("Create module"), icon="add", on_click=create).mark("create-module")


async def module_page(module_id: str) -> None:
    signed_in = await require_user(Role.ADMIN)
    if signed_in is None:
        return
    _, actor = signed_in
    if not module_id.isdecimal():
        raise NotFound("No such module.")
    module = await services().catalogue.module(actor, int(module_id))
    catalogue = await services().catalogue.catalogue(actor)
    await ModulePage(actor, module, catalogue).show()


class CataloguePage:
    """The catalogue as a table, searched in the browser: it holds a few hundred modules at most."""

    def __init__(self, actor: Actor, editable: bool) -> None:
        self.actor = actor
        self.editable = editable
        self.modules: dict[int, Module] = {}

    async def show(self) -> None:
        modules = await services().catalogue.catalogue(self.actor)
        self.modules = {m.id: m for m in modules if m.id is not None}
        with ui.row().classes("w-full items-center"):
            ui.label(t("Module catalogue")).classes("text-2xl font-semibold")
            ui.space()
            if self.editable:
                ui.button(
                    t("New module"), icon="add", on_click=lambda: ui.navigate.to("/admin/modules/new")
                ).mark("new-module")
        if not self.editable:
            ui.label(t("Use Assign to give a module to youth in your caseload."))
        search = (
            ui.input(t("Search by code, title, sector, difficulty or status"))
            .props("clearable type=search")
            .classes("w-full")
            .mark("module-search")
        )
        table = self._table(modules)
        search.bind_value_to(table, "filter")

    def _table(self, modules: list[Module]) -> ui.table:
        table = (
            ui.table(
                columns=[
                    {"name": name, "label": t(label), "field": name, "align": align, "sortable": True}
                    for name, label, align in COLUMNS
                ]
                + [{"name": "actions", "label": t("Actions"), "field": "id", "align": "left"}],
                rows=[_row(m) for m in modules],
                row_key="id",
                pagination={"rowsPerPage": 25, "sortBy": "code"},
            )
            .classes("w-full")
            .props("dense wrap-cells")
            .mark("modules")
        )
        table.props["no-data-label"] = t("No modules yet.")
        table.props["no-results-label"] = t("No module matches your search.")
        table.props["rows-per-page-label"] = t("Modules per page")
        if self.editable:
            table.add_slot(
                "body-cell-title",
                '<q-td :props="props"><a :href="\'/admin/modules/\' + props.row.id" '
                'class="text-primary underline">{{ props.value }}</a></q-td>',
            )
        assign = html.escape(t("Assign"), quote=True)
        table.add_slot(
            "body-cell-actions",
            f'<q-td :props="props"><q-btn v-if="props.row.active" dense flat no-caps color="primary" '
            f'icon="group_add" label="{assign}" @click="() => $parent.$emit(\'assign\', props.row.id)" />'
            "</q-td>",
        )
        table.on("assign", self.assign)
        return table

    async def assign(self, event: events.GenericEventArguments) -> None:
        """Open the assign dialog for the row's module (the button's event carries its id)."""
        module = self.modules.get(event.args) if isinstance(event.args, int) else None
        if module is not None:
            await AssignDialog(self.actor, module).run()


def _row(module: Module) -> dict[str, object]:
    return {
        "id": module.id,
        "code": module.code,
        "title": module.title,
        "sector": t(module.sector),
        "difficulty": t(DIFFICULTIES[module.difficulty]),
        "hours": module.duration_hours,
        "points": module.points,
        "status": t(STATUS_NAMES[module.status]),
        "active": module.status is ModuleStatus.ACTIVE,
        "quiz": t("Yes") if module.quiz else t("No"),
    }
