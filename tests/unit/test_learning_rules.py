"""Table-driven tests of the learning rules: module details, prerequisites, quizzes, progress,
materials, learning order."""

import math
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from mb.domain.errors import InvalidInput
from mb.domain.model.assignment import Assignment, AssignmentStatus
from mb.domain.model.module import Difficulty, ModuleDetails, Question, Quiz
from mb.domain.model.sectors import SECTORS
from mb.domain.rules.learning_path import in_learning_order, is_overdue, next_step
from mb.domain.rules.materials import (
    ALLOWED_TYPES,
    NAME_MAX,
    content_type_for,
    material_problem,
    safe_filename,
)
from mb.domain.rules.module import clean_details, details_problems
from mb.domain.rules.prerequisites import cycle_through, locked_by
from mb.domain.rules.progress import complete_if_done, progress_problem, record_progress
from mb.domain.rules.quiz import answers_problem, mark, quiz_problem

T0 = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16
GIF = b"GIF89a" + b"\x00" * 16
MB = 1024 * 1024


def details(**changes: Any) -> ModuleDetails:
    fields: dict[str, Any] = {
        "code": "IT-101",
        "title": "Workplace computer basics",
        "description": "Files, email and spreadsheets for a first office job.",
        "duration_hours": 6,
        "skills": ["Excel", "Email"],
        "sector": "IT/ITES",
        "points": 50,
        "due_in_days": 14,
    }
    fields.update(changes)
    return ModuleDetails(**fields)


def problems_of(**changes: Any) -> dict[str, str]:
    return details_problems(clean_details(details(**changes)))


# Module details


def test_well_formed_details_have_no_problems() -> None:
    assert problems_of() == {}


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("code", "", "Give the module a code"),
        ("code", "   ", "Give the module a code"),
        ("code", "I", "2 to 20"),
        ("code", "IT 101", "2 to 20"),
        ("code", "-IT101", "2 to 20"),
        ("code", "IT_101", "2 to 20"),
        ("code", "A" * 21, "2 to 20"),
        ("code", "आईटी-101", "2 to 20"),
        ("code", "IT-101\n", None),  # trailing whitespace is trimmed, not kept
        ("code", "IT", None),
        ("code", "A" * 20, None),
        ("code", " it-101 ", None),
        ("title", "", "Give the module a title"),
        ("title", " \t\n ", "Give the module a title"),
        ("title", "x" * 120, None),
        ("title", "x" * 121, "under 120"),
        ("title", "कंप्यूटर की बुनियादी बातें", None),
        ("description", "", None),
        ("description", "d" * 5000, None),
        ("description", "d" * 5001, "description"),
        ("duration_hours", 0, "more than 0"),
        ("duration_hours", -1, "more than 0"),
        ("duration_hours", 0.25, None),
        ("duration_hours", 500, None),
        ("duration_hours", 500.01, "at most 500"),
        ("duration_hours", math.nan, "more than 0"),
        ("duration_hours", math.inf, "at most 500"),
        ("duration_hours", "6", "more than 0"),
        ("duration_hours", True, "more than 0"),
        ("points", 0, None),
        ("points", 1000, None),
        ("points", 1001, "0 to 1000"),
        ("points", -5, "0 to 1000"),
        ("points", 10.5, "whole number"),
        ("points", "10", "whole number"),
        ("points", True, "whole number"),
        ("due_in_days", None, None),
        ("due_in_days", 1, None),
        ("due_in_days", 365, None),
        ("due_in_days", 0, "1 to 365"),
        ("due_in_days", 366, "1 to 365"),
        ("due_in_days", 7.0, "1 to 365"),
        ("due_in_days", True, "1 to 365"),
        ("sector", "", "sector"),
        ("sector", "Plumbing", "sector"),
        ("sector", "retail", "sector"),  # sectors are chosen from the list, spelled as there
        ("sector", " Retail ", None),
        ("sector", "Banking & Finance", None),
        ("skills", [], None),
        ("skills", [f"skill {n}" for n in range(20)], None),
        ("skills", [f"skill {n}" for n in range(21)], "at most 20"),
        ("skills", ["s" * 60], None),
        ("skills", ["s" * 61], "60 characters"),
        ("difficulty", "expert", "difficulty"),
        ("difficulty", Difficulty.ADVANCED, None),
    ],
)
def test_each_module_field_is_checked(field: str, value: object, problem: str | None) -> None:
    found = problems_of(**{field: value})
    if problem is None:
        assert field not in found
    else:
        assert problem in found.get(field, "")
    assert set(found) <= {field}, "a problem in one field is reported against that field only"


