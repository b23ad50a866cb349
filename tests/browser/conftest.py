"""A real `mb serve` and Debian's Chromium for each browser journey (one module, one installation)."""

import os
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, sync_playwright

from tests.browser.pages import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.servers.app_server import AppServerError, RunningServer, app_server

DEFAULT_TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    """A fresh database per journey, so what one journey registers never changes another's counts."""
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
def open_page(browser: Browser, server: RunningServer) -> Iterator[Callable[[ViewportSize], Page]]:
    """Opens a page in a browser context of its own (its own cookies: one person each)."""
    contexts: list[BrowserContext] = []

    def open_page(viewport: ViewportSize) -> Page:
        phone = viewport["width"] < 600
        context = browser.new_context(
            base_url=server.base_url, viewport=viewport, is_mobile=phone, has_touch=phone
        )
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    try:
        yield open_page
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def page(open_page: Callable[[ViewportSize], Page]) -> Page:
    """A phone, which is how most youth reach MB Compass."""
    return open_page(PHONE)
