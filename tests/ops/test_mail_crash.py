"""Survey mail through a stop, a SIGKILL and a bad mail server, on a real SQLite file and a real SMTP
server on loopback: no invitation is lost, and one that goes twice carries the same Message-ID both
times (so mail clients show it once).

This module is also the sender the crash tests run in a process of their own, and kill:

    python -m tests.ops.test_mail_crash [--later SECONDS]

drains the outbox of the installation its environment names (as `mb serve` would: `build_services`
and `deliver_due` until nothing is due). `--later` runs it that many seconds in the future, so the
messages a killed sender had claimed are past their lease without the test waiting five minutes.
"""

import argparse
import asyncio
import contextlib
import os
import signal
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest

import mb.adapters.clock
from mb.adapters.clock import SystemClock
from mb.adapters.db.engine import create_engine, session_factory
from mb.adapters.db.migrate import upgrade_database
from mb.adapters.db.unit_of_work import SqlaUnitOfWork
from mb.bootstrap import Services, build_services
from mb.config import load_settings
from mb.domain.model.invitation import DeliveryStatus
from mb.domain.model.roles import Role
from mb.domain.model.survey import TemplateType
from mb.domain.model.survey_views import InvitationRow
from mb.domain.model.user import Actor, User
from mb.domain.services.mail_delivery import LEASE
from mb.mail_worker import MailWorker
from tests.fakes import make_settings
from tests.servers import smtp as smtp_servers
from tests.servers.app_server import server_env
from tests.servers.smtp import SilentServer, SmtpSink
from tests.surveying import send, starting_template

smtp_sink = smtp_servers.smtp_sink
silent_smtp_server = smtp_servers.silent_smtp_server

PROJECT = Path(__file__).resolve().parents[2]
YOUTH = 300
KILL_AFTER = 100  # messages delivered before the sender is stopped or killed
DRAIN_TIMEOUT_S = 30.0


class ShiftedClock(SystemClock):
    """The system clock moved `shift` ahead: a sender that lives later, past another's lease or a
    retry's wait. Patched in place of SystemClock, so `build_services` wires it as it is."""

    shift = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.shift


# Setting up: a migrated SQLite file, an admin, many youth, the starting surveys.


async def installation(root: Path, youth: int, **settings: Any) -> tuple[Services, Actor]:
    """A fresh installation in `root` (its database at root/data/mb_app.db, where `mb serve` started
    there would look) with `youth` youth, wired by `build_services` with `settings`. bench/surveys.py
    builds its installations with this too."""
    (root / "data").mkdir(parents=True, exist_ok=True)
    chosen = make_settings(mb_data_dir=root / "data", mb_log_dir=root / "logs", **settings)
    url = chosen.resolved_database_url
    await upgrade_database(url)
    admin = await enrol(url, youth)
    services = build_services(chosen)
    await services.survey_templates.install_starters()
    return services, admin


async def enrol(url: str, youth: int) -> Actor:
    """An admin and `youth` youth, stored in one batch through the user repository (no password
    hashing: nobody signs in)."""
    now = datetime.now(UTC)
    admin = User(
        email="admin@example.org", password_hash="-", role=Role.ADMIN, full_name="Asha", created_at=now
    )
    people = [admin] + [
        User(
            email=youth_email(n),
            password_hash="-",
            role=Role.YOUTH,
            full_name=f"Youth {n}",
            region="MH",
            student_id=f"MB-MH-2026-{n:05}",
            created_at=now,
        )
        for n in range(youth)
    ]
    engine = create_engine(url)
    try:
        async with SqlaUnitOfWork(session_factory(engine)) as uow:
            await uow.users.add_many(people)
            await uow.commit()
    finally:
        await engine.dispose()
    assert admin.id is not None
    return Actor(admin.id, Role.ADMIN)


def youth_email(n: int) -> str:
    return f"youth{n:05}@example.org"


async def career_survey_to_everyone(services: Services, admin: Actor) -> int:
    career = await starting_template(services, admin, TemplateType.CAREER)
    distribution = await send(services, admin, career)
    assert distribution.id is not None
    return distribution.id


def smtp_settings(server: SmtpSink | SilentServer, timeout_s: float = 5.0) -> dict[str, Any]:
    return {
        "smtp_host": server.host,
        "smtp_port": server.port,
        "smtp_starttls": False,
        "smtp_timeout_s": timeout_s,
    }


async def deliveries(services: Services, admin: Actor, distribution_id: int) -> dict[str, InvitationRow]:
    rows = await services.distribution.invitations(admin, distribution_id, 0, YOUTH + 10)
    return {row.email: row for row in rows}


async def until_drained(services: Services) -> None:
    deadline = time.monotonic() + DRAIN_TIMEOUT_S
    while await services.mail_delivery.pending():
        assert time.monotonic() < deadline, f"the outbox was not empty after {DRAIN_TIMEOUT_S:g} s"
        await asyncio.sleep(0.05)


