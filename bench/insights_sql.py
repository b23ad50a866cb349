"""Where the insights bench's time goes: every SQL statement of this process, on every engine, timed
from the cursor call until its result is back (for aiosqlite, the wait for its thread included).

The bench starts a `SqlTime` around what it measures and reads how many statements ran, how long
they took together, and the slowest of them."""

import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

SHOWN = 110  # characters of a statement


@dataclass
class SqlTime:
    statements: int = 0
    ms: float = 0.0
    slowest_ms: float = 0.0
    slowest: str = ""

    def line(self) -> str:
        """The slowest statement, for a report."""
        return f"slowest statement {self.slowest_ms:,.0f} ms: {self.slowest[:SHOWN]}"


class SqlClock:
    """Listens on every engine once made; `start()` begins a new tally."""

    def __init__(self) -> None:
        self.current = SqlTime()
        event.listen(Engine, "before_cursor_execute", self._before)
        event.listen(Engine, "after_cursor_execute", self._after)

    def start(self) -> SqlTime:
        self.current = SqlTime()
        return self.current

    def _before(self, conn: Any, *_: Any) -> None:
        conn.info.setdefault("bench_started", []).append(time.perf_counter())

    def _after(self, conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        started = conn.info.get("bench_started")
        if not started:
            return
        ms = (time.perf_counter() - started.pop()) * 1000
        tally = self.current
        tally.statements += 1
        tally.ms += ms
        if ms > tally.slowest_ms:
            tally.slowest_ms, tally.slowest = ms, " ".join(statement.split())
