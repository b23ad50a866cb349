"""docs/operations.md, exercised: every command in it is run here, or checked against what it names.

The runbook's `sh` blocks come in two kinds. A block preceded by `<!-- test: NAME -->` is step
NAME of the plan below: each of its lines runs in a scratch folder that stands in for the image's
`/app` (bash, with the venv's `mb` on PATH and the Dockerfile's ENV), `docker` lines on the
`mb-compass` container are played by the image's own start command, and the `text`/`json` blocks
after it must match what the step printed. Any other block may hold only `docker`, `az` and
`curl` lines, checked statically: against the Dockerfile, a list of real `az` commands, the
settings and the app's routes. A line the test cannot place fails it.
"""

import asyncio
import json
import os
import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import nicegui.storage as nicegui_storage
import pytest
from fastapi import FastAPI

from mb import __version__
from mb.adapters.db.migrate import head_revision, upgrade_database
from mb.config import Settings
from mb.ui.health import add_health_routes
from tests.ops.test_container_files import (
    environment,
    exec_or_shell,
    exposed_ports,
    final_stage,
    last,
    parse_dockerfile,
    volumes,
)
from tests.servers.app_server import free_port
from tests.servers.postgres import fresh_database

REPO = Path(__file__).resolve().parents[2]
RUNBOOK = REPO / "docs" / "operations.md"
APP = "/app"  # the image's WORKDIR; a scratch folder plays it
CONTAINER = "mb-compass"
EXAMPLE_BACKUP = "mb_app_20261127-210000.db"  # the runbook's example; the newest real one stands in
VENV_BIN = Path(sys.executable).parent
STARTUP_TIMEOUT_S = 60.0

# --- reading the runbook -----------------------------------------------------------------------

FENCE = re.compile(r"^(\s*)```(\S*)\s*$")
MARK = re.compile(r"^\s*<!-- test: ([\w.-]+) -->\s*$")
ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=.*")


@dataclass(frozen=True)
class Block:
    lang: str
    body: tuple[str, ...]
    line: int  # of the opening fence, 1-based
    mark: str | None

    def commands(self) -> list[str]:
        """Command lines: continuations joined, blank and comment lines left out."""
        joined: list[str] = []
        pending = ""
        for raw in self.body:
            text = raw.strip()
            if not pending and (not text or text.startswith("#")):
                continue
            if text.endswith("\\"):
                pending += text[:-1] + " "
                continue
            joined.append(pending + text)
            pending = ""
        assert not pending, f"line {self.line}: the block ends in a line continuation"
        return joined


def parse_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        opened = FENCE.match(lines[index])
        if not opened:
            index += 1
            continue
        indent, lang = opened.group(1), opened.group(2)
        previous = next((line for line in reversed(lines[:index]) if line.strip()), "")
        marked = MARK.match(previous)
        body: list[str] = []
        start = index
        index += 1
        while index < len(lines) and not FENCE.match(lines[index]):
            body.append(lines[index].removeprefix(indent))
            index += 1
        assert index < len(lines), f"line {start + 1}: a code block is never closed"
        blocks.append(Block(lang, tuple(body), start + 1, marked.group(1) if marked else None))
        index += 1
    return blocks


def words_of(command: str) -> list[str]:
    return shlex.split(command, comments=True)


def program_of(command: str) -> tuple[str, list[str]]:
    """The program and its arguments, past any leading NAME=value assignments."""
    words = words_of(command)
    while words and ASSIGNMENT.fullmatch(words[0]):
        words = words[1:]
    assert words, f"no command in {command!r}"
    return words[0], words[1:]


def outputs_after(blocks: list[Block], index: int) -> list[Block]:
    """The `text` and `json` blocks that follow block `index`, up to the next `sh` block."""
    found = []
    for block in blocks[index + 1 :]:
        if block.lang == "sh":
            break
        if block.lang in ("text", "json"):
            found.append(block)
    return found


# --- comparing what the runbook shows with what was printed ------------------------------------

TOKEN = re.compile(
    r"(?P<size>\d[\d,.]*\s?(?:[KMGT]i?B)\b)|(?P<number>\d[\d,.]*)|(?P<gap>…)|(?P<space>\s+)|(?P<other>.)"
)


def line_pattern(shown: str) -> re.Pattern[str]:
    """What a shown line stands for: numbers and sizes vary, `…` is anything, spacing is loose."""
    parts = []
    for token in TOKEN.finditer(shown.strip()):
        kind = token.lastgroup
        if kind == "size":
            parts.append(r"\d[\d,.]*\s?(?:[KMGT]i?B)")
        elif kind == "number":
            parts.append(r"\d[\d,.]*")
        elif kind == "gap":
            parts.append(".*?")
        elif kind == "space":
            parts.append(r"\s+")
        else:
            parts.append(re.escape(token.group()))
    return re.compile("".join(parts))


