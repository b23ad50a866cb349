"""A whole demo programme: catalogue, mentors, youth, their learning, placements, surveys and
the mentors' interventions over the window."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from mb.demo.activity import DemoAssignment, DemoAttempt, DemoEvent, Learning, Persona, simulate
from mb.demo.catalogue import CATALOGUE, DemoModule
from mb.demo.interventions import DemoIntervention, make_interventions
from mb.demo.people import DemoPerson, make_mentors, make_youth, mentors_for
from mb.demo.placements import DemoPlacement, make_placements
from mb.demo.surveys import DemoSurveys, SurveySetup, SurveySimulation, starter_setup
from mb.demo.window import Window
from mb.domain.model.assignment import AssignmentStatus
from mb.domain.model.survey_policy import SurveyPolicy


@dataclass(frozen=True)
class DemoProgramme:
    window: Window
    modules: tuple[DemoModule, ...]
    mentors: list[DemoPerson]
    youth: list[DemoPerson]
    learning: list[Learning]  # one per youth, in the same order
    placements: list[DemoPlacement]
    surveys: DemoSurveys
    interventions: list[DemoIntervention]  # in time order

    @property
    def catalogue_created_at(self) -> datetime:
        return _set_up_at(self.window)

    def assignments(self) -> list[DemoAssignment]:
        return [a for learning in self.learning for a in learning.assignments]

    def attempts(self) -> list[DemoAttempt]:
        return sorted((a for learning in self.learning for a in learning.attempts), key=lambda a: a.at)

    def events(self) -> list[DemoEvent]:
        """Every youth's learning events in time order (their survey answers: `surveys.events()`)."""
        return sorted((e for learning in self.learning for e in learning.events), key=lambda e: e.at)

    def summary(self) -> str:
        counts = (
            (len(self.modules), "modules"),
            (len(self.mentors), "mentors"),
            (len(self.youth), "youth"),
            (len(self.assignments()), "assignments"),
            (sum(len(learning.attempts) for learning in self.learning), "quiz attempts"),
            (
                sum(len(learning.events) for learning in self.learning) + len(self.surveys.events()),
                "activity events",
            ),
            (len(self.placements), "placements"),
            (len(self.surveys.responses()), "survey responses"),
            (len(self.interventions), "interventions"),
        )
        return ", ".join(f"{count:,} {what}" for count, what in counts)

    def examples(self) -> list[DemoPerson]:
        """Two active youth midway through their modules, and the mentor of the first."""
        learners = [
            youth
            for youth, learning in zip(self.youth, self.learning, strict=True)
            if youth.is_active
            and any(a.status is AssignmentStatus.IN_PROGRESS for a in learning.assignments)
            and learning.persona in (Persona.STEADY, Persona.FINISHER)
        ] or self.youth
        chosen = learners[:2]
        mentor = chosen[0].mentor
        return [*chosen, *([self.mentors[mentor]] if mentor is not None else [])]


def generate(seed: int, youth: int, window: Window, surveys: SurveySetup | None = None) -> DemoProgramme:
    """Pure and deterministic: the same seed, size, window and survey setup always give the same
    programme. Without a setup the starting templates are used, and the links are made without
    the app's secret key (so they open nothing), which is all a test needs."""
    mentors = make_mentors(seed, mentors_for(youth), window)
    people = make_youth(seed, youth, window, mentors)
    learning = [simulate(seed, y, window) for y in people]
    placements = make_placements(seed, people, learning, window)
    setup = surveys or starter_setup(
        SurveyPolicy(secret_key="", public_url="", timezone=window.timezone), _set_up_at(window)
    )
    surveyed = SurveySimulation(
        seed, window, setup, youth=people, learning=learning, placements=placements
    ).run()
    interventions = make_interventions(
        seed, window, youth=people, learning=learning, answers=surveyed.events(), placements=placements
    )
    return DemoProgramme(window, CATALOGUE, mentors, people, learning, placements, surveyed, interventions)


def _set_up_at(window: Window) -> datetime:
    """The catalogue (and the starting survey templates) were written six weeks before the first
    youth enrolled."""
    return window.at(0, 11 * 60) - timedelta(days=42)
