"""A small, hand-made programme and the daily features it must give, worked out by hand.

Written straight into the app's tables, so any computation of the features (the local SQL, the
lakehouse job on Spark) can be run over it and compared with `FeatureFixture.expected`.

The days are D = 10 March 2026 and the day after, in Asia/Kolkata (UTC+05:30, no daylight
saving). Local midnight there is 18:30 UTC, so an event at 00:10 on the 11th in Kolkata is
still the 10th in UTC: the youth below have events on both sides of that line to prove the
features count local days. Each youth stands for some rules:

- Asha (2): never active; registration alone sets days inactive; an invitation made just before
  and one just after midnight.
- Bilal (3): registered and active on D only; a streak of one that lives on the next day.
- Chitra (4): a streak with a gap and an event at 00:01 local (a UTC day would break it);
  completed, started and withdrawn assignments; quiz attempts, points and badges on both sides
  of midnight; a career survey answered.
- Dev (5): learnt on D-1 but not D (the streak lives from yesterday, then dies); progress 100 but
  not completed (counts 99); the first days of the 7- and 30-day windows; an invitation expiring
  between the two days and one answered on the second; a placement starting on the second day;
  points taken away by an admin.
- Esha (6): long inactive, placed before D; a withdrawn and a late-assigned module; expired and
  employer invitations (neither pending); a badge after D.
- Farid (7) is deactivated and Meera (1) a mentor: never counted. Gita (8) registers at 00:10
  local on the day after D (18:40 UTC on D): counted from that day only. Hari (9) registers at
  23:50 local on D with no activity at all.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from mb.adapters.db.tables import (
    ActivityRow,
    AssignmentRow,
    BadgeRow,
    Base,
    DistributionRow,
    InvitationRow,
    ModuleRow,
    PlacementRow,
    PointsEntryRow,
    QuizAttemptRow,
    SurveyTemplateRow,
    UserRow,
)
from mb.domain.model.daily_features import FEATURE_COLUMNS, DailyFeatures

TIMEZONE = "Asia/Kolkata"
ZONE = ZoneInfo(TIMEZONE)
D = date(2026, 3, 10)
NEXT = date(2026, 3, 11)
COMPUTED_AT = datetime(2026, 3, 11, 19, 0, tzinfo=UTC)  # 00:30 on 12 March in Kolkata
MEERA, ASHA, BILAL, CHITRA, DEV, ESHA, FARID, GITA, HARI = range(1, 10)
CAREER, FEEDBACK, EMPLOYER = 1, 2, 3  # survey templates, one distribution each (same ids)
M1, M2, M3, M4 = 1, 2, 3, 4  # modules


@dataclass(frozen=True)
class FeatureFixture:
    timezone: str
    computed_at: datetime  # the clock to compute at: the expected feature_timestamp
    days: tuple[date, ...]
    expected: dict[date, tuple[DailyFeatures, ...]]  # each day's rows, by user_id


async def build_feature_fixture(engine: AsyncEngine) -> FeatureFixture:
    """Write the programme into an empty, migrated database; return what it must give."""
    programme = _programme()
    async with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:  # parents before children
            if rows := programme.rows.get(table.name):
                await connection.execute(insert(table), rows)
    return FeatureFixture(TIMEZONE, COMPUTED_AT, (D, NEXT), _expected())


def ist(month: int, day: int, hour: int, minute: int, year: int = 2026) -> datetime:
    """A Kolkata wall-clock time, as the aware UTC moment the app stores."""
    return datetime(year, month, day, hour, minute, tzinfo=ZONE).astimezone(UTC)


def _programme() -> "_Rows":
    p = _Rows()
    p.user(MEERA, "Meera", ist(1, 2, 9, 0), role="mentor")
    for module in (M1, M2, M3, M4):
        p.module(module)
    for template, kind, audience in (
        (CAREER, "career", "youth"),
        (FEEDBACK, "youth_feedback", "youth"),
        (EMPLOYER, "employer_feedback", "employer"),
    ):
        p.template(template, kind, audience)
    # A mentor's own activity is never a youth's.
    p.event(MEERA, "login", ist(3, 10, 9, 0))
    p.event(MEERA, "progress", ist(3, 10, 9, 5))

    p.user(ASHA, "Asha", ist(2, 1, 10, 0))
    p.invitation(1, ASHA, FEEDBACK, made=ist(3, 10, 23, 0), expires=ist(3, 20, 10, 0))
    p.invitation(2, ASHA, FEEDBACK, made=ist(3, 11, 0, 5), expires=ist(3, 21, 10, 0))

    p.user(BILAL, "Bilal", ist(3, 10, 9, 0))
    p.event(BILAL, "registered", ist(3, 10, 9, 0))
    p.event(BILAL, "login", ist(3, 10, 9, 5))
    p.assignment(BILAL, M1, "in_progress", 40, ist(3, 10, 9, 10), started=ist(3, 10, 9, 30))
    p.event(BILAL, "progress", ist(3, 10, 9, 30), module_id=M1, progress=40)
    p.points(BILAL, 5, "module_started", ist(3, 10, 9, 30))
    p.badge(BILAL, "first_start", ist(3, 10, 9, 30))

    p.user(CHITRA, "Chitra", ist(2, 20, 10, 0))
    p.event(CHITRA, "registered", ist(2, 20, 10, 0))
    p.assignment(CHITRA, M1, "inactive", 10, ist(2, 21, 10, 0), started=ist(2, 22, 10, 0))
    p.assignment(
        CHITRA,
        M2,
        "completed",
        100,
        ist(2, 21, 10, 0),
        started=ist(3, 3, 10, 0),
        completed=ist(3, 10, 23, 59),
    )
    p.assignment(CHITRA, M3, "in_progress", 20, ist(3, 10, 20, 0), started=ist(3, 11, 0, 30))
    p.invitation(
        3, CHITRA, CAREER, made=ist(2, 21, 10, 0), expires=ist(3, 21, 10, 0), answered=ist(3, 5, 12, 10)
    )
    p.event(CHITRA, "progress", ist(3, 3, 10, 0), module_id=M2, progress=10)
    p.event(CHITRA, "progress", ist(3, 4, 10, 0), module_id=M2, progress=20)
    p.event(CHITRA, "login", ist(3, 5, 12, 0))  # active, but no learning: the streak's gap
    p.event(CHITRA, "survey_response", ist(3, 5, 12, 10), invitation_id=3)
    p.event(CHITRA, "progress", ist(3, 6, 10, 0), module_id=M2, progress=50)
    p.event(CHITRA, "quiz_attempt", ist(3, 7, 10, 0), module_id=M2, passed=False)
    p.event(CHITRA, "progress", ist(3, 8, 10, 0), module_id=M2, progress=80)
    p.event(CHITRA, "progress", ist(3, 9, 0, 1), module_id=M2, progress=90)  # 8 March in UTC
    p.event(CHITRA, "quiz_attempt", ist(3, 10, 23, 57), module_id=M2, passed=True)
    p.event(CHITRA, "completion", ist(3, 10, 23, 59), module_id=M2, points=50)
    p.event(CHITRA, "progress", ist(3, 11, 0, 30), module_id=M3, progress=20)  # 10 March in UTC
    p.event(CHITRA, "quiz_attempt", ist(3, 11, 0, 45), module_id=M3, passed=False)
    p.quiz_attempt(CHITRA, M2, ist(3, 7, 10, 0), passed=False)
    p.quiz_attempt(CHITRA, M2, ist(3, 10, 23, 57), passed=True)
    p.quiz_attempt(CHITRA, M3, ist(3, 11, 0, 45), passed=False)
    p.points(CHITRA, 5, "module_started", ist(3, 3, 10, 0))
    p.points(CHITRA, 10, "milestone", ist(3, 6, 10, 0))
    p.points(CHITRA, 50, "module_completed", ist(3, 10, 23, 59))
    p.points(CHITRA, 5, "module_started", ist(3, 11, 0, 30))
    p.badge(CHITRA, "first_start", ist(3, 3, 10, 0))
    p.badge(CHITRA, "first_completion", ist(3, 10, 23, 59))
    p.badge(CHITRA, "streak_7", ist(3, 12, 0, 15))

    p.user(DEV, "Dev", ist(1, 10, 10, 0))
    p.event(DEV, "registered", ist(1, 10, 10, 0))
    p.assignment(DEV, M1, "in_progress", 100, ist(1, 15, 10, 0), started=ist(3, 8, 10, 0))
    p.assignment(DEV, M4, "active", 0, ist(3, 1, 10, 0))
    p.event(DEV, "login", ist(2, 5, 10, 0))
    p.event(DEV, "login", ist(2, 9, 0, 10))  # D-29 locally, 8 February in UTC
    p.event(DEV, "login", ist(2, 15, 10, 0))
    p.event(DEV, "login", ist(3, 4, 23, 50))  # D-6
    p.event(DEV, "progress", ist(3, 8, 10, 0), module_id=M1, progress=60)
    p.event(DEV, "progress", ist(3, 9, 10, 0), module_id=M1, progress=100)
    p.event(DEV, "login", ist(3, 10, 9, 0))
    p.points(DEV, 5, "module_started", ist(3, 8, 10, 0))
    p.points(DEV, -3, "adjustment", ist(3, 9, 12, 0))
    p.badge(DEV, "first_start", ist(3, 8, 10, 0))
    # Expires at 05:00 on the 11th: still open at the end of D, expired by the end of the next.
    p.invitation(4, DEV, FEEDBACK, made=ist(3, 1, 10, 0), expires=ist(3, 11, 5, 0))
    p.invitation(5, DEV, CAREER, made=ist(3, 9, 10, 0), expires=ist(4, 1, 10, 0), answered=ist(3, 11, 10, 0))
    p.event(DEV, "survey_response", ist(3, 11, 10, 0), invitation_id=5)
    p.placement(1, DEV, NEXT)

    p.user(ESHA, "Esha", ist(12, 1, 10, 0, year=2025))
    p.event(ESHA, "registered", ist(12, 1, 10, 0, year=2025))
    p.assignment(
        ESHA,
        M1,
        "completed",
        100,
        ist(12, 2, 10, 0, year=2025),
        started=ist(12, 3, 10, 0, year=2025),
        completed=ist(1, 5, 10, 0),
    )
    p.assignment(
        ESHA, M2, "inactive", 30, ist(12, 2, 10, 0, year=2025), started=ist(12, 10, 10, 0, year=2025)
    )
    p.assignment(ESHA, M3, "active", 0, ist(3, 11, 0, 5))  # 10 March in UTC
    p.event(ESHA, "progress", ist(12, 3, 10, 0, year=2025), module_id=M1, progress=30)
    p.event(ESHA, "progress", ist(12, 10, 10, 0, year=2025), module_id=M2, progress=30)
    p.event(ESHA, "completion", ist(1, 5, 10, 0), module_id=M1, points=50)
    p.event(ESHA, "survey_response", ist(2, 10, 12, 0), invitation_id=6)
    p.points(ESHA, 5, "module_started", ist(12, 3, 10, 0, year=2025))
    p.points(ESHA, 50, "module_completed", ist(1, 5, 10, 0))
    p.points(ESHA, 20, "adjustment", ist(3, 12, 0, 15))
    p.badge(ESHA, "first_start", ist(12, 3, 10, 0, year=2025))
    p.badge(ESHA, "first_completion", ist(1, 5, 10, 0))
    p.badge(ESHA, "first_survey", ist(3, 11, 10, 0))
    p.placement(2, ESHA, date(2026, 2, 1))
    p.invitation(
        6, ESHA, FEEDBACK, made=ist(2, 2, 10, 0), expires=ist(2, 16, 10, 0), answered=ist(2, 10, 12, 0)
    )
    p.invitation(7, ESHA, EMPLOYER, made=ist(2, 2, 10, 0), expires=ist(3, 30, 10, 0), placement=2)
    p.invitation(8, ESHA, CAREER, made=ist(12, 1, 10, 0, year=2025), expires=ist(12, 31, 10, 0, year=2025))

    p.user(FARID, "Farid", ist(1, 5, 10, 0), active=False)
    p.event(FARID, "progress", ist(3, 10, 10, 0), module_id=M1, progress=10)
    p.assignment(FARID, M1, "in_progress", 10, ist(3, 1, 10, 0), started=ist(3, 10, 10, 0))

    p.user(GITA, "Gita", ist(3, 11, 0, 10))
    p.event(GITA, "registered", ist(3, 11, 0, 10))

    p.user(HARI, "Hari", ist(3, 10, 23, 50))  # imported: no activity recorded
    return p


# fmt: off
# Hand-worked. Columns: modules assigned, started, completed, average completion, days since
# registration, days inactive, active days in 7 and in 30, quiz attempts, points, streak, surveys
# pending, career survey done, badges, placed.
ON_D = (
    (ASHA,   0, 0, 0,   0.0, 37, 37, 0, 0, 0,  0, 0, 1, False, 0, False),
    (BILAL,  1, 1, 0,  40.0,  0,  0, 1, 1, 0,  5, 1, 0, False, 1, False),
    # 50.0: M2 completed (100) and M3 assigned at 20:00 but started after midnight (0); M1 was
    # withdrawn. Active 4-10 March; in 30 days also 20 February. Streak 6-10 March (9 March is
    # 00:01 local, still the 8th in UTC).
    (CHITRA, 2, 1, 1,  50.0, 18,  0, 7, 9, 2, 65, 5, 0, True,  2, False),
    # 49.5: M1 at 100 without its quiz counts 99, M4 not started. Active on 9 and 15 February
    # and 4, 8, 9 and 10 March. Streak 8-9 March, alive on the 10th. Two invitations open.
    (DEV,    2, 1, 0,  49.5, 59,  0, 4, 6, 0,  2, 2, 2, False, 1, False),
    # M3 was assigned at 00:05 on the 11th. Last active on 10 February.
    (ESHA,   1, 1, 1, 100.0, 99, 28, 0, 1, 0, 55, 0, 0, False, 2, True),
    (HARI,   0, 0, 0,   0.0,  0,  0, 0, 0, 0,  0, 0, 0, False, 0, False),
)
ON_NEXT = (
    (ASHA,   0, 0, 0,   0.0, 38, 38, 0, 0, 0,  0, 0, 2, False, 0, False),
    (BILAL,  1, 1, 0,  40.0,  1,  1, 1, 1, 0,  5, 1, 0, False, 1, False),
    (CHITRA, 2, 2, 1,  60.0, 19,  0, 7, 10, 3, 70, 6, 0, True, 2, False),
    # No learning on the 10th: yesterday's streak is over. The feedback invitation has expired
    # and the career one is answered.
    (DEV,    2, 1, 0,  49.5, 60,  0, 4, 6, 0,  2, 0, 0, True,  1, True),
    (ESHA,   2, 1, 1,  50.0, 100, 29, 0, 1, 0, 55, 0, 0, False, 3, True),
    (GITA,   0, 0, 0,   0.0,  0,  0, 1, 1, 0,  0, 0, 0, False, 0, False),
    (HARI,   0, 0, 0,   0.0,  1,  1, 0, 0, 0,  0, 0, 0, False, 0, False),
)
# fmt: on


def _expected() -> dict[date, tuple[DailyFeatures, ...]]:
    return {D: _rows(D, ON_D), NEXT: _rows(NEXT, ON_NEXT)}


def _rows(day: date, table: tuple[tuple[Any, ...], ...]) -> tuple[DailyFeatures, ...]:
    # The table's columns are FEATURE_COLUMNS without user_id, feature_date and feature_timestamp.
    columns = FEATURE_COLUMNS[2:-1]
    rows = []
    for user_id, *values in table:
        assert len(values) == len(columns), f"youth {user_id} on {day}: {len(values)} values"
        features = dict(zip(columns, values, strict=True))
        rows.append(DailyFeatures(user_id, day, feature_timestamp=COMPUTED_AT, **features))
    return tuple(rows)


@dataclass
class _Rows:
    """Rows for each table, every row of a table with the same columns (one executemany)."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, table: str, **row: Any) -> None:
        self.rows.setdefault(table, []).append(row)

    def user(
        self, user_id: int, name: str, created: datetime, role: str = "youth", active: bool = True
    ) -> None:
        self.add(
            UserRow.__tablename__,
            id=user_id,
            email=f"{name.lower()}@example.org",
            password_hash="not-a-real-hash",
            role=role,
            full_name=name,
            region="MH",
            student_id=f"MB-MH-2026-{name.upper()[:5]:X<5}" if role == "youth" else None,
            is_active=active,
            created_at=created,
        )

    def module(self, module_id: int) -> None:
        self.add(
            ModuleRow.__tablename__,
            id=module_id,
            code=f"M{module_id}",
            title=f"Module {module_id}",
            duration_hours=4.0,
            sector="Retail",
            difficulty="beginner",
            points=50,
            status="active",
            created_at=ist(1, 1, 9, 0, year=2025),
            updated_at=ist(1, 1, 9, 0, year=2025),
        )

    def template(self, template_id: int, kind: str, audience: str) -> None:
        self.add(
            SurveyTemplateRow.__tablename__,
            id=template_id,
            family_id=template_id,
            version=1,
            type=kind,
            name=kind.replace("_", " ").capitalize(),
            anonymous=False,
            active=True,
            current=True,
            created_at=ist(1, 1, 9, 0, year=2025),
        )
        self.add(
            DistributionRow.__tablename__,
            id=template_id,
            template_id=template_id,
            audience=audience,
            label=f"All {audience}",
            automatic=False,
            created_at=ist(1, 1, 9, 0, year=2025),
        )

    def event(self, user_id: int, kind: str, at: datetime, **details: Any) -> None:
        self.add(ActivityRow.__tablename__, user_id=user_id, kind=kind, at=at, details=details)

    def assignment(
        self,
        user_id: int,
        module_id: int,
        status: str,
        progress: int,
        assigned: datetime,
        started: datetime | None = None,
        completed: datetime | None = None,
    ) -> None:
        self.add(
            AssignmentRow.__tablename__,
            user_id=user_id,
            module_id=module_id,
            status=status,
            progress=progress,
            assigned_at=assigned,
            started_at=started,
            completed_at=completed,
            quiz_passed=completed is not None,
        )

    def quiz_attempt(self, user_id: int, module_id: int, at: datetime, passed: bool) -> None:
        self.add(
            QuizAttemptRow.__tablename__,
            user_id=user_id,
            module_id=module_id,
            answers=[0, 1],
            score=100 if passed else 50,
            passed=passed,
            at=at,
        )

    def points(self, user_id: int, amount: int, reason: str, at: datetime) -> None:
        key = f"{reason}:{at.isoformat()}"
        self.add(
            PointsEntryRow.__tablename__, user_id=user_id, amount=amount, reason=reason, award_key=key, at=at
        )

    def badge(self, user_id: int, badge: str, at: datetime) -> None:
        self.add(BadgeRow.__tablename__, user_id=user_id, badge=badge, earned_at=at)

    def placement(self, placement_id: int, youth_id: int, start: date) -> None:
        self.add(
            PlacementRow.__tablename__,
            id=placement_id,
            youth_id=youth_id,
            employer_name="Reliance Retail",
            contact_email=f"hr{placement_id}@employer.example",
            job_title="Store associate",
            start_date=start,
            recorded_at=ist(1, 20, 10, 0),
        )

    def invitation(
        self,
        invitation_id: int,
        youth_id: int,
        template_id: int,
        made: datetime,
        expires: datetime,
        answered: datetime | None = None,
        placement: int | None = None,
    ) -> None:
        audience = "employer" if template_id == EMPLOYER else "youth"
        self.add(
            InvitationRow.__tablename__,
            id=invitation_id,
            distribution_id=template_id,
            template_id=template_id,
            audience=audience,
            recipient_email=f"invitee{invitation_id}@example.org",
            youth_id=youth_id,
            placement_id=placement,
            created_at=made,
            send_after=made,
            expires_at=expires,
            sent_at=made,
            completed_at=answered,
            delivery="sent",
        )
