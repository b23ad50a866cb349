from dataclasses import dataclass, field

from mb.domain.rules.survey_tokens import token_for


@dataclass(frozen=True)
class SurveyPolicy:
    """How invitations behave, from settings: where links point, how long they work, reminders."""

    secret_key: str = field(repr=False)
    public_url: str
    timezone: str = "UTC"
    expiry_days: int = 30
    reminder_after_days: int = 7
    max_reminders: int = 2
    placement_delay_days: int = 30

    def token(self, seed: str) -> str:
        return token_for(self.secret_key, seed)

    def link(self, seed: str) -> str:
        return f"{self.public_url.rstrip('/')}/s/{self.token(seed)}"
