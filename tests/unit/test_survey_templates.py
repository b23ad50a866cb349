"""Survey templates on fakes: admins write them; an edit after the first answer is a new version."""

import dataclasses

import pytest

from mb.bootstrap import Services
from mb.domain.errors import Conflict, InvalidInput, PermissionDenied
from mb.domain.model.survey import QuestionKind, SurveyQuestion, TemplateDraft, TemplateType
from mb.domain.model.user import Actor
from tests.fakes import Store
from tests.surveying import send, starting_template, tokens

CHECK_IN = TemplateDraft(
    name=" Monthly check-in ",
    questions=[SurveyQuestion("mood", " How is it going? ", QuestionKind.RATING)],
)


async def test_an_admin_creates_a_template_trimmed_and_audited(
    services: Services, admin: Actor, store: Store
) -> None:
    template = await services.survey_templates.create(admin, CHECK_IN)

    assert (template.name, template.version, template.current) == ("Monthly check-in", 1, True)
    assert template.questions[0].text == "How is it going?"
    assert store.audit[-1].action == "survey_template.created"


async def test_a_template_without_questions_is_refused_and_nothing_is_stored(
    services: Services, admin: Actor, store: Store
) -> None:
    with pytest.raises(InvalidInput) as refused:
        await services.survey_templates.create(admin, TemplateDraft(name="Empty"))
    assert refused.value.fields == {"questions": "Add at least one question."}
    assert store.surveys.templates == {}


async def test_youth_and_mentors_cannot_write_templates(
    services: Services, mentor: Actor, register: object
) -> None:
    with pytest.raises(PermissionDenied):
        await services.survey_templates.create(mentor, CHECK_IN)
    with pytest.raises(PermissionDenied):
        await services.survey_templates.templates(mentor)


async def test_a_template_nobody_answered_is_edited_in_place(services: Services, admin: Actor) -> None:
    template = await services.survey_templates.create(admin, CHECK_IN)
    assert template.id is not None

    saved = await services.survey_templates.save(
        admin, template.id, dataclasses.replace(CHECK_IN, name="Renamed")
    )

    assert (saved.id, saved.version, saved.name) == (template.id, 1, "Renamed")
    assert [t.name for t in await services.survey_templates.versions(admin, template.id)] == ["Renamed"]


async def test_editing_a_template_with_answers_makes_a_new_version_and_keeps_the_old(
    services: Services, admin: Actor, store: Store, register: object
) -> None:
    await register("priya@example.org")  # type: ignore[operator]
    career = await starting_template(services, admin, TemplateType.CAREER)
    assert career.id is not None
    distribution = await send(services, admin, career)
    (token,) = (await tokens(services, admin, store, distribution)).values()
    await services.responding.submit(
        token, {"sectors": ["Retail"], "confidence": 4, "work_mode": "Full time", "relocate": "yes"}
    )

    draft = TemplateDraft(
        name=career.name,
        type=career.type,
        questions=[
            *career.questions,
            SurveyQuestion("extra", "Anything else?", QuestionKind.TEXT, required=False),
        ],
    )
    second = await services.survey_templates.save(admin, career.id, draft)

    assert second.id != career.id
    assert (second.version, second.family_id, second.current) == (2, career.id, True)
    first = await services.survey_templates.template(admin, career.id)
    assert (first.current, len(first.questions)) == (False, 5)
    assert [t.version for t in await services.survey_templates.versions(admin, second.id or 0)] == [1, 2]
    listing = {
        entry.template.id: entry.responses for entry in await services.survey_templates.templates(admin)
    }
    assert listing[second.id] == 1  # the answers of every version count
    assert store.audit[-1].action == "survey_template.new_version"
    with pytest.raises(Conflict):
        await services.survey_templates.save(admin, career.id, draft)
    assert second.id is not None and await services.survey_templates.responses_to(admin, second.id) == 0
    again = await services.survey_templates.save(
        admin, second.id, dataclasses.replace(draft, name="Career plans")
    )
    assert (again.id, again.version) == (second.id, 2)  # nobody answered version 2: edited in place


async def test_the_starting_templates_are_installed_once(services: Services, admin: Actor) -> None:
    assert len(await services.survey_templates.install_starters()) == 3
    assert await services.survey_templates.install_starters() == []
    types = {entry.template.type for entry in await services.survey_templates.templates(admin)}
    assert types == {TemplateType.CAREER, TemplateType.YOUTH_FEEDBACK, TemplateType.EMPLOYER_FEEDBACK}


async def test_a_switched_off_template_cannot_be_sent(
    services: Services, admin: Actor, register: object
) -> None:
    await register("priya@example.org")  # type: ignore[operator]
    template = await services.survey_templates.create(admin, CHECK_IN)
    assert template.id is not None
    await services.survey_templates.set_active(admin, template.id, False)
    with pytest.raises(InvalidInput, match="switched off"):
        await send(services, admin, template)
