"""Optional export of logs and requests to Azure Monitor (Application Insights).

On when APPLICATIONINSIGHTS_CONNECTION_STRING is set and the `azure-monitor` extra is installed
(`pip install 'mb-compass[azure-monitor]'`). Missing either, the app runs as always: an unset
string means off, and a set string without the package is a WARNING, never an error.
"""

import importlib
import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger("mb.azure_monitor")
EXTRA = "pip install 'mb-compass[azure-monitor]'"


def export_to_azure_monitor(connection_string: str) -> bool:
    """Start the export; True when it is on."""
    if not connection_string:
        return False
    configure = _configure_function()
    if configure is None:
        log.warning("azure_monitor.not_installed", extra={"hint": EXTRA})
        return False
    try:
        configure(connection_string=connection_string)
    except ValueError as error:  # a malformed connection string
        log.warning("azure_monitor.refused", extra={"reason": str(error)[:200]})
        return False
    log.info("azure_monitor.exporting")
    return True


def _configure_function() -> Callable[..., Any] | None:
    try:
        module = importlib.import_module("azure.monitor.opentelemetry")
    except ImportError:
        return None
    configure: Callable[..., Any] | None = getattr(module, "configure_azure_monitor", None)
    return configure
