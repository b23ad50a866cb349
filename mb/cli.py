"""`mb`: the operator's commands (serve, init-db, check, --version)."""

import argparse
import asyncio
import getpass
import secrets
import sys
from collections.abc import Sequence

from mb import __version__
from mb.config import Settings, SettingsError, load_settings

DEMO_ADMIN_EMAIL = "admin@example.org"


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
    command: int = args.handler(settings, args)
    return command


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
    return parser


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    from mb.adapters.db.migrate import head_revision
    from mb.bootstrap import build_services
    from mb.ui.app import run

    revision = asyncio.run(_revision(settings))
    if revision != head_revision():
        print(
            f"mb: the database is at schema {revision or 'none'}, this version needs {head_revision()}; "
            "run `mb init-db` first.",
            file=sys.stderr,
        )
        return 2
    run(build_services(settings), args.host or settings.mb_host, args.port or settings.mb_port)
    return 0


async def _revision(settings: Settings) -> str | None:
    from mb.adapters.db.engine import create_engine
    from mb.adapters.db.migrate import current_revision

    engine = create_engine(settings.resolved_database_url)
    try:
        return await current_revision(engine)
    finally:
        await engine.dispose()


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
    from mb.adapters.db.engine import create_engine
    from mb.adapters.db.migrate import current_revision, upgrade
    from mb.bootstrap import build_services

    engine = create_engine(settings.resolved_database_url)
    try:
        await upgrade(engine)
        print(f"Database schema is at revision {await current_revision(engine)}.")
    finally:
        await engine.dispose()
    services = build_services(settings)
    try:
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
