"""The demo data writer on every SQL backend: the app reads back what it wrote and carries on."""

from datetime import UTC, date, datetime

from mb.adapters.db.demo_data import (
    DatabaseContents,
    database_contents,
    survey_templates_in_use,
    write_programme,
)
from mb.adapters.db.engine import create_engine
from mb.demo.catalogue import CATALOGUE
from mb.demo.programme import generate
from mb.demo.surveys import starter_setup
from mb.demo.window import Window
from mb.domain.model.invitation import Audience
from mb.domain.model.roles import Role
from mb.domain.model.survey import TemplateType
from mb.domain.model.survey_policy import SurveyPolicy
from mb.domain.model.user import User
from mb.domain.rules.survey_tokens import token_hash
from tests.contract.conftest import UowFactory

YOUTH = 20


async def test_demo_data_reads_back_through_the_repositories_and_new_rows_follow_it(
    sql_backend_url: str, sql_uow_factory: UowFactory
) -> None:
    programme = generate(5, YOUTH, Window(date(2026, 11, 27), 14))
    engine = create_engine(sql_backend_url)
    try:
        await write_programme(engine, programme, "not-a-real-hash")
        found = await database_contents(engine)
    finally:
        await engine.dispose()
    first, learning = programme.youth[0], programme.learning[0]

    async with sql_uow_factory() as uow:
        youth = await uow.users.get_by_email(first.email)
        assert youth is not None and youth.id is not None and youth.mentor_id is not None
        mentor = await uow.users.get(youth.mentor_id)
        codes = {module.id: module.code for module in await uow.modules.all()}
        held = await uow.assignments.for_user(youth.id)
        with_quiz = await uow.modules.get_by_code(CATALOGUE[0].code)
        newcomer = await uow.users.add(
            User(
                email="new@example.org",
                password_hash="x",
                role=Role.YOUTH,
                full_name="New",
                created_at=datetime.now(UTC),
            )
        )
        await uow.commit()

    assert found == DatabaseContents(youth=YOUTH, modules=len(CATALOGUE), admins=0, demo_people=YOUTH + 1)
    assert youth.student_id == first.student_id and youth.sector_interests == list(first.sector_interests)
    assert mentor is not None and mentor.email == programme.mentors[0].email
    assert sorted(codes[a.module_id] for a in held) == sorted(a.module for a in learning.assignments)
    assert with_quiz is not None and with_quiz.quiz == CATALOGUE[0].quiz
    assert newcomer.id == YOUTH + 2  # the ids go on after the demo accounts


async def test_demo_surveys_read_back_their_links_find_their_invitations_and_no_mail_waits(
    sql_backend_url: str, sql_uow_factory: UowFactory
) -> None:
    window = Window(date(2026, 11, 27), 120)
    policy = SurveyPolicy(secret_key="contract-secret", public_url="http://localhost:8501")
    programme = generate(5, 40, window, starter_setup(policy, window.at(0, 0)))
    surveys = programme.surveys
    engine = create_engine(sql_backend_url)
    try:
        await write_programme(engine, programme, "not-a-real-hash")
        in_use = await survey_templates_in_use(engine)
    finally:
        await engine.dispose()
    employer = next(i for i in surveys.invitations if i.audience is Audience.EMPLOYER)
    placement = programme.placements[employer.placement or 0]
    career = sum(1 for r in surveys.responses() if r.template is TemplateType.CAREER)

    async with sql_uow_factory() as uow:
        found = [
            await uow.invitations.by_token_hash(token_hash(policy.token(i.token_seed)))
            for i in surveys.invitations
        ]
        rated = await uow.users.get_by_email(programme.youth[employer.youth].email)
        about = await uow.placements.get(found[surveys.invitations.index(employer)].placement_id or 0)
        career_answers = await uow.responses.for_template(in_use[TemplateType.CAREER].id or 0)
        waiting = await uow.outbox.pending()
        placed = await uow.placements.count()

    assert sorted(in_use) == sorted(surveys.templates) and all(t.id for t in in_use.values())
    assert all(t.id is None for t in surveys.templates.values())  # the programme can be written again
    assert [i.recipient_email if i else None for i in found] == [
        i.recipient_email for i in surveys.invitations
    ]
    assert rated is not None and about is not None and about.youth_id == rated.id
    assert (about.employer_name, about.start_date) == (placement.employer_name, placement.start_date)
    assert placed == len(programme.placements) and len(career_answers) == career > 0
    assert waiting == 0
