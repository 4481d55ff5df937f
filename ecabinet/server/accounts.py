"""Users, roles, devices, login tokens and login throttling."""

from __future__ import annotations

import functools
import hashlib
import math
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from ecabinet.core.signing import SignatureError, public_key_from_b64
from ecabinet.server import bulk
from ecabinet.server.audit import append_audit
from ecabinet.server.errors import ApiError
from ecabinet.server.models import ROLES, Device, LoginFailure, Token, User, UserRole
from ecabinet.server.passwords import Passwords
from ecabinet.server.settings import ServerSettings
from ecabinet.sqlkit import utcnow


class AccountError(ValueError):
    """A user-management request that cannot be done (unknown user, bad role...)."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check_roles(roles: list[str]) -> list[str]:
    unknown = sorted(set(roles) - set(ROLES))
    if unknown:
        raise AccountError(f"unknown role {unknown[0]!r}; roles are: {', '.join(ROLES)}")
    if not roles:
        raise AccountError("give the user at least one role")
    return sorted(set(roles))


def create_user(
    *,
    session: Session,
    passwords: Passwords,
    username: str,
    password: str,
    roles: list[str],
    full_name: str = "",
    actor: str | None = None,
) -> User:
    """Create a user; the username must be free."""
    username = username.strip()
    if not username or len(username) > 100:
        raise AccountError("a username has 1 to 100 characters")
    if len(password) < 4:
        raise AccountError("a password has at least 4 characters")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise AccountError(f"the username {username!r} is taken")
    user = User(username=username, full_name=full_name, password_hash=passwords.hash(password))
    user.roles = [UserRole(role=r) for r in _check_roles(roles)]
    session.add(user)
    session.flush()
    append_audit(
        session=session,
        action="user_created",
        actor=actor,
        subject=user.id,
        details={"username": username, "roles": user.role_names},
    )
    return user


def find_user(*, session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise AccountError(f"no user is named {username!r}")
    return user


def set_roles(*, session: Session, username: str, roles: list[str], actor: str | None) -> User:
    user = find_user(session=session, username=username)
    user.roles = [UserRole(role=r) for r in _check_roles(roles)]
    append_audit(
        session=session,
        action="user_roles_set",
        actor=actor,
        subject=user.id,
        details={"roles": sorted(roles)},
    )
    return user


def reset_password(
    *, session: Session, passwords: Passwords, username: str, password: str, actor: str | None
) -> User:
    """Set a new password and revoke every token of the user, so old sessions end."""
    if len(password) < 4:
        raise AccountError("a password has at least 4 characters")
    user = find_user(session=session, username=username)
    user.password_hash = passwords.hash(password)
    now = utcnow()
    for token in session.scalars(select(Token).where(Token.user_id == user.id)):
        token.revoked_at = token.revoked_at or now
    append_audit(session=session, action="password_reset", actor=actor, subject=user.id)
    return user


def revoke_device(*, session: Session, device_id: str, actor: str | None) -> Device:
    device = session.get(Device, device_id)
    if device is None:
        raise AccountError(f"no device has the id {device_id!r}")
    if device.revoked_at is None:
        device.revoked_at = utcnow()
        append_audit(
            session=session,
            action="device_revoked",
            actor=actor,
            subject=device.id,
            details={"user_id": device.user_id, "name": device.name},
        )
    return device


def _retry_after(
    session: Session,
    column: InstrumentedAttribute[str],
    value: str,
    since: datetime,
    limit: int,
    window: timedelta,
) -> int | None:
    """Seconds until the oldest counted failure leaves the window, or ``None`` if not throttled."""
    recent = (column == value) & (LoginFailure.at >= since)
    count = session.scalar(select(func.count()).select_from(LoginFailure).where(recent)) or 0
    if count < limit:
        return None
    oldest = session.scalar(select(func.min(LoginFailure.at)).where(recent))
    if oldest is None:
        return None
    return max(1, math.ceil((oldest + window - utcnow()).total_seconds()))


def login(
    *,
    session: Session,
    settings: ServerSettings,
    passwords: Passwords,
    username: str,
    password: str,
    device_name: str,
    device_public_key: str,
    address: str,
) -> tuple[str, datetime, User, Device]:
    """Check a password, register the device and issue a token.

    Raises:
        ApiError: 401 for a wrong name or password, 429 while throttled, 403 for a revoked
            device, 422 for a malformed device key.
    """
    window = timedelta(seconds=settings.login_window_seconds)
    # The attempt is recorded (and committed) before the password is checked, and the limits
    # are counted after: parallel guesses see each other, so a burst cannot slip past the
    # limit while the slow, memory-hard check runs.  A correct password removes the record.
    attempt = LoginFailure(username=username, address=address)
    session.add(attempt)
    session.commit()
    since = utcnow() - window
    for column, value, limit in (
        (LoginFailure.username, username, settings.login_max_failures),
        (LoginFailure.address, address, settings.login_max_failures * 4),
    ):
        wait = _retry_after(session, column, value, since, limit + 1, window)
        if wait is not None:
            session.delete(attempt)
            session.commit()
            raise ApiError(
                429,
                "too_many_attempts",
                f"Too many failed logins. Try again in {wait} seconds.",
                headers={"Retry-After": str(wait)},
            )
    user = session.scalar(select(User).where(User.username == username))
    ok = passwords.verify(user.password_hash if user else None, password)
    if not ok or user is None or user.disabled:
        append_audit(
            session=session,
            action="login_failed",
            subject=user.id if user else None,
            details={"username": username, "address": address},
        )
        session.commit()
        raise ApiError(401, "invalid_credentials", "The username or password is wrong.")
    session.delete(attempt)
    try:
        key = public_key_from_b64(device_public_key)
    except SignatureError as exc:
        raise ApiError(422, "invalid_device_key", f"The device key is not usable: {exc}.") from exc
    del key
    device = session.scalar(
        select(Device).where(Device.user_id == user.id, Device.public_key == device_public_key)
    )
    if device is not None and device.revoked_at is not None:
        raise ApiError(
            403,
            "device_revoked",
            "This device was revoked by an administrator. Its stored meeting documents must be "
            "wiped; log in from a new installation.",
        )
    if device is None:
        device = Device(user_id=user.id, name=device_name, public_key=device_public_key)
        session.add(device)
        try:
            session.flush()
        except IntegrityError as exc:  # the same device logging in twice at once
            session.rollback()
            raise ApiError(409, "conflict", "This device is logging in already; retry.") from exc
    token = secrets.token_urlsafe(32)
    expires = utcnow() + timedelta(hours=settings.token_ttl_hours)
    session.add(
        Token(
            token_hash=hash_token(token), user_id=user.id, device_id=device.id, expires_at=expires
        )
    )
    session.execute(delete(LoginFailure).where(LoginFailure.username == username))
    append_audit(
        session=session,
        action="login",
        actor=user.id,
        subject=device.id,
        details={"address": address, "device_name": device.name},
    )
    session.commit()
    return token, expires, user, device


_EXPIRED = "Your login has expired or was ended. Log in again."
_REVOKED = (
    "This device was revoked by an administrator. Its stored meeting documents must be wiped."
)


@functools.cache
def _owners(dialect: str) -> bulk.AllRows:
    """Built once per dialect and run on the session's connection, past the ORM: on the hot
    paths (downloads, ballots) building and ORM-compiling the statement cost more than
    running it; and its text does not change with the number of tokens (:mod:`bulk`)."""
    return bulk.AllRows(
        select(
            Token.token_hash,
            Token.user_id,
            Token.expires_at,
            Token.revoked_at,
            Device.revoked_at,
            User.disabled,
        )
        .join(Device, Device.id == Token.device_id)
        .join(User, User.id == Token.user_id)
        .where(bulk.one_of(Token.token_hash, "hashes", dialect)),
        dialect,
    )


def token_owners(*, session: Session, tokens: Iterable[str]) -> dict[str, str | ApiError]:
    """For each token, the id of the user it belongs to, or the 401 to answer; one query.

    The ballot writer checks a whole batch's tokens at once, before it takes the write lock:
    a request with a made-up token never waits behind other writers.
    """
    hashes = {token: hash_token(token) for token in tokens}
    conn = session.connection()
    owners_of = _owners(conn.dialect.name)
    rows = {row[0]: row for row in owners_of(conn, {"hashes": sorted(set(hashes.values()))})}
    now = utcnow()
    owners: dict[str, str | ApiError] = {}
    for token, digest in hashes.items():
        row = rows.get(digest)
        if row is None or row[3] is not None or row[2] <= now or row[5]:
            owners[token] = ApiError(
                401, "not_authenticated", _EXPIRED, headers={"WWW-Authenticate": "Bearer"}
            )
        elif row[4] is not None:
            owners[token] = ApiError(401, "device_revoked", _REVOKED)
        else:
            owners[token] = str(row[1])
    return owners


def token_owner(*, session: Session, token: str) -> str:
    """The id of the user a valid token belongs to, in one query (the download hot path).

    Raises:
        ApiError: as :func:`authenticate`.
    """
    owner = token_owners(session=session, tokens=[token])[token]
    if isinstance(owner, ApiError):
        raise owner
    return owner


def authenticate(*, session: Session, token: str) -> tuple[User, Device, str]:
    """Resolve a bearer token to its user and device.

    Raises:
        ApiError: 401 ``not_authenticated`` for an unknown, expired or revoked token;
            401 ``device_revoked`` when the device was revoked (the client must wipe).
    """
    token_hash = hash_token(token)
    row = session.get(Token, token_hash)
    if row is None or row.revoked_at is not None or row.expires_at <= utcnow():
        raise ApiError(
            401,
            "not_authenticated",
            "Your login has expired or was ended. Log in again.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    device = session.get(Device, row.device_id)
    if device is None or device.revoked_at is not None:
        raise ApiError(
            401,
            "device_revoked",
            "This device was revoked by an administrator. Its stored meeting documents must be "
            "wiped.",
        )
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        raise ApiError(401, "not_authenticated", "This account is disabled.")
    return user, device, token_hash


def logout(*, session: Session, token_hash: str, user_id: str) -> None:
    row = session.get(Token, token_hash)
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
        append_audit(session=session, action="logout", actor=user_id, subject=row.device_id)
    session.commit()
