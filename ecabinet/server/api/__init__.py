"""HTTP routes under ``/api/v1``, one module per area."""

from __future__ import annotations

from fastapi import APIRouter

from ecabinet.server.api import (
    accounts,
    backups,
    blobs,
    delivery,
    documents,
    live,
    meetings,
    motions,
    system,
)

router = APIRouter(prefix="/api/v1")
for module in (system, accounts, meetings, documents, blobs, live, motions, backups, delivery):
    router.include_router(module.router)
