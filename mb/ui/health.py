"""Plain HTTP probes on NiceGUI's FastAPI app — never pages, which would leave UI clients behind."""

from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from mb import __version__
from mb.domain.model.health import HealthReport, Overall
from mb.ui.services import services

TOP_LEVEL = ("database", "storage", "databricks")


def health_body(report: HealthReport) -> dict[str, Any]:
    checks = {
        name: {"status": check.status.value, "latency_ms": check.latency_ms, "detail": check.detail}
        for name, check in report.checks.items()
    }
    return {
        "status": report.status.value,
        "timestamp": report.timestamp.isoformat(),
        "version": report.version,
        # DESIGN §6 names these three at the top; every check, mail included, is under "checks".
        **{name: checks[name]["status"] for name in TOP_LEVEL if name in checks},
        "checks": checks,
    }


def add_health_routes(app: FastAPI) -> None:
    @app.get("/health/live", include_in_schema=False)
    async def live() -> dict[str, str]:
        """Liveness: the process answers. Touches no dependency."""
        return {"status": "alive", "version": __version__}

    @app.get("/health", include_in_schema=False)
    async def health() -> JSONResponse:
        """Readiness: every dependency checked concurrently, each within its timeout."""
        report = await services().health.report()
        code = 503 if report.status is Overall.UNHEALTHY else 200
        return JSONResponse(health_body(report), status_code=code, headers={"Cache-Control": "no-store"})
