"""Checks on the fields of a person's profile; each problem names the field it belongs to."""

from dataclasses import dataclass, field
from datetime import date

from mb.domain.model.education import EDUCATION_LEVELS
from mb.domain.model.regions import REGIONS
from mb.domain.model.sectors import SECTORS

NAME_MAX = 120
INSTITUTION_MAX = 200
SKILL_MAX = 60
SKILLS_MAX = 30
MIN_AGE, MAX_AGE = 14, 100


@dataclass
class ProfileFields:
    """What a person can say about themselves; the same on registration and profile edit."""

    full_name: str
    institution: str = ""
    education_level: str = ""
    region: str = ""
    phone: str = ""
    date_of_birth: date | None = None
    skills: list[str] = field(default_factory=list)
    sector_interests: list[str] = field(default_factory=list)


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
    problems: dict[str, str] = {}
    if not fields.full_name:
        problems["full_name"] = "Enter your full name."
    elif len(fields.full_name) > NAME_MAX:
        problems["full_name"] = f"Your name can be at most {NAME_MAX} characters."
    elif not _printable(fields.full_name):
        problems["full_name"] = "Your name contains characters that cannot be shown."
    if youth and not fields.institution:
        problems["institution"] = "Enter the school, college or institute you attend or last attended."
    elif len(fields.institution) > INSTITUTION_MAX:
        problems["institution"] = f"The institution can be at most {INSTITUTION_MAX} characters."
    elif not _printable(fields.institution):
        problems["institution"] = "The institution contains characters that cannot be shown."
    if fields.education_level not in EDUCATION_LEVELS and (youth or fields.education_level):
        problems["education_level"] = "Choose your education level from the list."
    if fields.region not in REGIONS and (youth or fields.region):
        problems["region"] = "Choose your state or union territory from the list."
    if fields.phone and not _phone_ok(fields.phone):
        problems["phone"] = "Enter a phone number of 10 to 15 digits, for example +91 98765 43210."
    if fields.date_of_birth is not None:
        age = _age(fields.date_of_birth, today)
        if fields.date_of_birth > today:
            problems["date_of_birth"] = "The date of birth cannot be in the future."
        elif not MIN_AGE <= age <= MAX_AGE:
            problems["date_of_birth"] = f"Check the date of birth: that makes you {age} years old."
    if len(fields.skills) > SKILLS_MAX or any(len(s) > SKILL_MAX for s in fields.skills):
        problems["skills"] = f"List at most {SKILLS_MAX} skills of up to {SKILL_MAX} characters each."
    unknown = [s for s in fields.sector_interests if s not in SECTORS]
    if unknown:
        problems["sector_interests"] = f"Unknown sector: {unknown[0]}. Choose sectors from the list."
    return problems


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
