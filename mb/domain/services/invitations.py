"""Making invitations: a token and an expiry for each recipient, and a message in the outbox."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from mb.domain.model.invitation import Audience, Distribution, Invitation
from mb.domain.model.mail import OutboxKind, OutboxMessage
from mb.domain.model.survey_policy import SurveyPolicy
from mb.domain.model.survey_views import Recipient
from mb.domain.ports.unit_of_work import UnitOfWork
from mb.domain.rules.survey_tokens import new_seed, token_hash


async def invite(
    uow: UnitOfWork,
    policy: SurveyPolicy,
    distribution: Distribution,
    recipients: Sequence[Recipient],
    *,
    now: datetime,
    send_after: datetime,
) -> int:
    """Store an invitation and queue its email for each recipient; returns how many."""
    assert distribution.id is not None
    expires_at = send_after + timedelta(days=policy.expiry_days)
    invitations = []
    for recipient in recipients:
        seed = new_seed()
        invitations.append(
            Invitation(
                distribution_id=distribution.id,
                template_id=distribution.template_id,
                audience=distribution.audience,
                recipient_email=recipient.email,
                youth_id=recipient.youth_id,
                placement_id=recipient.placement_id if distribution.audience is Audience.EMPLOYER else None,
                token_hash=token_hash(policy.token(seed)),
                token_seed=seed,
                created_at=now,
                send_after=send_after,
                expires_at=expires_at,
            )
        )
    ids = await uow.invitations.add_many(invitations)
    await uow.outbox.add_many(
        [
            OutboxMessage(
                invitation_id=invitation_id,
                kind=OutboxKind.INVITATION,
                created_at=now,
                next_attempt_at=send_after,
            )
            for invitation_id in ids
        ]
    )
    return len(ids)


async def placement_about(uow: UnitOfWork, invitation: Invitation) -> str:
    """For an employer's invitation, who and which job it is about ("Asha Rao, Cashier at …")."""
    if (
        invitation.audience is not Audience.EMPLOYER
        or invitation.placement_id is None
        or invitation.youth_id is None
    ):
        return ""
    placement = await uow.placements.get(invitation.placement_id)
    youth = await uow.users.get(invitation.youth_id)
    return (
        f"{youth.full_name}, {placement.job_title} at {placement.employer_name}"
        if placement and youth
        else ""
    )
