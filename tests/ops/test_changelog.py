"""The changelog and the version agree: the newest release in CHANGELOG.md is the running one."""

import re
from datetime import date
from pathlib import Path

from mb import __version__

CHANGELOG = Path(__file__).resolve().parents[2] / "CHANGELOG.md"
RELEASE = re.compile(r"^## \[(\d+)\.(\d+)\.(\d+)\] - (\d{4}-\d{2}-\d{2})$", re.MULTILINE)


def test_the_newest_release_is_the_version_the_app_reports() -> None:
    releases = RELEASE.findall(CHANGELOG.read_text(encoding="utf-8"))
    assert releases, "CHANGELOG.md lists no release"
    major, minor, patch, _ = releases[0]
    assert f"{major}.{minor}.{patch}" == __version__


def test_releases_are_semantic_versions_newest_first_with_real_dates() -> None:
    releases = RELEASE.findall(CHANGELOG.read_text(encoding="utf-8"))
    versions = [(int(a), int(b), int(c)) for a, b, c, _ in releases]
    assert versions == sorted(versions, reverse=True) and len(set(versions)) == len(versions)
    days = [date.fromisoformat(day) for *_, day in releases]
    assert days == sorted(days, reverse=True)


def test_only_released_versions_and_one_unreleased_section_are_headings() -> None:
    headings = re.findall(r"^## (.+)$", CHANGELOG.read_text(encoding="utf-8"), re.MULTILINE)
    assert all(h == "[Unreleased]" or RELEASE.match(f"## {h}") for h in headings)
    unreleased = [n for n, h in enumerate(headings) if h == "[Unreleased]"]
    assert unreleased in ([], [0]), "at most one [Unreleased] section, above every release"
