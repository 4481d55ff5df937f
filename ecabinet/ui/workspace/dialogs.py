"""Publishing with a change note, and "preview as": the packet one participant will get."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ecabinet.ui.agendamodel import AgendaModel
from ecabinet.ui.workspace.controller import DraftController, describe


class PublishDialog(QDialog):
    """Asks for the note delegates read with the new version ("what changed")."""

    def __init__(self, version: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Publish"))
        intro = QLabel(
            self.tr(
                "Publish the draft as packet version %1. Participants receive it at their next "
                "sync. Say what changed: delegates read this note with the new version."
            ).replace("%1", str(version))
        )
        intro.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("e.g. Budget annex replaced (figures of page 4)"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Publish"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.note, 1)
        layout.addWidget(buttons)
        self.resize(480, 260)

    def text(self) -> str:
        return self.note.toPlainText().strip()


class PreviewDialog(QDialog):
    """The draft as one chosen participant will receive it (the server's ``preview``)."""

    def __init__(
        self,
        controller: DraftController,
        participants: list[dict[str, Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.closed = False
        self.manifest: dict[str, Any] | None = None
        self.setWindowTitle(self.tr("Preview as…"))
        self.who = QComboBox()
        for person in participants:
            self.who.addItem(
                f"{person.get('full_name') or person['username']} ({person['username']})",
                str(person["user_id"]),
            )
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.agenda = AgendaModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.agenda)
        self.tree.setHeaderHidden(True)
        self.tree.setAlternatingRowColors(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Show the packet as this participant receives it:")))
        layout.addWidget(self.who)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.who.currentIndexChanged.connect(lambda _i: self.load())
        self.resize(560, 600)
        self.load()

    def load(self) -> None:
        user_id = self.who.currentData()
        if not user_id:
            return
        self.summary.setText(self.tr("Loading…"))
        self.controller.preview(
            str(user_id),
            lambda manifest: self._show(str(user_id), manifest),
            self._failed,
        )

    def done(self, result: int) -> None:
        self.closed = True  # answers still on their way find nobody to show them to
        super().done(result)

    def _failed(self, error: BaseException) -> None:
        if not self.closed:
            self.summary.setText(describe(error))

    def _show(self, user_id: str, manifest: dict[str, Any]) -> None:
        if self.closed or user_id != self.who.currentData():
            return  # closed, or another participant was chosen meanwhile
        self.manifest = manifest
        self.agenda.set_manifest(manifest)
        self.tree.expandAll()
        items = 0

        def count(nodes: list[dict[str, Any]]) -> None:
            nonlocal items
            for node in nodes:
                items += 1
                count(node.get("children", []))

        count(manifest.get("agenda", []))
        self.summary.setText(
            self.tr("Version %1: %2 item(s), %3 document(s).")
            .replace("%1", str(manifest.get("packet_version", "")))
            .replace("%2", str(items))
            .replace("%3", str(len(manifest.get("documents", {}))))
        )
