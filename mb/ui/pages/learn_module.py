"""One module for a youth: what it is about, its files, their progress and its quiz."""

import functools

from nicegui import ui
from nicegui.events import ValueChangeEventArguments

from mb.domain.errors import DomainError
from mb.domain.model.assignment import Assignment, AssignmentStatus
from mb.domain.model.learning_views import LearnerModuleDetail, QuizResult
from mb.domain.model.module import Material
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.domain.rules.materials import readable_size
from mb.ui.dates import shown_date, shown_moment
from mb.ui.form_values import whole_number
from mb.ui.forms import Form
from mb.ui.guard import require_user
from mb.ui.i18n import t
from mb.ui.learning_text import module_facts, status_and_progress
from mb.ui.pages.achievement_notice import announce_points
from mb.ui.paths import path_id
from mb.ui.services import services

NOT_ASSIGNED = "This module is not assigned to you."


async def page(module_id: str) -> None:
    signed_in = await require_user(Role.YOUTH)
    if signed_in is None:
        return
    _, actor = signed_in
    view = ModuleView(actor, path_id(module_id, NOT_ASSIGNED))
    await view.load()
    view.show()


class ModuleView:
    """One per tab: the module as last loaded, and what the youth entered but has not saved."""

    def __init__(self, actor: Actor, module_id: int) -> None:
        self.actor = actor
        self.module_id = module_id
        self.detail: LearnerModuleDetail | None = None
        self.typed_progress: float | None = None
        self.answers: list[int | None] = []
        self.result: QuizResult | None = None
        self.gamified = False

    async def load(self) -> None:
        self.detail = await services().learning.my_module(self.actor, self.module_id)
        self.gamified = await services().engagement.is_on()
        if len(self.answers) != len(self.detail.quiz):
            self.answers = [None] * len(self.detail.quiz)

    async def reload(self) -> None:
        try:
            await self.load()
        except DomainError as error:
            ui.notify(t(error.message), type="negative")
            return
        self.show.refresh()

    @ui.refreshable_method
    def show(self) -> None:
        assert self.detail is not None
        entry = self.detail.entry
        module, assignment = entry.module, entry.assignment
        ui.link(t("← All your modules"), "/learn").mark("back")
        ui.label(module.title).classes("text-2xl font-semibold").props('role="heading" aria-level="1"')
        ui.label(module_facts(module)).classes("text-sm text-gray-700")
        status_and_progress(entry)
        if assignment.completed_at is not None:
            ui.label(t("Completed on {date}", date=shown_date(assignment.completed_at))).classes(
                "font-medium"
            ).mark("completed-on")
        elif assignment.due_date is not None:
            ui.label(t("Due {date}", date=shown_date(assignment.due_date))).mark("due")
        if self.gamified and assignment.completed_at is None and module.points > 0:
            earns = t("Completing it earns you {points} points.", points=module.points)
            ui.label(earns).mark("module-points")
        if entry.locked_by:
            with (
                ui.card().classes("w-full bg-amber-50").mark("locked"),
                ui.row().classes("items-center gap-2"),
            ):
                ui.icon("lock").classes("text-xl text-gray-800").props('aria-hidden="true"')
                ui.label(t("Locked — complete {titles} first", titles=", ".join(entry.locked_by)))
        if module.description:
            ui.label(module.description).classes("whitespace-pre-line").mark("description")
        materials_list(self.detail.materials)
        if entry.locked_by:
            return
        if assignment.status is not AssignmentStatus.COMPLETED:
            self.progress_form(assignment, has_quiz=bool(self.detail.quiz))
        if self.detail.quiz:
            self.quiz(self.detail)

    def progress_form(self, assignment: Assignment, has_quiz: bool) -> None:
        with ui.card().classes("w-full").mark("progress-form"):
            ui.label(t("Your progress")).classes("text-lg font-semibold")
            typed = self.typed_progress if self.typed_progress is not None else assignment.progress
            form = Form(
                {
                    "progress": ui.number(
                        t("How much of the module have you done? (0 to 100 %)"),
                        value=typed,
                        step=5,
                        on_change=self.remember_progress,
                    ).mark("progress-input")
                }
            )
            if has_quiz and assignment.progress == 100 and not assignment.quiz_passed:
                ui.label(t("Pass the quiz below to complete this module.")).mark("quiz-needed")

            async def save() -> None:
                value = whole_number(form.fields["progress"].value)
                saved = await form.submit(
                    lambda: services().learning.record_progress(self.actor, self.module_id, value)
                )
                if saved is None:
                    return  # the message shows beside the field, which keeps what was typed
                self.typed_progress = None
                completed = saved.assignment.status is AssignmentStatus.COMPLETED
                ui.notify(t("Module completed!") if completed else t("Progress saved."), type="positive")
                announce_points(saved.points_earned)
                await self.reload()

            ui.button(t("Save progress"), on_click=save).classes("w-full sm:w-auto").props("size=lg").mark(
                "save-progress"
            )

    def quiz(self, detail: LearnerModuleDetail) -> None:
        assignment = detail.entry.assignment
        with ui.card().classes("w-full gap-3").mark("quiz"):
            ui.label(t("Quiz")).classes("text-lg font-semibold").props('role="heading" aria-level="2"')
            ui.label(t("Pass mark: {pass_mark} %", pass_mark=detail.pass_mark))
            if self.result is not None:
                quiz_result(self.result)
            if assignment.status is not AssignmentStatus.COMPLETED:
                if assignment.quiz_passed:
                    ui.label(t("You passed the quiz. Set your progress to 100 % to complete the module."))
                else:
                    self.questions(detail)
            attempts_list(detail)

    def questions(self, detail: LearnerModuleDetail) -> None:
        for number, question in enumerate(detail.quiz):
            with ui.column().classes("w-full gap-1").mark(f"question-{number}"):
                ui.label(f"{number + 1}. {question.text}").classes("font-medium")
                choice = ui.radio(
                    dict(enumerate(question.options)),
                    value=self.answers[number],
                    on_change=functools.partial(self.remember_answer, number),
                ).mark(f"answer-{number}")
                choice.props["aria-label"] = question.text
        form = Form({})

        async def submit() -> None:
            answers = list(self.answers)
            result = await form.submit(
                lambda: services().learning.submit_quiz(self.actor, self.module_id, answers)
            )
            if result is None:
                return  # unanswered questions are named; every chosen answer stays chosen
            self.result = result
            announce_points(result.points_earned)
            await self.reload()

        ui.button(t("Submit answers"), on_click=submit).classes("w-full sm:w-auto").props("size=lg").mark(
            "submit-quiz"
        )

    def remember_progress(self, event: ValueChangeEventArguments[float | None]) -> None:
        self.typed_progress = event.value

    def remember_answer(self, number: int, event: ValueChangeEventArguments[int | None]) -> None:
        self.answers[number] = event.value


