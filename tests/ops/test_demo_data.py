"""`mb demo-data`: the same seed gives the same programme, it reads like a real one, it never
duplicates itself, and its published password signs in through the real hasher."""

import json
import re
import shutil
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mb.adapters.db.repositories.surveys import questions_from_json
from mb.bootstrap import build_services
from mb.config import Settings
from mb.demo.catalogue import CATALOGUE
from mb.demo.people import DEMO_PASSWORD
from mb.demo.programme import generate
from mb.demo.surveys import DemoSurveys
from mb.demo.window import Window
from mb.domain.errors import LoginFailed
from mb.domain.model.assignment import AssignmentStatus
from mb.domain.model.education import EDUCATION_LEVELS
from mb.domain.model.module import ModuleDetails
from mb.domain.model.profile import ProfileFields
from mb.domain.model.regions import REGIONS
from mb.domain.model.roles import Role
from mb.domain.model.survey import TemplateType
from mb.domain.rules.email import email_problem
from mb.domain.rules.module import details_problems
from mb.domain.rules.profile import profile_problems
from mb.domain.rules.quiz import quiz_problem
from mb.domain.rules.student_id import is_student_id
from mb.domain.rules.survey_answers import checked_answers
from mb.domain.rules.survey_tokens import token_for, token_hash
from tests.ops.test_cli import mb

YOUTH, DAYS, SEED = 40, 30, 11
SURVEY_DAYS = 120  # long enough for placements' follow-up surveys to go out
UNTIL = date(2026, 11, 20)
IST = ZoneInfo("Asia/Kolkata")


def demo_args(days: int) -> tuple[str, ...]:
    return (
        "demo-data",
        "--youth",
        str(YOUTH),
        "--days",
        str(days),
        "--seed",
        str(SEED),
        "--until",
        str(UNTIL),
    )


ARGS = demo_args(DAYS)
SECRET = "the-secret-key-of-this-installation-0123456789"
TABLES = (
    "modules",
    "module_prerequisites",
    "mb_users",
    "learning_modules",
    "quiz_attempts",
    "activity_events",
    "placements",
    "survey_distributions",
    "survey_distribution_logs",
    "survey_responses",
    "mail_outbox",
    "interventions",
)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A database filled by the command, and what the command printed."""
    root = tmp_path_factory.mktemp("demo")
    result = mb(root, *ARGS, SECRET_KEY=SECRET)
    assert result.returncode == 0, result.stderr
    yield root / "data" / "mb_app.db", result.stdout


@pytest.fixture(scope="module")
def surveyed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database filled by the command over a window long enough for follow-up surveys."""
    root = tmp_path_factory.mktemp("surveys")
    result = mb(root, *demo_args(SURVEY_DAYS), SECRET_KEY=SECRET)
    assert result.returncode == 0, result.stderr
    return root / "data" / "mb_app.db"


@pytest.fixture
def db(seeded: tuple[Path, str]) -> Iterator[sqlite3.Connection]:
    yield from read_only(seeded[0])


@pytest.fixture
def survey_db(surveyed: Path) -> Iterator[sqlite3.Connection]:
    yield from read_only(surveyed)


def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
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
    assert re.search(r"[1-9]\d* placements, [1-9][\d,]* survey responses", printed)
    assert f"sign in with the password {DEMO_PASSWORD}" in printed
    assert "@demo.example.org" in printed
    assert "`mb init-db --demo-admin` creates one" in printed


def test_the_same_seed_writes_the_same_programme(seeded: tuple[Path, str], tmp_path: Path) -> None:
    again = mb(tmp_path, *ARGS, SECRET_KEY=SECRET)
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

    assert {e["kind"] for e in events} == {
        "registered",
        "login",
        "progress",
        "quiz_attempt",
        "completion",
        "survey_response",
    }
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


# Placements and surveys


def test_the_demo_surveys_use_the_starting_templates_installed_once(survey_db: sqlite3.Connection) -> None:
    templates = rows(survey_db, "SELECT type, count(*) AS versions FROM survey_templates GROUP BY type")
    used = rows(
        survey_db,
        "SELECT DISTINCT t.type FROM survey_distributions d JOIN survey_templates t ON t.id = d.template_id",
    )

    assert {t["type"]: t["versions"] for t in templates} == {
        "career": 1,
        "youth_feedback": 1,
        "employer_feedback": 1,
    }
    assert {u["type"] for u in used} == {"career", "youth_feedback", "employer_feedback"}