def line_matches(shown: str, printed: str) -> bool:
    return line_pattern(shown).fullmatch(printed.strip()) is not None


def json_matches(shown: Any, printed: Any) -> bool:
    """Same keys all the way down; strings as lines, any number for a number."""
    if isinstance(shown, dict):
        return (
            isinstance(printed, dict)
            and shown.keys() == printed.keys()
            and all(json_matches(shown[key], printed[key]) for key in shown)
        )
    if isinstance(shown, str):
        return isinstance(printed, str) and line_matches(shown, printed)
    if isinstance(shown, bool) or shown is None:
        return shown is printed
    if isinstance(shown, int | float):
        return isinstance(printed, int | float) and not isinstance(printed, bool)
    return bool(shown == printed)


def json_documents(text: str) -> list[Any]:
    found = []
    for line in text.splitlines():
        try:
            found.append(json.loads(line))
        except ValueError:
            continue
    return found


# --- the image and the app, as the static checks see them --------------------------------------

IMAGE = final_stage(parse_dockerfile((REPO / "Dockerfile").read_text()))
IMAGE_ENV = environment(IMAGE)
_start = last(IMAGE, "CMD")
assert _start is not None, "the Dockerfile has no CMD"
IMAGE_CMD = exec_or_shell(_start.arguments)
RELEASES = set(re.findall(r"^## \[(\d+\.\d+\.\d+)\]", (REPO / "CHANGELOG.md").read_text(), re.MULTILINE))
SETTINGS = {name.upper() for name in Settings.model_fields}
PLATFORM_ENV = {
    "WEBSITES_PORT",  # App Service: the port the container listens on
    "NICEGUI_REDIS_URL",  # NiceGUI's user storage in Redis
    "NICEGUI_REDIS_KEY_PREFIX",
    "NICEGUI_STORAGE_PATH",  # set by the image
}
ENV_NAME = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")


def app_routes() -> set[str]:
    app = FastAPI()
    add_health_routes(app)
    return {getattr(route, "path", "") for route in app.routes}


# --- docker -------------------------------------------------------------------------------------

DOCKER_VALUE_OPTIONS = {"-p", "-v", "--name", "--env-file", "-e", "--restart", "--filter", "--since", "-t"}
DOCKER_SUBCOMMANDS = {"build", "volume", "run", "logs", "exec", "stop", "start", "restart", "rm", "ps", "tag"}
DOCKER_SUBCOMMANDS |= {"push", "cp"}
IMAGE_REF = re.compile(r"^(?:mbcompassacr\.azurecr\.io/)?mb-compass:(?P<tag>[\w.-]+)$")


@dataclass(frozen=True)
class DockerLine:
    sub: str
    options: list[tuple[str, str | None]]
    positional: list[str]  # up to the image (run) or container (exec)
    inner: list[str]  # the command run in the container, when one is given


def parse_docker(arguments: list[str]) -> DockerLine:
    sub, rest = arguments[0], arguments[1:]
    options: list[tuple[str, str | None]] = []
    positional: list[str] = []
    index = 0
    while index < len(rest):
        word = rest[index]
        if word.startswith("-") and not positional:
            if word in DOCKER_VALUE_OPTIONS:
                options.append((word, rest[index + 1]))
                index += 2
                continue
            options.append((word, None))
            index += 1
            continue
        positional.append(word)
        index += 1
        if sub in ("run", "exec"):
            return DockerLine(sub, options, positional, rest[index:])
    return DockerLine(sub, options, positional, [])


# --- az -----------------------------------------------------------------------------------------

