"""Recommendations, offline: hit-rate@3 on demo data against a most-popular baseline (SQLite).

    .venv/bin/python bench/recommendations.py [--youth 5000] [--days 365] [--iterations 200]

In a temporary folder: `mb init-db --demo-admin` and `mb demo-data` (default 5,000 youth over 365
days; about two minutes in all on an idle machine), then, for every youth with two assignments or
more, hide their last assignment (latest assigned_at, then id) and ask for the top 3 as things
stood just before it was assigned, through the app's own `recommend_as_of`:

- held: every other assignment of theirs (none was assigned later);
- completed: what they had completed by then;
- effectiveness: everyone's starts and completions by then, so held-out rows and anything later
  are out of it.

A hit is the hidden module among the three. The baseline ranks the same eligible candidates by
popularity: how many assignments each module has in the same data, held-out ones excluded (it
still sees other youth's later assignments, which can only flatter it). Also: how often the
hidden module was eligible at all (the ceiling for both), and p50/p95 of a youth's
recommendations through the real service (`RecommendationService.for_youth`) on random youth.
Target: p95 < 50 ms (exit status 1 when missed).

What a hit means: demo mentors pick modules by sector interest, a few work-readiness modules and
prerequisites, never by how often similar youth finish a module or by difficulty. So the rate
says how well the recommendations agree with those choices; effectiveness and the difficulty
step are there for the youth's sake and can only cost hits here. The weights are not tuned to
this data.
"""

import asyncio
import random
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.workspace import Timing, demo_arguments, demo_database, percentiles, services_on
from mb.adapters.db.engine import create_engine, session_factory
from mb.adapters.db.unit_of_work import SqlaUnitOfWork
from mb.domain.model.assignment import Assignment
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from mb.domain.rules.recommendations import LIMIT, eligible, learner_state
from mb.domain.services.recommendations import recommend_as_of

TARGET_MS = 50.0


@dataclass
class Tally:
    evaluated: int = 0
    reachable: int = 0  # the hidden module was among the eligible candidates
    hits: int = 0
    baseline_hits: int = 0
    seconds: float = 0.0


def main() -> int:
    args = demo_arguments(__doc__, "timed service calls")
    with demo_database("recommendations", args.youth, args.days) as database:
        tally = asyncio.run(_evaluate(database))
        timing = asyncio.run(_timing(database, args.iterations))
    _report(tally, timing, args.iterations)
    return 1 if timing.p95 >= TARGET_MS else 0


def _youth_ids(database: Path) -> list[int]:
    with sqlite3.connect(database) as connection:
        return [
            row[0] for row in connection.execute("SELECT id FROM mb_users WHERE role = 'youth' ORDER BY id")
        ]


async def _evaluate(database: Path) -> Tally:
    """Hold out each youth's last assignment and ask the rule, read-only, as of just before it."""
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    sessions = session_factory(engine)
    tally = Tally()
    try:
        async with SqlaUnitOfWork(sessions) as uow:
            held = {youth_id: await uow.assignments.for_user(youth_id) for youth_id in _youth_ids(database)}
            catalogue = await uow.modules.all()
        splits = {
            youth_id: _split(assignments) for youth_id, assignments in held.items() if len(assignments) >= 2
        }
        popularity = Counter(a.module_id for assignments in held.values() for a in assignments)
        popularity.subtract(hidden.module_id for _, hidden in splits.values())
        started = time.perf_counter()
        for youth_id, (others, hidden) in splits.items():
            async with SqlaUnitOfWork(sessions) as uow:
                youth = await uow.users.get(youth_id)
                assert youth is not None
                found = await recommend_as_of(uow, youth, others, as_of=hidden.assigned_at)
            candidates = eligible(learner_state(youth, others, hidden.assigned_at), catalogue)
            popular = sorted(candidates, key=lambda m: (-popularity[m.id or 0], m.code))[:LIMIT]
            tally.evaluated += 1
            tally.reachable += any(m.id == hidden.module_id for m in candidates)
            tally.hits += any(r.module.id == hidden.module_id for r in found)
            tally.baseline_hits += any(m.id == hidden.module_id for m in popular)
        tally.seconds = time.perf_counter() - started
    finally:
        await engine.dispose()
    return tally


def _split(assignments: Sequence[Assignment]) -> tuple[list[Assignment], Assignment]:
    """(every other assignment, the last one assigned): ties on assigned_at go to the later id."""
    ordered = sorted(assignments, key=lambda a: (a.assigned_at, a.id or 0))
    return ordered[:-1], ordered[-1]


async def _timing(database: Path, iterations: int) -> Timing:
    """p50 and p95 of `for_youth` as a youth opening /learn would call it, flag on."""
    services = services_on(database, mb_flag_ai_recommendations=True)
    rng = random.Random(1)
    youth = _youth_ids(database)

    def for_youth() -> Awaitable[object]:
        youth_id = rng.choice(youth)
        return services.recommendations.for_youth(Actor(youth_id, Role.YOUTH), youth_id)

    try:
        return await percentiles("for_youth", for_youth, iterations)
    finally:
        await services.aclose()


def _report(tally: Tally, timing: Timing, iterations: int) -> None:
    def line(label: str, count: int) -> None:
        share = f"{count / tally.evaluated:6.1%}" if tally.evaluated else "   n/a"
        print(f"{label:<44}{share}  ({count:,})")

    print(f"youth evaluated (2+ assignments, last one held out): {tally.evaluated:,}")
    line("hidden module eligible at all (the ceiling)", tally.reachable)
    line(f"hit-rate@{LIMIT}, recommendations", tally.hits)
    line(f"hit-rate@{LIMIT}, most popular (baseline)", tally.baseline_hits)
    ratio = f"{tally.hits / tally.baseline_hits:.2f}×" if tally.baseline_hits else "n/a"
    print(f"{'recommendations ÷ baseline':<44}{ratio:>6}")
    print(f"offline evaluation took {tally.seconds:.1f} s\n")
    verdict = "ok" if timing.p95 < TARGET_MS else "TOO SLOW"
    print(
        f"{timing.name} through the service ({iterations} calls): p50 {timing.p50:.1f} ms, "
        f"p95 {timing.p95:.1f} ms"
        f"   target p95 < {TARGET_MS:.0f} ms   {verdict}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