def test_every_programme_sector_is_a_valid_module_sector() -> None:
    assert all(problems_of(sector=sector) == {} for sector in SECTORS)


def test_cleaning_normalises_code_title_skills_and_prerequisites() -> None:
    cleaned = clean_details(
        details(
            code="  it-101 ",
            title="  Workplace   computer\tbasics ",
            description="  Files and email.\n",
            skills=["Excel", " excel ", "", "  Customer   service", "EXCEL", "सिलाई"],
            sector=" IT/ITES ",
            prerequisites=[3, 2, 3, 2],
        )
    )
    assert cleaned.code == "IT-101"
    assert cleaned.title == "Workplace computer basics"
    assert cleaned.description == "Files and email."
    assert cleaned.skills == ["Excel", "Customer service", "सिलाई"]
    assert cleaned.sector == "IT/ITES"
    assert cleaned.prerequisites == [3, 2]


def test_several_problems_are_reported_together() -> None:
    found = problems_of(code="", title="", duration_hours=0, sector="")
    assert set(found) == {"code", "title", "duration_hours", "sector"}


# Prerequisites


@pytest.mark.parametrize(
    ("graph", "module", "prerequisites", "cycle"),
    [
        ({}, 1, [], []),
        ({}, 1, [2], []),
        ({}, 1, [1], [1, 1]),
        ({2: [1]}, 1, [2], [1, 2, 1]),
        ({2: [3], 3: [4], 4: [5], 5: [1]}, 1, [2], [1, 2, 3, 4, 5, 1]),
        # A diamond: 1 needs 2 and 3, both need 4. Shared ancestry is not a cycle.
        ({2: [4], 3: [4]}, 1, [2, 3], []),
        ({2: [4], 3: [4], 4: [5]}, 1, [2, 3], []),
        # The new prerequisites replace the old ones: dropping 2 breaks the old route back.
        ({1: [2], 2: [3]}, 3, [4], []),
        ({1: [2], 2: [3]}, 3, [1], [3, 1, 2, 3]),
        # A second route closes the cycle even when the first branch is clean.
        ({2: [5], 3: [4], 4: [1]}, 1, [2, 3], [1, 3, 4, 1]),
        # Another module's self-loop elsewhere in the graph is not ours to report.
        ({7: [8], 8: [7]}, 1, [2], []),
    ],
)
def test_a_cycle_is_found_with_its_path(
    graph: dict[int, list[int]], module: int, prerequisites: list[int], cycle: list[int]
) -> None:
    assert cycle_through(graph, module, prerequisites) == cycle


def test_finding_a_cycle_does_not_change_the_graph() -> None:
    graph = {2: [1]}
    cycle_through(graph, 1, [2])
    assert graph == {2: [1]}


@pytest.mark.parametrize(
    ("prerequisites", "completed", "locking"),
    [
        ([], set(), []),
        ([1, 2], {1, 2}, []),
        ([1, 2], {1}, [2]),
        ([1, 2], set(), [1, 2]),
        ([3, 1], {2}, [3, 1]),
    ],
)
def test_a_module_is_locked_by_its_unfinished_prerequisites(
    prerequisites: list[int], completed: set[int], locking: list[int]
) -> None:
    assert locked_by(prerequisites, completed) == locking


# Quizzes


def question(
    text: str = "Which key saves a file?", options: tuple[str, ...] = ("Ctrl+S", "Ctrl+P"), correct: int = 0
) -> Question:
    return Question(text, options, correct)


