import json
import logging
import logging.handlers
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import structlog

import mb.logging
from mb.logging import (
    LIBRARY_LOGGERS,
    REDACTED,
    add_context_source,
    bind_request_context,
    clear_request_context,
    configure_logging,
    prune_log_files,
)


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """Put root and library loggers and structlog back as they were, so later tests (caplog) see no change."""
    root = logging.getLogger()
    root_handlers, root_level = list(root.handlers), root.level
    libraries = {
        name: (list(lg.handlers), lg.propagate, lg.level)
        for name, lg in ((name, logging.getLogger(name)) for name in LIBRARY_LOGGERS)
    }
    yield
    for handler in list(root.handlers):
        if handler not in root_handlers:
            root.removeHandler(handler)
            handler.close()
    for handler in root_handlers:
        if handler not in root.handlers:
            root.addHandler(handler)
    root.setLevel(root_level)
    for name, (handlers, propagate, level) in libraries.items():
        library_logger = logging.getLogger(name)
        library_logger.handlers[:] = handlers
        library_logger.propagate = propagate
        library_logger.setLevel(level)
    structlog.reset_defaults()
    structlog.contextvars.clear_contextvars()


def file_records(log_dir: Path) -> list[dict[str, Any]]:
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = (log_dir / "app.log").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def stdout_records(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def assert_shape(record: dict[str, Any], event: str, logger: str, level: str = "info") -> None:
    assert record["event"] == event
    assert record["level"] == level
    assert record["logger"] == logger
    stamp = datetime.fromisoformat(record["timestamp"])
    assert stamp.utcoffset() is not None
    assert stamp.utcoffset() == UTC.utcoffset(None)


def test_a_stdlib_record_with_extra_becomes_one_json_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(log_dir=tmp_path, json=True)

    logging.getLogger("mb.accounts").info("user.login", extra={"user_id": 7, "role": "youth"})

    for records in (file_records(tmp_path), stdout_records(capsys)):
        [record] = records
        assert_shape(record, "user.login", "mb.accounts")
        assert record["user_id"] == 7
        assert record["role"] == "youth"


def test_a_structlog_record_has_the_same_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(log_dir=tmp_path, json=True)

    structlog.get_logger("mb.ui.pages.home").info("page.opened", user_id=7)

    for records in (file_records(tmp_path), stdout_records(capsys)):
        [record] = records
        assert_shape(record, "page.opened", "mb.ui.pages.home")
        assert record["user_id"] == 7
        assert set(record) == {"event", "level", "logger", "timestamp", "user_id"}


def test_stdlib_and_structlog_records_carry_the_same_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(log_dir=tmp_path, json=True)

    logging.getLogger("mb.a").info("x", extra={"user_id": 1})
    structlog.get_logger("mb.b").info("y", user_id=2)

    from_stdlib, from_structlog = stdout_records(capsys)
    assert set(from_stdlib) == set(from_structlog)


def test_a_structlog_field_named_message_is_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(log_dir=tmp_path, json=True)

    structlog.get_logger("mb.feedback").info("feedback.sent", message="thanks")

    [record] = stdout_records(capsys)
    assert record["message"] == "thanks"


def test_secret_values_never_reach_stdout_or_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(log_dir=tmp_path, json=True)

    logging.getLogger("mb.accounts").info(
        "user.password_changed",
        extra={"user_id": 7, "password": "hunter2-stdlib", "new_password": "hunter3-stdlib"},
    )
    structlog.get_logger("mb.adapters").info(
        "connected",
        password="hunter2-structlog",
        DATABRICKS_TOKEN="dapi-structlog",
        headers={"Authorization": "Bearer abc", "X-Api-Key": "k-123", "accept": "json"},
        azure_storage_connection_string="AccountKey=xyz",
        Secret_Key="s3cr3t",
    )

    out = capsys.readouterr().out
    for handler in logging.getLogger().handlers:
        handler.flush()
    file_text = (tmp_path / "app.log").read_text(encoding="utf-8")
    for text in (out, file_text):
        for secret in ("hunter2", "hunter3", "dapi-", "Bearer abc", "k-123", "AccountKey=xyz", "s3cr3t"):
            assert secret not in text
    stdlib_line, structlog_line = (json.loads(line) for line in out.splitlines())
    assert stdlib_line["password"] == REDACTED
    assert stdlib_line["new_password"] == REDACTED
    assert stdlib_line["user_id"] == 7
    assert structlog_line["password"] == REDACTED
    assert structlog_line["DATABRICKS_TOKEN"] == REDACTED
    assert structlog_line["headers"] == {"Authorization": REDACTED, "X-Api-Key": REDACTED, "accept": "json"}
    assert structlog_line["azure_storage_connection_string"] == REDACTED
    assert structlog_line["Secret_Key"] == REDACTED


def test_bound_context_appears_until_cleared(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(log_dir=tmp_path, json=True)
    log = logging.getLogger("mb.ui")

    log.info("before")
    bind_request_context(client_id="c1", user_id=7)
    log.info("during.stdlib")
    structlog.get_logger("mb.ui").info("during.structlog")
    clear_request_context()
    log.info("after")

    before, during_stdlib, during_structlog, after = stdout_records(capsys)
    assert "client_id" not in before
    for record in (during_stdlib, during_structlog):
        assert record["client_id"] == "c1"
        assert record["user_id"] == 7
    assert "client_id" not in after
    assert "user_id" not in after


def test_a_context_source_adds_its_fields_to_every_record_without_overriding_given_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mb.logging, "_context_sources", [])
    configure_logging(log_dir=tmp_path, json=True)
    tab: dict[str, object] = {}
    add_context_source(lambda: dict(tab))
    add_context_source(lambda: dict(tab))  # the same source twice is one source: a no-op here
    log = logging.getLogger("mb.ui")

    log.info("outside")
    tab.update(client_id="c9", user_id=4)
    log.info("inside")
    log.info("explicit", extra={"user_id": 11})

    outside, inside, explicit = stdout_records(capsys)
    assert "client_id" not in outside
    assert (inside["client_id"], inside["user_id"]) == ("c9", 4)
    assert (explicit["client_id"], explicit["user_id"]) == ("c9", 11)
    assert [r["event"] for r in file_records(tmp_path)] == ["outside", "inside", "explicit"]


def test_uvicorn_records_come_out_as_json_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # As uvicorn's own dictConfig leaves them: a handler of its own and no propagation.
    for name in ("uvicorn", "uvicorn.access"):
        own = logging.getLogger(name)
        own.addHandler(logging.StreamHandler())
        own.propagate = False
    configure_logging(log_dir=tmp_path, json=True)

    logging.getLogger("uvicorn.error").info(
        "Started server process [%d]", 42, extra={"color_message": "Started \x1b[36m%d\x1b[0m"}
    )
    logging.getLogger("uvicorn.access").info(
        '%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET", "/health", "1.1", 200
    )

    started, access = stdout_records(capsys)
    assert_shape(started, "Started server process [42]", "uvicorn.error")
    assert "color_message" not in started
    assert_shape(access, '127.0.0.1:5000 - "GET /health HTTP/1.1" 200', "uvicorn.access")
    assert logging.getLogger("uvicorn").handlers == []
    assert logging.getLogger("uvicorn.access").propagate


def test_a_survey_link_in_the_access_log_keeps_its_token_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(log_dir=tmp_path, json=True)
    token = "Jq3Yt0k2mXw8Zr5Vb7Np1Hs4Lc6Df9Ga2Ke5Ti8Uo1Q"
    logging.getLogger("uvicorn.access").info(
        '%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET", f"/s/{token}?from=mail", "1.1", 200
    )

    (access,) = stdout_records(capsys)
    assert access["event"] == '127.0.0.1:5000 - "GET /s/[redacted]?from=mail HTTP/1.1" 200'
    assert token not in (tmp_path / "app.log").read_text(encoding="utf-8")


def test_configuring_twice_does_not_duplicate_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(log_dir=tmp_path, json=True)
    configure_logging(log_dir=tmp_path, json=True)

    logging.getLogger("mb.x").info("once")
    structlog.get_logger("mb.y").info("once.too")

    assert [r["event"] for r in stdout_records(capsys)] == ["once", "once.too"]
    assert [r["event"] for r in file_records(tmp_path)] == ["once", "once.too"]


def test_the_file_rotates_daily_and_keeps_thirty_days(tmp_path: Path) -> None:
    configure_logging(log_dir=tmp_path / "logs", json=True)

    [file_handler] = [
        h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.TimedRotatingFileHandler)
    ]
    assert file_handler.backupCount == 30
    assert file_handler.when == "MIDNIGHT"
    assert file_handler.utc
    assert Path(file_handler.baseFilename) == tmp_path / "logs" / "app.log"


