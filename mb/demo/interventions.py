"""Mentors stepping in: when one of their youth goes quiet, the mentor calls, messages, meets them
or points them back to a module.

A quiet spell is a run of days without any activity event (learning or a survey answer). From
the 6th quiet day to the 20th the mentor notices with a small chance each day, so long silences
are nearly always followed up and short ones seldom; one intervention per spell, a few per youth
at most, and none once the youth has started a job.
"""

import math
import random
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from mb.demo.activity import DemoAssignment, Learning
from mb.demo.catalogue import CATALOGUE
from mb.demo.intervention_notes import note_and_outcome
from mb.demo.people import DemoPerson
from mb.demo.placements import DemoPlacement
from mb.demo.seeds import random_stream
from mb.demo.surveys import DemoSurveyEvent
from mb.demo.window import Window
from mb.domain.model.assignment import AssignmentStatus
from mb.domain.model.intervention import InterventionKind

QUIET_FROM, QUIET_UNTIL = 6, 20  # days without activity in which a mentor steps in
NOTICE_PER_DAY = 0.08  # the chance, each of those days, that the mentor notices
MAX_PER_YOUTH = 4
CAME_BACK_WITHIN = 7  # days: the outcome reads as a success when the youth was back by then
LONG_SILENCE = 14  # from here mentors call and meet rather than message
TITLES = {module.code: module.title for module in CATALOGUE}
Kind = InterventionKind
KIND_MIX = {  # (after a short silence, after a long one)
    Kind.MESSAGE: (45, 25),
    Kind.CALL: (28, 38),
    Kind.MODULE_ASSIGNED: (12, 7),
    Kind.MEETING: (7, 15),
    Kind.OTHER: (8, 15),
}
HOURS = {  # local minutes: messages go out into the evening, meetings happen in office hours
    Kind.MESSAGE: (9 * 60, 21 * 60),
    Kind.CALL: (10 * 60, 18 * 60 + 30),
    Kind.MODULE_ASSIGNED: (10 * 60, 18 * 60),
    Kind.MEETING: (10 * 60 + 30, 17 * 60),
    Kind.OTHER: (10 * 60, 18 * 60),
}


@dataclass(frozen=True)
class DemoIntervention:
    youth: int  # key
    mentor: int  # key: the youth's own mentor
    kind: InterventionKind
    note: str
    outcome: str
    at: datetime
    on_day: date  # the programme's (local) day
    quiet_days: int  # days without activity when the mentor stepped in


def make_interventions(
    seed: int,
    window: Window,
    *,
    youth: Sequence[DemoPerson],
    learning: Sequence[Learning],
    answers: Sequence[DemoSurveyEvent],
    placements: Sequence[DemoPlacement],
) -> list[DemoIntervention]:
    """Deterministic for a seed (each youth has their own stream); in time order."""
    # Local midnights in UTC, as the events keep time: day i is [starts[i], starts[i + 1]).
    starts = tuple(window.at(day, 0) for day in range(window.days + 1))
    answered: dict[int, list[datetime]] = defaultdict(list)
    for answer in answers:
        answered[answer.youth].append(answer.at)
    working_from = {p.youth: (p.start_date - window.first_day).days for p in placements}
    found: list[DemoIntervention] = []
    for person, learned in zip(youth, learning, strict=True):
        if person.mentor is None:
            continue
        moments = [event.at for event in learned.events] + answered[person.key]
        active = sorted({bisect_right(starts, at) - 1 for at in moments})
        rng = random_stream(seed, "interventions", person.key)
        last = min(window.days, working_from.get(person.key, window.days)) - 1
        found += [
            _intervention(rng, person, learned, spell, window)
            for spell in _spells_noticed(rng, active, last, window.days)
        ]
    return sorted(found, key=lambda i: (i.at, i.youth))


class QuietSpell(NamedTuple):
    since: int  # the last day with activity before it
    noticed: int  # the day the mentor stepped in
    back: int  # the next day with activity (the window's length when that is not in it)


def _spells_noticed(rng: random.Random, active: list[int], last: int, days: int) -> list[QuietSpell]:
    """The quiet spells between the `active` days (and after the last) that the mentor noticed
    by day `last`; in order."""
    noticed = []
    for since, back in zip(active, [*active[1:], days], strict=True):
        first, latest = since + QUIET_FROM, min(since + QUIET_UNTIL, back - 1, last)
        if first > latest:
            continue
        # Days until the mentor notices, each day with the same chance: a geometric draw.
        waited = int(math.log(1.0 - rng.random()) / math.log(1.0 - NOTICE_PER_DAY))
        if first + waited <= latest:
            noticed.append(QuietSpell(since, first + waited, back))
    return sorted(rng.sample(noticed, MAX_PER_YOUTH)) if len(noticed) > MAX_PER_YOUTH else noticed


def _intervention(
    rng: random.Random, person: DemoPerson, learned: Learning, spell: QuietSpell, window: Window
) -> DemoIntervention:
    quiet = spell.noticed - spell.since
    kind = rng.choices(list(KIND_MIX), weights=[mix[quiet >= LONG_SILENCE] for mix in KIND_MIX.values()])[0]
    if kind is Kind.MEETING and window.day(spell.noticed).weekday() == 6:
        kind = Kind.CALL  # the centre is closed on Sundays
    at = window.at(spell.noticed, rng.randint(*HOURS[kind]))
    module = _open_module(rng, learned.assignments, at) if kind is Kind.MODULE_ASSIGNED else None
    if kind is Kind.MODULE_ASSIGNED and module is None:
        kind = Kind.MESSAGE  # nothing left to point them to
    note, outcome = note_and_outcome(
        rng,
        kind,
        first_name=person.full_name.split()[0],
        quiet_days=quiet,
        module=module or "",
        came_back=spell.back - spell.noticed <= CAME_BACK_WITHIN,
    )
    assert person.mentor is not None, "only youth with a mentor are followed up"
    return DemoIntervention(
        person.key, person.mentor, kind, note, outcome, at, window.day(spell.noticed), quiet
    )


def _open_module(rng: random.Random, assignments: Sequence[DemoAssignment], at: datetime) -> str | None:
    """The title of a module the youth held at `at` and had not finished (nor had withdrawn)."""
    held = [
        a.module
        for a in assignments
        if a.assigned_at < at
        and a.status is not AssignmentStatus.INACTIVE
        and (a.completed_at is None or a.completed_at > at)
    ]
    return TITLES[rng.choice(held)] if held else None
