"""The notes' place in the main window: the panel, exports, older versions, the summary
after a revision, and the settings with the backup.

Kept apart from :mod:`ecabinet.ui.mainwindow` so the window only makes one of these: the
dock sits beside the search dock, the actions go into the window's File and View menus, and
the panel follows the meeting and the document on screen.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog

from ecabinet.client.annotations import LoadedNote
from ecabinet.client.backup import BackupStatus
from ecabinet.client.carryover import CarryReport
from ecabinet.client.exports import ExportResult
from ecabinet.client.notelist import ListedNote
from ecabinet.client.render import Box
from ecabinet.ui.carrydialog import CarrySummaryDialog
from ecabinet.ui.meetingsmodel import EntryRole
from ecabinet.ui.notespanel import NotesPanel
from ecabinet.ui.session import MeetingEntry
from ecabinet.ui.settingsdialog import SettingsDialog
from ecabinet.ui.viewer.documentview import DocumentView

if TYPE_CHECKING:
    from ecabinet.ui.mainwindow import MainWindow

__all__ = ["NotesUi"]


class NotesUi(QObject):
    """Everything about notes that the main window shows (one per window)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.service = window.session.notes
        self.panel = NotesPanel(self.service)
        self.dock = QDockWidget(window)
        self.dock.setObjectName("notes-dock")
        self.dock.setWidget(self.panel)
        self.dock.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.summary: CarrySummaryDialog | None = None
        self.settings: SettingsDialog | None = None
        self._jump: tuple[str, str, int, Box | None] | None = None  # sha, note, page, box
        self._refusal_shown: object = None

        self.panel_action = QAction(window)
        self.panel_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.panel_action.triggered.connect(self.show_panel)
        self.export_pdf_action = QAction(window)
        self.export_pdf_action.triggered.connect(self.ask_export_pdf)
        self.export_bundle_action = QAction(window)
        self.export_bundle_action.triggered.connect(self.ask_export_bundle)
        self.settings_action = QAction(window)
        self.settings_action.setShortcuts(QKeySequence.StandardKey.Preferences)
        self.settings_action.triggered.connect(self.show_settings)
        menu = window.file_menu
        for action in (self.export_pdf_action, self.export_bundle_action):
            menu.insertAction(window.quit_action, action)
        menu.insertSeparator(window.quit_action)
        menu.insertAction(window.quit_action, self.settings_action)
        menu.insertSeparator(window.quit_action)
        window.view_menu.insertAction(window.search_action, self.panel_action)
        window.toolbar.addAction(self.panel_action)

        window.tabs.currentChanged.connect(lambda _i: self._follow_screen())
        window.meeting_list.selectionModel().currentChanged.connect(
            lambda *_: self._follow_screen()
        )
        self.panel.note_chosen.connect(self.go_to_note)
        self.service.followed.connect(self.show_summary)
        window.session.sync_finished.connect(lambda _report: self._check_backup())
        window.installEventFilter(self)
        self.retranslate()

    # --- the panel ------------------------------------------------------------------------------

    def show_panel(self) -> None:
        """Show the notes panel (Ctrl+Shift+N), beside the document."""
        self.window.show_dock(self.dock)
        self._follow_screen()

    def _meeting_entry(self, meeting_id: str | None = None) -> MeetingEntry | None:
        model = self.window.meetings
        if meeting_id is None:
            entry = self.window.meeting_list.currentIndex().data(EntryRole)
        else:
            row = model.row_of(meeting_id)
            entry = model.entry(row) if row >= 0 else None
        return entry if isinstance(entry, MeetingEntry) else None

    def _current_view(self) -> DocumentView | None:
        view = self.window.tabs.currentWidget()
        return view if isinstance(view, DocumentView) else None

    def _follow_screen(self) -> None:
        """The panel lists the notes of the document (or meeting) on screen."""
        view = self._current_view()
        meeting: tuple[str, str] | None = None
        document: tuple[str, str] | None = None
        if view is not None:
            meeting_id = str(view.property("meeting_id"))
            entry = self._meeting_entry(meeting_id)
            meeting = (meeting_id, entry.meeting.title if entry else "")
            document = (str(view.property("sha256")), view.title)
        else:
            entry = self._meeting_entry()
            meeting = (entry.id, entry.meeting.title) if entry else None
        self.panel.set_context(meeting, document)
        self._deliver_jump()

    def go_to_note(self, row: ListedNote) -> None:
        """Open the note's document (its older version if it stayed there) and show it."""
        note = row.loaded.note
        box = note.rects[0] if note.rects else None
        self._jump = (note.document, row.loaded.id, note.page, box)
        if row.current:
            self.window.open_document(row.meeting_id, note.document, row.title)
        else:
            self.open_older(row.meeting_id, note.document, row.title)
        self._deliver_jump()

    def _deliver_jump(self) -> None:
        view = self._current_view()
        if self._jump is None or view is None or view.property("sha256") != self._jump[0]:
            return
        _, note_id, page, box = self._jump
        self._jump = None
        view.show_note(note_id, page, box)

    # --- older versions -------------------------------------------------------------------------

    def open_older(self, meeting_id: str, sha256: str, title: str) -> None:
        """Open a version of a document the meeting no longer lists, read-only, with a banner."""
        tabs = self.window.tabs
        for i in range(tabs.count()):
            tab = tabs.widget(i)
            if tab is not None and tab.property("sha256") == sha256:
                tabs.setCurrentIndex(i)
                return

        def opened(result: tuple[bytes, list[LoadedNote]]) -> None:
            data, orphans = result
            view = DocumentView(
                self.window.hub,
                f"{meeting_id}:{sha256}:older",
                data,
                title,
                notes=self.service,
                document=sha256,
                read_only=True,
            )
            view.setProperty("meeting_id", meeting_id)
            view.setProperty("sha256", sha256)
            view.setProperty("older", True)
            view.error.connect(lambda text: self.window.message_bar.show_message(text))
            view.show_banner(self.older_banner(title, len(orphans)))
            if orphans and (self._jump is None or self._jump[0] != sha256):
                first = orphans[0].note  # opened for them (the summary): show where they are
                view.show_note(orphans[0].id, first.page, first.rects[0] if first.rects else None)
            label = self.tr("%1 (older version)").replace("%1", title)
            tabs.setCurrentIndex(tabs.addTab(view, label))
            tabs.setTabToolTip(tabs.currentIndex(), label)

        self.service.read_older(
            meeting_id,
            sha256,
            opened,
            lambda error: self.window.message_bar.show_message(str(error)),
        )

    def older_banner(self, title: str, orphaned: int) -> str:
        if orphaned:
            return (
                self.tr(
                    "This is an older version of “%1”; %n note(s) could not be placed on the "
                    "new one and stay here. It is shown read-only.",
                    "",
                    orphaned,
                )
            ).replace("%1", title)
        return self.tr("This is an older version of “%1”, shown read-only.").replace("%1", title)

    # --- after a revision -----------------------------------------------------------------------

    def show_summary(self, reports: list[CarryReport]) -> None:
        """What happened to the notes when a sync brought new versions (a non-modal dialog)."""
        if self.summary is not None:
            self.summary.close()
        self.summary = CarrySummaryDialog(reports, self.window)
        self.summary.open_older.connect(self.open_older)
        self.summary.show()

    # --- exports --------------------------------------------------------------------------------

    def _target(self, suffix: str, name: str, kind: str) -> Path | None:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        safe = re.sub(r'[\\/:*?"<>|]+', "_", name).strip() or "notes"
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export"), str(Path(folder) / f"{safe}{suffix}"), kind
        )
        return Path(path) if path else None

    def ask_export_pdf(self) -> None:
        view = self._current_view()
        if view is None:
            self.window.message_bar.show_message(
                self.tr("Open a document first: its copy is exported with your notes in it.")
            )
            return
        path = self._target(
            ".pdf", self.tr("%1 (with notes)").replace("%1", view.title), self.tr("PDF (*.pdf)")
        )
        if path is not None:
            self.export_pdf(view, path)

    def export_pdf(self, view: DocumentView, path: Path) -> None:
        """Write a copy of ``view``'s document with its notes to ``path`` (in a worker)."""
        self.window.message_bar.show_message(
            self.tr("Writing %1…").replace("%1", path.name), kind="info"
        )
        self.service.export_pdf(
            str(view.property("meeting_id")),
            str(view.property("sha256")),
            path,
            self._exported,
            self._export_failed,
        )

    def ask_export_bundle(self) -> None:
        view = self._current_view()
        entry = self._meeting_entry()
        if view is None and entry is None:
            self.window.message_bar.show_message(self.tr("Choose a meeting or a document first."))
            return
        name = view.title if view is not None else entry.meeting.title if entry else "notes"
        path = self._target(
            ".json", self.tr("%1 (signed notes)").replace("%1", name), self.tr("JSON (*.json)")
        )
        if path is not None:
            self.export_bundle(path)

    def export_bundle(self, path: Path) -> None:
        """Write the signed bundle of the notes of the document on screen (else the meeting)."""
        view = self._current_view()
        if view is not None:
            meeting_id, document = str(view.property("meeting_id")), str(view.property("sha256"))
        else:
            entry = self._meeting_entry()
            if entry is None:
                return
            meeting_id, document = entry.id, None
        self.service.export_bundle(meeting_id, document, path, self._exported, self._export_failed)

    def _exported(self, result: ExportResult) -> None:
        text = self.tr("Saved %1 with %n note(s).", "", result.notes).replace(
            "%1", str(result.path)
        )
        if result.left_out:
            text += " " + self.tr(
                "%n note(s) changed outside ecabinet were left out.", "", result.left_out
            )
        self.window.message_bar.show_message(
            text, kind="warning" if result.left_out else "info", seconds=15
        )

    def _export_failed(self, error: BaseException) -> None:
        self.window.message_bar.show_message(
            self.tr("The export failed: %1").replace("%1", str(error))
        )

    # --- settings and the backup ----------------------------------------------------------------

    def show_settings(self) -> None:
        self.settings = SettingsDialog(self.window.session, self.window)
        self.settings.open()

    def _check_backup(self) -> None:
        self.service.backup_status(self._backup_state)

    def _backup_state(self, status: BackupStatus) -> None:
        """A refusal the outbox received is said once, not kept silent."""
        if status.refusal is None or status.refused_at == self._refusal_shown:
            return
        self._refusal_shown = status.refused_at
        self.window.message_bar.show_message(
            self.tr("The server refused part of your notes' backup: %1").replace(
                "%1", status.refusal
            )
        )

    # --- language -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        self.dock.setWindowTitle(self.tr("Notes"))
        self.panel_action.setText(self.tr("Notes"))
        self.panel_action.setToolTip(
            self.tr("Every note of this document or meeting, to filter and jump to (Ctrl+Shift+N)")
        )
        self.export_pdf_action.setText(self.tr("Export annotated PDF…"))
        self.export_bundle_action.setText(self.tr("Export signed notes bundle…"))
        self.settings_action.setText(self.tr("Settings…"))
