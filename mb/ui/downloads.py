"""Module materials over plain HTTP: files up to the upload limit (videos too) go to the browser
as one response instead of through the page's websocket, and no UI client is left behind."""

import logging
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse, Response

from mb.domain.errors import DomainError, NotFound, PermissionDenied, Unavailable
from mb.domain.model.user import Actor
from mb.ui.i18n import t
from mb.ui.paths import path_id
from mb.ui.services import services
from mb.ui.session import signed_in_user

log = logging.getLogger("mb.ui")

MISSING = "That file is no longer available."
STATUS = {PermissionDenied: 403, NotFound: 404, Unavailable: 503}
PRIVATE = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}


def add_download_routes(app: FastAPI) -> None:
    @app.get("/materials/{material_id}", include_in_schema=False)
    async def material(material_id: str) -> Response:
        """The file, for staff and for youth who hold its module; the session cookie says who asks.

        NiceGUI's request middleware runs for plain routes too, so `app.storage.user` (and with it
        the signed-in person and their language) is this browser's session here as on pages.
        """
        try:
            user = await signed_in_user()
            if user is None:
                return _refused(401, "Please sign in to download this file.")
            actor = Actor.of(user)
            found, data = await services().catalogue.download(actor, path_id(material_id, MISSING))
        except DomainError as error:
            code = next((code for kind, code in STATUS.items() if isinstance(error, kind)), 400)
            log.info("material.refused", extra={"material": material_id, "status": code})
            return _refused(code, error.message)
        log.info("material.downloaded", extra={"material_id": found.id, "user_id": actor.user_id})
        return Response(
            data,
            media_type=found.content_type,
            headers={
                **PRIVATE,
                "Content-Disposition": f"attachment; filename*=UTF-8''{quote(found.filename, safe='')}",
            },
        )


def _refused(code: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(t(message), status_code=code, headers=PRIVATE)
