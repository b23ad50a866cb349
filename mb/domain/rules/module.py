"""Checks on what staff write about a module; each problem names its field."""

import re
from collections.abc import Iterable

from mb.domain.model.module import Difficulty, ModuleDetails
from mb.domain.model.sectors import SECTORS

CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,19}$")
TITLE_MAX = 120
DESCRIPTION_MAX = 5000
MAX_HOURS = 500
MAX_POINTS = 1000
MAX_DUE_DAYS = 365


def clean_details(details: ModuleDetails) -> ModuleDetails:
    return ModuleDetails(
        code=details.code.strip().upper(),
        title=" ".join(details.title.split()),
        description=details.description.strip(),
        duration_hours=details.duration_hours,
        skills=_unique(details.skills),
        sector=details.sector.strip(),
        prerequisites=list(dict.fromkeys(details.prerequisites)),
        difficulty=details.difficulty,
        points=details.points,
        due_in_days=details.due_in_days,
    )


def details_problems(details: ModuleDetails) -> dict[str, str]:
    found = {
        "code": _code_problem(details.code),
        "title": _title_problem(details.title),
        "description": (
            f"Keep the description under {DESCRIPTION_MAX} characters."
            if len(details.description) > DESCRIPTION_MAX
            else None
        ),
        "duration_hours": _number_problem(details.duration_hours, 0, MAX_HOURS, "The duration", "hours"),
        "sector": None if details.sector in SECTORS else "Choose the module's sector from the list.",
        "difficulty": None if details.difficulty in set(Difficulty) else "Choose a difficulty from the list.",
        "points": _points_problem(details.points),
        "due_in_days": _due_problem(details.due_in_days),
        "skills": "List at most 20 skills of up to 60 characters each."
        if len(details.skills) > 20 or any(len(s) > 60 for s in details.skills)
        else None,
    }
    return {name: problem for name, problem in found.items() if problem}


def _code_problem(code: str) -> str | None:
    if not code:
        return "Give the module a code, for example IT-101."
    if not CODE.match(code):
        return "A module code has 2 to 20 letters, digits or dashes, for example IT-101."
    return None


def _title_problem(title: str) -> str | None:
    if not title:
        return "Give the module a title."
    if len(title) > TITLE_MAX:
        return f"Keep the title under {TITLE_MAX} characters."
    return None


def _number_problem(value: float, low: float, high: float, what: str, unit: str) -> str | None:
    # A bool is an int to Python, never a number of hours to a person; NaN fails the range too.
    if isinstance(value, bool) or not isinstance(value, int | float) or not low < value <= high:
        return f"{what} must be more than {low:g} and at most {high:g} {unit}."
    return None


def _points_problem(points: int) -> str | None:
    if isinstance(points, bool) or not isinstance(points, int) or not 0 <= points <= MAX_POINTS:
        return f"Points must be a whole number from 0 to {MAX_POINTS}."
    return None


def _due_problem(days: int | None) -> str | None:
    if days is not None and (
        isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DUE_DAYS
    ):
        return f"Due in days must be a whole number from 1 to {MAX_DUE_DAYS}, or empty for no due date."
    return None


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        cleaned = " ".join(item.split())
        if cleaned and cleaned.casefold() not in seen:
            seen[cleaned.casefold()] = cleaned
    return list(seen.values())
