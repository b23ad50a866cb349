"""A template's versions on its editor page: which one new sendings use, and the older ones kept."""

from collections.abc import Sequence

from nicegui import ui

from mb.domain.model.survey import SurveyTemplate
from mb.ui.dates import shown_moment
from mb.ui.i18n import t
from mb.ui.pages.survey_tables import cell, cells, table


def versions_list(versions: Sequence[SurveyTemplate], shown_id: int | None) -> None:
    with ui.card().classes("w-full").mark("versions"):
        ui.label(t("Versions")).classes("text-lg font-semibold").props('role="heading" aria-level="2"')
        ui.label(t("Once anyone has answered, saving makes a new version; answers stay with their version."))
        with table([t("Version"), t("Created"), t("Questions"), t("In use")]):
            for version in sorted(versions, key=lambda v: v.version, reverse=True):
                with ui.element("tr").mark(f"version-{version.version}"):
                    with cell():
                        if version.id == shown_id:
                            ui.label(t("Version {version} (shown)", version=version.version))
                        else:
                            ui.link(
                                t("Version {version}", version=version.version),
                                f"/admin/surveys/{version.id}",
                            ).classes("text-primary underline")
                    cells(
                        (
                            shown_moment(version.created_at),
                            str(len(version.questions)),
                            t("Current") if version.current else t("Earlier version"),
                        )
                    )
