"""`mb`: the operator's commands (serve, init-db, demo-data, check, backup, restore, maintenance,
flags, gamification, sync-features, --version)."""

import argparse
import asyncio
import getpass
import logging
import secrets
import sys
import time
from collections.abc import Sequence
from contextlib import ExitStack
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from mb import __version__
from mb.config import Settings, SettingsError, load_settings
from mb.features_cli import add_sync_features_command
from mb.flags_cli import add_flags_command
from mb.maintenance_cli import add_maintenance_command

DEMO_ADMIN_EMAIL = "admin@example.org"
POINTS_REVISION = "0004"  # the migration that brought the points ledger


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"mb: cannot start: {error}", file=sys.stderr)
        return 2
    from mb.logging import configure_logging

    # `serve` logs to stdout as a service should; other commands answer on stdout, so log to stderr.
    stream = sys.stdout if args.command == "serve" else sys.stderr
    configure_logging(settings.mb_log_level, settings.mb_log_dir, settings.mb_log_json, stream=stream)
    from sqlalchemy.exc import SQLAlchemyError

    from mb.domain.errors import DomainError

    try:
        command: int = args.handler(settings, args)
    except (OSError, SQLAlchemyError) as error:
        # Commands that handle their own failures say so; one that reaches here found the
        # database (or a file it needs) out of reach: one line to act on, not a traceback.
        print(f"mb: {args.command} stopped: {_cannot_reach(error)}", file=sys.stderr)
        return 1
    except DomainError as error:
        print(f"mb: {args.command} stopped: {error.message}", file=sys.stderr)
        return 1
    return command


def _cannot_reach(error: BaseException) -> str:
    from sqlalchemy.exc import InterfaceError, OperationalError

    reason = str(getattr(error, "orig", None) or error).splitlines()[0][:200]
    if isinstance(error, OSError | OperationalError | InterfaceError):
        return f"the database cannot be reached ({reason}). Check DATABASE_URL and that the server is up."
    return reason


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mb", description="MB Compass operator commands.")
    parser.add_argument("--version", action="version", version=f"MB Compass {__version__}")
    sub = parser.add_subparsers(dest="command")

    serve = sub.add_parser("serve", help="serve the web app")
    serve.add_argument("--host", default=None, help="address to listen on (MB_HOST, default 0.0.0.0)")
    serve.add_argument("--port", type=int, default=None, help="port (MB_PORT, default 8501)")
    serve.set_defaults(handler=_serve)

    init_db = sub.add_parser(
        "init-db", help="migrate the database to the newest schema and create the first admin"
    )
    init_db.add_argument("--admin-email", default=None, help="first admin's email (MB_ADMIN_EMAIL)")
    init_db.add_argument("--admin-name", default="Programme Admin", help="first admin's name")
    init_db.add_argument(
        "--demo-admin",
        action="store_true",
        help=f"when no admin exists, create {DEMO_ADMIN_EMAIL} with a random password and print it",
    )
    init_db.set_defaults(handler=_init_db)

    check = sub.add_parser("check", help="run the health checks; exit 1 when unhealthy")
    check.set_defaults(handler=_check)

    demo = sub.add_parser(
        "demo-data",
        help="migrate, then fill a database that has no youth or modules with a realistic demo programme",
    )
    demo.add_argument("--youth", type=_at_least_one, default=50, help="youth to enrol (default 50)")
    demo.add_argument("--days", type=_at_least_one, default=90, help="days of activity (default 90)")
    demo.add_argument("--seed", type=int, default=7, help="the same seed gives the same data (default 7)")
    demo.add_argument(
        "--until",
        type=date.fromisoformat,
        default=None,
        help="last day of activity, YYYY-MM-DD (default yesterday in MB_TIMEZONE)",
    )
    demo.add_argument(
        "--if-empty",
        action="store_true",
        help="when the database already has youth or modules, do nothing and exit 0 (for `make run`)",
    )
    demo.set_defaults(handler=_demo_data)

    backup = sub.add_parser("backup", help="copy the SQLite database while it runs, verify it, upload, prune")
    backup.add_argument("--upload", action="store_true", help="also copy it to the blob container `backups`")
    backup.add_argument(
        "--keep-days",
        type=_at_least_one,
        default=None,
        help="delete local and uploaded backups older than N days (by the time in their name)",
    )
    backup.set_defaults(handler=_backup)

    restore = sub.add_parser(
        "restore", help="verify a backup, keep a safety copy of the database, swap the backup in, migrate it"
    )
    restore.add_argument("source", metavar="FILE|blob:NAME", help="a backup file, or blob:NAME in `backups`")
    restore.add_argument("--force", action="store_true", help="restore even while `mb serve` is running")
    restore.set_defaults(handler=_restore)

    gamification = sub.add_parser("gamification", help="points, badges and streaks")
    gamification_sub = gamification.add_subparsers(
        dest="gamification_command", metavar="COMMAND", required=True
    )
    recompute = gamification_sub.add_parser(
        "recompute",
        help="rebuild every award, badge and streak from the activity events; admins' adjustments stay",
    )
    recompute.set_defaults(handler=_recompute)
    add_maintenance_command(sub)
    add_flags_command(sub)
    add_sync_features_command(sub)
    return parser


