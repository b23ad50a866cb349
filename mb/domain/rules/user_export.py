"""The user directory as CSV columns: one row a person, times in UTC (ISO 8601)."""

from datetime import datetime

from mb.domain.model.user_query import UserListing

EXPORT_HEADER = (
    "student_id",
    "full_name",
    "email",
    "role",
    "region",
    "institution",
    "education_level",
    "mentor_email",
    "active",
    "created_at",
    "last_login_at",
)


def export_row(listing: UserListing) -> list[str]:
    user = listing.user
    return [
        user.student_id or "",
        user.full_name,
        user.email,
        user.role.value,
        user.region,
        user.institution,
        user.education_level,
        listing.mentor.email if listing.mentor else "",
        "yes" if user.is_active else "no",
        _moment(user.created_at),
        _moment(user.last_login_at),
    ]


def _moment(at: datetime | None) -> str:
    return at.isoformat(timespec="seconds") if at else ""
