"""Server fixtures: an app on a fresh data directory and logged-in clients per role."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient

from ecabinet.server import accounts
from ecabinet.server.app import create_app
from ecabinet.server.settings import ServerSettings
from ecabinet.server.state import ServerState

# Cheap argon2 costs: the KDF is the same, only slower in production.
FAST_KDF = {"argon2_memory_kib": 64, "argon2_time_cost": 1}


def device_key() -> str:
    raw = (
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    return base64.b64encode(raw).decode()


@pytest.fixture
def settings(tmp_path: Path, database_url: str | None) -> ServerSettings:
    return ServerSettings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        max_upload_bytes=5 * 1024 * 1024,
        **FAST_KDF,
    )


@pytest.fixture
def state(settings: ServerSettings) -> Iterator[ServerState]:
    st = ServerState(settings)
    yield st
    st.close()


@pytest.fixture
def client(settings: ServerSettings, state: ServerState) -> Iterator[TestClient]:
    with TestClient(create_app(settings, state=state)) as test_client:
        yield test_client


@dataclass
class Person:
    id: str
    username: str
    headers: dict[str, str]


@pytest.fixture
def make_user(state: ServerState, client: TestClient) -> Callable[..., Person]:
    """Create a user with roles and log them in; returns their id and auth headers."""

    def make(username: str, *roles: str, login: bool = True) -> Person:
        with state.db.session() as session:
            user = accounts.create_user(
                session=session,
                passwords=state.passwords,
                username=username,
                password="pw-" + username,
                roles=list(roles) or ["delegate"],
            )
            user_id = user.id
        headers: dict[str, str] = {}
        if login:
            response = client.post(
                "/api/v1/auth/login",
                json={
                    "username": username,
                    "password": "pw-" + username,
                    "device_name": "test laptop",
                    "device_public_key": device_key(),
                },
            )
            assert response.status_code == 200, response.text
            headers = {"Authorization": f"Bearer {response.json()['token']}"}
        return Person(user_id, username, headers)

    return make


def error_code(response: Any) -> str:
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["message"], body
    return str(body["error"]["code"])
