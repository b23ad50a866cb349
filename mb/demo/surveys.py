"""Surveys over the window: the career-interests survey to every youth soon after they enrol, and
each placement's feedback from the youth (anonymous) and from the employer a month into the job.

All of it as the app would have left it: each invitation's token comes from the app's secret key
(so the links open in a running app) and only its hash is kept; every email went out through the
outbox, so `mb serve` has nothing left to send; the daily run reminded those who had not answered;
anonymous answers keep only the day and nothing that leads back to the invitation; and a youth's
answer is an activity event, which is what earns the survey points.
"""

import random
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta

from mb.demo.activity import Learning, Persona
from mb.demo.answers import career_answers, employer_answers, youth_feedback_answers
from mb.demo.people import DemoPerson
from mb.demo.placements import DemoPlacement
from mb.demo.seeds import random_stream
from mb.demo.window import Window
from mb.domain.model.invitation import Audience
from mb.domain.model.mail import OutboxKind
from mb.domain.model.survey import SurveyTemplate, TemplateType
from mb.domain.model.survey_policy import SurveyPolicy
from mb.domain.rules.starter_templates import starter_templates
from mb.domain.rules.survey_answers import Answer
from mb.domain.rules.survey_tokens import token_hash

FIRST_WAVE_DAY = 6  # the career survey goes to everyone enrolled in the first week,
WAVE_EVERY_DAYS = 28  # then to each month's newcomers
REMINDERS_AT = 10 * 60  # the daily reminder run, local time (MB_SURVEY_REMINDERS_AT's default)
ANSWER_WAVES = (75, 17, 8)  # of those who answer: soon after the invitation, after each reminder
CAREER_CHANCE = {
    Persona.FINISHER: 0.9,
    Persona.STEADY: 0.72,
    Persona.BURSTY: 0.62,
    Persona.DRIFTER: 0.45,
    Persona.NO_SHOW: 0.15,
}
FEEDBACK_CHANCE = {
    Persona.FINISHER: 0.72,
    Persona.STEADY: 0.62,
    Persona.BURSTY: 0.55,
    Persona.DRIFTER: 0.45,
    Persona.NO_SHOW: 0.4,
}
EMPLOYER_CHANCE = 0.58
TYPE_ORDER = list(TemplateType)  # the youth's follow-up distribution is made before the employer's
FOLLOW_UP = "Placement follow-up"  # the label PlacementService gives its automatic distributions


@dataclass(frozen=True)
class SurveySetup:
    """What the app says about surveys: its policy (the secret key that makes the links, expiry and
    reminder days) and the current template of each type in use. A type without a template gets
    no survey; a template without an id is written with the demo."""

    policy: SurveyPolicy
    templates: Mapping[TemplateType, SurveyTemplate]


def starter_setup(policy: SurveyPolicy, installed_at: datetime) -> SurveySetup:
    """The starting templates, as `mb init-db` installs them."""
    templates = {
        draft.type: SurveyTemplate(
            **{f.name: getattr(draft, f.name) for f in fields(draft)}, created_at=installed_at
        )
        for draft in starter_templates()
    }
    return SurveySetup(policy, templates)


@dataclass(frozen=True)
class DemoDistribution:
    template: TemplateType
    audience: Audience
    label: str
    created_at: datetime
    automatic: bool = False


@dataclass(frozen=True)
class Answered:
    at: datetime  # when it was submitted; anonymous templates store only the day
    answers: dict[str, Answer]
    anonymous: bool


@dataclass(frozen=True)
class DemoInvitation:
    distribution: int  # index into the distributions
    template: TemplateType
    audience: Audience
    recipient_email: str
    youth: int  # key: the youth who answers, or the one the employer is asked about
    placement: int | None  # index into the placements, for employers
    token_seed: str
    token_hash: str
    created_at: datetime
    send_after: datetime
    expires_at: datetime
    sent_at: datetime
    opened_at: datetime | None
    completed_at: datetime | None  # as stored: only the day for anonymous templates
    reminded_at: tuple[datetime, ...]  # each reminder the daily run sent
    answered: Answered | None


@dataclass(frozen=True)
class DemoResponse:
    distribution: int
    template: TemplateType
    invitation: int | None  # None for anonymous templates
    answers: dict[str, Answer]
    submitted_on: date
    submitted_at: datetime | None  # None for anonymous templates


@dataclass(frozen=True)
class DemoMail:
    """An outbox message; every demo message was sent."""

    invitation: int
    kind: OutboxKind
    created_at: datetime
    next_attempt_at: datetime
    sent_at: datetime


@dataclass(frozen=True)
class DemoSurveyEvent:
    """A youth's `survey_response` activity event."""

    youth: int
    invitation: int
    at: datetime


