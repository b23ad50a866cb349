"""The demo data writer on every SQL backend: the app reads back what it wrote and carries on."""

from datetime import UTC, date, datetime

from mb.adapters.db.demo_data import DatabaseContents, database_contents, write_programme
from mb.adapters.db.engine import create_engine
from mb.demo.catalogue import CATALOGUE
from mb.demo.programme import generate
from mb.demo.window import Window
from mb.domain.model.roles import Role
from mb.domain.model.user import User
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
