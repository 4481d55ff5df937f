"""Translations: Vietnamese and English, from compiled ``.qm`` files.

``.ts`` sources live in ``resources/translations``; ``make`` compiles them into ``.qm`` next to
them (the ``.qm`` files are never committed).  English is the source language, so it needs no
file.  ``ECABINET_STRETCH_TEXT=1`` doubles every translated string's length, to find layouts
that clip longer (Vietnamese) text — Vorta keeps the same switch.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"


def translations_dir() -> Path:
    package = Path(__file__).resolve().parent.parent
    for candidate in (
        package / "_resources" / "translations",
        package.parent / "resources" / "translations",
    ):
        if candidate.is_dir():
            return candidate
    return package.parent / "resources" / "translations"


def system_language() -> str:
    """``vi`` when the system locale is Vietnamese, else ``en``."""
    name = QLocale.system().name()
    return "vi" if name.startswith("vi") else "en"


def choose_language(saved: str | None) -> str:
    return saved if saved in LANGUAGES else system_language()


class _Stretching(QTranslator):
    """Returns every string doubled: a layout that survives this survives Vietnamese."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return f"{source} {source}" if source else source


class Translations:
    """Installs the translator of one language at a time."""

    def __init__(self) -> None:
        self._translator: QTranslator | None = None
        self.language = "en"

    def uninstall(self) -> None:
        """Remove this object's translator from the application."""
        app = QCoreApplication.instance()
        if app is not None and self._translator is not None:
            app.removeTranslator(self._translator)
        self._translator = None

    def install(self, language: str) -> bool:
        """Switch the application's language; returns False if its ``.qm`` is missing."""
        app = QCoreApplication.instance()
        if app is None:
            return False
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        self.language = language
        if os.environ.get("ECABINET_STRETCH_TEXT") == "1":
            self._translator = _Stretching()
            app.installTranslator(self._translator)
            return True
        translator = QTranslator()
        if not translator.load(f"ecabinet_{language}", str(translations_dir())):
            # English is the source language: without its file only plurals read "(s)".
            return language == "en"
        app.installTranslator(translator)
        self._translator = translator
        return True
