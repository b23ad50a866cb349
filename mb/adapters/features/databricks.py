"""Daily features read from a Databricks SQL table (`databricks-sql-connector`): the source at scale.

The connector blocks and its connections are not thread-safe, so each read owns one worker thread
that opens the connection, runs the query, fetches every batch and closes; the event loop only
awaits the thread's answers, each within a deadline. Socket timeouts bound the thread itself, so a
warehouse that stops answering costs a bounded wait, never a thread for good.
"""

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar
from urllib.parse import urlsplit

from databricks import sql
from databricks.sql.exc import Error as ConnectorError
from pydantic import SecretStr
from urllib3.exceptions import HTTPError as Urllib3Error

from mb.adapters.features.databricks_failures import (
    NoAnswer,
    QueryTooSlow,
    quieten_connector_errors,
    reason,
    still_answering,
)
from mb.adapters.features.databricks_rows import daily_features, feature_query, quoted_table
from mb.config import Settings, SettingsError
from mb.domain.errors import Unavailable
from mb.domain.model.daily_features import DailyFeatures, DayRange, FeatureWatermark

log = logging.getLogger("mb.features.databricks")

T = TypeVar("T")

# The connector's own retries go on for up to 15 minutes; these stop them once the timeout would
# pass, with at most 5 s between tries. (A warehouse that is starting answers 503 for a while: the
# read fails with a reason, and the next scheduled sync finds the warehouse running.)
_MAX_RETRY_DELAY_S = 5.0
# Socket timeouts, the retry duration and the query's deadline end each step (connecting, running
# the query, a fetch) in about the timeout; a step may make two calls. Should those bounds fail (a
# server that trickles a byte at a time never trips a socket timeout), the event loop stops waiting
# after twice the timeout and this grace.
_GRACE_S = 2.0
_POLL_S = (0.05, 1.0)  # first and longest pause between asking whether the query has finished


class DatabricksFeatureSource:
    """Rows of the lakehouse's feature table (`MB_DATABRICKS_FEATURES_TABLE`), read with native
    `:name` parameters and fetched as Arrow in batches."""

    name = "databricks"

    def __init__(
        self,
        host: str,
        http_path: str,
        token: SecretStr,
        table: str,
        *,
        timeout_s: float = 60.0,
        port: int = 443,
        ca_file: str | None = None,
    ) -> None:
        """`host` is the workspace's host name, as a URL or with a port if need be. `timeout_s`
        bounds connecting, running the query and each fetch. `port` and `ca_file` (certificates to
        trust instead of the system's) serve a private endpoint or a test server; a workspace
        answers HTTPS on 443."""
        self._host, self._port = _host_and_port(host, port)
        self._where = self._host if self._port == 443 else f"{self._host}:{self._port}"
        self._http_path = http_path
        self._token = token
        self._table_name = table
        self._table = quoted_table(table)
        self._timeout_s = timeout_s
        self._ca_file = ca_file
        quieten_connector_errors()

    @classmethod
    def from_settings(cls, settings: Settings) -> "DatabricksFeatureSource":
        if not settings.databricks_token.get_secret_value():
            raise SettingsError(
                "DATABRICKS_TOKEN is not set; create a token (a service principal's, or a personal access "
                "token) that may use the SQL warehouse and read the features table, and set it."
            )
        return cls(
            settings.databricks_host,
            settings.databricks_http_path,
            settings.databricks_token,
            settings.mb_databricks_features_table,
            timeout_s=settings.mb_databricks_timeout_s,
        )

    async def batches(
        self, after: FeatureWatermark | None, days: DayRange | None, batch_rows: int
    ) -> AsyncIterator[Sequence[DailyFeatures]]:
        statement, parameters = feature_query(self._table, after, days)
        read = _Read(self._connect, self._timeout_s, statement, parameters, batch_rows)
        worker = _Worker(2 * self._timeout_s + _GRACE_S)
        # Closing is waited for unless the warehouse stopped answering (it would only wait again)
        # or the caller stopped reading: then the thread closes once it is free, unawaited.
        wait_for_close = True
        try:
            with self._translated("read the features"):
                await worker.run(read.connect)
                await worker.run(read.run_query)
                pending = worker.submit(read.next_batch)
                while rows := await worker.wait(pending):
                    pending = worker.submit(read.next_batch)  # fetched while the caller stores these
                    yield rows
        except Unavailable as error:
            wait_for_close = still_answering(error)
            raise
        except BaseException:
            wait_for_close = False
            raise
        finally:
            if wait_for_close:
                await worker.close(read.close)
            worker.finish(None if wait_for_close else read.close)

    async def ping(self) -> str:
        def select_one() -> None:
            connection = self._connect(retry=False)
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
                    cursor.fetchall()
            finally:
                close_quietly(connection)

        worker = _Worker(2 * self._timeout_s + _GRACE_S)
        try:
            with self._translated("reach the SQL warehouse"):
                await worker.run(select_one)
        finally:
            worker.finish(None)
        return f"databricks {self._where} ({self._table_name})"

    def _connect(self, *, retry: bool = True) -> Any:
        """A connection, for the calling thread alone. A probe does not retry: a refused
        connection should say so at once, not after the retries a sync deserves."""
        return sql.connect(
            server_hostname=self._host,
            http_path=self._http_path,
            access_token=self._token.get_secret_value(),
            enable_telemetry=False,
            user_agent_entry="MB Compass",
            _port=self._port,
            _tls_trusted_ca_file=self._ca_file,
            _socket_timeout=self._timeout_s,
            _retry_stop_after_attempts_duration=max(self._timeout_s, 1.0) if retry else 1.0,
            _retry_stop_after_attempts_count=30 if retry else 1,
            _retry_delay_max=_MAX_RETRY_DELAY_S,
        )

    @contextmanager
    def _translated(self, action: str) -> Iterator[None]:
        """Whatever a read raises (the connector, the network, rows that are not features) becomes
        `Unavailable` with a reason a person can act on, never with the token in it."""
        try:
            yield
        except Unavailable:
            raise
        except Exception as error:
            why = reason(error, f"Databricks at {self._where}", self._table_name, self._timeout_s)
            secret = self._token.get_secret_value()
            raise Unavailable(
                f"Could not {action}: {why.replace(secret, '***') if secret else why}"
            ) from error


