"""Votes against the real server: every rule, quorum, weights, proxies, double ballots,
secret-ballot unlinkability, bad input, and receipts and results checked by ``ecabinet verify``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from ecabinet.core.records import verify_any
from ecabinet.core.signing import public_key_from_b64, verify_record
from tests.e2e.conftest import http_login
from tests.e2e.livesupport import DATABASES, VOTERS, Demo, demo_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=DATABASES)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Demo]:
    yield from demo_server(request, tmp_path_factory)


def server_key(demo: Demo) -> Any:
    info = requests.get(f"{demo.api}/server-key", timeout=10).json()
    return public_key_from_b64(info["public_key"])


def run_motion(
    demo: Demo, votes: dict[str, str], present: tuple[str, ...] = VOTERS, **fields: Any
) -> dict[str, Any]:
    """A fresh meeting, ``present`` checked in, one motion opened, ``votes`` cast, closed."""
    meeting_id, item_id = demo.new_meeting()
    demo.check_in(meeting_id, *present)
    motion_id = demo.motion(meeting_id, item_id, **fields)
    assert demo.post("chair", f"/motions/{motion_id}/open").status_code == 200
    for user, choice in votes.items():
        response = demo.vote(motion_id, user, choice)
        assert response.status_code == 200, response.text
    closed = demo.post("chair", f"/motions/{motion_id}/close")
    assert closed.status_code == 200, closed.text
    body: dict[str, Any] = closed.json()
    return body


def cast(**counts: int) -> dict[str, str]:
    """Ballots by the six demo voters in order: ``cast(for_=3, against=2)``."""
    voters = iter(VOTERS)
    return {next(voters): option.rstrip("_") for option, n in counts.items() for _ in range(n)}


# Six voters, weight 1 each.  Each row: votes, then the outcome under each rule.
RULE_CASES = [
    # 3 for, 2 against, 1 abstains: a simple majority of votes cast only.
    (cast(for_=3, against=2, abstain=1), "adopted", "rejected", "rejected", "rejected"),
    # 3 for, 1 against, 2 do not vote: 3/4 of the cast, but only half of the members.
    (cast(for_=3, against=1), "adopted", "rejected", "adopted", "rejected"),
    # 4 for, 2 against: exactly two thirds of both.
    (cast(for_=4, against=2), "adopted", "adopted", "adopted", "adopted"),
    # 2 for, 2 against: a tie is no majority.
    (cast(for_=2, against=2, abstain=2), "rejected", "rejected", "rejected", "rejected"),
]


@pytest.mark.parametrize("case", range(len(RULE_CASES)))
def test_every_majority_rule(demo: Demo, case: int) -> None:
    votes, *expected = RULE_CASES[case]
    key = server_key(demo)
    for rule, outcome in zip(
        ("simple", "absolute", "two_thirds_cast", "two_thirds_members"), expected, strict=True
    ):
        motion = run_motion(demo, votes, majority=rule)
        assert motion["state"] == "closed"
        assert motion["outcome"] == outcome, (rule, votes, motion["counts"])
        result = verify_record(motion["result"], "result", key)
        assert result["rule"]["majority"] == rule
        assert result["cast"] == {"ballots": len(votes), "weight": len(votes)}
        assert result["entitled"] == {"members": 6, "weight": 6}
        assert sum(result["counts"].values()) == len(votes)
        assert verify_any(motion["result"], key).payload["outcome"] == outcome


def test_quorum_is_a_share_of_the_entitled_present(demo: Demo) -> None:
    two_present = run_motion(demo, {"chair": "for"}, present=("chair", "delegate1"))
    assert two_present["outcome"] == "no_quorum"
    assert two_present["result"]["result"]["quorum_met"] is False
    # Exactly half present meets a 1/2 quorum ("at least").
    half = run_motion(demo, {"chair": "for"}, present=("chair", "delegate1", "delegate2"))
    assert half["outcome"] == "adopted"
    assert half["result"]["result"]["present"] == {"members": 3, "weight": 3}
    two_thirds = run_motion(
        demo,
        {"chair": "for"},
        present=("chair", "delegate1", "delegate2"),
        quorum={"numerator": 2, "denominator": 3},
    )
    assert two_thirds["outcome"] == "no_quorum"


def test_weights_and_custom_options(demo: Demo) -> None:
    weighted = run_motion(
        demo,
        {"delegate1": "for", "delegate2": "against", "delegate3": "against"},
        weights={demo.ids["delegate1"]: 3},
    )
    assert weighted["counts"] == {"for": 3, "against": 2, "abstain": 0}
    assert weighted["outcome"] == "adopted"
    assert weighted["result"]["result"]["entitled"] == {"members": 6, "weight": 8}
    custom = run_motion(
        demo,
        {"chair": "Phương án A", "delegate1": "Phương án A", "delegate2": "Phương án B"},
        options=["Phương án A", "Phương án B"],
    )
    assert custom["outcome"] == "decided"
    assert custom["result"]["result"]["winner"] == "Phương án A"


def test_proxies(demo: Demo) -> None:
    meeting_id, item_id = demo.new_meeting()
    # delegate1 is away and hands the vote to delegate2; delegate3 is here in person.
    demo.check_in(meeting_id, "chair", "delegate2", "delegate3")
    handed = demo.post(
        "delegate1", f"/meetings/{meeting_id}/proxy", {"holder_id": demo.ids["delegate2"]}
    )
    assert handed.status_code == 200, handed.text
    chain = demo.post(
        "delegate3", f"/meetings/{meeting_id}/proxy", {"holder_id": demo.ids["delegate1"]}
    )
    assert (chain.status_code, chain.json()["error"]["code"]) == (409, "proxy_chain")
    passed_on = demo.post(
        "delegate2", f"/meetings/{meeting_id}/proxy", {"holder_id": demo.ids["delegate3"]}
    )
    assert (passed_on.status_code, passed_on.json()["error"]["code"]) == (409, "proxy_chain")
    to_self = demo.post(
        "delegate4", f"/meetings/{meeting_id}/proxy", {"holder_id": demo.ids["delegate4"]}
    )
    assert to_self.status_code == 422
    motion_id = demo.motion(meeting_id, item_id)
    demo.post("chair", f"/motions/{motion_id}/open")
    # The delegator cannot vote while the proxy stands, even once checked in.
    demo.check_in(meeting_id, "delegate1")
    refused = demo.vote(motion_id, "delegate1", "for")
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "proxy_stands")
    stranger = demo.vote(motion_id, "delegate3", "for", on_behalf_of=demo.ids["delegate1"])
    assert (stranger.status_code, stranger.json()["error"]["code"]) == (403, "not_proxy")
    own = demo.vote(motion_id, "delegate2", "against")
    assert own.status_code == 200, own.text
    held = demo.get("delegate2", f"/motions/{motion_id}")
    assert held["voted"] is True
    assert held["proxies"] == [{"user_id": demo.ids["delegate1"], "voted": False}]
    for_them = demo.vote(motion_id, "delegate2", "for", on_behalf_of=demo.ids["delegate1"])
    assert for_them.status_code == 200, for_them.text
    receipt = for_them.json()["receipt"]["receipt"]
    assert receipt["voter_id"] == demo.ids["delegate1"]
    assert receipt["cast_by"] == demo.ids["delegate2"]
    again = demo.vote(motion_id, "delegate2", "against", on_behalf_of=demo.ids["delegate1"])
    assert (again.status_code, again.json()["error"]["code"]) == (409, "already_voted")
    # Withdrawn after the proxy voted: the ballot stands and is not cast twice.
    withdrawn = demo.post("delegate1", f"/meetings/{meeting_id}/proxy", {"holder_id": None})
    assert withdrawn.status_code == 200
    twice = demo.vote(motion_id, "delegate1", "against")
    assert (twice.status_code, twice.json()["error"]["code"]) == (409, "already_voted")
    result = demo.post("chair", f"/motions/{motion_id}/close").json()
    assert result["counts"] == {"for": 1, "against": 1, "abstain": 0}
    assert result["result"]["result"]["cast"]["ballots"] == 2


def test_absent_member_is_present_through_a_present_proxy(demo: Demo) -> None:
    meeting_id, _item = demo.new_meeting()
    demo.check_in(meeting_id, "chair", "delegate2")
    demo.post("delegate1", f"/meetings/{meeting_id}/proxy", {"holder_id": demo.ids["delegate2"]})
    live = demo.get("chair", f"/meetings/{meeting_id}/live")
    assert (live["present"], live["entitled"]) == (3, 6)
    assert live["quorum_met"] is True


def test_concurrent_double_ballot_counts_once(demo: Demo) -> None:
    meeting_id, item_id = demo.new_meeting()
    demo.check_in(meeting_id, *VOTERS)
    motion_id = demo.motion(meeting_id, item_id)
    demo.post("chair", f"/motions/{motion_id}/open")
    for voter in VOTERS[1:]:
        # The same member on two devices, pressing at the same moment.
        devices = [http_login(demo.server, voter), http_login(demo.server, voter)]
        barrier = threading.Barrier(2)
        answers: list[int] = []

        def press(
            device: requests.Session,
            choice: str,
            barrier: threading.Barrier = barrier,
            answers: list[int] = answers,
        ) -> None:
            barrier.wait()
            response = device.post(
                f"{demo.api}/motions/{motion_id}/ballots", json={"choice": choice}, timeout=30
            )
            answers.append(response.status_code)

        threads = [
            threading.Thread(target=press, args=(d, c))
            for d, c in zip(devices, ("for", "against"), strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(answers) == [200, 409], answers
    motion = demo.get("chair", f"/motions/{motion_id}")
    assert motion["ballots_cast"] == 5
    closed = demo.post("chair", f"/motions/{motion_id}/close").json()
    assert sum(closed["counts"].values()) == 5


def test_bad_input_is_refused_and_changes_nothing(demo: Demo) -> None:
    # Logged in first: a login is audited, and the snapshots must differ by nothing.
    for user in ("chair", "secretary", *VOTERS):
        demo.as_(user)
    meeting_id, item_id = demo.new_meeting()
    demo.check_in(meeting_id, "chair", "delegate1", "delegate2")
    motion_id = demo.motion(meeting_id, item_id)

    def snapshot() -> tuple[Any, ...]:
        live = demo.get("chair", f"/meetings/{meeting_id}/live")
        motion = demo.get("chair", f"/motions/{motion_id}")
        return (
            live["last_seq"],
            motion["state"],
            motion["ballots_cast"],
            len(demo.rows("audit_log")),
        )

    def refused(response: requests.Response, status: int, code: str) -> None:
        assert (response.status_code, response.json()["error"]["code"]) == (status, code), (
            response.text
        )
        assert response.json()["error"]["message"]

    before = snapshot()
    refused(demo.vote(motion_id, "delegate1", "for"), 409, "motion_not_open")
    refused(demo.post("delegate1", f"/motions/{motion_id}/open"), 403, "forbidden")
    refused(
        demo.post(
            "delegate1",
            f"/meetings/{meeting_id}/motions",
            {"agenda_item_id": item_id, "title": "x"},
        ),
        403,
        "forbidden",
    )
    refused(demo.post("chair", f"/motions/{motion_id}/close"), 409, "motion_not_open")
    refused(
        demo.post(
            "chair",
            f"/meetings/{meeting_id}/motions",
            {"agenda_item_id": item_id, "title": "x", "options": ["a", "a"]},
        ),
        422,
        "invalid_options",
    )
    refused(
        demo.post(
            "chair", f"/meetings/{meeting_id}/motions", {"agenda_item_id": "0" * 32, "title": "x"}
        ),
        422,
        "unknown_item",
    )
    refused(
        demo.post("chair", f"/meetings/{meeting_id}/current-item", {"agenda_item_id": "0" * 32}),
        422,
        "unknown_item",
    )
    refused(
        demo.post(
            "delegate1",
            f"/meetings/{meeting_id}/attendance",
            {"user_id": demo.ids["delegate2"], "present": False},
        ),
        403,
        "forbidden",
    )
    refused(
        demo.post("delegate1", f"/meetings/{meeting_id}/attendance", {"site": "Mars"}),
        422,
        "unknown_site",
    )
    assert snapshot() == before

    assert demo.post("chair", f"/motions/{motion_id}/open").status_code == 200
    assert demo.post("chair", f"/motions/{motion_id}/open").status_code == 200  # idempotent
    before = snapshot()
    refused(demo.vote(motion_id, "delegate1", "maybe"), 422, "unknown_option")
    refused(demo.vote(motion_id, "secretary", "for"), 403, "not_entitled")
    refused(demo.vote(motion_id, "delegate3", "for"), 409, "not_checked_in")
    refused(
        demo.vote(motion_id, "delegate1", "for", on_behalf_of=demo.ids["delegate2"]),
        403,
        "not_proxy",
    )
    refused(demo.post("delegate1", f"/motions/{motion_id}/close"), 403, "forbidden")
    outsider = demo.post(
        "delegate1", f"/motions/{motion_id}/ballots", {"choice": "for", "extra": 1}
    )
    assert outsider.status_code == 422
    assert snapshot() == before

    assert demo.vote(motion_id, "delegate1", "for").status_code == 200
    first = demo.post("chair", f"/motions/{motion_id}/close").json()
    again = demo.post("chair", f"/motions/{motion_id}/close").json()
    assert first["result"] == again["result"]  # closing twice changes nothing
    before = snapshot()
    refused(demo.vote(motion_id, "delegate2", "for"), 409, "motion_closed")
    refused(demo.post("chair", f"/motions/{motion_id}/open"), 409, "motion_closed")
    assert snapshot() == before


def test_secret_ballot_cannot_be_linked_to_voters(demo: Demo) -> None:
    meeting_id, item_id = demo.new_meeting()
    demo.check_in(meeting_id, *VOTERS)
    options = ["Phương án Alpha", "Phương án Beta", "Phương án Gamma"]
    motion_id = demo.motion(meeting_id, item_id, secret=True, options=options)
    demo.post("chair", f"/motions/{motion_id}/open")
    choices = dict(zip(VOTERS, options * 2, strict=True))
    choices["delegate5"] = options[0]
    for voter, choice in choices.items():
        response = demo.vote(motion_id, voter, choice)
        assert response.status_code == 200, response.text
        assert "choice" not in response.json()["receipt"]["receipt"]
    # Before the close nobody sees totals.
    open_view = demo.get("chair", f"/motions/{motion_id}")
    assert open_view["counts"] is None and open_view["ballots_cast"] == 6
    demo.post("chair", f"/motions/{motion_id}/close")

    voter_rows = [r for r in demo.rows("motion_voters") if r["motion_id"] == motion_id]
    assert len(voter_rows) == 6
    assert set(voter_rows[0]) == {"motion_id", "voter_id", "cast_by", "weight", "choice"}
    assert all(r["choice"] is None for r in voter_rows)
    tallies = {
        r["option"]: r["weight"] for r in demo.rows("motion_tallies") if r["motion_id"] == motion_id
    }
    assert tallies == {options[0]: 3, options[1]: 2, options[2]: 1}
    assert set(demo.rows("motion_tallies")[0]) == {"motion_id", "option", "weight"}
    # No row anywhere names a voter together with some options but not all of them.
    user_ids = {demo.ids[v] for v in VOTERS}
    tables = [
        "users",
        "devices",
        "tokens",
        "meetings",
        "participants",
        "audit_log",
        "attendance",
        "proxies",
        "meeting_live",
        "live_events",
        "motions",
        "motion_voters",
        "motion_tallies",
        "idempotent_requests",
    ]
    for table in tables:
        for row in demo.rows(table):
            flat = json.dumps(row, default=str, ensure_ascii=False)
            named = [o for o in options if o in flat]
            if any(u in flat for u in user_ids) and named:
                assert sorted(named) == sorted(options), (table, row)
    ballots = [
        r
        for r in demo.rows("audit_log")
        if r["action"] == "ballot_cast" and r["subject"] == motion_id
    ]
    assert len(ballots) == 6
    assert all("choice" not in json.loads(r["details"]) for r in ballots)


def test_receipts_and_results_pass_ecabinet_verify(demo: Demo, tmp_path: Path) -> None:
    meeting_id, item_id = demo.new_meeting()
    demo.check_in(meeting_id, "chair", "delegate1", "delegate2", "delegate3")
    motion_id = demo.motion(meeting_id, item_id, majority="absolute")
    demo.post("chair", f"/motions/{motion_id}/open")
    receipt = demo.vote(motion_id, "delegate1", "for").json()
    for voter in ("chair", "delegate2", "delegate3"):
        demo.vote(motion_id, voter, "for")
    result = demo.post("chair", f"/motions/{motion_id}/close").json()["result"]
    key = requests.get(f"{demo.api}/server-key", timeout=10).json()["public_key"]

    receipt_file, result_file = tmp_path / "receipt.json", tmp_path / "result.json"
    receipt_file.write_text(json.dumps(receipt), encoding="utf-8")
    result_file.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    ok = demo.server.cli("verify", str(receipt_file), "--server", demo.server.url)
    assert ok.returncode == 0, ok.stderr
    assert "choice 'for'" in ok.stdout
    ok = demo.server.cli("verify", str(result_file), "--key", key)
    assert ok.returncode == 0, ok.stderr
    assert "adopted" in ok.stdout

    # A changed outcome breaks the signature; a re-signed wrong outcome would fail the recount.
    tampered = json.loads(json.dumps(result))
    tampered["result"]["counts"]["against"] = 3
    result_file.write_text(json.dumps(tampered), encoding="utf-8")
    bad = demo.server.cli("verify", str(result_file), "--key", key)
    assert bad.returncode == 1 and "signature does not match" in bad.stderr
    other_key = "A" * 43 + "="
    wrong_key = demo.server.cli("verify", str(receipt_file), "--key", other_key)
    assert wrong_key.returncode == 1 and "not by the expected key" in wrong_key.stderr
    (tmp_path / "junk.json").write_text("{}", encoding="utf-8")
    junk = demo.server.cli("verify", str(tmp_path / "junk.json"), "--key", key)
    assert junk.returncode == 1 and "not a signed record" in junk.stderr


def test_audit_chain_holds_after_a_burst_of_ballots(demo: Demo) -> None:
    """Ballots arriving together are written in batches; the audit chain stays whole."""
    meeting_id, item_id = demo.new_meeting()
    demo.check_in(meeting_id, *VOTERS)
    motion_id = demo.motion(meeting_id, item_id, secret=True)
    demo.post("chair", f"/motions/{motion_id}/open")
    barrier = threading.Barrier(len(VOTERS))
    codes: list[int] = []

    def press(voter: str) -> None:
        barrier.wait()
        codes.append(demo.vote(motion_id, voter, "for").status_code)

    threads = [threading.Thread(target=press, args=(v,)) for v in VOTERS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [200] * len(VOTERS)
    closed = demo.post("chair", f"/motions/{motion_id}/close").json()
    assert closed["counts"]["for"] == len(VOTERS)
    intact = demo.server.cli("admin", "audit-verify", "--data", str(demo.server.data))
    assert intact.returncode == 0, intact.stdout + intact.stderr
    assert "audit log intact" in intact.stdout