AZ_GLOBAL = {"--output", "--query", "--subscription", "--only-show-errors"}
# The az commands the runbook may use, each with the options it may pass (Azure CLI reference).
AZ_COMMANDS: dict[tuple[str, ...], set[str]] = {
    ("group", "create"): {"--name", "--location"},
    ("acr", "create"): {"--resource-group", "--name", "--sku"},
    ("acr", "build"): {"--registry", "--image", "--resource-group"},
    ("acr", "login"): {"--name"},
    ("acr", "show"): {"--name", "--resource-group"},
    ("acr", "repository", "show-tags"): {"--name", "--repository", "--orderby", "--top"},
    ("postgres", "flexible-server", "create"): {
        "--resource-group",
        "--name",
        "--location",
        "--tier",
        "--sku-name",
        "--admin-user",
        "--admin-password",
        "--version",
        "--storage-size",
        "--public-access",
    },
    ("postgres", "flexible-server", "db", "create"): {"--resource-group", "--server-name", "--database-name"},
    ("postgres", "flexible-server", "restore"): {
        "--resource-group",
        "--name",
        "--source-server",
        "--restore-time",
    },
    ("sql", "db", "restore"): {"--resource-group", "--server", "--name", "--dest-name", "--time"},
    ("storage", "account", "create"): {"--resource-group", "--name", "--location", "--sku"},
    ("storage", "account", "show-connection-string"): {"--resource-group", "--name"},
    ("appservice", "plan", "create"): {"--resource-group", "--name", "--is-linux", "--sku"},
    ("appservice", "plan", "update"): {"--resource-group", "--name", "--number-of-workers", "--sku"},
    ("webapp", "create"): {
        "--resource-group",
        "--plan",
        "--name",
        "--container-image-name",
        "--assign-identity",
        "--role",
        "--scope",
        "--acr-use-identity",
        "--acr-identity",
    },
    ("webapp", "config", "appsettings", "set"): {"--resource-group", "--name", "--settings"},
    ("webapp", "config", "appsettings", "delete"): {"--resource-group", "--name", "--setting-names"},
    ("webapp", "config", "set"): {
        "--resource-group",
        "--name",
        "--always-on",
        "--web-sockets-enabled",
        "--generic-configurations",
    },
    ("webapp", "config", "container", "set"): {
        "--resource-group",
        "--name",
        "--container-image-name",
        "--container-registry-url",
    },
    ("webapp", "update"): {"--resource-group", "--name", "--client-affinity-enabled"},
    ("webapp", "restart"): {"--resource-group", "--name"},
    ("webapp", "log", "config"): {"--resource-group", "--name", "--docker-container-logging"},
    ("webapp", "log", "tail"): {"--resource-group", "--name"},
    ("redis", "create"): {"--resource-group", "--name", "--location", "--sku", "--vm-size"},
    ("redis", "list-keys"): {"--resource-group", "--name"},
}
SUBSTITUTION = re.compile(r"\$\((az [^)]*)\)")


def parse_az(arguments: list[str]) -> tuple[tuple[str, ...], dict[str, list[str]]]:
    """The command path and each option's values (`--settings A=1 B=2` has two)."""
    path: list[str] = []
    index = 0
    while index < len(arguments) and not arguments[index].startswith("-"):
        path.append(arguments[index])
        index += 1
    options: dict[str, list[str]] = {}
    current = ""
    for word in arguments[index:]:
        if word.startswith("--"):
            current = word
            options[current] = []
        else:
            assert current, f"az {' '.join(path)}: {word!r} belongs to no option"
            options[current].append(word)
    return tuple(path), options


# --- curl ---------------------------------------------------------------------------------------

CURL_OPTIONS = {"-f", "-s", "-S", "-fsS", "-sS"}


def curl_url(arguments: list[str]) -> str:
    urls = [word for word in arguments if not word.startswith("-")]
    unknown = [word for word in arguments if word.startswith("-") and word not in CURL_OPTIONS]
    assert not unknown, f"curl options the test does not know: {unknown}"
    assert len(urls) == 1, f"curl with {len(urls)} addresses: {arguments}"
    return urls[0]


# --- running a step ------------------------------------------------------------------------------

RUNNABLE = {"mb", "python3", "curl", "pg_dump", "pg_restore", "ls", "grep", "rm"}
STATIC = {"docker", "az", "curl"}


@dataclass
class Printed:
    command: str
    code: int
    output: str  # stdout then stderr, with the scratch folder shown as /app


