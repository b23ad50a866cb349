"""Survey templates: the questions a survey asks, kept in versions once anyone has answered."""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class QuestionKind(StrEnum):
    RATING = "rating"  # 1 to 5
    SCALE = "scale"  # 0 to 10
    SINGLE = "single"  # one of the options
    MULTI = "multi"  # any of the options
    YES_NO = "yes_no"
    TEXT = "text"  # free text up to `max_length` characters


CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTI})


class TemplateType(StrEnum):
    YOUTH_FEEDBACK = "youth_feedback"
    EMPLOYER_FEEDBACK = "employer_feedback"
    CAREER = "career"
    CUSTOM = "custom"


class Feeds(StrEnum):
    """Where a youth's answer is also written; only for templates that are not anonymous."""

    NOTHING = ""
    SECTOR_INTERESTS = "sector_interests"


@dataclass(frozen=True)
class SurveyQuestion:
    """One question. `key` names it in answers and exports and stays the same across versions."""

    key: str
    text: str
    kind: QuestionKind
    required: bool = True
    options: tuple[str, ...] = ()
    max_length: int = 500
    feeds: Feeds = Feeds.NOTHING


@dataclass(kw_only=True)
class TemplateDraft:
    """What an admin writes in the editor; the same for a new template and an edit."""

    name: str
    type: TemplateType = TemplateType.CUSTOM
    description: str = ""
    anonymous: bool = False
    questions: list[SurveyQuestion] = field(default_factory=list)


@dataclass(kw_only=True)
class SurveyTemplate(TemplateDraft):
    """One version of a template. Versions of the same template share `family_id` (the id of the
    first version); `current` marks the newest, the one new distributions use."""

    version: int = 1
    family_id: int | None = None
    current: bool = True
    active: bool = True
    created_by: int | None = None
    created_at: datetime
    id: int | None = None