@pytest.mark.parametrize(
    ("quiz", "problem"),
    [
        (Quiz((question(),), 60), None),
        (Quiz((question(options=("A", "B", "C", "D", "E", "F", "G", "H"), correct=7),), 60), None),
        (Quiz((), 60), "at least one question"),
        (Quiz(tuple(question(f"Q{n}") for n in range(51)), 60), "at most 50"),
        (Quiz((question(options=("Only one",)),), 60), "2 to 8 options"),
        (Quiz((question(options=tuple("ABCDEFGHI")),), 60), "2 to 8 options"),
        (Quiz((question(options=("Ctrl+S", "ctrl+s ")),), 60), "same option twice"),
        (Quiz((question(options=("Ctrl+S", "  ")),), 60), "none of them empty"),
        (Quiz((question(options=("Ctrl+S", "")),), 60), "none of them empty"),
        (Quiz((question(correct=2),), 60), "Mark which option"),
        (Quiz((question(correct=-1),), 60), "Mark which option"),
        (Quiz((question(text="  "),), 60), "needs its text"),
        (Quiz((question(text="q" * 501),), 60), "needs its text"),
        (Quiz((question(),), 0), "pass mark"),
        (Quiz((question(),), 101), "pass mark"),
        (Quiz((question(),), 1), None),
        (Quiz((question(),), 100), None),
    ],
)
def test_a_quiz_must_be_well_formed(quiz: Quiz, problem: str | None) -> None:
    found = quiz_problem(quiz)
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_a_quiz_problem_names_the_question() -> None:
    quiz = Quiz((question(), question("Second?", ("Yes", "yes"))), 50)
    assert quiz_problem(quiz) == "Question 2 has the same option twice."


def quiz_of(count: int, pass_mark: int) -> Quiz:
    return Quiz(tuple(question(f"Q{n}") for n in range(count)), pass_mark)  # option 0 is right


@pytest.mark.parametrize(
    ("count", "right", "pass_mark", "score", "passed"),
    [
        (10, 10, 100, 100, True),
        (10, 0, 1, 0, False),
        (10, 7, 70, 70, True),  # exactly the pass mark passes
        (10, 6, 70, 60, False),
        (3, 2, 67, 67, True),  # 66.7 % is shown as 67 %, and 67 % is what is compared
        (3, 1, 34, 33, False),
        (8, 1, 13, 13, True),  # 12.5 % rounds half up, like every percentage people see
        (8, 5, 63, 63, True),  # 62.5 %: not rounded to the even 62
        (8, 3, 38, 38, True),
        (6, 5, 83, 83, True),
        (1, 1, 100, 100, True),
    ],
)
def test_a_quiz_is_marked_in_whole_percent(
    count: int, right: int, pass_mark: int, score: int, passed: bool
) -> None:
    answers = [0] * right + [1] * (count - right)
    assert mark(quiz_of(count, pass_mark), answers) == (score, passed)


@pytest.mark.parametrize(
    ("answers", "problem"),
    [
        ([0, 1, 0], None),
        ([0, None, 0], "question 2 is empty"),
        ([None, None, None], "question 1 is empty"),
        ([0, 1], "has changed"),
        ([0, 1, 0, 1], "has changed"),
        ([], "has changed"),
        ([0, 2, 0], "has changed"),
        ([0, -1, 0], "has changed"),
    ],
)
def test_answers_must_cover_every_question_with_a_real_option(
    answers: list[int | None], problem: str | None
) -> None:
    found = answers_problem(quiz_of(3, 50), answers)
    assert (found is None) if problem is None else (found is not None and problem in found)


# Progress


def assignment(**changes: Any) -> Assignment:
    return Assignment(**{"user_id": 7, "module_id": 1, "assigned_at": T0, **changes})


