"""One logging setup for the whole process, built on structlog's standard-library integration.

Domain code logs through the standard library with the event name as the message and the
structured fields in ``extra``::

    logging.getLogger("mb.accounts").info("user.login", extra={"user_id": 7, "role": "youth"})

Pages and adapters may use ``structlog.get_logger()`` as well. Both kinds of record, and those
of uvicorn, NiceGUI, SQLAlchemy and Alembic, run through the same processors and come out the
same: JSON lines on stdout (console rendering on a terminal) and in a daily-rotated
``logs/app.log`` kept for 30 days. Values under sensitive keys are replaced by ``[redacted]``.

The uvicorn server must be started with ``log_config=None`` (``ui.run(..., log_config=None)``),
otherwise uvicorn's own ``dictConfig`` puts its handlers back and its records are printed twice
or in another format.
"""

import logging
import logging.handlers
import re
import sys
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TextIO

import structlog
from structlog.typing import EventDict, Processor, WrappedLogger

__all__ = [
    "REDACTED",
    "add_context_source",
    "bind_request_context",
    "clear_request_context",
    "configure_logging",
    "prune_log_files",
    "redact_sensitive",
]

REDACTED = "[redacted]"
# A survey link's token in a path, "/s/<token>", up to the next space, quote or query.
SURVEY_LINK = re.compile(r"(/s/)[^\s\"'?#]+")

# Matched as substrings of the lower-cased key with "-" read as "_", so "new_password",
# "DATABRICKS_TOKEN", "X-Api-Key" and "Set-Cookie" are caught too. A harmless key that happens to
# contain one of these words ("tokens_purged") is redacted as well: leaking nothing matters more.
SENSITIVE_KEY_PARTS: tuple[str, ...] = (
    "password",
    "token",
    "secret",
    "authorization",
    "api_key",
    "connection_string",
    "account_key",
    "cookie",
)

# Loggers that libraries configure themselves; their handlers are removed so that every record
# reaches the root handlers exactly once.
LIBRARY_LOGGERS: tuple[str, ...] = (
    "uvicorn",
    "uvicorn.error",
    "uvicorn.access",
    "uvicorn.asgi",
    "nicegui",
    "sqlalchemy",
    "sqlalchemy.engine",
    "alembic",
)

_STDOUT_HANDLER_NAME = "mb.logging.stdout"
_FILE_HANDLER_NAME = "mb.logging.file"
_OWN_HANDLER_NAMES = frozenset({_STDOUT_HANDLER_NAME, _FILE_HANDLER_NAME})

# Record attributes that are not fields: uvicorn's coloured message for its own formatter, and
# what logging.Formatter.format leaves on a record another handler formatted first. The
# standard library refuses "message" and "asctime" in ``extra``, so nothing real is lost.
_NOT_FIELDS: tuple[str, ...] = ("color_message", "message", "asctime")


def _is_sensitive(key: str) -> bool:
    normalized = key.lower().replace("-", "_")
    return any(part in normalized for part in SENSITIVE_KEY_PARTS)


def _redact_value(value: object) -> object:
    if isinstance(value, Mapping):
        return {
            k: REDACTED if isinstance(k, str) and _is_sensitive(k) else _redact_value(v)
            for k, v in value.items()
        }
    # Exact types only: a named tuple cannot be rebuilt from one iterable.
    if type(value) is list:
        return [_redact_value(item) for item in value]
    if type(value) is tuple:
        return tuple(_redact_value(item) for item in value)
    return value


def redact_sensitive(_logger: WrappedLogger, _method_name: str, event_dict: EventDict) -> EventDict:
    """Replace the values of password, token, secret and key fields, also inside nested mappings,
    and the token of any survey link in a message (the access log's request line carries it)."""
    for key, value in event_dict.items():
        if key == "event":
            if isinstance(value, str) and "/s/" in value:
                event_dict[key] = SURVEY_LINK.sub(r"\1" + REDACTED, value)
            continue
        event_dict[key] = REDACTED if _is_sensitive(key) else _redact_value(value)
    return event_dict


ContextSource = Callable[[], Mapping[str, object]]
_context_sources: list[ContextSource] = []


def add_context_source(source: ContextSource) -> None:
    """Also add the fields `source()` returns (the browser tab, the signed-in user) to every
    record. A source runs inside logging: it must be cheap, and return {} when it has nothing."""
    if source not in _context_sources:
        _context_sources.append(source)


def _add_context(_logger: WrappedLogger, _method_name: str, event_dict: EventDict) -> EventDict:
    for source in _context_sources:
        for key, value in source().items():
            event_dict.setdefault(key, value)
    return event_dict


def _drop_non_fields(_logger: WrappedLogger, _method_name: str, event_dict: EventDict) -> EventDict:
    if "_record" in event_dict:  # only records from stdlib loggers; structlog keyword fields stay
        for key in _NOT_FIELDS:
            event_dict.pop(key, None)
    return event_dict


