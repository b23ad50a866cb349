"""Reading a CSV file of youth to enrol: first a verdict on the file, then one on every line.

A problem with the file as a whole (not UTF-8, wrong header, too big) raises InvalidInput under
the key "file"; a problem with a line is reported for that line and the other lines still count.
Each line is checked with the same rules as self-registration.
"""

import _csv
import codecs
import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from mb.domain.errors import InvalidInput
from mb.domain.model.education import EDUCATION_LEVELS
from mb.domain.model.profile import ProfileFields
from mb.domain.model.regions import REGIONS
from mb.domain.model.sectors import SECTORS
from mb.domain.model.youth_import import ImportedYouth, RowProblem, YouthRow
from mb.domain.rules.email import email_problem, normalize_email
from mb.domain.rules.profile import clean_profile, profile_problems
from mb.domain.rules.spreadsheet import csv_bytes, unguarded

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_LINE_CHARS = 5_000  # a youth's line is a few hundred characters; far longer is not a youth
REQUIRED = ("email", "full_name", "institution", "education_level", "region")
OPTIONAL = ("phone", "date_of_birth", "skills", "sector_interests")
LIST_SEPARATOR = ";"
SAVE_AS_UTF8 = "In Excel choose Save As → “CSV UTF-8 (Comma delimited)”, then upload the file again."
SIGN_IN_SHEET_HEADER = ("email", "student_id", "temporary_password")


@dataclass(frozen=True)
class YouthCsv:
    """The verdict on every line; blank lines are skipped and not counted."""

    rows: int
    valid: list[YouthRow]
    problems: list[RowProblem]


def read_youth_csv(data: bytes, today: date) -> YouthCsv:
    text = _decoded(data)
    _check_line_lengths(text)
    reader = csv.reader(io.StringIO(text, newline=""))
    names = _header(next(_records(reader)))
    valid: list[YouthRow] = []
    problems: list[RowProblem] = []
    first_line_of: dict[str, int] = {}
    rows, last_line = 0, reader.line_num
    for cells in _records(reader):
        line, last_line = last_line + 1, reader.line_num
        if line < last_line:
            raise _file_problem(
                f"A quoted value on line {line} runs on to line {last_line}. Each youth must be on one "
                f'line; check for a missing closing quote (").'
            )
        if not any(cell.strip() for cell in cells):
            continue
        rows += 1
        if rows > MAX_ROWS:
            raise _file_problem(f"The file has more than {MAX_ROWS:,} youth; split it into smaller files.")
        youth, found = _read_row(line, names, cells, today)
        if youth is not None and not any(problem.column == "email" for problem in found):
            found.extend(_repeated_email(youth, first_line_of))
        if found:
            problems.extend(found)
        elif youth is not None:
            valid.append(youth)
    if rows == 0:
        raise _file_problem("The file has a header but no youth in it.")
    return YouthCsv(rows, valid, problems)


def sign_in_sheet(imported: Sequence[ImportedYouth]) -> bytes:
    """What the admin hands out: each youth's email, student ID and temporary password."""
    return csv_bytes(SIGN_IN_SHEET_HEADER, [(y.email, y.student_id, y.temporary_password) for y in imported])


def _repeated_email(youth: YouthRow, first_line_of: dict[str, int]) -> list[RowProblem]:
    earlier = first_line_of.setdefault(youth.email, youth.line)
    if earlier == youth.line:
        return []
    message = f"{youth.email} is also on line {earlier}; each youth is imported once."
    return [RowProblem(youth.line, "email", message)]


def _file_problem(message: str) -> InvalidInput:
    return InvalidInput({"file": message})


def size_problem(size: int) -> str | None:
    """Why a file of `size` bytes is refused unread, or None."""
    if size <= MAX_BYTES:
        return None
    return (
        f"The file is {size / 1_048_576:.1f} MB; at most {MAX_BYTES // 1_048_576} MB can be imported "
        f"at once. Split it into smaller files."
    )


def template() -> bytes:
    """A file to fill in: every column, and one example youth."""
    example = (
        "priya@example.org", "Priya Sharma", "Government ITI Pune", "iti_diploma", "MH",
        "98765 43210", "2005-08-15", "Excel;Tally", "Retail;IT/ITES",
    )  # fmt: skip
    return csv_bytes(REQUIRED + OPTIONAL, [example])


