from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Difficulty(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class ModuleStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"


@dataclass(frozen=True)
class Question:
    """A multiple-choice question with exactly one correct option."""

    text: str
    options: tuple[str, ...]
    correct: int


@dataclass(frozen=True)
class Quiz:
    questions: tuple[Question, ...]
    pass_mark: int  # percent of questions answered correctly


@dataclass(kw_only=True)
class ModuleDetails:
    """What staff write about a module; the same on create and edit."""

    code: str
    title: str
    description: str = ""
    duration_hours: float = 1.0
    skills: list[str] = field(default_factory=list)
    sector: str = ""
    prerequisites: list[int] = field(default_factory=list)
    difficulty: Difficulty = Difficulty.BEGINNER
    points: int = 10
    due_in_days: int | None = None


@dataclass(kw_only=True)
class Module(ModuleDetails):
    """A learning module in the catalogue."""

    status: ModuleStatus = ModuleStatus.ACTIVE
    quiz: Quiz | None = None
    created_at: datetime
    updated_at: datetime
    id: int | None = None


@dataclass
class Material:
    """A file that belongs to a module, kept in blob storage under `blob_key`."""

    module_id: int
    filename: str
    content_type: str
    size_bytes: int
    blob_key: str
    uploaded_by: int | None
    uploaded_at: datetime
    id: int | None = None
