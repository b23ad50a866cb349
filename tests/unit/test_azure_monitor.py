"""The Azure Monitor export: off when unset, a warning (never an error) when the extra is missing."""

import logging
import sys
import types
from typing import Any

import pytest

from mb.azure_monitor import export_to_azure_monitor

CONNECTION = (
    "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/"
)


def installed(monkeypatch: pytest.MonkeyPatch, configure: Any) -> None:
    module = types.ModuleType("azure.monitor.opentelemetry")
    module.configure_azure_monitor = configure  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "azure.monitor.opentelemetry", module)


def test_unset_means_off_and_nothing_is_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    installed(monkeypatch, lambda **kwargs: calls.append(kwargs))
    assert export_to_azure_monitor("") is False
    assert calls == []


def test_set_with_the_extra_installed_starts_the_export(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    installed(monkeypatch, lambda **kwargs: calls.append(kwargs))
    assert export_to_azure_monitor(CONNECTION) is True
    assert calls == [{"connection_string": CONNECTION}]


def test_set_without_the_extra_warns_and_the_app_goes_on(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "azure.monitor.opentelemetry", None)  # import fails
    with caplog.at_level(logging.INFO, logger="mb.azure_monitor"):
        assert export_to_azure_monitor(CONNECTION) is False
    (record,) = caplog.records
    assert (record.levelname, record.getMessage()) == ("WARNING", "azure_monitor.not_installed")
    assert CONNECTION not in caplog.text


def test_a_malformed_connection_string_is_a_warning_too(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refuse(**_: Any) -> None:
        raise ValueError("Invalid instrumentation key")

    installed(monkeypatch, refuse)
    with caplog.at_level(logging.WARNING, logger="mb.azure_monitor"):
        assert export_to_azure_monitor("nonsense") is False
    assert [r.getMessage() for r in caplog.records] == ["azure_monitor.refused"]
