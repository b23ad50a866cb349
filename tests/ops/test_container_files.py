"""The Dockerfile and docker-compose.yml, checked without a Docker engine.

A small parser reads the Dockerfile into instructions; the compose file is plain YAML. Each test
states one promise the container makes to whoever deploys it.
"""

import json
import re
import shlex
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
ROOT_USERS = {"root", "0"}
# Commands that only work as root in the runtime image.
NEEDS_ROOT = re.compile(r"\b(apt-get|apt|dpkg|useradd|groupadd|usermod|adduser|addgroup|chown|chmod|mkdir)\b")


# --- Dockerfile parsing ------------------------------------------------------------------------


@dataclass(frozen=True)
class Instruction:
    keyword: str  # upper case: FROM, RUN, COPY, ...
    arguments: str  # continuation lines joined with single spaces
    line: int  # where the instruction starts, 1-based


def parse_dockerfile(text: str) -> list[Instruction]:
    """Instructions in order; `\\` continues a line, and comment lines inside a continuation vanish."""
    instructions: list[Instruction] = []
    parts: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith("#") or (not stripped and not parts):
            continue
        if not parts:
            start = number
        continued = stripped.endswith("\\")
        parts.append(stripped[:-1].strip() if continued else stripped)
        if not continued:
            keyword, _, arguments = " ".join(part for part in parts if part).partition(" ")
            instructions.append(Instruction(keyword.upper(), arguments.strip(), start))
            parts = []
    if parts:
        raise ValueError(f"line {start}: the last instruction ends in a line continuation")
    return instructions


def final_stage(instructions: list[Instruction]) -> list[Instruction]:
    """The instructions from the last FROM on: the image that actually ships."""
    starts = [i for i, instruction in enumerate(instructions) if instruction.keyword == "FROM"]
    assert starts, "the Dockerfile has no FROM"
    return instructions[starts[-1] :]


def without_flags(arguments: str) -> list[str]:
    return [word for word in shlex.split(arguments) if not word.startswith("--")]


def base_images(instructions: list[Instruction]) -> list[str]:
    """Images each stage starts from, leaving out stages built on an earlier stage."""
    stage_names: set[str] = set()
    images = []
    for instruction in instructions:
        if instruction.keyword != "FROM":
            continue
        words = without_flags(instruction.arguments)
        if words[0] not in stage_names:
            images.append(words[0])
        if len(words) == 3 and words[1].lower() == "as":
            stage_names.add(words[2])
    return images


def exec_or_shell(arguments: str) -> list[str]:
    """An instruction's command as argv: the JSON (exec) form, or the shell form run by sh -c."""
    if arguments.startswith("["):
        return [str(word) for word in json.loads(arguments)]
    return ["/bin/sh", "-c", arguments]


def last(instructions: list[Instruction], keyword: str) -> Instruction | None:
    found = [instruction for instruction in instructions if instruction.keyword == keyword]
    return found[-1] if found else None


def exposed_ports(instructions: list[Instruction]) -> set[int]:
    return {
        int(port.split("/")[0])
        for instruction in instructions
        if instruction.keyword == "EXPOSE"
        for port in instruction.arguments.split()
    }


def volumes(instructions: list[Instruction]) -> set[str]:
    paths: set[str] = set()
    for instruction in instructions:
        if instruction.keyword == "VOLUME":
            arguments = instruction.arguments
            paths.update(json.loads(arguments) if arguments.startswith("[") else arguments.split())
    return paths


def environment(instructions: list[Instruction]) -> dict[str, str]:
    values: dict[str, str] = {}
    for instruction in instructions:
        if instruction.keyword != "ENV":
            continue
        words = shlex.split(instruction.arguments)
        if "=" not in words[0]:  # the legacy `ENV KEY value` form
            values[words[0]] = " ".join(words[1:])
            continue
        for word in words:
            key, _, value = word.partition("=")
            values[key] = value
    return values


def healthcheck_command(instructions: list[Instruction]) -> list[str] | None:
    """The HEALTHCHECK's argv, or None when there is none or it is switched off."""
    healthcheck = last(instructions, "HEALTHCHECK")
    if healthcheck is None or healthcheck.arguments.upper() == "NONE":
        return None
    command = re.sub(r"^(--\S+\s+)*", "", healthcheck.arguments)
    keyword, _, rest = command.partition(" ")
    assert keyword.upper() == "CMD", f"line {healthcheck.line}: HEALTHCHECK without CMD"
    return exec_or_shell(rest.strip())


