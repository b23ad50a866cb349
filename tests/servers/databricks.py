"""A Databricks SQL warehouse on loopback, as far as the connector can tell.

It speaks the warehouse's protocol: Thrift `TCLIService` (the connector's own generated stubs) in
binary encoding, POSTed over HTTPS to the warehouse's HTTP path with a bearer token. Statements run
on an in-memory SQLite copy of one lakehouse table after a light translation (the table's name, the
native `:name` parameters bound with the types the connector sent), so what a query returns is what
a warehouse would return for it. Results come back as Databricks sends them: an Arrow schema in the
result metadata and Arrow IPC record batches (LZ4-framed when the client can read that), at most
the fetch size per FetchResults.

Only what one feature table needs is modelled: sessions, statements (sync with direct results, or
async with status polling), result metadata, fetches, cancel and close. Everything the warehouse
received is kept for tests to look at (`statements`, `calls`).

Rows: `add(rows)` takes `DailyFeatures`; `load(table)` takes an Arrow table with the columns of
`FEATURE_SCHEMA` (any order) and is the way in for volume: about 70,000 rows a second, a slice at a
time (1.8 million rows in some 25 s). `source()` gives the adapter pointed at the server. Fixtures:
`databricks_server` (empty table), `failing_databricks_server` (every statement fails) and
`hanging_databricks_server` (never answers the statement); `DatabricksServer(...)` makes others.
"""

import re
import sqlite3
import ssl
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import lz4.frame
import pyarrow as pa
import pytest
from databricks.sql.thrift_api.TCLIService import TCLIService, ttypes
from pydantic import SecretStr
from thrift.protocol.TBinaryProtocol import TBinaryProtocol
from thrift.transport.TTransport import TMemoryBuffer

from mb.adapters.features.databricks import DatabricksFeatureSource
from mb.domain.model.daily_features import FEATURE_COLUMNS, DailyFeatures
from tests.servers.smtp import free_port, self_signed_certificate

HOST = "127.0.0.1"
HTTP_PATH = "/sql/1.0/warehouses/5a1b2c3d4e5f6a7b"
TOKEN = "dapi0123456789abcdef0123456789abcdef"  # what the warehouse accepts; never in a reason
TABLE = "main.mb_compass.student_daily_features"

_INT = pa.int32()
# The lakehouse table's column types, as a warehouse reports them in Arrow (TIMESTAMP in the
# session's time zone, UTC by default).
FEATURE_SCHEMA = pa.schema(
    [
        ("user_id", pa.int64()),
        ("feature_date", pa.date32()),
        ("modules_assigned", _INT),
        ("modules_started", _INT),
        ("modules_completed", _INT),
        ("avg_completion", pa.float64()),
        ("days_since_registration", _INT),
        ("days_inactive", _INT),
        ("active_days_7", _INT),
        ("active_days_30", _INT),
        ("quiz_attempts", _INT),
        ("points", _INT),
        ("streak_days", _INT),
        ("surveys_pending", _INT),
        ("career_survey_done", pa.bool_()),
        ("badges_earned", _INT),
        ("placed", pa.bool_()),
        ("feature_timestamp", pa.timestamp("us", tz="Etc/UTC")),
    ]
)
assert tuple(FEATURE_SCHEMA.names) == FEATURE_COLUMNS

_HIVE_TYPES = {
    pa.int64(): ttypes.TTypeId.BIGINT_TYPE,
    pa.int32(): ttypes.TTypeId.INT_TYPE,
    pa.float64(): ttypes.TTypeId.DOUBLE_TYPE,
    pa.bool_(): ttypes.TTypeId.BOOLEAN_TYPE,
    pa.date32(): ttypes.TTypeId.DATE_TYPE,
    pa.timestamp("us", tz="Etc/UTC"): ttypes.TTypeId.TIMESTAMP_TYPE,
    pa.string(): ttypes.TTypeId.STRING_TYPE,
    pa.null(): ttypes.TTypeId.NULL_TYPE,
}
_LOAD_ROWS = 50_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_DAY = date(1970, 1, 1)
_MICROS = 1_000_000
# Stored as integers (µs since the epoch, days since the epoch, 0/1): they compare and sort in
# SQLite exactly as TIMESTAMP, DATE and BOOLEAN do in the warehouse.
_STORED_AS_INTEGER = (pa.timestamp("us", tz="Etc/UTC"), pa.date32(), pa.bool_())
_TABLE_REFERENCE = re.compile(r"\b(FROM|JOIN)(\s+)((?:`[^`]+`|\w+)(?:\s*\.\s*(?:`[^`]+`|\w+)){0,2})", re.I)
# A statement that selects plain columns of the table (as every feature read does).
_PLAIN_SELECT = re.compile(
    r"^\s*SELECT\s+(?P<columns>\w+(?:\s*,\s*\w+)*)\s+FROM\s+features\b(?P<rest>.*)$", re.I | re.S
)
_OK = ttypes.TStatus(statusCode=ttypes.TStatusCode.SUCCESS_STATUS)


