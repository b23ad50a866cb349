"""Two mentors' caseloads with synced daily features, as the at-risk board, the caseload and the
youth page tests start from.

On 28 November 2026 (the fake clock's day), with the default weights:

| youth        | mentor | region | score now (reasons)                                   | 7 days ago |
|--------------|--------|--------|-------------------------------------------------------|------------|
| Priya Sharma | Ravi   | MH     | 9 HIGH: inactive > 14 (+4), completion < 30 (+2),     | 8          |
|              |        |        | started none done (+2), no quiz or career (+1)        |            |
| Arjun Rao    | Ravi   | KA     | 4 MEDIUM: inactive > 7 (+3), completion < 50 (+1)     | 1          |
| Sana Khan    | Ravi   | MH     | 0 LOW                                                 | 1          |
| Kabir Singh  | Meera  | DL     | 9 HIGH: inactive > 14 (+4), completion < 30 (+2),     | none       |
|              |        |        | nothing started (+2), no quiz or career (+1)          |            |
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.daily_features import DailyFeatures
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from tests.conftest import PASSWORD
from tests.fakes import Store
from tests.fakes_features import COMPUTED_AT, FakeFeatureSource, features

TODAY = date(2026, 11, 28)
WEEK_AGO = TODAY - timedelta(days=7)
LATER = COMPUTED_AT + timedelta(hours=1)  # rows added after the first sync: the next sync reads them
SLIPPING = {"avg_completion": 10.0, "modules_completed": 0, "quiz_attempts": 0, "career_survey_done": False}


@dataclass(frozen=True)
class Caseloads:
    priya: int
    arjun: int
    sana: int
    kabir: int  # Meera's
    meera: Actor


@pytest.fixture(name="caseloads")
async def caseloads_fixture(
    services: Services,
    store: Store,
    admin: Actor,
    mentor: Actor,
    register: Callable[..., Any],
    feature_source: FakeFeatureSource,
) -> Caseloads:
    """Ravi's three youth and Meera's one, with their features synced from `feature_source`."""
    meera = Actor.of(
        await services.accounts.create_staff(
            admin, "meera@example.org", PASSWORD, Role.MENTOR, "Meera Mentor"
        )
    )
    ids = {}
    for email, name, region, mentor_id in (
        ("priya@example.org", "Priya Sharma", "MH", mentor.user_id),
        ("arjun@example.org", "Arjun Rao", "KA", mentor.user_id),
        ("sana@example.org", "Sana Khan", "MH", mentor.user_id),
        ("kabir@example.org", "Kabir Singh", "DL", meera.user_id),
    ):
        youth = await register(email, full_name=name, region=region)
        store.users[youth.id].mentor_id = mentor_id
        ids[name] = youth.id
    priya, arjun, sana, kabir = ids.values()
    feature_source.rows += [
        features(priya, TODAY, days_inactive=20, **SLIPPING),
        features(priya, WEEK_AGO, days_inactive=13, **SLIPPING),
        features(arjun, TODAY, days_inactive=9, avg_completion=40.0),
        features(arjun, WEEK_AGO, days_inactive=2, avg_completion=40.0),
        features(sana, TODAY),
        features(sana, WEEK_AGO, days_inactive=5),
        features(kabir, TODAY, days_inactive=30, modules_started=0, **SLIPPING),
    ]
    await services.feature_sync.sync(None)
    return Caseloads(priya, arjun, sana, kabir, meera)


def quiet_youth(user_id: int, **changes: object) -> DailyFeatures:
    """A youth doing fine today: risk 0."""
    return features(user_id, TODAY, **changes)


async def log_intervention(user: User, kind: str, note: str = "", outcome: str = "") -> None:
    """In the open intervention dialog: choose `kind` (as the select shows it), type, and save."""
    await user.should_see(marker="intervention-dialog")
    with user.scope(marker="intervention-dialog"):  # the kind's words may be on the page too
        user.find(marker="intervention-kind").click()
        user.find(kind).click()
        if note:
            user.find(marker="intervention-note").type(note)
        if outcome:
            user.find(marker="intervention-outcome").type(outcome)
        user.find(marker="intervention-save").click()