def _backup(settings: Settings, args: argparse.Namespace) -> int:
    from mb.backup_cli import backup_command

    return backup_command(settings, args)


def _restore(settings: Settings, args: argparse.Namespace) -> int:
    from mb.backup_cli import restore_command

    return restore_command(settings, args)


def _recompute(settings: Settings, args: argparse.Namespace) -> int:
    from mb.gamification_cli import recompute_command

    return recompute_command(settings, args)


def _at_least_one(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    from mb.adapters.db.backup import BackupError, serving_lock
    from mb.adapters.db.migrate import head_revision, revision_of
    from mb.azure_monitor import export_to_azure_monitor
    from mb.backup_cli import serve_lock_path
    from mb.bootstrap import build_services
    from mb.ui.app import run

    revision = asyncio.run(revision_of(settings.resolved_database_url))
    if revision != head_revision():
        print(
            f"mb: the database is at schema {revision or 'none'}, this version needs {head_revision()}; "
            "run `mb init-db` first.",
            file=sys.stderr,
        )
        return 2
    with ExitStack() as stack:
        try:
            # Held while serving, so `mb restore` can tell the database is in use.
            stack.enter_context(serving_lock(serve_lock_path(settings)))
        except BackupError as error:
            print(f"mb: not serving: {error}", file=sys.stderr)
            return 2
        if args.port:  # links in emails follow the port served, unless MB_PUBLIC_URL names the address
            settings = settings.model_copy(update={"mb_port": args.port})
        if settings.mb_env == "production" and not settings.mb_public_url:
            logging.getLogger("mb.serve").warning(
                "settings.public_url_unset", extra={"links_point_to": settings.public_url}
            )
        export_to_azure_monitor(settings.applicationinsights_connection_string.get_secret_value())
        run(build_services(settings), args.host or settings.mb_host, args.port or settings.mb_port)
    return 0


def _init_db(settings: Settings, args: argparse.Namespace) -> int:
    if asyncio.run(_migrate(settings)):
        print("An admin account already exists; none created.")
        return 0
    generated = args.demo_admin and not settings.mb_admin_password.get_secret_value()
    credentials = _first_admin_credentials(settings, args)
    if credentials is None:
        print("No admin created: set MB_ADMIN_EMAIL and MB_ADMIN_PASSWORD, or pass --demo-admin.")
        return 0
    email, password = credentials
    if not password:
        print("mb: admin not created: no password given (set MB_ADMIN_PASSWORD).", file=sys.stderr)
        return 1
    return asyncio.run(
        _create_first_admin(settings, email, password, args.admin_name, show_password=generated)
    )


async def _migrate(settings: Settings) -> bool:
    """Bring the schema to head; True when an admin already exists."""
    from mb.adapters.db.migrate import revision_of, upgrade_database
    from mb.bootstrap import build_services
    from mb.gamification_cli import recompute, summary

    before = await revision_of(settings.resolved_database_url)
    print(f"Database schema is at revision {await upgrade_database(settings.resolved_database_url)}.")
    if before is not None and before < POINTS_REVISION:
        # The ledger is new: count the learning recorded before it, so nobody starts at zero.
        print(summary(*await recompute(settings)))
    services = build_services(settings)
    try:
        if added := await services.survey_templates.install_starters():
            print(f"Starting survey templates added: {', '.join(added)}.")
        return await services.accounts.admin_exists()
    finally:
        await services.aclose()


def _first_admin_credentials(settings: Settings, args: argparse.Namespace) -> tuple[str, str] | None:
    """From flags and settings, else a prompt on a terminal; None when there is nothing to go on."""
    email = args.admin_email or settings.mb_admin_email
    password = settings.mb_admin_password.get_secret_value()
    if args.demo_admin and not email:
        return DEMO_ADMIN_EMAIL, password or secrets.token_urlsafe(12)
    interactive = sys.stdin.isatty()
    if not email:
        if not interactive:
            return None
        email = input("First admin's email: ").strip()
    if not password and interactive:
        password = getpass.getpass("First admin's password (at least 10 characters): ")
    return email, password


async def _create_first_admin(
    settings: Settings, email: str, password: str, name: str, *, show_password: bool
) -> int:
    from mb.bootstrap import build_services
    from mb.domain.errors import DomainError

    services = build_services(settings)
    try:
        created = await services.accounts.ensure_first_admin(email, password, name)
    except DomainError as error:
        print(f"mb: admin not created: {error.message}", file=sys.stderr)
        return 1
    finally:
        await services.aclose()
    if created is None:
        print("An admin account already exists; none created.")
    elif show_password:
        print(f"Created admin {created.email} with password {password}")
    else:
        print(f"Created admin {created.email}.")
    return 0


def _check(settings: Settings, args: argparse.Namespace) -> int:
    from mb.bootstrap import build_services
    from mb.domain.model.health import Overall

    async def report() -> int:
        services = build_services(settings)
        try:
            result = await services.health.report()
        finally:
            await services.aclose()
        print(f"MB Compass {result.version}: {result.status.value}")
        for name, check in result.checks.items():
            print(f"  {name:<12} {check.status.value:<15} {check.latency_ms:>8.1f} ms  {check.detail}")
        return 1 if result.status is Overall.UNHEALTHY else 0

    return asyncio.run(report())


def _demo_data(settings: Settings, args: argparse.Namespace) -> int:
    if settings.mb_env == "production":
        print("mb: demo data is never written to a production database (MB_ENV=production).", file=sys.stderr)
        return 2
    return asyncio.run(_write_demo_data(settings, args))


async def _write_demo_data(settings: Settings, args: argparse.Namespace) -> int:
    from mb.adapters.db.demo_data import database_contents, survey_templates_in_use, write_programme
    from mb.adapters.db.engine import create_engine
    from mb.adapters.db.migrate import upgrade
    from mb.adapters.security.argon2_hasher import Argon2PasswordHasher
    from mb.bootstrap import build_services, survey_policy
    from mb.demo.people import DEMO_PASSWORD
    from mb.demo.programme import generate
    from mb.demo.surveys import SurveySetup
    from mb.demo.window import Window
    from mb.domain.model.daily_features import DayRange
    from mb.features_cli import backfill
    from mb.gamification_cli import recompute, summary

    today = datetime.now(ZoneInfo(settings.mb_timezone)).date()
    if args.until and args.until >= today:
        print(
            f"mb: --until {args.until} is not over yet; the demo's last day is yesterday at the latest.",
            file=sys.stderr,
        )
        return 2
    window = Window(args.until or today - timedelta(days=1), args.days, settings.mb_timezone)
    engine = create_engine(settings.resolved_database_url)
    try:
        await upgrade(engine)
        found = await database_contents(engine)
        if found.demo_people:
            print(
                f"Demo data is already in this database ({found.demo_people} demo accounts); nothing added."
            )
            return 0
        if found.youth or found.modules:
            why = f"the database already has {found.youth} youth and {found.modules} modules"
            if args.if_empty:
                print(f"No demo data added: {why}.")
                return 0
            print(
                f"mb: no demo data added: {why}. Demo data goes only into a database without youth or "
                "modules; point MB_DATA_DIR or DATABASE_URL at a new one.",
                file=sys.stderr,
            )
            return 1
        started = time.perf_counter()
        # The starting templates as `mb init-db` installs them; the demo's surveys use what is
        # there, and its links carry tokens made with this installation's secret key.
        services = build_services(settings)
        try:
            await services.survey_templates.install_starters()
        finally:
            await services.aclose()
        surveys = SurveySetup(survey_policy(settings), await survey_templates_in_use(engine))
        programme = generate(args.seed, args.youth, window, surveys)
        await write_programme(engine, programme, await Argon2PasswordHasher().hash(DEMO_PASSWORD))
    finally:
        await engine.dispose()
    print(
        f"Demo programme written in {time.perf_counter() - started:.1f} s (seed {args.seed}, "
        f"{window.first_day} to {window.last_day}): {programme.summary()}."
    )
    # The demo's events went straight into the database; counting them is what earns the points.
    print(summary(*await recompute(settings)))
    # The insights start from daily features: the demo's last (up to) 90 days, as a backfill would.
    feature_days = DayRange(max(window.first_day, window.last_day - timedelta(days=89)), window.last_day)
    print(await backfill(settings, feature_days))
    print(f"Demo youth and mentors sign in with the password {DEMO_PASSWORD}, for example:")
    for person in programme.examples():
        print(f"  {person.role.value:<7} {person.email}")
    if not found.admins:
        print("There is no admin yet: `mb init-db --demo-admin` creates one.")
    return 0
