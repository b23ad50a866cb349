"""What the survey template, placement, distribution and response repositories must do in
memory, on SQLite and on PostgreSQL."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from mb.domain.errors import Conflict
from mb.domain.model.invitation import Audience, DeliveryStatus, SurveyResponse
from mb.domain.model.roles import Role
from mb.domain.model.survey import TemplateType
from mb.domain.model.survey_views import DistributionCounts
from tests.contract.survey_builders import (
    QUESTIONS,
    T0,
    TWO_WEEKS,
    UowFactory,
    a_distribution,
    a_placement,
    a_template,
    an_invitation,
    distributions,
    invite,
    placements,
    templates,
)
from tests.contract.test_engagement_repositories import a_user, people

# Templates


async def test_a_template_comes_back_whole_and_a_first_version_is_its_own_family(
    uow_factory: UowFactory,
) -> None:
    (admin,) = await people(uow_factory, a_user("asha@example.org", Role.ADMIN))
    first, second = await templates(
        uow_factory,
        a_template(
            "युवा प्रतिक्रिया — Youth feedback",
            description="Three minutes.\nदूसरी पंक्ति।",
            anonymous=True,
            questions=list(QUESTIONS),
            created_by=admin,
        ),
        a_template("Career check-in", type=TemplateType.CAREER, active=False),
    )

    async with uow_factory() as uow:
        found = await uow.survey_templates.get(first.id or 0)
        other = await uow.survey_templates.get(second.id or 0)
        missing = await uow.survey_templates.get(98765)

    assert first.id is not None and first.family_id == first.id
    assert second.id is not None and second.family_id == second.id != first.id
    assert found == first
    assert found is not None and found.questions == QUESTIONS and found.created_at.utcoffset() == timedelta(0)
    assert found.version == 1 and found.current and found.active and found.anonymous
    assert other == second and other is not None and not other.active and other.type is TemplateType.CAREER
    assert missing is None


async def test_versions_share_a_family_oldest_first_and_each_version_is_stored_once(
    uow_factory: UowFactory,
) -> None:
    (first,) = await templates(uow_factory, a_template("Youth feedback"))
    await templates(uow_factory, a_template("Someone else's"))
    second, third = await templates(
        uow_factory,
        a_template("Youth feedback", family_id=first.family_id, version=3, questions=list(QUESTIONS)),
        a_template("Youth feedback", family_id=first.family_id, version=2),
    )

    async with uow_factory() as uow:
        versions = await uow.survey_templates.versions(first.family_id or 0)
        none = await uow.survey_templates.versions(98765)

    assert [(t.id, t.version) for t in versions] == [(first.id, 1), (third.id, 2), (second.id, 3)]
    assert versions[2].questions == QUESTIONS
    assert none == []
    with pytest.raises(Conflict):
        async with uow_factory() as uow:
            await uow.survey_templates.add(a_template("Again", family_id=first.family_id, version=2))
            await uow.commit()
    async with uow_factory() as uow:
        assert len(await uow.survey_templates.versions(first.family_id or 0)) == 3


async def test_updating_a_template_writes_every_field_and_an_unknown_one_is_an_error(
    uow_factory: UowFactory,
) -> None:
    (template,) = await templates(uow_factory, a_template())
    changed = replace(
        template,
        name="Youth feedback (2026)",
        description="Shorter",
        anonymous=True,
        active=False,
        current=False,
        type=TemplateType.CUSTOM,
        questions=list(QUESTIONS[2:]),
    )

    async with uow_factory() as uow:
        await uow.survey_templates.update(changed)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.survey_templates.get(template.id or 0) == changed

    with pytest.raises(LookupError):
        async with uow_factory() as uow:
            await uow.survey_templates.update(replace(changed, id=98765))


async def test_current_lists_the_newest_version_of_every_template_active_or_not_by_name(
    uow_factory: UowFactory,
) -> None:
    old, gamma = await templates(uow_factory, a_template("Beta"), a_template("Gamma", active=False))
    async with uow_factory() as uow:
        await uow.survey_templates.update(replace(old, current=False))
        await uow.commit()
    new, alpha = await templates(
        uow_factory, a_template("Beta", family_id=old.family_id, version=2), a_template("Alpha")
    )

    async with uow_factory() as uow:
        current = await uow.survey_templates.current()

    assert [(t.name, t.id) for t in current] == [("Alpha", alpha.id), ("Beta", new.id), ("Gamma", gamma.id)]


async def test_the_placement_survey_is_the_current_active_version_of_the_oldest_template_of_its_type(
    uow_factory: UowFactory,
) -> None:
    employer = TemplateType.EMPLOYER_FEEDBACK
    oldest, newer, retired = await templates(
        uow_factory,
        a_template("Employer A", type=employer),
        a_template("Employer B", type=employer),
        a_template("Employer 0", type=employer, active=False),
    )
    async with uow_factory() as uow:
        assert (await uow.survey_templates.current_of_type(employer.value)) == oldest
        assert await uow.survey_templates.current_of_type(TemplateType.CAREER.value) is None
        assert await uow.survey_templates.current_of_type("no such type") is None
        await uow.survey_templates.update(replace(oldest, current=False))
        await uow.commit()
    (second_version,) = await templates(
        uow_factory, a_template("Employer A", type=employer, family_id=oldest.family_id, version=2)
    )
    async with uow_factory() as uow:
        assert await uow.survey_templates.current_of_type(employer.value) == second_version
        await uow.survey_templates.update(replace(second_version, active=False))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.survey_templates.current_of_type(employer.value) == newer
    assert retired.active is False


# Placements


async def test_a_placement_comes_back_whole_and_unknown_ones_find_nothing(uow_factory: UowFactory) -> None:
    priya, staff = await people(
        uow_factory, a_user("priya@example.org"), a_user("m@example.org", Role.MENTOR)
    )
    placement = a_placement(
        priya,
        date(2026, 12, 1),
        employer_name="रिलायंस रिटेल — Reliance Retail",
        job_title="बिक्री सहयोगी",
        recorded_by=staff,
    )
    await placements(uow_factory, placement)

    async with uow_factory() as uow:
        assert await uow.placements.get(placement.id or 0) == placement
        assert await uow.placements.get(98765) is None


async def test_placements_list_newest_start_first_latest_recorded_first_on_ties_per_youth_and_page(
    uow_factory: UowFactory,
) -> None:
    priya, ravi = await people(uow_factory, a_user("priya@example.org"), a_user("ravi@example.org"))
    ids = await placements(
        uow_factory,
        a_placement(priya, date(2026, 10, 1)),
        a_placement(ravi, date(2026, 12, 1)),
        a_placement(priya, date(2026, 12, 1)),
        a_placement(priya, date(2026, 11, 1)),
    )

    async with uow_factory() as uow:
        everyone = await uow.placements.recent(0, 10)
        page = await uow.placements.recent(1, 2)
        hers = await uow.placements.recent(0, 10, youth_id=priya)
        counts = (
            await uow.placements.count(),
            await uow.placements.count(priya),
            await uow.placements.count(0),
        )

    assert [p.id for p in everyone] == [ids[2], ids[1], ids[3], ids[0]]
    assert [p.id for p in page] == [ids[1], ids[3]]
    assert [p.id for p in hers] == [ids[2], ids[3], ids[0]]
    assert counts == (4, 3, 0)


# Distributions


async def test_a_distribution_comes_back_whole_and_the_automatic_one_is_found_per_template(
    uow_factory: UowFactory,
) -> None:
    (admin,) = await people(uow_factory, a_user("asha@example.org", Role.ADMIN))
    first, second = await templates(
        uow_factory, a_template(), a_template("Employer", type=TemplateType.CUSTOM)
    )
    manual = a_distribution(first.id or 0, label="युवा — Youth in Pune", created_by=admin)
    automatic = a_distribution(
        second.id or 0, Audience.EMPLOYER, label="Employers of placements", automatic=True, created_at=T0
    )
    await distributions(uow_factory, manual, automatic)

    async with uow_factory() as uow:
        assert await uow.distributions.get(manual.id or 0) == manual
        assert await uow.distributions.get(automatic.id or 0) == automatic
        assert await uow.distributions.get(98765) is None
        assert await uow.distributions.automatic_for(second.id or 0) == automatic
        assert await uow.distributions.automatic_for(first.id or 0) is None
        assert await uow.distributions.automatic_for(98765) is None


async def test_distributions_list_newest_first_and_count(uow_factory: UowFactory) -> None:
    (template,) = await templates(uow_factory, a_template())
    ids = await distributions(
        uow_factory,
        a_distribution(template.id or 0, created_at=T0),
        a_distribution(template.id or 0, created_at=T0 + timedelta(days=2)),
        a_distribution(template.id or 0, created_at=T0 + timedelta(days=1)),
        a_distribution(template.id or 0, created_at=T0 + timedelta(days=2)),
    )

    async with uow_factory() as uow:
        assert [d.id for d in await uow.distributions.recent(0, 10)] == [ids[3], ids[1], ids[2], ids[0]]
        assert [d.id for d in await uow.distributions.recent(2, 1)] == [ids[2]]
        assert await uow.distributions.count() == 4


async def test_counts_tally_each_distribution_and_an_unknown_or_empty_one_counts_nothing(
    uow_factory: UowFactory,
) -> None:
    (template,) = await templates(uow_factory, a_template())
    main, other, empty = (
        a_distribution(template.id or 0),
        a_distribution(template.id or 0),
        a_distribution(template.id or 0),
    )
    await distributions(uow_factory, main, other, empty)
    now = T0 + timedelta(days=20)
    sent = DeliveryStatus.SENT
    await invite(
        uow_factory,
        an_invitation(main, "queued@example.org"),
        an_invitation(main, "failed@example.org", delivery=DeliveryStatus.FAILED, failure_reason="bounced"),
        an_invitation(main, "sent@example.org", delivery=sent, sent_at=T0),  # expired unanswered
        an_invitation(main, "opened@example.org", delivery=sent, sent_at=T0, opened_at=T0, expires_at=now),
        an_invitation(
            main,
            "done@example.org",
            delivery=sent,
            sent_at=T0,
            opened_at=T0,
            completed_at=T0 + timedelta(days=1),
        ),
        an_invitation(main, "later@example.org", delivery=sent, sent_at=T0, expires_at=now + TWO_WEEKS),
        an_invitation(other, "elsewhere@example.org", delivery=sent, sent_at=T0, expires_at=now + TWO_WEEKS),
    )

    async with uow_factory() as uow:
        counts = await uow.distributions.counts([main.id or 0, other.id or 0, empty.id or 0, 98765], now)

    assert counts == {
        main.id: DistributionCounts(invited=6, queued=1, sent=4, failed=1, opened=2, completed=1, expired=4),
        other.id: DistributionCounts(invited=1, sent=1),
        empty.id: DistributionCounts(),
        98765: DistributionCounts(),
    }
    assert counts[main.id or 0].response_rate == 25.0


# Responses


async def test_responses_come_back_whole_oldest_first_per_distribution_and_per_template(
    uow_factory: UowFactory,
) -> None:
    first, other = await templates(uow_factory, a_template(), a_template("Other"))
    one, two = a_distribution(first.id or 0), a_distribution(other.id or 0)
    await distributions(uow_factory, one, two)
    invitation_ids = await invite(
        uow_factory, an_invitation(one, "a@example.org"), an_invitation(one, "b@example.org")
    )
    named = SurveyResponse(
        template_id=first.id or 0,
        distribution_id=one.id or 0,
        invitation_id=invitation_ids[0],
        answers={"overall": 4, "sectors": ["IT/ITES", "बैंकिंग"], "notes": "धन्यवाद — thanks", "stayed": True},
        submitted_on=date(2026, 11, 29),
        submitted_at=T0 + timedelta(days=1),
    )
    anonymous = [
        SurveyResponse(
            template_id=first.id or 0,
            distribution_id=one.id or 0,
            answers={"overall": n},
            submitted_on=date(2026, 11, 30),
        )
        for n in (1, 2)
    ]
    elsewhere = SurveyResponse(
        template_id=other.id or 0, distribution_id=two.id or 0, answers={}, submitted_on=date(2026, 11, 30)
    )

    async with uow_factory() as uow:
        for response in (named, *anonymous, elsewhere):
            await uow.responses.add(response)
        await uow.commit()

    async with uow_factory() as uow:
        in_one = await uow.responses.for_distribution(one.id or 0)
        for_first = await uow.responses.for_template(first.id or 0)
        for_other = await uow.responses.for_template(other.id or 0)
        unknown = await uow.responses.for_distribution(98765)

    assert in_one == [named, *anonymous] == for_first
    assert in_one[0].answers["sectors"] == ["IT/ITES", "बैंकिंग"] and in_one[1].invitation_id is None
    assert in_one[1].submitted_at is None
    assert for_other == [elsewhere]
    assert unknown == []


async def test_an_invitation_is_answered_once_and_responses_count_across_a_templates_versions(
    uow_factory: UowFactory,
) -> None:
    (first,) = await templates(uow_factory, a_template())
    second, unrelated = await templates(
        uow_factory, a_template(family_id=first.family_id, version=2), a_template("Unrelated")
    )
    one, two, three = (a_distribution(t.id or 0) for t in (first, second, unrelated))
    await distributions(uow_factory, one, two, three)
    (invitation_id,) = await invite(uow_factory, an_invitation(one, "a@example.org"))

    def response(distribution_id: int, template_id: int, invitation: int | None = None) -> SurveyResponse:
        return SurveyResponse(
            template_id=template_id,
            distribution_id=distribution_id,
            invitation_id=invitation,
            submitted_on=date(2026, 11, 29),
        )

    async with uow_factory() as uow:
        await uow.responses.add(response(one.id or 0, first.id or 0, invitation_id))
        await uow.responses.add(response(two.id or 0, second.id or 0))
        await uow.responses.add(response(two.id or 0, second.id or 0))
        await uow.responses.add(response(three.id or 0, unrelated.id or 0))
        await uow.commit()

    with pytest.raises(Conflict):
        async with uow_factory() as uow:
            await uow.responses.add(response(one.id or 0, first.id or 0, invitation_id))
            await uow.commit()
    async with uow_factory() as uow:
        assert await uow.responses.count_for_family(first.family_id or 0) == 3
        assert await uow.responses.count_for_family(unrelated.family_id or 0) == 1
        assert await uow.responses.count_for_family(98765) == 0
        assert [await uow.responses.count_for_template(t.id or 0) for t in (first, second, unrelated)] == [
            1,
            2,
            1,
        ]
        assert await uow.responses.count_for_template(98765) == 0
