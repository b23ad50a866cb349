"""The fields staff write about a module, the same on the new-module and the module page."""

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from nicegui import ui
from nicegui.elements.mixins.validation_element import ValidationElement

from mb.domain.model.module import Difficulty, Module, ModuleDetails, ModuleStatus
from mb.domain.model.sectors import SECTORS
from mb.ui.form_values import number, whole_number
from mb.ui.forms import Form
from mb.ui.i18n import t

Result = TypeVar("Result")
DIFFICULTIES = {
    Difficulty.BEGINNER: "Beginner",
    Difficulty.INTERMEDIATE: "Intermediate",
    Difficulty.ADVANCED: "Advanced",
}
STATUS_NAMES = {ModuleStatus.ACTIVE: "Active", ModuleStatus.INACTIVE: "Inactive"}


def module_label(module: Module) -> str:
    """How a module is named in lists of modules: its code, then its title."""
    return f"{module.code} — {module.title}"


class ModuleForm:
    """Code, title, description, duration, skills, sector, prerequisites, difficulty, points, due.

    The number fields have no min or max: NiceGUI would quietly clamp what was typed, where the
    service's rules say what is wrong with it.
    """

    def __init__(
        self, module: ModuleDetails | None, catalogue: Sequence[Module], module_id: int | None
    ) -> None:
        shown = module or ModuleDetails(code="", title="")
        others = {m.id: _option(m) for m in catalogue if m.id is not None and m.id != module_id}
        with ui.element("div").classes("grid grid-cols-1 sm:grid-cols-2 gap-x-4 w-full"):
            fields: dict[str, ValidationElement[Any]] = {
                "code": ui.input(t("Code, for example IT-101"), value=shown.code).mark("module-code"),
                "title": ui.input(t("Title"), value=shown.title).mark("module-title"),
                "description": ui.textarea(t("Description"), value=shown.description)
                .classes("sm:col-span-2")
                .mark("module-description"),
                "duration_hours": ui.number(t("Duration (hours)"), value=shown.duration_hours, step=0.5).mark(
                    "module-duration_hours"
                ),
                "points": ui.number(t("Points for completing it"), value=shown.points, step=1).mark(
                    "module-points"
                ),
                "sector": ui.select(
                    {sector: t(sector) for sector in SECTORS}, label=t("Sector"), value=shown.sector or None
                ).mark("module-sector"),
                "difficulty": ui.select(
                    {d.value: t(label) for d, label in DIFFICULTIES.items()},
                    label=t("Difficulty"),
                    value=shown.difficulty.value,
                ).mark("module-difficulty"),
                "due_in_days": ui.number(
                    t("Due in days after assigning (optional)"), value=shown.due_in_days, step=1
                ).mark("module-due_in_days"),
                "skills": ui.input_chips(t("Skills (press Enter after each)"), value=list(shown.skills)).mark(
                    "module-skills"
                ),
                "prerequisites": ui.select(
                    others,
                    label=t("Prerequisites (modules to complete first)"),
                    value=[p for p in shown.prerequisites if p in others],
                    multiple=True,
                    with_input=True,
                )
                .classes("sm:col-span-2")
                .props("use-chips")
                .mark("module-prerequisites"),
            }
        self.form = Form(fields)

    def details(self) -> ModuleDetails:
        fields = self.form.fields
        return ModuleDetails(
            code=self.form.text("code"),
            title=self.form.text("title"),
            description=self.form.text("description"),
            duration_hours=number(fields["duration_hours"].value),
            skills=list(fields["skills"].value or []),
            sector=self.form.text("sector"),
            prerequisites=list(fields["prerequisites"].value or []),
            difficulty=Difficulty(fields["difficulty"].value or Difficulty.BEGINNER),
            points=whole_number(fields["points"].value),
            due_in_days=whole_number(due) if (due := fields["due_in_days"].value) is not None else None,
        )

    async def submit(self, action: Callable[[ModuleDetails], Awaitable[Result]]) -> Result | None:
        """Send the fields to `action`; its messages show beside the fields, nothing typed is lost."""
        return await self.form.submit(lambda: action(self.details()))


def _option(module: Module) -> str:
    return module_label(module) + ("" if module.status is ModuleStatus.ACTIVE else " " + t("(inactive)"))
