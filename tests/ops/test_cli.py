"""The `mb` command as an operator runs it, in a fresh process and an empty folder."""

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mb import __version__
from mb.adapters.db.migrate import head_revision


def mb(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("MB_", "NICEGUI", "PYTEST"))}
    clean.pop("DATABASE_URL", None)
    clean.update({"MB_DATA_DIR": str(tmp_path / "data"), "MB_LOG_DIR": str(tmp_path / "logs"), **env})
    return subprocess.run(
        [sys.executable, "-m", "mb", *args],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_version(tmp_path: Path) -> None:
    result = mb(tmp_path, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"MB Compass {__version__}"


def test_production_without_a_secret_refuses_in_one_line(tmp_path: Path) -> None:
    result = mb(tmp_path, "check", MB_ENV="production")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "SECRET_KEY" in result.stderr


def test_init_db_migrates_creates_the_admin_once_and_check_is_healthy(tmp_path: Path) -> None:
    env = {"MB_ADMIN_EMAIL": "Root@Example.org", "MB_ADMIN_PASSWORD": "Root-password-2026"}
    first = mb(tmp_path, "init-db", **env)
    assert first.returncode == 0, first.stderr
    assert f"Database schema is at revision {head_revision()}." in first.stdout
    assert "Created admin root@example.org." in first.stdout
    assert "Root-password-2026" not in first.stdout + first.stderr
    again = mb(tmp_path, "init-db", **env)
    assert "An admin account already exists; none created." in again.stdout
    check = mb(tmp_path, "check")
    assert check.returncode == 0
    assert check.stdout.splitlines()[0] == f"MB Compass {__version__}: healthy"
    assert "database" in check.stdout and "not configured" in check.stdout
    assert "Root-password-2026" not in (tmp_path / "logs" / "app.log").read_text()


def test_a_weak_first_admin_password_is_refused(tmp_path: Path) -> None:
    result = mb(tmp_path, "init-db", MB_ADMIN_EMAIL="root@example.org", MB_ADMIN_PASSWORD="password")
    assert result.returncode == 1
    assert "admin not created: Use at least 10 characters" in result.stderr


def test_demo_admin_prints_its_generated_password(tmp_path: Path) -> None:
    result = mb(tmp_path, "init-db", "--demo-admin")
    assert result.returncode == 0
    assert "Created admin admin@example.org with password " in result.stdout


def test_without_admin_details_and_no_terminal_no_admin_is_made(tmp_path: Path) -> None:
    result = mb(tmp_path, "init-db")
    assert result.returncode == 0
    assert "No admin created" in result.stdout


@pytest.mark.parametrize("command", ["check"])
def test_check_exits_1_when_the_database_is_unreachable(tmp_path: Path, command: str) -> None:
    result = mb(
        tmp_path,
        command,
        DATABASE_URL="postgresql+asyncpg://postgres@127.0.0.1:1/none",
        MB_HEALTH_TIMEOUT_S="1",
    )
    assert result.returncode == 1
    assert ": unhealthy" in result.stdout.splitlines()[0]


@pytest.mark.parametrize("command", [("init-db",), ("serve", "--port", "1"), ("demo-data", "--youth", "2")])
def test_an_unreachable_database_stops_a_command_with_one_line_not_a_traceback(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    result = mb(tmp_path, *command, DATABASE_URL="postgresql+asyncpg://postgres@127.0.0.1:1/none")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith(f"mb: {command[0]} stopped: the database cannot be reached (")
    )
    assert result.stderr.strip().endswith("Check DATABASE_URL and that the server is up.")


def test_serve_refuses_a_database_that_was_never_migrated(tmp_path: Path) -> None:
    result = mb(tmp_path, "serve", "--port", "1")
    assert result.returncode == 2
    assert "run `mb init-db` first" in result.stderr


def _without_seconds(summary: str) -> str:
    return re.sub(r"in [\d.]+ s", "in … s", summary)


def test_demo_data_earns_points_and_recompute_gives_them_again(tmp_path: Path) -> None:
    demo = mb(tmp_path, "demo-data", "--youth", "8", "--days", "20", "--until", "2026-11-20")
    assert demo.returncode == 0, demo.stderr
    earned = next(line for line in demo.stdout.splitlines() if line.startswith("Points, badges and streaks"))
    database = tmp_path / "data" / "mb_app.db"
    with sqlite3.connect(database) as connection:
        entries, points = connection.execute("SELECT COUNT(*), SUM(amount) FROM points_ledger").fetchone()
        (totals,) = connection.execute("SELECT SUM(points) FROM points_totals").fetchone()
        (badges,) = connection.execute("SELECT COUNT(*) FROM user_badges").fetchone()
        (streaks,) = connection.execute("SELECT COUNT(*) FROM learning_streaks").fetchone()
    assert entries > 0 and badges > 0 and streaks > 0
    assert totals == points
    assert f"{entries:,} awards worth {points:,} points and {badges:,} badges" in earned

    again = mb(tmp_path, "gamification", "recompute")

    assert again.returncode == 0, again.stderr
    assert _without_seconds(again.stdout.strip()) == _without_seconds(earned)
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT COUNT(*) FROM points_ledger").fetchone() == (entries,)


def test_recompute_refuses_a_database_that_was_never_migrated(tmp_path: Path) -> None:
    result = mb(tmp_path, "gamification", "recompute")
    assert result.returncode == 2
    assert "nothing recomputed" in result.stderr and "run `mb init-db` first" in result.stderr


def test_recompute_says_when_the_database_cannot_be_reached(tmp_path: Path) -> None:
    result = mb(
        tmp_path, "gamification", "recompute", DATABASE_URL="postgresql+asyncpg://postgres@127.0.0.1:1/none"
    )
    assert result.returncode == 1
    assert "nothing recomputed: the database cannot be reached" in result.stderr
    assert "Traceback" not in result.stderr
