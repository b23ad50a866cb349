from dataclasses import dataclass, field
from datetime import date


@dataclass(kw_only=True)
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