def _decoded(data: bytes) -> str:
    if (too_big := size_problem(len(data))) is not None:
        raise _file_problem(too_big)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _file_problem(f"The file is saved as UTF-16 (“Unicode text”), not UTF-8. {SAVE_AS_UTF8}")
    skipped = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[skipped:].decode("utf-8")
    except UnicodeDecodeError as error:
        position = skipped + error.start
        line = data[:position].count(b"\n") + 1
        raise _file_problem(
            f"The file is not UTF-8 text: byte {position + 1} (0x{data[position]:02X}, on line {line}) "
            f"is not valid UTF-8. {SAVE_AS_UTF8}"
        ) from None
    if not text.strip():
        raise _file_problem("The file is empty.")
    return text


def _check_line_lengths(text: str) -> None:
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise _file_problem(
                f"Line {number} is {len(line):,} characters long; a youth's line has at most "
                f"{MAX_LINE_CHARS:,}. Check that this is the CSV file of youth."
            )


def _header(cells: list[str]) -> list[str]:
    names = [cell.strip().lower() for cell in cells]
    if len(names) == 1 and LIST_SEPARATOR in names[0]:
        raise _file_problem(
            "The columns are separated by semicolons; separate them by commas. " + SAVE_AS_UTF8
        )
    missing = [name for name in REQUIRED if name not in names]
    unknown = [name or f"(column {i} has no name)" for i, name in enumerate(names, 1) if name not in _KNOWN]
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if missing or unknown or repeated:
        found = [
            f"{what}: {', '.join(which)}."
            for what, which in (("Missing", missing), ("Not recognised", unknown), ("Repeated", repeated))
            if which
        ]
        raise _file_problem(
            f"The first line must name the columns {', '.join(REQUIRED)} and optionally "
            f"{', '.join(OPTIONAL)}, in any order. " + " ".join(found)
        )
    return names


_KNOWN = frozenset(REQUIRED + OPTIONAL)


def _records(reader: _csv.Reader) -> Iterator[list[str]]:
    """The reader's records, its errors (a NUL byte, say) told as a problem of the file."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _file_problem(f"Line {reader.line_num} cannot be read as CSV: {error}.") from None


def _read_row(
    line: int, names: list[str], cells: list[str], today: date
) -> tuple[YouthRow | None, list[RowProblem]]:
    """The youth on this line (None when the line does not fit the header) and its problems."""
    if len(cells) != len(names):
        message = f"This line has {len(cells)} values but the header names {len(names)} columns."
        return None, [RowProblem(line, "", message)]
    values = {name: unguarded(cell.strip()) for name, cell in zip(names, cells, strict=True)}
    email = normalize_email(values["email"])
    born, birth_problem = _birth_date(values.get("date_of_birth", ""))
    profile = clean_profile(
        ProfileFields(
            full_name=values["full_name"],
            institution=values["institution"],
            education_level=_code(values["education_level"].lower(), EDUCATION_LEVELS),
            region=_code(values["region"].upper(), REGIONS),
            phone=values.get("phone", ""),
            date_of_birth=born,
            skills=_items(values.get("skills", "")),
            sector_interests=[
                _SECTORS.get(s.casefold(), s) for s in _items(values.get("sector_interests", ""))
            ],
        )
    )
    found = {"email": email_problem(email), **profile_problems(profile, youth=True, today=today)}
    if birth_problem:
        found["date_of_birth"] = birth_problem
    for column in ("education_level", "region"):
        if column in found:
            found[column] = _choice_problem(column, values[column])
    for column in REQUIRED:
        if not values[column]:
            found[column] = f"The {column} column is empty; every youth needs one."
    problems = [RowProblem(line, c, m) for c in (*REQUIRED, *OPTIONAL) if (m := found.get(c))]
    return YouthRow(line, email, profile), problems


_SECTORS = {sector.casefold(): sector for sector in SECTORS}


def _code(value: str, choices: Mapping[str, str]) -> str:
    """A code as it is, or the code of a name written out (“Maharashtra” → MH)."""
    if value in choices:
        return value
    by_name = {name.casefold(): code for code, name in choices.items()}
    return by_name.get(value.casefold(), value)


def _choice_problem(column: str, value: str) -> str:
    if column == "region":
        return f"Unknown region “{value}”: use a state or union territory code such as MH or KA, or its name."
    return f"Unknown education level “{value}”: use one of {', '.join(EDUCATION_LEVELS)}."


def _birth_date(value: str) -> tuple[date | None, str | None]:
    if not value:
        return None, None
    try:
        return date.fromisoformat(value), None
    except ValueError:
        return None, f"Write the date of birth as YYYY-MM-DD, for example 2004-08-15 (not “{value}”)."


def _items(value: str) -> list[str]:
    return [item for item in value.split(LIST_SEPARATOR) if item.strip()]
