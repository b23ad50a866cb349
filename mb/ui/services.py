"""Where pages find the wired services: set once per process when the app is built."""

from nicegui import app

from mb.bootstrap import Services


def install(services: Services) -> None:
    app.state.mb_services = services


def services() -> Services:
    found = getattr(app.state, "mb_services", None)
    assert isinstance(found, Services), "mb.ui.app.build() was not called"
    return found
