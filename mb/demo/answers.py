"""What demo respondents answer: in line with who they are (a youth's sector interests, how far
they got in the programme, how the job is going), and always what the survey form accepts.

Answers are written for the starting templates' questions (by key); a question an admin added
or changed gets any answer the form would take, so the demo also fits edited templates.
"""

import random
from collections.abc import Mapping, Sequence
from typing import Any

from mb.demo.activity import Learning, Persona
from mb.demo.catalogue import CATALOGUE
from mb.demo.people import DemoPerson
from mb.demo.placements import JOBS
from mb.domain.model.assignment import AssignmentStatus
from mb.domain.model.survey import QuestionKind, SurveyQuestion
from mb.domain.rules.survey_answers import Answer, checked_answers

TITLES = {module.code: module.title for module in CATALOGUE}
READINESS = {  # how ready for a job they feel, give or take one
    Persona.FINISHER: 4,
    Persona.STEADY: 3,
    Persona.BURSTY: 3,
    Persona.DRIFTER: 2,
    Persona.NO_SHOW: 2,
}
WORK_MODES = ("Full time", "Part time", "Apprenticeship", "Self-employment")
GOALS = ("{job}", "{job} in a big company", "{job}, then start my own business", "Senior {lower}")
USEFUL = ("{module}", "The {module} module", "{module}, and practising interviews with my mentor")
STRENGTHS = (
    "punctual",
    "polite with customers",
    "learns quickly",
    "honest and hard-working",
    "works well in a team",
    "careful with details",
    "good with computers",
)
IMPROVE = (
    "Spoken English.",
    "Confidence when speaking to customers.",
    "Speed; accuracy is already good.",
    "Asking for help instead of guessing.",
    "Coming back on time after breaks.",
)
RATED = ("overall", "technical", "communication", "teamwork", "work_ethic", "punctuality", "reliability")


def career_answers(
    rng: random.Random, questions: Sequence[SurveyQuestion], youth: DemoPerson, learned: Learning
) -> dict[str, Answer]:
    """The sectors are the youth's interests as the profile shows them: the survey is where they came from."""
    trade = youth.education_level == "iti_diploma"
    goal = rng.choice(JOBS[youth.sector_interests[0]]) if rng.random() < 0.6 else None
    return _answers(
        rng,
        questions,
        {
            "sectors": list(youth.sector_interests),
            "confidence": _within(READINESS[learned.persona] + rng.choice((-1, 0, 0, 1)), 1, 5),
            "work_mode": rng.choices(WORK_MODES, weights=(45, 10, 35, 10) if trade else (65, 15, 10, 10))[0],
            "relocate": rng.random() < 0.55,
            "goal": rng.choice(GOALS).format(job=goal, lower=goal.lower()) if goal else None,
        },
    )


def youth_feedback_answers(
    rng: random.Random, questions: Sequence[SurveyQuestion], learned: Learning
) -> dict[str, Answer]:
    done = _completed(learned)
    satisfaction = rng.choices(range(1, 6), weights=(1, 2, 5, 9, 6))[0]
    useful = rng.choice(USEFUL).format(module=rng.choice(done)) if done and rng.random() < 0.6 else None
    return _answers(
        rng,
        questions,
        {
            "satisfaction": satisfaction,
            "preparedness": _within(2 + len(done) // 2 + rng.choice((-1, 0, 0, 1)), 1, 5),
            "useful": useful,
            "still_working": rng.random() < (0.92 if satisfaction >= 3 else 0.6),
            "recommend": _within(2 * satisfaction + rng.choice((-2, -1, 0, 0, 1)), 0, 10),
        },
    )


def employer_answers(
    rng: random.Random, questions: Sequence[SurveyQuestion], learned: Learning
) -> dict[str, Answer]:
    """Youth who completed more modules do better at work, give or take."""
    quality = 2.6 + 0.3 * min(len(_completed(learned)), 6) + rng.gauss(0, 0.4)
    ratings = {key: _within(round(quality + rng.gauss(0, 0.6)), 1, 5) for key in RATED}
    ratings["problem_solving"] = _within(ratings["technical"] + rng.choice((-1, 0, 0)), 1, 5)
    overall = ratings["overall"]
    strengths = ", ".join(rng.sample(STRENGTHS, rng.randint(1, 3)))
    return _answers(
        rng,
        questions,
        {
            **ratings,
            "strengths": f"{strengths[0].upper()}{strengths[1:]}." if rng.random() < 0.5 else None,
            "improve": rng.choice(IMPROVE) if rng.random() < 0.45 else None,
            "rehire": rng.random() < (0.9 if overall >= 3 else 0.35),
            "recommend": _within(2 * overall + rng.choice((-2, -1, 0, 0, 1)), 0, 10),
        },
    )


def _answers(
    rng: random.Random, questions: Sequence[SurveyQuestion], wanted: Mapping[str, Any]
) -> dict[str, Answer]:
    """`wanted` where the survey asks for it (None leaves an optional question blank), anything the
    form accepts elsewhere; stored as the form stores them."""
    given: dict[str, Any] = {}
    for q in questions:
        value = wanted.get(q.key)
        given[q.key] = _any(rng, q) if value is None and q.required else value
    answers, problems = checked_answers(questions, given)
    if problems:  # a question changed since the starting templates
        given.update({q.key: _any(rng, q) for q in questions if q.key in problems})
        answers, _ = checked_answers(questions, given)
    return answers


def _any(rng: random.Random, question: SurveyQuestion) -> Any:
    kind = question.kind
    if kind is QuestionKind.RATING:
        return rng.randint(3, 5)
    if kind is QuestionKind.SCALE:
        return rng.randint(5, 10)
    if kind is QuestionKind.YES_NO:
        return rng.random() < 0.7
    if kind is QuestionKind.SINGLE:
        return rng.choice(question.options)
    if kind is QuestionKind.MULTI:
        return rng.sample(question.options, min(len(question.options), rng.randint(1, 2)))
    return "Nothing to add."[: question.max_length]


def _completed(learned: Learning) -> list[str]:
    return [TITLES[a.module] for a in learned.assignments if a.status is AssignmentStatus.COMPLETED]


def _within(number: int, low: int, high: int) -> int:
    return max(low, min(high, number))
