"""A youth's points and badges as staff see them on /youth/<id>: mentors for their own caseload,
admins with an adjustment that is validated beside its fields and then shows everywhere."""

from nicegui import ui
from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.engagement import PointReason
from mb.domain.model.flags import Flag
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor
from tests.conftest import PASSWORD
from tests.fakes import Store
from tests.ui.programme import MentoredYouth
from tests.ui.screen import open_as, sign_in, texts
from tests.ui.test_youth_view_page import NOT_IN_REACH


async def open_the_adjustment(user: User, youth_id: int) -> None:
    """As the admin, open the youth's page and the dialog that adjusts their points."""
    await open_as(user, "admin@example.org", f"/youth/{youth_id}")
    await user.should_see(marker="adjust-points")
    user.find(marker="adjust-points").click()
    await user.should_see(marker="adjust-dialog")


def fill_in_the_adjustment(user: User, amount: str, reason: str) -> None:
    user.find(marker="adjust-amount").clear().type(amount)
    user.find(marker="adjust-reason").clear().type(reason)


async def test_a_mentor_sees_their_youth_s_points_level_streak_and_badges(
    user: User, mentored_youth: MentoredYouth
) -> None:
    await open_as(user, "mentor@example.org", f"/youth/{mentored_youth.id}")
    await user.should_see(marker="youth-achievements")
    # Started (5), four quarters (20), the quiz (10) and the module's own 10 for completing it.
    assert texts(user, "youth-points") == ["45"]
    assert texts(user, "youth-level") == ["Level 1: Newcomer"]
    assert texts(user, "youth-streak") == ["1 day now, best 1 day"]
    assert texts(user, "youth-badges") == ["2 earned: First step, Finisher"]
    assert texts(user, "points-line")[0] == "Completed Workplace English"
    await user.should_not_see(marker="adjust-points")


async def test_a_mentor_cannot_see_a_youth_outside_their_caseload(
    user: User, services: Services, admin: Actor, mentored_youth: MentoredYouth
) -> None:
    await services.accounts.create_staff(admin, "meera@example.org", PASSWORD, Role.MENTOR, "Meera Mentor")
    await open_as(user, "meera@example.org", f"/youth/{mentored_youth.id}")
    await user.should_see(NOT_IN_REACH)
    await user.should_not_see(marker="youth-achievements")
    await user.should_not_see("45")


async def test_an_admin_adjustment_is_checked_beside_its_fields_and_then_shows_everywhere(
    user: User, admin: Actor, store: Store, mentored_youth: MentoredYouth
) -> None:
    ledger_before = list(store.engagement.ledger)
    await open_the_adjustment(user, mentored_youth.id)

    for amount, reason, message in (
        ("0", "Helped run the workshop", "An adjustment of 0 points changes nothing"),
        ("abc", "Helped run the workshop", "Enter a whole number of points, for example 20 or -20."),
        ("20", "", "Give the reason the youth will see, 3 to 200 characters."),
    ):
        fill_in_the_adjustment(user, amount, reason)
        user.find(marker="adjust-save").click()
        await user.should_see(message)
        fields = [user.find(marker=m).elements.pop() for m in ("adjust-amount", "adjust-reason")]
        assert all(isinstance(field, ui.input) for field in fields)
        assert [field.value for field in fields] == [amount, reason]  # type: ignore[attr-defined]
        assert store.engagement.ledger == ledger_before

    fill_in_the_adjustment(user, "20", "Helped run the workshop")
    user.find(marker="adjust-save").click()
    await user.should_see("Points adjusted by +20.")
    await user.should_not_see(marker="adjust-dialog")
    await user.should_see("Adjusted by staff: Helped run the workshop")
    assert texts(user, "youth-points") == ["65"]
    added = store.engagement.ledger[-1]
    assert (added.reason, added.amount, added.note, added.awarded_by) == (
        PointReason.ADJUSTMENT,
        20,
        "Helped run the workshop",
        admin.user_id,
    )

    user.find(marker="sign-out").click()
    await user.should_see(marker="sign-in")
    await sign_in(user, "priya@example.org")
    await user.should_see(marker="home-achievements")
    assert texts(user, "home-points") == ["65 points"]
    await user.open("/achievements")
    await user.should_see(marker="points-history")
    assert texts(user, "points-line")[0] == "Adjusted by staff: Helped run the workshop"
    assert texts(user, "points-amount")[0] == "+20"


async def test_cancelling_the_adjustment_changes_nothing(
    user: User, store: Store, mentored_youth: MentoredYouth
) -> None:
    ledger_before = list(store.engagement.ledger)
    await open_the_adjustment(user, mentored_youth.id)
    fill_in_the_adjustment(user, "50", "Not meant")
    user.find(marker="adjust-cancel").click()
    await user.should_not_see(marker="adjust-dialog")
    assert store.engagement.ledger == ledger_before
    assert texts(user, "youth-points") == ["45"]


async def test_staff_see_no_points_while_gamification_is_off(
    user: User, services: Services, admin: Actor, mentored_youth: MentoredYouth
) -> None:
    await services.flags.set(admin, Flag.GAMIFICATION, False)
    await open_as(user, "admin@example.org", f"/youth/{mentored_youth.id}")
    await user.should_see(marker="timeline")
    await user.should_not_see(marker="youth-achievements")
    await user.should_not_see(marker="adjust-points")
