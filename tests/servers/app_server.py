"""MB Compass itself, run as the operator would: `mb init-db`, then `mb serve` in a subprocess.

Used by the browser tests (a real Chromium needs a real server) and by `bench/cold_start.py`.
Nothing here imports pytest: a server that fails to start raises `AppServerError` carrying its output.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

STARTUP_TIMEOUT_S = 60.0
POLL_INTERVAL_S = 0.02
STOP_TIMEOUT_S = 10.0
MB_COMMAND = (sys.executable, "-m", "mb")
_ADMIN_PASSWORD = re.compile(r"^Created admin \S+ with password (\S+)$", re.MULTILINE)


class AppServerError(RuntimeError):
    """`mb` failed to prepare or serve; the message ends with the process's captured output."""


@dataclass(frozen=True)
class Workspace:
    """A directory holding one installation's data and logs, with the environment that points at it."""

    root: Path
    env: dict[str, str]
    admin_password: str


@dataclass(frozen=True)
class RunningServer:
    base_url: str
    admin_password: str
    startup_s: float  # from spawning `mb serve` until /health first answered 200
    log_path: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_env(root: Path) -> dict[str, str]:
    """The caller's environment minus anything that would change how the app behaves.

    PYTEST_CURRENT_TEST and NICEGUI_* make NiceGUI take its test branch; inherited MB_* and
    DATABASE_URL would point the server at someone else's data.
    """
    env = {
        name: value
        for name, value in os.environ.items()
        if name != "PYTEST_CURRENT_TEST"
        and name != "DATABASE_URL"
        and not name.startswith(("NICEGUI_", "MB_"))
    }
    env.update(
        MB_DATA_DIR=str(root / "data"),
        MB_LOG_DIR=str(root / "logs"),
        MB_ENV="development",
        MB_LOG_JSON="true",
    )
    return env


def prepare_workspace(root: Path) -> Workspace:
    """Migrate a fresh database under `root` and create the demo admin; returns where it lives."""
    env = server_env(root)
    done = subprocess.run(
        [*MB_COMMAND, "init-db", "--demo-admin"],
        cwd=root,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=STARTUP_TIMEOUT_S,
        check=False,
    )
    found = _ADMIN_PASSWORD.search(done.stdout)
    if done.returncode != 0 or found is None:
        output = done.stdout[-3000:] + done.stderr[-3000:]
        raise AppServerError(f"`mb init-db --demo-admin` exited with code {done.returncode}:\n{output}")
    return Workspace(root=root, env=env, admin_password=found.group(1))


@contextmanager
def serving(workspace: Workspace, timeout_s: float = STARTUP_TIMEOUT_S) -> Iterator[RunningServer]:
    """Run `mb serve` on a free loopback port until the block ends; yields once /health answers 200."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = workspace.root / f"serve-{port}.log"
    with log_path.open("wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            [*MB_COMMAND, "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=workspace.root,
            env=workspace.env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_healthy(process, f"{base_url}/health", log_path, started + timeout_s)
        startup_s = time.perf_counter() - started
        yield RunningServer(base_url, workspace.admin_password, startup_s, log_path)
    finally:
        stop(process)


@contextmanager
def app_server() -> Iterator[RunningServer]:
    """A migrated database in a temporary directory and a server on it: the whole installation."""
    with (
        tempfile.TemporaryDirectory(prefix="mb-app-") as directory,
        serving(prepare_workspace(Path(directory))) as server,
    ):
        yield server


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM (uvicorn shuts down gracefully), then SIGKILL if it lingers."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_healthy(
    process: subprocess.Popen[bytes], health_url: str, log_path: Path, deadline: float
) -> None:
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise AppServerError(
                f"`mb serve` exited with code {process.returncode} before it was healthy:\n{_tail(log_path)}"
            )
        try:
            with urllib.request.urlopen(health_url, timeout=1.0) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not listening yet, or 503 while a dependency is down
        time.sleep(POLL_INTERVAL_S)
    raise AppServerError(f"`mb serve` was not healthy at {health_url} within the timeout:\n{_tail(log_path)}")


def _tail(log_path: Path, characters: int = 4000) -> str:
    return log_path.read_text(errors="replace")[-characters:]
