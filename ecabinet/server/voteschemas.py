"""Request and response bodies of the live session: attendance, proxies, motions, ballots."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, Self

from pydantic import BaseModel, Field, model_validator

from ecabinet.core.votes import DEFAULT_OPTIONS
from ecabinet.server.schemas import Id, Sha256, Strict

MajorityRule = Literal["simple", "absolute", "two_thirds_cast", "two_thirds_members"]


class AttendanceIn(Strict):
    """``{}`` checks the caller in; a secretary names ``user_id`` to record someone else."""

    user_id: Id | None = None
    present: bool = True
    site: str = Field(
        default="room",
        max_length=200,
        description='"room", "online", or the name of one of the meeting\'s bridge sites',
    )


class ProxyIn(Strict):
    """Hand the caller's vote (or, for a secretary, ``delegator_id``'s) to ``holder_id``;
    ``holder_id: null`` withdraws it."""

    holder_id: Id | None
    delegator_id: Id | None = None


class CurrentItemIn(Strict):
    agenda_item_id: Id | None


class PresentingIn(Strict):
    """The document and page on the room's screen; both null when nothing is shown."""

    document: Sha256 | None = None
    page: int | None = Field(default=None, ge=1, le=100_000)

    @model_validator(mode="after")
    def _together(self) -> Self:
        if (self.document is None) != (self.page is None):
            raise ValueError("give document and page together, or neither")
        return self


class QuorumIn(Strict):
    numerator: int = Field(default=1, ge=0, le=1000)
    denominator: int = Field(default=2, ge=1, le=1000)

    @model_validator(mode="after")
    def _share(self) -> Self:
        if self.numerator > self.denominator:
            raise ValueError("a quorum is a share: numerator at most denominator")
        return self


class MotionIn(Strict):
    agenda_item_id: Id
    title: str = Field(min_length=1, max_length=500)
    text: str = Field(default="", max_length=50_000)
    options: list[str] = Field(default_factory=lambda: list(DEFAULT_OPTIONS), max_length=10)
    secret: bool = False
    majority: MajorityRule = "simple"
    quorum: QuorumIn = Field(default_factory=QuorumIn)
    weights: dict[str, int] = Field(
        default_factory=dict, max_length=10_000, description="vote weight by user id; 1 if absent"
    )


class BallotIn(Strict):
    choice: str = Field(min_length=1, max_length=100)
    on_behalf_of: Id | None = None


class MotionOut(BaseModel):
    id: str
    meeting_id: str
    agenda_item_id: str
    title: str
    text: str
    options: list[str]
    secret: bool
    majority: str
    quorum: dict[str, int]
    state: Literal["draft", "open", "closed"]
    ballots_cast: int
    entitled: int
    created_at: datetime
    opened_at: datetime | None
    closed_at: datetime | None
    voted: bool = Field(description="whether the caller's own ballot is in")
    may_vote: bool = Field(
        default=False,
        description="whether the caller is entitled to cast their own ballot on this motion "
        "(on a confidential item only the cleared are; a proxy stands only between two of them)",
    )
    proxies: list[dict[str, Any]] = Field(
        default_factory=list, description="voters the caller holds a proxy for, and if voted"
    )
    counts: dict[str, int] | None = None
    outcome: str | None = None
    result: dict[str, Any] | None = None


class AttendanceOut(BaseModel):
    user_id: str
    username: str
    full_name: str
    role: str
    entitled: bool
    present: bool
    site: str | None
    proxy_holder: str | None


class LiveOut(BaseModel):
    """The live state at one event number: start here, then stream from ``last_seq``."""

    meeting_id: str
    last_seq: int
    current_item_id: str | None
    presented: dict[str, Any] | None
    present: int
    entitled: int
    quorum_share: dict[str, int]
    quorum_met: bool
    attendance: list[AttendanceOut]
    motions: list[MotionOut]
