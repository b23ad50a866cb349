"""Write a survey template: name, type, description, anonymity and its questions; save and preview."""

import re
from collections.abc import Sequence

from nicegui import ui

from mb.domain.errors import DomainError, InvalidInput
from mb.domain.model.survey import SurveyTemplate, TemplateDraft, TemplateType
from mb.domain.model.user import Actor
from mb.ui.frame import shell
from mb.ui.i18n import t
from mb.ui.pages.survey_draft import QuestionDraft
from mb.ui.pages.survey_preview import show_preview
from mb.ui.pages.survey_questions import QuestionsEditor
from mb.ui.pages.survey_text import TYPES
from mb.ui.services import services

QUESTION_FIELD = re.compile(r"^q(\d+)$")  # the template rules name questions by place: q1, q2, …


class SurveyEditor:
    """One per page view. `template` None writes a new survey; `versions` are all of its versions."""

    def __init__(
        self, actor: Actor, template: SurveyTemplate | None, versions: Sequence[SurveyTemplate]
    ) -> None:
        self.actor = actor
        self.template = template
        taken = {question.key for version in versions for question in version.questions}
        shown = template or TemplateDraft(name="")
        self.questions = QuestionsEditor(
            [QuestionDraft.of(q) for q in shown.questions], taken, on_change=self._hide_summary
        )

    def show(self) -> None:
        shown = self.template or TemplateDraft(name="")
        with ui.card().classes("w-full").mark("survey-details"):
            with ui.element("div").classes("grid grid-cols-1 sm:grid-cols-2 gap-x-4 w-full"):
                self.name = ui.input(t("Name"), value=shown.name).mark("survey-name-input")
                self.type = ui.select(
                    {kind.value: t(label) for kind, label in TYPES.items()},
                    label=t("Type"),
                    value=shown.type.value,
                ).mark("survey-type")
                self.description = (
                    ui.textarea(t("Description (shown above the questions)"), value=shown.description)
                    .classes("sm:col-span-2")
                    .mark("survey-description-input")
                )
            for field in (self.name, self.type, self.description):
                field.classes("w-full")
            self.anonymous = ui.checkbox(
                t("Anonymous: answers are never linked to the people who gave them"), value=shown.anonymous
            ).mark("survey-anonymous-input")
        for changing in (self.name, self.type, self.description, self.anonymous):
            changing.on_value_change(self._hide_summary)
        self.questions.show()
        self.summary = (
            ui.label().classes("text-red-800 font-medium").props('role="alert"').mark("survey-error")
        )
        self.summary.set_visibility(False)
        with ui.row().classes("gap-2"):
            ui.button(t("Preview"), icon="visibility", on_click=self.preview).props("outline").mark("preview")
            if self.template is None or self.template.current:
                label = t("Create survey") if self.template is None else t("Save survey")
                ui.button(label, icon="save", on_click=self.save).mark("save-survey")

    def draft(self) -> TemplateDraft:
        return TemplateDraft(
            name=str(self.name.value or ""),
            type=TemplateType(self.type.value or TemplateType.CUSTOM),
            description=str(self.description.value or ""),
            anonymous=bool(self.anonymous.value),
            questions=[draft.question() for draft in self.questions.drafts],
        )

    async def preview(self) -> None:
        await show_preview(self.draft())

    async def save(self) -> None:
        self._show_problems({})
        draft, template = self.draft(), self.template
        try:
            if template is None or template.id is None:
                saved = await services().survey_templates.create(self.actor, draft)
            else:
                saved = await services().survey_templates.save(self.actor, template.id, draft)
        except InvalidInput as error:
            self._show_problems(error.fields)
            return
        except DomainError as error:
            self.summary.text = t(error.message)
            self.summary.set_visibility(True)
            return
        if template is None:
            ui.notify(t("“{name}” created.", name=saved.name), type="positive")
        elif saved.id != template.id:
            message = t(
                "People had already answered, so this is saved as version {version}; "
                "their answers stay with version {old}.",
                version=saved.version,
                old=template.version,
            )
            ui.notify(message, type="positive", multi_line=True)
        else:
            ui.notify(t("“{name}” saved.", name=saved.name), type="positive")
            shell().reopen_page()  # edited in place: the same page, drawn from what was stored
            return
        ui.navigate.to(f"/admin/surveys/{saved.id}")

    def _hide_summary(self) -> None:
        """Once the admin changes something the summary may no longer be true: the next save says
        again what is wrong. The messages by each field stay until then."""
        self.summary.set_visibility(False)

    def _show_problems(self, fields: dict[str, str]) -> None:
        self.name.error = t(fields["name"]) if "name" in fields else None
        self.description.error = t(fields["description"]) if "description" in fields else None
        by_position = {
            int(match.group(1)): t(message)
            for name, message in fields.items()
            if (match := QUESTION_FIELD.match(name))
        }
        self.questions.show_problems(t(fields["questions"]) if "questions" in fields else "", by_position)
        known = {"name", "description", "questions"} | {f"q{n}" for n in by_position}
        leftovers = [t(message) for name, message in fields.items() if name not in known]
        self.summary.text = " ".join(leftovers) or t("Please correct what is marked above.")
        self.summary.set_visibility(bool(fields))