def test_no_log_dir_means_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    configure_logging(log_dir=None, json=True)

    assert not any(
        isinstance(h, logging.handlers.TimedRotatingFileHandler) for h in logging.getLogger().handlers
    )
    assert list(tmp_path.iterdir()) == []


def test_console_output_is_not_json_but_the_file_still_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(log_dir=tmp_path, json=False)

    logging.getLogger("mb.accounts").info("user.login", extra={"user_id": 7, "password": "hunter2"})

    out = capsys.readouterr().out
    assert "user.login" in out
    assert "user_id" in out
    assert "hunter2" not in out
    assert "\x1b[" not in out  # no colours when stdout is not a terminal
    with pytest.raises(json.JSONDecodeError):
        json.loads(out.splitlines()[0])
    [record] = file_records(tmp_path)
    assert record["event"] == "user.login"


def test_json_is_the_default_when_stdout_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(log_dir=tmp_path)

    logging.getLogger("mb.x").info("piped")

    [record] = stdout_records(capsys)
    assert record["event"] == "piped"


def test_exceptions_are_rendered_into_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(log_dir=tmp_path, json=True)

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logging.getLogger("mb.jobs").exception("job.failed")
        structlog.get_logger("mb.jobs").exception("job.failed.structlog")

    stdlib_line, structlog_line = stdout_records(capsys)
    for record in (stdlib_line, structlog_line):
        assert record["level"] == "error"
        assert "RuntimeError: boom" in record["exception"]