def materials_list(materials: tuple[Material, ...]) -> None:
    with ui.card().classes("w-full gap-2").mark("materials"):
        ui.label(t("Materials")).classes("text-lg font-semibold").props('role="heading" aria-level="2"')
        if not materials:
            ui.label(t("This module has no files to download."))
        for material in materials:
            with ui.row().classes("w-full items-center gap-2 no-wrap"):
                ui.icon("download").classes("text-xl text-primary").props('aria-hidden="true"')
                link = ui.link(material.filename, f"/materials/{material.id}").classes(
                    "py-2 break-all font-medium"
                )
                link.props["download"] = material.filename  # a plain download, not a page of the app
                link.mark(f"material-{material.id}")
                ui.label(readable_size(material.size_bytes)).classes(
                    "text-sm text-gray-700 whitespace-nowrap"
                )


def quiz_result(result: QuizResult) -> None:
    verdict = t("Passed") if result.passed else t("Not passed yet — read the materials and try again.")
    with ui.column().classes("gap-0").props('role="status"').mark("quiz-result"):
        ui.label(
            t(
                "Your score: {score} % (pass mark {pass_mark} %)",
                score=result.score,
                pass_mark=result.pass_mark,
            )
        ).classes("font-semibold")
        ui.label(verdict).classes("text-green-900" if result.passed else "text-red-800")


def attempts_list(detail: LearnerModuleDetail) -> None:
    if not detail.attempts:
        return
    ui.label(t("Your attempts")).classes("font-semibold")
    with ui.column().classes("gap-0").mark("attempts"):
        for attempt in reversed(detail.attempts):
            outcome = t("passed") if attempt.passed else t("not passed")
            ui.label(
                t(
                    "{when}: {score} % ({outcome})",
                    when=shown_moment(attempt.at),
                    score=attempt.score,
                    outcome=outcome,
                )
            )
