"""Finding a person by part of their name or student ID, as typed."""

from sqlalchemy import ColumnElement, func

from mb.adapters.db.tables import UserRow


def name_or_student_id_matches(term: str) -> list[ColumnElement[bool]]:
    """Conditions, any of which matching finds the person: `term` anywhere in the full name (any
    case) or the student ID. LIKE wildcards in `term` are matched as themselves."""
    # lower() folds only ASCII on SQLite, so the term as typed is matched too: "Élodie" finds Élodie.
    return [
        func.lower(UserRow.full_name).contains(term.lower(), autoescape=True),
        UserRow.full_name.contains(term, autoescape=True),
        UserRow.student_id.contains(term.upper(), autoescape=True),
    ]
