"""The production profile: MB Compass on PostgreSQL, Redis, Azurite and SMTP, as a deployment runs it.

One installation for the module: a fresh PostgreSQL database migrated by `mb init-db` (first admin
from MB_ADMIN_EMAIL / MB_ADMIN_PASSWORD), Azurite for blobs, an aiosmtpd sink for mail, and Redis
for NiceGUI's user storage (NICEGUI_REDIS_URL) under a key prefix of this run's own; MB_ENV is
production. REDIS_URL holds the insights cache, checked by /health. Replica A serves both tests; the
second starts replica B beside it, with its own data directory as a second machine would have.
"""

import json
import re
import secrets
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
from playwright.sync_api import Browser, Page, expect
from sqlalchemy.engine import make_url

from tests.browser import conftest as journeys
from tests.browser.pages import (
    DESKTOP,
    HOME,
    PHONE,
    Youth,
    choose,
    register,
    sign_in,
    sign_out,
)
from tests.ops.test_cli import mb
from tests.servers.app_server import AppServerError, RunningServer, Workspace, server_env, serving
from tests.servers.azurite import azurite_blob
from tests.servers.postgres import fresh_database
from tests.servers.redis_server import redis_key_prefix
from tests.servers.smtp import SmtpSink

pytestmark = [pytest.mark.postgres, pytest.mark.browser]

ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_NAME = "ops.admin@example.org", "Ops-admin-2026!", "Programme Admin"
ASHA = Youth(
    full_name="Asha Patil",
    email="asha.patil@example.org",
    password="asha-passphrase-2026",
    institution="Government ITI Aurangabad",
    education_level="ITI / Diploma",
    region="Maharashtra",
    region_typed="Mahar",
)
CODE, TITLE = "OP-101", "Workshop safety basics"
TIMEOUT_MS = 10_000

browser = journeys.browser  # the same Chromium fixture as the journeys


@dataclass(frozen=True)
class Installation:
    root: Path
    settings: dict[str, str]  # the environment every `mb` command and replica of it gets
    database_url: str
    redis_url: str
    redis_prefix: str


@pytest.fixture(scope="module")
def installation(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installation]:
    with ExitStack() as stack:
        database_url = stack.enter_context(fresh_database("mb_production"))
        blobs = stack.enter_context(azurite_blob())
        sink = stack.enter_context(SmtpSink())
        redis_url, prefix = stack.enter_context(redis_key_prefix())
        root = tmp_path_factory.mktemp("production")
        settings = {
            "MB_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "DATABASE_URL": database_url,
            "AZURE_STORAGE_CONNECTION_STRING": blobs,
            "SMTP_HOST": sink.host,
            "SMTP_PORT": str(sink.port),
            "SMTP_STARTTLS": "false",
            "REDIS_URL": redis_url,
            "NICEGUI_REDIS_URL": redis_url,
            "NICEGUI_REDIS_KEY_PREFIX": prefix,
        }
        migrated = mb(
            root, "init-db", MB_ADMIN_EMAIL=ADMIN_EMAIL, MB_ADMIN_PASSWORD=ADMIN_PASSWORD, **settings
        )
        assert migrated.returncode == 0, migrated.stdout + migrated.stderr
        assert f"Created admin {ADMIN_EMAIL}." in migrated.stdout
        yield Installation(root, settings, database_url, redis_url, prefix)


@contextmanager
def replica(installation: Installation, name: str) -> Iterator[RunningServer]:
    """One `mb serve` process of the installation, with a data directory of its own."""
    root = installation.root / name
    root.mkdir()
    workspace = Workspace(root, {**server_env(root), **installation.settings}, ADMIN_PASSWORD)
    try:
        with serving(workspace) as server:
            yield server
    except AppServerError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="module")
def server_a(installation: Installation) -> Iterator[RunningServer]:
    with replica(installation, "a") as server:
        yield server