@dataclass(frozen=True)
class DemoSurveys:
    templates: Mapping[TemplateType, SurveyTemplate]
    distributions: list[DemoDistribution]
    invitations: list[DemoInvitation]  # in the order they were made

    def responses(self) -> list[DemoResponse]:
        """In the order they came in."""
        answered = sorted(
            ((number, i, i.answered) for number, i in enumerate(self.invitations) if i.answered),
            key=lambda found: found[2].at,
        )
        return [
            DemoResponse(
                distribution=i.distribution,
                template=i.template,
                invitation=None if answer.anonymous else number,
                answers=answer.answers,
                submitted_on=answer.at.astimezone(UTC).date(),
                submitted_at=None if answer.anonymous else answer.at,
            )
            for number, i, answer in answered
        ]

    def mail(self) -> list[DemoMail]:
        """Each invitation's email and reminders, in the order they were queued."""
        mail = [
            DemoMail(number, OutboxKind.INVITATION, i.created_at, i.send_after, i.sent_at)
            for number, i in enumerate(self.invitations)
        ]
        mail += [
            DemoMail(number, OutboxKind.REMINDER, at, at, at + timedelta(seconds=20))
            for number, i in enumerate(self.invitations)
            for at in i.reminded_at
        ]
        return sorted(mail, key=lambda m: m.created_at)

    def events(self) -> list[DemoSurveyEvent]:
        """Youth's answers (employers have no account to credit), in time order."""
        return sorted(
            (
                DemoSurveyEvent(i.youth, number, i.answered.at)
                for number, i in enumerate(self.invitations)
                if i.answered and i.audience is Audience.YOUTH
            ),
            key=lambda e: e.at,
        )


@dataclass(frozen=True)
class _Asked:
    """One invitation to make."""

    distribution: DemoDistribution
    email: str
    youth: DemoPerson  # who answers, or whom the employer is asked about
    placement: int | None  # for employers
    created_at: datetime
    send_after: datetime
    sent_at: datetime