def _shared_processors() -> list[Processor]:
    """Run on every record: from structlog before it reaches logging, from logging in the formatter."""
    return [
        structlog.contextvars.merge_contextvars,
        _add_context,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.stdlib.ExtraAdder(),
        _drop_non_fields,
        structlog.stdlib.PositionalArgumentsFormatter(),
        structlog.processors.StackInfoRenderer(),
        redact_sensitive,
    ]


def _json_formatter() -> structlog.stdlib.ProcessorFormatter:
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_shared_processors(),
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
    )


def _console_formatter(colors: bool) -> structlog.stdlib.ProcessorFormatter:
    # ConsoleRenderer formats exceptions itself, so format_exc_info is left out here.
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_shared_processors(),
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.dev.ConsoleRenderer(colors=colors),
        ],
    )


def _level_number(level: str) -> int:
    levels = logging.getLevelNamesMapping()
    name = level.upper()
    if name not in levels:
        raise ValueError(f"unknown log level {level!r}")
    return levels[name]


def _remove_own_handlers(root: logging.Logger) -> None:
    for handler in list(root.handlers):
        if handler.get_name() in _OWN_HANDLER_NAMES:
            root.removeHandler(handler)
            handler.close()


def configure_logging(
    level: str = "INFO",
    log_dir: Path | None = Path("logs"),
    json: bool | None = None,
    *,
    stream: TextIO | None = None,
    cache_loggers: bool = False,
) -> None:
    """Route stdlib and structlog records through one set of processors to stdout and a log file.

    ``json=None`` renders JSON when stdout is not a terminal and the console format when it is.
    ``log_dir`` (created if missing) receives ``app.log`` as JSON lines, rotated at UTC midnight
    and kept 30 days; ``None`` writes no file. Calling again replaces the handlers this function
    added earlier and leaves any other root handler (pytest's ``caplog``, for one) in place.
    ``stream`` replaces stdout (commands whose stdout is their answer log to stderr).
    ``cache_loggers`` caches structlog loggers on first use: faster, but a cached logger ignores a
    later ``configure_logging`` or ``structlog.testing.capture_logs``, so it stays off in tests.
    """
    level_number = _level_number(level)
    stream = stream or sys.stdout
    stdout_is_tty = stream.isatty()
    render_json = (not stdout_is_tty) if json is None else json

    root = logging.getLogger()
    _remove_own_handlers(root)

    stdout_handler = logging.StreamHandler(stream)
    stdout_handler.set_name(_STDOUT_HANDLER_NAME)
    stdout_handler.setFormatter(_json_formatter() if render_json else _console_formatter(stdout_is_tty))
    root.addHandler(stdout_handler)

    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.TimedRotatingFileHandler(
            log_dir / "app.log", when="midnight", backupCount=30, encoding="utf-8", utc=True
        )
        file_handler.set_name(_FILE_HANDLER_NAME)
        file_handler.setFormatter(_json_formatter())
        root.addHandler(file_handler)

    root.setLevel(level_number)

    for name in LIBRARY_LOGGERS:
        library_logger = logging.getLogger(name)
        for handler in list(library_logger.handlers):
            library_logger.removeHandler(handler)
        library_logger.propagate = True
        library_logger.setLevel(logging.NOTSET)
    # SQL statements (INFO) only in development; DEBUG would add every result row as well. The
    # rest of SQLAlchemy (mapper set-up, the pool) says hundreds of INFO lines nobody reads.
    sqlalchemy_level = logging.INFO if level_number <= logging.DEBUG else logging.WARNING
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    # The Databricks connector logs every HTTP response and session at INFO: hundreds per sync.
    logging.getLogger("databricks.sql").setLevel(logging.WARNING)
    logging.getLogger("sqlalchemy.engine").setLevel(sqlalchemy_level)
    # Alembic announces each of its plugins at INFO on every migration run.
    logging.getLogger("alembic.runtime.plugins").setLevel(max(level_number, logging.WARNING))

    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *_shared_processors(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=cache_loggers,
    )


def prune_log_files(log_dir: Path, keep_days: int, today: date) -> list[str]:
    """Delete rotated `app.log.YYYY-MM-DD` files older than `keep_days`; returns their names.

    The rotating handler keeps 30 on its own, but only in a process that lives past midnight;
    this is for `mb maintenance`, and for anyone who wants fewer.
    """
    removed = []
    for path in sorted(log_dir.glob("app.log.*")):
        try:
            day = date.fromisoformat(path.name.removeprefix("app.log."))
        except ValueError:
            continue  # not one of ours
        if (today - day).days > keep_days:
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed


def bind_request_context(**values: object) -> None:
    """Add fields (client id, request id, signed-in user id) to every record of this context."""
    structlog.contextvars.bind_contextvars(**values)


def clear_request_context() -> None:
    """Forget every field bound with `bind_request_context` in this context."""
    structlog.contextvars.clear_contextvars()
