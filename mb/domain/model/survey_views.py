"""What the survey pages show, shaped by the services."""

from dataclasses import dataclass, field
from datetime import date, datetime

from mb.domain.model.invitation import Audience, DeliveryStatus, Distribution
from mb.domain.model.risk import RiskLevel
from mb.domain.model.survey import SurveyQuestion, SurveyTemplate


@dataclass(frozen=True)
class Recipient:
    """Someone a distribution would reach."""

    email: str
    youth_id: int | None
    placement_id: int | None
    name: str  # the youth's name (for employers: the youth they are asked about)
    already_invited: bool  # holds an open invitation to this template already


@dataclass(frozen=True)
class RecipientChoice:
    """Who a distribution goes to: youth by filter, or the employers of placements by start date."""

    audience: Audience
    youth_region: str = ""
    youth_institution: str = ""
    youth_education_level: str = ""
    youth_sector_interest: str = ""
    registered_from: date | None = None
    registered_to: date | None = None
    youth_risk_level: RiskLevel | None = None  # on the programme's newest day of features
    placements_from: date | None = None
    placements_to: date | None = None


@dataclass(frozen=True)
class DistributionPreview:
    matching: int
    already_invited: int

    @property
    def to_invite(self) -> int:
        return self.matching - self.already_invited


@dataclass(frozen=True)
class DistributionCounts:
    invited: int = 0
    queued: int = 0
    sent: int = 0
    failed: int = 0
    opened: int = 0
    completed: int = 0
    expired: int = 0

    @property
    def response_rate(self) -> float:
        """Answered out of delivered, 0-100."""
        return 100.0 * self.completed / self.sent if self.sent else 0.0


@dataclass(frozen=True)
class DistributionSummary:
    distribution: Distribution
    template_name: str
    template_version: int
    anonymous: bool
    counts: DistributionCounts


@dataclass(frozen=True)
class InvitationRow:
    """One line of a distribution's recipient list. For anonymous templates whether and when each
    person opened or answered is left out (None): with few answers it would point at theirs."""

    invitation_id: int
    email: str
    name: str
    delivery: DeliveryStatus
    failure_reason: str
    sent_at: datetime | None
    opened: bool | None
    completed: bool | None
    opened_at: datetime | None
    completed_at: datetime | None
    reminders_sent: int | None  # None for anonymous templates: only those yet to answer get any
    expires_at: datetime
    # Whether `link_for` gives a working link now: gone out, not expired and, unless the template
    # is anonymous (where that would tell who answered), not answered.
    link_usable: bool = False


@dataclass(frozen=True)
class DayProgress:
    day: date
    sent: int
    completed: int
    cumulative_rate: float  # answered so far out of sent so far, 0-100


@dataclass(frozen=True)
class QuestionResult:
    """One question's answers, gathered: counts per value for ratings, scales and choices (in the
    order they are offered), the average for ratings and scales, the texts for text questions."""

    question: SurveyQuestion
    answered: int
    counts: list[tuple[str, int]] = field(default_factory=list)
    average: float | None = None
    texts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DistributionResults:
    summary: DistributionSummary
    over_time: list[DayProgress]
    questions: list[QuestionResult]


@dataclass(frozen=True)
class SurveyForm:
    """What a respondent sees at /s/<token>."""

    template_name: str
    description: str
    questions: tuple[SurveyQuestion, ...]
    anonymous: bool
    about: str  # for employers, the youth and job the survey is about; empty otherwise
    expires_at: datetime


@dataclass(frozen=True)
class PendingSurvey:
    """An open invitation on a youth's /surveys page, with the link that answers it."""

    template_name: str
    link_token: str
    expires_at: datetime
    question_count: int


@dataclass(frozen=True)
class TemplateListing:
    template: SurveyTemplate
    responses: int
