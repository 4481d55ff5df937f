"""Vote rules and result records, checked exhaustively against a plain-fraction oracle."""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ecabinet.core.records import RecordError, record_name, verify_any
from ecabinet.core.signing import SignatureError, sign_record
from ecabinet.core.votes import MAJORITY_RULES, Quorum, check_options, decide, passes

OPTIONS = ["for", "against", "abstain"]


def oracle(rule: str, votes_for: int, against: int, entitled: int) -> bool:
    decisive = votes_for + against
    share = {
        "simple": (
            Fraction(votes_for, decisive) if decisive else Fraction(0),
            Fraction(1, 2),
            False,
        ),
        "absolute": (Fraction(votes_for, entitled), Fraction(1, 2), False),
        "two_thirds_cast": (
            Fraction(votes_for, decisive) if decisive else Fraction(0),
            Fraction(2, 3),
            True,
        ),
        "two_thirds_members": (Fraction(votes_for, entitled), Fraction(2, 3), True),
    }[rule]
    value, threshold, inclusive = share
    return votes_for > 0 and (value >= threshold if inclusive else value > threshold)


@pytest.mark.parametrize("rule", MAJORITY_RULES)
def test_rules_match_the_fractions_for_every_small_vote(rule: Any) -> None:
    for entitled in range(1, 10):
        for f, a, ab in itertools.product(range(entitled + 1), repeat=3):
            if f + a + ab > entitled:
                continue
            decision = decide(
                {"for": f, "against": a, "abstain": ab},
                options=OPTIONS,
                rule=rule,
                quorum=Quorum(0, 1),
                entitled=entitled,
                present=entitled,
            )
            expected = "adopted" if oracle(rule, f, a, entitled) else "rejected"
            assert decision.outcome == expected, (rule, f, a, ab, entitled)
            assert decision.cast == f + a + ab


def test_quorum_is_at_least_the_share() -> None:
    assert Quorum(1, 2).met(present=3, entitled=6)
    assert not Quorum(1, 2).met(present=2, entitled=6)
    assert Quorum(2, 3).met(present=4, entitled=6)
    assert not Quorum(2, 3).met(present=3, entitled=6)
    assert not Quorum(0, 1).met(present=0, entitled=0)
    no_quorum = decide(
        {"for": 2}, options=OPTIONS, rule="simple", quorum=Quorum(1, 2), entitled=6, present=2
    )
    assert (no_quorum.outcome, no_quorum.quorum_met, no_quorum.winner) == ("no_quorum", False, None)


def test_custom_options_and_bad_counts() -> None:
    options = ["A", "B", "abstain"]
    won = decide(
        {"A": 3, "B": 1}, options=options, rule="simple", quorum=Quorum(), entitled=5, present=5
    )
    assert (won.outcome, won.winner) == ("decided", "A")
    tie = decide(
        {"A": 2, "B": 2}, options=options, rule="simple", quorum=Quorum(), entitled=5, present=5
    )
    assert (tie.outcome, tie.winner) == ("undecided", None)
    with pytest.raises(ValueError, match="options the motion does not have"):
        decide({"C": 1}, options=options, rule="simple", quorum=Quorum(), entitled=5, present=5)
    with pytest.raises(ValueError, match="never negative"):
        decide({"A": -1}, options=options, rule="simple", quorum=Quorum(), entitled=5, present=5)
    with pytest.raises(ValueError, match="unknown majority rule"):
        passes(1, rule="most", decisive_cast=1, entitled=1)  # type: ignore[arg-type]


def test_check_options() -> None:
    assert check_options([" có ", "không"]) == ["có", "không"]
    for bad in (["one"], ["a", "a"], ["a", ""], ["x" * 101, "b"], [str(i) for i in range(11)]):
        with pytest.raises(ValueError):
            check_options(bad)


def result_payload(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "motion_id": "m" * 32,
        "title": "Nghị quyết",
        "options": OPTIONS,
        "rule": {"majority": "simple", "quorum": {"numerator": 1, "denominator": 2}},
        "counts": {"for": 3, "against": 2, "abstain": 1},
        "entitled": {"members": 6, "weight": 6},
        "present": {"members": 6, "weight": 6},
        "cast": {"ballots": 6, "weight": 6},
        "quorum_met": True,
        "outcome": "adopted",
        "winner": "for",
        "closed_at": "2026-12-03T01:00:00Z",
    }
    return payload | changes


def test_verify_any_recounts_a_signed_result() -> None:
    key = Ed25519PrivateKey.generate()
    good = verify_any(sign_record("result", result_payload(), key), key.public_key())
    assert good.name == "result" and "adopted" in good.summary
    # Well signed, wrongly computed: still refused.
    wrong = sign_record("result", result_payload(outcome="rejected", winner=None), key)
    with pytest.raises(RecordError, match="does not follow"):
        verify_any(wrong, key.public_key())
    short = sign_record("result", result_payload(cast={"ballots": 6, "weight": 7}), key)
    with pytest.raises(RecordError, match="add up"):
        verify_any(short, key.public_key())
    with pytest.raises(RecordError, match="lacks a field"):
        verify_any(sign_record("result", {"counts": {}}, key), key.public_key())
    with pytest.raises(SignatureError):
        verify_any(
            sign_record("result", result_payload(), key), Ed25519PrivateKey.generate().public_key()
        )


def test_verify_any_receipts_and_unknown_kinds() -> None:
    key = Ed25519PrivateKey.generate()
    receipt = {"motion_id": "m", "voter_id": "v", "cast_by": "p", "accepted_at": "t"}
    summary = verify_any(sign_record("receipt", receipt, key), key.public_key()).summary
    assert "secret ballot" in summary and "proxy p" in summary
    with pytest.raises(RecordError, match="no voter_id"):
        verify_any(sign_record("receipt", {"motion_id": "m"}, key), key.public_key())
    with pytest.raises(RecordError, match="cannot check a 'bundle'"):
        verify_any(sign_record("bundle", {}, key), key.public_key())
    for junk in ([], {}, {"a": {}, "b": {}, "key_id": "", "signature": ""}):
        with pytest.raises(RecordError):
            record_name(junk)