def _host_and_port(host: str, port: int) -> tuple[str, int]:
    try:
        address = urlsplit(host.strip() if "://" in host else f"//{host.strip()}")
        return address.hostname or host, address.port or port
    except ValueError:
        raise SettingsError(
            f"DATABRICKS_HOST={host!r} is not a host name; use the workspace's, such as "
            "adb-1234567890123456.7.azuredatabricks.net."
        ) from None


class _Read:
    """One read's connection and cursor; every method runs on the read's worker thread."""

    def __init__(
        self,
        connect: Callable[[], Any],
        timeout_s: float,
        statement: str,
        parameters: dict[str, object],
        batch_rows: int,
    ) -> None:
        self._connect = connect
        self._timeout_s = timeout_s
        self._statement = statement
        self._parameters = parameters
        self._batch_rows = batch_rows
        self._connection: Any = None
        self._cursor: Any = None

    def connect(self) -> None:
        self._connection = self._connect()
        # The first fetch asks for a batch's worth of rows, as every later one does.
        self._cursor = self._connection.cursor(arraysize=self._batch_rows)

    def run_query(self) -> None:
        """Runs the query and waits for it within the timeout; past it, the query is cancelled (the
        connector alone would wait for ever on a query that never finishes)."""
        self._cursor.execute_async(self._statement, self._parameters)
        deadline = time.monotonic() + self._timeout_s
        pause = _POLL_S[0]
        while self._cursor.is_query_pending():
            if time.monotonic() + pause > deadline:
                self._cursor.cancel()
                raise QueryTooSlow(self._timeout_s)
            time.sleep(pause)
            pause = min(pause * 2, _POLL_S[1])
        self._cursor.get_async_execution_result()

    def next_batch(self) -> list[DailyFeatures]:
        return daily_features(self._cursor.fetchmany_arrow(self._batch_rows))

    def close(self) -> None:
        close_quietly(self._cursor)
        close_quietly(self._connection)


class _Worker:
    """One thread doing one read's connector work in order; the loop awaits each answer for at most
    `deadline_s`."""

    def __init__(self, deadline_s: float) -> None:
        self._deadline_s = deadline_s
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="databricks")

    def submit(self, work: Callable[[], T]) -> "Future[T]":
        return self._executor.submit(work)

    async def run(self, work: Callable[[], T]) -> T:
        return await self.wait(self.submit(work))

    async def wait(self, pending: "Future[T]") -> T:
        try:
            return await asyncio.wait_for(asyncio.wrap_future(pending), self._deadline_s)
        except TimeoutError:
            raise NoAnswer(self._deadline_s) from None

    async def close(self, close: Callable[[], None]) -> None:
        """Closes and waits for it; closing late is no failure (every row has arrived by then)."""
        try:
            await self.run(close)
        except NoAnswer:
            log.info("databricks.close_slow", extra={"waited_s": self._deadline_s})

    def finish(self, close: Callable[[], None] | None) -> None:
        """Lets the thread end once its work (and `close`, if given) is done, without waiting."""
        if close is not None:
            self._executor.submit(close)
        self._executor.shutdown(wait=False)


def close_quietly(closeable: Any) -> None:
    """Closing is best effort: a warehouse frees an abandoned query and session on its own."""
    if closeable is None:
        return
    try:
        closeable.close()
    except (ConnectorError, Urllib3Error, OSError) as error:
        log.info("databricks.close_failed", extra={"error": type(error).__name__})
