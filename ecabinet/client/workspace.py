"""The secretary's side of the API: drafts, uploads, preview, publishing, delivery.

Used by the desktop workspace (on its task runner) and by ``ecabinet publish``.  Every draft
edit carries the revision it was based on (``If-Match``), so a second secretary's edit of an
older draft is refused with :class:`DraftConflict` — whose message says who changed what —
instead of silently overwriting it.  Uploads stream from disk with progress and can be
cancelled; a cancelled or cut upload leaves nothing attached on the server (it discards a
body that ends early).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ecabinet.client.api import ApiClient, ApiError, ClientError, ServerUnreachable

UPLOAD_TIMEOUT = 300.0
READ_SIZE = 256 * 1024
AGENDA_FIELDS = (
    "id",
    "title",
    "presenter",
    "duration_min",
    "documents",
    "confidential",
    "cleared",
)


class DraftConflict(ApiError):
    """The draft changed since it was loaded (409 ``draft_conflict``); ``.message`` says how."""


class UploadCancelled(ClientError):
    """The upload was cancelled; the server keeps nothing of it."""


@dataclass(frozen=True)
class Draft:
    """A meeting as its secretaries see it, and the draft revision it shows."""

    detail: dict[str, Any]
    revision: int


def agenda_input(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Agenda items as ``PUT /agenda`` takes them (drops ``number`` and other output fields)."""
    return [
        {
            **{key: item[key] for key in AGENDA_FIELDS if key in item},
            "children": agenda_input(list(item.get("children", []))),
        }
        for item in items
    ]


def _revision(etag: str | None, detail: dict[str, Any]) -> int:
    text = (etag or "").strip().removeprefix("W/").strip('"')
    if text.isdigit():
        return int(text)
    return int(detail.get("draft_revision", 1))


