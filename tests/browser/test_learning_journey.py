"""A module's whole life in a real browser: an admin builds and assigns it, a youth completes it.

Two youth register (Maharashtra and Karnataka); the admin, on a desktop, creates a module with a
PDF and a two-question quiz and assigns it to Maharashtra only; the Maharashtra youth, on a phone,
downloads the PDF, records progress, passes the quiz and completes the module; the Karnataka youth
never sees it and cannot fetch its file.
"""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from tests.browser.pages import (
    DESKTOP,
    HOME,
    PHONE,
    Youth,
    choose,
    open_from_header,
    pick,
    register,
    sign_in,
    sign_out,
)
from tests.servers.app_server import RunningServer

pytestmark = pytest.mark.browser

ADMIN_EMAIL = "admin@example.org"
MEERA = Youth(
    full_name="Meera Kulkarni",
    email="meera.kulkarni@example.org",
    password="meera-passphrase-2026",
    institution="Government ITI Nashik",
    education_level="ITI / Diploma",
    region="Maharashtra",
    region_typed="Mahar",
)
RAVI = Youth(
    full_name="Ravi Gowda",
    email="ravi.gowda@example.org",
    password="ravi-passphrase-2026",
    institution="Government ITI Mysuru",
    education_level="ITI / Diploma",
    region="Karnataka",
    region_typed="Karna",
)
CODE, TITLE = "CN-210", "Safe work at height"
PDF_NAME = "harness-checklist.pdf"
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# Question, its two options, and the index of the right one.
QUIZ = (
    ("Where is a harness clipped on?", ("To the nearest pipe", "To a tested anchor point"), 1),
    ("Who checks a harness before use?", ("The person wearing it", "Nobody"), 0),
)


def test_admin_assigns_a_module_that_one_youth_completes(
    open_page: Callable[[ViewportSize], Page], server: RunningServer, tmp_path: Path
) -> None:
    youth_page = open_page(PHONE)
    for youth in (MEERA, RAVI):
        register(youth_page, youth)
        expect(youth_page).to_have_url(HOME)
        expect(youth_page.get_by_text("Your student ID", exact=True)).to_be_visible()
        sign_out(youth_page)

    admin = open_page(DESKTOP)
    sign_in(admin, ADMIN_EMAIL, server.admin_password)
    create_module(admin)
    upload_pdf(admin, tmp_path / PDF_NAME)
    write_quiz(admin)
    assign_to_maharashtra(admin)

    sign_in(youth_page, MEERA.email, MEERA.password)
    material_url = complete_module(youth_page, tmp_path)
    sign_out(youth_page)

    sign_in(youth_page, RAVI.email, RAVI.password)
    open_from_header(youth_page, "Learning")
    expect(youth_page.get_by_text("No modules assigned yet")).to_be_visible()
    expect(youth_page.get_by_role("heading", name=TITLE)).to_have_count(0)
    refused = youth_page.request.get(material_url)
    assert refused.status in (403, 404), f"{RAVI.full_name} fetched a file of a module not assigned to him"


def create_module(admin: Page) -> None:
    open_from_header(admin, "Modules")
    expect(admin.get_by_text("Module catalogue")).to_be_visible()
    admin.get_by_role("button", name="New module").click()
    admin.get_by_label("Code, for example IT-101").fill(CODE)
    admin.get_by_label("Title").fill(TITLE)
    choose(admin, "Sector", "Construction")
    admin.get_by_label("Duration (hours)").fill("2.5")
    admin.get_by_label("Points for completing it").fill("25")
    admin.get_by_role("button", name="Create module").click()

    expect(admin).to_have_url(re.compile(r"/admin/modules/\d+$"))
    expect(admin.get_by_text(f"{CODE} created. Add its quiz and files below.")).to_be_visible()
    expect(admin.get_by_text(f"{CODE} — {TITLE}")).to_be_visible()
    expect(admin.get_by_label("Duration (hours)")).to_have_value("2.5")
    expect(admin.get_by_label("Points for completing it")).to_have_value("25")


def upload_pdf(admin: Page, pdf: Path) -> None:
    pdf.write_bytes(PDF_BYTES)
    expect(admin.get_by_text("No files yet.")).to_be_visible()
    admin.locator("input[type=file]").set_input_files(pdf)
    expect(admin.get_by_text(f"{PDF_NAME} uploaded.")).to_be_visible()
    expect(admin.get_by_role("button", name=f"Download {PDF_NAME}")).to_be_visible()
    expect(admin.get_by_text("No files yet.")).to_have_count(0)


