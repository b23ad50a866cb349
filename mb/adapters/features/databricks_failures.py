"""What went wrong talking to Databricks: the reason a person reads, and the connector's own logs."""

import logging
import socket
import ssl
from collections.abc import Iterator

from databricks.sql.exc import RequestError, ServerOperationError
from urllib3.exceptions import HTTPError as Urllib3Error

from mb.adapters.features.databricks_rows import UnreadableRows


class NoAnswer(Exception):
    """The worker thread did not answer the event loop in time."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no answer within {seconds:g} s")


class QueryTooSlow(Exception):
    """The query was still running when the timeout came; it has been cancelled."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the query ran longer than {seconds:g} s")


def reason(error: BaseException, where: str, table: str, timeout_s: float) -> str:  # noqa: PLR0911
    """`where` names the workspace ("Databricks at adb-….azuredatabricks.net"). The most specific
    explanation wins: what the server said, then what the network did."""
    chain = list(_causes(error))
    http_code = next((code for code in map(_http_code, chain) if code is not None), None)
    if http_code in (401, 403):
        return (
            f"{where} refused the token (HTTP {http_code}). Check DATABRICKS_TOKEN: it may have expired "
            "or been revoked, or its principal may not use this SQL warehouse."
        )
    if http_code == 404:
        return (
            f"{where} has no SQL warehouse at DATABRICKS_HTTP_PATH (HTTP 404). Copy the HTTP path from "
            "the warehouse's Connection details."
        )
    if isinstance(error, UnreadableRows):
        return f"the table {table} {error}. Fix the job that writes it, then sync again."
    said = next((_first_line(str(e)) for e in chain if isinstance(e, ServerOperationError)), None)
    if said is not None and "TABLE_OR_VIEW_NOT_FOUND" in said:
        return (
            f"{where} has no table {table}. Check MB_DATABRICKS_FEATURES_TABLE and that the job that "
            "writes the daily features has run."
        )
    if said is not None:
        return f"{where} could not run the feature query on {table}: {said}"
    if isinstance(error, QueryTooSlow):
        return (
            f"the feature query on {where} did not finish within {timeout_s:g} s and was cancelled. The "
            "SQL warehouse may be busy; try again later, or raise MB_DATABRICKS_TIMEOUT_S."
        )
    if any(_timed_out(e) for e in chain):
        return (
            f"{where} did not answer within {timeout_s:g} s. The SQL warehouse may be stopped, starting or "
            "overloaded, or a firewall may be dropping the connection; try again later, or raise "
            "MB_DATABRICKS_TIMEOUT_S."
        )
    return (
        _network_reason(chain, where) or f"{where} failed: {_first_line(str(error)) or type(error).__name__}"
    )


def still_answering(error: BaseException) -> bool:
    """False when the warehouse stopped answering or could not be reached."""
    return not any(
        _timed_out(e) or isinstance(e, ConnectionError | Urllib3Error | OSError) for e in _causes(error)
    )


def _network_reason(chain: list[BaseException], where: str) -> str | None:
    tls = next((e for e in chain if isinstance(e, ssl.SSLError)), None)
    if tls is not None:
        return f"the secure connection to {where} failed ({_first_line(str(tls))})."
    if any(isinstance(e, socket.gaierror) for e in chain):
        return f"{where} is not a host name that resolves. Check DATABRICKS_HOST."
    if any(isinstance(e, ConnectionError | Urllib3Error | OSError) for e in chain):
        return (
            f"{where} could not be reached. Check DATABRICKS_HOST, the network, and any firewall or private "
            "endpoint between this server and the workspace."
        )
    return None


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error, what caused it, and the exceptions the connector and urllib3 carry inside theirs
    (a refused connection reaches us as "retry would exceed the retry duration")."""
    seen: set[int] = set()
    pending = [error]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        inner = [current.__cause__, current.__context__, getattr(current, "reason", None), *current.args]
        pending += [e for e in inner if isinstance(e, BaseException)]


def _http_code(error: BaseException) -> int | None:
    code = error.context.get("http-code") if isinstance(error, RequestError) else None
    return code if isinstance(code, int) else None


def _timed_out(error: BaseException) -> bool:
    return isinstance(error, NoAnswer | TimeoutError) or "timed out" in str(error).lower()


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0][:300] if lines else ""


class _ErrorsAsWarnings(logging.Filter):
    """The connector logs a refused token or an unreachable host at ERROR before it raises. Here
    those are expected (the sync records the reason and the pages say the data is stale), so they
    are logged as WARNING."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


# The connector's modules that log at ERROR on the way to raising (a filter sees only the records
# of the logger it is on, not its children's).
_CONNECTOR_LOGGERS = (
    "databricks.sql.backend.thrift_backend",
    "databricks.sql.client",
    "databricks.sql.session",
    "databricks.sql.common.unified_http_client",
)


def quieten_connector_errors() -> None:
    for name in _CONNECTOR_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _ErrorsAsWarnings) for f in logger.filters):
            logger.addFilter(_ErrorsAsWarnings())
