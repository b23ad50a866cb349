"""`mb maintenance`: the routine care an operator runs weekly, off-peak (docs/operations.md)."""

import argparse
import asyncio
import sys
from datetime import UTC, datetime

from sqlalchemy.exc import DBAPIError, OperationalError

from mb.config import Settings
from mb.domain.errors import DomainError

DEFAULT_KEEP_LOG_DAYS = 30


def add_maintenance_command(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    maintenance = sub.add_parser(
        "maintenance",
        help=(
            "check the database's integrity, refresh its statistics, optionally VACUUM; "
            "clear old logs, expired survey links and delivered mail"
        ),
    )
    maintenance.add_argument(
        "--vacuum", action="store_true", help="also reclaim space (rewrites SQLite's file)"
    )
    maintenance.add_argument(
        "--keep-log-days",
        type=int,
        default=DEFAULT_KEEP_LOG_DAYS,
        help=f"delete rotated log files older than N days (default {DEFAULT_KEEP_LOG_DAYS})",
    )
    switch = maintenance.add_mutually_exclusive_group()
    switch.add_argument("--on", action="store_true", help="only switch maintenance mode on (nothing else)")
    switch.add_argument("--off", action="store_true", help="only switch maintenance mode off")
    maintenance.set_defaults(handler=maintenance_command)


def maintenance_command(settings: Settings, args: argparse.Namespace) -> int:
    if args.on or args.off:
        return asyncio.run(_switch(settings, on=args.on))
    if args.keep_log_days < 1:
        print("mb: --keep-log-days must be at least 1.", file=sys.stderr)
        return 2
    try:
        return asyncio.run(_maintenance(settings, vacuum=args.vacuum, keep_log_days=args.keep_log_days))
    except (OperationalError, DBAPIError, OSError) as error:
        print(f"mb: maintenance stopped: {str(error).splitlines()[0][:200]}", file=sys.stderr)
        return 1


async def _maintenance(settings: Settings, *, vacuum: bool, keep_log_days: int) -> int:
    from mb.adapters.db import maintenance
    from mb.adapters.db.engine import create_engine
    from mb.adapters.db.info import SqlaDatabaseInfo
    from mb.bootstrap import build_services
    from mb.logging import prune_log_files

    engine = create_engine(settings.resolved_database_url)
    try:
        integrity = await maintenance.check_integrity(engine)
        print(f"Integrity check: {integrity.detail}")
        if not integrity.ok:
            print(
                "mb: the database failed its integrity check; nothing else was done. "
                "Restore the latest backup (mb restore) and tell the programme's technical contact.",
                file=sys.stderr,
            )
            return 1
        before = (await SqlaDatabaseInfo(engine).facts()).size_bytes
        analyzed = await maintenance.analyze(engine)
        print("Planner statistics refreshed." if analyzed else "Planner statistics: not applicable here.")
        if vacuum:
            if await maintenance.vacuum(engine):
                after = (await SqlaDatabaseInfo(engine).facts()).size_bytes
                print(f"Vacuumed: {_megabytes(before)} before, {_megabytes(after)} after.")
            else:
                print("Vacuum: not applicable; this database manages its own space.")
    finally:
        await engine.dispose()

    services = build_services(settings)
    try:
        removed = await services.accounts.forget_old_login_failures()
        links, mail = await services.distribution.clean_up(settings.mb_outbox_keep_days)
    finally:
        await services.aclose()
    print(f"Sign-in failures older than a day removed: {removed}.")
    print(f"Expired survey links retired: {links}.")
    print(f"Delivered mail older than {settings.mb_outbox_keep_days} days removed from the outbox: {mail}.")
    today = datetime.now(UTC).date()  # rotated files are named by their UTC day
    logs = prune_log_files(settings.mb_log_dir, keep_log_days, today) if settings.mb_log_dir.is_dir() else []
    print(f"Log files older than {keep_log_days} days removed: {len(logs)}.")
    return 0


async def _switch(settings: Settings, *, on: bool) -> int:
    from mb.bootstrap import build_services

    services = build_services(settings)
    try:
        await services.maintenance.switch(None, on)
    except DomainError as error:
        print(f"mb: maintenance mode unchanged: {error.message}", file=sys.stderr)
        return 1
    finally:
        await services.aclose()
    if on:
        print("Maintenance mode is on: only admins can use the app, and /health says maintenance.")
    else:
        print("Maintenance mode is off: everyone can use the app again.")
    return 0


def _megabytes(size: int | None) -> str:
    return "unknown" if size is None else f"{size / 1024 / 1024:.1f} MB"
