"""Logins, tokens, throttling, devices, the organisation key and the audit chain."""

from __future__ import annotations

import stat
from collections.abc import Callable
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text, update

from ecabinet.server import accounts
from ecabinet.server.audit import verify_audit_log
from ecabinet.server.models import AuditEntry, Device, Token, User
from ecabinet.server.state import ServerState
from ecabinet.sqlkit import utcnow
from tests.server.conftest import Person, device_key, error_code

API = "/api/v1"


def login(
    client: TestClient,
    username: str,
    password: str,
    key: str | None = None,
) -> object:
    return client.post(
        f"{API}/auth/login",
        json={
            "username": username,
            "password": password,
            "device_name": "laptop",
            "device_public_key": key or device_key(),
        },
    )


def test_login_returns_token_user_and_device(
    client: TestClient, state: ServerState, make_user: Callable[..., Person]
) -> None:
    make_user("thu.ky", "secretary", login=False)
    response = login(client, "thu.ky", "pw-thu.ky")
    assert response.status_code == 200  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert body["user"]["roles"] == ["secretary"]
    me = client.get(f"{API}/auth/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.json()["username"] == "thu.ky"
    with state.db.session() as session:
        stored = session.scalars(select(Token.token_hash)).all()
        user = session.scalar(select(User).where(User.username == "thu.ky"))
        assert user is not None and user.password_hash.startswith("$argon2id$")
    assert body["token"] not in stored  # only the hash is kept
    assert accounts.hash_token(body["token"]) in stored


def test_wrong_password_and_unknown_user_look_the_same(
    client: TestClient, make_user: Callable[..., Person]
) -> None:
    make_user("delegate1", login=False)
    wrong = login(client, "delegate1", "nope")
    unknown = login(client, "nobody", "nope")
    for response in (wrong, unknown):
        assert response.status_code == 401  # type: ignore[attr-defined]
        assert error_code(response) == "invalid_credentials"


def test_repeated_failures_are_throttled_with_retry_after(
    client: TestClient, state: ServerState, make_user: Callable[..., Person]
) -> None:
    make_user("delegate1", login=False)
    for _ in range(state.settings.login_max_failures):
        assert login(client, "delegate1", "nope").status_code == 401  # type: ignore[attr-defined]
    throttled = login(client, "delegate1", "pw-delegate1")  # even the right password waits
    assert throttled.status_code == 429  # type: ignore[attr-defined]
    assert error_code(throttled) == "too_many_attempts"
    retry = int(throttled.headers["retry-after"])  # type: ignore[attr-defined]
    assert 0 < retry <= state.settings.login_window_seconds


def test_many_names_from_one_address_are_throttled(client: TestClient, state: ServerState) -> None:
    limit = state.settings.login_max_failures * 4
    statuses = [
        login(client, f"guess{i}", "x").status_code  # type: ignore[attr-defined]
        for i in range(limit + 1)
    ]
    assert statuses[:limit] == [401] * limit
    assert statuses[-1] == 429


def test_logout_and_expiry_end_the_token(
    client: TestClient, state: ServerState, make_user: Callable[..., Person]
) -> None:
    person = make_user("delegate1")
    assert client.get(f"{API}/meetings", headers=person.headers).status_code == 200
    assert client.post(f"{API}/auth/logout", headers=person.headers).status_code == 204
    after = client.get(f"{API}/meetings", headers=person.headers)
    assert (after.status_code, error_code(after)) == (401, "not_authenticated")

    other = make_user("delegate2")
    with state.db.session() as session:
        session.execute(update(Token).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert client.get(f"{API}/meetings", headers=other.headers).status_code == 401


def test_revoked_device_is_told_to_wipe_and_cannot_log_in_again(
    client: TestClient, state: ServerState, make_user: Callable[..., Person]
) -> None:
    admin = make_user("admin", "administrator")
    make_user("delegate1", login=False)
    key = device_key()
    response = login(client, "delegate1", "pw-delegate1", key)
    body = response.json()  # type: ignore[attr-defined]
    headers = {"Authorization": f"Bearer {body['token']}"}
    refused = client.post(f"{API}/devices/{body['device_id']}/revoke", headers=headers)
    assert refused.status_code == 403  # a delegate cannot revoke, not even their own
    done = client.post(f"{API}/devices/{body['device_id']}/revoke", headers=admin.headers)
    assert done.status_code == 200 and done.json()["revoked"] is True
    told = client.get(f"{API}/meetings", headers=headers)
    assert (told.status_code, error_code(told)) == (401, "device_revoked")
    again = login(client, "delegate1", "pw-delegate1", key)
    assert (again.status_code, error_code(again)) == (403, "device_revoked")  # type: ignore[attr-defined]
    with state.db.session() as session:
        device = session.get(Device, body["device_id"])
        assert device is not None and device.revoked_at is not None


def test_malformed_device_key_is_refused(
    client: TestClient, make_user: Callable[..., Person]
) -> None:
    make_user("delegate1", login=False)
    response = login(client, "delegate1", "pw-delegate1", key="!" * 44)
    assert response.status_code == 422  # type: ignore[attr-defined]


def test_org_key_file_is_private(state: ServerState) -> None:
    mode = stat.S_IMODE(state.settings.key_path.stat().st_mode)
    assert mode == 0o600


def test_org_key_readable_by_others_is_refused(state: ServerState) -> None:
    from ecabinet.server.orgkey import load_or_create_org_key

    state.settings.key_path.chmod(0o644)
    with pytest.raises(PermissionError, match="chmod 600"):
        load_or_create_org_key(state.settings.key_path)


def test_audit_chain_verifies_and_editing_one_row_breaks_it(
    client: TestClient, state: ServerState, make_user: Callable[..., Person]
) -> None:
    make_user("secretary", "secretary")
    login(client, "secretary", "wrong")
    with state.db.session() as session:
        count, broken = verify_audit_log(session)
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)).all()
    assert broken is None
    assert count == len(actions) >= 3
    assert actions[:3] == ["user_created", "login", "login_failed"]

    with state.db.session() as session:
        session.execute(
            text("UPDATE audit_log SET details = :d WHERE seq = 2"), {"d": '{"address":"10.0.0.1"}'}
        )
    with state.db.session() as session:
        _count, broken = verify_audit_log(session)
    assert broken is not None and broken.seq == 2


def test_deleting_the_newest_entry_is_noticed(
    state: ServerState, make_user: Callable[..., Person]
) -> None:
    make_user("a", login=False)
    make_user("b", login=False)
    with state.db.session() as session:
        session.execute(text("DELETE FROM audit_log WHERE seq = 2"))
    with state.db.session() as session:
        _count, broken = verify_audit_log(session)
    assert broken is not None and "removed" in broken.reason
