"""The risk score, case by case: every rule at its boundaries, the cap, the levels, and storage."""

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from mb.domain.model.daily_features import DailyFeatures
from mb.domain.model.risk import RiskLevel, RiskReason, RiskReasonCode, RiskWeights
from mb.domain.rules.risk import assess, decode_reasons, encode_reasons, level_for
from tests import fakes_features

C = RiskReasonCode
DEFAULT = RiskWeights()

# A youth doing well: registered long ago, active today, half their modules done, quiz taken.
ON_TRACK = fakes_features.features(
    7,
    date(2026, 3, 31),
    modules_assigned=4,
    modules_started=3,
    modules_completed=2,
    avg_completion=60.0,
    quiz_attempts=2,
    streak_days=3,
    feature_timestamp=datetime(2026, 4, 1, 1, 0, tzinfo=UTC),
)


def youth(**changes: Any) -> DailyFeatures:
    return replace(ON_TRACK, **changes)


def reasons(features: DailyFeatures, weights: RiskWeights = DEFAULT) -> list[tuple[C, int]]:
    return [(r.code, r.points) for r in assess(features, weights).reasons]


@pytest.mark.parametrize(
    ("features", "expected"),
    [
        (youth(), []),
        # Inactivity: only the highest tier, each boundary exclusive.
        (youth(days_inactive=3), []),
        (youth(days_inactive=4), [(C.INACTIVE_FEW_DAYS, 1)]),
        (youth(days_inactive=7), [(C.INACTIVE_FEW_DAYS, 1)]),
        (youth(days_inactive=8), [(C.INACTIVE_WEEK, 3)]),
        (youth(days_inactive=14), [(C.INACTIVE_WEEK, 3)]),
        (youth(days_inactive=15), [(C.INACTIVE_LONG, 4)]),
        # Completion: only one tier, boundaries exclusive, only with something assigned.
        (youth(avg_completion=50.0), []),
        (youth(avg_completion=49.9), [(C.COMPLETION_LOW, 1)]),
        (youth(avg_completion=30.0), [(C.COMPLETION_LOW, 1)]),
        (youth(avg_completion=29.9), [(C.COMPLETION_VERY_LOW, 2)]),
        (
            youth(
                avg_completion=0.0,
                modules_assigned=0,
                modules_started=0,
                modules_completed=0,
                days_since_registration=5,
            ),
            [],
        ),
        # Started but none completed: more than 21 days after registering.
        (youth(modules_completed=0, days_since_registration=21), []),
        (youth(modules_completed=0, days_since_registration=22), [(C.STARTED_NONE_DONE, 2)]),
        (youth(modules_completed=0, modules_started=0, days_since_registration=6), []),
        # Nothing started: more than 7 days after registering, assigned or not.
        (youth(modules_started=0, modules_completed=0, days_since_registration=7), []),
        (
            youth(modules_started=0, modules_completed=0, days_since_registration=8),
            [(C.NOTHING_STARTED, 2)],
        ),
        (
            youth(
                modules_assigned=0,
                modules_started=0,
                modules_completed=0,
                avg_completion=0.0,
                days_since_registration=8,
            ),
            [(C.NOTHING_STARTED, 2)],
        ),
        # No quiz attempt and no career survey: more than 14 days after registering; either saves.
        (youth(quiz_attempts=0, career_survey_done=False, days_since_registration=14), []),
        (
            youth(quiz_attempts=0, career_survey_done=False, days_since_registration=15),
            [(C.NO_QUIZ_OR_CAREER, 1)],
        ),
        (youth(quiz_attempts=0, career_survey_done=True, days_since_registration=15), []),
        (youth(quiz_attempts=1, career_survey_done=False, days_since_registration=15), []),
        # Everything at once, in rule order.
        (
            youth(
                days_inactive=30,
                avg_completion=10.0,
                modules_completed=0,
                quiz_attempts=0,
                career_survey_done=False,
            ),
            [
                (C.INACTIVE_LONG, 4),
                (C.COMPLETION_VERY_LOW, 2),
                (C.STARTED_NONE_DONE, 2),
                (C.NO_QUIZ_OR_CAREER, 1),
            ],
        ),
    ],
)
def test_each_rule_adds_its_weight_past_its_boundary(features: DailyFeatures, expected: list[Any]) -> None:
    assessed = assess(features, DEFAULT)
    assert reasons(features) == expected
    assert assessed.score == sum(points for _, points in expected)


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (0, RiskLevel.LOW),
        (3, RiskLevel.LOW),
        (4, RiskLevel.MEDIUM),
        (6, RiskLevel.MEDIUM),
        (7, RiskLevel.HIGH),
        (10, RiskLevel.HIGH),
    ],
)
def test_levels_follow_the_thresholds(score: int, level: RiskLevel) -> None:
    assert level_for(score, DEFAULT) is level


