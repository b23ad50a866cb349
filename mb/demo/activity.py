"""Learning over time: what each demo youth was assigned, what they did, and when.

Youth follow one of a few patterns seen in real programmes: steady learners, bursty ones,
youth who drift away (never seen again after some day, and never in the last two weeks),
finishers who complete everything they are given, and no-shows who register and stop there.
Everything follows the app's own rules: modules unlock when their prerequisites are completed,
progress only goes up, a module completes at 100 % once its quiz (if any) is passed.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from mb.demo.catalogue import CATALOGUE, DemoModule
from mb.demo.people import DemoPerson
from mb.demo.seeds import random_stream
from mb.demo.window import Window
from mb.domain.model.activity import ActivityKind
from mb.domain.model.assignment import AssignmentStatus
from mb.domain.model.module import Difficulty, Quiz
from mb.domain.rules.quiz import mark

QUIET_DAYS = 14  # drifters are not seen in the last two weeks
MAX_MODULES = 8
LAST_MINUTE = 24 * 60 - 1
BY_CODE = {module.code: module for module in CATALOGUE}
ORDER = {module.code: number for number, module in enumerate(CATALOGUE)}  # prerequisites come first
WORK_READINESS = ("IT-102", "BFS-101", "HLT-110")
# The harder the module, the likelier a youth gets stuck half-way and leaves it in progress.
STUCK = {Difficulty.BEGINNER: 0.04, Difficulty.INTERMEDIATE: 0.12, Difficulty.ADVANCED: 0.35}
IDLE_RETURN = 0.25  # with nothing left to do, youth come back this much less often


class Persona(StrEnum):
    STEADY = "steady"
    BURSTY = "bursty"
    DRIFTER = "drifter"
    FINISHER = "finisher"
    NO_SHOW = "no_show"


PERSONA_MIX = {
    Persona.STEADY: 38,
    Persona.BURSTY: 25,
    Persona.DRIFTER: 22,
    Persona.FINISHER: 8,
    Persona.NO_SHOW: 7,
}
QUIZ_NERVE = {  # chance of passing a quiz at the first attempt
    Persona.STEADY: 0.65,
    Persona.BURSTY: 0.6,
    Persona.DRIFTER: 0.5,
    Persona.FINISHER: 0.85,
    Persona.NO_SHOW: 0.5,
}


@dataclass
class DemoAssignment:
    youth: int
    module: str  # code
    assigned_at: datetime
    assigned_by: int | None  # mentor key
    due_date: date | None
    status: AssignmentStatus = AssignmentStatus.ACTIVE
    progress: int = 0
    started_at: datetime | None = None
    completed_at: datetime | None = None
    quiz_passed: bool = False
    # How the youth fares with it, used while simulating: quizzes failed so far, and the
    # progress at which they get stuck and leave it (None: they see it through).
    failed_attempts: int = 0
    stuck_at: int | None = None


@dataclass(frozen=True)
class DemoAttempt:
    youth: int
    module: str
    answers: tuple[int, ...]
    score: int
    passed: bool
    at: datetime


@dataclass(frozen=True)
class DemoEvent:
    youth: int
    kind: ActivityKind
    at: datetime
    module: str | None = None  # its id joins `details` when written
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class Learning:
    """One youth's history in the programme."""

    persona: Persona
    assignments: list[DemoAssignment] = field(default_factory=list)
    attempts: list[DemoAttempt] = field(default_factory=list)
    events: list[DemoEvent] = field(default_factory=list)
    last_login_at: datetime | None = None


def simulate(seed: int, youth: DemoPerson, window: Window) -> Learning:
    """Deterministic for a seed and youth: each youth has their own random stream."""
    return _Simulation(random_stream(seed, "learning", youth.key), youth, window).run()


