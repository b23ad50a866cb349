"""A youth's surveys still to answer, each a tap away from its form."""

from nicegui import ui

from mb.domain.model.roles import Role
from mb.domain.model.survey_views import PendingSurvey
from mb.ui.dates import shown_date
from mb.ui.guard import require_user
from mb.ui.i18n import t
from mb.ui.pages.learn import OPEN_LINK
from mb.ui.services import services


async def page() -> None:
    signed_in = await require_user(Role.YOUTH)
    if signed_in is None:
        return
    _, actor = signed_in
    pending = await services().responding.pending(actor)
    ui.label(t("Your surveys")).classes("text-2xl font-semibold").props('role="heading" aria-level="1"')
    if not pending:
        ui.label(t("No surveys to answer right now. When there is one, it shows here.")).classes(
            "text-lg"
        ).mark("no-surveys")
    for number, survey in enumerate(pending):
        survey_card(number, survey)


def survey_card(number: int, survey: PendingSurvey) -> None:
    name = t(survey.template_name)
    with ui.card().classes("w-full gap-2").mark(f"survey-{number}"):
        ui.label(name).classes("text-xl font-semibold").props('role="heading" aria-level="2"').mark(
            "pending-name"
        )
        count = survey.question_count
        ui.label(t("1 question") if count == 1 else t("{count} questions", count=count))
        ui.label(t("Answer by {date}", date=shown_date(survey.expires_at))).mark("pending-deadline")
        link = ui.link(t("Answer now"), f"/s/{survey.link_token}").classes(OPEN_LINK).mark(f"answer-{number}")
        link.props["aria-label"] = f"{t('Answer now')}: {name}"
