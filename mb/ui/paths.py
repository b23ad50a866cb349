"""Numbers in page addresses, such as the 12 in /learn/12."""

from mb.domain.errors import NotFound

MAX_DIGITS = 18  # past any id the database hands out; keeps int() cheap


def path_id(text: str, missing: str) -> int:
    """The id in an address; anything that is not one is the page's own "not found" message."""
    if text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS:
        return int(text)
    raise NotFound(missing)
