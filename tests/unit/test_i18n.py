"""Translations: every catalogue entry translates text the app really shows."""

import ast
import json
import re
from pathlib import Path

import pytest

from mb.ui.i18n import LANGUAGES, LOCALES, translate

MB = Path(__file__).resolve().parents[2] / "mb"


def shown_texts() -> list[re.Pattern[str]]:
    """Every string the code holds, as a pattern; an f-string's fields match any text."""
    patterns = []
    for path in MB.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                patterns.append(re.compile(re.escape(node.value)))
            elif isinstance(node, ast.JoinedStr):
                parts = [
                    re.escape(part.value) if isinstance(part, ast.Constant) else ".+" for part in node.values
                ]
                patterns.append(re.compile("".join(parts)))
    return patterns


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_every_catalogue_entry_is_text_the_app_shows(language: str) -> None:
    catalogue = json.loads((LOCALES / f"{language}.json").read_text(encoding="utf-8"))
    patterns = shown_texts()
    stale = [text for text in catalogue if not any(p.fullmatch(text) for p in patterns)]
    assert not stale, f"{language}.json translates text no page shows any more: {sorted(stale)}"


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_translations_keep_their_placeholders(language: str) -> None:
    catalogue = json.loads((LOCALES / f"{language}.json").read_text(encoding="utf-8"))
    for english, translated in catalogue.items():
        assert set(re.findall(r"{\w+}", english)) == set(re.findall(r"{\w+}", translated)), english


def test_missing_entries_fall_back_to_english() -> None:
    assert translate("Sign in", "hi") == "साइन इन करें"
    assert translate("Not in any catalogue", "hi") == "Not in any catalogue"
    assert translate("Welcome, {name}", "en", name="Priya") == "Welcome, Priya"
    assert translate("Welcome, {name}", "xx", name="Priya") == "Welcome, Priya"
