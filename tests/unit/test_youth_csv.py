"""Reading a CSV file of youth: the verdict on the file, then on every line; and the CSV files we write."""

import csv
import io
from datetime import UTC, date, datetime

import pytest

from mb.domain.errors import InvalidInput
from mb.domain.model.roles import Role
from mb.domain.model.user import User
from mb.domain.model.user_query import PersonRef, UserListing
from mb.domain.model.youth_import import ImportedYouth, RowProblem
from mb.domain.rules.password import password_problem
from mb.domain.rules.spreadsheet import csv_bytes, spreadsheet_safe
from mb.domain.rules.temporary_password import new_temporary_password
from mb.domain.rules.user_export import EXPORT_HEADER, export_row
from mb.domain.rules.youth_csv import MAX_BYTES, MAX_LINE_CHARS, MAX_ROWS, read_youth_csv, sign_in_sheet

TODAY = date(2026, 11, 28)
HEADER = "email,full_name,institution,education_level,region"


def youth_file(*lines: str, header: str = HEADER) -> bytes:
    return "\n".join([header, *lines]).encode("utf-8")


def file_problem(data: bytes) -> str:
    with pytest.raises(InvalidInput) as caught:
        read_youth_csv(data, TODAY)
    assert set(caught.value.fields) == {"file"}
    return caught.value.fields["file"]


def test_a_good_file_gives_every_youth_with_their_profile() -> None:
    data = (
        "\ufeffRegion, EMAIL ,Full_Name,institution,education_level,phone,date_of_birth,"
        "skills,sector_interests\r\n"
        "MH,Priya@Example.org,Priya Sharma,Govt ITI Pune,iti_diploma,+91 98765 43210,2005-03-01,"
        "Excel; Tally ,retail;IT/ITES\r\n"
        "Karnataka,arjun@example.org,अर्जुन कुमार,RV College,Graduate,,,,\r\n"
    ).encode()

    read = read_youth_csv(data, TODAY)

    assert read.rows == 2 and read.problems == []
    priya, arjun = read.valid
    assert (priya.line, priya.email) == (2, "priya@example.org")
    assert priya.profile.region == "MH"
    assert priya.profile.date_of_birth == date(2005, 3, 1)
    assert priya.profile.skills == ["Excel", "Tally"]
    assert priya.profile.sector_interests == ["Retail", "IT/ITES"]
    assert priya.profile.phone == "+91 98765 43210"
    assert (arjun.line, arjun.profile.full_name) == (3, "अर्जुन कुमार")
    assert (arjun.profile.region, arjun.profile.education_level) == ("KA", "graduate")


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        ("not-an-email,Priya,ITI,graduate,MH", "email", "exactly one @"),
        ("priya@example,Priya,ITI,graduate,MH", "email", "domain like example.com"),
        ("priya@example.org,Priya,ITI,graduate,ZZ", "region", "Unknown region “ZZ”"),
        ("priya@example.org,Priya,ITI,phd,MH", "education_level", "Unknown education level “phd”"),
        ("priya@example.org,,ITI,graduate,MH", "full_name", "The full_name column is empty"),
        ("priya@example.org,Priya,,graduate,MH", "institution", "The institution column is empty"),
        ("priya@example.org,Priya,ITI,graduate,", "region", "The region column is empty"),
        ("priya@example.org,Priya,ITI,graduate", "", "This line has 4 values but the header names 5"),
        ("priya@example.org,Priya,ITI,graduate,MH,extra", "", "6 values"),
        (f"priya@example.org,{'P' * 121},ITI,graduate,MH", "full_name", "at most 120 characters"),
    ],
)
def test_a_bad_line_is_reported_with_its_line_and_column(line: str, column: str, message: str) -> None:
    read = read_youth_csv(youth_file("arjun@example.org,Arjun,ITI,graduate,KA", line), TODAY)

    assert read.rows == 2
    assert [y.email for y in read.valid] == ["arjun@example.org"]
    assert len(read.problems) == 1
    problem = read.problems[0]
    assert (problem.line, problem.column) == (3, column)
    assert message in problem.message


