"""The live-session calls of the HTTP API (API.md): attendance, motions, ballots.

None of these is ever queued in the outbox: a vote cast later is not the vote the chair
counted, so offline they fail at once with :class:`~ecabinet.client.api.ServerUnreachable`.
"""

from __future__ import annotations

from typing import Any

from ecabinet.client.api import ApiClient


class LiveApi:
    """Thin, typed wrappers; every method raises the client's ``ClientError`` kinds."""

    def __init__(self, api: ApiClient) -> None:
        self.api = api

    def _post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        response = self.api.request("POST", path, json_body=body or {})
        return response.json()

    def live(self, meeting_id: str) -> dict[str, Any]:
        return dict(self.api.get_json(f"/meetings/{meeting_id}/live"))

    def motion(self, motion_id: str) -> dict[str, Any]:
        return dict(self.api.get_json(f"/motions/{motion_id}"))

    def check_in(self, meeting_id: str, site: str = "room") -> dict[str, Any]:
        return dict(self._post(f"/meetings/{meeting_id}/attendance", {"site": site}))

    def set_current_item(self, meeting_id: str, item_id: str | None) -> None:
        self._post(f"/meetings/{meeting_id}/current-item", {"agenda_item_id": item_id})

    def present(self, meeting_id: str, document: str | None, page: int | None) -> None:
        self._post(f"/meetings/{meeting_id}/presenting", {"document": document, "page": page})

    def create_motion(self, meeting_id: str, motion: dict[str, Any]) -> dict[str, Any]:
        return dict(self._post(f"/meetings/{meeting_id}/motions", motion))

    def open_motion(self, motion_id: str) -> dict[str, Any]:
        return dict(self._post(f"/motions/{motion_id}/open"))

    def close_motion(self, motion_id: str) -> dict[str, Any]:
        return dict(self._post(f"/motions/{motion_id}/close"))

    def cast_ballot(
        self, motion_id: str, choice: str, on_behalf_of: str | None = None
    ) -> dict[str, Any]:
        """Cast a ballot; returns the signed receipt record."""
        body: dict[str, Any] = {"choice": choice}
        if on_behalf_of:
            body["on_behalf_of"] = on_behalf_of
        return dict(self._post(f"/motions/{motion_id}/ballots", body)["receipt"])