def test_every_link_is_made_with_the_installations_secret_key(survey_db: sqlite3.Connection) -> None:
    invitations = rows(survey_db, "SELECT token_seed, token_hash FROM survey_distribution_logs")

    assert len(invitations) > YOUTH / 2
    assert len({i["token_seed"] for i in invitations}) == len(invitations)
    for i in invitations:
        assert i["token_hash"] == token_hash(token_for(SECRET, i["token_seed"]))


def test_every_demo_email_went_so_the_app_sends_none(survey_db: sqlite3.Connection) -> None:
    """A demo database must never mail its thousands of made-up addresses."""
    outbox = rows(survey_db, "SELECT kind, status, sent_at, invitation_id FROM mail_outbox")
    invitations = rows(
        survey_db, "SELECT id, delivery, sent_at, reminders_sent FROM survey_distribution_logs"
    )

    assert {m["status"] for m in outbox} == {"sent"} and all(m["sent_at"] for m in outbox)
    assert all(i["delivery"] == "sent" and i["sent_at"] for i in invitations)
    mailed = defaultdict(list)
    for m in outbox:
        mailed[m["invitation_id"]].append(m["kind"])
    assert {i["id"]: sorted(mailed[i["id"]]) for i in invitations} == {
        i["id"]: ["invitation"] + ["reminder"] * i["reminders_sent"] for i in invitations
    }
    assert any(i["reminders_sent"] for i in invitations)


def test_answers_are_what_the_survey_form_accepts(survey_db: sqlite3.Connection) -> None:
    responses = rows(
        survey_db,
        "SELECT r.answers, t.questions FROM survey_responses r "
        "JOIN survey_templates t ON t.id = r.template_id",
    )

    assert responses
    for r in responses:
        answers = json.loads(r["answers"])
        assert checked_answers(questions_from_json(json.loads(r["questions"])), answers) == (answers, {})


def test_anonymous_answers_keep_only_the_day_and_nothing_that_leads_to_the_invitation(
    survey_db: sqlite3.Connection,
) -> None:
    anonymous = rows(
        survey_db,
        "SELECT r.* FROM survey_responses r JOIN survey_templates t ON t.id = r.template_id "
        "WHERE t.anonymous",
    )
    their_invitations = rows(
        survey_db,
        "SELECT i.completed_at, i.opened_at FROM survey_distribution_logs i "
        "JOIN survey_templates t ON t.id = i.template_id WHERE t.anonymous AND i.completed_at IS NOT NULL",
    )
    named = rows(
        survey_db,
        "SELECT r.*, i.completed_at, i.distribution_id AS invited_by FROM survey_responses r "
        "JOIN survey_templates t ON t.id = r.template_id "
        "JOIN survey_distribution_logs i ON i.id = r.invitation_id WHERE NOT t.anonymous",
    )

    assert anonymous and len(anonymous) == len(their_invitations)
    assert all(r["invitation_id"] is None and r["submitted_at"] is None for r in anonymous)
    assert all(
        moment(i["completed_at"]).time() == moment(i["opened_at"]).time() == time() for i in their_invitations
    )
    assert named and len(named) == rows(survey_db, "SELECT count(*) FROM survey_responses")[0][0] - len(
        anonymous
    )
    assert all(
        r["submitted_at"] == r["completed_at"] and r["distribution_id"] == r["invited_by"] for r in named
    )


def test_youth_answers_are_activity_events_that_earn_survey_points(survey_db: sqlite3.Connection) -> None:
    answered = rows(
        survey_db,
        "SELECT id, youth_id FROM survey_distribution_logs "
        "WHERE audience = 'youth' AND completed_at IS NOT NULL",
    )
    events = rows(
        survey_db,
        "SELECT user_id, json_extract(details, '$.invitation_id') AS invitation_id FROM activity_events "
        "WHERE kind = 'survey_response'",
    )
    points = rows(survey_db, "SELECT user_id, award_key FROM points_ledger WHERE reason = 'survey_answered'")

    assert answered
    assert sorted((e["invitation_id"], e["user_id"]) for e in events) == sorted(
        (a["id"], a["youth_id"]) for a in answered
    )
    assert sorted((p["award_key"], p["user_id"]) for p in points) == sorted(
        (f"survey:{a['id']}", a["youth_id"]) for a in answered
    )


def test_career_answers_are_the_youths_sector_interests(survey_db: sqlite3.Connection) -> None:
    answered = rows(
        survey_db,
        "SELECT r.answers, u.sector_interests FROM survey_responses r "
        "JOIN survey_distribution_logs i ON i.id = r.invitation_id JOIN mb_users u ON u.id = i.youth_id "
        "JOIN survey_templates t ON t.id = r.template_id WHERE t.type = 'career'",
    )

    assert len(answered) > YOUTH / 3
    assert all(json.loads(a["answers"])["sectors"] == json.loads(a["sector_interests"]) for a in answered)


