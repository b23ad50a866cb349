"""The programme the insights page tests read: four youth with daily features on three days and
three interventions, synced from a fake feature source, with every figure worked out by hand.

Days (the programme's calendar): 13 November (the interventions), 20 November (a week before the
latest day) and 27 November (the latest day); the clock stands at 28 November, 15:00 in India.

On 27 November:
- Priya (Maharashtra, registered in November): doing fine — risk 0, LOW; career survey done,
  2 modules started, 1 of 2 completed, 2 badges, active 5 of the last 7 days and 20 of the last 30.
- Arjun (Karnataka, November): 20 days inactive, 10 % average completion, 1 started and none
  completed, no quiz and no career survey — 4 + 2 + 2 + 1 = 9, HIGH; 0 of 2 completed, no badge.
- Meera (Karnataka, November): 8 days inactive, 40 % average completion, 1 started and none
  completed — 3 + 1 + 2 = 6, MEDIUM; career survey done, placed, 0 of 2 completed, no badge,
  active 6 of the last 30 days.
- Kiran (Maharashtra, registered in September): fine — LOW; 3 of 4 completed, 1 badge, placed,
  active 10 of the last 30 days.
Totals: 4 youth, 2 active in the last 7 days, 4 of 10 modules completed (40.0 %), HIGH 1,
MEDIUM 1, LOW 2.

On 20 November (Kiran not yet counted): Priya fine; Arjun 13 days inactive (3, LOW); Meera fine.
Totals: 3 youth, 2 active, 3 of 6 completed (50.0 %), HIGH 0, MEDIUM 0, LOW 3.

On 13 November: Arjun fine (0); Meera 20 days inactive, 10 % completion, started none completed,
no quiz nor career survey (9, HIGH). Totals: 2 youth, 1 active, 1 of 4 completed (25.0 %).

Interventions (by Ravi, their mentor or not — an admin logs them): a call to Arjun and a meeting
with Meera on 13 November — 14 days later Arjun's score went 0 → 9 (worsened), Meera's 9 → 6
(improved) — and a message to Priya on 25 November, not measurable yet.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest

from mb.bootstrap import Services
from mb.domain.model.intervention import InterventionKind
from mb.domain.model.user import Actor
from tests.fakes import FakeClock, Store
from tests.fakes_features import FakeFeatureSource, features

LATEST = date(2026, 11, 27)
WEEK_BEFORE = date(2026, 11, 20)
INTERVENED = date(2026, 11, 13)
SEPTEMBER = datetime(2026, 9, 10, 6, 0, tzinfo=UTC)
INACTIVE_AND_STUCK: dict[str, Any] = {
    "days_inactive": 20,
    "active_days_7": 0,
    "active_days_30": 0,
    "avg_completion": 10.0,
    "modules_started": 1,
    "modules_completed": 0,
    "quiz_attempts": 0,
    "career_survey_done": False,
    "badges_earned": 0,
}


@dataclass(frozen=True)
class InsightsProgramme:
    priya: int
    arjun: int
    meera: int
    kiran: int


@pytest.fixture
async def programme(
    services: Services,
    admin: Actor,
    mentor: Actor,
    register: Callable[..., Any],
    store: Store,
    clock: FakeClock,
    feature_source: FakeFeatureSource,
) -> InsightsProgramme:
    """The programme above — youth registered, their features in the source, interventions logged,
    synced — for a test module that imports this fixture."""
    now = clock.at
    clock.at = SEPTEMBER
    kiran = (await register("kiran@example.org", full_name="Kiran Das", region="MH")).id
    clock.at = now
    priya = (await register("priya@example.org", full_name="Priya Sharma", region="MH")).id
    arjun = (await register("arjun@example.org", full_name="Arjun Rao", region="KA")).id
    meera = (await register("meera@example.org", full_name="Meera Iyer", region="KA")).id
    store.users[priya].mentor_id = mentor.user_id
    feature_source.rows = [
        features(priya, LATEST),
        features(arjun, LATEST, **INACTIVE_AND_STUCK),
        features(
            meera,
            LATEST,
            days_inactive=8,
            active_days_7=0,
            active_days_30=6,
            avg_completion=40.0,
            modules_started=1,
            modules_completed=0,
            badges_earned=0,
            placed=True,
        ),
        features(
            kiran,
            LATEST,
            modules_assigned=4,
            modules_completed=3,
            badges_earned=1,
            active_days_30=10,
            placed=True,
        ),
        features(priya, WEEK_BEFORE),
        features(arjun, WEEK_BEFORE, days_inactive=13, active_days_7=0),
        features(meera, WEEK_BEFORE),
        features(arjun, INTERVENED),
        features(meera, INTERVENED, **INACTIVE_AND_STUCK),
    ]
    clock.at = datetime(2026, 11, 13, 9, 30, tzinfo=UTC)
    await services.interventions.log_intervention(
        admin, arjun, InterventionKind.CALL, "Called about his module"
    )
    await services.interventions.log_intervention(admin, meera, InterventionKind.MEETING, "Met at the centre")
    clock.at = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
    await services.interventions.log_intervention(mentor, priya, InterventionKind.MESSAGE, "Well done")
    clock.at = now
    await services.feature_sync.sync(None)
    return InsightsProgramme(priya, arjun, meera, kiran)
