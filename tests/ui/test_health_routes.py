"""GET /health and /health/live as plain HTTP: the JSON of DESIGN §6, time-bounded checks."""

import asyncio
import time

from nicegui.testing import User

from mb import __version__
from mb.bootstrap import Services, build_services
from mb.domain.services.health import HealthService
from tests.fakes import FakeBlobStore, FakeClock, make_settings


async def test_healthy_report_has_every_field(user: User) -> None:
    response = await user.http_client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"status", "timestamp", "version", "database", "storage", "databricks", "checks"}
    assert (body["status"], body["version"]) == ("healthy", __version__)
    assert (body["database"], body["storage"], body["databricks"]) == ("ok", "ok", "not configured")
    assert set(body["checks"]["storage"]) == {"status", "latency_ms", "detail"}
    assert response.headers["cache-control"] == "no-store"


async def test_liveness_touches_no_dependency(user: User, services: Services, blobs: FakeBlobStore) -> None:
    blobs.down = True

    async def database_down() -> str:
        raise ConnectionRefusedError("refused")

    services.health = HealthService({"database": database_down}, __version__, FakeClock())
    response = await user.http_client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "alive", "version": __version__}


async def test_storage_down_is_degraded_but_still_200(user: User, blobs: FakeBlobStore) -> None:
    blobs.down = True
    response = await user.http_client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["storage"]) == ("degraded", "error")
    assert body["checks"]["storage"]["detail"] == "storage is down"


async def test_a_hanging_storage_check_answers_within_the_timeout(user: User, services: Services) -> None:
    async def hangs() -> str:
        await asyncio.sleep(30)
        return "never"

    async def fine() -> str:
        return "fine"

    services.health = HealthService(
        {"database": fine, "storage": hangs}, __version__, FakeClock(), timeout_s=1.0
    )
    started = time.perf_counter()
    response = await user.http_client.get("/health")
    assert time.perf_counter() - started < 1.0 + 0.5
    assert response.status_code == 200
    assert response.json()["checks"]["storage"]["detail"] == "no answer within 1 s"


async def test_an_unreachable_database_answers_503_within_the_timeout(
    user: User, services: Services, tmp_path: object
) -> None:
    settings = make_settings(
        database_url="postgresql+asyncpg://postgres@127.0.0.1:1/nothing_listens_here",
        mb_data_dir=tmp_path,
        mb_health_timeout_s=1.0,
    )
    real = build_services(settings)
    services.health = real.health
    try:
        started = time.perf_counter()
        response = await user.http_client.get("/health")
        elapsed = time.perf_counter() - started
    finally:
        await real.aclose()
    assert response.status_code == 503
    body = response.json()
    assert (body["status"], body["database"], body["storage"]) == ("unhealthy", "error", "ok")
    assert elapsed < 1.0 + 0.5
