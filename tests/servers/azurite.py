"""Azurite, Microsoft's Azure Storage emulator, run from the npm dev dependency for contract tests."""

import os
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

AZURITE_BLOB = Path(__file__).resolve().parents[2] / "node_modules" / ".bin" / "azurite-blob"
# Azurite's fixed development account; the key is public and documented, not a secret.
ACCOUNT = "devstoreaccount1"
ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
STARTUP_TIMEOUT_S = 20.0


def connection_string(port: int) -> str:
    return (
        f"DefaultEndpointsProtocol=http;AccountName={ACCOUNT};AccountKey={ACCOUNT_KEY};"
        f"BlobEndpoint=http://127.0.0.1:{port}/{ACCOUNT};"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def azurite_blob() -> Iterator[str]:
    """Run Azurite's blob service in memory on a free loopback port; yields its connection string."""
    if not AZURITE_BLOB.exists():
        message = (
            f"Azurite is not installed ({AZURITE_BLOB} is missing): run `npm ci` (make test installs it)."
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    port = free_port()
    # The server outlives single tests; do not hand it the marker of the test that happened to start it.
    env = {name: value for name, value in os.environ.items() if name != "PYTEST_CURRENT_TEST"}
    with tempfile.TemporaryDirectory(prefix="azurite-") as workspace:
        log_path = Path(workspace) / "azurite.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [
                    str(AZURITE_BLOB),
                    "--blobHost", "127.0.0.1",
                    "--blobPort", str(port),
                    "--inMemoryPersistence",
                    "--skipApiVersionCheck",
                    "--disableTelemetry",
                    "--loose",
                    "--silent",
                ],
                cwd=workspace,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        try:
            _wait_until_listening(process, port, log_path)
            yield connection_string(port)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_listening(process: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = log_path.read_text(errors="replace")[-2000:]
            pytest.fail(f"Azurite exited with code {process.returncode} before listening:\n{output}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    output = log_path.read_text(errors="replace")[-2000:]
    pytest.fail(f"Azurite did not listen on 127.0.0.1:{port} within {STARTUP_TIMEOUT_S:.0f} s:\n{output}")