@pytest.mark.parametrize(
    ("status", "current", "given", "problem"),
    [
        (AssignmentStatus.ACTIVE, 0, 0, None),
        (AssignmentStatus.ACTIVE, 0, 50, None),
        (AssignmentStatus.IN_PROGRESS, 40, 40, None),
        (AssignmentStatus.IN_PROGRESS, 40, 100, None),
        (AssignmentStatus.IN_PROGRESS, 40, 39, "already at 40"),
        (AssignmentStatus.ACTIVE, 0, 101, "0 to 100"),
        (AssignmentStatus.ACTIVE, 0, -1, "0 to 100"),
        (AssignmentStatus.ACTIVE, 0, "50", "whole number"),
        (AssignmentStatus.ACTIVE, 0, True, "whole number"),
        (AssignmentStatus.ACTIVE, 0, 50.5, "whole number"),
        (AssignmentStatus.ACTIVE, 0, None, "whole number"),
        (AssignmentStatus.ACTIVE, 0, math.nan, "whole number"),
        (AssignmentStatus.INACTIVE, 0, 50, "withdrawn"),
        (AssignmentStatus.COMPLETED, 100, 100, "already completed"),
    ],
)
def test_progress_only_moves_forward_within_0_to_100(
    status: AssignmentStatus, current: int, given: object, problem: str | None
) -> None:
    found = progress_problem(assignment(status=status, progress=current), given)
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_refused_progress_raises_and_leaves_the_assignment_as_it_was() -> None:
    held = assignment(status=AssignmentStatus.IN_PROGRESS, progress=40, started_at=T0)
    before = Assignment(**vars(held))
    with pytest.raises(InvalidInput) as caught:
        record_progress(held, 30, quiz_required=False, now=T0 + timedelta(hours=1))
    assert "progress" in caught.value.fields
    assert held == before


def test_first_progress_starts_the_module_once() -> None:
    held = assignment()
    assert record_progress(held, 0, quiz_required=False, now=T0) is False
    assert (held.status, held.started_at) == (AssignmentStatus.ACTIVE, None)

    record_progress(held, 10, quiz_required=False, now=T0 + timedelta(hours=1))
    record_progress(held, 30, quiz_required=False, now=T0 + timedelta(hours=2))
    assert held.status is AssignmentStatus.IN_PROGRESS
    assert held.started_at == T0 + timedelta(hours=1)
    assert held.completed_at is None


def test_reaching_100_without_a_quiz_completes_the_module() -> None:
    held = assignment(status=AssignmentStatus.IN_PROGRESS, progress=60, started_at=T0)
    done_at = T0 + timedelta(days=2)
    assert record_progress(held, 100, quiz_required=False, now=done_at) is True
    assert (held.status, held.progress, held.completed_at, held.started_at) == (
        AssignmentStatus.COMPLETED,
        100,
        done_at,
        T0,
    )


def test_jumping_straight_to_100_sets_both_dates() -> None:
    held = assignment()
    assert record_progress(held, 100, quiz_required=False, now=T0) is True
    assert held.started_at == held.completed_at == T0


def test_reaching_100_with_an_unpassed_quiz_waits_for_the_quiz() -> None:
    held = assignment(status=AssignmentStatus.IN_PROGRESS, progress=60, started_at=T0)
    assert record_progress(held, 100, quiz_required=True, now=T0) is False
    assert (held.status, held.progress, held.completed_at) == (AssignmentStatus.IN_PROGRESS, 100, None)

    held.quiz_passed = True
    later = T0 + timedelta(hours=3)
    assert complete_if_done(held, quiz_required=True, now=later) is True
    assert (held.status, held.completed_at) == (AssignmentStatus.COMPLETED, later)
    assert complete_if_done(held, quiz_required=True, now=later + timedelta(hours=1)) is False
    assert held.completed_at == later, "completing twice keeps the first date"


def test_a_passed_quiz_before_100_completes_when_progress_reaches_100() -> None:
    held = assignment(status=AssignmentStatus.IN_PROGRESS, progress=50, started_at=T0, quiz_passed=True)
    assert complete_if_done(held, quiz_required=True, now=T0) is False
    assert record_progress(held, 100, quiz_required=True, now=T0 + timedelta(days=1)) is True
    assert held.status is AssignmentStatus.COMPLETED


