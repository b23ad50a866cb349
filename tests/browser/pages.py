"""What the browser journeys share: how Chromium is launched and how people use the common screens."""

import re
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Locator, Page, ViewportSize, expect

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = ViewportSize(width=390, height=844)
DESKTOP = ViewportSize(width=1280, height=900)
HOME = re.compile(r"/$")


@dataclass(frozen=True)
class Youth:
    full_name: str
    email: str
    password: str
    institution: str
    education_level: str  # as the select shows it
    region: str  # as the select shows it
    region_typed: str  # what is typed to filter the regions down to it


def choose(
    page: Page, label: str, option: str, typed: str | None = None, within: Locator | None = None
) -> None:
    """Open a q-select by its label and pick an option; `typed` filters a select that has an input.

    The menu is teleported to the end of the body, so its options are looked up on the whole page.
    """
    field = (within or page).get_by_label(label)
    field.click()
    if typed is not None:
        field.fill(typed)
    page.get_by_role("option", name=option, exact=True).click()
    expect(page.get_by_role("option")).to_have_count(0)  # the menu closed


def pick(group: Locator, option: str) -> None:
    """Choose a radio button. Its circle fills once the server has the choice, so `check()` could
    look too soon and find it unchanged."""
    radio = group.get_by_role("radio", name=option, exact=True)
    radio.click()
    expect(radio).to_be_checked()


def register(page: Page, youth: Youth) -> None:
    """Fill in /register and send it; the caller checks where that leads."""
    page.goto("/register")
    page.get_by_label("Full name").fill(youth.full_name)
    page.get_by_label("Email").fill(youth.email)
    page.get_by_label("Password (at least 10 characters)").fill(youth.password)
    page.get_by_label("School, college or institute").fill(youth.institution)
    choose(page, "Education level", youth.education_level)
    choose(page, "State or union territory", youth.region, typed=youth.region_typed)
    page.get_by_role("button", name="Register").click()


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(HOME)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page, "Sign out should lead to the sign-in page").to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def open_from_header(page: Page, name: str) -> None:
    """Follow one of the header's navigation links (the page body may link to the same place)."""
    page.get_by_role("banner").get_by_role("link", name=name, exact=True).click()
