"""The FastAPI application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from typing import Any, cast

from anyio import to_thread
from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ecabinet import __version__
from ecabinet.server import motions
from ecabinet.server.api import router
from ecabinet.server.db import REQUEST_THREADS
from ecabinet.server.errors import body_too_large, error_response, install_error_handlers
from ecabinet.server.hotpath import HotPaths
from ecabinet.server.idempotency import IdempotencyKeys
from ecabinet.server.settings import ServerSettings
from ecabinet.server.state import ServerState
from ecabinet.server.uploads import is_upload


class JsonBodyLimit:
    """Refuse request bodies over the limit, except document uploads (they have their own).

    A declared ``Content-Length`` over the limit is answered at once; a chunked body is cut
    off as soon as it passes the limit.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or is_upload(scope):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            await self._too_large(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise body_too_large(self.limit)
            return message

        await self.app(scope, limited, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        error = body_too_large(self.limit)
        await error_response(error.status, error.code, error.message)(scope, receive, send)


class _Application(FastAPI):
    """FastAPI with :class:`HotPaths` in front of it: the vote's two hot routes pass through
    none of FastAPI's per-request work (its telemetry check, the middleware stack)."""

    def __init__(self, *, body_limit: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._hot_paths = HotPaths(
            super().__call__,
            state=lambda: cast(ServerState, self.state.ecabinet),
            body_limit=body_limit,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._hot_paths(scope, receive, send)


def create_app(
    settings: ServerSettings | None = None, *, state: ServerState | None = None
) -> FastAPI:
    """Build the application; the database is migrated and the key made when it starts."""
    settings = settings or ServerSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = state is None
        current: ServerState = state or ServerState(settings)
        app.state.ecabinet = current
        to_thread.current_default_thread_limiter().total_tokens = REQUEST_THREADS
        current.live.count_ballots = partial(motions.count_ballots, current.db, current.clearances)
        await current.live.start()
        try:
            yield
        finally:
            await current.live.stop()
            if own:
                current.close()

    app = _Application(
        body_limit=settings.max_json_bytes,
        title="ecabinet",
        version=__version__,
        lifespan=lifespan,
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
    )
    if state is not None:
        app.state.ecabinet = state
    install_error_handlers(app)
    app.include_router(router)
    app.add_middleware(IdempotencyKeys, state=lambda: app.state.ecabinet)
    app.add_middleware(JsonBodyLimit, limit=settings.max_json_bytes)
    return app


def app_factory() -> Any:
    """Entry point for ``uvicorn --factory ecabinet.server.app:app_factory``."""
    return create_app()
