"""The desktop app's settings, declared once, typed, with defaults (over ``QSettings``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting: its key, default and what it means."""

    key: str
    default: T
    description: str


LANGUAGE = Setting[str]("ui/language", "", "vi or en; empty follows the system locale")
SERVER_URL = Setting[str]("login/server", "http://localhost:8470", "last server logged in to")
USERNAME = Setting[str]("login/username", "", "last user name logged in with")
PROFILE_DIR = Setting[str]("login/profile", "", "profile directory of the last login")
GEOMETRY = Setting[QByteArray]("window/geometry", QByteArray(), "main window geometry")
WINDOW_STATE = Setting[QByteArray]("window/state", QByteArray(), "main window splitters")
DOCKS = Setting[QByteArray]("window/docks", QByteArray(), "main window docks (search panel)")
OPEN_DOCUMENTS = Setting[str](
    "window/documents", "[]", "JSON list of open documents: meeting, sha256, page, zoom"
)
SEEN_VERSIONS = Setting[str](
    "meetings/seen", "{}", "JSON map of meeting id to the packet version last opened"
)


class Prefs:
    """Typed access to the settings store."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.store = settings or QSettings("ecabinet", "ecabinet")

    def get(self, setting: Setting[T]) -> T:
        value = self.store.value(setting.key, setting.default)
        if isinstance(setting.default, str):
            return str(value) if value is not None else setting.default  # type: ignore[return-value]
        if isinstance(setting.default, QByteArray):
            return value if isinstance(value, QByteArray) else setting.default  # type: ignore[return-value]
        return value  # type: ignore[return-value]

    def set(self, setting: Setting[T], value: T) -> None:
        self.store.setValue(setting.key, value)

    def get_json(self, setting: Setting[str]) -> Any:
        try:
            return json.loads(self.get(setting))
        except ValueError:
            return json.loads(setting.default)

    def set_json(self, setting: Setting[str], value: Any) -> None:
        self.set(setting, json.dumps(value))
