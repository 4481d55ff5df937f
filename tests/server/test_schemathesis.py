"""Schemathesis fuzzes every operation in ``/api/v1/openapi.json``, as each role.

One test per role and database: the app runs in process on a fresh data directory seeded with a
published meeting, schemathesis loads the app's own OpenAPI document from it, and every
operation is sent a bounded, derandomised set of valid and invalid requests with the role's
bearer token.  No answer may be a 5xx (or an exception escaping the app), and every 4xx answer
must have the one error shape ``{"error": {"code", "message"}}`` (API.md).  About half the
cases carry the ids of real objects, so requests get past the 404 into the handlers' own checks.

Drawing large recursive bodies (the agenda tree) costs far more than answering them, and with
``derandomize`` every role would draw the very same cases anyway; so each operation's cases are
drawn once per module and replayed against every role and database.
"""

from __future__ import annotations

import copy
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from schemathesis import APIOperation, Case, GenerationMode

import ecabinet
from tests.server.conftest import Person, device_key
from tests.support import make_pdf

# The ten runs take about 35 s on two cores, most of it drawing the agenda trees once.
pytestmark = pytest.mark.slow

API = "/api/v1"
SOURCE = Path(ecabinet.__file__).parent
CONFIG = schemathesis.Config.from_dict(
    {
        # Findings must be replayable as printed: the tokens and passwords are the tests' own.
        "output": {"sanitization": {"enabled": False}},
        # Literals harvested from the app's source come out in an order that depends on
        # PYTHONHASHSEED, so with them two runs of the same code draw different cases.
        "analysis": {"constants": {"enabled": False}},
    }
)
ROLES = ["administrator", "secretary", "chair", "delegate", "anonymous"]
EXAMPLES = 20
# Event streams may never end: a short read timeout cuts them off (schemathesis keeps the
# events that arrived), and they get fewer cases.  Any other request this slow is a hang.
TIMEOUT = 10.0
STREAM_TIMEOUT = 0.5
STREAM_EXAMPLES = 4

# With a role's token, this would revoke the token the rest of the run depends on.
SKIP_WHEN_AUTHENTICATED = {("POST", f"{API}/auth/logout")}

DRAW_SETTINGS = hypothesis.settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    # Hypothesis only draws here; the requests are checked outside it, so nothing fails or
    # shrinks inside it.
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
)


def fresh(body: Any) -> Any:
    """A copy of a body a call may change; anything else (even "no body") as it is."""
    return copy.deepcopy(body) if isinstance(body, dict | list) else body


@dataclass(frozen=True)
class Drawn:
    """One generated request, independent of the app and data it will be sent to."""

    path_parameters: dict[str, Any]
    headers: dict[str, Any]
    cookies: dict[str, Any]
    query: dict[str, Any]
    body: Any
    media_type: str | None
    multipart_content_types: dict[str, str] | None
    real_ids: bool

    def case_for(self, operation: APIOperation, ids: dict[str, str]) -> Case:
        """A fresh case for this test's operation, with real ids put in if it was drawn so."""
        path_parameters = dict(self.path_parameters)
        if self.real_ids:
            path_parameters.update({k: v for k, v in ids.items() if k in path_parameters})
        return operation.Case(
            path_parameters=path_parameters,
            headers=dict(self.headers),
            cookies=dict(self.cookies),
            query=copy.deepcopy(self.query),
            body=fresh(self.body),
            media_type=self.media_type,
            multipart_content_types=self.multipart_content_types,
        )


@dataclass
class Seeded:
    """Tokens per role and the ids of real objects to put into paths."""

    headers: dict[str, dict[str, str]]
    ids: dict[str, str]


def label_of(operation: APIOperation) -> str:
    return f"{operation.method.upper()} {operation.path}"


def is_event_stream(operation: APIOperation) -> bool:
    responses = operation.definition.raw.get("responses", {})
    return any(
        "text/event-stream" in (response.get("content") or {})
        for response in responses.values()
        if isinstance(response, dict)
    )


def draw_cases(operation: APIOperation) -> list[Drawn]:
    """A bounded, reproducible mix of valid and invalid requests for one operation."""
    drawn: list[Drawn] = []
    examples = STREAM_EXAMPLES if is_event_stream(operation) else EXAMPLES
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @hypothesis.settings(DRAW_SETTINGS, max_examples=examples)
    @given(case=cases, real_ids=st.booleans())
    def draw(case: Case, real_ids: bool) -> None:
        drawn.append(
            Drawn(
                path_parameters=dict(case.path_parameters or {}),
                headers=dict(case.headers or {}),
                cookies=dict(case.cookies or {}),
                query=copy.deepcopy(dict(case.query or {})),
                body=fresh(case.body),
                media_type=case.media_type,
                multipart_content_types=case.multipart_content_types,
                real_ids=real_ids and bool(case.path_parameters),
            )
        )

    draw()
    return drawn


