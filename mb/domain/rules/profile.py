"""Checks on the fields of a person's profile; each problem names the field it belongs to."""

from collections.abc import Mapping
from datetime import date

from mb.domain.model.education import EDUCATION_LEVELS
from mb.domain.model.profile import ProfileFields
from mb.domain.model.regions import REGIONS
from mb.domain.model.sectors import SECTORS

NAME_MAX = 120
INSTITUTION_MAX = 200
SKILL_MAX = 60
SKILLS_MAX = 30
MIN_AGE, MAX_AGE = 14, 100


def clean_profile(fields: ProfileFields) -> ProfileFields:
    """Trim whitespace and drop empty or repeated list entries, keeping their order."""
    return ProfileFields(
        full_name=" ".join(fields.full_name.split()),
        institution=" ".join(fields.institution.split()),
        education_level=fields.education_level.strip(),
        region=fields.region.strip().upper(),
        phone=fields.phone.strip(),
        date_of_birth=fields.date_of_birth,
        skills=_unique(fields.skills),
        sector_interests=_unique(fields.sector_interests),
    )


def profile_problems(fields: ProfileFields, *, youth: bool, today: date) -> dict[str, str]:
    """Field name → message for every problem; youth must give their studies and region."""
    found = {
        "full_name": _name_problem(fields.full_name),
        "institution": _institution_problem(fields.institution, youth),
        "education_level": _choice_problem(
            fields.education_level, EDUCATION_LEVELS, youth, "your education level"
        ),
        "region": _choice_problem(fields.region, REGIONS, youth, "your state or union territory"),
        "phone": _phone_problem(fields.phone),
        "date_of_birth": _birth_problem(fields.date_of_birth, today),
        "skills": _skills_problem(fields.skills),
        "sector_interests": _sectors_problem(fields.sector_interests),
    }
    return {name: problem for name, problem in found.items() if problem}


def _name_problem(name: str) -> str | None:
    if not name:
        return "Enter your full name."
    if len(name) > NAME_MAX:
        return f"Your name can be at most {NAME_MAX} characters."
    if not _printable(name):
        return "Your name contains characters that cannot be shown."
    return None


def _institution_problem(institution: str, required: bool) -> str | None:
    if required and not institution:
        return "Enter the school, college or institute you attend or last attended."
    if len(institution) > INSTITUTION_MAX:
        return f"The institution can be at most {INSTITUTION_MAX} characters."
    if not _printable(institution):
        return "The institution contains characters that cannot be shown."
    return None


def _choice_problem(value: str, choices: Mapping[str, str], required: bool, what: str) -> str | None:
    if value in choices or not (required or value):
        return None
    return f"Choose {what} from the list."


def _phone_problem(phone: str) -> str | None:
    if phone and not _phone_ok(phone):
        return "Enter a phone number of 10 to 15 digits, for example +91 98765 43210."
    return None


def _birth_problem(born: date | None, today: date) -> str | None:
    if born is None:
        return None
    if born > today:
        return "The date of birth cannot be in the future."
    age = _age(born, today)
    if not MIN_AGE <= age <= MAX_AGE:
        return f"Check the date of birth: that makes you {age} years old."
    return None


def _skills_problem(skills: list[str]) -> str | None:
    if len(skills) > SKILLS_MAX or any(len(s) > SKILL_MAX for s in skills):
        return f"List at most {SKILLS_MAX} skills of up to {SKILL_MAX} characters each."
    return None


def _sectors_problem(sectors: list[str]) -> str | None:
    unknown = [s for s in sectors if s not in SECTORS]
    return f"Unknown sector: {unknown[0]}. Choose sectors from the list." if unknown else None


def _unique(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        cleaned = " ".join(item.split())
        if cleaned and cleaned.casefold() not in {k.casefold() for k in seen}:
            seen[cleaned] = None
    return list(seen)


def _printable(text: str) -> bool:
    return all(ch.isprintable() for ch in text)


def _phone_ok(phone: str) -> bool:
    allowed = set("0123456789+- ()")
    digits = sum(ch.isdigit() for ch in phone)
    return set(phone) <= allowed and 10 <= digits <= 15 and "+" not in phone[1:]


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
