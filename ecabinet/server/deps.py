"""FastAPI dependencies: the shared state, a database session, and who is asking."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from ecabinet.server import accounts
from ecabinet.server.errors import ApiError
from ecabinet.server.models import Device, User
from ecabinet.server.state import ServerState

_bearer = HTTPBearer(auto_error=False, description="the token from POST /auth/login")


def get_state(request: Request) -> ServerState:
    state: ServerState = request.app.state.ecabinet
    return state


def get_session(state: Annotated[ServerState, Depends(get_state)]) -> Iterator[Session]:
    """A session per request.  Handlers commit what they change; anything else rolls back."""
    with state.db.sessions() as session:
        yield session


@dataclass(frozen=True)
class Caller:
    """The authenticated user and the device the request came from."""

    user: User
    device: Device
    token_hash: str

    @property
    def id(self) -> str:
        return self.user.id

    def has_role(self, role: str) -> bool:
        return role in self.user.role_names


# "function" scope: the session closes when the handler returns, before a (possibly long,
# streamed) response is sent, so a download never holds a pooled connection.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def login_first() -> ApiError:
    """The 401 for a request without a bearer token."""
    return ApiError(
        401,
        "not_authenticated",
        "Log in first: this request needs a bearer token.",
        headers={"WWW-Authenticate": "Bearer"},
    )


def bearer_token(credentials: HTTPAuthorizationCredentials | None) -> str:
    """The token of a bearer header, or a 401 saying to log in."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise login_first()
    return credentials.credentials


def get_caller(
    session: SessionDep,
    credentials: BearerDep,
) -> Caller:
    user, device, token_hash = accounts.authenticate(
        session=session, token=bearer_token(credentials)
    )
    # Hand the connection back before the handler's own trip to the thread pool: a request
    # holding a connection while it waits for a thread, times a thousand clients connecting
    # at once, leaves every thread waiting for a connection and nothing moving.
    session.commit()
    return Caller(user=user, device=device, token_hash=token_hash)


def require_role(role: str) -> Any:
    """A dependency that lets through only callers holding ``role``."""

    def check(caller: Annotated[Caller, Depends(get_caller)]) -> Caller:
        if not caller.has_role(role):
            raise ApiError(403, "forbidden", f"Only a user with the {role} role may do this.")
        return caller

    return Depends(check)


StateDep = Annotated[ServerState, Depends(get_state)]
CallerDep = Annotated[Caller, Depends(get_caller)]

PathId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="32 hex digits")]
PathSha256 = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="SHA-256, hex")]
