"""The survey editor: write questions of every kind, see what is wrong by each, preview, versions."""

from collections.abc import Callable
from typing import Any

from nicegui.testing import User

from mb.bootstrap import Services
from mb.domain.model.survey import Feeds, QuestionKind, SurveyQuestion, TemplateType
from mb.domain.model.user import Actor
from tests.fakes import Store
from tests.ui.screen import open_as
from tests.ui.test_admin_modules_page import choose, element
from tests.ui.test_admin_surveys_list import answered_career, row_texts, starters

Register = Callable[..., Any]


async def add_question(user: User, number: int, text: str, kind: QuestionKind) -> None:
    user.find(marker="add-question").click()
    await user.should_see(marker=f"question-{number}-text")
    user.find(marker=f"question-{number}-text").type(text)
    choose(user, f"question-{number}-kind", kind.value)


async def test_an_admin_writes_a_survey_with_every_kind_of_question(
    user: User, admin: Actor, store: Store
) -> None:
    await open_as(user, "admin@example.org", "/admin/surveys")
    user.find(marker="new-survey").click()
    await user.should_see(marker="survey-name-input")
    user.find(marker="survey-name-input").type("Exit interview")
    user.find(marker="survey-description-input").type("Before you leave the programme.")
    choose(user, "survey-type", TemplateType.YOUTH_FEEDBACK.value)
    await add_question(user, 1, "How was the programme?", QuestionKind.RATING)
    await add_question(user, 2, "Would you recommend it?", QuestionKind.SCALE)
    await add_question(user, 3, "What do you do now?", QuestionKind.SINGLE)
    user.find(marker="question-3-options").type("Working\nStudying\n\n")
    await add_question(user, 4, "What helped?", QuestionKind.MULTI)
    user.find(marker="question-4-options").type("Mentoring\nModules\nPeers")
    await add_question(user, 5, "Did you find a job?", QuestionKind.YES_NO)
    await add_question(user, 6, "Anything else?", QuestionKind.TEXT)
    user.find(marker="question-6-max_length").clear().type("200")
    user.find(marker="question-6-required").click()
    await add_question(user, 7, "A question to drop", QuestionKind.RATING)
    user.find(marker="up-question-6").click()  # "Anything else?" before "Did you find a job?"
    await user.should_see(marker="remove-question-7")
    user.find(marker="remove-question-7").click()
    await user.should_not_see(marker="question-7")
    user.find(marker="survey-anonymous-input").click()
    user.find(marker="save-survey").click()
    await user.should_see("“Exit interview” created.")
    await user.should_see("Exit interview (version 1)")

    (template,) = store.surveys.templates.values()
    assert (template.name, template.type, template.description, template.anonymous) == (
        "Exit interview",
        TemplateType.YOUTH_FEEDBACK,
        "Before you leave the programme.",
        True,
    )
    assert template.questions == [
        SurveyQuestion("q1", "How was the programme?", QuestionKind.RATING),
        SurveyQuestion("q2", "Would you recommend it?", QuestionKind.SCALE),
        SurveyQuestion("q3", "What do you do now?", QuestionKind.SINGLE, options=("Working", "Studying")),
        SurveyQuestion("q4", "What helped?", QuestionKind.MULTI, options=("Mentoring", "Modules", "Peers")),
        SurveyQuestion("q6", "Anything else?", QuestionKind.TEXT, required=False, max_length=200),
        SurveyQuestion("q5", "Did you find a job?", QuestionKind.YES_NO),
    ]


async def test_bad_input_is_named_by_each_field_and_question_and_nothing_typed_is_lost(
    user: User, admin: Actor, store: Store
) -> None:
    await open_as(user, "admin@example.org", "/admin/surveys/new")
    user.find(marker="survey-name-input").type("Exit interview")
    user.find(marker="save-survey").click()
    await user.should_see("Add at least one question.")
    await user.should_see(marker="survey-error")

    user.find(marker="survey-name-input").clear()
    await add_question(user, 1, "What do you do now?", QuestionKind.SINGLE)
    user.find(marker="question-1-options").type("Working")
    await add_question(user, 2, "Anything else?", QuestionKind.TEXT)
    user.find(marker="question-2-max_length").clear().type("0")
    await add_question(user, 3, "How was it?", QuestionKind.RATING)
    user.find(marker="save-survey").click()
    await user.should_see("Give the survey a name.")
    await user.should_see("Question 1: a choice question needs at least two options.")
    await user.should_see("Question 2: the answer limit must be between 1 and 5000 characters.")
    await user.should_not_see(marker="question-3-problem")
    await user.should_not_see("Add at least one question.")
    assert element(user, "question-1-text").value == "What do you do now?"
    assert element(user, "question-1-options").value == "Working"
    assert element(user, "question-2-max_length").value == 0
    assert store.surveys.templates == {}

    user.find(marker="survey-name-input").type("Exit interview")
    user.find(marker="question-1-options").type("\nStudying")
    user.find(marker="question-2-max_length").clear().type("2.5")
    user.find(marker="save-survey").click()
    await user.should_not_see("Question 1: a choice question needs at least two options.")
    await user.should_see("Question 2: the answer limit must be between 1 and 5000 characters.")  # not 2.5
    assert store.surveys.templates == {}

    user.find(marker="question-2-max_length").clear().type("300")
    user.find(marker="save-survey").click()
    await user.should_see("“Exit interview” created.")
    (template,) = store.surveys.templates.values()
    assert [q.key for q in template.questions] == ["q1", "q2", "q3"]