@pytest.fixture
def clock_shift(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[ShiftedClock]]:
    """Services built in this test run on a clock the test can move ahead."""
    monkeypatch.setattr(mb.adapters.clock, "SystemClock", ShiftedClock)
    yield ShiftedClock
    ShiftedClock.shift = timedelta(0)


# (a) A graceful stop


async def test_a_worker_stopped_mid_distribution_and_the_next_one_deliver_each_invitation_exactly_once(
    tmp_path: Path, smtp_sink: SmtpSink
) -> None:
    services, admin = await installation(tmp_path, YOUTH, **smtp_settings(smtp_sink))
    distribution = await career_survey_to_everyone(services, admin)

    worker = MailWorker(services.mail_delivery, idle_s=0.05)
    worker.start()
    await smtp_sink.wait_for_async(KILL_AFTER, timeout=DRAIN_TIMEOUT_S)
    await worker.stop()
    stopped_with = len(smtp_sink.messages)
    await services.aclose()
    assert stopped_with < YOUTH, "the worker finished before it was stopped; nothing was tested"

    restarted = build_services(services.settings)
    try:
        worker = MailWorker(restarted.mail_delivery, idle_s=0.05)
        worker.start()
        await until_drained(restarted)
        await worker.stop()
        rows = await deliveries(restarted, admin, distribution)
    finally:
        await restarted.aclose()

    received = Counter(mail.rcpt_tos[0] for mail in smtp_sink.messages)  # every delivery, repeats too
    assert received == Counter({youth_email(n): 1 for n in range(YOUTH)})
    assert {row.delivery for row in rows.values()} == {DeliveryStatus.SENT} and len(rows) == YOUTH


# (b) SIGKILL


@contextlib.asynccontextmanager
async def sender_process(
    root: Path, *, later: timedelta = timedelta(0), **settings: Any
) -> AsyncIterator[asyncio.subprocess.Process]:
    """This module's sender in a process of its own on the installation in `root`; killed if still
    running when the block ends."""
    env = server_env(root)  # without PYTEST_CURRENT_TEST, MB_* or DATABASE_URL from this process
    env.update({name.upper(): str(value) for name, value in settings.items()})
    env["MB_ENV"] = "test"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH")]))
    with (root / "sender.log").open("ab") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.ops.test_mail_crash",
            "--later",
            str(later.total_seconds()),
            cwd=root,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )
    try:
        yield process
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def kill_mid_way(process: asyncio.subprocess.Process, delivered: Callable[[], int]) -> int:
    """SIGKILL once `delivered()` reaches KILL_AFTER; returns how many had been delivered then."""
    deadline = time.monotonic() + DRAIN_TIMEOUT_S
    while (count := delivered()) < KILL_AFTER:
        assert process.returncode is None, "the sender exited before it was killed"
        assert time.monotonic() < deadline, f"only {count} messages went in {DRAIN_TIMEOUT_S:g} s"
        await asyncio.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    assert await process.wait() == -signal.SIGKILL
    return delivered()


async def drain_later(root: Path, **settings: Any) -> None:
    """A second sender, past the killed one's lease, sends everything left."""
    async with sender_process(root, later=LEASE + timedelta(minutes=1), **settings) as process:
        async with asyncio.timeout(DRAIN_TIMEOUT_S):
            code = await process.wait()
    assert code == 0, (root / "sender.log").read_text()[-3000:]


async def test_a_sender_killed_mid_distribution_loses_nothing_and_repeats_only_under_the_same_message_id(
    tmp_path: Path, smtp_sink: SmtpSink
) -> None:
    settings = smtp_settings(smtp_sink)
    services, admin = await installation(tmp_path, YOUTH, **settings)
    try:
        distribution = await career_survey_to_everyone(services, admin)
        async with sender_process(tmp_path, **settings) as sender:
            at_kill = await kill_mid_way(sender, lambda: len(smtp_sink.messages))
        unrecorded = leased_but_unrecorded(tmp_path)
        await drain_later(tmp_path, **settings)
        rows = await deliveries(services, admin, distribution)
        assert await services.mail_delivery.pending() == 0
    finally:
        await services.aclose()

    received = Counter(mail.rcpt_tos[0] for mail in smtp_sink.messages)
    assert set(received) == {youth_email(n) for n in range(YOUTH)}  # nobody left out
    message_ids: dict[str, set[str]] = {}
    for mail in smtp_sink.messages:
        message_ids.setdefault(mail.rcpt_tos[0], set()).add(mail.message_id)
    assert all(len(ids) == 1 for ids in message_ids.values()), "a repeat came under a new Message-ID"
    assert {row.delivery for row in rows.values()} == {DeliveryStatus.SENT} and len(rows) == YOUTH
    repeated = {email for email, count in received.items() if count > 1}
    # Only what the killed sender had leased and not yet recorded may go twice; never more than twice.
    assert repeated <= unrecorded and max(received.values()) <= 2
    print(
        f"\nSIGKILL after {at_kill} of {YOUTH} delivered; {len(unrecorded)} leased and not recorded "
        f"were sent again: {len(repeated)} of them had already gone (same Message-ID both times)"
    )


