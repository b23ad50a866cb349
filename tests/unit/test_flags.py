"""Feature flags: defaults from settings, overrides by admins only, every change audited."""

import pytest

from mb.bootstrap import Services
from mb.domain.errors import FeatureDisabled, PermissionDenied
from mb.domain.model.flags import Flag
from mb.domain.model.user import Actor
from tests.fakes import FakeBlobStore, FakeClock, Store, fake_services, make_settings


async def test_defaults_follow_the_design(services: Services) -> None:
    states = {s.name: s.enabled for s in await services.flags.states()}
    assert states == {
        Flag.NEW_DASHBOARD: False,
        Flag.GAMIFICATION: True,
        Flag.SURVEY_DISTRIBUTION: True,
        Flag.AI_RECOMMENDATIONS: False,
    }


async def test_defaults_come_from_settings(store: Store) -> None:
    settings = make_settings(mb_flag_gamification=False, mb_flag_ai_recommendations=True)
    services = fake_services(store, FakeClock(), FakeBlobStore(), settings)
    assert not await services.flags.is_enabled(Flag.GAMIFICATION)
    assert await services.flags.is_enabled(Flag.AI_RECOMMENDATIONS)


async def test_an_admin_override_wins_at_once_and_is_audited(
    services: Services, admin: Actor, store: Store
) -> None:
    await services.flags.set(admin, Flag.GAMIFICATION, False)
    assert not await services.flags.is_enabled(Flag.GAMIFICATION)
    entry = store.audit[-1]
    assert (entry.action, entry.target_id, entry.actor_id) == ("flag.set", "gamification", admin.user_id)
    assert entry.details == {"from": True, "to": False}
    state = next(s for s in await services.flags.states() if s.name is Flag.GAMIFICATION)
    assert state.overridden and state.default and not state.enabled


async def test_reset_returns_to_the_default(services: Services, admin: Actor, store: Store) -> None:
    await services.flags.set(admin, Flag.AI_RECOMMENDATIONS, True)
    await services.flags.reset(admin, Flag.AI_RECOMMENDATIONS)
    assert not await services.flags.is_enabled(Flag.AI_RECOMMENDATIONS)
    assert [e.action for e in store.audit[-2:]] == ["flag.set", "flag.reset"]


async def test_mentors_cannot_switch_flags(services: Services, mentor: Actor, store: Store) -> None:
    audited = len(store.audit)
    with pytest.raises(PermissionDenied):
        await services.flags.set(mentor, Flag.GAMIFICATION, False)
    assert await services.flags.is_enabled(Flag.GAMIFICATION)
    assert len(store.audit) == audited


async def test_a_disabled_feature_refuses_its_use_cases(services: Services, admin: Actor) -> None:
    await services.flags.require(Flag.GAMIFICATION)
    await services.flags.set(admin, Flag.GAMIFICATION, False)
    with pytest.raises(FeatureDisabled, match="gamification"):
        await services.flags.require(Flag.GAMIFICATION)
