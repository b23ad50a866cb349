"""`mb demo-data`: the same seed gives the same programme, it reads like a real one, it never
duplicates itself, and its published password signs in through the real hasher."""

import shutil
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mb.bootstrap import build_services
from mb.config import Settings
from mb.demo.catalogue import CATALOGUE
from mb.demo.people import DEMO_PASSWORD
from mb.demo.programme import generate
from mb.demo.window import Window
from mb.domain.errors import LoginFailed
from mb.domain.model.education import EDUCATION_LEVELS
from mb.domain.model.module import ModuleDetails
from mb.domain.model.profile import ProfileFields
from mb.domain.model.regions import REGIONS
from mb.domain.model.roles import Role
from mb.domain.rules.module import details_problems
from mb.domain.rules.profile import profile_problems
from mb.domain.rules.quiz import quiz_problem
from mb.domain.rules.student_id import is_student_id
from tests.ops.test_cli import mb

YOUTH, DAYS, SEED = 40, 30, 11
UNTIL = date(2026, 11, 20)
IST = ZoneInfo("Asia/Kolkata")
ARGS = ("demo-data", "--youth", str(YOUTH), "--days", str(DAYS), "--seed", str(SEED), "--until", str(UNTIL))
TABLES = (
    "modules",
    "module_prerequisites",
    "mb_users",
    "learning_modules",
    "quiz_attempts",
    "activity_events",
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A database filled by the command, and what the command printed."""
    root = tmp_path_factory.mktemp("demo")
    result = mb(root, *ARGS)
    assert result.returncode == 0, result.stderr
    yield root / "data" / "mb_app.db", result.stdout


@pytest.fixture
def db(seeded: tuple[Path, str]) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"file:{seeded[0]}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


def rows(db: sqlite3.Connection, sql: str, *parameters: Any) -> list[sqlite3.Row]:
    return list(db.execute(sql, parameters))


def moment(stored: str) -> datetime:
    return datetime.fromisoformat(stored).replace(tzinfo=UTC)


def content(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the demo tables, but the salted password hash."""
    with sqlite3.connect(path) as connection:
        found = {table: list(connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2")) for table in TABLES}
        columns = [c[1] for c in connection.execute("PRAGMA table_info(mb_users)")]
    hashed = columns.index("password_hash")
    found["mb_users"] = [row[:hashed] + row[hashed + 1 :] for row in found["mb_users"]]
    return found


# The command


def test_the_command_reports_what_it_wrote_and_how_to_sign_in(seeded: tuple[Path, str]) -> None:
    _, printed = seeded

    assert f"{YOUTH} youth" in printed
    assert "30 modules, 2 mentors" in printed
    assert f"sign in with the password {DEMO_PASSWORD}" in printed
    assert "@demo.example.org" in printed
    assert "`mb init-db --demo-admin` creates one" in printed


def test_the_same_seed_writes_the_same_programme(seeded: tuple[Path, str], tmp_path: Path) -> None:
    again = mb(tmp_path, *ARGS)
    assert again.returncode == 0, again.stderr

    first, second = content(seeded[0]), content(tmp_path / "data" / "mb_app.db")

    assert {t: len(r) for t, r in first.items()} == {t: len(r) for t, r in second.items()}
    assert first == second


def test_another_seed_makes_other_people_and_other_days() -> None:
    window = Window(UNTIL, DAYS)
    one, other = generate(SEED, YOUTH, window), generate(SEED + 1, YOUTH, window)

    assert [y.email for y in one.youth] != [y.email for y in other.youth]
    assert {y.student_id for y in one.youth}.isdisjoint({y.student_id for y in other.youth})
    assert [e.at for e in one.events()] != [e.at for e in other.events()]


def test_running_it_again_adds_nothing(seeded: tuple[Path, str], tmp_path: Path) -> None:
    copy = tmp_path / "data" / "mb_app.db"
    copy.parent.mkdir()
    shutil.copy(seeded[0], copy)
    before = content(copy)

    again = mb(tmp_path, *ARGS)

    assert again.returncode == 0, again.stderr
    assert "Demo data is already in this database (42 demo accounts); nothing added." in again.stdout
    assert content(copy) == before


def test_a_database_with_real_youth_is_refused_unless_asked_to_skip_quietly(
    seeded: tuple[Path, str], tmp_path: Path
) -> None:
    copy = tmp_path / "data" / "mb_app.db"
    copy.parent.mkdir()
    shutil.copy(seeded[0], copy)
    with sqlite3.connect(copy) as connection:  # the same people, no longer demo accounts
        connection.execute("UPDATE mb_users SET email = replace(email, '@demo.example.org', '@example.com')")
    before = content(copy)

    refused = mb(tmp_path, *ARGS)
    skipped = mb(tmp_path, *ARGS, "--if-empty")

    assert refused.returncode == 1
    assert "the database already has 40 youth and 30 modules" in refused.stderr
    assert skipped.returncode == 0, skipped.stderr
    assert "No demo data added" in skipped.stdout
    assert content(copy) == before


def test_production_is_refused(tmp_path: Path) -> None:
    result = mb(tmp_path, *ARGS, MB_ENV="production", SECRET_KEY="x" * 40)

    assert result.returncode == 2
    assert "never written to a production database" in result.stderr
    assert not (tmp_path / "data" / "mb_app.db").exists()


def test_a_last_day_that_is_not_over_yet_is_refused(tmp_path: Path) -> None:
    result = mb(tmp_path, "demo-data", "--until", str(datetime.now(IST).date()))

    assert result.returncode == 2
    assert "the demo's last day is yesterday at the latest" in result.stderr
    assert not (tmp_path / "data" / "mb_app.db").exists()


async def test_demo_youth_and_mentors_sign_in_with_the_published_password(
    seeded: tuple[Path, str], tmp_path: Path
) -> None:
    copy = tmp_path / "mb_app.db"
    shutil.copy(seeded[0], copy)
    with sqlite3.connect(copy) as connection:
        youth, mentor = (
            connection.execute(
                f"SELECT email FROM mb_users WHERE role = '{role}' AND is_active LIMIT 1"
            ).fetchone()[0]
            for role in ("youth", "mentor")
        )
    services = build_services(Settings(database_url=f"sqlite+aiosqlite:///{copy}", mb_data_dir=tmp_path))
    try:
        signed_in = [
            await services.accounts.sign_in(email, DEMO_PASSWORD, "test") for email in (youth, mentor)
        ]
        with pytest.raises(LoginFailed):
            await services.accounts.sign_in(youth, "Not-the-demo-password", "test")
    finally:
        await services.aclose()

    assert [user.role for user in signed_in] == [Role.YOUTH, Role.MENTOR]


# The catalogue


def test_the_catalogue_is_about_thirty_modules_an_admin_could_have_written() -> None:
    codes = [module.code for module in CATALOGUE]

    assert 25 <= len(CATALOGUE) <= 35
    assert len(set(codes)) == len(codes)
    assert len({module.sector for module in CATALOGUE}) >= 6
    assert sum(1 for module in CATALOGUE if module.quiz) >= 8
    for number, module in enumerate(CATALOGUE):
        details = ModuleDetails(
            code=module.code,
            title=module.title,
            description=module.description,
            duration_hours=module.hours,
            skills=list(module.skills),
            sector=module.sector,
            difficulty=module.difficulty,
            points=module.points,
            due_in_days=module.due_in_days,
        )
        assert details_problems(details) == {}, module.code
        assert module.quiz is None or (
            quiz_problem(module.quiz) is None and 3 <= len(module.quiz.questions) <= 5
        )
        assert all(code in codes[:number] for code in module.requires), (
            f"{module.code} before its prerequisites"
        )
    assert sum(1 for module in CATALOGUE if module.requires) >= 10


# The people


def test_every_youth_has_a_unique_student_id_of_their_region_and_year(db: sqlite3.Connection) -> None:
    youth = rows(db, "SELECT student_id, region, created_at FROM mb_users WHERE role = 'youth'")

    assert len(youth) == YOUTH
    assert len({y["student_id"] for y in youth}) == YOUTH
    for y in youth:
        assert is_student_id(y["student_id"]), y["student_id"]
        assert y["student_id"].startswith(f"MB-{y['region']}-{moment(y['created_at']).year}-")


def test_youth_profiles_are_complete_and_valid_and_each_has_a_mentor(db: sqlite3.Connection) -> None:
    mentors = {r["id"] for r in rows(db, "SELECT id FROM mb_users WHERE role = 'mentor'")}
    youth = rows(db, "SELECT * FROM mb_users WHERE role = 'youth'")

    for y in youth:
        assert y["region"] in REGIONS and y["education_level"] in EDUCATION_LEVELS
        assert y["institution"] and y["phone"] and y["mentor_id"] in mentors
        born = date.fromisoformat(y["date_of_birth"])
        assert 18 <= (moment(y["created_at"]).date() - born).days // 365 <= 26
    assert len({y["region"] for y in youth}) >= 8
    assert len({y["full_name"].split()[-1] for y in youth}) >= 20


def test_demo_profiles_pass_the_registration_checks() -> None:
    programme = generate(SEED, YOUTH, Window(UNTIL, DAYS))

    for youth in programme.youth:
        profile = {
            "full_name": youth.full_name,
            "institution": youth.institution,
            "education_level": youth.education_level,
            "region": youth.region,
            "phone": youth.phone,
            "date_of_birth": youth.date_of_birth,
            "skills": list(youth.skills),
            "sector_interests": list(youth.sector_interests),
        }
        assert profile_problems(ProfileFields(**profile), youth=True, today=UNTIL) == {}, youth.email


# Learning over time


def test_every_youth_holds_three_to_eight_modules_that_exist(db: sqlite3.Connection) -> None:
    held = rows(
        db,
        "SELECT u.id, count(a.id) AS modules, count(m.id) AS known FROM mb_users u "
        "LEFT JOIN learning_modules a ON a.user_id = u.id LEFT JOIN modules m ON m.id = a.module_id "
        "WHERE u.role = 'youth' GROUP BY u.id",
    )

    assert len(held) == YOUTH
    assert all(3 <= h["modules"] <= 8 and h["known"] == h["modules"] for h in held)


def test_assignments_follow_the_progress_rules(db: sqlite3.Connection) -> None:
    assignments = rows(
        db,
        "SELECT a.*, json_type(m.quiz) = 'object' AS has_quiz, u.created_at AS registered "
        "FROM learning_modules a JOIN modules m ON m.id = a.module_id JOIN mb_users u ON u.id = a.user_id",
    )
    statuses = {a["status"] for a in assignments}

    assert statuses >= {"active", "in_progress", "completed"}
    for a in assignments:
        assert 0 <= a["progress"] <= 100
        assert moment(a["assigned_at"]) >= moment(a["registered"])
        if a["status"] == "completed":
            assert a["progress"] == 100 and a["completed_at"] and a["started_at"]
            assert a["quiz_passed"] or not a["has_quiz"]
            assert moment(a["started_at"]) <= moment(a["completed_at"])
        else:
            assert a["completed_at"] is None
        if a["status"] == "in_progress":
            assert a["progress"] > 0 and a["started_at"]
        if a["started_at"]:
            assert moment(a["started_at"]) > moment(a["assigned_at"])


def test_nothing_is_started_before_its_prerequisites_are_completed(db: sqlite3.Connection) -> None:
    completed = {
        (r["user_id"], r["module_id"]): moment(r["completed_at"])
        for r in rows(db, "SELECT * FROM learning_modules WHERE status = 'completed'")
    }
    started = rows(
        db,
        "SELECT a.user_id, a.started_at, p.prerequisite_id FROM learning_modules a "
        "JOIN module_prerequisites p ON p.module_id = a.module_id WHERE a.started_at IS NOT NULL",
    )

    assert started
    for s in started:
        done = completed.get((s["user_id"], s["prerequisite_id"]))
        assert done is not None and done <= moment(s["started_at"])


def test_activity_lies_within_the_days_and_after_each_youths_registration(db: sqlite3.Connection) -> None:
    first = datetime.combine(UNTIL - timedelta(days=DAYS - 1), time(), IST)
    after_last = datetime.combine(UNTIL + timedelta(days=1), time(), IST)
    events = rows(
        db,
        "SELECT e.*, u.role, u.created_at AS registered FROM activity_events e "
        "LEFT JOIN mb_users u ON u.id = e.user_id",
    )

    assert {e["kind"] for e in events} == {"registered", "login", "progress", "quiz_attempt", "completion"}
    for e in events:
        assert e["role"] == "youth"
        assert first <= moment(e["at"]) < after_last
        assert moment(e["at"]) >= moment(e["registered"])


def test_events_agree_with_assignments_and_quiz_attempts(db: sqlite3.Connection) -> None:
    completions = rows(
        db,
        "SELECT user_id, json_extract(details, '$.module_id') AS module_id, at FROM activity_events "
        "WHERE kind = 'completion'",
    )
    completed = rows(
        db, "SELECT user_id, module_id, completed_at AS at FROM learning_modules WHERE status = 'completed'"
    )
    attempts = rows(db, "SELECT count(*) FROM quiz_attempts")[0][0]
    attempt_events = rows(db, "SELECT count(*) FROM activity_events WHERE kind = 'quiz_attempt'")[0][0]
    last_logins = rows(
        db,
        "SELECT u.last_login_at, max(e.at) AS last FROM mb_users u JOIN activity_events e "
        "ON e.user_id = u.id AND e.kind = 'login' GROUP BY u.id",
    )

    assert sorted(map(tuple, completions)) == sorted(map(tuple, completed))
    assert attempts == attempt_events > 0
    assert all(r["last_login_at"] == r["last"] for r in last_logins)


def test_some_fail_a_quiz_and_pass_it_later(db: sqlite3.Connection) -> None:
    tries = defaultdict(list)
    for r in rows(db, "SELECT user_id, module_id, passed FROM quiz_attempts ORDER BY at, id"):
        tries[(r["user_id"], r["module_id"])].append(bool(r["passed"]))

    assert any(t[0] is False and t[-1] is True for t in tries.values())
    assert all(t.count(True) <= 1 and (True not in t or t[-1]) for t in tries.values())


def test_some_youth_drift_away_and_are_not_seen_in_the_last_two_weeks(db: sqlite3.Connection) -> None:
    quiet_since = datetime.combine(UNTIL - timedelta(days=13), time(), IST)
    last_seen = rows(db, "SELECT user_id, max(at) AS last FROM activity_events GROUP BY user_id")

    drifted = [r for r in last_seen if moment(r["last"]) < quiet_since]
    assert 1 <= len(drifted) < YOUTH / 2


def test_a_few_complete_every_module_they_were_given() -> None:
    programme = generate(SEED, 200, Window(UNTIL, 120))

    finished = [
        learning
        for learning in programme.learning
        if all(a.status.value in ("completed", "inactive") for a in learning.assignments)
    ]
    assert 1 <= len(finished) < 100