@pytest.mark.parametrize(
    ("extra_header", "value", "column", "message"),
    [
        ("date_of_birth", "01/03/2005", "date_of_birth", "YYYY-MM-DD"),
        ("date_of_birth", "2030-01-01", "date_of_birth", "cannot be in the future"),
        ("phone", "12345", "phone", "10 to 15 digits"),
        ("sector_interests", "Retail;Space travel", "sector_interests", "Unknown sector: Space travel"),
    ],
)
def test_optional_columns_are_checked_by_the_registration_rules(
    extra_header: str, value: str, column: str, message: str
) -> None:
    data = youth_file(f"priya@example.org,Priya,ITI,graduate,MH,{value}", header=f"{HEADER},{extra_header}")
    read = read_youth_csv(data, TODAY)
    assert read.valid == []
    assert [(p.line, p.column) for p in read.problems] == [(2, column)]
    assert message in read.problems[0].message


def test_every_problem_of_a_line_is_listed() -> None:
    read = read_youth_csv(youth_file("bad,,ITI,phd,ZZ"), TODAY)
    assert [p.column for p in read.problems] == ["email", "full_name", "education_level", "region"]


def test_an_email_twice_in_the_file_keeps_the_first_and_reports_the_repeat() -> None:
    read = read_youth_csv(
        youth_file(
            "priya@example.org,Priya,ITI,graduate,MH",
            "arjun@example.org,Arjun,ITI,graduate,KA",
            "PRIYA@example.org ,Priya Again,ITI,graduate,MH",
        ),
        TODAY,
    )
    assert [y.line for y in read.valid] == [2, 3]
    assert read.problems == [
        RowProblem(4, "email", "priya@example.org is also on line 2; each youth is imported once.")
    ]


def test_blank_lines_are_skipped_but_line_numbers_stay_those_of_the_file() -> None:
    read = read_youth_csv(
        youth_file("", "priya@example.org,Priya,ITI,graduate,MH", ",,,,", "", "bad,Arjun,ITI,graduate,KA"),
        TODAY,
    )
    assert read.rows == 2
    assert [y.line for y in read.valid] == [3]
    assert [p.line for p in read.problems] == [6]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\xef\xbb\xbf \r\n\n", "The file is empty."),
        (HEADER.encode() + b"\n\n", "The file has a header but no youth in it."),
        (b"email,name,institution,education_level,region\nx@y.org,X,I,graduate,MH", "Missing: full_name."),
        (youth_file("x", header=HEADER + ",state"), "Not recognised: state."),
        (youth_file("x", header=HEADER + ",Email"), "Repeated: email."),
        (youth_file("x", header=HEADER + ","), "Not recognised: (column 6 has no name)."),
        (youth_file("x", header=HEADER.replace(",", ";")), "separated by semicolons"),
        (b"\xff\xfee\x00m\x00", "saved as UTF-16"),
        (
            youth_file('priya@example.org,"Priya,ITI,graduate,MH', "arjun@example.org,Arjun,ITI,graduate,KA"),
            "A quoted value on line 2 runs on to line 3",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_as_a_whole(data: bytes, message: str) -> None:
    assert message in file_problem(data)


def test_the_header_message_names_every_expected_column() -> None:
    message = file_problem(b"name,mail\nPriya,priya@example.org")
    for column in ("email", "full_name", "institution", "education_level", "region", "phone", "skills"):
        assert column in message


def test_bytes_that_are_not_utf8_are_named_by_position_and_line() -> None:
    data = youth_file("priya@example.org,Priya,ITI,graduate,MH").replace(b"Priya", b"Pri\xe9a")
    position = data.index(b"\xe9") + 1
    message = file_problem(data)
    assert f"byte {position} (0xE9, on line 2)" in message
    assert "CSV UTF-8" in message


def test_the_utf8_byte_order_mark_does_not_shift_the_position_reported() -> None:
    data = b"\xef\xbb\xbf" + youth_file("priya@example.org,PriXa,ITI,graduate,MH").replace(b"X", b"\xe9")
    position = data.index(b"\xe9") + 1
    assert f"byte {position} (0xE9, on line 2)" in file_problem(data)


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read() -> None:
    ten_mb_line = youth_file("priya@example.org," + "P" * 10 * 1024 * 1024 + ",ITI,graduate,MH")
    assert len(ten_mb_line) > MAX_BYTES
    message = file_problem(ten_mb_line)
    assert "The file is 10.0 MB; at most 5 MB can be imported at once." in message


def test_a_very_long_line_within_the_byte_limit_is_refused_with_its_line_number() -> None:
    data = youth_file("priya@example.org,Priya,ITI,graduate,MH", "a" * (MAX_LINE_CHARS + 1))
    assert "Line 3 is 5,001 characters long" in file_problem(data)


def test_more_rows_than_the_limit_are_refused() -> None:
    lines = [f"y{i}@example.org,Youth {i},ITI,graduate,MH" for i in range(MAX_ROWS + 1)]
    data = youth_file(*lines)
    assert len(data) < MAX_BYTES
    assert f"more than {MAX_ROWS:,} youth" in file_problem(data)


def test_exactly_the_row_limit_is_accepted() -> None:
    lines = [f"y{i}@example.org,Youth {i},ITI,graduate,MH" for i in range(MAX_ROWS)]
    assert len(read_youth_csv(youth_file(*lines), TODAY).valid) == MAX_ROWS


# Files we write


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+91 98765", "'+91 98765"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("Priya = Sharma", "Priya = Sharma"),
        ("", ""),
        ("प्रिया", "प्रिया"),
    ],
)
def test_cells_a_spreadsheet_would_run_as_formulas_get_an_apostrophe(value: str, written: str) -> None:
    assert spreadsheet_safe(value) == written


