"""Table-driven tests of the account rules: email, password, student ID, profile, throttling."""

from datetime import UTC, date, datetime, timedelta

import pytest

from mb.domain.model.profile import ProfileFields
from mb.domain.rules.email import email_problem, mask_email, normalize_email
from mb.domain.rules.password import password_problem
from mb.domain.rules.profile import clean_profile, profile_problems
from mb.domain.rules.student_id import ALPHABET, is_student_id, new_student_id
from mb.domain.rules.throttle import ACCOUNT_POLICY, locked_for_minutes


@pytest.mark.parametrize(
    ("email", "ok"),
    [
        ("priya@example.org", True),
        ("first.last+tag@mail.example.co.in", True),
        ("", False),
        ("no-at-sign.example.org", False),
        ("two@@example.org", False),
        ("a@b@example.org", False),
        ("space in@example.org", False),
        ("dots..twice@example.org", False),
        (".leading@example.org", False),
        ("name@localhost", False),
        ("name@example.c", False),
        ("name@-bad.example.org", False),
        ("x" * 65 + "@example.org", False),
        ("a@" + "b" * 250 + ".org", False),
        ("प्रिया@example.org", False),
    ],
)
def test_email_syntax(email: str, ok: bool) -> None:
    assert (email_problem(normalize_email(email)) is None) is ok


def test_emails_are_compared_in_lower_case_without_surrounding_spaces() -> None:
    assert normalize_email("  Priya.Sharma@Example.ORG ") == "priya.sharma@example.org"


def test_masked_email_keeps_only_first_letter_and_domain() -> None:
    assert mask_email("priya@example.org") == "p***@example.org"
    assert "priya" not in mask_email("priya@example.org")


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short1A", "at least 10"),
        ("alllowercaseletters", "two kinds"),
        ("ALLUPPERCASELETTERS", "two kinds"),
        ("12345678901234", "two kinds"),
        ("!!!!!!!!!!!!", "two kinds"),
        ("x" * 257 + "1", "at most 256"),
        ("lowercase123", None),
        ("Learning2026!", None),
        ("सुरक्षितपासवर्ड1", None),
    ],
)
def test_password_strength(password: str, problem: str | None) -> None:
    found = password_problem(password)
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_student_id_has_region_year_and_five_unambiguous_characters() -> None:
    student_id = new_student_id("mh", 2026)
    assert student_id.startswith("MB-MH-2026-")
    assert is_student_id(student_id)
    assert all(char in ALPHABET for char in student_id[-5:])
    assert not set("01OIL") & set(ALPHABET)


@pytest.mark.parametrize(
    "value", ["MB-MH-2026-ABCD", "MB-MH-2026-ABCD0", "MB-M-2026-ABCDE", "mb-mh-2026-abcde"]
)
def test_malformed_student_ids_are_recognised(value: str) -> None:
    assert not is_student_id(value)


TODAY = date(2026, 11, 28)


def youth_profile(**changes: object) -> ProfileFields:
    fields: dict[str, object] = {
        "full_name": "Priya Sharma",
        "institution": "Government ITI Pune",
        "education_level": "iti_diploma",
        "region": "MH",
    }
    fields.update(changes)
    return clean_profile(ProfileFields(**fields))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"full_name": "   "}, "full_name"),
        ({"full_name": "x" * 121}, "full_name"),
        ({"full_name": "Priya\x00"}, "full_name"),
        ({"institution": ""}, "institution"),
        ({"education_level": "phd-ish"}, "education_level"),
        ({"region": "XX"}, "region"),
        ({"region": ""}, "region"),
        ({"phone": "12345"}, "phone"),
        ({"phone": "98765abc43"}, "phone"),
        ({"date_of_birth": date(2027, 1, 1)}, "date_of_birth"),
        ({"date_of_birth": date(2020, 1, 1)}, "date_of_birth"),
        ({"skills": ["x" * 61]}, "skills"),
        ({"sector_interests": ["Space tourism"]}, "sector_interests"),
    ],
)
def test_each_bad_profile_field_is_named(changes: dict[str, object], field: str) -> None:
    assert set(profile_problems(youth_profile(**changes), youth=True, today=TODAY)) == {field}


def test_a_complete_youth_profile_has_no_problems() -> None:
    profile = youth_profile(
        phone="+91 98765 43210",
        date_of_birth=date(2004, 8, 15),
        skills=["Excel"],
        sector_interests=["Retail"],
    )
    assert profile_problems(profile, youth=True, today=TODAY) == {}


def test_staff_need_only_a_name() -> None:
    assert profile_problems(clean_profile(ProfileFields(full_name="Ravi")), youth=False, today=TODAY) == {}


def test_cleaning_trims_spaces_and_drops_repeated_skills() -> None:
    cleaned = clean_profile(
        ProfileFields(full_name="  Priya   Sharma ", region=" mh ", skills=["Excel", " excel ", "", "Tally"])
    )
    assert cleaned.full_name == "Priya Sharma"
    assert cleaned.region == "MH"
    assert cleaned.skills == ["Excel", "Tally"]


NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def minutes_ago(*minutes: float) -> list[datetime]:
    return [NOW - timedelta(minutes=m) for m in minutes]


@pytest.mark.parametrize(
    ("failures", "locked"),
    [
        (minutes_ago(), 0),
        (minutes_ago(1, 2, 3, 4), 0),
        (minutes_ago(0, 1, 2, 3, 4), 15),
        (minutes_ago(10, 11, 12, 13, 14), 5),
        (minutes_ago(1, 5, 9, 13, 16.5), 0),  # five failures, but not within one 15-minute window
        (minutes_ago(15, 16, 17, 18, 19), 0),  # lock ran out
        (minutes_ago(14.5, 15, 16, 17, 18), 1),  # half a minute left rounds up to 1
    ],
)
def test_five_failures_within_fifteen_minutes_lock_for_fifteen(failures: list[datetime], locked: int) -> None:
    assert locked_for_minutes(failures, ACCOUNT_POLICY, NOW) == locked
