"""The at-risk board: who may be slipping and why, filtered, sorted and paged on the server; one
click to log an intervention; mentors see their own caseload only."""

import asyncio
import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.user import Actor
from tests.fakes import Store
from tests.fakes_features import FakeFeatureSource
from tests.ui.caseloads import (
    LATER,
    Caseloads,
    caseloads_fixture,  # noqa: F401  (the `caseloads` fixture)
    log_intervention,
    quiet_youth,
)
from tests.ui.screen import open_as, texts

Register = Callable[..., Any]
BOARD = "/insights/at-risk"


def names(user: User) -> list[str]:
    return texts(user, "board-youth")


async def shows(user: User, order: list[str]) -> None:
    """The board lists `order`, once the refresh after a choice has landed."""
    for _ in range(20):
        if names(user) == order:
            return
        await asyncio.sleep(0.05)
    assert names(user) == order


async def test_a_mentor_sees_their_youth_by_risk_with_every_reason_and_the_trend(
    user: User, caseloads: Caseloads
) -> None:
    await open_as(user, "mentor@example.org", BOARD)
    await user.should_see(marker="board-table")
    assert names(user) == ["Priya Sharma", "Arjun Rao", "Sana Khan"]
    with user.scope(marker=f"board-row-{caseloads.priya}"):
        await user.should_see("High · 9")
        for reason in (
            "No activity for over 14 days (+4)",
            "Average completion under 30 % (+2)",
            "Started modules but completed none after 21 days (+2)",
            "No quiz attempt or career survey after 14 days (+1)",
        ):
            await user.should_see(reason)
        await user.should_see("↑ 1 since 7 days ago")
        await user.should_see("20 days")
        await user.should_see("No contact yet")
    with user.scope(marker=f"board-row-{caseloads.arjun}"):
        await user.should_see("Medium · 4")
        await user.should_see("No activity for over 7 days (+3)")
        await user.should_see("Average completion under 50 % (+1)")
        await user.should_see("↑ 3 since 7 days ago")
    with user.scope(marker=f"board-row-{caseloads.sana}"):
        await user.should_see("Low · 0")
        await user.should_see("No risk signs")
        await user.should_see("↓ 1 since 7 days ago")
    assert texts(user, "level-all") == ["All (3)"]
    assert texts(user, "level-high") + texts(user, "level-medium") + texts(user, "level-low") == [
        "High (1)",
        "Medium (1)",
        "Low (1)",
    ]
    await user.should_not_see("Kabir Singh")
    await user.should_not_see(marker="board-mentor")  # a mentor's own youth: no mentor column
    await user.should_see(marker="insights-freshness")


async def test_an_admin_filters_by_level_and_region_and_searches_while_the_counts_follow(
    user: User, store: Store, caseloads: Caseloads
) -> None:
    await open_as(user, "admin@example.org", BOARD)
    await user.should_see(marker="board-table")
    assert names(user) == ["Priya Sharma", "Kabir Singh", "Arjun Rao", "Sana Khan"]
    assert texts(user, "board-mentor") == ["Ravi Mentor", "Meera Mentor", "Ravi Mentor", "Ravi Mentor"]
    assert texts(user, "level-all") == ["All (4)"] and texts(user, "level-high") == ["High (2)"]

    user.find(marker="level-high").click()
    await user.should_not_see("Arjun Rao")
    assert names(user) == ["Priya Sharma", "Kabir Singh"]
    assert texts(user, "level-low") == ["Low (1)"]  # the counts are of every level, to choose from

    user.find(marker="level-all").click()
    user.find(marker="board-region").click()
    user.find("Maharashtra").click()
    await user.should_not_see("Kabir Singh")
    assert names(user) == ["Priya Sharma", "Sana Khan"]
    assert texts(user, "level-all") + texts(user, "level-high") + texts(user, "level-medium") == [
        "All (2)",
        "High (1)",
        "Medium (0)",
    ]

    user.find(marker="board-region").elements.pop().set_value(None)
    await user.should_see("Kabir Singh")
    user.find(marker="board-search").type(store.users[caseloads.arjun].student_id or "")
    await user.should_not_see("Priya Sharma")
    assert names(user) == ["Arjun Rao"]
    user.find(marker="board-search").clear().type("SING")  # part of a name, any case
    await user.should_not_see("Arjun Rao")
    assert names(user) == ["Kabir Singh"]
    user.find(marker="board-search").clear().type("nobody like this")
    await user.should_see("No youth match these filters.")


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("Rising fastest", ["Arjun Rao", "Priya Sharma", "Sana Khan", "Kabir Singh"]),  # +3, +1, -1, unknown
        ("Inactive longest", ["Kabir Singh", "Priya Sharma", "Arjun Rao", "Sana Khan"]),  # 30, 20, 9, 0 days
        ("Name", ["Arjun Rao", "Kabir Singh", "Priya Sharma", "Sana Khan"]),
        ("Needs me first", ["Priya Sharma", "Kabir Singh", "Arjun Rao", "Sana Khan"]),  # by level
    ],
)
async def test_the_board_sorts_on_the_server(
    user: User, caseloads: Caseloads, sort: str, order: list[str]
) -> None:
    await open_as(user, "admin@example.org", BOARD)
    await user.should_see(marker="board-table")
    user.find(marker="board-sort").click()
    user.find(sort).click()
    await shows(user, order)


