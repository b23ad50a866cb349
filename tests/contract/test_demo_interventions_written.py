"""The demo's interventions as the writer leaves them on every SQL backend: the app reads each youth's
back, from their own mentor, on the programme's day."""

from collections import defaultdict
from datetime import date

from sqlalchemy import select

from mb.adapters.db.demo_data import write_programme
from mb.adapters.db.engine import create_engine
from mb.adapters.db.tables import InterventionRow, UserRow
from mb.demo.interventions import DemoIntervention
from mb.demo.programme import generate
from mb.demo.window import Window
from tests.contract.conftest import UowFactory


async def test_demo_interventions_read_back_for_each_youth_from_their_mentor_on_their_day(
    sql_backend_url: str, sql_uow_factory: UowFactory
) -> None:
    programme = generate(5, 30, Window(date(2026, 11, 27), 60))
    engine = create_engine(sql_backend_url)
    try:
        await write_programme(engine, programme, "not-a-real-hash")
        async with engine.connect() as connection:
            emails = dict((await connection.execute(select(UserRow.id, UserRow.email))).all())
            stored_days = sorted(
                (emails[youth_id], on_day)
                for youth_id, on_day in await connection.execute(
                    select(InterventionRow.youth_id, InterventionRow.on_day)
                )
            )
    finally:
        await engine.dispose()
    by_youth: dict[str, list[DemoIntervention]] = defaultdict(list)
    for intervention in programme.interventions:
        by_youth[programme.youth[intervention.youth].email].append(intervention)

    read_back = {}
    async with sql_uow_factory() as uow:
        for email in by_youth:
            youth = await uow.users.get_by_email(email)
            assert youth is not None and youth.id is not None
            read_back[email] = (youth.mentor_id, await uow.interventions.for_youth(youth.id, 10))

    assert programme.interventions
    assert stored_days == sorted((email, i.on_day) for email, found in by_youth.items() for i in found)
    for email, (mentor_id, stored) in read_back.items():
        written = sorted(by_youth[email], key=lambda i: i.at, reverse=True)  # newest first, as read
        assert [(s.kind, s.note, s.outcome, s.at) for s in stored] == [
            (w.kind, w.note, w.outcome, w.at) for w in written
        ]
        assert mentor_id is not None and {s.mentor_id for s in stored} == {mentor_id}
        assert emails[mentor_id] == programme.mentors[written[0].mentor].email
