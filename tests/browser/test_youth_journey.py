"""A youth's first visit in a real browser: register, get a student ID, sign out and back in."""

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect, sync_playwright

from tests.servers.app_server import AppServerError, RunningServer, app_server

pytestmark = pytest.mark.browser

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
STUDENT_ID = re.compile(r"^MB-[A-Z]{2}-\d{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}$")
WRONG_PASSWORD = "That email and password do not match an active account."


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    try:
        with app_server() as running:
            yield running
    except AppServerError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM}: install Debian's `chromium` package."
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser, server: RunningServer) -> Iterator[Page]:
    context = browser.new_context(base_url=server.base_url, viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def choose(page: Page, label: str, option: str, typed: str | None = None) -> None:
    """Open a q-select by its label and pick an option; `typed` filters a select that has an input."""
    field = page.get_by_label(label)
    field.click()
    if typed is not None:
        field.fill(typed)
    page.get_by_role("option", name=option, exact=True).click()
    expect(page.get_by_role("option")).to_have_count(0)  # the menu closed


def test_youth_registers_signs_out_and_signs_back_in(page: Page) -> None:
    email, password = "asha.patil@example.org", "a-long-passphrase-42"

    page.goto("/register")
    page.get_by_label("Full name").fill("Asha Patil")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password (at least 10 characters)").fill(password)
    page.get_by_label("School, college or institute").fill("Government ITI Pune")
    choose(page, "Education level", "ITI / Diploma")
    choose(page, "State or union territory", "Maharashtra", typed="Mahar")
    page.get_by_role("button", name="Register").click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_text("Your student ID", exact=True)).to_be_visible()
    student_id_label = page.get_by_text(STUDENT_ID)
    expect(student_id_label).to_be_visible()
    student_id = student_id_label.inner_text().strip()
    assert student_id.startswith("MB-MH-"), f"{student_id} should carry the code of Maharashtra"
    expect(page.get_by_text(f"Welcome! Your student ID is {student_id}.")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    expect(page, "Sign out should lead to the sign-in page").to_have_url(re.compile(r"/login$"))
    expect(page.get_by_text(STUDENT_ID), "the signed-out youth's ID must leave the screen").to_have_count(0)
    expect(page.get_by_text("Sign in to MB Compass")).to_be_visible()

    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert").filter(has_text=WRONG_PASSWORD)).to_have_text(WRONG_PASSWORD)
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_text("Your student ID", exact=True)).to_have_count(0)
    expect(page.get_by_label("Email")).to_have_value(email)
    expect(page.get_by_label("Password", exact=True)).to_have_value("")

    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_text("Your student ID", exact=True)).to_be_visible()
    expect(page.get_by_text(STUDENT_ID)).to_have_text(student_id)
