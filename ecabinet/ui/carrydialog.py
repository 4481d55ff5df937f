"""What happened to the reader's notes when a sync brought a new version of a packet.

Per meeting: how many notes moved to the new version of their document, how many were on
documents that did not change, and how many could not be placed.  Those are not dropped:
they stay on the older version, which a button opens (read-only, with a banner).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client.carryover import CarryReport

__all__ = ["CarrySummaryDialog"]


class CarrySummaryDialog(QDialog):
    """A non-modal summary of one sync's carry-over.

    Signals:
        open_older: (meeting id, SHA-256 of the older version, its title) to open read-only.
    """

    open_older = Signal(str, str, str)

    def __init__(self, reports: list[CarryReport], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your notes and the new version"))
        self.setMinimumWidth(460)
        self.older_buttons: list[QPushButton] = []
        column = QVBoxLayout(self)
        for report in reports:
            column.addWidget(self._summary(report))
            documents: dict[str, str] = {}
            for orphan in report.orphans:
                documents.setdefault(orphan.document, orphan.title)
            for sha, title in documents.items():
                count = sum(1 for o in report.orphans if o.document == sha)
                button = QPushButton(
                    self.tr("Open the older version of “%1” (%n note(s) there)", "", count).replace(
                        "%1", title
                    )
                )
                button.clicked.connect(
                    lambda _c=False, m=report.meeting_id, s=sha, t=title: self.open_older.emit(
                        m, s, t
                    )
                )
                self.older_buttons.append(button)
                column.addWidget(button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        column.addWidget(buttons)

    def _summary(self, report: CarryReport) -> QLabel:
        lines = [
            "<b>"
            + html.escape(
                self.tr("%1 — packet version %2")
                .replace("%1", report.title)
                .replace("%2", str(report.version))
            )
            + "</b>",
            html.escape(self.tr("%n note(s) moved to the new version", "", report.moved)),
            html.escape(
                self.tr("%n note(s) kept: their documents did not change", "", report.kept)
            ),
        ]
        if report.orphaned:
            lines.append(
                '<span style="color:#8a5300">'
                + html.escape(
                    self.tr(
                        "%n note(s) could not be placed on the new version. They are kept on "
                        "the older version: nothing was lost.",
                        "",
                        report.orphaned,
                    )
                )
                + "</span>"
            )
        for problem in report.problems:
            lines.append(f'<span style="color:#b00020">{html.escape(problem)}</span>')
        label = QLabel("<br>".join(lines))
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        return label
