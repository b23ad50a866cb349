"""Importing youth from a CSV file: the rows that can be imported and the problems of the others."""

from dataclasses import dataclass, field

from mb.domain.model.profile import ProfileFields


@dataclass(frozen=True)
class RowProblem:
    """Why one line of the file cannot be imported; `column` is empty when the whole row is at fault."""

    line: int
    column: str
    message: str


@dataclass(frozen=True)
class YouthRow:
    """One valid line of the file: a youth ready to be enrolled."""

    line: int
    email: str
    profile: ProfileFields


@dataclass(frozen=True)
class ImportPreview:
    """What importing the file would do, computed without writing anything."""

    rows: int
    importable: int
    problems: list[RowProblem]


@dataclass(frozen=True)
class ImportedYouth:
    line: int
    email: str
    full_name: str
    student_id: str
    temporary_password: str = field(repr=False)


@dataclass(frozen=True)
class ImportResult:
    """Enrolled youth and the lines that were skipped. `sign_in_sheet` is a CSV of
    email, student_id, temporary_password for the admin to hand out; it is shown once, never stored.
    """

    rows: int
    imported: list[ImportedYouth]
    problems: list[RowProblem]
    sign_in_sheet: bytes = field(repr=False)
