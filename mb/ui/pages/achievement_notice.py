"""Telling a youth, right after they save progress or a quiz, how many points it earned them."""

from nicegui import ui

from mb.domain.errors import DomainError
from mb.domain.model.engagement import PointReason
from mb.domain.model.user import Actor
from mb.ui.i18n import t
from mb.ui.services import services

NEW_AT_MOST = 20  # more ledger lines than one save can add (start, four milestones, quiz, …)


class PointsNotice:
    """Counts the youth's ledger lines before an action; afterwards adds up the new ones.

    Adjustments an admin makes meanwhile are left out: they are not what the action earned.
    """

    def __init__(self, actor: Actor, lines: int | None) -> None:
        self.actor = actor
        self.lines = lines

    @classmethod
    async def before(cls, actor: Actor, gamified: bool) -> "PointsNotice":
        if not gamified:
            return cls(actor, None)
        try:
            history = await services().engagement.points_history(actor, actor.user_id, 0, 1)
        except DomainError:  # switched off meanwhile, or unreadable: the action goes ahead unannounced
            return cls(actor, None)
        return cls(actor, history.total_entries)

    async def announce(self) -> None:
        if self.lines is None:
            return
        try:
            history = await services().engagement.points_history(
                self.actor, self.actor.user_id, 0, NEW_AT_MOST
            )
        except DomainError:
            return
        new = history.entries[: max(history.total_entries - self.lines, 0)]
        earned = sum(entry.amount for entry in new if entry.reason is not PointReason.ADJUSTMENT)
        if earned > 0:
            message = (
                t("You earned 1 point!") if earned == 1 else t("You earned {points} points!", points=earned)
            )
            ui.notify(message, type="positive")
