"""The HTTP client of the server's API (``requests``), as API.md describes it.

Timeouts on every call, bounded retries with backoff for idempotent requests, TLS verification
always on (a custom CA bundle may be given), and every failure turned into an exception whose
message can be shown to a person as it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from ecabinet import __version__

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 60.0


class ClientError(Exception):
    """Base of what talking to the server can raise; ``str()`` is for people."""


class ServerUnreachable(ClientError):
    """No answer: offline, server down, connection cut.  Worth retrying later."""


class ApiError(ClientError):
    """The server answered with an error (``{"error": {"code", "message"}}``)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class DeviceRevoked(ApiError):
    """An administrator revoked this device: the profile must be wiped."""


@dataclass(frozen=True)
class Manifest:
    """A manifest response: the raw signed bytes and their ETag (``None`` when unchanged)."""

    body: bytes | None
    etag: str | None


def _retrying_session(ca_bundle: str | None) -> requests.Session:
    session = requests.Session()
    retry = Retry(
        total=3,
        connect=2,
        read=2,
        backoff_factor=0.3,
        status_forcelist=(502, 503, 504),
        allowed_methods=frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    adapter = HTTPAdapter(max_retries=retry, pool_maxsize=8)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.verify = ca_bundle or True
    session.headers["User-Agent"] = f"ecabinet/{__version__}"
    return session


def raise_for_error(response: requests.Response) -> None:
    """Turn an error response into :class:`ApiError` (or :class:`DeviceRevoked`)."""
    if response.status_code < 400:
        return
    code, message = "error", f"The server answered {response.status_code}."
    try:
        error = response.json()["error"]
        code, message = str(error["code"]), str(error["message"])
    except (ValueError, KeyError, TypeError):
        pass
    cls = DeviceRevoked if code == "device_revoked" else ApiError
    raise cls(response.status_code, code, message)


class ApiClient:
    """One server, one (optional) login token."""

    def __init__(
        self, base_url: str, *, token: str | None = None, ca_bundle: str | None = None
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.api = self.base_url + "/api/v1"
        self.token = token
        self._http = _retrying_session(ca_bundle)

    def close(self) -> None:
        self._http.close()

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = dict(extra or {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        headers: dict[str, str] | None = None,
        stream: bool = False,
        timeout: float = READ_TIMEOUT,
        data: Any = None,
    ) -> requests.Response:
        """Send one request; raises :class:`ServerUnreachable` or :class:`ApiError`.

        ``data`` is a raw body (e.g. a file-like object streamed as it is read).
        """
        try:
            response = self._http.request(
                method,
                self.api + path,
                json=json_body,
                data=data,
                headers=self._headers(headers),
                stream=stream,
                timeout=(CONNECT_TIMEOUT, timeout),
            )
        except requests.exceptions.SSLError as exc:
            raise ServerUnreachable(
                f"The server's TLS certificate could not be verified ({exc}). Check the address "
                "or configure the organisation's CA bundle."
            ) from exc
        except requests.exceptions.RequestException as exc:
            raise ServerUnreachable(
                f"The server at {self.base_url} cannot be reached. You can keep working offline; "
                "sync again when the network is back."
            ) from exc
        if response.status_code >= 400:
            try:
                raise_for_error(response)
            finally:
                response.close()
        return response

    def get_json(self, path: str) -> Any:
        response = self.request("GET", path)
        try:
            return response.json()
        except ValueError as exc:
            raise ApiError(
                response.status_code, "bad_response", "The server sent an answer that is not JSON."
            ) from exc

    def server_key(self) -> dict[str, Any]:
        return dict(self.get_json("/server-key"))

    def login(
        self, username: str, password: str, device_name: str, device_public_key: str
    ) -> dict[str, Any]:
        response = self.request(
            "POST",
            "/auth/login",
            json_body={
                "username": username,
                "password": password,
                "device_name": device_name,
                "device_public_key": device_public_key,
            },
        )
        data = dict(response.json())
        self.token = str(data["token"])
        return data

    def meetings(self) -> list[dict[str, Any]]:
        return list(self.get_json("/meetings"))

    def manifest(self, meeting_id: str, etag: str | None) -> Manifest:
        """The signed manifest, or ``Manifest(None, etag)`` when unchanged since ``etag``."""
        headers = {"If-None-Match": etag} if etag else {}
        response = self.request("GET", f"/meetings/{meeting_id}/manifest", headers=headers)
        if response.status_code == 304:
            return Manifest(None, etag)
        return Manifest(response.content, response.headers.get("ETag"))

    def blob(
        self, sha256: str, offset: int = 0, chunk: int = 256 * 1024
    ) -> tuple[int, Iterator[bytes]]:
        """Stream a document from ``offset``; returns where the stream really starts.

        The server may ignore the range and send everything (start 0); the caller must
        check.  A connection cut mid-stream raises :class:`ServerUnreachable` from the
        iterator.
        """
        headers = {"Range": f"bytes={offset}-", "If-Range": f'"{sha256}"'} if offset else {}
        response = self.request("GET", f"/blobs/{sha256}", headers=headers, stream=True)
        start = 0
        if response.status_code == 206:
            content_range = response.headers.get("Content-Range", "")
            try:
                start = int(content_range.split()[1].split("-")[0])
            except (IndexError, ValueError) as exc:
                response.close()
                raise ApiError(206, "bad_response", "The server sent a malformed range.") from exc

        def chunks() -> Iterator[bytes]:
            try:
                yield from response.iter_content(chunk)
            except requests.exceptions.RequestException as exc:
                raise ServerUnreachable(
                    "The connection was cut while downloading; the next sync resumes it."
                ) from exc
            finally:
                response.close()

        return start, chunks()

    def acknowledge_delivery(self, meeting_id: str, packet_version: int) -> None:
        """Tell the server this device holds every document of ``packet_version``."""
        response = self.request(
            "POST",
            f"/meetings/{meeting_id}/delivery",
            json_body={"packet_version": packet_version},
        )
        response.close()

    def send(self, method: str, path: str, body: Any, idempotency_key: str) -> Any:
        """An outbox action, marked so the server can tell a replay from a new request."""
        response = self.request(
            method, path, json_body=body, headers={"Idempotency-Key": idempotency_key}
        )
        if not response.content:
            return None
        try:
            return response.json()
        except json.JSONDecodeError:
            return None