class _Simulation:
    def __init__(self, rng: random.Random, youth: DemoPerson, window: Window) -> None:
        self.rng, self.youth, self.window = rng, youth, window
        self.zone = window.zone
        self.registered_day = window.index_of(youth.created_at)
        self.learning = Learning(self._persona())
        self.held: dict[str, DemoAssignment] = {}
        self.burst = (rng.randint(2, 5), 0)  # (active days left, quiet days left)
        self.idle = False  # nothing left to work on until a mentor assigns more

    def run(self) -> Learning:
        self._event(ActivityKind.REGISTERED, self.youth.created_at)
        plan = _choose_modules(self.rng, self.youth.sector_interests)
        first = self.rng.randint(3, 5)
        assign_day = min(self.window.days - 1, self.registered_day + self.rng.choice((0, 0, 1, 2, 3)))
        later_day = assign_day + self.rng.randint(10, 35)
        self._assign(plan[:first], assign_day)
        for day in range(self.registered_day, self._last_active_day() + 1):
            if day == later_day:
                self._assign(plan[first:], day)
            if self._active_on(day):
                self._session(day)
        self._withdraw_a_few()
        self.learning.assignments = sorted(self.held.values(), key=lambda a: (a.assigned_at, ORDER[a.module]))
        return self.learning

    # --- who this youth is --------------------------------------------------------------------

    def _persona(self) -> Persona:
        persona = self.rng.choices(list(PERSONA_MIX), weights=list(PERSONA_MIX.values()))[0]
        can_drift = self.registered_day <= self.window.days - 1 - QUIET_DAYS
        if not self.youth.is_active:  # deactivated youth stopped coming first
            return Persona.DRIFTER if can_drift else Persona.NO_SHOW
        if persona is Persona.DRIFTER and not can_drift:
            return Persona.STEADY
        return persona

    def _last_active_day(self) -> int:
        last = self.window.days - 1
        if self.learning.persona is Persona.DRIFTER:
            latest = last - QUIET_DAYS
            return self.rng.randint(min(self.registered_day + 3, latest), latest)
        return last

    def _active_on(self, day: int) -> bool:
        persona, chance = self.learning.persona, self.rng.random()
        if self.idle:
            chance /= IDLE_RETURN
        sunday = (self.window.first_day.weekday() + day) % 7 == 6
        if persona is Persona.NO_SHOW:
            return day == self.registered_day + 7 and chance < 0.5
        if persona is Persona.FINISHER:
            return chance < (0.55 if sunday else 0.8)
        if persona is Persona.BURSTY:
            return self._bursty(chance)
        if persona is Persona.DRIFTER:
            return chance < 0.45
        return chance < (0.3 if sunday else 0.5)

    def _bursty(self, chance: float) -> bool:
        active, quiet = self.burst
        if active:
            self.burst = (active - 1, self.rng.randint(5, 16) if active == 1 else 0)
            return chance < 0.9
        self.burst = (0, quiet - 1) if quiet > 1 else (self.rng.randint(2, 5), 0)
        return chance < 0.05

    # --- what they do ---------------------------------------------------------------------------

    def _assign(self, modules: list[DemoModule], day: int) -> None:
        if not modules:
            return
        office = self.window.at(day, self.rng.randint(10 * 60, 17 * 60 + 30))
        at = max(office, self.youth.created_at + timedelta(minutes=10))
        local_day = at.astimezone(self.zone).date()
        for module in modules:
            due = local_day + timedelta(days=module.due_in_days) if module.due_in_days else None
            stuck = 5 * self.rng.randint(2, 16) if self.rng.random() < STUCK[module.difficulty] else None
            self.held[module.code] = DemoAssignment(
                self.youth.key, module.code, at, self.youth.mentor, due, stuck_at=stuck
            )
        self.idle = False

    def _session(self, day: int) -> None:
        """Sign in, then work on the next unlocked module; keen youth go on to another."""
        minute = self._session_start(day)
        self._event(ActivityKind.LOGIN, self.window.at(day, minute))
        self.learning.last_login_at = self.window.at(day, minute)
        keen = 0.45 if self.learning.persona is Persona.FINISHER else 0.2
        for _ in range(2):
            minute = min(LAST_MINUTE, minute + self.rng.randint(5, 40))
            assignment = self._next_module(self.window.at(day, minute))
            if assignment is None:
                self.idle = True
                return
            self._work(BY_CODE[assignment.module], assignment, day, minute)
            if self.rng.random() >= keen:
                return

    def _session_start(self, day: int) -> int:
        block = self.rng.choices(
            ((7 * 60, 9 * 60 + 30), (12 * 60 + 30, 15 * 60), (18 * 60, 22 * 60 + 30)), (2, 2, 5)
        )
        minute = self.rng.randint(*block[0])
        if day == self.registered_day:
            registered = self.youth.created_at.astimezone(self.zone)
            minute = max(minute, registered.hour * 60 + registered.minute + self.rng.randint(2, 30))
        return min(LAST_MINUTE, minute)

    def _next_module(self, at: datetime) -> DemoAssignment | None:
        """The first unlocked module they have not finished or given up on (held in catalogue order)."""
        done = {code for code, a in self.held.items() if a.status is AssignmentStatus.COMPLETED}
        for assignment in self.held.values():
            open_ = (
                assignment.status is not AssignmentStatus.COMPLETED
                and assignment.progress != assignment.stuck_at
            )
            unlocked = all(code in done for code in BY_CODE[assignment.module].requires)
            if open_ and unlocked and assignment.assigned_at < at:
                return assignment
        return None

    def _work(self, module: DemoModule, assignment: DemoAssignment, day: int, minute: int) -> None:
        at = self.window.at(day, minute)
        if assignment.progress < 100:
            hours = self.rng.uniform(0.6, 2.0)
            step = max(5, 5 * round(100 * hours / module.hours / 5))
            assignment.progress = min(assignment.stuck_at or 100, assignment.progress + step)
            assignment.started_at = assignment.started_at or at
            assignment.status = AssignmentStatus.IN_PROGRESS
            self._event(ActivityKind.PROGRESS, at, module.code, progress=assignment.progress)
            if assignment.progress < 100:
                return
            if module.quiz is not None and self.rng.random() < 0.3:
                return  # the quiz waits for another day
        if module.quiz is not None:
            at = self.window.at(day, min(LAST_MINUTE, minute + self.rng.randint(3, 15)))
            if not self._take_quiz(module, module.quiz, assignment, at):
                return
        assignment.status = AssignmentStatus.COMPLETED
        assignment.completed_at = at
        self._event(ActivityKind.COMPLETION, at, module.code, points=module.points)

    def _take_quiz(self, module: DemoModule, quiz: Quiz, assignment: DemoAssignment, at: datetime) -> bool:
        nerve = QUIZ_NERVE[self.learning.persona] + 0.2 * assignment.failed_attempts
        answers = _answers(self.rng, quiz, passing=self.rng.random() < nerve)
        score, passed = mark(quiz, answers)
        self.learning.attempts.append(DemoAttempt(self.youth.key, module.code, answers, score, passed, at))
        self._event(ActivityKind.QUIZ_ATTEMPT, at, module.code, score=score, passed=passed)
        assignment.quiz_passed = passed
        assignment.failed_attempts += not passed
        return passed

    def _withdraw_a_few(self) -> None:
        """Mentors withdraw the odd module nobody started, unless another one needs it."""
        needed = {code for a in self.held.values() for code in BY_CODE[a.module].requires}
        for code, assignment in self.held.items():
            if (
                assignment.status is AssignmentStatus.ACTIVE
                and code not in needed
                and self.rng.random() < 0.04
            ):
                assignment.status = AssignmentStatus.INACTIVE

    def _event(self, kind: ActivityKind, at: datetime, module: str | None = None, **details: Any) -> None:
        self.learning.events.append(DemoEvent(self.youth.key, kind, at, module, details))


