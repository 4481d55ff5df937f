"""The delegate's vote panel: check in, the open motion as large buttons, confirm, receipt.

It shows what :class:`~ecabinet.ui.livesession.LiveSession` reports and asks it to act; it
never talks to the network itself.  A choice needs a second press to confirm, because a
ballot cannot be taken back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecabinet.ui.livesession import LiveSession
from ecabinet.ui.livetext import LiveText


def current_motion(state: dict[str, Any]) -> dict[str, Any] | None:
    """The open motion, else the one closed last (to show its result), else none."""
    motions: list[dict[str, Any]] = list(state.get("motions", []))
    for motion in motions:
        if motion.get("state") == "open":
            return dict(motion)
    closed = [m for m in motions if m.get("state") == "closed"]
    if not closed:
        return None
    last: dict[str, Any] = max(closed, key=lambda m: str(m.get("closed_at") or ""))
    return last


class VotePanel(QWidget):
    """The side panel a delegate votes in."""

    def __init__(self, live: LiveSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.live = live
        self.text = LiveText(self)
        self.state: dict[str, Any] = {}
        self.online = True
        self.chosen: str | None = None
        self.receipt: dict[str, Any] | None = None
        self._build()
        live.state_changed.connect(self.show_state)
        live.online_changed.connect(self.set_online)
        live.receipt_saved.connect(self._recorded)
        live.failed.connect(self._failed)
        self.retranslate()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.connection = QLabel()
        self.connection.setWordWrap(True)
        self.connection.setStyleSheet("color: #a33; font-weight: bold;")
        self.check_in_button = QPushButton()
        self.check_in_button.setMinimumHeight(40)
        self.check_in_button.clicked.connect(self.live.check_in)
        self.follow = QCheckBox()
        self.title = QLabel()
        self.title.setWordWrap(True)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.3)
        big.setBold(True)
        self.title.setFont(big)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.on_behalf = QComboBox()
        self.on_behalf_label = QLabel()
        behalf = QHBoxLayout()
        behalf.addWidget(self.on_behalf_label)
        behalf.addWidget(self.on_behalf, 1)
        self.buttons_box = QVBoxLayout()
        self.option_buttons: list[QPushButton] = []
        self.confirm_text = QLabel()
        self.confirm_text.setWordWrap(True)
        self.confirm_button = QPushButton()
        self.confirm_button.setMinimumHeight(48)
        self.confirm_button.setStyleSheet("font-weight: bold;")
        self.confirm_button.clicked.connect(self._confirm)
        self.change_button = QPushButton()
        self.change_button.setMinimumHeight(48)
        self.change_button.clicked.connect(self._change)
        confirm_row = QHBoxLayout()
        confirm_row.addWidget(self.confirm_button, 2)
        confirm_row.addWidget(self.change_button, 1)
        self.confirm_frame = QFrame()
        confirm_layout = QVBoxLayout(self.confirm_frame)
        confirm_layout.setContentsMargins(0, 0, 0, 0)
        confirm_layout.addWidget(self.confirm_text)
        confirm_layout.addLayout(confirm_row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.connection)
        layout.addWidget(self.check_in_button)
        layout.addWidget(self.follow)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addLayout(behalf)
        layout.addLayout(self.buttons_box)
        layout.addWidget(self.confirm_frame)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.follow.setText(self.tr("Follow the chair (open the document and page shown)"))
        self.change_button.setText(self.tr("Change"))
        self.on_behalf_label.setText(self.tr("Voting for:"))
        self.show_state(self.state)

    # --- showing ------------------------------------------------------------------------------

    def set_online(self, online: bool) -> None:
        self.online = online
        self.show_state(self.state)

    def _me(self) -> dict[str, Any] | None:
        me = self.state.get("user_id")
        return next((p for p in self.state.get("attendance", []) if p["user_id"] == me), None)

    def show_state(self, state: dict[str, Any]) -> None:
        """Redraw from a live state (see :class:`LiveSession`)."""
        self.state = state
        self.connection.setText(
            ""
            if self.online
            else self.tr(
                "Offline: voting needs a connection to the server. Nothing is saved to send later."
            )
        )
        self.connection.setVisible(not self.online)
        me = self._me()
        checked_in = bool(me and me.get("present"))
        self.check_in_button.setText(
            self.tr("You are checked in") if checked_in else self.tr("Check in")
        )
        self.check_in_button.setEnabled(self.online and not checked_in and me is not None)
        motion = current_motion(state)
        self._show_motion(motion, me)

    def _voters(self, motion: dict[str, Any], me: dict[str, Any] | None) -> list[tuple[str, str]]:
        """Whose ballots this person may still cast: their own, and their proxies'."""
        names = {
            p["user_id"]: p["full_name"] or p["username"] for p in self.state.get("attendance", [])
        }
        voters = []
        # The motion says whether its roster lets me vote (a confidential item's differs from
        # the meeting's); a server without the field leaves the meeting's rule.
        mine = motion.get("may_vote")
        if mine is None:
            mine = bool(me and me.get("entitled") and not me.get("proxy_holder"))
        if mine and not motion.get("voted"):
            voters.append(("", self.tr("myself")))
        for proxy in motion.get("proxies", []):
            if not proxy.get("voted"):
                name = names.get(proxy["user_id"], proxy["user_id"])
                voters.append((proxy["user_id"], self.tr("%1 (proxy)").replace("%1", name)))
        return voters

    def _show_motion(self, motion: dict[str, Any] | None, me: dict[str, Any] | None) -> None:
        for button in self.option_buttons:
            self.buttons_box.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.option_buttons = []
        # Redrawn on every change: keep whom the person picked to vote for.
        picked = self.on_behalf.currentData()
        self.on_behalf.clear()
        self.on_behalf.setVisible(False)
        self.on_behalf_label.setVisible(False)
        self.confirm_frame.setVisible(False)
        if motion is None:
            self.title.setText(self.tr("No vote is open."))
            self.body.setText("")
            self.status.setText(self._receipt_text())
            return
        self.title.setText(motion["title"])
        self.body.setText(motion.get("text", ""))
        if motion["state"] == "closed":
            self.chosen = None
            self.status.setText(self.text.result(motion) + self._receipt_text(motion["id"]))
            return
        voters = self._voters(motion, me)
        if len(voters) > 1 or (voters and voters[0][0]):
            self.on_behalf.setVisible(True)
            self.on_behalf_label.setVisible(True)
            for user_id, label in voters:
                self.on_behalf.addItem(label, user_id)
            self.on_behalf.setCurrentIndex(max(0, self.on_behalf.findData(picked)))
        can_vote = bool(voters) and self.online and bool(me and me.get("present"))
        kind = self.tr("Secret ballot") if motion.get("secret") else self.tr("Open (named) ballot")
        lines = [kind, self.text.cast(motion)]
        if motion.get("voted") and not voters:
            lines.insert(0, self.tr("Your vote is recorded."))
        elif me and not me.get("present") and voters:
            lines.insert(0, self.tr("Check in to vote."))
        elif me and me.get("proxy_holder"):
            lines.insert(0, self.tr("You handed your vote to a proxy, who votes for you."))
        self.status.setText("\n".join(lines) + self._receipt_text(motion["id"]))
        for option in motion.get("options", []):
            button = QPushButton(self.text.option(option))
            button.setMinimumHeight(56)
            font = QFont(button.font())
            font.setPointSizeF(font.pointSizeF() * 1.25)
            font.setBold(True)
            button.setFont(font)
            # While confirming, the chosen option stays marked and the others step back.
            button.setCheckable(True)
            button.setChecked(option == self.chosen)
            button.setEnabled(can_vote and (self.chosen is None or option == self.chosen))
            button.clicked.connect(lambda _checked=False, o=option: self._choose(o))
            if option == self.chosen:
                button.setStyleSheet("QPushButton:checked { background: #1f6fb2; color: white; }")
            self.buttons_box.addWidget(button)
            self.option_buttons.append(button)
        if self.chosen is not None and can_vote:
            self.confirm_text.setText(
                self.tr("You chose “%1”. Your vote cannot be changed once it is recorded.").replace(
                    "%1", self.text.option(self.chosen)
                )
            )
            self.confirm_button.setText(self.tr("Confirm my vote"))
            self.confirm_frame.setVisible(True)

    def _receipt_text(self, motion_id: str | None = None) -> str:
        receipt = (self.receipt or {}).get("receipt")
        if not receipt or (motion_id and receipt.get("motion_id") != motion_id):
            return ""
        return "\n" + self.tr("Receipt kept on this computer, signed by key %1 at %2.").replace(
            "%1", str(self.receipt.get("key_id") if self.receipt else "")
        ).replace("%2", str(receipt.get("accepted_at", "")))

    # --- acting -------------------------------------------------------------------------------

    def _choose(self, option: str) -> None:
        self.chosen = option
        self.show_state(self.state)

    def _change(self) -> None:
        self.chosen = None
        self.show_state(self.state)

    def _confirm(self) -> None:
        motion = current_motion(self.state)
        if motion is None or self.chosen is None:
            return
        on_behalf = self.on_behalf.currentData() if self.on_behalf.count() else None
        choice, self.chosen = self.chosen, None
        self.confirm_button.setEnabled(False)
        self.live.vote(motion["id"], choice, on_behalf or None)

    def _recorded(self, receipt: dict[str, Any]) -> None:
        self.receipt = receipt
        self.confirm_button.setEnabled(True)
        self.show_state(self.state)

    def _failed(self, message: str) -> None:
        self.confirm_button.setEnabled(True)
        self.status.setText(message)
