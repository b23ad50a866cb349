"""A youth's modules on a phone: the next step first, then the rest in learning order, then what
might come next."""

from nicegui import ui

from mb.domain.model.assignment import AssignmentStatus
from mb.domain.model.learning_views import LearnerModule
from mb.domain.model.roles import Role
from mb.ui.dates import shown_date
from mb.ui.guard import require_user
from mb.ui.i18n import t
from mb.ui.learning_text import module_facts, status_and_progress
from mb.ui.pages.recommendations_panel import recommendations_section, recommended_for
from mb.ui.services import services

OPEN_LINK = (
    "block w-full text-center py-3 rounded bg-primary text-white font-medium no-underline "
    "focus:outline focus:outline-2 focus:outline-offset-2"
)
ACTIONS = {
    AssignmentStatus.ACTIVE: "Start",
    AssignmentStatus.IN_PROGRESS: "Continue",
    AssignmentStatus.COMPLETED: "Review",
}


async def page() -> None:
    signed_in = await require_user(Role.YOUTH)
    if signed_in is None:
        return
    _, actor = signed_in
    entries = await services().learning.my_learning(actor)
    recommended = await recommended_for(actor, actor.user_id)
    ui.label(t("Your modules")).classes("text-2xl font-semibold")
    if not entries:
        ui.label(t("No modules assigned yet — your mentor will assign your first module.")).classes(
            "text-lg"
        ).mark("no-modules")
    for entry in sorted(entries, key=lambda e: not e.is_next_step):  # stable: learning order otherwise
        module_card(entry)
    recommendations_section(recommended, for_youth=True)


def module_card(entry: LearnerModule) -> None:
    module, assignment = entry.module, entry.assignment
    highlight = "border: 2px solid var(--q-primary)" if entry.is_next_step else ""
    with ui.card().classes("w-full gap-2").style(highlight).mark(f"module-{module.id}"):
        if entry.is_next_step:
            ui.label(t("Your next step")).classes("text-sm font-bold uppercase text-primary").mark(
                "next-step"
            )
        ui.label(module.title).classes("text-xl font-semibold").props('role="heading" aria-level="2"')
        ui.label(module_facts(module)).classes("text-sm text-gray-700")
        status_and_progress(entry)
        if assignment.completed_at is not None:
            ui.label(t("Completed on {date}", date=shown_date(assignment.completed_at)))
        elif assignment.due_date is not None:
            ui.label(t("Due {date}", date=shown_date(assignment.due_date))).mark("due")
        if entry.locked_by:
            with ui.row().classes("items-center gap-2 no-wrap").mark("locked"):
                ui.icon("lock").classes("text-xl text-gray-800").props('aria-hidden="true"')
                ui.label(t("Locked — complete {titles} first", titles=", ".join(entry.locked_by)))
        else:
            action = t(ACTIONS[assignment.status])
            link = ui.link(action, f"/learn/{module.id}").classes(OPEN_LINK).mark(f"open-{module.id}")
            link.props["aria-label"] = f"{action}: {module.title}"