@dataclass(frozen=True)
class ReceivedStatement:
    """One ExecuteStatement as it arrived: the text and each native parameter as (type, value)."""

    statement: str
    parameters: dict[str, tuple[str, str | None]]  # by name; positional ones as "1", "2", …
    named: bool  # True when every parameter came by name (`:name` markers)
    run_async: bool


class SqlFailure(Exception):
    """What the warehouse says about a statement it cannot run: an error class and SQLSTATE."""

    def __init__(self, message: str, sql_state: str) -> None:
        super().__init__(message)
        self.message = message
        self.sql_state = sql_state


@dataclass
class _Operation:
    cursor: sqlite3.Cursor | None
    schema: pa.Schema
    lz4: bool
    error: SqlFailure | None = None
    offset: int = 0
    ahead: list[tuple[Any, ...]] = field(default_factory=list)
    exhausted: bool = False
    cancelled: bool = False
    ready_at: float = 0.0  # time.monotonic() when the statement has finished running
    # Set when the statement selects plain columns: SQLite then yields row numbers, and the values
    # come from the Arrow copy of the table (the same rows, several times faster to send).
    copied_columns: list[str] | None = None


class DatabricksServer:
    """A warehouse serving one table (`table`, catalog.schema.table) of daily features over HTTPS.

    token: the bearer token it accepts; any other gets HTTP 403 "Invalid access token." (none: 401).
    statement_error: every statement fails with this message (an error class such as
        "[INSUFFICIENT_PERMISSIONS] …"), as a warehouse reports a statement that cannot run.
    hang_on: (Thrift method, n): the n-th such call (from 1) is read and never answered, as a stuck
        warehouse or a dead proxy behaves; the connection is dropped when the server stops.
    trickle: the hung call is answered a byte at a time, one every 0.2 s, and never finished: a
        connection that is slow rather than silent, which no socket timeout notices.
    query_seconds: each statement reports RUNNING for this long before it finishes (a busy warehouse).
    """

    def __init__(
        self,
        *,
        table: str = TABLE,
        token: str = TOKEN,
        statement_error: str | None = None,
        hang_on: tuple[str, int] | None = None,
        trickle: bool = False,
        query_seconds: float = 0.0,
    ) -> None:
        self.host = HOST
        self.port = free_port()
        self.http_path = HTTP_PATH
        self.token = token
        self.table = table
        self.statements: list[ReceivedStatement] = []
        self.calls: list[str] = []  # Thrift methods in the order they arrived
        self.fetch_sizes: list[int] = []  # maxRows of each FetchResults
        self._statement_error = statement_error
        self._hang_on = hang_on
        self.trickles = trickle  # read by the request handler
        self._query_seconds = query_seconds
        self._lock = threading.RLock()
        self._released = threading.Event()
        self._database = sqlite3.connect(":memory:", check_same_thread=False)
        self._database.execute(_create_table_sql())
        # The order every feature read asks for: a warehouse's sort, here an index walk.
        self._database.execute(
            "CREATE INDEX by_watermark ON features (feature_timestamp, user_id, feature_date)"
        )
        self._copy = FEATURE_SCHEMA.empty_table()  # row n is SQLite's rowid n + 1
        self._sessions: set[bytes] = set()
        self._operations: dict[bytes, _Operation] = {}
        self._folder = tempfile.TemporaryDirectory(prefix="databricks-server-")
        self.ca_file = str(Path(self._folder.name) / "cert.pem")
        self._http: _HttpsServer | None = None
        self._thread: threading.Thread | None = None

    # Rows in the table.

    def add(self, rows: Iterable[DailyFeatures]) -> None:
        columns = list(zip(*([getattr(row, name) for name in FEATURE_COLUMNS] for row in rows), strict=True))
        if columns:
            self.load(pa.table(dict(zip(FEATURE_COLUMNS, columns, strict=True)), schema=FEATURE_SCHEMA))

    def load(self, table: pa.Table) -> None:
        """Appends the rows of an Arrow table with the columns of FEATURE_SCHEMA (in any order)."""
        table = table.select(list(FEATURE_COLUMNS)).cast(FEATURE_SCHEMA)
        marks = ", ".join("?" * len(FEATURE_COLUMNS))
        with self._lock:
            # A slice at a time: Python objects for a million rows at once would take gigabytes.
            for part in table.to_batches(max_chunksize=_LOAD_ROWS):
                columns = [_stored(part.column(name)) for name in FEATURE_COLUMNS]
                self._database.executemany(
                    f"INSERT INTO features VALUES ({marks})", zip(*columns, strict=True)
                )
            self._database.commit()
            self._copy = pa.concat_tables([self._copy, table]).combine_chunks()

    def clear(self) -> None:
        with self._lock:
            self._database.execute("DELETE FROM features")  # rowids start again from 1
            self._database.commit()
            self._copy = FEATURE_SCHEMA.empty_table()

    @property
    def where(self) -> str:
        """How the adapter names this warehouse in its messages."""
        return f"{self.host}:{self.port}"

    @property
    def open_sessions(self) -> int:
        with self._lock:
            return len(self._sessions)

    @property
    def row_count(self) -> int:
        with self._lock:
            (count,) = self._database.execute("SELECT count(*) FROM features").fetchone()
        return int(count)

    # Running.

    def start(self) -> Self:
        certificate, key = self_signed_certificate()
        Path(self.ca_file).write_bytes(certificate)
        key_file = Path(self._folder.name) / "key.pem"
        key_file.write_bytes(key)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.ca_file, key_file)
        self._http = _HttpsServer((self.host, self.port), self, context)
        self._thread = threading.Thread(
            target=self._http.serve_forever, args=(0.05,), name="databricks-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._released.set()  # hung calls give up their connections; later calls get no answer
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()
            self._http = None
        self._folder.cleanup()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *_: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.stop()

    def source(
        self,
        *,
        host: str | None = None,
        http_path: str | None = None,
        port: int | None = None,
        token: str | None = None,
        table: str | None = None,
        timeout_s: float = 10.0,
        trusted: bool = True,
    ) -> DatabricksFeatureSource:
        """The adapter pointed at this warehouse; each argument given replaces what it would use.
        `trusted=False` leaves the server's certificate to the system's trust store (which refuses it)."""
        return DatabricksFeatureSource(
            host or self.host,
            http_path or self.http_path,
            SecretStr(self.token if token is None else token),
            table or self.table,
            timeout_s=timeout_s,
            port=port or self.port,
            ca_file=self.ca_file if trusted else None,
        )

    # HTTP, called on the server's threads.

    def hangs_on(self, method: str) -> bool:
        with self._lock:
            self.calls.append(method)
            if self._hang_on is None or self._hang_on[0] != method:
                return False
            return self.calls.count(method) == self._hang_on[1]

    def wait_until_stopped(self, seconds: float | None = None) -> bool:
        """True once the server is stopping; False when `seconds` passed first."""
        return self._released.wait(seconds)

    # TCLIService, called by the Thrift processor on the server's threads.

    def OpenSession(self, request: ttypes.TOpenSessionReq) -> ttypes.TOpenSessionResp:
        handle = _handle()
        with self._lock:
            self._sessions.add(handle.guid)
        return ttypes.TOpenSessionResp(
            status=_OK,
            serverProtocolVersion=ttypes.TProtocolVersion.SPARK_CLI_SERVICE_PROTOCOL_V8,
            sessionHandle=ttypes.TSessionHandle(sessionId=handle),
            canUseMultipleCatalogs=True,
            configuration={},
        )

    def CloseSession(self, request: ttypes.TCloseSessionReq) -> ttypes.TCloseSessionResp:
        with self._lock:
            known = request.sessionHandle.sessionId.guid in self._sessions
            self._sessions.discard(request.sessionHandle.sessionId.guid)
        return ttypes.TCloseSessionResp(status=_OK if known else _invalid_handle("session"))

    def ExecuteStatement(self, request: ttypes.TExecuteStatementReq) -> ttypes.TExecuteStatementResp:
        with self._lock:
            if request.sessionHandle.sessionId.guid not in self._sessions:
                return ttypes.TExecuteStatementResp(status=_invalid_handle("session"))
            parameters = request.parameters or []
            self.statements.append(
                ReceivedStatement(
                    statement=request.statement,
                    parameters={
                        (p.name if p.name is not None else str(i)): (p.type, p.value and p.value.stringValue)
                        for i, p in enumerate(parameters, start=1)
                    },
                    named=bool(parameters) and all(p.name is not None and not p.ordinal for p in parameters),
                    run_async=bool(request.runAsync),
                )
            )
            operation = self._run(request)
            operation.ready_at = time.monotonic() + self._query_seconds
            handle = _handle()
            self._operations[handle.guid] = operation
        operation_handle = ttypes.TOperationHandle(
            operationId=handle, operationType=ttypes.TOperationType.EXECUTE_STATEMENT, hasResultSet=True
        )
        direct = request.getDirectResults
        if direct is None:
            return ttypes.TExecuteStatementResp(status=_OK, operationHandle=operation_handle)
        # As a warehouse does for a quick statement: the outcome, and the first rows with it.
        status = self._status(operation)
        results = ttypes.TSparkDirectResults(operationStatus=status)
        if status.operationState == ttypes.TOperationState.FINISHED_STATE:
            results.resultSetMetadata = _metadata(operation)
            results.resultSet = self._fetch(operation, direct.maxRows, include_metadata=False)
            if operation.exhausted:
                with self._lock:
                    self._operations.pop(handle.guid, None)
                results.closeOperation = ttypes.TCloseOperationResp(status=_OK)
        return ttypes.TExecuteStatementResp(
            status=_OK, operationHandle=operation_handle, directResults=results
        )

    def GetOperationStatus(self, request: ttypes.TGetOperationStatusReq) -> ttypes.TGetOperationStatusResp:
        operation = self._operation(request.operationHandle)
        if operation is None:
            return ttypes.TGetOperationStatusResp(status=_invalid_handle("operation"))
        return self._status(operation)

    def GetResultSetMetadata(
        self, request: ttypes.TGetResultSetMetadataReq
    ) -> ttypes.TGetResultSetMetadataResp:
        operation = self._operation(request.operationHandle)
        if operation is None:
            return ttypes.TGetResultSetMetadataResp(status=_invalid_handle("operation"))
        return _metadata(operation)

    def FetchResults(self, request: ttypes.TFetchResultsReq) -> ttypes.TFetchResultsResp:
        with self._lock:
            self.fetch_sizes.append(request.maxRows)
        operation = self._operation(request.operationHandle)
        if operation is None or operation.error is not None:
            return ttypes.TFetchResultsResp(status=_invalid_handle("operation"))
        return self._fetch(
            operation, request.maxRows, include_metadata=bool(request.includeResultSetMetadata)
        )

    def CancelOperation(self, request: ttypes.TCancelOperationReq) -> ttypes.TCancelOperationResp:
        operation = self._operation(request.operationHandle)
        if operation is not None:
            operation.cancelled = True
        return ttypes.TCancelOperationResp(status=_OK if operation else _invalid_handle("operation"))

    def CloseOperation(self, request: ttypes.TCloseOperationReq) -> ttypes.TCloseOperationResp:
        with self._lock:
            operation = self._operations.pop(request.operationHandle.operationId.guid, None)
        return ttypes.TCloseOperationResp(status=_OK if operation else _invalid_handle("operation"))

    def _operation(self, handle: ttypes.TOperationHandle) -> _Operation | None:
        with self._lock:
            return self._operations.get(handle.operationId.guid)

    def _run(self, request: ttypes.TExecuteStatementReq) -> _Operation:
        lz4_batches = bool(request.canDecompressLZ4Result)
        try:
            if self._statement_error is not None:
                raise SqlFailure(self._statement_error, "42000")
            sql, bound = self._translated(request.statement, request.parameters or [])
            plain = _PLAIN_SELECT.match(sql)
            selected = [name.strip() for name in plain.group("columns").split(",")] if plain else []
            copied = selected if selected and all(n.lower() in FEATURE_COLUMNS for n in selected) else None
            if copied is not None and plain is not None:
                sql = f"SELECT rowid FROM features{plain.group('rest')}"
            try:
                cursor = self._database.execute(sql, bound)
            except sqlite3.ProgrammingError as error:
                unbound = re.search(r":(\w+)", str(error))
                name = unbound.group(1) if unbound else str(error)
                raise SqlFailure(
                    f"[UNBOUND_SQL_PARAMETER] Found the unbound parameter: {name}. Please, fix `args` and "
                    "provide a mapping of the parameter to either a SQL literal or collection "
                    "constructor functions such as `map()`, `array()`, `struct()`.",
                    "42P02",
                ) from None
            except sqlite3.Error as error:
                raise SqlFailure(f"[PARSE_SYNTAX_ERROR] Syntax error: {error}.", "42601") from None
        except SqlFailure as failure:
            return _Operation(cursor=None, schema=pa.schema([]), lz4=lz4_batches, error=failure)
        ahead = cursor.fetchmany(1)
        if copied is not None:
            schema = pa.schema([(name, FEATURE_SCHEMA.field(name.lower()).type) for name in copied])
        else:
            names = [column[0] for column in cursor.description or ()]
            schema = pa.schema(
                [(name, _column_type([row[i] for row in ahead])) for i, name in enumerate(names)]
            )
        return _Operation(
            cursor=cursor,
            schema=schema,
            lz4=lz4_batches,
            ahead=ahead,
            exhausted=not ahead,
            copied_columns=[name.lower() for name in copied] if copied else None,
        )

    def _translated(self, statement: str, parameters: list[ttypes.TSparkParameter]) -> tuple[str, Any]:
        """The statement for SQLite: the lakehouse table's name replaced by the local one, and the
        parameters as SQLite values of the types the client declared."""

        def local_table(match: re.Match[str]) -> str:
            named = _identifier(match.group(3))
            if named.lower() != self.table.lower():
                quoted = ".".join(f"`{part}`" for part in named.split("."))
                raise SqlFailure(
                    f"[TABLE_OR_VIEW_NOT_FOUND] The table or view {quoted} cannot be found. Verify the "
                    "spelling and correctness of the schema and catalog.",
                    "42P01",
                )
            return f"{match.group(1)}{match.group(2)}features"

        sql = _TABLE_REFERENCE.sub(local_table, statement)
        values = [_bound_value(p) for p in parameters]
        if parameters and all(p.name is not None for p in parameters):
            return sql, {p.name: value for p, value in zip(parameters, values, strict=True)}
        return sql, values

    def _status(self, operation: _Operation) -> ttypes.TGetOperationStatusResp:
        if operation.error is not None:
            return ttypes.TGetOperationStatusResp(
                status=_OK,
                operationState=ttypes.TOperationState.ERROR_STATE,
                sqlState=operation.error.sql_state,
                errorMessage=operation.error.message,
                displayMessage=operation.error.message,
            )
        if operation.cancelled:
            state = ttypes.TOperationState.CANCELED_STATE
        elif time.monotonic() < operation.ready_at:
            state = ttypes.TOperationState.RUNNING_STATE
        else:
            state = ttypes.TOperationState.FINISHED_STATE
        return ttypes.TGetOperationStatusResp(status=_OK, operationState=state, hasResultSet=True)

    def _fetch(
        self, operation: _Operation, max_rows: int, *, include_metadata: bool
    ) -> ttypes.TFetchResultsResp:
        with self._lock:
            start = operation.offset
            rows = operation.ahead[:max_rows]
            operation.ahead = operation.ahead[max_rows:]
            if operation.cursor is not None and not operation.exhausted:
                rows += operation.cursor.fetchmany(max_rows - len(rows))
                # One row ahead tells whether more are coming, as the client is promised.
                operation.ahead += operation.cursor.fetchmany(1)
                operation.exhausted = not operation.ahead
            operation.offset += len(rows)
            values = self._batch(operation, rows) if rows else None
        batches = [_arrow_batch(values, operation.lz4)] if values is not None else []
        return ttypes.TFetchResultsResp(
            status=_OK,
            hasMoreRows=not operation.exhausted,
            results=ttypes.TRowSet(startRowOffset=start, rows=[], arrowBatches=batches),
            resultSetMetadata=_metadata(operation) if include_metadata else None,
        )

    def _batch(self, operation: _Operation, rows: list[tuple[Any, ...]]) -> pa.RecordBatch:
        if operation.copied_columns is not None:
            rows_wanted = pa.array([row_id - 1 for (row_id,) in rows], pa.int64())
            taken = self._copy.select(operation.copied_columns).take(rows_wanted)
            return pa.record_batch(
                [column.combine_chunks() for column in taken.columns], schema=operation.schema
            )
        arrays = []
        for values, column in zip(zip(*rows, strict=True), operation.schema, strict=True):
            if column.type in _STORED_AS_INTEGER:
                stored = pa.array(values, pa.int64() if column.type != pa.date32() else pa.int32())
                arrays.append(stored.cast(column.type))
            else:
                arrays.append(pa.array(values, column.type))
        return pa.record_batch(arrays, schema=operation.schema)


class _HttpsServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(
        self, address: tuple[str, int], warehouse: DatabricksServer, context: ssl.SSLContext
    ) -> None:
        super().__init__(address, _ThriftOverHttp)
        self.warehouse = warehouse
        self.processor = TCLIService.Processor(warehouse)
        # The handshake happens on the handler's thread, so one stuck client cannot stall the rest.
        self.socket = context.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that distrusts the certificate, or hangs up, is the test's business, not an error.
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


class _ThriftOverHttp(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the connector reuses its one connection
    # Headers and body go out in two writes; with Nagle on, the client's delayed ACK holds the
    # second for 40 ms on every call.
    disable_nagle_algorithm = True
    server: _HttpsServer

    def do_POST(self) -> None:
        warehouse = self.server.warehouse
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if warehouse.wait_until_stopped(0):
            # A client's keep-alive connection outlives the server's shutdown: it gets hung up on.
            self.close_connection = True
            return
        if self.path != warehouse.http_path:
            self._refuse(404, "Not Found", "RESOURCE_DOES_NOT_EXIST: no SQL warehouse at this path.")
            return
        authorization = self.headers.get("Authorization")
        if authorization is None:
            self._refuse(
                401, "Unauthorized", "Credential was not sent or was of an unsupported type for this API."
            )
            return
        if authorization != f"Bearer {warehouse.token}":
            self._refuse(403, "Forbidden", "Invalid access token.")
            return
        method, _, _ = TBinaryProtocol(TMemoryBuffer(body)).readMessageBegin()
        if warehouse.hangs_on(method):
            if warehouse.trickles:
                self._trickle()
            warehouse.wait_until_stopped()
            self.close_connection = True
            return
        reply = TMemoryBuffer()
        self.server.processor.process(TBinaryProtocol(TMemoryBuffer(body)), TBinaryProtocol(reply))
        answer = reply.getvalue()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-thrift")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def _trickle(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/x-thrift")
        self.send_header("Content-Length", "1000000")
        self.end_headers()
        while not self.server.warehouse.wait_until_stopped(0.2):
            self.wfile.write(b"\x80")

    def _refuse(self, code: int, phrase: str, reason: str) -> None:
        page = f"<html><body><h1>{code} {phrase}</h1></body></html>".encode()
        self.send_response(code, phrase)
        self.send_header("x-databricks-reason-phrase", reason)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the test output has no use for an access log


def _create_table_sql() -> str:
    columns = ", ".join(
        f"{name} {'REAL' if FEATURE_SCHEMA.field(name).type == pa.float64() else 'INTEGER'} NOT NULL"
        for name in FEATURE_COLUMNS
    )
    return f"CREATE TABLE features ({columns})"


def _stored(column: pa.Array) -> list[Any]:
    if column.type in _STORED_AS_INTEGER:
        column = (
            column.cast(pa.int64())
            if column.type != pa.date32()
            else column.cast(pa.int32()).cast(pa.int64())
        )
    return column.to_pylist()


def _identifier(reference: str) -> str:
    return ".".join(part.strip().strip("`") for part in reference.split("."))


def _bound_value(parameter: ttypes.TSparkParameter) -> Any:
    """A native parameter as SQLite stores its column: timestamps in µs, dates in days."""
    text = parameter.value.stringValue if parameter.value is not None else None
    if text is None:
        return None
    kind = (parameter.type or "STRING").upper()
    if kind == "TIMESTAMP":
        moment = datetime.fromisoformat(text)
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # the session's zone: UTC
        delta = moment - _EPOCH
        return delta.days * 86_400 * _MICROS + delta.seconds * _MICROS + delta.microseconds
    if kind == "DATE":
        return (date.fromisoformat(text) - _EPOCH_DAY).days
    if kind in ("INT", "BIGINT", "SMALLINT", "TINYINT"):
        return int(text)
    if kind in ("DOUBLE", "FLOAT"):
        return float(text)
    if kind == "BOOLEAN":
        return 1 if text.lower() == "true" else 0
    return text


def _column_type(sample: list[Any]) -> pa.DataType:
    """The type of a computed column, as a warehouse would infer it (SELECT 1 is an INT)."""
    value = next((v for v in sample if v is not None), None)
    if isinstance(value, int):
        return pa.int32() if -(2**31) <= value < 2**31 else pa.int64()
    if isinstance(value, float):
        return pa.float64()
    return pa.null() if value is None else pa.string()


def _arrow_batch(values: pa.RecordBatch, lz4_frames: bool) -> ttypes.TSparkArrowBatch:
    batch = values.serialize().to_pybytes()
    return ttypes.TSparkArrowBatch(
        batch=lz4.frame.compress(batch) if lz4_frames else batch, rowCount=values.num_rows
    )


def _metadata(operation: _Operation) -> ttypes.TGetResultSetMetadataResp:
    columns = [
        ttypes.TColumnDesc(
            columnName=column.name,
            typeDesc=ttypes.TTypeDesc(
                types=[
                    ttypes.TTypeEntry(
                        primitiveEntry=ttypes.TPrimitiveTypeEntry(type=_HIVE_TYPES[column.type])
                    )
                ]
            ),
            position=position,
        )
        for position, column in enumerate(operation.schema, start=1)
    ]
    return ttypes.TGetResultSetMetadataResp(
        status=_OK,
        schema=ttypes.TTableSchema(columns=columns),
        resultFormat=ttypes.TSparkRowSetType.ARROW_BASED_SET,
        lz4Compressed=operation.lz4,
        arrowSchema=operation.schema.serialize().to_pybytes(),
    )


def _handle() -> ttypes.THandleIdentifier:
    return ttypes.THandleIdentifier(guid=uuid.uuid4().bytes, secret=uuid.uuid4().bytes)


def _invalid_handle(kind: str) -> ttypes.TStatus:
    return ttypes.TStatus(
        statusCode=ttypes.TStatusCode.INVALID_HANDLE_STATUS, errorMessage=f"Invalid {kind} handle."
    )


@pytest.fixture
def databricks_server() -> Iterator[DatabricksServer]:
    """An empty feature table on a warehouse that answers; `add` or `load` rows into it."""
    with DatabricksServer() as server:
        yield server


@pytest.fixture
def failing_databricks_server() -> Iterator[DatabricksServer]:
    """Every statement fails, as for a principal without SELECT on the table."""
    with DatabricksServer(
        statement_error="[INSUFFICIENT_PERMISSIONS] Insufficient privileges: User does not have SELECT "
        f"on Table '{TABLE}'."
    ) as server:
        yield server


@pytest.fixture
def hanging_databricks_server() -> Iterator[DatabricksServer]:
    """Accepts the connection and the session, then never answers the statement."""
    with DatabricksServer(hang_on=("ExecuteStatement", 1)) as server:
        yield server