def write_quiz(admin: Page) -> None:
    admin.get_by_role("button", name="Write a quiz").click()
    admin.get_by_role("button", name="Add a question").click()
    # Adding a question redraws the editor: type only into the redrawn one, or the typing is lost.
    expect(admin.get_by_role("group", name=f"Question {len(QUIZ)}")).to_be_visible()
    pass_mark = admin.get_by_label("Pass mark (% of questions right)")
    pass_mark.fill("100")
    for number, (text, options, correct) in enumerate(QUIZ, start=1):
        question = admin.get_by_role("group", name=f"Question {number}")
        question.get_by_role("textbox", name=f"Question {number}").fill(text)
        for index, option in enumerate(options, start=1):
            question.get_by_role("textbox", name=f"Option {index}").fill(option)
        pick(question.get_by_role("radiogroup", name="Correct answer:"), f"Option {correct + 1}")
    admin.get_by_role("button", name="Save quiz").click()
    expect(admin.get_by_text("Quiz saved.")).to_be_visible()
    expect(admin.get_by_role("button", name="Remove quiz")).to_be_visible()
    expect(pass_mark).to_have_value("100")
    expect(admin.get_by_role("textbox", name="Question 2")).to_have_value(QUIZ[1][0])


def assign_to_maharashtra(admin: Page) -> None:
    admin.get_by_role("button", name="Assign to youth").click()
    dialog = admin.get_by_role("dialog")
    expect(dialog.get_by_text(f"Assign {CODE} — {TITLE}")).to_be_visible()
    choose(admin, "State or union territory", "Maharashtra", typed="Mahar", within=dialog)
    dialog.get_by_role("button", name="Check how many").click()
    expect(dialog.get_by_role("status")).to_have_text("1 youth match; 0 already have it; 1 will get it now.")
    dialog.get_by_role("button", name="Assign", exact=True).click()
    expect(admin.get_by_text(f"1 youth got {CODE}.")).to_be_visible()
    expect(dialog).to_have_count(0)


def complete_module(page: Page, downloads: Path) -> str:
    """Meera's side: find the module, download its PDF, finish it. Returns the PDF's address."""
    open_from_header(page, "Learning")
    expect(page.get_by_text("Your next step")).to_be_visible()
    expect(page.get_by_role("heading", level=2).first).to_have_text(TITLE)
    page.get_by_role("link", name=f"Start: {TITLE}").click()

    expect(page).to_have_url(re.compile(r"/learn/\d+$"))
    expect(page.get_by_role("heading", level=1, name=TITLE)).to_be_visible()
    expect(page.get_by_text("Construction · Beginner · 2.5 h")).to_be_visible()
    expect(page.get_by_text("Not started")).to_be_visible()
    material = page.get_by_role("link", name=PDF_NAME)
    with page.expect_download() as started:
        material.click()
    download = started.value
    assert download.suggested_filename == PDF_NAME
    saved = downloads / "downloaded.pdf"
    download.save_as(saved)
    assert saved.read_bytes() == PDF_BYTES, "the file downloaded is not the file uploaded"
    material_url = material.get_attribute("href")
    assert material_url is not None and material_url.startswith("/materials/")

    page.get_by_label("How much of the module have you done? (0 to 100 %)").fill("100")
    page.get_by_role("button", name="Save progress").click()
    expect(page.get_by_text("Progress saved.")).to_be_visible()
    expect(page.get_by_text("Pass the quiz below to complete this module.")).to_be_visible()
    expect(page.get_by_text("In progress", exact=True)).to_be_visible()
    expect(page.get_by_text("100 %", exact=True)).to_be_visible()

    expect(page.get_by_text("Pass mark: 100 %")).to_be_visible()
    for text, options, correct in QUIZ:
        pick(page.get_by_role("radiogroup", name=text), options[correct])
    page.get_by_role("button", name="Submit answers").click()

    result = page.get_by_role("status").filter(has_text="Your score")
    expect(result).to_contain_text("Your score: 100 % (pass mark 100 %)")
    expect(result).to_contain_text("Passed")
    expect(page.get_by_text("Completed", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Completed on "))).to_be_visible()
    expect(page.get_by_role("button", name="Submit answers")).to_have_count(0)
    expect(page.get_by_role("button", name="Save progress")).to_have_count(0)

    open_from_header(page, "Learning")
    expect(page.get_by_role("link", name=f"Review: {TITLE}")).to_be_visible()
    expect(page.get_by_text("Completed", exact=True)).to_be_visible()
    return material_url
