"""Settings: embedded defaults, a production profile that refuses weak secrets, documented names."""

import re
from pathlib import Path

import pytest

from mb.config import DEV_SECRET_KEY, Settings, SettingsError, load_settings
from mb.domain.model.flags import Flag
from tests.fakes import make_settings

ROOT = Path(__file__).resolve().parents[2]


def test_unset_means_the_embedded_defaults() -> None:
    settings = make_settings()
    assert settings.resolved_database_url == "sqlite+aiosqlite:///data/mb_app.db"
    assert settings.mb_port == 8501
    assert not settings.uses_azure_blob and not settings.uses_databricks
    assert settings.flag_defaults == {
        Flag.NEW_DASHBOARD: False,
        Flag.GAMIFICATION: True,
        Flag.SURVEY_DISTRIBUTION: True,
        Flag.AI_RECOMMENDATIONS: False,
    }


@pytest.mark.parametrize("secret", ["", DEV_SECRET_KEY, "too-short-for-production"])
def test_production_refuses_a_missing_default_or_short_secret(
    monkeypatch: pytest.MonkeyPatch, secret: str
) -> None:
    monkeypatch.setenv("MB_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", secret)
    with pytest.raises(SettingsError, match="SECRET_KEY") as caught:
        load_settings()
    assert "\n" not in str(caught.value)


def test_production_starts_with_a_real_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MB_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 48)
    assert load_settings().session_secret == "x" * 48


def test_a_malformed_value_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MB_PORT", "eighty")
    with pytest.raises(SettingsError, match=r"^MB_PORT: "):
        load_settings()


def test_flags_default_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MB_FLAG_AI_RECOMMENDATIONS", "true")
    assert load_settings().flag_defaults[Flag.AI_RECOMMENDATIONS]


def test_env_example_documents_every_setting() -> None:
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert documented == {name.upper() for name in Settings.model_fields}


def test_survey_links_point_at_the_port_served_unless_the_public_address_is_set() -> None:
    from tests.fakes import make_settings

    assert make_settings().public_url == "http://localhost:8501"
    assert make_settings(mb_port=8611).public_url == "http://localhost:8611"
    assert (
        make_settings(mb_public_url="https://compass.example.org/").public_url
        == "https://compass.example.org"
    )