class _MultipartBody:
    """A ``multipart/form-data`` body read from disk as the connection takes it.

    It has a length (so the request carries ``Content-Length`` rather than chunks), reports
    the document's bytes as they go, and stops — raising :class:`UploadCancelled` — as soon
    as ``cancelled()`` says so; the connection then closes mid-body and the server discards
    what it received.
    """

    def __init__(
        self,
        source: BinaryIO,
        size: int,
        filename: str,
        title: str | None,
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.boundary = "ecabinet-" + uuid.uuid4().hex
        safe_name = filename.replace('"', "'").replace("\r", " ").replace("\n", " ")
        head = b""
        if title:
            title = " ".join(title.split())  # one line: it sits between multipart headers
            head += (
                f"--{self.boundary}\r\n"
                'Content-Disposition: form-data; name="title"\r\n\r\n'
                f"{title}\r\n"
            ).encode()
        head += (
            f"--{self.boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{safe_name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        self._head = head
        self._tail = f"\r\n--{self.boundary}--\r\n".encode()
        self._source = source
        self._size = size
        self._sent = 0
        self._stage = 0
        self._progress = progress
        self._cancelled = cancelled
        self.was_cancelled = False

    def __len__(self) -> int:
        return len(self._head) + self._size + len(self._tail)

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def read(self, amount: int = -1) -> bytes:
        if self._cancelled is not None and self._cancelled():
            self.was_cancelled = True
            raise UploadCancelled("The upload was cancelled; nothing was attached.")
        if self._stage == 0:
            self._stage = 1
            if self._progress is not None:
                self._progress(0, self._size)
            return self._head
        if self._stage == 1:
            chunk = self._source.read(min(READ_SIZE, amount) if amount > 0 else READ_SIZE)
            if chunk:
                self._sent += len(chunk)
                if self._progress is not None:
                    self._progress(self._sent, self._size)
                return chunk
            if self._sent != self._size:
                raise ClientError("The file changed while it was being uploaded; try again.")
            self._stage = 2
            return self._tail
        return b""


class Workspace:
    """What a secretary does with the server, as plain blocking calls."""

    def __init__(self, api: ApiClient) -> None:
        self.api = api

    # --- reading -----------------------------------------------------------------------------

    def directory(self) -> list[dict[str, Any]]:
        """Every user (the participants picker)."""
        return list(self.api.get_json("/users"))

    def meetings(self) -> list[dict[str, Any]]:
        """The meetings the user is a secretary of, newest first."""
        return [m for m in self.api.meetings() if m.get("role") == "secretary"]

    def draft(self, meeting_id: str) -> Draft:
        response = self.api.request("GET", f"/meetings/{meeting_id}")
        detail = dict(response.json())
        return Draft(detail, _revision(response.headers.get("ETag"), detail))

    def preview(self, meeting_id: str, user_id: str) -> dict[str, Any]:
        """The draft as ``user_id`` would receive it once published (the inner manifest)."""
        data = self.api.get_json(f"/meetings/{meeting_id}/preview?user_id={user_id}")
        return dict(data["manifest"])

    def delivery(self, meeting_id: str) -> dict[str, Any]:
        """Which participants hold the current version on a device."""
        return dict(self.api.get_json(f"/meetings/{meeting_id}/delivery"))

    # --- changing the draft ----------------------------------------------------------------

    def _send(self, method: str, path: str, body: Any, revision: int | None) -> Any:
        headers = {"If-Match": f'"{revision}"'} if revision is not None else {}
        try:
            return self.api.request(method, path, json_body=body, headers=headers)
        except ApiError as exc:
            if exc.code == "draft_conflict":
                raise DraftConflict(exc.status, exc.code, exc.message) from exc
            raise

    def create_meeting(self, facts: dict[str, Any]) -> Draft:
        response = self._send("POST", "/meetings", facts, None)
        detail = dict(response.json())
        return Draft(detail, _revision(response.headers.get("ETag"), detail))

    def update_meeting(self, meeting_id: str, facts: dict[str, Any], revision: int) -> Draft:
        """Replace facts and participants, if the draft is still at ``revision``."""
        response = self._send("PUT", f"/meetings/{meeting_id}", facts, revision)
        detail = dict(response.json())
        return Draft(detail, _revision(response.headers.get("ETag"), detail))

    def set_agenda(self, meeting_id: str, items: list[dict[str, Any]], revision: int) -> Draft:
        """Replace the agenda, if the draft is still at ``revision``; the draft after it."""
        body = {"items": agenda_input(items)}
        self._send("PUT", f"/meetings/{meeting_id}/agenda", body, revision).close()
        return self.draft(meeting_id)

    def upload(
        self,
        meeting_id: str,
        path: Path,
        *,
        title: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> dict[str, Any]:
        """Upload a PDF; answers ``{"sha256", "pages", "size", "title"}``.

        Raises:
            UploadCancelled: ``cancelled()`` said so; the server keeps nothing.
            ApiError: the server refused the file (its reason is the message).
            ServerUnreachable: the connection failed or was cut; nothing was attached.
        """
        try:
            source = path.open("rb")
        except OSError as exc:
            raise ClientError(f"{path.name} cannot be read: {exc.strerror or exc}.") from exc
        with source:
            size = os.fstat(source.fileno()).st_size
            body = _MultipartBody(source, size, path.name, title, progress, cancelled)
            try:
                response = self.api.request(
                    "POST",
                    f"/meetings/{meeting_id}/documents",
                    data=body,
                    headers={"Content-Type": body.content_type},
                    timeout=UPLOAD_TIMEOUT,
                )
            except ServerUnreachable as exc:
                if body.was_cancelled:
                    raise UploadCancelled(
                        "The upload was cancelled; nothing was attached."
                    ) from exc
                raise ServerUnreachable(
                    f"The upload of {path.name} was cut off; nothing was attached. "
                    "Try again when the connection is back."
                ) from exc
        return dict(response.json())

    # --- publishing --------------------------------------------------------------------------

    def publish(self, meeting_id: str, note: str) -> dict[str, Any]:
        """Publish the draft as the next version; answers ``PublishOut``."""
        return dict(
            self._send("POST", f"/meetings/{meeting_id}/publish", {"note": note}, None).json()
        )
