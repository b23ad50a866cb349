"""The three templates every programme starts with (installed by `mb init-db` when missing)."""

from mb.domain.model.sectors import SECTORS
from mb.domain.model.survey import Feeds, QuestionKind, SurveyQuestion, TemplateDraft, TemplateType

Q = SurveyQuestion
RATE = QuestionKind.RATING


def starter_templates() -> list[TemplateDraft]:
    return [career_interests(), youth_feedback(), employer_feedback()]


def career_interests() -> TemplateDraft:
    return TemplateDraft(
        name="Career interests",
        type=TemplateType.CAREER,
        description="Tell us what work you would like to do, so we can suggest the right modules and jobs.",
        questions=[
            Q(
                "sectors",
                "Which sectors would you like to work in?",
                QuestionKind.MULTI,
                options=SECTORS,
                feeds=Feeds.SECTOR_INTERESTS,
            ),
            Q("confidence", "How ready do you feel to start a job?", RATE),
            Q(
                "work_mode",
                "What kind of work suits you best?",
                QuestionKind.SINGLE,
                options=("Full time", "Part time", "Apprenticeship", "Self-employment"),
            ),
            Q("relocate", "Would you move to another city for a good job?", QuestionKind.YES_NO),
            Q("goal", "What job would you like to have in two years?", QuestionKind.TEXT, required=False),
        ],
    )


def youth_feedback() -> TemplateDraft:
    return TemplateDraft(
        name="Youth feedback after placement",
        type=TemplateType.YOUTH_FEEDBACK,
        description="How is your new job going? Your answers are anonymous and help us train the next group.",
        anonymous=True,
        questions=[
            Q("satisfaction", "How happy are you with your job?", RATE),
            Q("preparedness", "How well did the programme prepare you for it?", RATE),
            Q("useful", "Which part of the training helped you most?", QuestionKind.TEXT, required=False),
            Q("still_working", "Are you still working there?", QuestionKind.YES_NO),
            Q("recommend", "How likely are you to recommend the programme to a friend?", QuestionKind.SCALE),
        ],
    )


def employer_feedback() -> TemplateDraft:
    ratings = [
        ("overall", "Overall performance"),
        ("technical", "Technical skills"),
        ("communication", "Communication"),
        ("teamwork", "Teamwork"),
        ("work_ethic", "Work ethic"),
        ("punctuality", "Punctuality"),
        ("reliability", "Reliability"),
        ("problem_solving", "Problem solving"),
    ]
    return TemplateDraft(
        name="Employer feedback",
        type=TemplateType.EMPLOYER_FEEDBACK,
        description="A few minutes on how the young person we placed with you is doing.",
        questions=[
            *(Q(key, f"{label}: how would you rate them?", RATE) for key, label in ratings),
            Q("strengths", "Their strengths", QuestionKind.TEXT, required=False),
            Q("improve", "Areas to improve", QuestionKind.TEXT, required=False),
            Q("rehire", "Would you hire them again?", QuestionKind.YES_NO),
            Q(
                "recommend",
                "How likely are you to recommend our programme's youth to others?",
                QuestionKind.SCALE,
            ),
        ],
    )
