"""How well youth fit the programme's sectors (DESIGN §4), and the sector-by-band heatmap.

fit = 0.3·interest + 0.5·skill readiness + 0.2·alignment, each part 0-100:

- interest: 100 when the sector is among the youth's sector interests, else 0;
- skill readiness: the share of the sector's skills (what its active modules teach) the youth has;
- alignment: the share of the modules the youth started or completed that belong to the sector
  (0 with none).

The score is rounded to one decimal and banded from that: GREEN from 70, AMBER from 50, else RED.
Sectors, interests and skills are compared ignoring case and surrounding spaces.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from mb.domain.model.insight_views import FitBand, SectorFit, SectorFitCounts, SectorHeatmap
from mb.domain.model.insights import SectorYouth

INTEREST_WEIGHT = 0.3
READINESS_WEIGHT = 0.5
ALIGNMENT_WEIGHT = 0.2
GREEN_FROM = 70.0
AMBER_FROM = 50.0


def fit(youth: SectorYouth, sector: str, skills: Iterable[str]) -> SectorFit:
    """One youth's fit for one sector whose modules teach `skills`, with its three parts."""
    keys = _Keys()
    taught = {keys[s] for s in skills if s.strip()}
    key = keys[sector]
    interest, readiness, alignment = _parts(
        interested=key in {keys[s] for s in youth.interests},
        skills_held=len(taught & {keys[s] for s in youth.skills}),
        skills_taught=len(taught),
        modules_in_sector=sum(1 for s in youth.module_sectors if keys[s] == key),
        modules=len(youth.module_sectors),
    )
    score = _score(interest, readiness, alignment)
    return SectorFit(sector, score, round(interest, 1), round(readiness, 1), round(alignment, 1), band(score))


def heatmap(youth: Sequence[SectorYouth], sector_skills: Mapping[str, Iterable[str]]) -> SectorHeatmap:
    """For each sector, by name: how many youth are in each band and their average fit."""
    keys = _Keys()
    sectors = _Sectors.of(sector_skills, keys)
    size = len(sectors.names)
    green, amber, total = [0] * size, [0] * size, [0.0] * size
    scores: dict[tuple[int, int, int, int, int], float] = {}  # few distinct facts among many youth
    for each in youth:
        modules = len(each.module_sectors)
        for at, (interested, held, in_sector) in sectors.touched(each, keys).items():
            facts = (interested, held, sectors.taught[at], in_sector, modules)
            score = scores.get(facts)
            if score is None:
                score = scores[facts] = _score(*_parts(bool(interested), *facts[1:]))
            total[at] += score
            if score >= GREEN_FROM:
                green[at] += 1
            elif score >= AMBER_FROM:
                amber[at] += 1
    count = len(youth)
    rows = tuple(
        SectorFitCounts(
            name,
            green[at],
            amber[at],
            count - green[at] - amber[at],  # untouched sectors score 0
            round(total[at] / count, 1) if count else 0.0,
        )
        for at, name in enumerate(sectors.names)
    )
    return SectorHeatmap(count, rows)


@dataclass(frozen=True)
class _Sectors:
    """The heatmap's sectors by name, indexed to find those a youth touches (shows an interest,
    a skill or a module in). A youth fits any other sector 0 (red), so only touched ones are
    scored: with thousands of youth and every sector, this is what keeps the page quick."""

    names: list[str]
    by_key: dict[str, list[int]]  # positions in `names`
    teaching: dict[str, list[int]]  # skill → the sectors that teach it
    taught: list[int]  # how many skills each sector teaches

    @classmethod
    def of(cls, sector_skills: Mapping[str, Iterable[str]], keys: "_Keys") -> "_Sectors":
        sectors = cls(sorted(sector_skills, key=lambda name: (keys[name], name)), {}, {}, [])
        for at, name in enumerate(sectors.names):
            sectors.by_key.setdefault(keys[name], []).append(at)
            skills = {keys[s] for s in sector_skills[name] if s.strip()}
            sectors.taught.append(len(skills))
            for skill in skills:
                sectors.teaching.setdefault(skill, []).append(at)
        return sectors

    def touched(self, youth: SectorYouth, keys: "_Keys") -> dict[int, list[int]]:
        """Sector position → [interested 0/1, skills held, modules in it]."""
        touched: dict[int, list[int]] = {}
        for interest in {keys[s] for s in youth.interests}:
            for at in self.by_key.get(interest, ()):
                touched.setdefault(at, [0, 0, 0])[0] = 1
        for skill in {keys[s] for s in youth.skills}:
            for at in self.teaching.get(skill, ()):
                touched.setdefault(at, [0, 0, 0])[1] += 1
        for sector in youth.module_sectors:
            for at in self.by_key.get(keys[sector], ()):
                touched.setdefault(at, [0, 0, 0])[2] += 1
        return touched


def band(score: float) -> FitBand:
    if score >= GREEN_FROM:
        return FitBand.GREEN
    if score >= AMBER_FROM:
        return FitBand.AMBER
    return FitBand.RED


def _parts(
    interested: bool, skills_held: int, skills_taught: int, modules_in_sector: int, modules: int
) -> tuple[float, float, float]:
    interest = 100.0 if interested else 0.0
    # A sector whose modules list no skills shows no readiness: 100 would paint every youth green
    # for a sector nobody can yet prepare for.
    readiness = 100.0 * skills_held / skills_taught if skills_taught else 0.0
    alignment = 100.0 * modules_in_sector / modules if modules else 0.0
    return interest, readiness, alignment


def _score(interest: float, readiness: float, alignment: float) -> float:
    return round(INTEREST_WEIGHT * interest + READINESS_WEIGHT * readiness + ALIGNMENT_WEIGHT * alignment, 1)


class _Keys(dict[str, str]):
    """Names as compared (no surrounding spaces, any case), each worked out once."""

    def __missing__(self, text: str) -> str:
        key = self[text] = text.strip().casefold()
        return key
