"""The main window: meetings · agenda · document tabs · status bar."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QListView,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client.sync import Progress, SyncReport
from ecabinet.ui import prefs
from ecabinet.ui.agendamodel import AgendaModel, NodeRole
from ecabinet.ui.i18n import LANGUAGES, Translations
from ecabinet.ui.meetingsmodel import EntryRole, MeetingsModel, format_time
from ecabinet.ui.messagebar import MessageBar
from ecabinet.ui.notesui import NotesUi
from ecabinet.ui.searchpanel import HitChoice, SearchPanel
from ecabinet.ui.session import AppSession, MeetingEntry
from ecabinet.ui.sidepanel import LivePanels
from ecabinet.ui.viewer.documentview import DocumentView
from ecabinet.ui.viewer.hub import RenderHub
from ecabinet.ui.whatchanged import WhatChanged
from ecabinet.ui.workspace.launcher import WorkspaceLauncher
from ecabinet.ui.wrapdelegate import WrappingDelegate


class MainWindow(QMainWindow):
    """Signals: language_changed(str), when the user picks another language."""

    language_changed = Signal(str)

    def __init__(
        self, session: AppSession, hub: RenderHub, settings: prefs.Prefs, translations: Translations
    ) -> None:
        super().__init__()
        self.session = session
        self.hub = hub
        self.settings = settings
        self.translations = translations
        self.meetings = MeetingsModel(self)
        self.meetings.seen = {
            str(k): int(v) for k, v in settings.get_json(prefs.SEEN_VERSIONS).items()
        }
        self.agenda = AgendaModel(self)
        self._current: MeetingEntry | None = None
        self._docs_seen = 0
        self._restore_queue: list[dict[str, Any]] = list(settings.get_json(prefs.OPEN_DOCUMENTS))
        self._build()
        self.notes_ui = NotesUi(self)
        self.retranslate()
        self._connect()
        geometry = settings.get(prefs.GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = settings.get(prefs.WINDOW_STATE)
        if not state.isEmpty():
            self.splitter.restoreState(state)
        docks = settings.get(prefs.DOCKS)
        if not docks.isEmpty():
            self.restoreState(docks)

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.meeting_list = QListView()
        self.meeting_list.setModel(self.meetings)
        self.meeting_list.setWordWrap(True)
        self.meeting_list.setAlternatingRowColors(True)
        self.meeting_list.setUniformItemSizes(False)
        self.meeting_info = QLabel()
        self.meeting_info.setWordWrap(True)
        self.meeting_info.setOpenExternalLinks(True)
        self.meeting_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.meeting_info.setContentsMargins(6, 6, 6, 6)
        self.agenda_view = QTreeView()
        self.agenda_view.setModel(self.agenda)
        self.agenda_view.setAlternatingRowColors(True)
        self.agenda_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda_view.setHeaderHidden(True)
        self.agenda_view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.agenda_view.setWordWrap(True)
        self.agenda_view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.agenda_view.setItemDelegate(WrappingDelegate(self.agenda_view))
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.meeting_list)
        info_holder = QWidget()
        info_layout = QVBoxLayout(info_holder)
        info_layout.setContentsMargins(0, 0, 0, 0)
        info_layout.addWidget(self.meeting_info)
        info_layout.addWidget(self.agenda_view, 1)
        left.addWidget(info_holder)
        left.setStretchFactor(0, 1)
        left.setStretchFactor(1, 3)
        left.setSizes([160, 640])
        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.setMovable(True)
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.message_bar = MessageBar()
        center = QWidget()
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(4, 4, 4, 4)
        center_layout.addWidget(self.message_bar)
        center_layout.addWidget(self.tabs, 1)
        center_layout.addWidget(self.placeholder, 1)
        self.side = LivePanels(self.session)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([380, 760, 340])
        self.setCentralWidget(self.splitter)
        self.online_label = QLabel()
        self.sync_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.setTextVisible(True)
        self.progress.hide()
        status = self.statusBar()
        status.addWidget(self.online_label)
        status.addWidget(self.sync_label, 1)
        status.addPermanentWidget(self.progress)
        self.sync_action = QAction(self)
        self.sync_action.setShortcut(QKeySequence("Ctrl+R"))
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.search_panel = SearchPanel(self.session)
        self.search_dock = QDockWidget(self)
        self.search_dock.setObjectName("search-dock")
        self.search_dock.setWidget(self.search_panel)
        self.search_dock.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.search_dock)
        self.search_dock.hide()
        self.search_action = QAction(self)
        self.search_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.workspace_action = QAction(self)  # shown to secretaries only
        self.workspace = WorkspaceLauncher(self.session, self.workspace_action, self)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setData(code)
            self.language_group.addAction(action)
            self.language_actions[code] = action
        self.language_actions.get(
            self.translations.language, self.language_actions["en"]
        ).setChecked(True)
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.sync_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        self.view_menu.addAction(self.find_action)
        self.view_menu.addAction(self.search_action)
        self.language_menu = self.view_menu.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        toolbar = self.addToolBar("main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.sync_action)
        toolbar.addAction(self.search_action)
        self.changes = WhatChanged(self.session, self.message_bar, self.open_document, self)
        toolbar.addAction(self.changes.action)
        toolbar.addAction(self.workspace_action)
        self.view_menu.addAction(self.workspace_action)
        self.toolbar = toolbar

    def retranslate(self) -> None:
        """Set every visible string again (after a language switch)."""
        self.setWindowTitle(self.tr("ecabinet — paperless meetings"))
        self.sync_action.setText(self.tr("Sync now"))
        self.sync_action.setToolTip(self.tr("Fetch new packet versions from the server (Ctrl+R)"))
        self.find_action.setText(self.tr("Find in document"))
        self.search_action.setText(self.tr("Search all documents"))
        self.search_action.setToolTip(
            self.tr("Search every document on this computer, offline (Ctrl+Shift+F)")
        )
        self.search_dock.setWindowTitle(self.tr("Search"))
        self.quit_action.setText(self.tr("Quit"))
        self.workspace_action.setText(self.tr("Workspace"))
        self.workspace_action.setToolTip(self.tr("Build, publish and revise meeting packets"))
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("Language"))
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        self.changes.retranslate()
        self.placeholder.setText(
            self.tr("Choose a meeting, then a document in its agenda to read it here.")
        )
        self._show_meeting_info()
        self._update_status()
        self.agenda.layoutChanged.emit()
        self.meetings.layoutChanged.emit()

    def _connect(self) -> None:
        self.meeting_list.selectionModel().currentChanged.connect(self._meeting_chosen)
        self.agenda_view.activated.connect(self._agenda_activated)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        self.tabs.currentChanged.connect(lambda _i: self._update_placeholder())
        self.sync_action.triggered.connect(self.session.sync)
        self.find_action.triggered.connect(self._find)
        self.search_action.triggered.connect(self.show_search)
        self.search_panel.hit_chosen.connect(self._open_hit)
        self.session.notes.failed.connect(lambda text: self.message_bar.show_message(text))
        self.quit_action.triggered.connect(self.close)
        self.language_group.triggered.connect(
            lambda action: self.language_changed.emit(str(action.data()))
        )
        self.session.meetings_loaded.connect(self._meetings_loaded)
        self.session.sync_started.connect(self._sync_started)
        self.session.sync_progress.connect(self._sync_progress)
        self.session.sync_finished.connect(self._sync_finished)
        self.session.sync_finished.connect(self.changes.sync_finished)
        self.session.sync_failed.connect(self._sync_failed)
        self.session.device_revoked.connect(self._revoked)
        self.side.follow.connect(self.follow_chair)
        self._update_placeholder()

    # --- meetings and agenda -------------------------------------------------------------------

    def _meetings_loaded(self, entries: list[MeetingEntry]) -> None:
        chosen = self._current.id if self._current else None
        self.meetings.set_entries(entries)
        row = self.meetings.row_of(chosen) if chosen else (0 if entries else -1)
        if row >= 0:
            self.meeting_list.setCurrentIndex(self.meetings.index(row))
            self._meeting_chosen(self.meetings.index(row))
        self._restore_documents()

    def _meeting_chosen(self, index: QModelIndex) -> None:
        entry = index.data(EntryRole) if index.isValid() else None
        self._current = entry if isinstance(entry, MeetingEntry) else None
        self._show_meeting_info()
        if self._current is None:
            self.search_panel.set_meeting(None, "")
        else:
            self.search_panel.set_meeting(self._current.id, self._current.meeting.title)
        self.side.show_meeting(self._current)
        self.changes.meeting_shown(self._current)
        if self._current is None or self._current.manifest is None:
            self.agenda.set_manifest(None)
            return
        entry = self._current
        seen = self.meetings.seen.get(entry.id)
        current = entry.meeting.current_version
        if seen is not None and current is not None and seen < current:
            self.session.manifest(entry.id, seen, lambda old: self._show_agenda(entry, old))
        else:
            self._show_agenda(entry, None)

    def _show_agenda(self, entry: MeetingEntry, previous: dict[str, Any] | None) -> None:
        if self._current is not entry:
            return
        self.agenda.set_manifest(entry.manifest, previous)
        self.agenda_view.expandAll()
        if entry.meeting.current_version is not None:
            self.meetings.mark_seen(entry.id, entry.meeting.current_version)
            self.settings.set_json(prefs.SEEN_VERSIONS, self.meetings.seen)

    def _show_meeting_info(self) -> None:
        entry = self._current
        if entry is None:
            self.meeting_info.setText("")
            return
        lines = [f"<b>{html.escape(entry.meeting.title)}</b>"]
        when = format_time(entry.starts_at)
        if when:
            lines.append(self.tr("Time: %1").replace("%1", when))
        if entry.location:
            lines.append(self.tr("Place: %1").replace("%1", html.escape(entry.location)))
        if entry.video_url:
            link = f'<a href="{html.escape(entry.video_url)}">{html.escape(entry.video_url)}</a>'
            lines.append(self.tr("Video conference: %1").replace("%1", link))
        version = entry.meeting.current_version
        if version:
            lines.append(self.tr("Packet version %1").replace("%1", str(version)))
        elif entry.manifest is not None:
            lines.append(
                self.tr("Packet version %1 — downloading; documents open as they arrive").replace(
                    "%1", str(entry.manifest["packet_version"])
                )
            )
        else:
            lines.append(self.tr("Not published yet"))
        if entry.meeting.last_error:
            lines.append(
                f'<span style="color:#b00020">{html.escape(entry.meeting.last_error)}</span>'
            )
        self.meeting_info.setText("<br>".join(lines))

    def _agenda_activated(self, index: QModelIndex) -> None:
        row = index.siblingAtColumn(0).data(NodeRole)
        if row is None or not row.is_document or self._current is None:
            return
        self.open_document(self._current.id, row.sha256, row.title)

    # --- documents ----------------------------------------------------------------------------

    def follow_chair(self, meeting_id: str, sha256: str, page: int) -> None:
        """Turn to the page the chair shows (``page`` counts from 1), opening the document."""
        for i in range(self.tabs.count()):
            view = self.tabs.widget(i)
            if isinstance(view, DocumentView) and view.property("sha256") == sha256:
                self.tabs.setCurrentIndex(i)
                view.go_to_page(page - 1)
                return
        manifest = self._current.manifest if self._current else None
        info = ((manifest or {}).get("documents") or {}).get(sha256)
        if info is None:
            return  # not in this person's packet (e.g. not cleared for it)
        self.open_document(meeting_id, sha256, str(info.get("title", "")), {"page": page - 1})

    def open_document(
        self,
        meeting_id: str,
        sha256: str,
        title: str,
        state: dict[str, Any] | None = None,
        hit: HitChoice | None = None,
    ) -> None:
        """Open (or switch to) a document tab; decryption happens off the GUI thread.

        With a search ``hit``, the document opens at its page with the query's words marked.
        """
        for i in range(self.tabs.count()):
            view = self.tabs.widget(i)
            if isinstance(view, DocumentView) and view.property("sha256") == sha256:
                self.tabs.setCurrentIndex(i)
                if hit is not None:
                    view.show_search_hits(hit.query, exact=hit.exact, page=hit.hit.page)
                return

        def opened(data: bytes) -> None:
            view = DocumentView(
                self.hub,
                f"{meeting_id}:{sha256}",
                data,
                title,
                notes=self.session.notes,
                document=sha256,
            )
            view.setProperty("meeting_id", meeting_id)
            view.setProperty("sha256", sha256)
            view.error.connect(lambda text: self.message_bar.show_message(text))
            if state:
                view.restore(state)
            if hit is not None:
                view.show_search_hits(hit.query, exact=hit.exact, page=hit.hit.page)
            self.tabs.setCurrentIndex(self.tabs.addTab(view, title))
            self.tabs.setTabToolTip(self.tabs.currentIndex(), title)
            self._update_placeholder()

        self.session.read_document(
            meeting_id, sha256, opened, lambda error: self.message_bar.show_message(str(error))
        )

    def _restore_documents(self) -> None:
        queue, self._restore_queue = self._restore_queue, []
        known = {
            entry.id: entry
            for entry in (self.meetings.entry(r) for r in range(self.meetings.rowCount()))
            if entry is not None
        }
        for saved in queue:
            entry = known.get(str(saved.get("meeting_id")))
            sha = str(saved.get("sha256"))
            if entry is None or entry.manifest is None or sha not in entry.manifest["documents"]:
                continue
            title = str(entry.manifest["documents"][sha].get("title", sha[:12]))
            self.open_document(entry.id, sha, title, dict(saved.get("state") or {}))

    def _close_tab(self, index: int) -> None:
        view = self.tabs.widget(index)
        self.tabs.removeTab(index)
        if isinstance(view, DocumentView):
            view.close_document()
            view.deleteLater()
        self._update_placeholder()

    def show_search(self) -> None:
        """Show the search panel (Ctrl+Shift+F) with its field ready for typing."""
        self.show_dock(self.search_dock)
        self.search_panel.focus_field()

    def show_dock(self, dock: QDockWidget) -> None:
        """Show a side dock (search, notes) and bring it to the front."""
        if not dock.isVisible() and not dock.isFloating():
            # A quarter of the window, and the side columns give way too: the document
            # stays the main thing to read.
            width = min(420, self.width() // 4)
            dock.show()
            self.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
            sizes = self.splitter.sizes()
            if len(sizes) == 3 and sum(sizes) > 0:
                total = sum(sizes)
                narrow = max(240, total // 5)
                left, side = min(sizes[0], narrow), min(sizes[2], narrow)
                self.splitter.setSizes([left, total - left - side, side])
        dock.raise_()

    def _open_hit(self, choice: HitChoice) -> None:
        hit = choice.hit
        self.open_document(hit.meeting_id, hit.sha256, hit.document_title, hit=choice)

    def _find(self) -> None:
        view = self.tabs.currentWidget()
        if isinstance(view, DocumentView):
            view.show_find()

    def _update_placeholder(self) -> None:
        empty = self.tabs.count() == 0
        self.tabs.setVisible(not empty)
        self.placeholder.setVisible(empty)

    # --- sync and status ---------------------------------------------------------------------

    def _update_status(self) -> None:
        online = self.session.online
        if online is None:
            self.online_label.setText(self.tr("● Connecting…"))
        elif online:
            self.online_label.setText(self.tr("● Online"))
        else:
            self.online_label.setText(self.tr("○ Offline — reading from this device"))
        when = self.session.last_sync
        self.sync_label.setText(
            self.tr("Last sync: %1").replace("%1", when.strftime("%d/%m/%Y %H:%M"))
            if when
            else self.tr("Not synced in this session")
        )

    def _sync_started(self) -> None:
        self._docs_seen = 0
        self.sync_action.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.sync_label.setText(self.tr("Syncing…"))

    def _sync_progress(self, progress: Progress) -> None:
        if progress.docs_done > self._docs_seen:
            self._docs_seen = progress.docs_done
            # A first packet: show its agenda as soon as documents start arriving.
            if self._current is None or self._current.manifest is None:
                self.session.load_meetings()
        if progress.bytes_total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * progress.bytes_done / progress.bytes_total))
            self.progress.setFormat(
                self.tr("%1 of %2 documents")
                .replace("%1", str(progress.docs_done))
                .replace("%2", str(progress.docs_total))
            )

    def _sync_finished(self, report: SyncReport) -> None:
        self.sync_action.setEnabled(True)
        self.progress.hide()
        self._update_status()
        problems = [m.error for m in report.meetings if m.error]
        if problems:
            self.message_bar.show_message(problems[0])
        updated = [m for m in report.meetings if m.status == "updated"]
        if updated:
            self.message_bar.show_message(
                self.tr("New packet version for %1.").replace("%1", updated[0].title),
                kind="info",
                seconds=10,
            )

    def _sync_failed(self, message: str, reachable: bool) -> None:
        self.sync_action.setEnabled(True)
        self.progress.hide()
        self._update_status()
        if reachable:
            self.message_bar.show_message(message)

    def _revoked(self, message: str) -> None:
        for i in reversed(range(self.tabs.count())):
            self._close_tab(i)
        self.meetings.set_entries([])
        self.agenda.set_manifest(None)
        self.message_bar.show_message(
            message
            + " "
            + self.tr("All documents of this profile were removed from this computer.")
        )

    # --- closing ------------------------------------------------------------------------------

    def open_documents_state(self) -> list[dict[str, Any]]:
        saved = []
        for i in range(self.tabs.count()):
            view = self.tabs.widget(i)
            if isinstance(view, DocumentView):
                saved.append(
                    {
                        "meeting_id": view.property("meeting_id"),
                        "sha256": view.property("sha256"),
                        "state": view.state(),
                    }
                )
        return saved

    def closeEvent(self, event: QCloseEvent) -> None:
        self.side.stop()
        self.workspace.close()
        self.settings.set(prefs.GEOMETRY, self.saveGeometry())
        self.settings.set(prefs.WINDOW_STATE, self.splitter.saveState())
        self.settings.set(prefs.DOCKS, self.saveState())
        self.settings.set_json(prefs.OPEN_DOCUMENTS, self.open_documents_state())
        for i in range(self.tabs.count()):
            view = self.tabs.widget(i)
            if isinstance(view, DocumentView):
                view.close_document()
        super().closeEvent(event)
