"""The editor's list of questions: add, remove, reorder; wording, kind, options, limit, required."""

from collections.abc import Callable, Iterable
from typing import Any

from nicegui import ui
from nicegui.elements.mixins.value_element import ValueElement

from mb.domain.model.survey import CHOICE_KINDS, Feeds, QuestionKind
from mb.ui.i18n import t
from mb.ui.icon_button import icon_button
from mb.ui.pages.survey_draft import QuestionDraft, next_key
from mb.ui.pages.survey_text import KINDS


class QuestionsEditor:
    """Holds the drafts while the admin writes; `taken` are the keys every saved version used."""

    def __init__(
        self, drafts: list[QuestionDraft], taken: Iterable[str], on_change: Callable[[], None] = lambda: None
    ) -> None:
        self.drafts = drafts
        self.taken = set(taken)
        self.problem = ""  # about the list as a whole ("Add at least one question.")
        self.on_change = on_change  # anything the admin changes in a question, or in the list

    @ui.refreshable_method
    def show(self) -> None:
        with ui.column().classes("w-full gap-3").mark("questions"):
            ui.label(t("Questions")).classes("text-lg font-semibold").props('role="heading" aria-level="2"')
            if self.problem:
                ui.label(self.problem).classes("text-red-800 font-medium").props('role="alert"').mark(
                    "questions-problem"
                )
            if not self.drafts:
                ui.label(t("No questions yet.")).mark("no-questions")
            for index, draft in enumerate(self.drafts):
                self._card(index, draft)
            ui.button(t("Add a question"), icon="add", on_click=self.add).props("outline").mark(
                "add-question"
            )

    def show_problems(self, whole: str, by_position: dict[int, str]) -> None:
        """Messages from the service: one for the list, others by question position (1-based)."""
        self.problem = whole
        for number, draft in enumerate(self.drafts, start=1):
            draft.problem = by_position.get(number, "")
        self.show.refresh()

    def _card(self, index: int, draft: QuestionDraft) -> None:
        number = index + 1
        name = t("Question {number}", number=number)
        card = ui.card().classes("w-full").props('flat bordered role="group"').mark(f"question-{number}")
        card.props["aria-label"] = name  # its fields' labels repeat in every question
        with card:
            with ui.row().classes("w-full items-center no-wrap gap-1"):
                ui.label(name).classes("font-semibold grow")
                self._tool("arrow_upward", t("Move question {number} up", number=number), index, -1)
                self._tool("arrow_downward", t("Move question {number} down", number=number), index, 1)
                icon_button(
                    "delete", t("Remove question {number}", number=number), lambda: self.remove(draft)
                ).mark(f"remove-question-{number}")
            fields: list[ValueElement[Any]] = []
            fields.append(
                ui.textarea(t("Question"))
                .bind_value(draft, "text")
                .classes("w-full")
                .props("autogrow")
                .mark(f"question-{number}-text")
            )
            with ui.row().classes("w-full items-center gap-x-4 gap-y-1 flex-wrap"):
                kinds = {k.value: t(label) for k, label in KINDS.items()}
                fields.append(
                    ui.select(kinds, label=t("Kind of answer"))
                    .bind_value(draft, "kind")
                    .classes("min-w-48")
                    .mark(f"question-{number}-kind")
                )
                fields.append(
                    ui.checkbox(t("Required"))
                    .bind_value(draft, "required")
                    .mark(f"question-{number}-required")
                )
            fields.append(
                ui.textarea(t("Options, one per line"))
                .bind_value(draft, "options")
                .bind_visibility_from(draft, "kind", backward=lambda kind: kind in CHOICE_KINDS)
                .classes("w-full")
                .mark(f"question-{number}-options")
            )
            fields.append(
                ui.number(t("Longest answer (characters)"), step=1)
                .bind_value(draft, "max_length")
                .bind_visibility_from(draft, "kind", backward=lambda kind: kind == QuestionKind.TEXT)
                .classes("w-64 max-w-full")
                .mark(f"question-{number}-max_length")
            )
            for field in fields:
                field.on_value_change(self.on_change)
            if draft.feeds is Feeds.SECTOR_INTERESTS:
                ui.label(t("Answers also update the youth's sector interests.")).classes("text-sm")
            ui.label(t("Key in exports: {key}", key=draft.key)).classes("text-sm text-gray-700")
            if draft.problem:
                ui.label(draft.problem).classes("text-red-800 font-medium").props('role="alert"').mark(
                    f"question-{number}-problem"
                )

    def _tool(self, icon: str, label: str, index: int, step: int) -> None:
        button = icon_button(icon, label, self._mover(index, step))
        button.mark(f"{'up' if step < 0 else 'down'}-question-{index + 1}")
        button.set_enabled(0 <= index + step < len(self.drafts))

    def _mover(self, index: int, step: int) -> Callable[[], None]:
        def move() -> None:
            drafts = self.drafts
            drafts[index], drafts[index + step] = drafts[index + step], drafts[index]
            self._changed()

        return move

    def add(self) -> None:
        self.drafts.append(QuestionDraft(key=next_key(self.taken | {d.key for d in self.drafts})))
        self._changed()

    def remove(self, draft: QuestionDraft) -> None:
        self.drafts.remove(draft)
        self._changed()

    def _changed(self) -> None:
        """Messages name questions by their place, which has just changed: they no longer apply."""
        self.show_problems("", {})
        self.on_change()
