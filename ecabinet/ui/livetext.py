"""Words the vote and chair panels share: option names, outcomes, rules, counts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject


class LiveText(QObject):
    """Translated wording for live-session facts (a QObject so that ``tr()`` finds them)."""

    def option(self, option: str) -> str:
        """The default options in the reader's language; custom ones as the chair wrote them."""
        known = {
            "for": self.tr("For"),
            "against": self.tr("Against"),
            "abstain": self.tr("Abstain"),
        }
        return known.get(option, option)

    def state(self, state: str) -> str:
        known = {
            "draft": self.tr("draft"),
            "open": self.tr("voting open"),
            "closed": self.tr("closed"),
        }
        return known.get(state, state)

    def outcome(self, outcome: str | None) -> str:
        known = {
            "adopted": self.tr("Adopted"),
            "rejected": self.tr("Rejected"),
            "decided": self.tr("Decided"),
            "undecided": self.tr("No option won"),
            "no_quorum": self.tr("No quorum: the vote does not count"),
        }
        return known.get(outcome or "", outcome or "")

    def rule(self, rule: str) -> str:
        known = {
            "simple": self.tr("Simple majority of votes cast"),
            "absolute": self.tr("Absolute majority of members"),
            "two_thirds_cast": self.tr("Two thirds of votes cast"),
            "two_thirds_members": self.tr("Two thirds of members"),
        }
        return known.get(rule, rule)

    def cast(self, motion: dict[str, Any]) -> str:
        return (
            self.tr("Ballots cast: %1 of %2 entitled")
            .replace("%1", str(motion.get("ballots_cast", 0)))
            .replace("%2", str(motion.get("entitled", 0)))
        )

    def result(self, motion: dict[str, Any]) -> str:
        """ "Result: Adopted — For 3 · Against 2 · Abstain 1" for a closed motion."""
        counts = motion.get("counts") or {}
        tally = " · ".join(
            f"{self.option(o)} {counts.get(o, 0)}" for o in motion.get("options", [])
        )
        return (
            self.tr("Result: %1 — %2")
            .replace("%1", self.outcome(motion.get("outcome")))
            .replace("%2", tally)
        )

    def attendance(self, state: dict[str, Any]) -> str:
        text = (
            self.tr("Present: %1 of %2 entitled")
            .replace("%1", str(state.get("present", 0)))
            .replace("%2", str(state.get("entitled", 0)))
        )
        quorum = self.tr("quorum met") if state.get("quorum_met") else self.tr("no quorum yet")
        return f"{text} — {quorum}"
