"""A guard against Qt bindings that leak or over-release references.

PySide6 6.12.0 under Python 3.11 drops one reference to ``None`` on every Qt method that
returns nothing; the app then aborts ("deallocating None") after a few thousand repaints.
pyproject.toml keeps that release out; this test fails if a future one does the same.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


def test_void_qt_calls_keep_the_reference_count_of_none(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.update()
    assert abs(sys.getrefcount(None) - before) < 50
