"""`mb sync-features`: bring daily features in now — computed here, or read from Databricks —
optionally for a range of past days (a backfill or a recompute)."""

import argparse
import asyncio
import sys
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from mb.config import Settings
from mb.domain.errors import DomainError
from mb.domain.model.daily_features import DayRange
from mb.domain.services.feature_sync import SyncReport


def add_sync_features_command(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    sync = sub.add_parser(
        "sync-features",
        help="compute (or read from Databricks) the daily features that are new since the last sync",
        description=(
            "Without options: what is new since the last sync (locally: from the last day computed "
            "to today). With --from/--to or --days: those days again, replacing what is stored."
        ),
    )
    sync.add_argument("--from", dest="first", type=_day, default=None, help="first day, YYYY-MM-DD")
    sync.add_argument(
        "--to", dest="last", type=_day, default=None, help="last day, YYYY-MM-DD (default today)"
    )
    sync.add_argument(
        "--days", type=_positive, default=None, help="the last N days up to today (a backfill), e.g. 365"
    )
    sync.set_defaults(handler=sync_features_command)


def sync_features_command(settings: Settings, args: argparse.Namespace) -> int:
    try:
        days = chosen_days(args, _today(settings))
    except ValueError as error:
        print(f"mb: sync-features: {error}", file=sys.stderr)
        return 2
    return asyncio.run(_sync(settings, days))


def chosen_days(args: argparse.Namespace, today: date) -> DayRange | None:
    if args.days is not None and (args.first or args.last):
        raise ValueError("use either --days or --from/--to, not both")
    if args.days is not None:
        return DayRange(today - timedelta(days=args.days - 1), today)
    if args.first is None and args.last is None:
        return None
    if args.first is None:
        raise ValueError("--to needs --from")
    last = args.last or today
    if last < args.first:
        raise ValueError(f"--to {last} is before --from {args.first}")
    if last > today:
        raise ValueError(f"--to {last} is in the future (today is {today} in the programme's time zone)")
    return DayRange(args.first, last)


async def _sync(settings: Settings, days: DayRange | None) -> int:
    from mb.bootstrap import build_services

    services = build_services(settings)
    started = time.perf_counter()
    try:

        def progress(rows: int) -> None:
            print(f"  {rows:,} rows stored", file=sys.stderr, flush=True)

        report = await services.feature_sync.sync(None, days, progress)
    except DomainError as error:
        print(f"mb: features not synced: {error.message}", file=sys.stderr)
        print("    What was synced before is kept; pages show it as stale.", file=sys.stderr)
        return 1
    finally:
        await services.aclose()
    print(summary(report, time.perf_counter() - started))
    return 0


async def backfill(settings: Settings, days: DayRange) -> str:
    """Sync `days` as the operator (for `mb demo-data`); returns the summary line."""
    from mb.bootstrap import build_services

    services = build_services(settings)
    started = time.perf_counter()
    try:
        report = await services.feature_sync.sync(None, days)
    finally:
        await services.aclose()
    return summary(report, time.perf_counter() - started)


def summary(report: SyncReport, seconds: float) -> str:
    where = "computed from the app's tables" if report.source == "local" else f"read from {report.source}"
    if not report.days:
        return f"Daily features are up to date ({where}); nothing new in {seconds:.1f} s."
    span = str(report.days[0]) if len(report.days) == 1 else f"{report.days[0]} to {report.days[-1]}"
    return (
        f"Daily features {where}: {report.rows:,} rows for {len(report.days):,} "
        f"day{'s' if len(report.days) != 1 else ''} ({span}) in {seconds:.1f} s."
    )


def _today(settings: Settings) -> date:
    return datetime.now(ZoneInfo(settings.mb_timezone)).date()


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-03-31") from None


def _positive(value: str) -> int:
    number = int(value) if value.isdigit() else 0
    if not 1 <= number <= 3660:
        raise argparse.ArgumentTypeError(f"{value!r}: give a number of days from 1 to 3660")
    return number
