"""Login, logout, the user directory and device revocation."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import select

from ecabinet.server import accounts
from ecabinet.server.deps import CallerDep, PathId, SessionDep, StateDep, require_role
from ecabinet.server.errors import ApiError
from ecabinet.server.models import User
from ecabinet.server.schemas import DeviceOut, LoginRequest, LoginResponse, UserOut

router = APIRouter(tags=["accounts"])


def user_out(user: User) -> UserOut:
    return UserOut(
        id=user.id, username=user.username, full_name=user.full_name, roles=user.role_names
    )


@router.post("/auth/login", responses={401: {}, 403: {}, 429: {}})
def login(
    body: LoginRequest, request: Request, session: SessionDep, state: StateDep
) -> LoginResponse:
    address = request.client.host if request.client else "unknown"
    token, expires, user, device = accounts.login(
        session=session,
        settings=state.settings,
        passwords=state.passwords,
        username=body.username,
        password=body.password,
        device_name=body.device_name,
        device_public_key=body.device_public_key,
        address=address,
    )
    return LoginResponse(token=token, expires_at=expires, user=user_out(user), device_id=device.id)


@router.post("/auth/logout", status_code=204, responses={401: {}})
def logout(caller: CallerDep, session: SessionDep) -> None:
    accounts.logout(session=session, token_hash=caller.token_hash, user_id=caller.id)


@router.get("/auth/me", responses={401: {}})
def me(caller: CallerDep) -> UserOut:
    return user_out(caller.user)


@router.get("/users", dependencies=[require_role("secretary")], responses={401: {}, 403: {}})
def directory(session: SessionDep) -> list[UserOut]:
    """Every user, for picking meeting participants."""
    return [user_out(u) for u in session.scalars(select(User).order_by(User.username))]


@router.post("/devices/{device_id}/revoke", responses={401: {}, 403: {}, 404: {}})
def revoke(device_id: PathId, caller: CallerDep, session: SessionDep) -> DeviceOut:
    if not caller.has_role("administrator"):
        raise ApiError(403, "forbidden", "Only an administrator may revoke devices.")
    try:
        device = accounts.revoke_device(session=session, device_id=device_id, actor=caller.id)
    except accounts.AccountError as exc:
        raise ApiError(404, "device_not_found", "There is no such device.") from exc
    session.commit()
    return DeviceOut(id=device.id, user_id=device.user_id, name=device.name, revoked=True)
