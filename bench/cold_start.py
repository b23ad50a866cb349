"""Cold start: wall time from spawning `mb serve` until GET /health first answers 200.

    .venv/bin/python bench/cold_start.py [--runs 5]

The database is migrated once (`mb init-db`); each run then starts a fresh server process on a
free port, polls /health every 20 ms, and stops the server.
"""

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.servers.app_server import POLL_INTERVAL_S, prepare_workspace, serving


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="server starts to measure (default 5)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    timings_ms: list[float] = []
    with tempfile.TemporaryDirectory(prefix="mb-bench-") as directory:
        workspace = prepare_workspace(Path(directory))
        print(
            f"MB Compass cold start: {args.runs} runs, /health polled every {POLL_INTERVAL_S * 1000:.0f} ms"
        )
        print(f"{'run':>5}  {'spawn → /health 200':>20}")
        for run in range(1, args.runs + 1):
            with serving(workspace) as server:
                timings_ms.append(server.startup_s * 1000)
            print(f"{run:>5}  {timings_ms[-1]:>17.0f} ms")

    print("-" * 27)
    for name, value in (
        ("median", statistics.median(timings_ms)),
        ("min", min(timings_ms)),
        ("max", max(timings_ms)),
    ):
        print(f"{name:>6}  {value:>17.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
