"""What demo mentors write when they step in: a short note and what came of it, in plain English.

A note names the youth and how long they had been quiet; the outcome depends on whether they came
back within the week, so the insights' intervention effectiveness has something true to show.
"""

import random

from mb.domain.model.intervention import InterventionKind

NOTES: dict[InterventionKind, tuple[str, ...]] = {
    InterventionKind.CALL: (
        "Called {first}: nothing on the app for {days} days.",
        "Phoned {first} after {days} quiet days to ask how the modules are going.",
        "Called {first} to check in; last seen {days} days ago.",
    ),
    InterventionKind.MESSAGE: (
        "WhatsApp message to {first} after {days} days without a sign-in.",
        "Sent {first} a reminder about the next module ({days} days quiet).",
        "Texted {first} to ask if anything is in the way; {days} days inactive.",
    ),
    InterventionKind.MEETING: (
        "Met {first} at the centre after {days} days away from the modules.",
        "Sat down with {first} to plan the coming weeks; {days} days quiet before this.",
    ),
    InterventionKind.MODULE_ASSIGNED: (
        "Pointed {first} back to {module}, already assigned, after {days} quiet days.",
        "Set {module} as {first}'s goal for this week ({days} days without activity).",
    ),
    InterventionKind.OTHER: (
        "Asked a batchmate to look in on {first}; {days} days without activity.",
        "Spoke to {first}'s family about the programme after {days} quiet days.",
        "Visited {first}'s institution to catch up; {days} days inactive.",
    ),
}

# (when they came back within the week, when they did not)
OUTCOMES: dict[InterventionKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    InterventionKind.CALL: (
        (
            "Exams kept them busy; back on the modules this week.",
            "The phone was broken; fixed now, will sign in tonight.",
            "Was helping at the family shop; agreed to an hour a day.",
        ),
        (
            "No answer; will try again in a few days.",
            "Number switched off.",
            "Said they are busy; no date agreed.",
        ),
    ),
    InterventionKind.MESSAGE: (
        (
            "Replied the same day and promised to sign in tomorrow.",
            "Replied: the data pack had run out, recharged now.",
            "Thumbs up; said they will finish the module this week.",
        ),
        ("Seen, no reply yet.", "No reply.", "Replied they will try, nothing more."),
    ),
    InterventionKind.MEETING: (
        (
            "Worked through the part they were stuck on; confident to carry on.",
            "Made a study timetable together; a parent will support the evening hour.",
        ),
        (
            "Is weighing a job offer and may leave the programme.",
            "Finds the travel to the centre hard; asked about studying on the phone only.",
        ),
    ),
    InterventionKind.MODULE_ASSIGNED: (
        ("Agreed to finish it by the weekend.", "Started the next lesson during the call."),
        ("Unsure they can find the time.", "No reply yet."),
    ),
    InterventionKind.OTHER: (
        ("Heard back: they will come to Saturday's session.", "They got in touch the next day."),
        ("No news yet.", "Family says they moved to another city for a while."),
    ),
}


def note_and_outcome(
    rng: random.Random,
    kind: InterventionKind,
    *,
    first_name: str,
    quiet_days: int,
    module: str,
    came_back: bool,
) -> tuple[str, str]:
    """`module`: the title a module-assigned note names."""
    note = rng.choice(NOTES[kind]).format(first=first_name, days=quiet_days, module=module)
    outcome = rng.choice(OUTCOMES[kind][0 if came_back else 1])
    return note, outcome
