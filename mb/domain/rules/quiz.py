"""Quizzes: how a quiz must be written, and how an attempt is marked."""

from collections.abc import Sequence

from mb.domain.model.module import Question, Quiz

MAX_QUESTIONS = 50
MAX_OPTIONS = 8
TEXT_MAX = 500


def quiz_problem(quiz: Quiz) -> str | None:
    """Why staff cannot save `quiz`, or None."""
    if not quiz.questions:
        return "A quiz needs at least one question."
    if len(quiz.questions) > MAX_QUESTIONS:
        return f"A quiz can have at most {MAX_QUESTIONS} questions."
    if not isinstance(quiz.pass_mark, int) or not 1 <= quiz.pass_mark <= 100:  # a form may send None
        return "The pass mark is a percentage from 1 to 100."
    problems = (_question_problem(n, q) for n, q in enumerate(quiz.questions, start=1))
    return next((problem for problem in problems if problem), None)


def _question_problem(number: int, question: Question) -> str | None:
    if not question.text.strip() or len(question.text) > TEXT_MAX:
        return f"Question {number} needs its text (at most {TEXT_MAX} characters)."
    options = [option.strip() for option in question.options]
    if not 2 <= len(options) <= MAX_OPTIONS or not all(options):
        return f"Question {number} needs 2 to {MAX_OPTIONS} options, none of them empty."
    if len({option.casefold() for option in options}) != len(options):
        return f"Question {number} has the same option twice."
    if not 0 <= question.correct < len(options):
        return f"Mark which option of question {number} is correct."
    return None


def mark(quiz: Quiz, answers: Sequence[int]) -> tuple[int, bool]:
    """Score in whole percent and whether it reaches the pass mark. Answers must be complete."""
    right = sum(
        1 for question, answer in zip(quiz.questions, answers, strict=True) if answer == question.correct
    )
    # Half up in whole numbers: round() would make 62.5 % into 62 but 37.5 % into 38.
    score = (200 * right + len(quiz.questions)) // (2 * len(quiz.questions))
    return score, score >= quiz.pass_mark


def answers_problem(quiz: Quiz, answers: Sequence[int | None]) -> str | None:
    unanswered = [n for n, answer in enumerate(answers, start=1) if answer is None]
    if len(answers) != len(quiz.questions):
        return "The quiz has changed since you opened it. Please open it again."
    if unanswered:
        return f"Answer every question before submitting (question {unanswered[0]} is empty)."
    if any(a is None or not 0 <= a < len(q.options) for q, a in zip(quiz.questions, answers, strict=True)):
        return "The quiz has changed since you opened it. Please open it again."
    return None
