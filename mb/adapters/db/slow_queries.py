"""A WARNING for every statement slower than a threshold: the first sign of a missing index."""

import logging
import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

log = logging.getLogger("mb.db")
STATEMENT_SHOWN = 300  # characters; parameters are never logged (they may hold personal data)
_STARTED = "mb_statement_started"


def warn_about_slow_queries(engine: AsyncEngine, threshold_ms: float) -> None:
    def before(
        conn: Any, _cursor: Any, _statement: str, _parameters: Any, _context: Any, _many: bool
    ) -> None:
        conn.info.setdefault(_STARTED, []).append(time.perf_counter())

    def after(conn: Any, _cursor: Any, statement: str, _parameters: Any, _context: Any, many: bool) -> None:
        started = conn.info.get(_STARTED)
        if not started:
            return
        elapsed_ms = (time.perf_counter() - started.pop()) * 1000
        if elapsed_ms >= threshold_ms:
            shown = " ".join(statement.split())[:STATEMENT_SHOWN]
            log.warning(
                "db.slow_query",
                extra={
                    "ms": round(elapsed_ms, 1),
                    "threshold_ms": threshold_ms,
                    "statement": shown,
                    "many": many,
                },
            )

    def failed(context: Any) -> None:
        started = context.connection.info.get(_STARTED) if context.connection is not None else None
        if started:
            started.pop()

    event.listen(engine.sync_engine, "before_cursor_execute", before)
    event.listen(engine.sync_engine, "handle_error", failed)
    event.listen(engine.sync_engine, "after_cursor_execute", after)
