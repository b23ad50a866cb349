"""A survey answered through its link, without signing in, mostly on a phone."""

from nicegui import ui

from mb.domain.errors import DomainError, InvalidInput
from mb.domain.model.survey_views import SurveyForm
from mb.domain.services.responding import LinkNotUsable
from mb.ui.dates import shown_date
from mb.ui.i18n import t
from mb.ui.pages.survey_form import SurveyFormView, survey_heading
from mb.ui.services import services

HEADING = 'role="heading" aria-level="1"'


async def page(token: str) -> None:
    await SurveyResponse(token).show()


async def no_token_page() -> None:
    """/s/ with no token at all: the same page as for any link that cannot be answered."""
    link_not_usable(LinkNotUsable())


class SurveyResponse:
    """One per tab: the form as typed, kept through every refused submission."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.busy = False

    async def show(self) -> None:
        try:
            survey = await services().responding.open(self.token)
        except LinkNotUsable as error:
            link_not_usable(error)
            return
        with ui.column().classes("w-full max-w-2xl mx-auto gap-4") as self.content:
            introduction(survey)
            self.form = SurveyFormView(survey.questions)
            self.form.build()
            self.problem = ui.label().classes("text-red-800 font-medium").props('role="alert"')
            self.problem.mark("survey-problem").set_visibility(False)
            self.button = ui.button(t("Submit answers"), on_click=self.submit)
            self.button.classes("w-full sm:w-auto").props("size=lg").mark("submit-survey")

    async def submit(self) -> None:
        if self.busy:  # a second click before the first one's answer came back
            return
        self.busy = True
        self.button.disable()
        self.problem.set_visibility(False)
        try:
            await services().responding.submit(self.token, self.form.answers())
        except LinkNotUsable as error:
            self.content.clear()
            with self.content:
                link_not_usable(error)
            return
        except InvalidInput as error:
            self.form.show_problems(dict(error.fields))
            self.explain(t("Some answers need attention: see the messages by the questions."))
            return
        except DomainError as error:
            self.explain(t(error.message))
            return
        self.content.clear()
        with self.content:
            thank_you()

    def explain(self, message: str) -> None:
        self.problem.text = message
        self.problem.set_visibility(True)
        self.button.enable()
        self.busy = False


def introduction(survey: SurveyForm) -> None:
    about = t("About: {about}", about=survey.about) if survey.about else ""
    survey_heading(survey.template_name, survey.description, about)
    if survey.anonymous:
        ui.label(t("Your answers are anonymous: nothing links them to you.")).classes(
            "text-sm bg-blue-50 text-blue-900 px-3 py-2 rounded"
        ).mark("survey-anonymous")
    ui.label(t("Please answer by {date}.", date=shown_date(survey.expires_at))).classes(
        "text-sm text-gray-700"
    ).mark("survey-deadline")


def link_not_usable(error: LinkNotUsable) -> None:
    """The same words for every link that cannot be answered, whatever the reason."""
    with ui.card().classes("w-full max-w-2xl mx-auto").mark("link-not-usable"):
        with ui.row().classes("items-center gap-2 no-wrap"):
            ui.icon("link_off").classes("text-2xl text-gray-800").props('aria-hidden="true"')
            ui.label(t("Survey link")).classes("text-2xl font-semibold").props(HEADING)
        ui.label(t(error.message)).classes("text-lg").props('role="alert"')


def thank_you() -> None:
    with ui.card().classes("w-full").mark("survey-thanks"):
        with ui.row().classes("items-center gap-2 no-wrap"):
            ui.icon("check_circle").classes("text-3xl text-positive").props('aria-hidden="true"')
            ui.label(t("Thank you!")).classes("text-2xl font-semibold").props(HEADING)
        ui.label(t("Your answers are saved. You can close this page."))
