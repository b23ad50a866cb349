"""Turning what a form holds into the values a service takes, without hiding what was typed."""

from datetime import date

from mb.domain.errors import InvalidInput


def parse_date(text: str, field: str) -> date | None:
    """The YYYY-MM-DD date in `text`, or None when it is empty; otherwise a message for `field`."""
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput({field: "Enter the date as YYYY-MM-DD, for example 2004-08-15."}) from None


def whole_number(value: float | None) -> int:
    """A number field's value as an int when it is whole.

    A fraction or an empty field is passed on as it is, so the service's own rule names the
    problem in the field's message instead of the form quietly rounding or defaulting it.
    """
    if isinstance(value, int | float) and float(value).is_integer():
        return int(value)
    return value  # type: ignore[return-value]  # deliberately unconverted: the service rejects it


def number(value: float | None) -> float:
    """A number field's value; an empty field is passed on for the service to name the problem."""
    return value  # type: ignore[return-value]  # None reaches the service's range check
