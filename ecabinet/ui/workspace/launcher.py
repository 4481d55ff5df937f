"""Showing the workspace to secretaries only.

The account's roles come from the server (``GET /auth/me``) once the app is logged in and
online; the main window's "Workspace" action stays hidden for everybody else.  The server
decides in any case: every workspace call is refused to a non-secretary.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ecabinet.ui.session import AppSession
from ecabinet.ui.workspace.window import WorkspaceWindow


class WorkspaceLauncher(QObject):
    def __init__(self, session: AppSession, action: QAction, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.action = action
        self.parent_widget = parent
        self.roles: list[str] | None = None
        self.window: WorkspaceWindow | None = None
        action.setVisible(False)
        action.triggered.connect(self.show_workspace)
        session.sync_finished.connect(lambda _report: self.check_roles())
        if session.api.token:
            self.check_roles()

    def check_roles(self) -> None:
        """Ask the server who we are (until it has answered once)."""
        if self.roles is not None:
            return
        self.session.runner.run(
            lambda: self.session.api.get_json("/auth/me"), self._known, lambda _e: None
        )

    def _known(self, me: dict[str, Any]) -> None:
        self.roles = [str(r) for r in me.get("roles", [])]
        self.action.setVisible("secretary" in self.roles)

    def show_workspace(self) -> WorkspaceWindow | None:
        if self.roles is None or "secretary" not in self.roles:
            return None
        if self.window is None:
            self.window = WorkspaceWindow(self.session, self.parent_widget)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        return self.window

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