@contextmanager
def person(browser: Browser, server: RunningServer, phone: bool = False) -> Iterator[Page]:
    """A browser context of its own (its own cookies: one person) with one page."""
    context = browser.new_context(
        base_url=server.base_url, viewport=PHONE if phone else DESKTOP, is_mobile=phone, has_touch=phone
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_a_youth_learns_on_postgresql_redis_azurite_and_smtp(
    installation: Installation, server_a: RunningServer, browser: Browser
) -> None:
    with person(browser, server_a, phone=True) as youth, person(browser, server_a) as admin:
        register(youth, ASHA)
        expect(youth).to_have_url(HOME)
        expect(youth.get_by_role("button", name="Sign out")).to_be_visible()
        assert signed_in_sessions(installation), "NiceGUI's user storage did not reach Redis"

        sign_in(admin, ADMIN_EMAIL, ADMIN_PASSWORD)
        create_and_assign_to_everyone(admin)

        youth.goto("/learn")
        youth.get_by_role("link", name=f"Start: {TITLE}").click()
        expect(youth).to_have_url(re.compile(r"/learn/\d+$"))
        youth.get_by_label("How much of the module have you done? (0 to 100 %)").fill("40")
        youth.get_by_role("button", name="Save progress").click()
        expect(youth.get_by_text("Progress saved.")).to_be_visible()
        expect(youth.get_by_text("40 %", exact=True)).to_be_visible()

    # `mb backup` copies SQLite only; on PostgreSQL it refuses and names pg_dump, so do what it says.
    refused = mb(installation.root, "backup", **installation.settings)
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "PostgreSQL: back it up with `pg_dump --format=custom`" in refused.stderr
    (assignment,) = dumped_rows(installation, "learning_modules")
    assert (assignment["status"], assignment["progress"]) == ("in_progress", "40")

    with urllib.request.urlopen(f"{server_a.base_url}/health", timeout=10) as response:
        health = json.load(response)
    checks = health["checks"]
    assert health["status"] == "healthy", checks
    assert (health["database"], health["storage"], checks["mail"]["status"]) == ("ok", "ok", "ok"), checks
    assert checks["database"]["detail"] == "postgresql connected"
    assert checks["storage"]["detail"].startswith("azure blob")
    settings = installation.settings
    assert checks["mail"]["detail"] == f"smtp {settings['SMTP_HOST']}:{settings['SMTP_PORT']}"
    assert checks["cache"]["status"] == "ok" and checks["cache"]["detail"].startswith("redis"), checks


def test_two_replicas_serve_one_session(
    installation: Installation, server_a: RunningServer, browser: Browser
) -> None:
    with replica(installation, "b") as server_b, person(browser, server_a) as page:
        sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
        # Cookies are per host, not per port: B gets A's signed session cookie, as replicas behind
        # one load-balanced address would.
        assert session_cookie(page, server_a) == session_cookie(page, server_b)

        page.goto(f"{server_b.base_url}/admin/users")
        expect(page.get_by_role("banner").get_by_text(ADMIN_NAME, exact=True)).to_be_visible()
        expect(page.get_by_text("Please sign in to continue.")).to_have_count(0)
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        sign_out(page)

        page.goto(f"{server_a.base_url}/admin/users")
        expect(page.get_by_text("Please sign in to continue.")).to_be_visible()
        expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def create_and_assign_to_everyone(admin: Page) -> None:
    admin.goto("/admin/modules/new")
    admin.get_by_label("Code, for example IT-101").fill(CODE)
    admin.get_by_label("Title").fill(TITLE)
    choose(admin, "Sector", "Construction")
    admin.get_by_role("button", name="Create module").click()
    expect(admin).to_have_url(re.compile(r"/admin/modules/\d+$"))
    admin.get_by_role("button", name="Assign to youth").click()
    dialog = admin.get_by_role("dialog")
    dialog.get_by_role("button", name="Check how many").click()
    expect(dialog.get_by_role("status")).to_have_text("1 youth match; 0 already have it; 1 will get it now.")
    dialog.get_by_role("button", name="Assign", exact=True).click()
    expect(admin.get_by_text(f"1 youth got {CODE}.")).to_be_visible()


def signed_in_sessions(installation: Installation) -> list[bytes]:
    """The NiceGUI user storages in Redis that hold a signed-in user."""
    with redis.Redis.from_url(installation.redis_url) as client:
        keys = client.keys(f"{installation.redis_prefix}user-*")
        return [key for key in keys if b'"user_id"' in (client.get(key) or b"")]


def session_cookie(page: Page, server: RunningServer) -> str:
    (cookie,) = [c for c in page.context.cookies(server.base_url) if c.get("name") == "session"]
    return str(cookie.get("value"))


def dumped_rows(installation: Installation, table: str) -> list[dict[str, str]]:
    """Back the database up with `pg_dump --format=custom`, then read one table's rows back out of it."""
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.fail("pg_dump and pg_restore are needed: install Debian's `postgresql-client`.")
    libpq_url = make_url(installation.database_url).set(drivername="postgresql")
    archive = installation.root / "mb.dump"
    dump = [
        "pg_dump",
        "--format=custom",
        f"--file={archive}",
        libpq_url.render_as_string(hide_password=False),
    ]
    subprocess.run(dump, check=True, capture_output=True, timeout=60)
    restored = subprocess.run(
        ["pg_restore", "--data-only", f"--table={table}", "--file=-", str(archive)],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    found = re.search(rf"^COPY public\.{table} \((.*)\) FROM stdin;\n(.*?)^\\\.$", restored, re.M | re.S)
    assert found is not None, f"no data for {table} in the dump:\n{restored}"
    columns = found.group(1).split(", ")
    return [dict(zip(columns, line.split("\t"), strict=True)) for line in found.group(2).splitlines()]
