"""Risk of dropping out, from one day's features (DESIGN §4), with every reason that added to it.

Rules, in the order their reasons are listed; each adds its weight from `RiskWeights`:

- inactivity: more than 14 days → `inactive_over_14`, else more than 7 → `inactive_over_7`, else
  more than 3 → `inactive_over_3` (only the highest tier applies);
- low completion, only for a youth with at least one module assigned (one with nothing assigned
  is covered by "nothing started"): average under 30 % → `completion_under_30`, else under 50 %
  → `completion_under_50`;
- started but none completed more than 21 days after registering → `started_none_completed`;
- nothing started more than 7 days after registering → `nothing_started`;
- no quiz attempt and no career survey more than 14 days after registering → `no_quiz_or_career`.

The score is capped at 10; the level is HIGH from `high_from`, MEDIUM from `medium_from`, else
LOW. A rule whose weight is 0 adds no reason. Reasons keep the points each actually added, so
they always sum to the score: past the cap, the reason that crosses it keeps what fitted and
later ones stay listed with 0 (they are still true of the youth, and the next action reads
them). Reasons are stored as text ("code:points,code:points") next to the score.
"""

from collections.abc import Iterable
from functools import lru_cache

from mb.domain.model.daily_features import DailyFeatures
from mb.domain.model.risk import RiskAssessment, RiskLevel, RiskReason, RiskReasonCode, RiskWeights

MAX_SCORE = 10

_CODES = {code.value: code for code in RiskReasonCode}
_WEIGHT_OF = {
    RiskReasonCode.INACTIVE_LONG: "inactive_over_14",
    RiskReasonCode.INACTIVE_WEEK: "inactive_over_7",
    RiskReasonCode.INACTIVE_FEW_DAYS: "inactive_over_3",
    RiskReasonCode.COMPLETION_VERY_LOW: "completion_under_30",
    RiskReasonCode.COMPLETION_LOW: "completion_under_50",
    RiskReasonCode.STARTED_NONE_DONE: "started_none_completed",
    RiskReasonCode.NOTHING_STARTED: "nothing_started",
    RiskReasonCode.NO_QUIZ_OR_CAREER: "no_quiz_or_career",
}


def assess(features: DailyFeatures, weights: RiskWeights) -> RiskAssessment:
    """The youth's risk on the features' day: score 0-10, level and the reasons in rule order."""
    made = _reasons_for(weights)
    found: list[RiskReason | None] = []
    inactive = features.days_inactive
    if inactive > 14:
        found.append(made[RiskReasonCode.INACTIVE_LONG])
    elif inactive > 7:
        found.append(made[RiskReasonCode.INACTIVE_WEEK])
    elif inactive > 3:
        found.append(made[RiskReasonCode.INACTIVE_FEW_DAYS])

    if features.modules_assigned > 0:
        completion = features.avg_completion
        if completion < 30:
            found.append(made[RiskReasonCode.COMPLETION_VERY_LOW])
        elif completion < 50:
            found.append(made[RiskReasonCode.COMPLETION_LOW])

    registered_days = features.days_since_registration
    started = features.modules_started
    if registered_days > 21 and started > 0 and features.modules_completed == 0:
        found.append(made[RiskReasonCode.STARTED_NONE_DONE])
    if registered_days > 7 and started == 0:
        found.append(made[RiskReasonCode.NOTHING_STARTED])
    if registered_days > 14 and features.quiz_attempts == 0 and not features.career_survey_done:
        found.append(made[RiskReasonCode.NO_QUIZ_OR_CAREER])

    reasons = [reason for reason in found if reason is not None]  # None: a rule weighted 0
    total = sum(reason.points for reason in reasons)
    if total > MAX_SCORE:
        reasons = _capped(reasons)
        total = MAX_SCORE
    return RiskAssessment(total, level_for(total, weights), tuple(reasons))


def level_for(score: int, weights: RiskWeights) -> RiskLevel:
    """HIGH from `weights.high_from`, MEDIUM from `weights.medium_from`, LOW below."""
    if score >= weights.high_from:
        return RiskLevel.HIGH
    if score >= weights.medium_from:
        return RiskLevel.MEDIUM
    return RiskLevel.LOW


def encode_reasons(reasons: Iterable[RiskReason]) -> str:
    """Reasons as stored next to the score: "code:points,code:points"."""
    return ",".join(f"{reason.code.value}:{reason.points}" for reason in reasons)


def decode_reasons(text: str) -> tuple[RiskReason, ...]:
    """Stored reasons back; codes this version does not know (or malformed parts) are left out,
    so rows written under other rules never break a page."""
    reasons = []
    for part in text.split(","):
        code, _, points = part.strip().partition(":")
        known = _CODES.get(code)
        points = points.strip()
        if known is not None and points.isdecimal():  # weights are never negative
            reasons.append(RiskReason(known, int(points)))
    return tuple(reasons)


def _capped(reasons: list[RiskReason]) -> list[RiskReason]:
    room = MAX_SCORE
    kept = []
    for reason in reasons:
        points = min(reason.points, room)
        room -= points
        kept.append(reason if points == reason.points else RiskReason(reason.code, points))
    return kept


# Each rule's reason is made once per set of weights: the same weights serve every youth of a
# sync, and building frozen reasons per youth was most of the cost.
@lru_cache(maxsize=16)
def _reasons_for(weights: RiskWeights) -> dict[RiskReasonCode, RiskReason | None]:
    made: dict[RiskReasonCode, RiskReason | None] = {}
    for code, name in _WEIGHT_OF.items():
        points: int = getattr(weights, name)
        made[code] = RiskReason(code, points) if points else None
    return made
