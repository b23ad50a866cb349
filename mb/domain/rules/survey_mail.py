"""The words of invitation and reminder emails: plain text, a greeting, why, the link, the deadline."""

from datetime import datetime
from zoneinfo import ZoneInfo

from mb.domain.model.invitation import Audience, Invitation
from mb.domain.model.mail import MailMessage, OutboxKind
from mb.domain.model.survey import SurveyTemplate


def survey_mail(
    kind: OutboxKind,
    *,
    invitation: Invitation,
    template: SurveyTemplate,
    link: str,
    about: str,
    zone: ZoneInfo,
    outbox_id: int,
) -> MailMessage:
    """`about`: for employers, the youth and job they are asked about."""
    deadline = _day(invitation.expires_at, zone)
    reminder = kind is OutboxKind.REMINDER
    subject = f"{'Reminder: ' if reminder else ''}{template.name}"
    if invitation.audience is Audience.EMPLOYER and about:
        subject += f" — {about}"
    lines = [
        "Hello,",
        "",
        (
            f"A reminder: we would still value your answers to “{template.name}”."
            if reminder
            else f"MB Compass asks for a few minutes of your time: “{template.name}”."
        ),
    ]
    if invitation.audience is Audience.EMPLOYER and about:
        lines.append(f"It is about {about}.")
    if template.description:
        lines += ["", template.description]
    if template.anonymous:
        lines += ["", "Your answers are anonymous: they are never linked to your name or email."]
    lines += [
        "",
        "Answer here (the link works once, without signing in):",
        link,
        "",
        f"The link works until {deadline}.",
        "",
        "Thank you,",
        "MB Compass",
    ]
    return MailMessage(
        message_id=f"mb-{kind.value}-{invitation.id}-{outbox_id}",
        to=invitation.recipient_email,
        subject=subject,
        body="\n".join(lines) + "\n",
    )


def _day(at: datetime, zone: ZoneInfo) -> str:
    return at.astimezone(zone).strftime("%d %B %Y")
