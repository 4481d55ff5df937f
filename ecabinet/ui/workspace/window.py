"""The secretary's workspace window: meetings, the meeting form, the agenda builder, delivery.

Nothing here talks to the network itself: the :class:`DraftController` sends edits in order
with the draft's revision, the :class:`UploadQueue` converts and uploads files, the
:class:`DeliveryPanel` follows acknowledgements.  The window keeps them in step and says
what happened in the message bar.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ecabinet.client.convert import OFFICE_SUFFIXES
from ecabinet.client.workspace import Draft
from ecabinet.ui.messagebar import MessageBar
from ecabinet.ui.session import AppSession
from ecabinet.ui.workspace.agendaedit import AgendaEditModel, Node
from ecabinet.ui.workspace.agendapane import AgendaPane
from ecabinet.ui.workspace.controller import DraftController
from ecabinet.ui.workspace.delivery import DeliveryPanel, local_time
from ecabinet.ui.workspace.dialogs import PreviewDialog, PublishDialog
from ecabinet.ui.workspace.meetingform import MeetingForm
from ecabinet.ui.workspace.uploads import Accepted, UploadQueue

MeetingRole = Qt.ItemDataRole.UserRole + 1


def _target(node: Node | None) -> tuple[str, str, str]:
    """Where an upload goes, by ids (nodes do not survive a reload): (kind, item id, sha)."""
    if node is None:
        return ("new", "", "")
    if node.is_document:
        assert node.parent is not None
        return ("replace", node.parent.id, node.sha256)
    return ("attach", node.id, "")


class WorkspaceWindow(QMainWindow):
    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.session = session
        self.controller = DraftController(session, self)
        self.model = AgendaEditModel(self)
        self.uploads = UploadQueue(session.runner, self.controller.workspace, self)
        self._sent_facts: dict[str, Any] | None = None
        self._upload_name = ""
        self._refusal_shown = False
        self._build()
        self._connect()
        self.retranslate()
        self.resize(1360, 860)
        self.controller.load_meetings()
        self.controller.load_directory()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.meeting_list = QListWidget()
        self.meeting_list.setWordWrap(True)
        self.meeting_list.setAlternatingRowColors(True)
        self.meeting_list.setSpacing(2)
        self.form = MeetingForm()
        self.form.me = self.session.profile.setting("user_id") or ""
        self.agenda = AgendaPane(self.model)
        self.delivery = DeliveryPanel(self.session, self.controller.workspace)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.form, "")
        self.tabs.addTab(self.agenda, "")
        self.tabs.addTab(self.delivery, "")
        self.message_bar = MessageBar()
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        center = QWidget()
        layout = QVBoxLayout(center)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.meeting_list)
        self.splitter.addWidget(center)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([280, 1080])
        self.setCentralWidget(self.splitter)
        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.reload_action = QAction(self)
        self.reload_action.setShortcut(QKeySequence("F5"))
        self.preview_action = QAction(self)
        self.publish_action = QAction(self)
        self.publish_action.setShortcut(QKeySequence("Ctrl+P"))
        self.toolbar = self.addToolBar("workspace")
        self.toolbar.setObjectName("workspace-toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.new_action,
            self.reload_action,
            self.preview_action,
            self.publish_action,
        ):
            self.toolbar.addAction(action)
        self.revision_label = QLabel()
        self.statusBar().addWidget(self.revision_label, 1)
        self._enable()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Secretary workspace — ecabinet"))
        self.new_action.setText(self.tr("New meeting"))
        self.reload_action.setText(self.tr("Reload draft"))
        self.preview_action.setText(self.tr("Preview as…"))
        self.publish_action.setText(self.tr("Publish…"))
        self.tabs.setTabText(0, self.tr("Meeting"))
        self.tabs.setTabText(1, self.tr("Agenda and documents"))
        self.tabs.setTabText(2, self.tr("Delivery"))
        self.form.retranslate()
        self.agenda.retranslate()
        self.delivery.retranslate()
        self._show_heading()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _connect(self) -> None:
        c = self.controller
        c.meetings_loaded.connect(self._meetings_loaded)
        c.directory_loaded.connect(self.form.set_directory)
        c.draft_loaded.connect(self._draft_loaded)
        c.draft_saved.connect(self._draft_saved)
        c.conflict.connect(self._conflict)
        c.failed.connect(self._refused)
        c.notice.connect(lambda text: self._say(text, "info", 20))
        c.published.connect(self._published)
        c.busy_changed.connect(lambda _busy: self._enable())
        c.reloading.connect(lambda _reloading: self._enable())
        self.meeting_list.currentItemChanged.connect(self._meeting_chosen)
        self.new_action.triggered.connect(self.new_meeting)
        self.reload_action.triggered.connect(c.reload)
        self.preview_action.triggered.connect(self.preview)
        self.publish_action.triggered.connect(self.ask_publish)
        self.form.save_requested.connect(self._save_facts)
        self.model.edited.connect(lambda: c.save_agenda(self.model.to_payload()))
        self.model.files_dropped.connect(lambda node, paths: self.attach(node, paths))
        self.model.replacement_dropped.connect(lambda node, path: self.attach(node, [path]))
        self.agenda.commands["attach"].triggered.connect(self.choose_files)
        self.agenda.cancel_button.clicked.connect(self.uploads.cancel)
        self.uploads.started.connect(self._upload_started)
        self.uploads.progress.connect(self._upload_progress)
        self.uploads.accepted.connect(self._upload_accepted)
        self.uploads.refused.connect(lambda _name, why: self._say(why))
        self.uploads.finished.connect(self.agenda.upload_holder.hide)

    # --- meetings -----------------------------------------------------------------------------

    def _meetings_loaded(self, meetings: list[dict[str, Any]]) -> None:
        chosen = self.controller.meeting_id
        self.meeting_list.blockSignals(True)
        self.meeting_list.clear()
        for meeting in meetings:
            when = local_time(str(meeting.get("starts_at", "")))
            version = int(meeting.get("packet_version") or 0)
            state = (
                self.tr("version %1").replace("%1", str(version)) if version else self.tr("draft")
            )
            item = QListWidgetItem(f"{meeting['title']}\n{when} · {state}")
            item.setData(MeetingRole, str(meeting["id"]))
            self.meeting_list.addItem(item)
            if meeting["id"] == chosen:
                self.meeting_list.setCurrentItem(item)
        self.meeting_list.blockSignals(False)
        if chosen is None and self.meeting_list.count() and not self.form.dirty:
            self.meeting_list.setCurrentRow(0)

    def _meeting_chosen(
        self, item: QListWidgetItem | None, previous: QListWidgetItem | None = None
    ) -> None:
        if item is None:
            return
        meeting_id = str(item.data(MeetingRole))
        if meeting_id == self.controller.meeting_id:
            return
        if self.form.dirty and not self._may_discard():
            self.meeting_list.blockSignals(True)
            if previous is not None:
                self.meeting_list.setCurrentItem(previous)
            self.meeting_list.blockSignals(False)
            return
        self.form.revert()
        self.controller.open(meeting_id)

    def _may_discard(self) -> bool:
        """Typed text is never dropped without asking."""
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("The meeting form has changes that were not saved. Discard them?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def open_meeting(self, meeting_id: str) -> None:
        for row in range(self.meeting_list.count()):
            item = self.meeting_list.item(row)
            if item.data(MeetingRole) == meeting_id:
                self.meeting_list.setCurrentItem(item)
                return
        self.controller.open(meeting_id)

    def new_meeting(self) -> None:
        if self.form.dirty and not self._may_discard():
            return
        self.form.revert()
        self.meeting_list.clearSelection()
        self.meeting_list.setCurrentRow(-1)
        self.controller.open(None)
        self.tabs.setCurrentWidget(self.form)
        self.form.title.setFocus()

    # --- the draft ----------------------------------------------------------------------------

    @property
    def detail(self) -> dict[str, Any] | None:
        draft = self.controller.draft
        return draft.detail if draft is not None else None

    def _draft_loaded(self, draft: Draft | None) -> None:
        if draft is None:
            self.form.clear()
            self.model.load([], [])
            self.agenda.details.set_participants([])
            self.delivery.follow(None, False)
        else:
            detail = draft.detail
            current = self.agenda.current_node()
            keep = current.id if current is not None and not current.is_document else None
            self.form.load(detail)
            self.model.load(list(detail.get("agenda") or []), list(detail.get("documents") or []))
            self.agenda.tree.expandAll()
            self.agenda.details.set_participants(list(detail.get("participants", [])))
            self.agenda.select_item_id(keep)
            self.delivery.follow(str(detail["id"]), int(detail.get("packet_version") or 0) > 0)
        self._show_heading()
        self._enable()

    def _draft_saved(self, draft: Draft) -> None:
        if self._refusal_shown:
            # The refusal was acted on: an edit went through since.  Leaving it up would
            # say something that is no longer true (e.g. "cleared for nobody").
            self._refusal_shown = False
            self.message_bar.hide()
        detail = draft.detail
        if self._sent_facts is not None:
            self.form.saved(detail, self._sent_facts)
            self._sent_facts = None
            self.agenda.details.set_participants(list(detail.get("participants", [])))
        self._show_heading()
        self._enable()

    def _save_facts(self, facts: dict[str, Any]) -> None:
        self._sent_facts = facts
        self.controller.save_facts(facts)

    def _say(self, text: str, kind: str = "error", seconds: int = 0) -> None:
        self.message_bar.show_message(text, kind, seconds)
        self._refusal_shown = False

    def _refused(self, message: str) -> None:
        self._say(message)
        self._refusal_shown = True

    def _conflict(self, message: str) -> None:
        kept = (
            " " + self.tr("What you typed in the meeting form is still there; press Save again.")
            if self.form.dirty
            else ""
        )
        self._sent_facts = None
        self._refused(message + kept)

    def _show_heading(self) -> None:
        detail = self.detail
        if detail is None:
            self.heading.setText(
                "<b>"
                + html.escape(self.tr("New meeting"))
                + "</b> — "
                + html.escape(self.tr("fill in the facts and press Save to create it."))
            )
            self.revision_label.setText("")
            return
        version = int(detail.get("packet_version") or 0)
        state = (
            self.tr("published version %1").replace("%1", str(version))
            if version
            else self.tr("not published yet")
        )
        self.heading.setText(f"<b>{html.escape(str(detail['title']))}</b> — {html.escape(state)}")
        draft = self.controller.draft
        text = self.tr("Draft revision %1").replace("%1", str(draft.revision if draft else ""))
        who = detail.get("draft_changed_by")
        if who:
            at = local_time(str(detail.get("draft_changed_at") or ""), "%H:%M %d/%m")
            text += " · " + self.tr("last change by %1 at %2").replace("%1", str(who)).replace(
                "%2", at
            )
            if detail.get("draft_change"):
                text += f": {detail['draft_change']}"
        self.revision_label.setText(text)

    def _enable(self) -> None:
        has = self.controller.meeting_id is not None and self.controller.draft is not None
        for action in (self.reload_action, self.preview_action, self.publish_action):
            action.setEnabled(has)
        # No agenda edits while the draft is being read again: they would be based on
        # what is about to be replaced.
        self.agenda.setEnabled(has and not self.controller.reload_pending)
        self.delivery.setEnabled(has)

    # --- documents ----------------------------------------------------------------------------

    def choose_files(self) -> None:
        suffixes = " ".join(f"*{s}" for s in sorted({".pdf", *OFFICE_SUFFIXES}))
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Attach documents"),
            "",
            self.tr("Documents (%1)").replace("%1", suffixes),
        )
        if paths:
            self.attach(self.agenda.current_node(), [Path(p) for p in paths])

    def attach(self, node: Node | None, paths: list[Path]) -> None:
        """Upload ``paths`` for ``node``: an item (attach), a document (replace), or ``None``
        (a new item titled after the first file)."""
        meeting_id = self.controller.meeting_id
        if meeting_id is None:
            self._say(self.tr("Save the meeting before attaching documents."))
            return
        target = _target(node)
        if target[0] == "replace":
            paths = paths[:1]
        self.uploads.add(meeting_id, paths, target)

    def _upload_started(self, name: str) -> None:
        self._upload_name = name
        self.agenda.upload_holder.show()
        self.agenda.upload_label.setText(self.tr("Preparing “%1”…").replace("%1", name))
        self.agenda.upload_bar.setRange(0, 0)

    def _upload_progress(self, done: int, total: int) -> None:
        if not total:
            return
        self.agenda.upload_bar.setRange(0, 1000)
        self.agenda.upload_bar.setValue(int(1000 * done / total))
        self.agenda.upload_label.setText(
            self.tr("Uploading “%1”: %2 of %3 MB")
            .replace("%1", self._upload_name)
            .replace("%2", f"{done / 2**20:.1f}")
            .replace("%3", f"{total / 2**20:.1f}")
        )

    def _upload_accepted(self, accepted: Accepted, target: tuple[str, str, str]) -> None:
        kind, item_id, sha = target
        if kind == "new":
            node = self.model.add_item(accepted.title)
            self.model.attach(node, accepted.sha256, accepted.title, accepted.pages)
            self.agenda.select(node)
            return
        item = self.model.find_item(item_id)
        if item is None:
            self._say(
                self.tr("“%1” was uploaded, but its agenda item is gone; attach it again.").replace(
                    "%1", accepted.source.name
                )
            )
            return
        if kind == "replace":
            old = next((d for d in item.documents if d.sha256 == sha), None)
            if old is not None:
                self.model.replace(old, accepted.sha256, accepted.title, accepted.pages)
                self._say(
                    self.tr(
                        "“%1” replaces the document in the draft. Publish to send the new "
                        "version to the participants."
                    ).replace("%1", accepted.source.name),
                    "info",
                    15,
                )
                return
        self.model.attach(item, accepted.sha256, accepted.title, accepted.pages)
        self.agenda.tree.expand(self.model.index_of(item))

    # --- preview and publishing -------------------------------------------------------------

    def preview(self) -> PreviewDialog | None:
        detail = self.detail
        if detail is None or self.controller.meeting_id is None:
            return None
        dialog = PreviewDialog(self.controller, list(detail.get("participants", [])), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def ask_publish(self) -> None:
        detail = self.detail
        if detail is None:
            return
        dialog = PublishDialog(int(detail.get("packet_version") or 0) + 1, self)
        if dialog.exec() == PublishDialog.DialogCode.Accepted:
            self.publish(dialog.text())

    def publish(self, note: str) -> None:
        self.controller.publish(note)

    def _published(self, result: dict[str, Any]) -> None:
        self._refusal_shown = False
        self._say(
            self.tr(
                "Published version %1 (%n document(s)). Participants receive it at their next "
                "sync.",
                "",
                int(result.get("documents") or 0),
            ).replace("%1", str(result.get("packet_version"))),
            "info",
            20,
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.uploads.cancel()
        self.delivery.stop()
        super().closeEvent(event)
