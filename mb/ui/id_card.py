"""The youth's student ID card as an SVG file they can download, print or show on a phone."""

from xml.sax.saxutils import escape

from mb.domain.model.education import EDUCATION_LEVELS
from mb.domain.model.regions import REGIONS
from mb.domain.model.user import User


def id_card_svg(user: User) -> bytes:
    lines = [
        ("Name", user.full_name),
        ("Student ID", user.student_id or ""),
        ("Institution", user.institution),
        ("Education", EDUCATION_LEVELS.get(user.education_level, user.education_level)),
        ("Region", REGIONS.get(user.region, user.region)),
        ("Enrolled", user.created_at.date().isoformat()),
    ]
    rows = "".join(
        f'<text x="24" y="{110 + 34 * i}" font-size="13" fill="#444">{escape(label)}</text>'
        f'<text x="130" y="{110 + 34 * i}" font-size="16" fill="#111">{escape(value[:48])}</text>'
        for i, (label, value) in enumerate(lines)
    )
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="520" height="330" viewBox="0 0 520 330" '
        'font-family="Noto Sans, Arial, sans-serif">'
        '<rect width="520" height="330" rx="18" fill="#ffffff" stroke="#0b5394" stroke-width="3"/>'
        '<rect width="520" height="64" rx="18" fill="#0b5394"/>'
        '<rect y="46" width="520" height="18" fill="#0b5394"/>'
        '<text x="24" y="42" font-size="24" font-weight="bold" fill="#ffffff">MB Compass</text>'
        '<text x="496" y="42" font-size="14" fill="#ffffff" text-anchor="end">Student ID card</text>'
        f"{rows}</svg>"
    )
    return svg.encode("utf-8")
