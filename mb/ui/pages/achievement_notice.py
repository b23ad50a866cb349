"""Telling a youth, right after they save progress or a quiz, how many points it earned them."""

from nicegui import ui

from mb.ui.i18n import t


def announce_points(earned: int) -> None:
    if earned > 0:
        message = t("You earned 1 point!") if earned == 1 else t("You earned {points} points!", points=earned)
        ui.notify(message, type="positive")
