"""Starting the desktop app: language, profile, login, main window, first sync."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWidget

from ecabinet.client.api import ClientError
from ecabinet.client.profile import Profile
from ecabinet.client.secrets import SecretStoreError
from ecabinet.client.sync import SyncError
from ecabinet.ui import prefs
from ecabinet.ui.bridge import GuiBridge, TaskRunner
from ecabinet.ui.i18n import Translations, choose_language
from ecabinet.ui.logindialog import LoginDialog
from ecabinet.ui.mainwindow import MainWindow
from ecabinet.ui.session import AppSession
from ecabinet.ui.viewer.hub import RenderHub


def default_profile_dir(server: str, username: str) -> Path:
    """One profile per user and server, under the platform's application data folder."""
    root = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        or Path.home() / ".ecabinet"
    )
    slug = re.sub(r"[^A-Za-z0-9.-]+", "_", f"{username}@{server.split('://')[-1]}")
    return root / "profiles" / slug


def ask_passphrase(parent: QWidget | None = None) -> Callable[[], str | None]:
    def ask() -> str | None:
        text, ok = QInputDialog.getText(
            parent,
            QApplication.translate("App", "Passphrase for this computer"),
            QApplication.translate(
                "App",
                "This computer has no system keyring. Choose (or enter) a passphrase "
                "that protects your login and document keys on this computer:",
            ),
            QLineEdit.EchoMode.Password,
        )
        return text if ok and text else None

    return ask


class DesktopApp:
    """Owns the long-lived pieces: runner, render hub, session, window."""

    def __init__(self, app: QApplication, settings: prefs.Prefs | None = None) -> None:
        self.app = app
        self.settings = settings or prefs.Prefs()
        self.translations = Translations()
        self.translations.install(choose_language(self.settings.get(prefs.LANGUAGE)))
        self.bridge = GuiBridge()
        self.runner = TaskRunner(self.bridge)
        self.hub = RenderHub()
        # The worker takes a few hundred ms to spawn and import MuPDF: pay that at launch,
        # not when the first document opens.
        self.hub.start()
        self.session: AppSession | None = None
        self.window: MainWindow | None = None
        self.profile: Profile | None = None

    def open_profile(self, directory: Path) -> Profile:
        self.profile = Profile(directory, ask_passphrase=ask_passphrase())
        return self.profile

    def start(self, session: AppSession, credentials: tuple[str, str] | None = None) -> MainWindow:
        """Show the main window at once; log in (if asked) and sync in the background."""
        self.session = session
        window = MainWindow(session, self.hub, self.settings, self.translations)
        window.language_changed.connect(self.switch_language)
        self.window = window
        window.show()
        session.load_meetings()
        session.update_index()  # catch up on documents a script synced, or an interrupted run
        if credentials is None:
            QTimer.singleShot(0, session.sync)
        else:
            session.login(
                *credentials,
                on_done=lambda _r: session.sync(),
                on_error=lambda e: window.message_bar.show_message(str(e)),
            )
        return window

    def switch_language(self, language: str) -> None:
        self.settings.set(prefs.LANGUAGE, language)
        self.translations.install(language)
        if self.window is not None:
            self.window.retranslate()

    def login_interactively(
        self, server: str, username: str, profile_dir: Path | None
    ) -> AppSession | None:
        """Show the login dialog until a login succeeds or the user gives up."""
        holder: dict[str, AppSession] = {}

        def attempt(url: str, user: str, password: str, done: Callable[[str | None], None]) -> None:
            try:
                profile = self.profile or self.open_profile(
                    profile_dir or default_profile_dir(url, user)
                )
            except (SecretStoreError, OSError) as exc:
                done(str(exc))
                return
            session = AppSession(profile, url, self.runner)

            def ok(_result: object) -> None:
                holder["session"] = session
                self.settings.set(prefs.SERVER_URL, url)
                self.settings.set(prefs.USERNAME, user)
                self.settings.set(prefs.PROFILE_DIR, str(profile.directory))
                done(None)

            def failed(error: BaseException) -> None:
                session.close()
                message = str(error) if isinstance(error, ClientError | SyncError) else repr(error)
                done(message)

            session.login(user, password, ok, failed)

        dialog = LoginDialog(server, username, attempt)
        if dialog.exec() != LoginDialog.DialogCode.Accepted:
            return None
        return holder.get("session")

    def shutdown(self) -> None:
        if self.session is not None:
            self.session.close()
        self.runner.shutdown(wait=True)
        self.hub.close()
        if self.profile is not None:
            self.profile.close()
        self.translations.uninstall()


def run_app(
    *,
    profile_dir: Path | None = None,
    server: str | None = None,
    username: str | None = None,
    password: str | None = None,
) -> int:
    """The ``ecabinet app`` command; ``password`` is for the demo's automatic login."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("ecabinet")
    app.setOrganizationName("ecabinet")
    desktop = DesktopApp(app)
    settings = desktop.settings
    server = server or settings.get(prefs.SERVER_URL)
    username = username or settings.get(prefs.USERNAME)
    remembered = settings.get(prefs.PROFILE_DIR)
    directory = profile_dir or (Path(remembered) if remembered else None)
    session: AppSession | None = None
    try:
        if directory is not None and (directory / "profile.sqlite3").exists():
            profile = desktop.open_profile(directory)
            stored = profile.setting("server_url")
            if profile.token() and stored:
                session = AppSession(profile, stored, desktop.runner)
        credentials = None
        if session is None and password and username:
            profile = desktop.profile or desktop.open_profile(
                directory or default_profile_dir(server, username)
            )
            session = AppSession(profile, server, desktop.runner)
            credentials = (username, password)
        if session is None:
            session = desktop.login_interactively(server, username, directory)
    except (SecretStoreError, ClientError, SyncError) as exc:
        QMessageBox.critical(None, "ecabinet", str(exc))
        desktop.shutdown()
        return 1
    if session is None:
        desktop.shutdown()
        return 0
    desktop.start(session, credentials)
    try:
        return app.exec()
    finally:
        desktop.shutdown()