def effective_user(instructions: list[Instruction]) -> str:
    user = last(instructions, "USER")
    return user.arguments.split(":")[0] if user else "root"


def start_command(instructions: list[Instruction]) -> str:
    """ENTRYPOINT and CMD of the shipped image, as one line of text."""
    argv = []
    for keyword in ("ENTRYPOINT", "CMD"):
        instruction = last(instructions, keyword)
        if instruction:
            argv += exec_or_shell(instruction.arguments)
    return " ".join(argv)


def copy_sources(instructions: list[Instruction]) -> list[str]:
    """Paths COPY and ADD take from the build context (not from an earlier stage)."""
    sources = []
    for instruction in instructions:
        if instruction.keyword not in {"COPY", "ADD"} or "--from=" in instruction.arguments:
            continue
        arguments = re.sub(r"^(--\S+\s+)*", "", instruction.arguments)
        words = json.loads(arguments) if arguments.startswith("[") else shlex.split(arguments)
        sources += words[:-1]
    return sources


def dockerignored(path: str, patterns: list[str]) -> bool:
    """Whether .dockerignore leaves `path` out of the build context (last matching pattern wins)."""
    ignored = False
    candidates = [path] + [str(parent) for parent in Path(path).parents if str(parent) != "."]
    for pattern in patterns:
        negated = pattern.startswith("!")
        regex = _dockerignore_regex(pattern.lstrip("!").strip("/"))
        if any(regex.fullmatch(candidate) for candidate in candidates):
            ignored = not negated
    return ignored


