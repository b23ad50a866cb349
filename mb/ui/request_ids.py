"""A request id on every HTTP request's log lines and in its response, to match the two up."""

import re
from collections.abc import Awaitable, Callable
from uuid import uuid4

from fastapi import FastAPI, Request, Response

from mb.logging import bind_request_context, clear_request_context

HEADER = "X-Request-ID"
# A load balancer's id is kept when it looks like one; anything else could forge log lines.
ACCEPTABLE = re.compile(r"[A-Za-z0-9._-]{1,64}")


def add_request_ids(app: FastAPI) -> None:
    @app.middleware("http")
    async def request_id(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        given = request.headers.get(HEADER, "")
        identifier = given if ACCEPTABLE.fullmatch(given) else uuid4().hex
        bind_request_context(request_id=identifier)
        try:
            response = await call_next(request)
        finally:
            clear_request_context()
        response.headers[HEADER] = identifier
        return response
