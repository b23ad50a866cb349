"""Jobs: about one demo youth in ten starts work during the window, the keenest learners likeliest.

A youth is placed a few weeks after finishing a module at the earliest, with an employer of their
region in a sector they wanted (or trained for); their mentor records it around the start date.
Employers' addresses are under example.com, a domain reserved for examples: mail to it goes nowhere.
"""

import random
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from mb.demo.activity import Learning, Persona
from mb.demo.catalogue import CATALOGUE
from mb.demo.india import NAMES, REGION_MIX
from mb.demo.people import DemoPerson
from mb.demo.seeds import random_stream
from mb.demo.window import Window
from mb.domain.model.assignment import AssignmentStatus

PLACED_SHARE = (0.08, 0.12)
READY_AFTER_DAYS = 14  # from the first completed module to the earliest start
SECTOR_OF = {module.code: module.sector for module in CATALOGUE}
REGIONS = {region.code: region for region in REGION_MIX}

# Employers that take on entry-level youth, by sector; "{city}" and "{family}" (a surname of the
# region) are filled in.
EMPLOYERS: dict[str, tuple[str, ...]] = {
    "IT/ITES": (
        "{city} Infotech Services Pvt Ltd",
        "{family} Data Solutions",
        "Sahyog BPO Services",
        "Navkar Software Technologies",
    ),
    "Retail": (
        "{family} Super Bazaar",
        "{city} Fashion Point",
        "Apna Bazaar Retail",
        "{city} Footwear House",
    ),
    "Hospitality": (
        "Hotel {city} Residency",
        "Annapurna Restaurant and Caterers",
        "{family} Banquets",
        "Hotel Shree Palace",
    ),
    "Banking & Finance": (
        "{city} Urban Co-operative Bank",
        "{family} Finance and Leasing",
        "Jan Seva Microfinance",
        "Suraksha Insurance Services",
    ),
    "Healthcare": (
        "{city} Multispeciality Hospital",
        "Jeevan Jyoti Nursing Home",
        "Arogya Diagnostics",
        "{family} Medical Stores",
    ),
    "Manufacturing": (
        "{family} Textiles Pvt Ltd",
        "{city} Auto Components",
        "Shakti Plastics Industries",
        "Ganesh Food Products",
    ),
    "Logistics": (
        "{city} Express Couriers",
        "{family} Transport Company",
        "Sarathi Logistics Pvt Ltd",
        "Bharat Cargo Movers",
    ),
    "Construction": ("{family} Builders and Developers", "{city} Infra Projects", "Pragati Civil Works"),
    "Agriculture": ("{city} Farmer Producer Company", "Hariyali Agro Services", "{family} Dairy Farm"),
    "Beauty & Wellness": ("Glow Beauty Salon {city}", "{family} Unisex Salon", "Sundari Beauty Parlour"),
    "Telecom": ("{city} Mobile Gallery", "Connect Telecom Services", "{family} Communications"),
    "Automotive": ("{family} Motors", "{city} Two Wheeler Service Centre", "Sai Auto Works"),
    "Electronics": (
        "{city} Electronics Service Centre",
        "{family} Electricals",
        "PowerTech Solar Installations",
    ),
    "Media & Entertainment": ("{city} Digital Studio", "{family} Events and Media", "Rangmanch Productions"),
}
JOBS: dict[str, tuple[str, ...]] = {
    "IT/ITES": ("Customer support executive", "Data entry operator", "Technical support associate"),
    "Retail": ("Sales associate", "Cashier", "Store assistant", "Inventory assistant"),
    "Hospitality": ("Front office associate", "Commis chef", "Housekeeping attendant", "Steward"),
    "Banking & Finance": ("Business correspondent", "Accounts assistant", "Insurance sales executive"),
    "Healthcare": ("General duty assistant", "Pharmacy assistant", "Lab assistant"),
    "Manufacturing": ("Machine operator", "Quality inspector", "Production trainee"),
    "Logistics": ("Delivery executive", "Warehouse associate", "Dispatch coordinator"),
    "Construction": ("Site supervisor trainee", "Assistant electrician", "Plumber"),
    "Agriculture": ("Farm supervisor", "Dairy technician", "Agri sales assistant"),
    "Beauty & Wellness": ("Beauty therapist", "Hair stylist assistant", "Spa therapist"),
    "Telecom": ("Telecom sales executive", "Tower technician", "Customer care executive"),
    "Automotive": ("Two-wheeler service technician", "Car service advisor", "Auto electrician"),
    "Electronics": ("Field technician", "Solar panel installer", "Mobile repair technician"),
    "Media & Entertainment": ("Video editor trainee", "Social media assistant", "Camera assistant"),
}


