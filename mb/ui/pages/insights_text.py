"""How the insights' figures read for staff: stage, grouping, band and rating names, changes."""

from mb.domain.model.insight_views import EffectivenessRating, FitBand, FunnelGrouping, FunnelStage
from mb.domain.model.regions import REGIONS
from mb.ui.i18n import t

STAGES = {
    FunnelStage.REGISTERED: "Registered",
    FunnelStage.CAREER_SURVEY_DONE: "Career survey done",
    FunnelStage.STARTED_LEARNING: "Started learning",
    FunnelStage.COMPLETED_A_MODULE: "Completed a module",
    FunnelStage.EARNED_A_BADGE: "Earned a badge",
    FunnelStage.PLACED: "Placed",
}
GROUPINGS = {
    FunnelGrouping.NONE: "Whole programme",
    FunnelGrouping.REGION: "By region",
    FunnelGrouping.COHORT: "By cohort (month registered)",
}
BANDS = {FitBand.GREEN: "Green (70+)", FitBand.AMBER: "Amber (50–69)", FitBand.RED: "Red (under 50)"}
RATINGS = {
    EffectivenessRating.HIGH: "High",
    EffectivenessRating.MEDIUM: "Medium",
    EffectivenessRating.NEEDS_IMPROVEMENT: "Needs improvement",
}


def stage_text(stage: FunnelStage) -> str:
    return t(STAGES[stage])


def region_text(code: str) -> str:
    return t(REGIONS.get(code, code)) if code else t("No region given")


def rating_text(rating: EffectivenessRating | None) -> str:
    return t(RATINGS[rating]) if rating else t("No learners yet")


def change_text(change: float | None, decimals: int = 0, unit: str = "") -> str:
    """`+3 in 7 days`, `-1.5 points in 7 days` (written with a minus sign), `no change in 7 days`;
    without a figure from a week before, says so."""
    if change is None:
        return t("no figures from 7 days before")
    if round(change, decimals) == 0:
        return t("no change in 7 days")
    sign = "+" if change > 0 else "−"  # a real minus sign: a hyphen reads as a dash
    amount = f"{abs(change):.{decimals}f}"
    return t("{sign}{amount}{unit} in 7 days", sign=sign, amount=amount, unit=unit)
