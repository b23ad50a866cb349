"""Which browser tab and which signed-in person a log line comes from."""

from collections.abc import Mapping

from nicegui.slot import Slot, get_task_id


def tab_context() -> Mapping[str, object]:
    """`client_id` (one per tab) and `user_id` while NiceGUI runs a page or a handler for a tab.

    Reads the current task's slot stack without creating one: logging happens in every task,
    most of which never touch the UI.
    """
    stack = Slot.stacks.get(get_task_id())
    if not stack:
        return {}
    try:
        client = stack[-1].parent.client
    except RuntimeError:  # the tab closed while its last handler was still running
        return {}
    fields: dict[str, object] = {"client_id": client.id}
    shell = client.storage.get("shell")
    user = getattr(shell, "user", None)
    if user is not None and getattr(user, "id", None) is not None:
        fields["user_id"] = user.id
    return fields
