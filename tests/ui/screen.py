"""What a UI test does and reads on the simulated screen, the same way in every page's tests."""

import json
import re

from nicegui.testing import User

from tests.conftest import PASSWORD


async def sign_in(user: User, email: str, password: str = PASSWORD) -> None:
    """Fill in the sign-in form and press the button; the caller waits for whatever should follow."""
    await user.open("/login")
    user.find(marker="email").type(email)
    user.find(marker="password").type(password)
    user.find(marker="sign-in").click()


async def open_as(user: User, email: str, path: str, language: str | None = None) -> None:
    """Sign in as `email` and open `path`, choosing `language` on the home page first if given.

    Signing in moves the browser to the home page from a task of its own: waiting for that page
    first keeps the move from landing after `path` has opened.
    """
    await sign_in(user, email)
    await user.should_see(marker="welcome")
    if language:
        choose_language(user, language)
    await user.open(path)


def texts(user: User, marker: str) -> list[str]:
    """The text of every element with `marker`, in the order the page shows them."""
    found = sorted(user.find(marker=marker).elements, key=lambda element: element.id)
    return [element.text for element in found]  # type: ignore[attr-defined]


def what_the_browser_holds(user: User) -> list[str]:
    """Every element's tag, text, props, classes and style, with element ids blanked out."""
    with user:
        assert user.client is not None
        elements = sorted(user.client.elements.values(), key=lambda e: e.id)
        shown = [
            {"tag": e.tag, "text": e._text, "props": e._props, "class": e._classes, "style": e._style}
            for e in elements
        ]
    return [re.sub(r"#?c\d+", "#", json.dumps(item, default=str, sort_keys=True)) for item in shown]


def save_progress(user: User, percent: int) -> None:
    """Type `percent` into a module page's progress field and save it."""
    user.find(marker="progress-input").clear().type(str(percent))
    user.find(marker="save-progress").click()


def choose_language(user: User, code: str) -> None:
    """Pick the language with `code` from the menu in the header, as a click on it would."""
    user.find(marker="language").click()
    user.find(marker=f"language-{code}").click()


async def assert_not_offered(user: User, email: str, path: str) -> None:
    """`email`'s home page has no link to `path`, and opening `path` anyway is forbidden."""
    await sign_in(user, email)
    await user.should_see(marker="welcome")
    await user.should_not_see(marker=f"nav-{path}")
    await user.open(path)
    await user.should_see(marker="forbidden")
