"""Request and response bodies of the HTTP API (pydantic), as API.md describes them.

Strings are bounded and ids are patterns, so bad input stops here with a 422 and never reaches
the database or the file system.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl, model_validator

from ecabinet.server.models import MEETING_ROLES, ROLES

Id = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$", description="32 hex digits")]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256, hex")]
Role = Literal["administrator", "secretary", "chair", "delegate"]
MeetingRole = Literal["chair", "secretary", "delegate", "guest"]
assert set(ROLES) == {"administrator", "secretary", "chair", "delegate"}
assert set(MEETING_ROLES) == {"chair", "secretary", "delegate", "guest"}

MAX_AGENDA_DEPTH = 4


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("give a time zone, e.g. 2026-12-03T08:00:00+07:00")
    return value


AwareDatetime = Annotated[datetime, AfterValidator(_aware)]


def has_nul(value: object) -> bool:
    """Whether a string anywhere in ``value`` holds a NUL character."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(has_nul(v) for v in value)
    if isinstance(value, BaseModel):
        return any(has_nul(v) for v in value.__dict__.values())
    return False


class Strict(BaseModel):
    """Request bodies: unknown fields refused, text trimmed, NUL characters refused.

    PostgreSQL cannot store NUL in text, and no person types one: refusing it here answers
    422 on both databases instead of failing on one.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="after")
    def _no_nul(self) -> Self:
        if any(has_nul(v) for v in self.__dict__.values()):
            raise ValueError("text must not contain NUL characters")
        return self


class Health(BaseModel):
    status: str
    version: str


class ServerKey(BaseModel):
    key_id: str
    public_key: str
    fingerprint: str


class LoginRequest(Strict):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)
    device_name: str = Field(min_length=1, max_length=200)
    device_public_key: str = Field(
        min_length=44, max_length=44, description="base64 of the raw 32-byte Ed25519 key"
    )


class UserOut(BaseModel):
    id: str
    username: str
    full_name: str
    roles: list[str]


class LoginResponse(BaseModel):
    token: str
    expires_at: datetime
    user: UserOut
    device_id: str


class ParticipantIn(Strict):
    user_id: Id
    role: MeetingRole = "delegate"


class MeetingFacts(Strict):
    title: str = Field(min_length=1, max_length=500)
    starts_at: AwareDatetime
    location: str = Field(default="", max_length=500)
    video_url: HttpUrl | None = None
    bridge_sites: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=50
    )
    offline_until: AwareDatetime | None = None


class MeetingIn(MeetingFacts):
    participants: list[ParticipantIn] = Field(default_factory=list, max_length=1000)


class ParticipantOut(BaseModel):
    user_id: str
    username: str
    full_name: str
    role: str


class MeetingSummary(BaseModel):
    id: str
    title: str
    starts_at: datetime
    location: str
    status: Literal["draft", "published"]
    packet_version: int
    role: str


class AgendaItemIn(Strict):
    id: Id | None = Field(default=None, description="kept across versions; made when absent")
    title: str = Field(min_length=1, max_length=500)
    presenter: str = Field(default="", max_length=200)
    duration_min: int = Field(default=0, ge=0, le=24 * 60)
    documents: list[Sha256] = Field(default_factory=list, max_length=100)
    confidential: bool = False
    cleared: list[Id] = Field(default_factory=list, max_length=1000)
    children: list[AgendaItemIn] = Field(default_factory=list, max_length=100)


class AgendaIn(Strict):
    items: list[AgendaItemIn] = Field(max_length=200)


class AgendaItemOut(BaseModel):
    id: str
    number: str
    title: str
    presenter: str
    duration_min: int
    documents: list[str]
    confidential: bool
    cleared: list[str]
    children: list[AgendaItemOut]


class DocumentOut(BaseModel):
    sha256: str
    title: str
    filename: str
    size: int
    pages: int
    uploaded_at: datetime


class UploadResult(BaseModel):
    sha256: str
    pages: int
    size: int
    title: str


class MeetingDetail(BaseModel):
    id: str
    title: str
    starts_at: datetime
    location: str
    video_url: str
    bridge_sites: list[str]
    offline_until: datetime | None
    status: Literal["draft", "published"]
    packet_version: int
    participants: list[ParticipantOut]
    agenda: list[AgendaItemOut] | None = Field(
        default=None, description="the draft agenda; only the meeting's secretaries get it"
    )
    documents: list[DocumentOut] | None = None
    draft_revision: int = Field(
        default=1, description="bumped by every change of the draft; the ETag is this number"
    )
    draft_changed_by: str = Field(default="", description="who made the newest draft change")
    draft_changed_at: datetime | None = None
    draft_change: str = Field(default="", description="what the newest draft change was")


class PublishIn(Strict):
    note: str = Field(default="", max_length=4000)


class PublishOut(BaseModel):
    meeting_id: str
    packet_version: int
    published_at: datetime
    documents: int


class DeviceOut(BaseModel):
    id: str
    user_id: str
    name: str
    revoked: bool


class DeliveryIn(Strict):
    packet_version: int = Field(ge=1, le=2**31 - 1)


class DeviceDelivery(BaseModel):
    device_id: str
    name: str
    packet_version: int
    at: datetime


class ParticipantDelivery(BaseModel):
    user_id: str
    username: str
    full_name: str
    role: str
    delivered_version: int | None
    delivered_at: datetime | None
    current: bool
    devices: list[DeviceDelivery]


class DeliveryOut(BaseModel):
    packet_version: int
    participants: list[ParticipantDelivery]


class PreviewOut(BaseModel):
    manifest: dict[str, Any]