@pytest.fixture(scope="module", autouse=True)
def hypothesis_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep Hypothesis' on-disk caches (Unicode tables, source constants) out of the work tree.

    ``database=None`` only stops it saving examples; it still writes ``.hypothesis/``.
    """
    set_hypothesis_home_dir(tmp_path_factory.mktemp("hypothesis"))
    yield
    set_hypothesis_home_dir(None)


@pytest.fixture(scope="module")
def drawn_cases() -> dict[str, list[Drawn]]:
    """Cases per operation label, drawn by the first test that needs them."""
    return {}


def seed(client: TestClient, make_user: Callable[..., Person]) -> Seeded:
    """A user per role, a published meeting with a document, and a spare device."""
    people = {
        "administrator": make_user("admin", "administrator"),
        "secretary": make_user("secretary", "secretary"),
        "chair": make_user("chair", "chair", "delegate"),
        "delegate": make_user("delegate", "delegate"),
    }
    spare = make_user("spare", "delegate", login=False)
    response = client.post(
        f"{API}/auth/login",
        json={
            "username": spare.username,
            "password": "pw-" + spare.username,
            "device_name": "spare tablet",
            "device_public_key": device_key(),
        },
    )
    assert response.status_code == 200, response.text
    spare_device = response.json()["device_id"]

    sec = people["secretary"].headers
    response = client.post(
        f"{API}/meetings",
        headers=sec,
        json={
            "title": "Phiên họp thử nghiệm",
            "starts_at": "2026-12-03T08:00:00+07:00",
            "location": "Phòng họp 1",
            "participants": [
                {"user_id": people["chair"].id, "role": "chair"},
                {"user_id": people["delegate"].id},
            ],
        },
    )
    assert response.status_code == 201, response.text
    meeting_id = response.json()["id"]
    response = client.post(
        f"{API}/meetings/{meeting_id}/documents",
        headers=sec,
        files={"file": ("bao-cao.pdf", make_pdf(2), "application/pdf")},
        data={"title": "Báo cáo"},
    )
    assert response.status_code == 201, response.text
    sha256 = response.json()["sha256"]
    response = client.put(
        f"{API}/meetings/{meeting_id}/agenda",
        headers=sec,
        json={"items": [{"title": "Ngân sách", "documents": [sha256]}]},
    )
    assert response.status_code == 200, response.text
    response = client.post(
        f"{API}/meetings/{meeting_id}/publish", headers=sec, json={"note": "Phát hành"}
    )
    assert response.status_code == 200, response.text

    headers = {role: person.headers for role, person in people.items()}
    headers["anonymous"] = {}
    return Seeded(
        headers=headers,
        ids={
            "meeting_id": meeting_id,
            "sha256": sha256,
            # Never the device of a fuzzing token: revoking it must not end the run.
            "device_id": spare_device,
        },
    )


def contract_broken(response: Any) -> str | None:
    """Why this answer breaks the contract, or ``None`` if it keeps it."""
    status = response.status_code
    if status >= 500:
        return "server error"
    if status < 400:
        return None
    content_type = (response.headers.get("content-type") or [""])[0]
    if not content_type.startswith("application/json"):
        return f"error answered as {content_type or 'no content type'}"
    try:
        body = response.json()
    except ValueError:
        return "error body is not JSON"
    error = body.get("error") if isinstance(body, dict) else None
    if (
        not isinstance(error, dict)
        or set(body) != {"error"}
        or not isinstance(error.get("code"), str)
        or not isinstance(error.get("message"), str)
        or not error["code"]
        or not error["message"]
    ):
        return "error body is not {'error': {'code', 'message'}}"
    return None


def describe(exc: BaseException) -> str:
    """The exception and the frames of ecabinet's own code it passed through."""
    lines = [f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0]}"]
    lines += [
        f"      at {Path(frame.filename).relative_to(SOURCE.parent)}:{frame.lineno} in {frame.name}"
        for frame in traceback.extract_tb(exc.__traceback__)
        if Path(frame.filename).is_relative_to(SOURCE)
    ]
    return "\n".join(lines)


def send(case: Case, app: Any, headers: dict[str, str], stream: bool) -> str | None:
    """Send one case; how it broke the contract, or ``None`` if it did not."""
    try:
        response = case.call(
            app=app, headers=headers, timeout=STREAM_TIMEOUT if stream else TIMEOUT
        )
    except Exception as exc:
        # Starlette answers an unhandled exception with the 500 handler and then re-raises it;
        # in process the raise is what arrives.
        why = f"raised {describe(exc)}"
    else:
        why = contract_broken(response)
        if why is None:
            return None
        why = f"{response.status_code} ({why}): {response.content.decode(errors='replace')[:500]}"
    return f"{why}\n    {case.as_curl_command(headers=headers)}"


# Known finding (reported, not fixed here): on PostgreSQL every role's run fails on
# POST /auth/login, whose fuzzed username holds a NUL byte that PostgreSQL text refuses
# (psycopg.DataError -> 500).  Deliberately not xfailed: the test must stay red until fixed.
@pytest.mark.parametrize("role", ROLES)
def test_no_operation_answers_5xx_or_breaks_the_error_shape(
    role: str,
    client: TestClient,
    make_user: Callable[..., Person],
    drawn_cases: dict[str, list[Drawn]],
) -> None:
    seeded = seed(client, make_user)
    app = client.app
    schema = schemathesis.openapi.from_asgi(f"{API}/openapi.json", app, config=CONFIG)
    headers = seeded.headers[role]
    findings: dict[str, str] = {}
    sent = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        label = label_of(operation)
        if headers and (operation.method.upper(), operation.path) in SKIP_WHEN_AUTHENTICATED:
            continue
        if label not in drawn_cases:
            drawn_cases[label] = draw_cases(operation)
        stream = is_event_stream(operation)
        for drawn in drawn_cases[label]:
            sent += 1
            why = send(drawn.case_for(operation, seeded.ids), app, headers, stream)
            if why is not None:
                # The first broken case per operation is enough to find the bug.
                findings.setdefault(label, why)
    assert sent > 0, "the schema lists no operations"
    if findings:
        pytest.fail(
            f"{len(findings)} operation(s) broke the contract as {role}:\n"
            + "\n".join(f"{label} -> {why}" for label, why in findings.items()),
            pytrace=False,
        )
