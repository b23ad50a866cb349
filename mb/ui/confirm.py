"""Ask before an action that is hard to undo."""

from nicegui import ui

from mb.ui.i18n import t


async def confirmed(question: str, action: str) -> bool:
    """Show `question` with Cancel and `action`; True only when the person chose `action`.

    The dialog is built for this one question and removed afterwards, so no stale copy lingers.
    """
    with ui.dialog() as dialog, ui.card().props('role="alertdialog"').mark("confirm"):
        ui.label(question).classes("text-base")
        with ui.row().classes("w-full justify-end gap-2"):
            ui.button(t("Cancel"), on_click=lambda: dialog.submit(False)).props("flat").mark("confirm-no")
            ui.button(action, on_click=lambda: dialog.submit(True)).mark("confirm-yes")
    answer = await dialog
    if not dialog.is_deleted:  # the tab may have closed, or the page moved on, meanwhile
        dialog.delete()
    return answer is True
