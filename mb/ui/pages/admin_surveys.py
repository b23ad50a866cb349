"""Surveys for admins: the templates and every sending; the editor, sending and results pages."""

from nicegui import ui

from mb.domain.errors import NotFound
from mb.domain.model.flags import Flag
from mb.domain.model.roles import Role
from mb.domain.model.survey import SurveyTemplate
from mb.domain.model.user import Actor
from mb.ui.guard import require_user
from mb.ui.i18n import t
from mb.ui.pages.survey_distributions_list import DistributionsSection
from mb.ui.pages.survey_editor import SurveyEditor
from mb.ui.pages.survey_results_page import ResultsPage
from mb.ui.pages.survey_send import SendPage
from mb.ui.pages.survey_templates_list import TemplatesSection
from mb.ui.pages.survey_text import distribution_off_notice, version_text
from mb.ui.pages.survey_versions import versions_list
from mb.ui.paths import path_id
from mb.ui.services import services

NO_SURVEY = "No such survey."


async def page() -> None:
    actor = await _admin()
    if actor is None:
        return
    can_send = await _can_send()
    _heading(t("Surveys"))
    if not can_send:
        distribution_off_notice()
    templates = TemplatesSection(actor, can_send)
    await templates.load()
    templates.show()
    distributions = DistributionsSection(actor)
    await distributions.load()
    distributions.show()


async def new_survey_page() -> None:
    actor = await _admin()
    if actor is None:
        return
    _back()
    _heading(t("New survey"))
    SurveyEditor(actor, None, []).show()


async def survey_page(template_id: str) -> None:
    actor = await _admin()
    if actor is None:
        return
    template = await services().survey_templates.template(actor, path_id(template_id, NO_SURVEY))
    assert template.id is not None
    versions = await services().survey_templates.versions(actor, template.id)
    _back()
    _heading(version_text(template.name, template.version))
    if not template.current:
        _newer_version_notice(template, versions)
    elif responses := await _responses(actor, template):
        ui.label(
            t(
                "People have answered this survey ({count} so far): saving makes version {next}, "
                "and their answers stay with version {version}.",
                count=responses,
                next=template.version + 1,
                version=template.version,
            )
        ).props('role="note"').mark("versions-note")
    SurveyEditor(actor, template, versions).show()
    versions_list(versions, template.id)


async def send_page(template_id: str) -> None:
    actor = await _admin()
    if actor is None:
        return
    template = await services().survey_templates.template(actor, path_id(template_id, NO_SURVEY))
    _back()
    _heading(t("Send {survey}", survey=version_text(template.name, template.version)))
    if not await _can_send():
        distribution_off_notice()
    elif not template.current:
        _newer_version_notice(template, await services().survey_templates.versions(actor, template.id or 0))
    elif not template.active:
        ui.label(t("This survey is switched off. Switch it on on the Surveys page before sending it.")).mark(
            "survey-inactive"
        )
    else:
        SendPage(actor, template).show()


async def results_page(distribution_id: str) -> None:
    actor = await _admin()
    if actor is None:
        return
    number = path_id(distribution_id, "No such distribution.")
    results = await services().survey_results.results(actor, number)
    await ResultsPage(actor, results, await _can_send()).show()


async def _admin() -> Actor | None:
    signed_in = await require_user(Role.ADMIN)
    return signed_in[1] if signed_in else None


async def _can_send() -> bool:
    return await services().flags.is_enabled(Flag.SURVEY_DISTRIBUTION)


async def _responses(actor: Actor, template: SurveyTemplate) -> int:
    """How many answered this version of `template` (an edit makes a new version once any has)."""
    assert template.id is not None
    return await services().survey_templates.responses_to(actor, template.id)


def _newer_version_notice(template: SurveyTemplate, versions: list[SurveyTemplate]) -> None:
    current = next((v for v in versions if v.current), None)
    if current is None:
        raise NotFound(NO_SURVEY)
    with ui.row().classes("items-center gap-2").props('role="note"').mark("older-version"):
        ui.label(
            t(
                "Version {version} is kept with the answers given to it; "
                "version {current} is the one in use.",
                version=template.version,
                current=current.version,
            )
        )
        ui.link(t("Open version {current}", current=current.version), f"/admin/surveys/{current.id}").classes(
            "text-primary underline"
        )


def _back() -> None:
    ui.link(t("All surveys"), "/admin/surveys").mark("back-to-surveys")


def _heading(text: str) -> None:
    ui.label(text).classes("text-2xl font-semibold").props('role="heading" aria-level="1"').mark(
        "survey-heading"
    )
