"""`mb`: the operator's commands (serve, init-db, check, --version)."""

import argparse
import asyncio
import getpass
import os
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

    configure_logging(settings.mb_log_level, settings.mb_log_dir, settings.mb_log_json)
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

    init_db = sub.add_parser("init-db", help="migrate the database to the newest schema and create the first admin")
    init_db.add_argument("--admin-email", default=None, help="first admin's email (MB_ADMIN_EMAIL)")
    init_db.add_argument("--admin-name", default="Programme Admin", help="first admin's name")
    init_db.add_argument(
        "--demo-admin", action="store_true",
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
    return asyncio.run(_init_db_async(settings, args))


async def _init_db_async(settings: Settings, args: argparse.Namespace) -> int:
    from mb.adapters.db.engine import create_engine
    from mb.adapters.db.migrate import current_revision, upgrade
    from mb.bootstrap import build_services
    from mb.domain.errors import DomainError

    engine = create_engine(settings.resolved_database_url)
    try:
        await upgrade(engine)
        print(f"Database schema is at revision {await current_revision(engine)}.")
    finally:
        await engine.dispose()

    email = args.admin_email or settings.mb_admin_email
    password = settings.mb_admin_password.get_secret_value()
    if args.demo_admin and not email:
        email, password = DEMO_ADMIN_EMAIL, password or secrets.token_urlsafe(12)
    services = build_services(settings)
    try:
        if not email:
            if not sys.stdin.isatty():
                print("No admin created: set MB_ADMIN_EMAIL and MB_ADMIN_PASSWORD, or pass --demo-admin.")
                return 0
            email = input("First admin's email: ").strip()
        if not password:
            password = os.environ.get("MB_ADMIN_PASSWORD") or getpass.getpass("First admin's password: ")
        try:
            created = await services.accounts.ensure_first_admin(email, password, args.admin_name)
        except DomainError as error:
            print(f"mb: admin not created: {error.message}", file=sys.stderr)
            return 1
        if created is None:
            print("An admin account already exists; none created.")
        else:
            print(f"Created admin {created.email}" + (f" with password {password}" if args.demo_admin else "") + ".")
        return 0
    finally:
        await services.aclose()


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