def leased_but_unrecorded(root: Path) -> set[str]:
    """Recipients of the messages a killed sender had claimed and not recorded as sent or failed."""
    with contextlib.closing(sqlite3.connect(root / "data" / "mb_app.db")) as database:
        found = database.execute(
            "SELECT i.recipient_email FROM mail_outbox o "
            "JOIN survey_distribution_logs i ON i.id = o.invitation_id "
            "WHERE o.status = 'queued' AND o.claimed_until IS NOT NULL"
        )
        return {email for (email,) in found}


async def test_a_sender_killed_while_writing_eml_files_leaves_exactly_one_file_per_invitation(
    tmp_path: Path,
) -> None:
    services, admin = await installation(tmp_path, YOUTH)  # no SMTP_HOST: .eml files in data/outbox
    outbox = tmp_path / "data" / "outbox"
    try:
        distribution = await career_survey_to_everyone(services, admin)
        async with sender_process(tmp_path) as sender:
            at_kill = await kill_mid_way(sender, lambda: len(list(outbox.glob("*.eml"))))
        await drain_later(tmp_path)
        rows = await deliveries(services, admin, distribution)
    finally:
        await services.aclose()

    parser = BytesParser()
    recipients = Counter(parser.parsebytes(path.read_bytes())["To"] for path in outbox.glob("*.eml"))
    assert recipients == Counter({youth_email(n): 1 for n in range(YOUTH)})
    assert {row.delivery for row in rows.values()} == {DeliveryStatus.SENT}
    half_written = list(outbox.glob(".*.part"))
    print(f"\n.eml: SIGKILL after {at_kill} files; {len(half_written)} half-written .part left")


# A mail server that says no, or nothing


async def test_a_refused_invitation_is_failed_with_the_servers_reason_and_goes_when_retried(
    tmp_path: Path, clock_shift: type[ShiftedClock]
) -> None:
    refusing = SmtpSink(refuse_recipients=True).start()
    try:
        services, admin = await installation(tmp_path, 3, **smtp_settings(refusing))
        distribution = await career_survey_to_everyone(services, admin)
        first = await services.mail_delivery.deliver_due()
    finally:
        refusing.stop()
    try:
        assert (first.sent, first.failed) == (0, 3)
        failed = await deliveries(services, admin, distribution)
        for row in failed.values():
            assert row.delivery is DeliveryStatus.FAILED
            assert f"refused the recipient {row.email} (550 5.1.1" in row.failure_reason
            assert "(trying again at " in row.failure_reason
        assert (await services.mail_delivery.deliver_due()).handled == 0  # waits a minute first
        assert await services.mail_delivery.pending() == 3

        with SmtpSink(port=refusing.port) as accepting:  # the server takes mail again
            clock_shift.shift = timedelta(minutes=1, seconds=5)
            assert (await services.mail_delivery.deliver_due()).sent == 3
            accepting.wait_for(3)
        sent = await deliveries(services, admin, distribution)
    finally:
        await services.aclose()
    assert sorted(m.rcpt_tos[0] for m in accepting.messages) == sorted(failed)
    assert all(row.delivery is DeliveryStatus.SENT and not row.failure_reason for row in sent.values())


async def test_a_server_that_never_answers_fails_the_invitation_within_the_smtp_timeout(
    tmp_path: Path, silent_smtp_server: SilentServer
) -> None:
    services, admin = await installation(tmp_path, 3, **smtp_settings(silent_smtp_server, timeout_s=0.5))
    try:
        distribution = await career_survey_to_everyone(services, admin)
        started = time.monotonic()
        outcome = await services.mail_delivery.deliver_due()
        took = time.monotonic() - started
        rows = await deliveries(services, admin, distribution)
    finally:
        await services.aclose()
    assert outcome.failed == 3
    # Sent side by side, each given up after 0.5 s (SMTP_TIMEOUT_S); the service's own limit is 1 s.
    assert took < 1.5, f"three sends to a silent server took {took:.2f} s with a 0.5 s timeout"
    for row in rows.values():
        assert row.delivery is DeliveryStatus.FAILED
        assert f"127.0.0.1:{silent_smtp_server.port} did not answer within 0.5 s" in row.failure_reason


# The sender the crash tests run in a process of their own


async def drain(later: timedelta) -> None:
    ShiftedClock.shift = later
    mb.adapters.clock.SystemClock = ShiftedClock  # type: ignore[misc]  # what build_services wires
    services = build_services(load_settings())
    try:
        while (await services.mail_delivery.deliver_due()).handled:
            pass
    finally:
        await services.aclose()


def main() -> None:
    parser = argparse.ArgumentParser(description="Drain the outbox, as mb serve would.")
    parser.add_argument("--later", type=float, default=0.0, help="run this many seconds in the future")
    asyncio.run(drain(timedelta(seconds=parser.parse_args().later)))


if __name__ == "__main__":
    main()