@dataclass(frozen=True)
class DemoPlacement:
    youth: int  # key
    employer_name: str
    contact_email: str
    job_title: str
    sector: str
    start_date: date
    recorded_by: int | None  # the youth's mentor (key)
    recorded_at: datetime


def make_placements(
    seed: int, youth: list[DemoPerson], learning: list[Learning], window: Window
) -> list[DemoPlacement]:
    """8 to 12 % of the youth (fewer when the window is too short for that many to be ready), chosen
    at random with weight growing with the modules they completed; in the order they were recorded."""
    rng = random_stream(seed, "placements")
    wanted = round(len(youth) * rng.uniform(*PLACED_SHARE))
    ready: list[tuple[float, DemoPerson, Learning, int]] = []
    for person, learned in zip(youth, learning, strict=True):
        completed = [a.completed_at for a in learned.assignments if a.completed_at is not None]
        earliest = window.index_of(min(completed)) + READY_AFTER_DAYS if completed else window.days
        if earliest >= window.days:
            continue
        weight = len(completed) ** 2 * (0.4 if learned.persona is Persona.DRIFTER else 1.0)
        # A weighted draw without replacement: the largest u^(1/weight) win.
        ready.append((rng.random() ** (1 / weight), person, learned, earliest))
    chosen = sorted(ready, key=lambda candidate: candidate[0], reverse=True)[:wanted]
    placements = [
        _placement(seed, person, learned, earliest, window) for _, person, learned, earliest in chosen
    ]
    return sorted(placements, key=lambda p: (p.recorded_at, p.youth))


def _placement(
    seed: int, person: DemoPerson, learned: Learning, earliest: int, window: Window
) -> DemoPlacement:
    rng = random_stream(seed, "placement", person.key)
    last = window.days - 1
    start = rng.randint(earliest, min(last, earliest + 60))
    if window.day(start).weekday() == 6 and start < last:  # nobody starts on a Sunday
        start += 1
    recorded = window.at(max(0, min(last, start + rng.randint(-7, 3))), rng.randint(10 * 60, 18 * 60))
    sector = _sector(rng, person, learned)
    employer, contact = _employer(rng, person.region, sector)
    return DemoPlacement(
        youth=person.key,
        employer_name=employer,
        contact_email=contact,
        job_title=rng.choice(JOBS[sector]),
        sector=sector,
        start_date=window.day(start),
        recorded_by=person.mentor,
        recorded_at=max(recorded, person.created_at + timedelta(hours=1)),
    )


def _sector(rng: random.Random, person: DemoPerson, learned: Learning) -> str:
    """A sector they wanted, likelier the more modules of it they completed (or one they trained in)."""
    trained = Counter(
        SECTOR_OF[a.module] for a in learned.assignments if a.status is AssignmentStatus.COMPLETED
    )
    weights = {sector: 1.0 + 3 * trained[sector] for sector in person.sector_interests}
    for sector, count in trained.items():
        weights.setdefault(sector, 0.5 * count)
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _employer(rng: random.Random, region_code: str, sector: str) -> tuple[str, str]:
    """The employer's name and the address of the person who hires there."""
    region = REGIONS[region_code]
    names = NAMES[region.language]
    pattern = rng.choice(EMPLOYERS[sector])
    name = pattern.format(city=rng.choice(region.cities), family=rng.choice(names.surnames))
    domain = "-".join(re.findall(r"[a-z0-9]+", name.lower().replace(" pvt ltd", "")))[:40].strip("-")
    first, last = rng.choice(names.women + names.men), rng.choice(names.surnames)
    local = rng.choice((f"{first}.{last}", f"{first}.{last}", "hr", "careers")).lower()
    return name, f"{local}@{domain}.example.com"