class Installation:
    """A scratch `/app` with its environment and, when started, the container's process."""

    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.root = root
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.log = root / "container.log"

    # the container

    def start(self, *, expect_exit: bool = False) -> None:
        assert self.process is None or self.process.poll() is not None, "the container is running"
        self.port = free_port()
        env = {**self.env, "MB_HOST": "127.0.0.1", "MB_PORT": str(self.port)}
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                IMAGE_CMD, cwd=self.root, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log
            )
        if expect_exit:
            assert self.process.wait(timeout=STARTUP_TIMEOUT_S) != 0, self.logs()
            return
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the container stopped:\n{self.logs()[-3000:]}"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.05)
        raise AssertionError(f"the container was not healthy in time:\n{self.logs()[-3000:]}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def logs(self) -> str:
        return self.shown(self.log.read_text(errors="replace")) if self.log.exists() else ""

    # commands

    def run(self, command: str) -> Printed:
        program, arguments = program_of(command)
        if program == "docker":
            return Printed(command, *self.docker(arguments))
        assert program in RUNNABLE, f"{command!r}: the test cannot run {program}"
        local = self.local(command)
        if program == "curl":
            assert self.process is not None and self.process.poll() is None, f"{command!r}: nothing serves"
            local = local.replace("localhost:8501", f"127.0.0.1:{self.port}")
        done = subprocess.run(
            ["bash", "-c", local],
            cwd=self.root,
            env=self.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        return Printed(command, done.returncode, self.shown(done.stdout + done.stderr))

    def docker(self, arguments: list[str]) -> tuple[int, str]:
        """What `docker` would do to the container, played in the scratch folder."""
        line = parse_docker(arguments)
        if line.sub == "run" and ("-d", None) in line.options:
            self.start()
            return 0, ""
        if line.sub == "run" and ("--rm", None) in line.options and line.inner[:1] == ["mb"]:
            done = self.run(shlex.join(line.inner))
            return done.code, done.output
        if line.sub in ("stop", "rm"):
            self.stop()
            return 0, ""
        if line.sub == "start":
            self.start()
            return 0, ""
        if line.sub == "restart":
            self.stop()
            self.start()
            return 0, ""
        if line.sub == "logs":
            return 0, self.logs()
        raise AssertionError(f"docker {' '.join(arguments)}: the test has no stand-in for it")

    def local(self, command: str) -> str:
        """The command with /app as the scratch folder and the example backup as a real one."""
        uploaded = self.newest(self.root / "data" / "blobs" / "backups")
        if uploaded is not None:
            command = command.replace(f"blob:{EXAMPLE_BACKUP}", f"blob:{uploaded}")
        taken = self.newest(self.root / "data" / "backups")
        if taken is not None:
            command = command.replace(EXAMPLE_BACKUP, taken)
        local = re.sub(rf"(?<![\w.]){APP}/", f"{self.root}/", command)
        assert f"{APP}/" not in local.replace(str(self.root), ""), local
        return local

    def shown(self, text: str) -> str:
        return text.replace(str(self.root), APP)

    @staticmethod
    def newest(folder: Path) -> str | None:
        found = sorted(folder.glob("mb_app_*.db"))
        return found[-1].name if found else None


@dataclass(frozen=True)
class Expect:
    code: int
    says: str | None = None  # a regular expression the command's output must contain


@dataclass(frozen=True)
class Step:
    name: str
    expect: tuple[Expect, ...]  # one for each command of the block, in order
    before: Callable[[Installation], None] | None = None
    needs: tuple[str, ...] = ()  # programs besides bash and the venv's


@dataclass
class Plan:
    """Steps that share one installation, run in this order."""

    steps: list[Step]
    env: Callable[[ExitStack], dict[str, str]] = field(default=lambda _: {})


def ok(says: str | None = None) -> Expect:
    return Expect(0, None if says is None else re.escape(says))


def refused(code: int, says: str) -> Expect:
    return Expect(code, re.escape(says))


def container_exits(installation: Installation) -> None:
    installation.start(expect_exit=True)


def stop_and_lose_the_database(installation: Installation) -> None:
    """A new host: the container gone, no database yet; the uploaded backups remain."""
    installation.stop()
    for path in (installation.root / "data").glob("mb_app.db*"):
        path.unlink()


def migrated(installation: Installation) -> None:
    """The schema at head, as `mb init-db` leaves it (in this process: a fresh `mb` costs seconds)."""
    database = installation.root / "data" / "mb_app.db"
    database.parent.mkdir(parents=True, exist_ok=True)
    asyncio.run(upgrade_database(f"sqlite+aiosqlite:///{database}"))


def migrated_by_a_newer_version(installation: Installation) -> None:
    migrated(installation)
    newer = f"{int(head_revision()) + 1:04d}"
    with closing(sqlite3.connect(installation.root / "data" / "mb_app.db")) as db, db:
        db.execute("UPDATE alembic_version SET version_num = ?", (newer,))
    installation.start(expect_exit=True)


def a_damaged_backup(installation: Installation) -> None:
    folder = installation.root / "data" / "backups"
    folder.mkdir(parents=True)
    (folder / EXAMPLE_BACKUP).write_bytes(b"this is not a database\n" * 100)


def env_file(stack: ExitStack) -> dict[str, str]:
    """The runbook's mb.env with its placeholders filled in."""
    (block,) = [b for b in parse_blocks(RUNBOOK.read_text()) if b.mark == "env-file"]
    values = dict(line.split("=", 1) for line in block.body if line.strip())
    filled = {"SECRET_KEY": "k" * 64, "MB_ADMIN_PASSWORD": "Compass-night-shift-2026"}
    return {name: filled.get(name, value) for name, value in values.items()}


def postgres(stack: ExitStack) -> dict[str, str]:
    url = stack.enter_context(fresh_database("mb_runbook"))
    return {"DATABASE_URL": url, **env_file(stack)}


def closed_port() -> str:
    return str(free_port())  # bound and released: nothing listens there


def degraded(stack: ExitStack) -> dict[str, str]:
    blob_endpoint = f"http://127.0.0.1:{closed_port()}/devstoreaccount1"
    return {
        # Azurite's published development account, at an address where nothing answers
        "AZURE_STORAGE_CONNECTION_STRING": (
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPL"
            "lmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            f"BlobEndpoint={blob_endpoint};"
        ),
        "MB_HEALTH_TIMEOUT_S": "1",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": closed_port(),
        "MB_LOW_DISK_MB": str(10**9),  # more than any disk here has free
        "MB_SLOW_QUERY_MS": "0.001",  # every statement is slow: the log search finds them
    }


PLANS: dict[str, Plan] = {
    "production": Plan(
        [
            Step("secret-key", (Expect(0, r"(?m)^[\w-]{64}$"),)),
            Step("first-start", (ok(), ok("Created admin admin@yourorg.org."))),
            Step("probes", (ok('"status":"alive"'), ok('"status":"healthy"')), needs=("curl",)),
            Step("check", (ok(f"MB Compass {__version__}"), ok(f"MB Compass {__version__}: healthy"))),
            Step("backup", (ok("; integrity ok."),)),
            Step("backup-upload", (ok("Uploaded to the blob container backups as mb_app_"), ok("mb_app_"))),
            Step(
                "restore-drill",
                (ok("There was no database at /app/data/drill/mb_app.db"), ok(": healthy"), ok()),
            ),
            Step("restore-while-serving", (refused(1, "`mb serve` is running on this database"),)),
            Step("restore-forced", (ok("restoring anyway (--force)"), ok())),
            Step(
                "restore",
                (ok(), ok("Kept a safety copy of the current database at /app/data/backups/"), ok()),
            ),
            Step("restore-from-blob", (ok("Restored blob:mb_app_"),), before=stop_and_lose_the_database),
        ],
        env_file,
    ),
    "routine": Plan(
        [
            Step(
                "flags",
                (ok("gamification           on   (default)"), ok("gamification is off")),
                before=migrated,
            ),
            Step("flags-reset", (ok("gamification is on"), ok("Points, badges and streaks recomputed in"))),
            Step("weekly", (ok("Integrity check: ok"),)),
            Step("monthly", (ok("Maintenance mode is on"), ok("Vacuumed: "), ok("Maintenance mode is off"))),
        ],
        env_file,
    ),
    "staging": Plan(
        [
            Step(
                "staging",
                (ok("Created admin admin@example.org with password "), ok("Demo programme written in")),
            ),
            Step("features", (ok("rows for 1 day"), ok("rows for 30 days"))),
        ]
    ),
    "postgres": Plan(
        [
            Step("postgres", (ok("Database schema is at revision"), ok("postgresql connected"))),
            Step("postgres-backup", (refused(2, "pg_dump --format=custom"),)),
            Step("pg-dump", (ok(),), needs=("pg_dump",)),
            Step(
                "pg-restore",
                (ok(), ok("An admin account already exists; none created.")),
                needs=("pg_restore",),
            ),
        ],
        postgres,
    ),
    "azure-sql": Plan(
        [Step("azure-sql-backup", (refused(2, "az sql db restore"),))],
        lambda _: {"DATABASE_URL": "mssql+aioodbc://mb:secret@mb-compass-sql.database.windows.net:1433/mb"},
    ),
    "no-secret": Plan(
        [Step("no-secret", (ok("mb: cannot start: SECRET_KEY is missing"),), before=container_exits)],
        lambda _: {"MB_ENV": "production"},
    ),
    "bad-setting": Plan(
        [Step("bad-setting", (ok("mb: cannot start: MB_HEALTH_TIMEOUT_S: "),), before=container_exits)],
        lambda _: {"MB_HEALTH_TIMEOUT_S": "2s"},
    ),
    "schema-behind": Plan([Step("schema-behind", (refused(2, "run `mb init-db` first."),))]),
    "schema-ahead": Plan(
        [
            Step(
                "schema-ahead",
                (ok("Can't locate revision identified by"),),
                before=migrated_by_a_newer_version,
            )
        ]
    ),
    "database-down": Plan(
        [
            Step(
                "database-down",
                (refused(1, ": unhealthy"), ok("mb: init-db stopped: the database cannot be reached")),
                before=container_exits,
            )
        ],
        lambda _: {"DATABASE_URL": f"postgresql+asyncpg://mb@127.0.0.1:{closed_port()}/mb"},
    ),
    "degraded": Plan(
        [
            Step("degraded", (ok(": degraded"),)),
            Step("log-search", (ok('"level": "warning"'), ok('"event": "db.slow_query"'))),
        ],
        degraded,
    ),
    "features-stale": Plan(
        [
            Step(
                "features-stale", (ok(": degraded"), refused(1, "mb: features not synced: ")), before=migrated
            )
        ],
        lambda _: {
            "DATABRICKS_HOST": f"127.0.0.1:{closed_port()}",
            "DATABRICKS_HTTP_PATH": "/sql/1.0/warehouses/mb",
            "DATABRICKS_TOKEN": "dapi-example",
            "MB_DATABRICKS_TIMEOUT_S": "2",
        },
    ),
    "restore-damaged": Plan(
        [Step("restore-damaged", (refused(1, "is not a readable SQLite database"),), before=a_damaged_backup)]
    ),
}
STEPS = {step.name: step for plan in PLANS.values() for step in plan.steps}
# Claims of static lines that other tests prove; each must name a test function that exists.
CONTAINERS = "tests/ops/test_container_files.py"
COVERED_ELSEWHERE = {
    "docker build -t mb-compass:0.4.0 .": f"{CONTAINERS}::test_every_copied_path_is_in_the_build_context",
    "docker ps --filter name=mb-compass": f"{CONTAINERS}::test_the_healthcheck_passes_only_on_a_2xx_answer",
}


def clean_environment() -> dict[str, str]:
    """This process's environment without anything that would change how the app behaves."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name.upper() not in SETTINGS and not name.startswith(("MB_", "NICEGUI", "PYTEST"))
    }
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def image_environment(root: Path) -> dict[str, str]:
    """The Dockerfile's ENV, with /app as the scratch folder (PATH stays this venv's)."""
    return {
        name: value.replace(APP, str(root))
        for name, value in IMAGE_ENV.items()
        if name != "PATH" and not name.startswith("PYTHONDONTWRITE")
    }


def not_installed(programs: list[str]) -> BaseException:
    """Skipped here, failed in CI, as a missing test server is (tests/servers/postgres.py)."""
    reason = f"{', '.join(programs)} not installed (Debian: postgresql-client, curl)"
    if os.environ.get("CI"):
        return pytest.fail.Exception(f"{reason}; CI must provide it.", pytrace=False)
    return pytest.skip.Exception(reason)


@dataclass
class Ran:
    printed: dict[str, list[Printed]] = field(default_factory=dict)
    failed: dict[str, BaseException] = field(default_factory=dict)


def run_plan(name: str, plan: Plan, blocks: dict[str, Block], base: Path, ran: Ran) -> None:
    root = base / name
    root.mkdir()
    with ExitStack() as stack:
        try:
            extra = plan.env(stack)
        except BaseException as error:  # PostgreSQL missing: skipped here, failed in CI
            for step in plan.steps:
                ran.failed[step.name] = error
            return
        installation = Installation(root, {**clean_environment(), **image_environment(root), **extra})
        stack.callback(installation.stop)
        for step in plan.steps:
            if missing := [program for program in step.needs if shutil.which(program) is None]:
                ran.failed[step.name] = not_installed(missing)
                continue
            try:
                if step.before is not None:
                    step.before(installation)
                ran.printed[step.name] = [installation.run(c) for c in blocks[step.name].commands()]
            except Exception as error:
                ran.failed[step.name] = error
                return


# --- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def blocks() -> list[Block]:
    return parse_blocks(RUNBOOK.read_text())


@pytest.fixture(scope="module")
def steps(blocks: list[Block]) -> dict[str, Block]:
    return {block.mark: block for block in blocks if block.lang == "sh" and block.mark is not None}


@pytest.fixture(scope="module")
def ran(steps: dict[str, Block], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ran]:
    if not set(STEPS) <= set(steps):
        pytest.fail(f"steps the runbook lacks: {sorted(set(STEPS) - set(steps))}", pytrace=False)
    base = tmp_path_factory.mktemp("runbook")
    result = Ran()
    with ThreadPoolExecutor(max_workers=4) as pool:
        for future in [pool.submit(run_plan, n, p, steps, base, result) for n, p in PLANS.items()]:
            future.result()
    yield result
    shutil.rmtree(base, ignore_errors=True)


# --- the steps -------------------------------------------------------------------------------------


def test_every_marked_block_is_a_step_of_this_test_and_back(steps: dict[str, Block]) -> None:
    assert set(steps) == set(STEPS)


@pytest.mark.parametrize("name", list(STEPS))
def test_the_step_runs_as_the_runbook_says(
    name: str, steps: dict[str, Block], blocks: list[Block], ran: Ran
) -> None:
    if name in ran.failed:
        raise ran.failed[name]
    block, step = steps[name], STEPS[name]
    printed = ran.printed[name]
    assert len(printed) == len(step.expect), f"{name}: {len(printed)} commands, {len(step.expect)} expected"
    for done, expect in zip(printed, step.expect, strict=True):
        assert done.code == expect.code, f"{done.command!r} exited {done.code}:\n{done.output[-3000:]}"
        if expect.says is not None:
            assert re.search(expect.says, done.output), f"{done.command!r} printed:\n{done.output[-3000:]}"
    lines = [line for done in printed for line in done.output.splitlines()]
    documents = [document for done in printed for document in json_documents(done.output)]
    for shown in outputs_after(blocks, blocks.index(block)):
        if shown.lang == "json":
            expected = json.loads("\n".join(shown.body))
            assert any(json_matches(expected, document) for document in documents), (
                f"line {shown.line}: no answer of {name} looks like it:\n{documents}"
            )
            continue
        for text in filter(str.strip, shown.body):
            assert any(line_matches(text, line) for line in lines), (
                f"line {shown.line}: {text!r} is not what {name} printed:\n" + "\n".join(lines[-60:])
            )


# --- what cannot run here ------------------------------------------------------------------------


def all_commands(blocks: list[Block]) -> list[tuple[Block, str]]:
    return [(block, command) for block in blocks if block.lang == "sh" for command in block.commands()]


def test_output_is_shown_only_for_commands_that_run(blocks: list[Block]) -> None:
    for index, block in enumerate(blocks):
        if block.lang == "sh" and block.mark is None:
            assert not outputs_after(blocks, index), f"line {block.line}: output shown for commands never run"
    first_sh = next(i for i, b in enumerate(blocks) if b.lang == "sh")
    assert not [b for b in blocks[:first_sh] if b.lang in ("text", "json")]


def test_every_command_is_run_or_checked(blocks: list[Block]) -> None:
    for block, command in all_commands(blocks):
        program, _ = program_of(command)
        if block.mark is not None:
            assert program in RUNNABLE | {"docker"}, f"line {block.line}: the test cannot run {command!r}"
        else:
            assert program in STATIC, f"line {block.line}: {command!r} is neither run nor checked"


def mb_key(words: list[str]) -> tuple[str, ...]:
    """An `mb` command with its files left out: what makes two invocations the same command."""
    return tuple("FILE" if "/" in word or word.startswith("blob:") else word for word in words)


def executed_mb_keys(blocks: list[Block]) -> set[tuple[str, ...]]:
    keys = set()
    for block, command in all_commands(blocks):
        if block.mark is None:
            continue
        program, arguments = program_of(command)
        if program == "mb":
            keys.add(mb_key(["mb", *arguments]))
        elif program == "docker" and parse_docker(arguments).inner:
            keys.add(mb_key(parse_docker(arguments).inner))
    return keys


def test_docker_lines_use_the_image_as_the_dockerfile_builds_it(blocks: list[Block]) -> None:
    ports, mounts, executed = exposed_ports(IMAGE), volumes(IMAGE), executed_mb_keys(blocks)
    for block, command in all_commands(blocks):
        program, arguments = program_of(command)
        if program != "docker":
            continue
        line = parse_docker(arguments)
        where = f"line {block.line}: {command}"
        assert line.sub in DOCKER_SUBCOMMANDS, where
        for option, value in line.options:
            if option == "-p":
                assert value is not None and int(value.rsplit(":", 1)[1]) in ports, where
            if option == "-v":
                assert value is not None and value.split(":")[1] in mounts, where
            if option == "--name":
                assert value == CONTAINER, where
        for word in arguments:
            image = IMAGE_REF.match(word)
            if image:
                assert image.group("tag") in RELEASES, f"{where}: {image.group('tag')} is no release"
            if word.startswith(f"{CONTAINER}:/"):
                assert any(word.split(":", 1)[1].startswith(f"{m}/") for m in mounts), where
        if line.sub in ("run", "exec") and line.inner:
            assert line.inner[0] == "mb" and mb_key(line.inner) in executed, f"{where}: never run here"
        if line.sub in ("exec", "logs", "stop", "start", "restart", "rm"):
            assert line.positional == [CONTAINER], where
        if line.sub == "build":
            assert line.positional == ["."] and (REPO / "Dockerfile").is_file(), where


def test_az_lines_use_real_commands_and_consistent_names(blocks: list[Block]) -> None:
    port = str(next(iter(exposed_ports(IMAGE))))
    groups = set()
    for block, command in all_commands(blocks):
        program, arguments = program_of(command)
        if program != "az":
            continue
        where = f"line {block.line}: {command}"
        inner = [words_of(found)[1:] for found in SUBSTITUTION.findall(command)]
        for words in [arguments, *inner]:
            path, options = parse_az(words)
            assert path in AZ_COMMANDS, f"{where}: az {' '.join(path)} is not in the list of az commands"
            unknown = set(options) - AZ_COMMANDS[path] - AZ_GLOBAL
            assert not unknown, f"{where}: az {' '.join(path)} has no {sorted(unknown)}"
            groups.update(options.get("--resource-group", []))
            for setting in options.get("--settings", []):
                name, _, value = setting.partition("=")
                assert name in SETTINGS | PLATFORM_ENV, f"{where}: {name} is no setting"
                if name == "WEBSITES_PORT":
                    assert value == port, where
            for name in options.get("--setting-names", []):
                assert name in SETTINGS | PLATFORM_ENV, where
            for image in options.get("--container-image-name", [])[:1] + options.get("--image", [])[:1]:
                found = IMAGE_REF.match(image)
                assert found and found.group("tag") in RELEASES, f"{where}: {image}"
            for configuration in options.get("--generic-configurations", []):
                path_checked = json.loads(configuration).get("healthCheckPath")
                assert path_checked is None or path_checked in app_routes(), where
    assert len(groups) == 1, f"more than one resource group: {groups}"


def test_curl_lines_ask_routes_the_app_has(blocks: list[Block]) -> None:
    routes, port = app_routes(), next(iter(exposed_ports(IMAGE)))
    for block, command in all_commands(blocks):
        program, arguments = program_of(command)
        if program != "curl":
            continue
        url = urlsplit(curl_url(arguments))
        assert url.path in routes, f"line {block.line}: {url.path} is not a route of the app"
        if url.hostname == "localhost":
            assert url.port == port and block.mark is not None, f"line {block.line}: {command}"


def test_every_setting_the_runbook_names_exists() -> None:
    named = set(ENV_NAME.findall(RUNBOOK.read_text()))
    unknown = named - SETTINGS - PLATFORM_ENV
    assert not unknown, f"not settings of mb/config.py, nor platform ones: {sorted(unknown)}"
    nicegui = (Path(nicegui_storage.__file__ or "")).read_text()
    assert all(name in nicegui for name in PLATFORM_ENV if name.startswith("NICEGUI_REDIS"))


def test_the_env_file_is_a_valid_production_configuration() -> None:
    values = env_file(ExitStack())
    # model_validate reads no environment or .env: only the file's values and the defaults.
    settings = Settings.model_validate({name.lower(): value for name, value in values.items()})
    assert settings.mb_env == "production"


@pytest.mark.parametrize(("command", "node"), COVERED_ELSEWHERE.items())
def test_claims_proved_elsewhere_name_tests_that_exist(command: str, node: str, blocks: list[Block]) -> None:
    assert command in [c for _, c in all_commands(blocks)], f"{command!r} is no longer in the runbook"
    path, _, function = node.partition("::")
    assert f"\ndef {function}(" in (REPO / path).read_text(), f"{node} does not exist"


def test_the_readme_links_the_runbook() -> None:
    readme = (REPO / "README.md").read_text()
    operating = readme.split("## Operating it", 1)[1].split("\n## ", 1)[0]
    assert "(docs/operations.md)" in operating


# --- the checker itself ------------------------------------------------------------------------------

SAMPLE = """\
<!-- test: sample -->
```sh
mb check
```

```text
MB Compass 0.4.0: healthy
```

```sh
az webapp restart --resource-group mb-compass-rg --name mb-compass
wget http://localhost:8501/health
```
"""


def test_the_checker_places_marks_outputs_and_unknown_programs() -> None:
    parsed = parse_blocks(SAMPLE)
    assert [(b.lang, b.mark) for b in parsed] == [("sh", "sample"), ("text", None), ("sh", None)]
    assert outputs_after(parsed, 0) == [parsed[1]]
    assert [program_of(c)[0] for c in parsed[2].commands()] == ["az", "wget"]
    assert "wget" not in STATIC | RUNNABLE  # so test_every_command_is_run_or_checked would fail


def test_shown_lines_match_only_what_they_stand_for() -> None:
    assert line_matches(
        "  disk  ok   2.6 ms  78.0 GB free of 252.0 GB", "disk ok 12.0 ms 3.1 TB free of 9.0 TB"
    )
    assert line_matches(
        "Backed up … to /app/data/backups/mb_app_20261127-210000.db (0.3 MB, schema 0005).",
        "Backed up x to /app/data/backups/mb_app_20261128-214414.db (12 KB, schema 0006).",
    )
    assert not line_matches("MB Compass 0.4.0: healthy", "MB Compass 0.4.0: degraded")
    assert not line_matches("mb_users 1", "mb_users 1 extra")
    assert json_matches({"a": {"b": 1.5, "c": "x 1"}}, {"a": {"b": 2, "c": "x 22"}})
    assert not json_matches({"a": 1}, {"a": 1, "b": 2})
