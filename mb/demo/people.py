"""Demo mentors and youth: Indian names, regions, institutions, studies and interests."""

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from mb.demo.india import BASIC_SKILLS, EDUCATION_MIX, NAMES, REGION_MIX, STUDY_SKILLS, TRADE_SKILLS, Region
from mb.demo.seeds import random_stream
from mb.demo.window import Window
from mb.domain.model.roles import Role
from mb.domain.model.sectors import SECTORS
from mb.domain.rules.student_id import new_student_id

EMAIL_DOMAIN = "demo.example.org"  # reserved for examples: mail to it goes nowhere
# Every demo youth and mentor shares this published password: `mb demo-data` refuses production.
DEMO_PASSWORD = "Learn-and-earn-2026"  # noqa: S105 - documented in the README
YOUTH_PER_MENTOR = 25
MOVED_AWAY = 0.15  # share of youth whose family name comes from another region's language
DEACTIVATED = 0.02

# How often youth name a sector as an interest; the large employers of entry-level youth lead.
SECTOR_APPEAL: dict[str, float] = {
    "IT/ITES": 10,
    "Retail": 9,
    "Banking & Finance": 7,
    "Healthcare": 7,
    "Hospitality": 6,
    "Logistics": 6,
    "Manufacturing": 4,
    "Electronics": 3,
    "Telecom": 3,
    "Beauty & Wellness": 3,
    "Construction": 2,
    "Automotive": 2,
    "Agriculture": 1,
    "Media & Entertainment": 1,
}
TRADE_SECTORS = ("Manufacturing", "Electronics", "Automotive", "Construction")


@dataclass(frozen=True)
class DemoPerson:
    """A demo account. `mentor` is an index into the mentors; `key` into mentors or youth."""

    key: int
    role: Role
    email: str
    full_name: str
    created_at: datetime
    region: str
    phone: str = ""
    date_of_birth: date | None = None
    institution: str = ""
    education_level: str = ""
    skills: tuple[str, ...] = ()
    sector_interests: tuple[str, ...] = ()
    student_id: str | None = None
    mentor: int | None = None
    is_active: bool = True


def mentors_for(youth: int) -> int:
    return max(1, math.ceil(youth / YOUTH_PER_MENTOR))


def make_mentors(seed: int, count: int, window: Window) -> list[DemoPerson]:
    """Staff join a month before the first youth enrol."""
    rng = random_stream(seed, "mentors")
    mentors = []
    for key in range(count):
        region = _region(rng)
        first, last = _name(rng, NAMES[region.language].women + NAMES[region.language].men, region)
        mentors.append(
            DemoPerson(
                key=key,
                role=Role.MENTOR,
                email=f"mentor.{first}.{last}{key + 1}@{EMAIL_DOMAIN}".lower(),
                full_name=f"{first} {last}",
                created_at=window.at(0, 10 * 60) - timedelta(days=30 - key % 7),
                region=region.code,
                phone=_phone(rng),
            )
        )
    return mentors


def make_youth(seed: int, count: int, window: Window, mentors: list[DemoPerson]) -> list[DemoPerson]:
    """Enrolments are heaviest when the programme opens and keep coming to the last day."""
    rng = random_stream(seed, "youth")
    taken: set[str] = set()
    caseloads = [0] * len(mentors)
    youth = []
    for key in range(count):
        region = _region(rng)
        names = NAMES[region.language]
        first, last = _name(rng, rng.choice((names.women, names.men)), region)
        day = min(window.days - 1, int(window.days * rng.random() ** 1.4))
        registered = window.at(day, rng.randint(9 * 60, 21 * 60))
        level = _weighted(rng, {level: weight for level, (weight, _) in EDUCATION_MIX.items()})
        city = rng.choice(region.cities)
        mentor = _mentor_for(mentors, caseloads, region.code, count)
        caseloads[mentor] += 1
        youth.append(
            DemoPerson(
                key=key,
                role=Role.YOUTH,
                email=f"{first}.{last}{key + 1}@{EMAIL_DOMAIN}".lower(),
                full_name=f"{first} {last}",
                created_at=registered,
                region=region.code,
                phone=_phone(rng),
                date_of_birth=registered.date() - timedelta(days=rng.randint(18 * 365 + 5, 25 * 365 + 300)),
                institution=rng.choice(EDUCATION_MIX[level][1]).format(city=city),
                education_level=level,
                skills=_skills(rng, level),
                sector_interests=_interests(rng, level),
                student_id=_student_id(rng, region.code, registered.year, taken),
                mentor=mentor,
                is_active=rng.random() >= DEACTIVATED,
            )
        )
    return youth


def _region(rng: random.Random) -> Region:
    return rng.choices(REGION_MIX, weights=[r.people_millions for r in REGION_MIX])[0]


def _name(rng: random.Random, first_names: tuple[str, ...], region: Region) -> tuple[str, str]:
    language = region.language
    if rng.random() < MOVED_AWAY:
        language = rng.choice(sorted(NAMES))
    return rng.choice(first_names), rng.choice(NAMES[language].surnames)


def _phone(rng: random.Random) -> str:
    return f"+91 {rng.randint(6, 9)}{rng.randint(0, 9999):04d} {rng.randint(0, 99999):05d}"


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _skills(rng: random.Random, level: str) -> tuple[str, ...]:
    pool = list(BASIC_SKILLS)
    if level != "secondary":
        pool += STUDY_SKILLS
    if level == "iti_diploma":
        pool += TRADE_SKILLS * 2
    return tuple(dict.fromkeys(rng.sample(pool, rng.randint(1, 4))))


def _interests(rng: random.Random, level: str) -> tuple[str, ...]:
    appeal = dict(SECTOR_APPEAL)
    if level == "iti_diploma":
        appeal.update({sector: appeal[sector] * 3 for sector in TRADE_SECTORS})
    if level in ("graduate", "postgraduate", "undergraduate"):
        appeal.update({"IT/ITES": 18, "Banking & Finance": 12})
    wanted = rng.choices((1, 2, 3), weights=(3, 4, 2))[0]
    chosen: list[str] = []
    while len(chosen) < wanted:
        sector = _weighted(rng, {s: w for s, w in appeal.items() if s not in chosen})
        chosen.append(sector)
    return tuple(sorted(chosen, key=SECTORS.index))


def _student_id(rng: random.Random, region: str, year: int, taken: set[str]) -> str:
    while (candidate := new_student_id(region, year, choose=rng.choice)) in taken:
        pass
    taken.add(candidate)
    return candidate


def _mentor_for(mentors: list[DemoPerson], caseloads: list[int], region: str, youth: int) -> int:
    """A mentor from the youth's region while they have room, else whoever has the fewest."""
    room = math.ceil(youth / len(mentors)) + 2
    local = [m.key for m in mentors if m.region == region and caseloads[m.key] < room]
    pool = local or range(len(mentors))
    return min(pool, key=lambda key: (caseloads[key], key))