def test_levels_follow_thresholds_from_settings() -> None:
    weights = RiskWeights(high_from=5, medium_from=2)
    assert [level_for(s, weights) for s in (1, 2, 4, 5)] == [
        RiskLevel.LOW,
        RiskLevel.MEDIUM,
        RiskLevel.MEDIUM,
        RiskLevel.HIGH,
    ]


SLIPPING = youth(
    days_inactive=20,
    avg_completion=0.0,
    modules_started=0,
    modules_completed=0,
    quiz_attempts=0,
    career_survey_done=False,
)


def test_a_youth_slipping_in_every_way_is_high_risk() -> None:
    assessed = assess(SLIPPING, DEFAULT)
    assert (assessed.score, assessed.level) == (9, RiskLevel.HIGH)
    assert [r.code for r in assessed.reasons] == [
        C.INACTIVE_LONG,
        C.COMPLETION_VERY_LOW,
        C.NOTHING_STARTED,
        C.NO_QUIZ_OR_CAREER,
    ]


def test_weights_from_settings_replace_the_defaults() -> None:
    weights = RiskWeights(inactive_over_14=5, completion_under_30=1, nothing_started=3, no_quiz_or_career=0)
    assert reasons(SLIPPING, weights) == [
        (C.INACTIVE_LONG, 5),
        (C.COMPLETION_VERY_LOW, 1),
        (C.NOTHING_STARTED, 3),
    ]
    assert assess(SLIPPING, weights).score == 9


def test_a_rule_weighted_zero_adds_no_reason() -> None:
    zero = RiskWeights(**{name: 0 for name in RiskWeights.__dataclass_fields__ if not name.endswith("_from")})
    assessed = assess(SLIPPING, zero)
    assert (assessed.score, assessed.level, assessed.reasons) == (0, RiskLevel.LOW, ())


def test_the_score_is_capped_at_ten_and_the_reasons_sum_to_it() -> None:
    heavy = RiskWeights(inactive_over_14=6, completion_under_30=3, nothing_started=3, no_quiz_or_career=2)
    assessed = assess(SLIPPING, heavy)
    assert assessed.score == 10
    # The reason that crosses the cap keeps what fitted; the one after stays listed, adding nothing.
    assert reasons(SLIPPING, heavy) == [
        (C.INACTIVE_LONG, 6),
        (C.COMPLETION_VERY_LOW, 3),
        (C.NOTHING_STARTED, 1),
        (C.NO_QUIZ_OR_CAREER, 0),
    ]


def test_exactly_ten_is_not_trimmed() -> None:
    weights = RiskWeights(inactive_over_14=4, completion_under_30=3, nothing_started=2, no_quiz_or_career=1)
    assert assess(SLIPPING, weights).score == 10
    assert [p for _, p in reasons(SLIPPING, weights)] == [4, 3, 2, 1]


def test_reasons_survive_storage() -> None:
    assessed = assess(SLIPPING, DEFAULT)
    text = encode_reasons(assessed.reasons)
    assert text == (
        "inactive_over_14_days:4,completion_under_30:2,nothing_started_7_days:2,no_quiz_or_career_survey_14_days:1"
    )
    assert decode_reasons(text) == assessed.reasons
    assert encode_reasons(()) == ""
    assert decode_reasons("") == ()


@pytest.mark.parametrize(
    "text",
    [
        "retired_rule:3,inactive_over_7_days:3",
        "inactive_over_7_days:3,retired_rule:3",
        "inactive_over_7_days:3,,inactive_over_7_days",
        " inactive_over_7_days:3 ,completion_under_50:x",
        "inactive_over_7_days:3,completion_under_50:--1,completion_under_30:²",
    ],
)
def test_decoding_leaves_out_what_it_does_not_know(text: str) -> None:
    assert decode_reasons(text) == (RiskReason(C.INACTIVE_WEEK, 3),)
