"""Write a module's multiple-choice quiz: questions, their options, the correct one, a pass mark."""

from dataclasses import dataclass, field

from nicegui import ui

from mb.domain.errors import DomainError
from mb.domain.model.module import Module, Question, Quiz
from mb.domain.model.user import Actor
from mb.domain.rules.quiz import MAX_OPTIONS
from mb.ui.confirm import confirmed
from mb.ui.form_values import whole_number
from mb.ui.i18n import t
from mb.ui.icon_button import icon_button
from mb.ui.services import services

MIN_OPTIONS = 2
NOT_CHOSEN = -1  # no option marked correct yet; the quiz rule asks for one


@dataclass
class QuestionDraft:
    text: str = ""
    options: list[str] = field(default_factory=lambda: [""] * MIN_OPTIONS)
    correct: int | None = None

    @classmethod
    def of(cls, question: Question) -> "QuestionDraft":
        return cls(question.text, list(question.options), question.correct)

    def remove_option(self, index: int) -> None:
        del self.options[index]
        if self.correct == index:
            self.correct = None
        elif self.correct is not None and self.correct > index:
            self.correct -= 1

    def question(self) -> Question:
        options = tuple(option.strip() for option in self.options)
        return Question(self.text.strip(), options, NOT_CHOSEN if self.correct is None else self.correct)


class QuizEditor:
    """One per module page; the draft lives here until it is saved."""

    def __init__(self, actor: Actor, module: Module) -> None:
        assert module.id is not None
        self.actor = actor
        self.module_id = module.id
        self._load(module.quiz)

    def _load(self, quiz: Quiz | None) -> None:
        self.saved = quiz is not None
        self.pass_mark: float | None = quiz.pass_mark if quiz else 70
        self.questions = [QuestionDraft.of(q) for q in quiz.questions] if quiz else []

    def show(self) -> None:
        self.problem = ui.label().classes("text-red-800 font-medium").props('role="alert"').mark("quiz-error")
        self.problem.set_visibility(False)
        self.editor()

    @ui.refreshable_method
    def editor(self) -> None:
        if not self.questions:
            ui.label(t("This module has no quiz.")).mark("no-quiz")
            ui.button(t("Write a quiz"), icon="quiz", on_click=self.add_question).mark("add-quiz")
            return
        ui.number(t("Pass mark (% of questions right)"), step=1).bind_value(self, "pass_mark").classes(
            "w-64"
        ).mark("quiz-pass-mark")
        for number, question in enumerate(self.questions, start=1):
            self._question(number, question)
        with ui.row().classes("gap-2"):
            ui.button(t("Add a question"), icon="add", on_click=self.add_question).props("outline").mark(
                "add-question"
            )
            ui.button(t("Save quiz"), icon="save", on_click=self.save).mark("save-quiz")
            if self.saved:
                ui.button(t("Remove quiz"), icon="delete", on_click=self.remove).props(
                    "outline color=negative"
                ).mark("remove-quiz")

    def _question(self, number: int, question: QuestionDraft) -> None:
        name = t("Question {number}", number=number)
        card = ui.card().classes("w-full").props('flat bordered role="group"').mark(f"question-{number}")
        card.props["aria-label"] = name  # the group names its fields: "Option 1" is in every question
        with card:
            with ui.row().classes("w-full items-center no-wrap"):
                ui.input(name).bind_value(question, "text").classes("grow").mark(f"question-{number}-text")
                icon_button(
                    "delete",
                    t("Remove question {number}", number=number),
                    lambda: self.remove_question(question),
                ).mark(f"remove-question-{number}")
            for index in range(len(question.options)):
                self._option(number, question, index)
            if len(question.options) < MAX_OPTIONS:
                ui.button(t("Add an option"), icon="add", on_click=lambda: self.add_option(question)).props(
                    "flat dense no-caps"
                ).mark(f"add-option-{number}")
            with ui.row().classes("items-center gap-2"):
                correct = ui.label(t("Correct answer:")).classes("font-medium")
                choice = ui.radio(
                    {i: t("Option {number}", number=i + 1) for i in range(len(question.options))}
                ).props("inline")
                choice.bind_value(question, "correct").mark(f"question-{number}-correct")
                choice.props["aria-labelledby"] = correct.html_id  # the group is named by its label

    def _option(self, number: int, question: QuestionDraft, index: int) -> None:
        label = t("Option {number}", number=index + 1)
        with ui.row().classes("w-full items-center no-wrap pl-4"):
            ui.input(
                label,
                value=question.options[index],
                on_change=lambda e: question.options.__setitem__(index, e.value or ""),
            ).classes("grow").mark(f"question-{number}-option-{index + 1}")
            if len(question.options) > MIN_OPTIONS:
                remove = t("Remove option {option} of question {number}", option=index + 1, number=number)
                icon_button("close", remove, lambda: self.remove_option(question, index)).mark(
                    f"remove-option-{number}-{index + 1}"
                )

    async def add_question(self) -> None:
        self.questions.append(QuestionDraft())
        await self.editor.refresh()

    async def remove_question(self, question: QuestionDraft) -> None:
        self.questions.remove(question)
        await self.editor.refresh()

    async def add_option(self, question: QuestionDraft) -> None:
        question.options.append("")
        await self.editor.refresh()

    async def remove_option(self, question: QuestionDraft, index: int) -> None:
        question.remove_option(index)
        await self.editor.refresh()

    async def save(self) -> None:
        quiz = Quiz(tuple(q.question() for q in self.questions), whole_number(self.pass_mark))
        await self._apply(quiz, t("Quiz saved."))

    async def remove(self) -> None:
        if not self.saved or not await confirmed(
            t("Remove this module's quiz? Youth will no longer need to pass it."), t("Remove quiz")
        ):
            return
        await self._apply(None, t("Quiz removed."))

    async def _apply(self, quiz: Quiz | None, done: str) -> None:
        self.problem.set_visibility(False)
        try:
            module = await services().catalogue.set_quiz(self.actor, self.module_id, quiz)
        except DomainError as error:
            self.problem.text = t(error.message)
            self.problem.set_visibility(True)
            return
        ui.notify(done, type="positive")  # before the redraw deletes the button this runs from
        self._load(module.quiz)
        await self.editor.refresh()