class SurveySimulation:
    """Deterministic for a seed: each invitation draws from its own random stream."""

    def __init__(
        self,
        seed: int,
        window: Window,
        setup: SurveySetup,
        *,
        youth: list[DemoPerson],
        learning: list[Learning],
        placements: list[DemoPlacement],
    ) -> None:
        self.seed, self.window, self.policy, self.templates = seed, window, setup.policy, setup.templates
        self.youth, self.learning, self.placements = youth, learning, placements
        self.closes = window.at(window.days, 0)  # midnight after the last day

    def run(self) -> DemoSurveys:
        asked = [*self._career_waves(), *self._follow_ups()]
        distributions = sorted(
            {a.distribution for a in asked}, key=lambda d: (d.created_at, TYPE_ORDER.index(d.template))
        )
        numbers = {d: number for number, d in enumerate(distributions)}
        asked.sort(key=lambda a: a.created_at)  # stable: each distribution's recipients in order
        invitations = [self._invitation(numbers[a.distribution], a) for a in asked]
        return DemoSurveys(self.templates, distributions, invitations)

    def _career_waves(self) -> list[_Asked]:
        if TemplateType.CAREER not in self.templates:
            return []
        rng = random_stream(self.seed, "career waves")
        asked: list[_Asked] = []
        since: datetime | None = None
        for day in range(min(FIRST_WAVE_DAY, self.window.days - 1), self.window.days, WAVE_EVERY_DAYS):
            at = self.window.at(day, rng.randint(11 * 60, 13 * 60))
            label = "All youth" if since is None else f"Youth: registered from {self._local_day(since)}"
            wave = DemoDistribution(TemplateType.CAREER, Audience.YOUTH, label, at)
            newcomers = [
                y for y in self.youth if y.created_at < at and (since is None or since <= y.created_at)
            ]
            since = at
            # The mail worker sends a few a second.
            asked += [
                _Asked(wave, y.email, y, None, at, at, at + timedelta(seconds=3 + place * 0.15))
                for place, y in enumerate(newcomers)
            ]
        return asked

    def _follow_ups(self) -> list[_Asked]:
        """As PlacementService queues them: both surveys `placement_delay_days` after the start,
        in one automatic distribution per template, made when the first placement was recorded.
        Only those whose day came within the window."""
        due = [(number, p, self._follow_up_at(p)) for number, p in enumerate(self.placements)]
        due = [(number, p, at) for number, p, at in due if at < self.closes]
        if not due:
            return []
        first = due[0][1].recorded_at
        follow_ups = [
            DemoDistribution(template, audience, FOLLOW_UP, first, automatic=True)
            for template, audience in (
                (TemplateType.YOUTH_FEEDBACK, Audience.YOUTH),
                (TemplateType.EMPLOYER_FEEDBACK, Audience.EMPLOYER),
            )
            if template in self.templates
        ]
        asked: list[_Asked] = []
        for number, placement, at in due:
            person = self.youth[placement.youth]
            rng = random_stream(self.seed, "follow-up mail", number)
            for distribution in follow_ups:
                employer = distribution.audience is Audience.EMPLOYER
                asked.append(
                    _Asked(
                        distribution,
                        placement.contact_email if employer else person.email,
                        person,
                        number if employer else None,
                        placement.recorded_at,
                        at,
                        at + timedelta(seconds=rng.randint(5, 90)),
                    )
                )
        return asked

    def _follow_up_at(self, placement: DemoPlacement) -> datetime:
        starts = datetime.combine(placement.start_date, time(), self.window.zone).astimezone(UTC)
        return max(placement.recorded_at, starts + timedelta(days=self.policy.placement_delay_days))

    def _invitation(self, distribution: int, asked: _Asked) -> DemoInvitation:
        template = self.templates[asked.distribution.template]
        audience = asked.distribution.audience
        rng = random_stream(self.seed, "invitation", template.type, asked.youth.key)
        seed = f"{rng.getrandbits(256):064x}"
        expires_at = asked.send_after + timedelta(days=self.policy.expiry_days)
        reminders = self._reminder_runs(asked.sent_at, expires_at)
        answered_at: datetime | None = None
        if rng.random() < self._chance(asked):
            wave = rng.choices(range(len(reminders) + 1), weights=ANSWER_WAVES[: len(reminders) + 1])[0]
            at = self._answer_moment(rng, reminders[wave - 1] if wave else asked.sent_at, audience)
            answered_at = at if at < min(expires_at, self.closes) else None
        opened_at = answered_at - timedelta(minutes=rng.randint(2, 12)) if answered_at else None
        if answered_at is None and rng.random() < 0.2:  # some look and do not answer
            looked = asked.sent_at + timedelta(hours=rng.uniform(1, 72))
            opened_at = looked if looked < min(expires_at, self.closes) else None

        def stored(moment: datetime | None) -> datetime | None:
            if moment is None or not template.anonymous:
                return moment
            return datetime.combine(moment.astimezone(UTC).date(), time(), UTC)

        return DemoInvitation(
            distribution=distribution,
            template=template.type,
            audience=audience,
            recipient_email=asked.email,
            youth=asked.youth.key,
            placement=asked.placement,
            token_seed=seed,
            token_hash=token_hash(self.policy.token(seed)),
            created_at=asked.created_at,
            send_after=asked.send_after,
            expires_at=expires_at,
            sent_at=asked.sent_at,
            opened_at=stored(opened_at),
            completed_at=stored(answered_at),
            reminded_at=tuple(r for r in reminders if answered_at is None or r < answered_at),
            answered=Answered(answered_at, self._answers(rng, asked), template.anonymous)
            if answered_at
            else None,
        )

    def _chance(self, asked: _Asked) -> float:
        persona = self.learning[asked.youth.key].persona
        template = asked.distribution.template
        if template is TemplateType.CAREER:
            return CAREER_CHANCE[persona]
        return EMPLOYER_CHANCE if template is TemplateType.EMPLOYER_FEEDBACK else FEEDBACK_CHANCE[persona]

    def _answers(self, rng: random.Random, asked: _Asked) -> dict[str, Answer]:
        questions = self.templates[asked.distribution.template].questions
        learned = self.learning[asked.youth.key]
        if asked.distribution.template is TemplateType.CAREER:
            return career_answers(rng, questions, asked.youth, learned)
        if asked.distribution.template is TemplateType.EMPLOYER_FEEDBACK:
            return employer_answers(rng, questions, learned)
        return youth_feedback_answers(rng, questions, learned)

    def _reminder_runs(self, sent_at: datetime, expires_at: datetime) -> list[datetime]:
        """When the daily run would remind someone who never answers: `reminder_after_days` after
        the last mail, up to `max_reminders`, while the link works and the window lasts."""
        runs: list[datetime] = []
        last = sent_at
        while len(runs) < self.policy.max_reminders:
            due = last + timedelta(days=self.policy.reminder_after_days)
            day = self.window.index_of(due)
            run = self.window.at(day, REMINDERS_AT)
            run = run if run > due else self.window.at(day + 1, REMINDERS_AT)
            if run >= min(expires_at, self.closes):
                break
            runs.append(run)
            last = run
        return runs

    def _answer_moment(self, rng: random.Random, after: datetime, audience: Audience) -> datetime:
        """Within days of the mail: youth at lunch or in the evening, employers in office hours."""
        day = self.window.index_of(after) + rng.choices(range(6), weights=(6, 4, 2, 1, 1, 1))[0]
        if audience is Audience.YOUTH:
            minute = rng.choice((rng.randint(13 * 60, 14 * 60), rng.randint(19 * 60, 22 * 60 + 30)))
        else:
            if self.window.day(day).weekday() == 6:  # offices are closed on Sundays
                day += 1
            minute = rng.randint(10 * 60, 17 * 60 + 30)
        return max(self.window.at(day, minute), after + timedelta(minutes=rng.randint(15, 90)))

    def _local_day(self, moment: datetime) -> date:
        return moment.astimezone(self.window.zone).date()
