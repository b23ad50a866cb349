"""`mb flags` and `mb maintenance` as an operator runs them at a shell."""

import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from mb.adapters.db.engine import create_engine
from mb.adapters.db.migrate import downgrade
from tests.ops.test_cli import mb


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    made = mb(tmp_path, "init-db", MB_ADMIN_EMAIL="root@example.org", MB_ADMIN_PASSWORD="Root-password-2026")
    assert made.returncode == 0, made.stderr
    return tmp_path


def audit(root: Path) -> list[tuple[str, str, object]]:
    with closing(sqlite3.connect(root / "data" / "mb_app.db")) as db:
        return list(
            db.execute("SELECT action, target_id, actor_id FROM audit_log WHERE target_type = 'flag'")
        )


def test_flags_are_listed_switched_and_reset_from_a_shell_and_audited(workspace: Path) -> None:
    listed = mb(workspace, "flags")
    assert listed.returncode == 0, listed.stderr
    assert "gamification           on   (default)" in listed.stdout
    assert "ai_recommendations     off  (default)" in listed.stdout

    switched = mb(workspace, "flags", "set", "gamification", "off")
    assert switched.returncode == 0, switched.stderr
    assert switched.stdout.strip() == "gamification is off (set for everyone); recorded in the audit log."
    assert "gamification           off  (set by an admin)" in mb(workspace, "flags", "list").stdout

    reset = mb(workspace, "flags", "reset", "gamification")
    assert reset.stdout.strip() == "gamification is on (following its default); recorded in the audit log."
    assert audit(workspace) == [("flag.set", "gamification", None), ("flag.reset", "gamification", None)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("set", "gamifcation", "off"), "mb: unknown flag 'gamifcation'; the flags are new_dashboard, "),
        (("set", "gamification"), "mb: say on or off: `mb flags set gamification on`."),
        (("set", "gamification", "maybe"), "mb: say on or off"),
        (("reset", "gamification", "on"), "mb: `mb flags reset gamification` takes no state."),
        (("list", "gamification"), "mb: `mb flags list` takes nothing more."),
    ],
)
def test_a_mistyped_flag_command_changes_nothing_and_says_why(
    workspace: Path, args: tuple[str, ...], message: str
) -> None:
    refused = mb(workspace, "flags", *args)
    assert refused.returncode == 2
    assert refused.stderr.startswith(message) and refused.stderr.count("\n") == 1
    assert audit(workspace) == []


def test_maintenance_checks_analyzes_vacuums_and_clears_old_logs(workspace: Path) -> None:
    logs = workspace / "logs"
    (logs / "app.log.2020-01-01").write_text("{}\n")
    (logs / "app.log.2999-01-01").write_text("{}\n")
    done = mb(workspace, "maintenance", "--vacuum")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Integrity check: ok"
    assert lines[1] == "Planner statistics refreshed."
    assert lines[2].startswith("Vacuumed: ") and lines[3].startswith(
        "Sign-in failures older than a day removed: "
    )
    assert lines[4] == "Expired survey links retired: 0."
    assert lines[5] == "Delivered mail older than 30 days removed from the outbox: 0."
    assert lines[6] == "Log files older than 30 days removed: 1."
    assert sorted(p.name for p in logs.glob("app.log.*")) == ["app.log.2999-01-01"]
    assert "sqlalchemy" not in done.stderr  # a routine run is quiet


async def _one_invitation_mailed(root: Path) -> None:
    from mb.bootstrap import build_services
    from mb.domain.model.invitation import Audience
    from mb.domain.model.roles import Role
    from mb.domain.model.survey_views import RecipientChoice
    from mb.domain.model.user import Actor
    from tests.conftest import registration
    from tests.fakes import make_settings

    services = build_services(make_settings(mb_data_dir=root / "data"))
    try:
        await services.accounts.register_youth(registration("priya@example.org"))
        admin = Actor(1, Role.ADMIN)
        career = next(
            e.template
            for e in await services.survey_templates.templates(admin)
            if e.template.type == "career"
        )
        await services.distribution.distribute(admin, career.id or 0, RecipientChoice(Audience.YOUTH))
        assert (await services.mail_delivery.deliver_due()).sent == 1
    finally:
        await services.aclose()


