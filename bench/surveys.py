"""Survey mail at scale: the career survey to 5,000 youth, queued and delivered over SMTP (SQLite).

    .venv/bin/python bench/surveys.py [--youth 5000] [--runs 3]

Each run starts from a fresh SQLite file (migrated, the youth stored in one batch) and an empty
aiosmtpd sink on loopback (`SmtpSink` of tests/servers/smtp.py, in a process of its own as a mail
server would be, not sharing this one's interpreter lock), with the services wired by
`build_services` to send through it. For MB_MAIL_CONCURRENCY 4 (the default) and 8:
(a) the time to queue the survey: the admin's preview of the count, then `distribution.distribute`
to every youth; (b) the time until a MailWorker has delivered every message and recorded it sent,
and the CPU time this process spent on it (a figure that a busy machine changes less);
(c) exactly once: the messages the sink received and their distinct recipients, both to equal the
youth. Medians over the runs. Target: all delivered < 20 s.
"""

import argparse
import asyncio
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mb.bootstrap import Services
from mb.domain.model.survey import TemplateType
from mb.mail_worker import MailWorker
from tests.ops.test_mail_crash import installation
from tests.servers.smtp import HOST, SmtpSink
from tests.surveying import EVERYONE, send, starting_template

DELIVERED_TARGET_S = 20.0
CONCURRENCIES = (4, 8)
POLL_S = 0.02
GIVE_UP_S = 300.0


@dataclass(frozen=True)
class Run:
    preview_s: float
    distribute_s: float
    delivered_s: float  # from the worker's start until every message was received and recorded sent
    delivered_cpu_s: float  # CPU time of this process (the app) meanwhile
    received: int
    recipients: int


class Sink:
    """The sink in its own process, asked over a pipe."""

    def __init__(self, port: int, pipe: Connection) -> None:
        self.port = port
        self._pipe = pipe

    def ask(self, request: str) -> Any:
        self._pipe.send(request)
        return self._pipe.recv()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--youth", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"MB Compass surveys bench: the career survey to {args.youth:,} youth, SQLite, SMTP on loopback")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")
    failed = False
    with sink_process() as sink:
        for concurrency in CONCURRENCIES:
            runs = [asyncio.run(_run(sink, args.youth, concurrency)) for _ in range(args.runs)]
            failed |= _report(concurrency, runs, args.youth)
    return 1 if failed else 0


@contextmanager
def sink_process() -> Iterator[Sink]:
    ours, theirs = multiprocessing.Pipe()
    process = multiprocessing.get_context("spawn").Process(target=_serve, args=(theirs,), daemon=True)
    process.start()
    sink = Sink(ours.recv(), ours)
    try:
        yield sink
    finally:
        sink.ask("stop")
        process.join(10)


def _serve(pipe: Connection) -> None:
    with SmtpSink() as sink:
        pipe.send(sink.port)
        while (request := pipe.recv()) != "stop":
            if request == "clear":
                sink.clear()
                pipe.send(None)
            else:  # "count": raw messages and distinct recipients
                pipe.send((len(sink.messages), len({mail.rcpt_tos for mail in sink.messages})))
        pipe.send(None)


async def _run(sink: Sink, youth: int, concurrency: int) -> Run:
    sink.ask("clear")
    with tempfile.TemporaryDirectory(prefix="mb-bench-surveys-") as directory:
        settings = {
            "smtp_host": HOST,
            "smtp_port": sink.port,
            "smtp_starttls": False,
            "mb_mail_concurrency": concurrency,
        }
        services, admin = await installation(Path(directory), youth, **settings)
        try:
            career = await starting_template(services, admin, TemplateType.CAREER)
            assert career.id is not None
            started = time.perf_counter()
            preview = await services.distribution.preview(admin, career.id, EVERYONE)
            previewed = time.perf_counter()
            await send(services, admin, career)
            distributed = time.perf_counter()
            assert preview.to_invite == youth, preview

            cpu = time.process_time()
            worker = MailWorker(services.mail_delivery)
            worker.start()
            await _until_delivered(services, sink, youth)
            delivered = time.perf_counter()
            cpu = time.process_time() - cpu
            await worker.stop()
        finally:
            await services.aclose()
    received, recipients = sink.ask("count")
    return Run(
        preview_s=previewed - started,
        distribute_s=distributed - previewed,
        delivered_s=delivered - distributed,
        delivered_cpu_s=cpu,
        received=received,
        recipients=recipients,
    )


async def _until_delivered(services: Services, sink: Sink, youth: int) -> None:
    """Until the sink has `youth` messages and the outbox holds nothing waiting (all recorded sent)."""
    deadline = time.perf_counter() + GIVE_UP_S
    while sink.ask("count")[0] < youth or await services.mail_delivery.pending():
        if time.perf_counter() > deadline:
            raise SystemExit(f"mail still waiting after {GIVE_UP_S:g} s")
        await asyncio.sleep(POLL_S)


def _report(concurrency: int, runs: list[Run], youth: int) -> bool:
    def median(seconds: list[float]) -> str:
        return f"{statistics.median(seconds):6.2f} s  (runs {', '.join(f'{s:.2f}' for s in seconds)})"

    delivered = statistics.median(r.delivered_s for r in runs)
    once = all(r.received == youth and r.recipients == youth for r in runs)
    slow = delivered >= DELIVERED_TARGET_S
    print(f"MB_MAIL_CONCURRENCY={concurrency}, median of {len(runs)} runs:")
    print(f"  (a) preview the count        {median([r.preview_s for r in runs])}")
    print(f"      distribute (queue)       {median([r.distribute_s for r in runs])}")
    print(
        f"  (b) until all delivered      {median([r.delivered_s for r in runs])}"
        f"   target < {DELIVERED_TARGET_S:g} s   {'TOO SLOW' if slow else 'ok'}"
    )
    print(f"      app CPU meanwhile        {median([r.delivered_cpu_s for r in runs])}")
    print(f"      {youth / delivered:,.0f} messages a second")
    print(
        f"  (c) received {', '.join(str(r.received) for r in runs)}; distinct recipients "
        f"{', '.join(str(r.recipients) for r in runs)}   {'exactly once' if once else 'NOT EXACTLY ONCE'}\n"
    )
    return slow or not once


if __name__ == "__main__":
    raise SystemExit(main())
