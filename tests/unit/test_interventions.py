"""Logging interventions on fakes: checked, within the mentor's caseload, shown on the board."""

from datetime import date

import pytest

from mb.bootstrap import Services
from mb.domain.errors import InvalidInput, NotFound, PermissionDenied
from mb.domain.model.insights import BoardQuery
from mb.domain.model.intervention import NOTE_MAX, InterventionKind
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor, User
from tests.conftest import PASSWORD
from tests.fakes import FakeClock
from tests.fakes_features import FakeFeatureSource, features

DAY = date(2026, 11, 27)


@pytest.fixture
async def priya(services: Services, register: object, admin: Actor, mentor: Actor) -> User:
    youth: User = await register("priya@example.org")  # type: ignore[operator]
    assert youth.id is not None
    await services.user_admin.assign_mentor(admin, youth.id, mentor.user_id)
    return youth


async def test_a_mentor_logs_an_intervention_and_the_board_shows_the_last_contact(
    services: Services, priya: User, mentor: Actor, clock: FakeClock, feature_source: FakeFeatureSource
) -> None:
    assert priya.id is not None
    feature_source.rows = [features(priya.id, DAY)]
    await services.feature_sync.sync(None)
    before = await services.insights.at_risk(mentor, BoardQuery())
    assert before.rows[0].last_contact is None

    logged = await services.interventions.log_intervention(
        mentor, priya.id, "call", "  Talked about the retail module. ", "Will finish by Friday"
    )

    assert (logged.kind, logged.note, logged.mentor_id) == (
        InterventionKind.CALL,
        "Talked about the retail module.",
        mentor.user_id,
    )
    after = await services.insights.at_risk(mentor, BoardQuery())
    assert after.rows[0].last_contact is not None
    assert (after.rows[0].last_contact.at, after.rows[0].last_contact.kind) == (
        clock.now(),
        InterventionKind.CALL,
    )
    assert [i.id for i in await services.interventions.for_youth(mentor, priya.id)] == [logged.id]


async def test_a_mentor_cannot_log_for_another_mentors_youth(
    services: Services, priya: User, admin: Actor
) -> None:
    other = Actor.of(
        await services.accounts.create_staff(
            admin, "other@example.org", PASSWORD, Role.MENTOR, "Other Mentor"
        )
    )
    assert priya.id is not None

    with pytest.raises(NotFound):
        await services.interventions.log_intervention(other, priya.id, "call", "hello")
    with pytest.raises(NotFound):
        await services.interventions.for_youth(other, priya.id)


async def test_youth_cannot_log_interventions(services: Services, priya: User) -> None:
    assert priya.id is not None
    with pytest.raises(PermissionDenied):
        await services.interventions.log_intervention(Actor.of(priya), priya.id, "call", "")


@pytest.mark.parametrize(
    ("kind", "note", "outcome", "field"),
    [
        ("telepathy", "", "", "kind"),
        ("call", "x" * (NOTE_MAX + 1), "", "note"),
        ("meeting", "", "y" * 501, "outcome"),
    ],
)
async def test_bad_input_is_refused_with_a_message_per_field_and_nothing_stored(
    services: Services, priya: User, mentor: Actor, kind: str, note: str, outcome: str, field: str
) -> None:
    assert priya.id is not None
    with pytest.raises(InvalidInput) as refused:
        await services.interventions.log_intervention(mentor, priya.id, kind, note, outcome)

    assert list(refused.value.fields) == [field]
    assert await services.interventions.for_youth(mentor, priya.id) == []


async def test_an_admin_logs_for_anyone_and_unicode_notes_are_kept(
    services: Services, priya: User, admin: Actor
) -> None:
    assert priya.id is not None
    note = "फ़ोन किया — अगले हफ़्ते मिलेंगे"

    logged = await services.interventions.log_intervention(admin, priya.id, InterventionKind.MESSAGE, note)

    assert logged.note == note and logged.mentor_id == admin.user_id


async def test_an_unknown_youth_is_not_found(services: Services, mentor: Actor) -> None:
    with pytest.raises(NotFound):
        await services.interventions.log_intervention(mentor, 987654, "call", "")