# Materials


@pytest.mark.parametrize(
    ("filename", "data", "problem"),
    [
        ("guide.pdf", PDF, None),
        ("GUIDE.PDF", PDF, None),
        ("photo.png", PNG, None),
        ("photo.jpg", JPEG, None),
        ("photo.jpeg", JPEG, None),
        ("anim.gif", GIF, None),
        ("talk.mp4", b"\x00\x00\x00\x18ftypmp42", None),
        ("talk.webm", b"\x1aE\xdf\xa3", None),
        ("notes.docx", b"PK\x03\x04", None),
        ("sheet.xlsx", b"PK\x03\x04", None),
        ("slides.pptx", b"PK\x03\x04", None),
        ("old.doc", b"\xd0\xcf\x11\xe0", None),
        ("notes.odt", b"PK\x03\x04", None),
        ("notes.txt", "नमस्ते".encode(), None),
        ("list.csv", b"a,b\n", None),
        ("readme.md", b"# Hi", None),
        ("setup.exe", b"MZ\x90\x00", "cannot be uploaded"),
        ("script.sh", b"#!/bin/sh", "cannot be uploaded"),
        ("page.html", b"<script>", "cannot be uploaded"),
        ("logo.svg", b"<svg/>", "cannot be uploaded"),
        ("archive.zip", b"PK\x03\x04", "cannot be uploaded"),
        ("no-extension", b"%PDF", "cannot be uploaded"),
        ("guide.pdf.exe", b"MZ", "cannot be uploaded"),
        ("", PDF, "That file cannot be uploaded"),
        ("guide.pdf", b"", "is empty"),
        ("guide.pdf", b"MZ\x90\x00 renamed program", "does not look like a real PDF"),
        ("guide.pdf", b"<html>%PDF", "does not look like a real PDF"),
        ("photo.png", JPEG, "does not look like a real PNG"),
        ("photo.jpg", PNG, "does not look like a real JPG"),
        ("anim.gif", b"GIF90a", "does not look like a real GIF"),
        ("notes.docx", b"MZ\x90\x00 renamed program", "does not look like a real DOCX"),
        ("talk.mp4", b"MZ\x90\x00 renamed program", "does not look like a real MP4"),
        ("old.xls", b"PK\x03\x04", "does not look like a real XLS"),
        ("photo.webp", b"RIFF\x00\x00\x00\x00WAVE", "does not look like a real WEBP"),
        ("notes.txt", b"\x7fELF\x02\x01\x00\x00", "does not look like a real TXT"),
        ("list.csv", b"\xff\xfe a,b", "does not look like a real CSV"),
    ],
)
def test_only_allowed_file_types_with_real_content_are_accepted(
    filename: str, data: bytes, problem: str | None
) -> None:
    found = material_problem(filename, data, max_bytes=MB)
    assert (found is None) if problem is None else (found is not None and problem in found)


@pytest.mark.parametrize(
    ("size", "ok"),
    [(MB - 1, True), (MB, True), (MB + 1, False), (20 * MB, False)],
)
def test_the_size_limit_is_inclusive(size: int, ok: bool) -> None:
    found = material_problem("guide.pdf", PDF + b"\x00" * (size - len(PDF)), max_bytes=MB)
    assert (found is None) is ok
    if not ok:
        assert found is not None and "the limit is 1.0 MB" in found


