"""Recording placements on fakes: checked, in the staff member's reach, and followed by surveys."""

from datetime import date, timedelta

import pytest

from mb.bootstrap import Services
from mb.domain.errors import InvalidInput, NotFound, PermissionDenied
from mb.domain.model.flags import Flag
from mb.domain.model.invitation import Audience
from mb.domain.model.placement import PlacementDetails
from mb.domain.model.user import Actor
from tests.conftest import PASSWORD, registration
from tests.fakes import FakeBlobStore, FakeClock, Store, fake_services, make_settings


def job(youth_id: int, **changes: object) -> PlacementDetails:
    fields: dict[str, object] = {
        "youth_id": youth_id,
        "employer_name": "Sunrise Retail",
        "contact_email": " HR@Sunrise.in ",
        "job_title": "Store associate",
        "start_date": date(2026, 11, 20),
    }
    fields.update(changes)
    return PlacementDetails(**fields)  # type: ignore[arg-type]


@pytest.fixture
async def priya(register: object) -> Actor:
    return Actor.of(await register("priya@example.org"))  # type: ignore[operator]


async def test_a_placement_queues_the_youth_and_employer_surveys_after_the_delay(
    services: Services, admin: Actor, priya: Actor, store: Store, clock: FakeClock
) -> None:
    await services.survey_templates.install_starters()

    placement, queued = await services.placements.record(admin, job(priya.user_id))

    assert placement.contact_email == "hr@sunrise.in"
    assert queued == ["Youth feedback after placement", "Employer feedback"]
    invitations = sorted(store.surveys.invitations.values(), key=lambda i: i.audience)
    assert [(i.audience, i.recipient_email) for i in invitations] == [
        (Audience.EMPLOYER, "hr@sunrise.in"),
        (Audience.YOUTH, "priya@example.org"),
    ]
    # 30 days after the start (20 Nov, midnight in India), not after recording.
    assert all(i.send_after.date() == date(2026, 12, 19) for i in invitations)
    assert all(m.next_attempt_at == invitations[0].send_after for m in store.surveys.outbox.values())
    assert store.audit[-1].action == "placement.recorded"
    assert await services.mail_delivery.deliver_due() is not None
    assert all(m.attempts == 0 and m.sent_at is None for m in store.surveys.outbox.values())  # not due yet
    clock.advance(days=22)
    assert (await services.mail_delivery.deliver_due()).sent == 2


async def test_automatic_follow_ups_gather_in_one_distribution_per_template(
    services: Services, admin: Actor, priya: Actor, register: object, store: Store
) -> None:
    await services.survey_templates.install_starters()
    arjun = await register("arjun@example.org")  # type: ignore[operator]
    await services.placements.record(admin, job(priya.user_id))
    await services.placements.record(admin, job(arjun.id, contact_email="boss@shop.in"))
    assert len(store.surveys.distributions) == 2
    assert all(d.automatic for d in store.surveys.distributions.values())


async def test_no_surveys_are_queued_while_distribution_is_off(
    services: Services, admin: Actor, priya: Actor, store: Store
) -> None:
    await services.survey_templates.install_starters()
    await services.flags.set(admin, Flag.SURVEY_DISTRIBUTION, False)
    _, queued = await services.placements.record(admin, job(priya.user_id))
    assert queued == [] and store.surveys.invitations == {}
    assert len(store.surveys.placements) == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"employer_name": "  "}, "employer_name"),
        ({"job_title": ""}, "job_title"),
        ({"contact_email": "not-an-email"}, "contact_email"),
        ({"contact_email": ""}, "contact_email"),
        ({"employer_name": "x" * 201}, "employer_name"),
        ({"start_date": date(2028, 1, 1)}, "start_date"),
    ],
)
async def test_a_bad_placement_is_refused_by_field_and_nothing_is_stored(
    services: Services, admin: Actor, priya: Actor, store: Store, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        await services.placements.record(admin, job(priya.user_id, **changes))
    assert field in refused.value.fields
    assert store.surveys.placements == {}


async def test_mentors_record_placements_for_their_own_caseload_only(
    services: Services, admin: Actor, mentor: Actor, priya: Actor, register: object
) -> None:
    arjun = await register("arjun@example.org")  # type: ignore[operator]
    await services.user_admin.assign_mentor(admin, priya.user_id, mentor.user_id)
    await services.placements.record(mentor, job(priya.user_id))
    with pytest.raises(NotFound):
        await services.placements.record(mentor, job(arjun.id))
    with pytest.raises(PermissionDenied):
        await services.placements.record(priya, job(priya.user_id))
    assert [p.employer_name for p in await services.placements.for_youth(mentor, priya.user_id)] == [
        "Sunrise Retail"
    ]


async def test_without_a_delay_the_surveys_go_at_once(store: Store, clock: FakeClock) -> None:
    services = fake_services(store, clock, FakeBlobStore(), make_settings(mb_placement_survey_delay_days=0))
    admin_user = await services.accounts.ensure_first_admin("admin@example.org", PASSWORD, "Asha")
    assert admin_user is not None
    youth = await services.accounts.register_youth(registration("y@example.org"))
    await services.survey_templates.install_starters()
    await services.placements.record(
        Actor.of(admin_user), job(youth.id or 0, start_date=clock.now().date() - timedelta(days=3))
    )
    assert (await services.mail_delivery.deliver_due()).sent == 2