def test_csv_files_are_utf8_with_a_byte_order_mark_and_guarded_cells() -> None:
    data = csv_bytes(["name", "note"], [["प्रिया", "=1+1"]])
    assert data.startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig")))) == [["name", "note"], ["प्रिया", "'=1+1"]]


def test_the_sign_in_sheet_lists_email_student_id_and_temporary_password() -> None:
    imported = [ImportedYouth(2, "priya@example.org", "Priya", "MB-MH-2026-ABCDE", "s3cretPassw0rdXy")]
    rows = list(csv.reader(io.StringIO(sign_in_sheet(imported).decode("utf-8-sig"))))
    assert rows == [
        ["email", "student_id", "temporary_password"],
        ["priya@example.org", "MB-MH-2026-ABCDE", "s3cretPassw0rdXy"],
    ]
    assert "s3cretPassw0rdXy" not in repr(imported[0])


def test_an_exported_row_has_every_column_in_order() -> None:
    youth = User(
        id=7,
        email="priya@example.org",
        password_hash="x",
        role=Role.YOUTH,
        full_name="=Priya",
        institution="ITI",
        education_level="graduate",
        region="MH",
        student_id="MB-MH-2026-ABCDE",
        created_at=datetime(2026, 11, 28, 9, 30, tzinfo=UTC),
    )
    row = export_row(UserListing(youth, PersonRef(3, "Ravi", "ravi@example.org", True)))
    assert dict(zip(EXPORT_HEADER, row, strict=True)) == {
        "student_id": "MB-MH-2026-ABCDE",
        "full_name": "=Priya",  # guarded when written, see csv_bytes
        "email": "priya@example.org",
        "role": "youth",
        "region": "MH",
        "institution": "ITI",
        "education_level": "graduate",
        "mentor_email": "ravi@example.org",
        "active": "yes",
        "created_at": "2026-11-28T09:30:00+00:00",
        "last_login_at": "",
    }


def test_temporary_passwords_are_strong_and_never_repeat() -> None:
    passwords = {new_temporary_password() for _ in range(200)}
    assert len(passwords) == 200
    assert all(len(p) == 16 and password_problem(p) is None for p in passwords)