async def test_the_summary_goes_once_the_admin_changes_what_was_wrong(user: User, admin: Actor) -> None:
    await open_as(user, "admin@example.org", "/admin/surveys/new")
    user.find(marker="survey-name-input").type("Exit interview")
    user.find(marker="save-survey").click()
    await user.should_see(marker="survey-error")
    await add_question(user, 1, "How was it?", QuestionKind.RATING)
    await user.should_not_see(marker="survey-error")

    user.find(marker="survey-name-input").clear()
    user.find(marker="save-survey").click()
    await user.should_see("Give the survey a name.")
    await user.should_see(marker="survey-error")
    user.find(marker="survey-name-input").type("Exit interview")
    await user.should_not_see(marker="survey-error")

    user.find(marker="question-1-text").clear()
    user.find(marker="save-survey").click()
    await user.should_see(marker="survey-error")
    user.find(marker="question-1-text").type("How was the programme?")
    await user.should_not_see(marker="survey-error")
    user.find(marker="save-survey").click()
    await user.should_see("“Exit interview” created.")


async def test_the_preview_shows_the_survey_as_respondents_see_it(
    user: User, services: Services, admin: Actor
) -> None:
    youth = (await starters(services, admin))[TemplateType.YOUTH_FEEDBACK]
    await open_as(user, "admin@example.org", f"/admin/surveys/{youth.id}")
    await user.should_see(marker="question-1-text")
    user.find(marker="question-1-text").clear().type("How happy are you at work?")
    user.find(marker="preview").click()
    await user.should_see(marker="preview")
    await user.should_see(marker="survey-anonymous")
    await user.should_see("1. How happy are you at work?")
    await user.should_see("3. Which part of the training helped you most? (optional)")
    await user.should_see(marker="survey-answer-recommend")
    user.find(marker="preview-check").click()
    await user.should_see("Please answer this question.")
    user.find(marker="preview-close").click()
    await user.should_not_see(marker="preview-check")
    assert element(user, "question-1-text").value == "How happy are you at work?"  # still unsaved


async def test_editing_a_template_someone_answered_makes_a_new_version(
    user: User, services: Services, admin: Actor, register: Register, store: Store
) -> None:
    career, _ = await answered_career(services, admin, register)

    await open_as(user, "admin@example.org", f"/admin/surveys/{career.id}")
    await user.should_see("People have answered this survey (1 so far): saving makes version 2")
    user.find(marker="question-2-text").clear().type("How ready are you to start work?")
    await add_question(user, 6, "Which city would you move to?", QuestionKind.TEXT)
    user.find(marker="save-survey").click()
    await user.should_see("People had already answered, so this is saved as version 2;")
    await user.should_see("Career interests (version 2)")

    old = store.surveys.templates[career.id or 0]
    (new,) = [t for t in store.surveys.templates.values() if t.version == 2]
    assert old.current is False and old.questions == career.questions
    assert (new.family_id, new.current) == (career.id, True)
    assert [q.key for q in new.questions] == ["sectors", "confidence", "work_mode", "relocate", "goal", "q1"]
    assert new.questions[0].feeds is Feeds.SECTOR_INTERESTS
    assert new.questions[1].text == "How ready are you to start work?"
    assert row_texts(user, "version-2")[0] == "Version 2 (shown)"
    assert row_texts(user, "version-1")[0] == "Version 1"

    await user.open(f"/admin/surveys/{career.id}")
    await user.should_see(marker="older-version")
    await user.should_not_see(marker="save-survey")


async def test_editing_a_template_nobody_answered_keeps_its_version(
    user: User, services: Services, admin: Actor, store: Store
) -> None:
    youth = (await starters(services, admin))[TemplateType.YOUTH_FEEDBACK]
    await open_as(user, "admin@example.org", f"/admin/surveys/{youth.id}")
    await user.should_see(marker="question-1-text")
    await user.should_not_see(marker="versions-note")
    user.find(marker="down-question-1").click()
    user.find(marker="survey-name-input").clear().type("After placement")
    user.find(marker="save-survey").click()
    await user.should_see("“After placement” saved.")
    await user.should_see("After placement (version 1)")
    saved = store.surveys.templates[youth.id or 0]
    assert (saved.name, saved.version, len(store.surveys.templates)) == ("After placement", 1, 3)
    assert [q.key for q in saved.questions][:2] == ["preparedness", "satisfaction"]
    assert store.audit[-1].action == "survey_template.edited"
