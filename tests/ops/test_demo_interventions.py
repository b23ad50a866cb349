"""The demo's interventions: a youth's own mentor steps in after they have gone quiet for a while,
within the window, a few times at most, in words a mentor would write."""

from collections import Counter, defaultdict
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from mb.demo.activity import Learning
from mb.demo.interventions import make_interventions
from mb.demo.programme import DemoProgramme, generate
from mb.demo.window import Window
from mb.domain.model.intervention import NOTE_MAX, OUTCOME_MAX, InterventionKind

SEED, YOUTH = 11, 200
WINDOW = Window(date(2026, 11, 20), 120)
IST = ZoneInfo("Asia/Kolkata")
QUIET_FROM, QUIET_UNTIL = 6, 20  # days without activity before a mentor steps in
MAX_PER_YOUTH = 4


@pytest.fixture(scope="module")
def programme() -> DemoProgramme:
    return generate(SEED, YOUTH, WINDOW)


def active_days(programme: DemoProgramme) -> dict[int, set[date]]:
    """Each youth's local days with any activity event, found from the events themselves."""
    days: dict[int, set[date]] = defaultdict(set)
    for event in programme.events():
        days[event.youth].add(event.at.astimezone(IST).date())
    for answer in programme.surveys.events():
        days[answer.youth].add(answer.at.astimezone(IST).date())
    return days


def test_the_same_seed_gives_the_same_interventions_and_another_seed_others(programme: DemoProgramme) -> None:
    again = generate(SEED, YOUTH, WINDOW)
    other = generate(SEED + 1, YOUTH, WINDOW)

    assert programme.interventions and programme.interventions == again.interventions
    assert [(i.youth, i.at) for i in programme.interventions] != [
        (i.youth, i.at) for i in other.interventions
    ]
    assert f"{len(programme.interventions):,} interventions" in programme.summary()


def test_only_the_youths_own_mentor_steps_in_and_only_after_they_registered(programme: DemoProgramme) -> None:
    for intervention in programme.interventions:
        youth = programme.youth[intervention.youth]
        assert intervention.mentor == youth.mentor
        assert intervention.at > youth.created_at + timedelta(days=QUIET_FROM - 1)


def test_mentors_step_in_after_six_to_twenty_quiet_days_and_before_the_youth_is_back(
    programme: DemoProgramme,
) -> None:
    days = active_days(programme)

    for intervention in programme.interventions:
        seen = days[intervention.youth]
        quiet_since = intervention.on_day - timedelta(days=intervention.quiet_days)
        assert QUIET_FROM <= intervention.quiet_days <= QUIET_UNTIL
        assert quiet_since in seen
        assert not any(quiet_since < day <= intervention.on_day for day in seen)
    assert len({i.quiet_days for i in programme.interventions}) > 5


def test_interventions_lie_in_the_window_at_a_working_hour_on_their_local_day(
    programme: DemoProgramme,
) -> None:
    for intervention in programme.interventions:
        local = intervention.at.astimezone(IST)
        assert WINDOW.first_day <= intervention.on_day <= WINDOW.last_day
        assert local.date() == intervention.on_day
        assert time(9) <= local.time() <= time(21)
    assert programme.interventions == sorted(programme.interventions, key=lambda i: (i.at, i.youth))


def test_a_few_per_youth_at_most_and_none_once_a_youth_has_started_a_job(programme: DemoProgramme) -> None:
    per_youth = Counter(i.youth for i in programme.interventions)
    started = {p.youth: p.start_date for p in programme.placements}

    assert max(per_youth.values()) <= MAX_PER_YOUTH
    assert YOUTH / 5 < len(per_youth) < YOUTH
    assert all(i.on_day < started.get(i.youth, date.max) for i in programme.interventions)


def test_every_kind_appears_messages_and_calls_most_and_notes_read_as_a_mentor_writes(
    programme: DemoProgramme,
) -> None:
    kinds = Counter(i.kind for i in programme.interventions)
    titles = {module.title for module in programme.modules}

    assert set(kinds) == set(InterventionKind)
    assert {kind for kind, _ in kinds.most_common(2)} == {InterventionKind.MESSAGE, InterventionKind.CALL}
    for intervention in programme.interventions:
        first_name = programme.youth[intervention.youth].full_name.split()[0]
        assert first_name in intervention.note and str(intervention.quiet_days) in intervention.note
        assert 0 < len(intervention.note) <= NOTE_MAX and 0 < len(intervention.outcome) <= OUTCOME_MAX
        assert "{" not in intervention.note
        if intervention.kind is InterventionKind.MODULE_ASSIGNED:
            assert any(title in intervention.note for title in titles)


def test_a_quiet_spell_still_going_at_the_end_of_the_window_is_followed_up_once() -> None:
    """Youth seen only the day they registered: most hear from their mentor 6 to 20 days later."""
    programme = generate(SEED, 60, Window(date(2026, 11, 20), 40))
    registered_only = [
        Learning(learning.persona, events=learning.events[:1]) for learning in programme.learning
    ]

    found = make_interventions(
        SEED, programme.window, youth=programme.youth, learning=registered_only, answers=[], placements=[]
    )

    assert max(Counter(i.youth for i in found).values()) == 1
    assert len(found) > len(programme.youth) / 2  # long silences are nearly always followed up
    for intervention in found:
        registered = programme.youth[intervention.youth].created_at.astimezone(IST).date()
        assert intervention.on_day - registered == timedelta(days=intervention.quiet_days)