async def test_the_board_pages_and_the_csv_holds_every_row_of_the_filter(
    user: User,
    services: Services,
    store: Store,
    register: Register,
    feature_source: FakeFeatureSource,
    caseloads: Caseloads,
) -> None:
    for number in range(1, 27):  # 26 quiet youth in Gujarat, after the four
        youth = await register(
            f"gj{number:02}@example.org", full_name=f"Gujarat Youth {number:02}", region="GJ"
        )
        feature_source.rows.append(quiet_youth(youth.id, feature_timestamp=LATER))
    await services.feature_sync.sync(None)
    await open_as(user, "admin@example.org", BOARD)
    await user.should_see("Page 1 of 2 (30 youth)")
    assert len(names(user)) == 25 and names(user)[:4] == [
        "Priya Sharma",
        "Kabir Singh",
        "Arjun Rao",
        "Sana Khan",
    ]
    user.find("Next").click()
    await user.should_see("Page 2 of 2 (30 youth)")
    assert names(user) == [f"Gujarat Youth {number:02}" for number in range(22, 27)]
    user.find("Previous").click()
    await user.should_see("Page 1 of 2 (30 youth)")

    user.find(marker="board-region").click()
    user.find("Gujarat").click()
    await user.should_see("Page 1 of 2 (26 youth)")
    user.find(marker="board-csv").click()
    download = await user.download.next()
    lines = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert lines[0][:7] == ["Name", "Student ID", "Region", "Mentor", "Risk score", "Risk level", "Reasons"]
    assert [line[0] for line in lines[1:]] == [f"Gujarat Youth {number:02}" for number in range(1, 27)]
    assert {line[2] for line in lines[1:]} == {"Gujarat"}


async def test_the_csv_explains_each_youth_as_the_board_does(
    user: User, store: Store, caseloads: Caseloads
) -> None:
    await open_as(user, "mentor@example.org", BOARD)
    await user.should_see(marker="board-table")
    user.find(marker="board-csv").click()
    lines = list(csv.reader(io.StringIO((await user.download.next()).content.decode("utf-8-sig"))))
    assert lines[0] == [
        "Name",
        "Student ID",
        "Region",
        "Risk score",
        "Risk level",
        "Reasons",
        "Risk score 7 days ago",
        "Days inactive",
        "Average completion %",
        "Last contact",
        "Last contact by",
    ]
    assert lines[1] == [
        "Priya Sharma",
        store.users[caseloads.priya].student_id,
        "Maharashtra",
        "9",
        "High",
        "No activity for over 14 days (+4); Average completion under 30 % (+2); "
        "Started modules but completed none after 21 days (+2); "
        "No quiz attempt or career survey after 14 days (+1)",
        "8",
        "20",
        "10.0",
        "",
        "",
    ]
    assert [line[0] for line in lines[1:]] == ["Priya Sharma", "Arjun Rao", "Sana Khan"]  # never Kabir


async def test_a_mentor_never_sees_another_mentors_youth_even_by_searching_for_them(
    user: User, store: Store, caseloads: Caseloads
) -> None:
    await open_as(user, "mentor@example.org", BOARD)
    await user.should_see(marker="board-table")
    await user.should_not_see("Kabir Singh")
    user.find(marker="board-search").type("Kabir")
    await user.should_see("No youth match these filters.")
    assert texts(user, "level-all") == ["All (0)"]
    user.find(marker="board-search").clear().type(store.users[caseloads.kabir].student_id or "")
    await user.should_see("No youth match these filters.")
    user.find(marker="board-search").clear()
    user.find(marker="board-region").click()
    user.find("Delhi").click()  # Kabir's region
    await user.should_see("No youth match these filters.")

    user.find(marker="sign-out").click()
    await user.should_see(marker="sign-in")
    await open_as(user, "meera@example.org", BOARD)
    await user.should_see(marker="board-table")
    assert names(user) == ["Kabir Singh"]
    assert texts(user, "level-all") == ["All (1)"]