def test_placements_and_their_follow_ups_are_as_the_app_records_them(survey_db: sqlite3.Connection) -> None:
    placements = rows(
        survey_db,
        "SELECT p.*, u.mentor_id, u.email AS youth_email FROM placements p "
        "JOIN mb_users u ON u.id = p.youth_id",
    )
    follow_ups = rows(
        survey_db,
        "SELECT i.*, d.label, d.automatic FROM survey_distribution_logs i "
        "JOIN survey_distributions d ON d.id = i.distribution_id "
        "JOIN survey_templates t ON t.id = i.template_id WHERE t.type != 'career'",
    )
    by_youth = {p["youth_id"]: p for p in placements}

    assert placements and len(by_youth) == len(placements)
    for p in placements:
        assert UNTIL - timedelta(days=SURVEY_DAYS) < date.fromisoformat(p["start_date"]) <= UNTIL
        assert p["recorded_by"] == p["mentor_id"]
        assert email_problem(p["contact_email"]) is None and p["contact_email"].endswith(".example.com")
    assert {f["audience"] for f in follow_ups} == {"youth", "employer"}
    for f in follow_ups:
        placement = by_youth[f["youth_id"]]
        starts = datetime.combine(date.fromisoformat(placement["start_date"]), time(), IST)
        assert moment(f["send_after"]) == starts + timedelta(days=30)
        assert f["label"] == "Placement follow-up" and f["automatic"]
        if f["audience"] == "employer":
            assert (f["recipient_email"], f["placement_id"]) == (placement["contact_email"], placement["id"])
        else:
            assert (f["recipient_email"], f["placement_id"]) == (placement["youth_email"], None)


def test_invitations_are_sent_reminded_and_answered_in_time(survey_db: sqlite3.Connection) -> None:
    after_last = datetime.combine(UNTIL + timedelta(days=1), time(), IST)
    invitations = rows(survey_db, "SELECT * FROM survey_distribution_logs")
    reminders = defaultdict(list)
    for m in rows(survey_db, "SELECT invitation_id, created_at FROM mail_outbox WHERE kind = 'reminder'"):
        reminders[m["invitation_id"]].append(moment(m["created_at"]))

    for i in invitations:
        sent, expires = moment(i["sent_at"]), moment(i["expires_at"])
        assert moment(i["created_at"]) <= moment(i["send_after"]) <= sent < after_last
        assert expires == moment(i["send_after"]) + timedelta(days=30)
        if i["completed_at"]:
            assert moment(i["completed_at"]) < min(expires, after_last)
        mailed = [sent, *sorted(reminders[i["id"]])]
        assert len(mailed) <= 3 and all(b - a > timedelta(days=7) for a, b in pairwise(mailed))
        assert all(at < min(expires, after_last) for at in mailed)


# Placements and surveys: proportions and determinism, from the generator


@pytest.fixture(scope="module")
def bigger() -> Any:
    return generate(SEED, 600, Window(UNTIL, 180))


def test_about_one_youth_in_ten_is_placed_the_better_learners_likelier(bigger: Any) -> None:
    placed = {p.youth for p in bigger.placements}

    def completed(key: int) -> int:
        return sum(a.status is AssignmentStatus.COMPLETED for a in bigger.learning[key].assignments)

    others = [completed(y.key) for y in bigger.youth if y.key not in placed]
    assert 0.08 <= len(placed) / len(bigger.youth) <= 0.12
    assert sum(map(completed, placed)) / len(placed) > 1.5 * sum(others) / len(others)


def test_most_youth_answer_the_career_survey_and_over_half_the_follow_ups_come_back(bigger: Any) -> None:
    surveys: DemoSurveys = bigger.surveys
    career = [i for i in surveys.invitations if i.template is TemplateType.CAREER]
    follow_ups = [i for i in surveys.invitations if i.template is not TemplateType.CAREER]

    assert len(career) > 0.9 * len(bigger.youth)
    assert 0.55 <= sum(bool(i.answered) for i in career) / len(career) <= 0.70
    assert len(follow_ups) > len(bigger.placements)
    assert 0.50 <= sum(bool(i.answered) for i in follow_ups) / len(follow_ups) <= 0.65


def test_the_same_seed_gives_the_same_placements_and_surveys() -> None:
    window = Window(UNTIL, 150)
    one, again, other = (generate(seed, 120, window) for seed in (SEED, SEED, SEED + 1))

    assert one.placements and one.surveys.invitations
    assert (one.placements, one.surveys) == (again.placements, again.surveys)
    assert [i.token_seed for i in one.surveys.invitations] != [
        i.token_seed for i in other.surveys.invitations
    ]
