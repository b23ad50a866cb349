"""One translation function for every text shown to people.

English is written in the page code; other languages live in `locales/<code>.json` as
{"English text": "translation"}. A missing entry falls back to English, so a partial
catalogue is always safe to ship.
"""

import json
from functools import cache
from pathlib import Path

from nicegui import app

LOCALES = Path(__file__).parent / "locales"
DEFAULT_LANGUAGE = "en"
LANGUAGES = {"en": "English", "hi": "हिन्दी"}


def t(text: str, **values: object) -> str:
    """`text` in the signed-in person's language, `{name}` placeholders filled from `values`."""
    return translate(text, current_language(), **values)


def translate(text: str, language: str, **values: object) -> str:
    translated = _catalogue(language).get(text, text)
    return translated.format(**values) if values else translated


def current_language() -> str:
    try:
        language = app.storage.user.get("language", DEFAULT_LANGUAGE)
    except RuntimeError:  # outside a page (a plain HTTP route, a background task)
        return DEFAULT_LANGUAGE
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


@cache
def _catalogue(language: str) -> dict[str, str]:
    path = LOCALES / f"{language}.json"
    if language == DEFAULT_LANGUAGE or not path.is_file():
        return {}
    loaded = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return {str(key): str(value) for key, value in loaded.items()}
