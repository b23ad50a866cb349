"""The editor's preview: the unsaved survey drawn by the respondent page's own introduction and
renderer, so what the admin sees is what a respondent will see."""

from datetime import UTC, datetime, timedelta

from nicegui import ui

from mb.domain.model.survey import TemplateDraft
from mb.domain.model.survey_views import SurveyForm
from mb.domain.rules.survey_answers import checked_answers
from mb.ui.i18n import t
from mb.ui.pages.survey_form import SurveyFormView
from mb.ui.pages.survey_response import introduction
from mb.ui.services import services


async def show_preview(draft: TemplateDraft) -> None:
    """A dialog with the survey; trying answers runs the same checks a submission does."""
    expiry = timedelta(days=services().settings.mb_survey_expiry_days)
    survey = SurveyForm(
        template_name=draft.name,
        description=draft.description,
        questions=tuple(draft.questions),
        anonymous=draft.anonymous,
        about="",
        expires_at=datetime.now(UTC) + expiry,
    )
    view = SurveyFormView(survey.questions)
    with ui.dialog() as dialog, ui.card().classes("w-full max-w-2xl").mark("preview"):
        ui.label(t("Preview: what a respondent sees. Nothing is saved or sent.")).classes(
            "text-sm text-gray-700"
        )
        introduction(survey)
        view.build()

        def check() -> None:
            _, problems = checked_answers(survey.questions, view.answers())
            view.show_problems(problems)
            if not problems:
                ui.notify(t("These answers would be accepted."), type="positive")

        with ui.row().classes("w-full justify-end gap-2"):
            ui.button(t("Check the answers"), on_click=check).props("outline").mark("preview-check")
            ui.button(t("Close preview"), on_click=dialog.close).mark("preview-close")
    dialog.open()
    await dialog
    if not dialog.is_deleted:
        dialog.delete()
