"""A survey as its respondent sees it: the one renderer behind the link page and the editor's preview.

    form = SurveyFormView(survey.questions)
    form.build()                     # the questions and their answer widgets, in order
    form.answers()                   # {question key: what was chosen or typed, None when nothing}
    form.show_problems({"q1": "…"})  # each message under its question (an empty dict clears them)

Everything a survey's author wrote is shown as plain text, never as HTML.
"""

from collections.abc import Callable, Mapping, Sequence

from nicegui import ui

from mb.domain.model.survey import QuestionKind, SurveyQuestion
from mb.ui.i18n import t

Reader = Callable[[], object]
SCALES = {QuestionKind.RATING: (1, 5), QuestionKind.SCALE: (0, 10)}


def survey_heading(name: str, description: str, about: str = "") -> None:
    """The survey's name, whom it is about (for employers) and what it is for."""
    ui.label(name).classes("text-2xl font-semibold").props('role="heading" aria-level="1"').mark(
        "survey-name"
    )
    for text, marker in ((about, "survey-about"), (description, "survey-description")):
        if text:
            ui.label(text).classes("whitespace-pre-line").mark(marker)


class SurveyFormView:
    """The answer widgets for `questions`; one per page view, so nothing is shared between people."""

    def __init__(self, questions: Sequence[SurveyQuestion]) -> None:
        self.questions = tuple(questions)
        self._readers: dict[str, Reader] = {}
        self._problems: dict[str, ui.label] = {}

    def build(self) -> None:
        if any(question.required for question in self.questions):
            ui.label(t("Questions marked * need an answer.")).classes("text-sm").mark("survey-required-note")
        for number, question in enumerate(self.questions, start=1):
            self._question(number, question)

    def answers(self) -> dict[str, object]:
        return {key: read() for key, read in self._readers.items()}

    def show_problems(self, problems: Mapping[str, str]) -> None:
        for key, label in self._problems.items():
            message = problems.get(key, "")
            label.text = t(message) if message else ""
            label.set_visibility(bool(message))

    def _question(self, number: int, question: SurveyQuestion) -> None:
        key = question.key
        with (
            ui.column()
            .classes("w-full gap-1 py-2")
            .props('role="group"')
            .mark(f"survey-question-{key}") as box
        ):
            title = t("{number}. {words}", number=number, words=question.text)
            if not question.required:
                title += " " + t("(optional)")
            with ui.row().classes("w-full items-start gap-1 no-wrap"):
                heading = ui.label(title).classes("font-medium whitespace-pre-line")
                names = heading.html_id
                if question.required:
                    # Seen as a red asterisk, heard as "required" after the question's words.
                    ui.label("*").classes("font-bold text-red-800").props('aria-hidden="true"').mark(
                        f"survey-required-{key}"
                    )
                    names += " " + ui.label(t("(required)")).classes("sr-only").html_id
            box.props["aria-labelledby"] = names
            if question.kind in SCALES:
                low, high = SCALES[question.kind]
                ui.label(t("{low} is the lowest, {high} the highest.", low=low, high=high)).classes(
                    "text-sm text-gray-700"
                )
            self._readers[key] = self._widget(question, names)
            problem = ui.label().classes("text-red-800 font-medium").props('role="alert"')
            problem.mark(f"survey-problem-{key}").set_visibility(False)
            self._problems[key] = problem

    def _widget(self, question: SurveyQuestion, labelled_by: str) -> Reader:
        marker = f"survey-answer-{question.key}"
        kind = question.kind
        if kind is QuestionKind.MULTI:
            boxes = [
                ui.checkbox(option).mark(f"{marker}-{index}")
                for index, option in enumerate(question.options, start=1)
            ]
            return lambda: [box.text for box in boxes if box.value]
        if kind is QuestionKind.TEXT:
            area = ui.textarea(t("Your answer (up to {count} characters)", count=question.max_length))
            area.classes("w-full").props(f"counter maxlength={question.max_length}").mark(marker)
            return lambda: area.value or ""
        choices: dict[object, str]
        if kind in SCALES:
            low, high = SCALES[kind]
            choices = {value: str(value) for value in range(low, high + 1)}
        elif kind is QuestionKind.YES_NO:
            choices = {True: t("Yes"), False: t("No")}
        else:
            choices = {option: option for option in question.options}
        radio = ui.radio(choices).mark(marker)
        radio.props("inline" if kind is not QuestionKind.SINGLE else "")
        radio.props["aria-labelledby"] = labelled_by  # the group is named by its question
        return lambda: radio.value