def _dockerignore_regex(pattern: str) -> re.Pattern[str]:
    translated = ""
    for piece in re.split(r"(\*\*/|\*\*|\*|\?)", pattern):
        translated += {"**/": "(.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}.get(piece, re.escape(piece))
    return re.compile(translated)


# --- compose helpers ---------------------------------------------------------------------------


def service_environment(service: dict[str, Any]) -> dict[str, str]:
    """A service's environment whether written as a mapping or as a list of KEY=value."""
    raw = service.get("environment") or {}
    if isinstance(raw, list):
        return dict(item.split("=", 1) if "=" in item else (item, "") for item in raw)
    return {key: "" if value is None else str(value) for key, value in raw.items()}


def published_container_ports(service: dict[str, Any]) -> set[int]:
    ports = set()
    for entry in service.get("ports", []):
        if isinstance(entry, dict):
            ports.add(int(entry["target"]))
        else:
            ports.add(int(str(entry).split("/")[0].rsplit(":", 1)[-1]))
    return ports


def named_volume_mounts(service: dict[str, Any]) -> dict[str, str]:
    """Container path → volume name, for named volumes only (bind mounts are left out)."""
    mounts = {}
    for entry in service.get("volumes", []):
        if isinstance(entry, dict):
            if entry.get("type", "volume") == "volume" and entry.get("source"):
                mounts[entry["target"]] = entry["source"]
            continue
        source, _, rest = str(entry).partition(":")
        if rest and not source.startswith((".", "/", "~", "$")):
            mounts[rest.split(":")[0]] = source
    return mounts


def connection_string_parts(connection_string: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in connection_string.split(";") if part)


def smtp_sink_name(services: dict[str, Any]) -> str | None:
    sinks = ("mailpit", "mailhog", "smtp4dev", "maildev", "smtp-sink")
    return next((name for name, s in services.items() if any(k in s.get("image", "") for k in sinks)), None)


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dockerfile() -> list[Instruction]:
    return parse_dockerfile((REPO / "Dockerfile").read_text())


@pytest.fixture(scope="module")
def image(dockerfile: list[Instruction]) -> list[Instruction]:
    return final_stage(dockerfile)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    return loaded


@pytest.fixture(scope="module")
def app_service(compose: dict[str, Any]) -> dict[str, Any]:
    service: dict[str, Any] = compose["services"]["app"]
    return service


# --- the parser itself -------------------------------------------------------------------------

BAD_DOCKERFILE = """\
# a comment
FROM python:3.12 AS build
RUN apt-get update \\
    # a comment inside a continuation
    && apt-get install -y curl
FROM build
USER mb
RUN chown -R mb /srv
USER root
EXPOSE 80/tcp
HEALTHCHECK NONE
ENTRYPOINT ["python", "-m", "http.server"]
"""


def test_the_parser_reports_what_a_bad_dockerfile_gets_wrong() -> None:
    instructions = parse_dockerfile(BAD_DOCKERFILE)
    run = instructions[1]

    assert [i.keyword for i in instructions][:3] == ["FROM", "RUN", "FROM"]
    assert (run.line, run.arguments) == (3, "apt-get update && apt-get install -y curl")
    assert base_images(instructions) == ["python:3.12"]  # `FROM build` names a stage, not an image
    assert effective_user(final_stage(instructions)) == "root"
    assert exposed_ports(instructions) == {80}
    assert healthcheck_command(instructions) is None
    assert "mb serve" not in start_command(instructions)
    assert volumes(instructions) == set()


def test_the_parser_refuses_a_file_that_ends_mid_continuation() -> None:
    with pytest.raises(ValueError, match="continuation"):
        parse_dockerfile("FROM python:3.11-slim\nRUN true \\\n")


def test_dockerignore_matching_follows_last_pattern_wins() -> None:
    allow_list = ["*", "!mb/", "**/__pycache__"]

    assert dockerignored(".env", allow_list)
    assert not dockerignored("mb/config.py", allow_list)
    assert dockerignored("mb/domain/__pycache__/x.pyc", allow_list)
    assert not dockerignored("data/mb_app.db", ["*.log"])


def test_compose_helpers_read_list_environments_and_skip_bind_mounts() -> None:
    service = yaml.safe_load(
        "environment: [A=1, B]\n"
        "ports: ['127.0.0.1:9000:8501/tcp']\n"
        "volumes: [./data:/app/data, logs:/app/logs:rw]"
    )

    assert service_environment(service) == {"A": "1", "B": ""}
    assert published_container_ports(service) == {8501}
    assert named_volume_mounts(service) == {"/app/logs": "logs"}


# --- the Dockerfile ----------------------------------------------------------------------------


def test_every_stage_starts_from_python_3_11_slim(dockerfile: list[Instruction]) -> None:
    # The runtime stage copies the build stage's venv, so both must share one interpreter.
    assert base_images(dockerfile) and set(base_images(dockerfile)) == {"python:3.11-slim"}


def test_the_image_exposes_port_8501(image: list[Instruction]) -> None:
    assert 8501 in exposed_ports(image)


def test_the_image_works_from_app_and_keeps_data_and_logs_in_volumes(image: list[Instruction]) -> None:
    env = environment(image)
    workdir = last(image, "WORKDIR")

    assert workdir is not None and workdir.arguments == "/app"
    assert {"/app/data", "/app/logs"} <= volumes(image)
    assert env["MB_DATA_DIR"] in volumes(image)
    assert env["MB_LOG_DIR"] in volumes(image)
    assert env["MB_PORT"] == "8501"
    assert env["PYTHONUNBUFFERED"] == "1"


def test_the_app_runs_as_a_non_root_user_set_after_every_root_step(image: list[Instruction]) -> None:
    user = last(image, "USER")
    root_steps = [i.line for i in image if i.keyword == "RUN" and NEEDS_ROOT.search(i.arguments)]

    assert user is not None
    assert effective_user(image) not in ROOT_USERS
    assert all(line < user.line for line in root_steps)


def test_the_app_user_owns_the_data_and_log_directories(image: list[Instruction]) -> None:
    commands = [c.strip() for i in image if i.keyword == "RUN" for c in i.arguments.split("&&")]
    useradd = next((shlex.split(c) for c in commands if c.startswith("useradd ")), None)
    assert useradd is not None, "the image creates no user"
    app_user = {useradd[useradd.index("--uid") + 1], useradd[-1]}  # uid and name
    chowned = [
        m.group(1) for c in commands if (m := re.search(r"chown (?:-R )?(\w+)\S* /app/data /app/logs$", c))
    ]

    assert effective_user(image) in app_user
    assert chowned and chowned[0] in app_user


def test_the_container_migrates_its_database_and_then_serves(image: list[Instruction]) -> None:
    command = start_command(image)

    assert "mb serve" in command
    assert "mb init-db" in command
    assert command.index("mb init-db") < command.index("mb serve")


def test_the_healthcheck_asks_the_health_route(image: list[Instruction]) -> None:
    command = healthcheck_command(image)

    assert command is not None
    assert re.search(r"127\.0\.0\.1:.*/health\b(?!/)", " ".join(command))


class _FixedStatus(BaseHTTPRequestHandler):
    status = 200

    def do_GET(self) -> None:
        self.send_response(self.status if self.path == "/health" else 404)
        self.end_headers()

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def health_server(request: pytest.FixtureRequest) -> Iterator[int]:
    handler = type("Handler", (_FixedStatus,), {"status": request.param})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _run_healthcheck(command: list[str], port: int) -> int:
    argv = [sys.executable if command[0] == "python" else command[0], *command[1:]]
    return subprocess.run(argv, env={"MB_PORT": str(port)}, timeout=20, check=False).returncode


@pytest.mark.parametrize(("health_server", "passes"), [(200, True), (503, False)], indirect=["health_server"])
def test_the_healthcheck_passes_only_on_a_2xx_answer(
    image: list[Instruction], health_server: int, passes: bool
) -> None:
    command = healthcheck_command(image)
    assert command is not None and command[0] == "python"  # runnable here as well as in the image

    assert (_run_healthcheck(command, health_server) == 0) is passes


def test_the_healthcheck_fails_when_nothing_listens(image: list[Instruction]) -> None:
    command = healthcheck_command(image)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    assert command is not None

    assert _run_healthcheck(command, free_port) != 0


def test_the_install_is_pinned_by_the_lock_file(dockerfile: list[Instruction]) -> None:
    installs = [i.arguments for i in dockerfile if i.keyword == "RUN" and "pip install" in i.arguments]

    assert any(re.search(r"pip install .*-c requirements\.lock", command) for command in installs)


def _copied_from_context() -> list[str]:
    return copy_sources(parse_dockerfile((REPO / "Dockerfile").read_text()))


@pytest.mark.parametrize("source", _copied_from_context())
def test_every_copied_path_is_in_the_build_context(source: str) -> None:
    # requirements.lock is written by another change; until it lands this case fails on purpose.
    patterns = [
        line.strip()
        for line in (REPO / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]

    assert (REPO / source).exists(), f"{source} is copied but not in the repository"
    assert not dockerignored(source.rstrip("/"), patterns), f"{source} is excluded by .dockerignore"


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image() -> None:
    patterns = [
        line.strip()
        for line in (REPO / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]

    for path in (".env", "data/mb_app.db", "logs/app.log", ".venv/bin/python", ".git/HEAD"):
        assert dockerignored(path, patterns), f"{path} would be sent to the Docker build"


# --- docker-compose.yml ------------------------------------------------------------------------


def test_compose_runs_the_app_with_azurite_and_an_smtp_sink(compose: dict[str, Any]) -> None:
    services = compose["services"]

    assert {"app", "azurite"} <= services.keys()
    assert services["app"]["build"] in (".", {"context": "."})
    assert "mcr.microsoft.com/azure-storage/azurite" in services["azurite"]["image"]
    assert smtp_sink_name(services) is not None


def test_the_app_is_published_on_port_8501(app_service: dict[str, Any]) -> None:
    assert 8501 in published_container_ports(app_service)
    assert "8501:8501" in [str(port) for port in app_service["ports"]]


def test_the_app_stores_blobs_in_the_azurite_service(compose: dict[str, Any]) -> None:
    services = compose["services"]
    env = service_environment(services["app"])
    parts = connection_string_parts(env["AZURE_STORAGE_CONNECTION_STRING"])

    assert parts["AccountName"] == "devstoreaccount1"
    assert parts["BlobEndpoint"] == "http://azurite:10000/devstoreaccount1"
    assert "--blobHost 0.0.0.0" in services["azurite"]["command"]  # reachable from other containers
    assert 10000 in published_container_ports(services["azurite"])
    assert "azurite" in services["app"]["depends_on"]


def test_the_app_sends_mail_to_the_smtp_sink(compose: dict[str, Any]) -> None:
    services = compose["services"]
    env = service_environment(services["app"])
    sink = smtp_sink_name(services)

    assert env["SMTP_HOST"] == sink
    assert int(env["SMTP_PORT"]) in published_container_ports(services[sink])
    assert env["SMTP_STARTTLS"].lower() == "false"
    assert sink in services["app"]["depends_on"]


def test_the_app_uses_sqlite_unless_a_database_url_is_given(app_service: dict[str, Any]) -> None:
    assert service_environment(app_service).get("DATABASE_URL", "") in ("", "${DATABASE_URL:-}")


def test_the_secret_key_comes_from_the_environment_with_a_dev_fallback(app_service: dict[str, Any]) -> None:
    assert re.fullmatch(r"\$\{SECRET_KEY:-.+\}", service_environment(app_service)["SECRET_KEY"])


def test_data_and_logs_live_in_declared_named_volumes(
    compose: dict[str, Any], app_service: dict[str, Any]
) -> None:
    mounts = named_volume_mounts(app_service)
    declared = compose.get("volumes") or {}

    assert {"/app/data", "/app/logs"} <= mounts.keys()
    assert mounts["/app/data"] in declared
    assert mounts["/app/logs"] in declared
