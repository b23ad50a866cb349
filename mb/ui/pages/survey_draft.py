"""A question as the editor holds it while an admin writes: bound to the widgets, kept on errors."""

from collections.abc import Iterable
from dataclasses import dataclass

from mb.domain.model.survey import CHOICE_KINDS, Feeds, QuestionKind, SurveyQuestion
from mb.ui.form_values import whole_number

DEFAULT_TEXT_LIMIT = 500


@dataclass(eq=False)  # compared by identity: two new questions may hold the same words
class QuestionDraft:
    key: str
    text: str = ""
    kind: str = QuestionKind.RATING.value
    required: bool = True
    options: str = ""  # one per line, as typed
    max_length: float | None = DEFAULT_TEXT_LIMIT
    feeds: Feeds = Feeds.NOTHING  # kept as it was: the editor does not change where answers go
    problem: str = ""

    @classmethod
    def of(cls, question: SurveyQuestion) -> "QuestionDraft":
        return cls(
            key=question.key,
            text=question.text,
            kind=question.kind.value,
            required=question.required,
            options="\n".join(question.options),
            max_length=question.max_length,
            feeds=question.feeds,
        )

    @property
    def has_options(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def has_limit(self) -> bool:
        return self.kind == QuestionKind.TEXT

    def question(self) -> SurveyQuestion:
        """What the service checks; options and a limit only where the kind has them, and the limit
        as typed (an empty one as 0), so the template's rules name what is wrong with it."""
        kind = QuestionKind(self.kind)
        lines = [line.strip() for line in (self.options or "").splitlines()]  # a cleared field holds None
        limit = DEFAULT_TEXT_LIMIT
        if self.has_limit:
            limit = whole_number(self.max_length) if self.max_length is not None else 0
        return SurveyQuestion(
            key=self.key,
            text=self.text or "",
            kind=kind,
            required=self.required,
            options=tuple(line for line in lines if line) if self.has_options else (),
            max_length=limit,
            feeds=self.feeds,
        )


def next_key(taken: Iterable[str]) -> str:
    """The first `q<n>` not yet used by this survey; keys of removed questions stay taken, so an
    answer to an old question is never counted as one to a new question."""
    used = set(taken)
    number = 1
    while f"q{number}" in used:
        number += 1
    return f"q{number}"