def test_levels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(level="WARNING", log_dir=tmp_path, json=True)
    logging.getLogger("mb.x").info("hidden")
    structlog.get_logger("mb.x").info("hidden.too")
    logging.getLogger("mb.x").warning("shown")
    assert [r["event"] for r in stdout_records(capsys)] == ["shown"]
    assert logging.getLogger("sqlalchemy.engine").getEffectiveLevel() == logging.WARNING

    configure_logging(level="debug", log_dir=tmp_path, json=True)
    assert logging.getLogger().level == logging.DEBUG
    assert logging.getLogger("sqlalchemy.engine").getEffectiveLevel() == logging.INFO

    configure_logging(level="INFO", log_dir=tmp_path, json=True)
    assert logging.getLogger("sqlalchemy.engine").getEffectiveLevel() == logging.WARNING

    with pytest.raises(ValueError, match="unknown log level"):
        configure_logging(level="LOUD", log_dir=tmp_path, json=True)


def test_caplog_still_sees_records_after_configuring(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    configure_logging(log_dir=tmp_path, json=True)

    logging.getLogger("mb.accounts").info("user.login", extra={"user_id": 7})
    logging.getLogger("nicegui").warning("from nicegui")

    assert [r.getMessage() for r in caplog.records] == ["user.login", "from nicegui"]


def test_importing_the_module_uses_the_standard_library_logging() -> None:
    import mb.logging

    assert vars(mb.logging)["logging"] is logging


def test_pruning_removes_only_rotated_files_older_than_the_limit(tmp_path: Path) -> None:
    for name in (
        "app.log",
        "app.log.2026-10-28",
        "app.log.2026-10-29",
        "app.log.2026-11-27",
        "app.log.notes",
    ):
        (tmp_path / name).write_text("{}\n")
    removed = prune_log_files(tmp_path, keep_days=30, today=datetime(2026, 11, 28, tzinfo=UTC).date())
    assert removed == ["app.log.2026-10-28"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "app.log",
        "app.log.2026-10-29",
        "app.log.2026-11-27",
        "app.log.notes",
    ]


def test_sqlalchemy_says_only_warnings_unless_debugging_and_then_only_its_statements(tmp_path: Path) -> None:
    mapper, engine = logging.getLogger("sqlalchemy.orm.mapper.Mapper"), logging.getLogger("sqlalchemy.engine")
    configure_logging("INFO", log_dir=tmp_path, json=True)
    assert not mapper.isEnabledFor(logging.INFO) and not engine.isEnabledFor(logging.INFO)
    assert mapper.isEnabledFor(logging.WARNING)
    configure_logging("DEBUG", log_dir=tmp_path, json=True)
    assert engine.isEnabledFor(logging.INFO) and not mapper.isEnabledFor(logging.INFO)
