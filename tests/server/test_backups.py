"""The encrypted annotation backup on the server: written once, per user, ciphertext only."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.server.conftest import Person, error_code

PATH = "/api/v1/annotations/backup"
ITEM = "notes/" + "a" * 32 + "/1"


def test_items_are_kept_per_user_and_written_once(
    client: TestClient, make_user: Callable[..., Person]
) -> None:
    anna, binh = make_user("anna"), make_user("binh")
    put = client.put(PATH, json={"item": ITEM, "ciphertext": "QUJD"}, headers=anna.headers)
    assert put.status_code == 200, put.text
    again = client.put(PATH, json={"item": ITEM, "ciphertext": "QUJD"}, headers=anna.headers)
    assert again.status_code == 200  # a replayed upload changes nothing
    other = client.put(PATH, json={"item": ITEM, "ciphertext": "WFla"}, headers=anna.headers)
    assert other.status_code == 409 and error_code(other) == "backup_item_exists"
    assert client.get(PATH, headers=anna.headers).json() == {
        "items": [{"item": ITEM, "ciphertext": "QUJD"}]
    }
    assert client.get(PATH, headers=binh.headers).json() == {"items": []}
    assert client.get(PATH).status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        {"item": "notes/xyz/1", "ciphertext": "QUJD"},
        {"item": "../../etc", "ciphertext": "QUJD"},
        {"item": "check", "ciphertext": "not base64!"},
        {"item": "check", "ciphertext": ""},
        {"item": "check", "ciphertext": "QUJD" * 100_001},
        {"item": "check"},
        [],
    ],
)
def test_malformed_items_are_refused_and_nothing_is_kept(
    client: TestClient, make_user: Callable[..., Person], body: object
) -> None:
    anna = make_user("anna")
    response = client.put(PATH, json=body, headers=anna.headers)
    assert response.status_code in (413, 422), response.text
    assert client.get(PATH, headers=anna.headers).json() == {"items": []}
