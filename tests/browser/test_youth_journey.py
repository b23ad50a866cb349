"""A youth's first visit in a real browser: register, get a student ID, sign out and back in."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import HOME, Youth, register, sign_out

pytestmark = pytest.mark.browser

STUDENT_ID = re.compile(r"^MB-[A-Z]{2}-\d{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}$")
WRONG_PASSWORD = "That email and password do not match an active account."
ASHA = Youth(
    full_name="Asha Patil",
    email="asha.patil@example.org",
    password="a-long-passphrase-42",
    institution="Government ITI Pune",
    education_level="ITI / Diploma",
    region="Maharashtra",
    region_typed="Mahar",
)


def test_youth_registers_signs_out_and_signs_back_in(page: Page) -> None:
    email, password = ASHA.email, ASHA.password

    register(page, ASHA)

    expect(page).to_have_url(HOME)
    expect(page.get_by_text("Your student ID", exact=True)).to_be_visible()
    student_id_label = page.get_by_text(STUDENT_ID)
    expect(student_id_label).to_be_visible()
    student_id = student_id_label.inner_text().strip()
    assert student_id.startswith("MB-MH-"), f"{student_id} should carry the code of Maharashtra"
    expect(page.get_by_text(f"Welcome! Your student ID is {student_id}.")).to_be_visible()

    sign_out(page)
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
    expect(page).to_have_url(HOME)
    expect(page.get_by_text("Your student ID", exact=True)).to_be_visible()
    expect(page.get_by_text(STUDENT_ID)).to_have_text(student_id)
