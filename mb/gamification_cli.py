"""`mb gamification recompute`: points, badges and streaks rebuilt from the activity events (wired
in mb/cli.py, and run by `mb demo-data` after it writes its events)."""

import argparse
import asyncio
import sys
import time

from sqlalchemy.exc import SQLAlchemyError

from mb.config import Settings
from mb.domain.errors import DomainError
from mb.domain.services.awarding import RecomputeReport


def recompute_command(settings: Settings, args: argparse.Namespace) -> int:
    return asyncio.run(_recompute(settings))


async def _recompute(settings: Settings) -> int:
    from mb.adapters.db.migrate import head_revision, revision_of

    try:
        revision = await revision_of(settings.resolved_database_url)
    except (OSError, TimeoutError, SQLAlchemyError) as error:
        print(f"mb: nothing recomputed: the database cannot be reached ({_reason(error)}).", file=sys.stderr)
        return 1
    if revision != head_revision():
        print(
            f"mb: nothing recomputed: the database is at schema {revision or 'none'}, this version needs "
            f"{head_revision()}; run `mb init-db` first.",
            file=sys.stderr,
        )
        return 2
    try:
        report, seconds = await recompute(settings)
    except DomainError as error:
        print(f"mb: nothing recomputed: {error.message}", file=sys.stderr)
        return 1
    print(summary(report, seconds))
    return 0


async def recompute(settings: Settings) -> tuple[RecomputeReport, float]:
    """Rebuild every award, badge and streak as the operator (no admin account needed)."""
    from mb.bootstrap import build_services

    services = build_services(settings)
    try:
        started = time.perf_counter()
        report = await services.awarding.recompute()
        return report, time.perf_counter() - started
    finally:
        await services.aclose()


def summary(report: RecomputeReport, seconds: float) -> str:
    return (
        f"Points, badges and streaks recomputed in {seconds:.1f} s from {report.events:,} activity "
        f"events: {report.youth:,} youth earned {report.entries:,} awards worth {report.points:,} "
        f"points and {report.badges:,} badges. Admins' adjustments were kept."
    )


def _reason(error: BaseException) -> str:
    # SQLAlchemy's message carries the whole statement and a link; its first line says what failed.
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
