"""What the survey services need from storage."""

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Protocol

from mb.domain.model.invitation import Delivery, DeliveryStatus, Distribution, Invitation, SurveyResponse
from mb.domain.model.mail import OutboxMessage
from mb.domain.model.placement import Placement
from mb.domain.model.survey import SurveyTemplate
from mb.domain.model.survey_views import DistributionCounts, Recipient
from mb.domain.model.youth_filter import YouthFilter


class SurveyTemplateRepository(Protocol):
    async def add(self, template: SurveyTemplate) -> SurveyTemplate:
        """Store a version; a first version (no `family_id`) becomes its own family."""

    async def get(self, template_id: int) -> SurveyTemplate | None: ...

    async def update(self, template: SurveyTemplate) -> None: ...

    async def current(self) -> Sequence[SurveyTemplate]:
        """The newest version of every template, active or not, by name."""

    async def versions(self, family_id: int) -> Sequence[SurveyTemplate]:
        """Every version of one template, oldest first."""

    async def current_of_type(self, type_: str) -> SurveyTemplate | None:
        """The newest active version of the oldest template of this type (placements use it)."""


class PlacementRepository(Protocol):
    async def add(self, placement: Placement) -> Placement: ...

    async def get(self, placement_id: int) -> Placement | None: ...

    async def recent(self, offset: int, limit: int, youth_id: int | None = None) -> Sequence[Placement]:
        """Newest start date first."""

    async def count(self, youth_id: int | None = None) -> int: ...


class DistributionRepository(Protocol):
    async def add(self, distribution: Distribution) -> Distribution: ...

    async def get(self, distribution_id: int) -> Distribution | None: ...

    async def automatic_for(self, template_id: int) -> Distribution | None:
        """The distribution that gathers placements' invitations for this template version."""

    async def recent(self, offset: int, limit: int) -> Sequence[Distribution]:
        """Newest first."""

    async def count(self) -> int: ...

    async def counts(self, distribution_ids: Collection[int], now: datetime) -> dict[int, DistributionCounts]:
        """Invited, sent, failed, opened, completed and expired per distribution, in one query."""


class InvitationRepository(Protocol):
    async def add_many(self, invitations: Sequence[Invitation]) -> list[int]:
        """Store them (set-based, in batches); returns their ids in the same order."""

    async def get(self, invitation_id: int) -> Invitation | None: ...

    async def get_many(self, invitation_ids: Collection[int]) -> dict[int, Invitation]: ...

    async def by_token_hash(self, token_hash: str) -> Invitation | None: ...

    async def mark_opened(self, invitation_id: int, at: datetime) -> None:
        """Record the first opening only."""

    async def complete(self, invitation_id: int, at: datetime) -> bool:
        """Mark it answered unless it already is; False when another submission got there first
        (so two submissions at the same moment store one response)."""

    async def record_delivery(
        self, invitation_id: int, status: DeliveryStatus, reason: str, sent_at: datetime | None
    ) -> None: ...

    async def record_deliveries(self, deliveries: Sequence[Delivery]) -> None:
        """`record_delivery` for many invitations in one statement."""

    async def record_reminder(self, invitation_id: int, reminders_seen: int, at: datetime) -> bool:
        """Count one more reminder, and remember when, unless the count is no longer
        `reminders_seen` (another replica reminded meanwhile); True when this one counted."""

    async def youth_recipients(
        self, youth: YouthFilter, family_id: int, now: datetime
    ) -> Sequence[Recipient]:
        """Active youth matching the filter, each with whether they already hold an open
        invitation (not answered, not expired) to any version of this template."""

    async def employer_recipients(
        self, started_from: date | None, started_to: date | None, family_id: int, now: datetime
    ) -> Sequence[Recipient]:
        """The contacts of placements starting in the range, one per placement, each with whether
        that placement already has an open invitation to this template."""

    async def due_for_reminder(
        self,
        sent_before: datetime,
        max_reminders: int,
        now: datetime,
        distribution_id: int | None,
        limit: int,
    ) -> Sequence[Invitation]:
        """Sent, unanswered, unexpired invitations with fewer than `max_reminders` reminders whose
        last mail (invitation or reminder) went before `sent_before`."""

    async def pending_for_youth(self, youth_id: int, now: datetime) -> Sequence[Invitation]:
        """The youth's own open invitations (youth audience), soonest expiry first."""

    async def for_distribution(
        self, distribution_id: int, offset: int, limit: int
    ) -> Sequence[Invitation]: ...

    async def sent_and_answered(
        self, distribution_id: int
    ) -> Sequence[tuple[datetime | None, datetime | None]]:
        """(sent_at, completed_at) of each invitation that was sent or answered."""

    async def purge_expired(self, before: datetime) -> int:
        """Forget the tokens of invitations that expired before `before` (the rows stay for the
        results; nothing can open them any more). Returns how many."""


class ResponseRepository(Protocol):
    async def add(self, response: SurveyResponse) -> SurveyResponse: ...

    async def for_distribution(self, distribution_id: int) -> Sequence[SurveyResponse]:
        """Oldest first."""

    async def for_template(self, template_id: int) -> Sequence[SurveyResponse]: ...

    async def count_for_template(self, template_id: int) -> int:
        """Responses to this version only: editing a version nobody answered stays in place."""

    async def count_for_family(self, family_id: int) -> int:
        """Responses to any version of a template: an edit of a template with any makes a new version."""


class Outbox(Protocol):
    """Mail waiting to be sent, claimed by one sender at a time."""

    async def add_many(self, messages: Sequence[OutboxMessage]) -> None: ...

    async def claim(self, now: datetime, lease_until: datetime, limit: int) -> Sequence[OutboxMessage]:
        """Take up to `limit` messages that are due (queued or failed, next attempt reached, not
        claimed by a live lease), oldest first, and lease them until `lease_until`."""

    async def save(self, message: OutboxMessage) -> None:
        """Store the outcome of an attempt (status, attempts, error, sent_at; lease cleared)."""

    async def save_many(self, messages: Sequence[OutboxMessage]) -> None:
        """`save` for many messages in one statement."""

    async def pending(self) -> int:
        """Messages still to go (queued or failed with attempts left)."""

    async def retry_given_up(self, distribution_id: int, now: datetime) -> list[int]:
        """Queue again, with fresh attempts, the messages given up on for this distribution's
        unanswered, unexpired invitations; returns those invitations' ids."""

    async def purge_sent(self, before: datetime) -> int:
        """Delete delivered messages sent before `before`. Returns how many."""
