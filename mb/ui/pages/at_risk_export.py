"""The at-risk board as a CSV file: one line per youth of the filter, reasons in plain words."""

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from mb.domain.model.insights import BoardRow
from mb.domain.model.regions import REGIONS
from mb.domain.rules.spreadsheet import csv_bytes
from mb.ui.i18n import t
from mb.ui.pages.risk_text import kind_text, level_text, reason_text
from mb.ui.services import services


def board_csv(rows: Sequence[BoardRow], with_mentor: bool) -> bytes:
    header = ["Name", "Student ID", "Region", *(["Mentor"] if with_mentor else [])]
    header += ["Risk score", "Risk level", "Reasons", "Risk score 7 days ago", "Days inactive"]
    header += ["Average completion %", "Last contact", "Last contact by"]
    zone = ZoneInfo(services().settings.mb_timezone)  # contacts in the programme's time, as shown
    return csv_bytes([t(name) for name in header], [_line(row, with_mentor, zone) for row in rows])


def _line(row: BoardRow, with_mentor: bool, zone: ZoneInfo) -> list[str]:
    contact = row.last_contact
    return [
        row.full_name,
        row.student_id,
        t(REGIONS.get(row.region, row.region)),
        *([row.mentor_name] if with_mentor else []),
        str(row.score),
        level_text(row.level),
        "; ".join(reason_text(reason) for reason in row.reasons),
        "" if row.score_7_days_ago is None else str(row.score_7_days_ago),
        str(row.days_inactive),
        f"{row.avg_completion:.1f}",
        contact.at.astimezone(zone).isoformat(timespec="minutes") if contact else "",
        kind_text(contact.kind) if contact else "",
    ]