def test_maintenance_retires_expired_survey_links_and_old_delivered_mail(workspace: Path) -> None:
    asyncio.run(_one_invitation_mailed(workspace))
    assert len(list((workspace / "data" / "outbox").glob("*.eml"))) == 1
    database = workspace / "data" / "mb_app.db"
    with closing(sqlite3.connect(database)) as db:
        db.execute("UPDATE survey_distribution_logs SET expires_at = '2020-01-31 00:00:00.000000'")
        db.execute("UPDATE mail_outbox SET sent_at = '2020-01-01 00:00:00.000000'")
        db.commit()

    done = mb(workspace, "maintenance")

    assert done.returncode == 0, done.stderr
    assert "Expired survey links retired: 1." in done.stdout.splitlines()
    assert "Delivered mail older than 30 days removed from the outbox: 1." in done.stdout.splitlines()
    with closing(sqlite3.connect(database)) as db:
        assert db.execute("SELECT token_hash, token_seed FROM survey_distribution_logs").fetchall() == [
            (None, None)
        ]
        assert db.execute("SELECT count(*) FROM mail_outbox").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM survey_distribution_logs").fetchone() == (
            1,
        )  # results keep it


def test_maintenance_stops_at_a_damaged_database_and_touches_nothing_else(workspace: Path) -> None:
    database = workspace / "data" / "mb_app.db"
    data = bytearray(database.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page
    database.write_bytes(bytes(data))
    (workspace / "logs" / "app.log.2020-01-01").write_text("{}\n")
    stopped = mb(workspace, "maintenance")
    assert stopped.returncode == 1
    assert stopped.stdout.startswith("Integrity check: ")
    assert "failed its integrity check; nothing else was done" in stopped.stderr
    assert (workspace / "logs" / "app.log.2020-01-01").exists()


def test_maintenance_refuses_a_nonsense_retention(workspace: Path) -> None:
    refused = mb(workspace, "maintenance", "--keep-log-days", "0")
    assert refused.returncode == 2 and refused.stderr.strip() == "mb: --keep-log-days must be at least 1."


def test_upgrading_a_database_from_before_points_counts_its_past_learning(tmp_path: Path) -> None:
    assert mb(tmp_path, "init-db", "--demo-admin").returncode == 0
    assert mb(tmp_path, "demo-data", "--youth", "10", "--days", "20").returncode == 0
    database = tmp_path / "data" / "mb_app.db"
    earned = ledger_total(database)
    assert earned > 0

    async def back_to_0003() -> None:
        engine = create_engine(f"sqlite+aiosqlite:///{database}")
        try:
            await downgrade(engine, "0003")
        finally:
            await engine.dispose()

    asyncio.run(back_to_0003())
    upgraded = mb(tmp_path, "init-db")
    assert upgraded.returncode == 0, upgraded.stderr
    assert "Points, badges and streaks recomputed" in upgraded.stdout
    assert ledger_total(database) == earned
    again = mb(tmp_path, "init-db")
    assert "recomputed" not in again.stdout  # only when the ledger is new


def ledger_total(database: Path) -> int:
    with closing(sqlite3.connect(database)) as db:
        return int(db.execute("SELECT coalesce(sum(amount), 0) FROM points_ledger").fetchone()[0])


def test_maintenance_mode_is_switched_from_a_shell_and_health_says_so(workspace: Path) -> None:
    on = mb(workspace, "maintenance", "--on")
    assert on.returncode == 0, on.stderr
    assert (
        on.stdout.strip()
        == "Maintenance mode is on: only admins can use the app, and /health says maintenance."
    )
    checked = mb(workspace, "check")
    assert "maintenance" in checked.stdout
    off = mb(workspace, "maintenance", "--off")
    assert off.stdout.strip() == "Maintenance mode is off: everyone can use the app again."
    with closing(sqlite3.connect(workspace / "data" / "mb_app.db")) as db:
        actions = [row[0] for row in db.execute("SELECT action FROM audit_log WHERE target_type = 'system'")]
    assert actions == ["maintenance.on", "maintenance.off"]
    refused = mb(workspace, "maintenance", "--on", "--off")
    assert refused.returncode == 2 and "not allowed with argument" in refused.stderr