def _choose_modules(rng: random.Random, interests: tuple[str, ...]) -> list[DemoModule]:
    """3 to 8 modules leaning to the youth's interests, always with their prerequisites."""
    target = rng.randint(3, MAX_MODULES)

    def appeal(module: DemoModule) -> float:
        weight = 5.0 if module.sector in interests else 0.3
        weight += 2.0 if module.code in WORK_READINESS else 0.0
        return weight * (1.0 if module.requires else 1.5)

    chosen: set[str] = set()
    candidates = list(CATALOGUE)
    while len(chosen) < target and candidates:
        module = rng.choices(candidates, weights=[appeal(m) for m in candidates])[0]
        candidates.remove(module)
        needed = _with_prerequisites(module) - chosen
        if len(chosen) + len(needed) <= MAX_MODULES:
            chosen |= needed
    return [module for module in CATALOGUE if module.code in chosen]


def _with_prerequisites(module: DemoModule) -> set[str]:
    found = {module.code}
    for code in module.requires:
        found |= _with_prerequisites(BY_CODE[code])
    return found


def _answers(rng: random.Random, quiz: Quiz, passing: bool) -> tuple[int, ...]:
    """Answers that pass or fail `quiz` as wanted: a pass is mostly right, a fail a near miss."""

    def answering(right: set[int]) -> tuple[int, ...]:
        return tuple(
            question.correct
            if number in right
            else rng.choice([n for n in range(len(question.options)) if n != question.correct])
            for number, question in enumerate(quiz.questions)
        )

    count = len(quiz.questions)
    rights = [k for k in range(count + 1) if mark(quiz, answering(set(range(k))))[1] == passing]
    return answering(set(rng.sample(range(count), rng.choice(rights[-2:]))))
