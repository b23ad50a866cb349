"""Recommended next modules for a youth, and the reasons behind each, as plain data.

A reason carries its facts, not its wording: the pages phrase them in the reader's language.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from mb.domain.model.module import Difficulty, Module


class Part(StrEnum):
    """The parts a recommendation's score is made of."""

    SECTOR_INTEREST = "sector_interest"
    SKILL_GAP = "skill_gap"
    EFFECTIVENESS = "effectiveness"
    DIFFICULTY_STEP = "difficulty_step"


class LevelStep(StrEnum):
    START = "start"  # a beginner module for a youth who has completed nothing yet
    SAME = "same"  # the level of the hardest module they have completed
    NEXT = "next"  # one level above it


@dataclass(frozen=True)
class Uptake:
    """How a module fared: of the youth who started it, how many completed it — among youth
    similar to the one asking, and among all youth."""

    similar_learners: int = 0
    similar_completed: int = 0
    learners: int = 0
    completed: int = 0


@dataclass(frozen=True)
class LearnerState:
    """What the rule knows about a youth: what they say about themselves and what they hold."""

    sector_interests: frozenset[str]
    skills: frozenset[str]
    held: frozenset[int]  # module ids with any assignment, withdrawn ones included
    completed: frozenset[int]  # module ids they completed


@dataclass(frozen=True)
class InterestMatch:
    sector: str


@dataclass(frozen=True)
class FillsSkillGap:
    skills: tuple[str, ...]  # skills the module teaches that the youth does not have yet


@dataclass(frozen=True)
class OftenCompleted:
    completed: int  # of similar youth who started it
    learners: int


@dataclass(frozen=True)
class FitsLevel:
    level: Difficulty
    step: LevelStep


Reason = InterestMatch | FillsSkillGap | OftenCompleted | FitsLevel


@dataclass(frozen=True)
class Recommendation:
    module: Module
    score: float
    parts: Mapping[Part, float]  # each part's weighted contribution; they add up to `score`
    reasons: tuple[Reason, ...]