async def test_a_youth_cannot_open_the_board(user: User, caseloads: Caseloads) -> None:
    await open_as(user, "priya@example.org", BOARD)
    await user.should_see(marker="forbidden")
    await user.should_not_see(marker="at-risk-board")


async def test_logging_an_intervention_shows_the_new_last_contact_on_the_row_at_once(
    user: User, services: Services, mentor: Actor, caseloads: Caseloads
) -> None:
    await open_as(user, "mentor@example.org", BOARD)
    await user.should_see(marker="board-table")
    user.find(marker=f"log-intervention-{caseloads.priya}").click()
    await user.should_see("Log an intervention for Priya Sharma")
    await log_intervention(user, "Call", "She lost her phone; back on Monday.")
    await user.should_see("Intervention logged for Priya Sharma.")
    await user.should_not_see(marker="intervention-dialog")
    with user.scope(marker=f"board-row-{caseloads.priya}"):
        await user.should_see("Call, 28 November 2026")
    (stored,) = await services.interventions.for_youth(mentor, caseloads.priya)
    assert (stored.kind.value, stored.note, stored.mentor_id) == (
        "call",
        "She lost her phone; back on Monday.",
        mentor.user_id,
    )


async def test_an_admins_board_puts_the_contacted_youth_after_the_uncontacted_at_the_same_score(
    user: User, caseloads: Caseloads
) -> None:
    await open_as(user, "admin@example.org", BOARD)
    await user.should_see(marker="board-table")
    assert names(user)[:2] == ["Priya Sharma", "Kabir Singh"]  # both 9, neither contacted yet
    user.find(marker=f"log-intervention-{caseloads.priya}").click()
    await log_intervention(user, "Meeting")
    await user.should_see("Intervention logged for Priya Sharma.")
    await user.should_see("Meeting, 28 November 2026")
    assert names(user)[:2] == ["Kabir Singh", "Priya Sharma"]


async def test_a_rejected_intervention_is_explained_at_its_field_and_keeps_what_was_typed(
    user: User, services: Services, mentor: Actor, store: Store, caseloads: Caseloads
) -> None:
    await open_as(user, "mentor@example.org", BOARD)
    await user.should_see(marker="board-table")
    user.find(marker=f"log-intervention-{caseloads.arjun}").click()
    await user.should_see(marker="intervention-dialog")
    user.find(marker="intervention-save").click()  # no kind chosen
    await user.should_see("Choose how you stepped in: call, meeting, message, module assigned, other.")

    with user.scope(marker="intervention-dialog"):
        user.find(marker="intervention-kind").click()
        user.find("Message").click()
    long_note = "Talked about his plans. " * 90  # 2,160 characters
    user.find(marker="intervention-note").type(long_note)
    user.find(marker="intervention-outcome").type("Will log in tonight")
    user.find(marker="intervention-save").click()
    await user.should_see("Keep the note to 2000 characters (it has 2159).")
    note = user.find(marker="intervention-note").elements.pop()
    assert note.value == long_note  # type: ignore[attr-defined]
    assert user.find(marker="intervention-outcome").elements.pop().value == "Will log in tonight"  # type: ignore[attr-defined]
    assert await services.interventions.for_youth(mentor, caseloads.arjun) == []

    # Meanwhile an admin moved Arjun to Meera: the save is refused and nothing typed is lost.
    store.users[caseloads.arjun].mentor_id = caseloads.meera.user_id
    user.find(marker="intervention-note").clear().type("Short note.")
    user.find(marker="intervention-save").click()
    await user.should_see("No such youth, or they are not in your caseload.")
    assert user.find(marker="intervention-note").elements.pop().value == "Short note."  # type: ignore[attr-defined]
    user.find(marker="intervention-cancel").click()
    await user.should_not_see(marker="intervention-dialog")
    assert store.insights.interventions == {}


async def test_before_any_sync_the_board_explains_how_figures_appear(user: User, mentor: Actor) -> None:
    await open_as(user, "mentor@example.org", BOARD)
    await user.should_see(marker="insights-empty")
    await user.should_see(
        "Ask an admin to sync them from the system page; afterwards the nightly sync keeps them current."
    )
    await user.should_not_see(marker="at-risk-board")
