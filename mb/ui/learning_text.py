"""How learning reads on the pages: statuses, difficulty, hours and activity, in the reader's language."""

from collections.abc import Mapping

from nicegui import ui

from mb.domain.model.activity import ActivityEvent, ActivityKind
from mb.domain.model.assignment import AssignmentStatus
from mb.domain.model.learning_views import LearnerModule
from mb.domain.model.module import Difficulty, Module
from mb.ui.i18n import t

STATUSES = {
    AssignmentStatus.ACTIVE: "Not started",
    AssignmentStatus.IN_PROGRESS: "In progress",
    AssignmentStatus.COMPLETED: "Completed",
    AssignmentStatus.INACTIVE: "Withdrawn",
}
DIFFICULTIES = {
    Difficulty.BEGINNER: "Beginner",
    Difficulty.INTERMEDIATE: "Intermediate",
    Difficulty.ADVANCED: "Advanced",
}


def status_text(status: AssignmentStatus) -> str:
    return t(STATUSES[status])


def module_facts(module: Module) -> str:
    """`IT/ITES · Beginner · 2.5 h`: what a youth weighs before starting."""
    facts = [t(module.sector)] if module.sector else []
    facts += [t(DIFFICULTIES[module.difficulty]), t("{hours} h", hours=f"{module.duration_hours:g}")]
    return " · ".join(facts)


def progress_bar(progress: int) -> None:
    """The bar and its percentage as text, so it never depends on colour alone."""
    with ui.row().classes("w-full items-center gap-3 no-wrap"):
        bar = ui.linear_progress(progress / 100, show_value=False, size="10px").classes("grow rounded")
        bar.props["aria-label"] = t("Progress")
        ui.label(t("{progress} %", progress=progress)).classes("font-medium whitespace-nowrap").mark(
            "progress"
        )


SIMPLE_ACTIVITY = {
    ActivityKind.LOGIN: "Signed in",
    ActivityKind.REGISTERED: "Registered",
    ActivityKind.SURVEY_RESPONSE: "Answered a survey",
}


def status_and_progress(entry: LearnerModule) -> None:
    """Where a youth stands with a module: status, an overdue badge, and the progress bar."""
    with ui.row().classes("items-center gap-2"):
        ui.label(status_text(entry.assignment.status)).classes("font-medium").mark("status")
        if entry.overdue:
            ui.badge(t("Overdue"), color="negative").classes("text-sm").mark("overdue")
    progress_bar(entry.assignment.progress)


def activity_text(event: ActivityEvent, titles: Mapping[int, str]) -> str:
    """One line of a youth's timeline, e.g. `Progress 40 % on Workplace English`."""
    details = event.details
    module = titles.get(details.get("module_id", -1)) or t("a module")
    match event.kind:
        case ActivityKind.PROGRESS:
            return t("Progress {progress} % on {module}", progress=details.get("progress", 0), module=module)
        case ActivityKind.QUIZ_ATTEMPT:
            outcome = (
                "Quiz on {module}: {score} % (passed)"
                if details.get("passed")
                else "Quiz on {module}: {score} % (not passed)"
            )
            return t(outcome, module=module, score=details.get("score", 0))
        case ActivityKind.COMPLETION:
            return t("Completed {module}", module=module)
    return t(SIMPLE_ACTIVITY.get(event.kind, "Other activity"))
