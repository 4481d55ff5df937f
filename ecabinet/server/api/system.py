"""Health and the organisation key."""

from __future__ import annotations

from fastapi import APIRouter

from ecabinet import __version__
from ecabinet.core.signing import fingerprint, key_id, public_key_to_b64
from ecabinet.server.deps import StateDep
from ecabinet.server.schemas import Health, ServerKey

router = APIRouter(tags=["system"])


@router.get("/health")
def health() -> Health:
    return Health(status="ok", version=__version__)


@router.get("/server-key")
def server_key(state: StateDep) -> ServerKey:
    """The public half of the key that signs manifests, receipts and results."""
    public = state.org_key.public_key()
    return ServerKey(
        key_id=key_id(public), public_key=public_key_to_b64(public), fingerprint=fingerprint(public)
    )