def test_the_content_type_follows_the_extension_not_the_browser() -> None:
    assert content_type_for("Guide.PDF") == "application/pdf"
    assert content_type_for("photo.JPG") == "image/jpeg"
    assert content_type_for("guide.exe") is None
    assert all(content_type_for(f"file{suffix}") == kind for suffix, kind in ALLOWED_TYPES.items())


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("guide.pdf", "guide.pdf"),
        ("C:\\Users\\Priya\\Desktop\\guide.pdf", "guide.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("/var/data/guide.pdf", "guide.pdf"),
        ("bad\x00na\nme\t.pdf", "badname.pdf"),
        ("evil\u202efdp.exe", "evilfdp.exe"),
        ("  my   notes  .pdf  ", "my notes.pdf"),
        ("प्रशिक्षण पुस्तिका.pdf", "प्रशिक्षण पुस्तिका.pdf"),
        ("cafe\u0301.pdf", "café.pdf"),
        ("", "file"),
        ("..", "file"),
        ("/", "file"),
        ("...pdf", "pdf"),
    ],
)
def test_a_safe_filename_has_no_folders_or_control_characters(given: str, stored: str) -> None:
    assert safe_filename(given) == stored


@pytest.mark.parametrize(
    "given",
    [
        "a" * 300 + ".pdf",
        "प्रशिक्षण" * 40 + ".pdf",
        "😀" * 200 + ".docx",
        "x." + "y" * 300,
        "." * 5 + "z" * 400 + ".pptx",
    ],
)
def test_a_very_long_name_is_shortened_to_fit_every_store(given: str) -> None:
    name = safe_filename(given)
    assert 0 < len(name) <= NAME_MAX
    assert len(name.encode()) <= 255, "local file systems allow 255 bytes in one name"
    assert safe_filename(name) == name
    suffix = given[given.rindex(".") :]
    if len(suffix) <= 6:
        assert name.endswith(suffix), "the extension that decides the file's type is kept"


# Learning order, next step, overdue


def held_as(module_id: int, status: AssignmentStatus, due: date | None = None) -> Assignment:
    return assignment(module_id=module_id, status=status, due_date=due)


A, IP, C, W = (
    AssignmentStatus.ACTIVE,
    AssignmentStatus.IN_PROGRESS,
    AssignmentStatus.COMPLETED,
    AssignmentStatus.INACTIVE,
)
D1, D2 = date(2026, 12, 1), date(2026, 12, 15)


@pytest.mark.parametrize(
    ("assignments", "locked", "order", "upcoming"),
    [
        ([], set(), [], None),
        ([held_as(1, A), held_as(2, IP), held_as(3, C)], set(), [2, 1, 3], 2),
        ([held_as(1, C), held_as(2, W)], set(), [1], None),
        # Unlocked before locked among the not started; the locked one is never the next step.
        ([held_as(1, A), held_as(2, A)], {1}, [2, 1], 2),
        ([held_as(1, A), held_as(2, A)], {1, 2}, [1, 2], None),
        # By due date, undated last; then by module.
        ([held_as(1, A), held_as(2, A, D2), held_as(3, A, D1)], set(), [3, 2, 1], 3),
        ([held_as(5, A), held_as(4, A)], set(), [4, 5], 4),
        ([held_as(1, IP, D2), held_as(2, IP, D1), held_as(3, A, D1)], set(), [2, 1, 3], 2),
        # A locked module in progress (its prerequisite was added later) is not next either.
        ([held_as(1, IP), held_as(2, A)], {1}, [1, 2], 2),
    ],
)
def test_modules_are_in_learning_order_with_one_next_step(
    assignments: list[Assignment], locked: set[int], order: list[int], upcoming: int | None
) -> None:
    ordered = in_learning_order(assignments, locked)
    assert [a.module_id for a in ordered] == order
    assert next_step(ordered, locked) == upcoming


TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("status", "due", "overdue"),
    [
        (A, None, False),
        (A, TODAY, False),
        (A, TODAY - timedelta(days=1), True),
        (IP, TODAY - timedelta(days=30), True),
        (A, TODAY + timedelta(days=1), False),
        (C, TODAY - timedelta(days=1), False),
        (W, TODAY - timedelta(days=1), False),
    ],
)
def test_a_module_is_overdue_only_when_unfinished_after_its_due_day(
    status: AssignmentStatus, due: date | None, overdue: bool
) -> None:
    assert is_overdue(held_as(1, status, due), TODAY) is overdue
