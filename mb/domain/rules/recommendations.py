"""Which modules a youth could take next, best first, each with the reasons it was chosen.

Candidates are the active modules the youth holds no assignment for (a withdrawn one counts as
held: staff chose to take it away) whose prerequisites they have all completed. Each is scored
from four parts, every one between -1 and 1 and weighted by WEIGHTS:

- sector interest: 1 when the module's sector is one the youth is interested in;
- skill gap: the share of the module's skills the youth does not have yet (skills they listed
  on their profile, plus those of modules they completed);
- effectiveness: how often similar youth who started the module completed it, smoothed twice so
  a module few have tried cannot top the list: toward the module's rate among all youth, and
  that toward the programme's rate, each with the weight of SMOOTHING learners;
- difficulty step: 1 for the next sensible level (beginner for someone who has completed
  nothing, else the level of the hardest module completed or one above), a little for an easier
  module, and a penalty for jumping two levels or more.

Ties go to the module code, so the same data always gives the same list.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from mb.domain.model.assignment import Assignment, AssignmentStatus
from mb.domain.model.module import Difficulty, Module, ModuleStatus
from mb.domain.model.profile import ProfileFields
from mb.domain.model.recommendation import (
    FillsSkillGap,
    FitsLevel,
    InterestMatch,
    LearnerState,
    LevelStep,
    OftenCompleted,
    Part,
    Reason,
    Recommendation,
    Uptake,
)

WEIGHTS: Mapping[Part, float] = {
    Part.SECTOR_INTEREST: 3.0,
    Part.EFFECTIVENESS: 2.0,
    Part.SKILL_GAP: 1.5,
    Part.DIFFICULTY_STEP: 1.5,
}
LIMIT = 3
SMOOTHING = 10  # learners' worth of weight the broader rate carries
MIN_EVIDENCE = 5  # similar learners needed before "similar youth complete it" is said
UNKNOWN_RATE = 0.5  # the programme's completion rate before anyone has started anything
LEVELS = {Difficulty.BEGINNER: 0, Difficulty.INTERMEDIATE: 1, Difficulty.ADVANCED: 2}
NOTHING_COMPLETED = -1  # just below beginner
EASIER_FIT = 0.25
JUMP_FIT = -1.0


def recommend(
    learner: LearnerState, catalogue: Sequence[Module], uptake: Mapping[int, Uptake], limit: int = LIMIT
) -> list[Recommendation]:
    """The `limit` best candidates for `learner`, highest score first."""
    programme = programme_rate(uptake.values())
    known = _known_skills(learner, catalogue)
    reached = max(
        (LEVELS[m.difficulty] for m in catalogue if m.id in learner.completed), default=NOTHING_COMPLETED
    )
    scored = [
        _scored(
            module,
            learner,
            known=known,
            reached=reached,
            uptake=uptake.get(module.id or 0, Uptake()),
            programme=programme,
        )
        for module in eligible(learner, catalogue)
    ]
    scored.sort(key=lambda r: (-round(r.score, 9), r.module.code))
    return scored[:limit]


def learner_state(
    youth: ProfileFields, assignments: Iterable[Assignment], completed_before: datetime | None = None
) -> LearnerState:
    """The youth as the rule sees them; with `completed_before`, only what they had completed by then.

    Completing is a fact: a module withdrawn after completion still counts as completed.
    """
    held = list(assignments)
    completed = {
        a.module_id
        for a in held
        if (a.status is AssignmentStatus.COMPLETED or a.completed_at is not None)
        and (completed_before is None or (a.completed_at is not None and a.completed_at < completed_before))
    }
    return LearnerState(
        sector_interests=frozenset(youth.sector_interests),
        skills=frozenset(youth.skills),
        held=frozenset(a.module_id for a in held),
        completed=frozenset(completed),
    )


def eligible(learner: LearnerState, catalogue: Sequence[Module]) -> list[Module]:
    """Active modules the youth does not hold, with every prerequisite completed."""
    return [
        m
        for m in catalogue
        if m.id is not None
        and m.status is ModuleStatus.ACTIVE
        and m.id not in learner.held
        and all(p in learner.completed for p in m.prerequisites)
    ]


def programme_rate(uptake: Iterable[Uptake]) -> float:
    """Completed per learner over every module: where unproven modules' rates are pulled to."""
    rows = list(uptake)
    learners = sum(u.learners for u in rows)
    return sum(u.completed for u in rows) / learners if learners else UNKNOWN_RATE


def effectiveness(uptake: Uptake, programme: float) -> float:
    """Similar youth's completion rate, smoothed toward the module's, smoothed toward the programme's."""
    module = (uptake.completed + SMOOTHING * programme) / (uptake.learners + SMOOTHING)
    return (uptake.similar_completed + SMOOTHING * module) / (uptake.similar_learners + SMOOTHING)


def _scored(
    module: Module, learner: LearnerState, *, known: set[str], reached: int, uptake: Uptake, programme: float
) -> Recommendation:
    reasons: dict[Part, Reason] = {}
    interests = {s.strip().lower() for s in learner.sector_interests}
    interest = 1.0 if module.sector and module.sector.strip().lower() in interests else 0.0
    if interest:
        reasons[Part.SECTOR_INTEREST] = InterestMatch(module.sector)

    new_skills = tuple(s for s in module.skills if s.strip().lower() not in known)
    gap = len(new_skills) / len(module.skills) if module.skills else 0.0
    if new_skills:
        reasons[Part.SKILL_GAP] = FillsSkillGap(new_skills)

    rate = effectiveness(uptake, programme)
    if (
        uptake.similar_learners >= MIN_EVIDENCE
        and uptake.similar_completed >= programme * uptake.similar_learners
    ):
        reasons[Part.EFFECTIVENESS] = OftenCompleted(uptake.similar_completed, uptake.similar_learners)

    step = LEVELS[module.difficulty] - reached
    fit = EASIER_FIT if step < 0 else 1.0 if step <= 1 else JUMP_FIT
    if step in (0, 1):
        kind = LevelStep.NEXT if step else LevelStep.SAME
        kind = LevelStep.START if reached == NOTHING_COMPLETED else kind
        reasons[Part.DIFFICULTY_STEP] = FitsLevel(module.difficulty, kind)

    raw = {
        Part.SECTOR_INTEREST: interest,
        Part.SKILL_GAP: gap,
        Part.EFFECTIVENESS: rate,
        Part.DIFFICULTY_STEP: fit,
    }
    parts = {part: WEIGHTS[part] * value for part, value in raw.items()}
    strongest = sorted(reasons, key=lambda part: -parts[part])  # stable: on a tie, the order above
    return Recommendation(module, sum(parts.values()), parts, tuple(reasons[p] for p in strongest))


def _known_skills(learner: LearnerState, catalogue: Sequence[Module]) -> set[str]:
    """Skills on the youth's profile and those of the modules they completed, compared in any case."""
    learned = [s for m in catalogue if m.id in learner.completed for s in m.skills]
    return {s.strip().lower() for s in (*learner.skills, *learned)}
