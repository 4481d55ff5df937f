"""Vote rules and tallies: pure arithmetic, shared by the server and ``ecabinet verify``.

The server decides an outcome with :func:`decide` when a motion closes and signs the result;
``ecabinet verify`` runs the very same function on the signed counts, so a result whose
outcome does not follow from its own counts is caught offline.

Everything is weighted: a voter's weight defaults to 1, so with default weights "weight" and
"members" are the same number.  Integers only (canonical JSON carries no floats), so every
threshold is compared by cross-multiplication, never by division.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Majority = Literal["simple", "absolute", "two_thirds_cast", "two_thirds_members"]
MAJORITY_RULES: tuple[Majority, ...] = (
    "simple",
    "absolute",
    "two_thirds_cast",
    "two_thirds_members",
)
DEFAULT_OPTIONS: tuple[str, ...] = ("for", "against", "abstain")
# An abstention is a ballot cast (it counts towards "cast") that takes no side: it never
# wins and is left out of the base of the "votes cast" rules.
ABSTAIN = "abstain"


@dataclass(frozen=True)
class Quorum:
    """The share of the entitled weight that must be present: ``numerator/denominator``."""

    numerator: int = 1
    denominator: int = 2

    def met(self, *, present: int, entitled: int) -> bool:
        """At least the share is present (``present/entitled >= numerator/denominator``)."""
        if entitled <= 0:
            return False
        return present * self.denominator >= self.numerator * entitled


@dataclass(frozen=True)
class Decision:
    """What a closed motion came to.

    ``outcome`` is ``adopted``/``rejected`` for a motion whose options include ``for``;
    ``decided``/``undecided`` for custom options (``winner`` names the option);
    ``no_quorum`` when too few were present, whatever the counts.
    """

    outcome: str
    winner: str | None
    quorum_met: bool
    cast: int


def passes(count: int, *, rule: Majority, decisive_cast: int, entitled: int) -> bool:
    """Whether an option with weight ``count`` meets ``rule``.

    Args:
        count: the weight of ballots for the option.
        rule: ``simple`` more than half of the votes cast for a side; ``absolute`` more than
            half of the entitled weight; ``two_thirds_cast`` at least two thirds of the votes
            cast for a side; ``two_thirds_members`` at least two thirds of the entitled weight.
        decisive_cast: the weight of ballots cast for any option other than abstention.
        entitled: the weight of every voter entitled to vote on the motion.
    """
    if count <= 0:
        return False
    if rule == "simple":
        return 2 * count > decisive_cast
    if rule == "absolute":
        return 2 * count > entitled
    if rule == "two_thirds_cast":
        return 3 * count >= 2 * decisive_cast
    if rule == "two_thirds_members":
        return 3 * count >= 2 * entitled
    raise ValueError(f"unknown majority rule {rule!r}")


def decide(
    counts: Mapping[str, int],
    *,
    options: Sequence[str],
    rule: Majority,
    quorum: Quorum,
    entitled: int,
    present: int,
) -> Decision:
    """Apply a motion's rule to its counts.

    At most one option can pass any of the rules (each needs more than half, or at least two
    thirds, of a common base), except a tie at exactly two thirds, which is impossible for two
    options at once since 2/3 + 2/3 > 1.
    """
    unknown = set(counts) - set(options)
    if unknown:
        raise ValueError(f"counts name options the motion does not have: {sorted(unknown)}")
    if any(value < 0 for value in counts.values()):
        raise ValueError("counts are never negative")
    cast = sum(counts.values())
    decisive = sum(v for option, v in counts.items() if option != ABSTAIN)
    quorum_met = quorum.met(present=present, entitled=entitled)
    winner = next(
        (
            option
            for option in options
            if option != ABSTAIN
            and passes(counts.get(option, 0), rule=rule, decisive_cast=decisive, entitled=entitled)
        ),
        None,
    )
    if not quorum_met:
        return Decision("no_quorum", None, False, cast)
    if "for" in options:
        return Decision("adopted" if winner == "for" else "rejected", winner, True, cast)
    return Decision("decided" if winner else "undecided", winner, True, cast)


def check_options(options: Sequence[str]) -> list[str]:
    """The options of a new motion, or ``ValueError`` saying what is wrong with them."""
    cleaned = [o.strip() for o in options]
    if not 2 <= len(cleaned) <= 10:
        raise ValueError("a motion has between 2 and 10 options")
    if any(not o or len(o) > 100 for o in cleaned):
        raise ValueError("an option is 1 to 100 characters long")
    if len(set(cleaned)) != len(cleaned):
        raise ValueError("every option must be different")
    return cleaned
