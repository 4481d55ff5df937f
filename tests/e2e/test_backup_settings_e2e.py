"""The backup in the settings, against the real server: turn it on (the recovery key shown
once, confirmed), see its state, be told plainly when another device has it or the server
refuses an item, and restore on a second device (a wrong key changes nothing)."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ecabinet.client import outbox
from ecabinet.client.backup import format_recovery_key
from ecabinet.client.profile import Profile
from ecabinet.client.secrets import MemorySecrets
from ecabinet.core.anchoring import Quote
from ecabinet.core.annotations import Note
from ecabinet.server.demo import DEMO_MEETING_ID, DEMO_PASSWORD
from ecabinet.ui.bridge import GuiBridge, TaskRunner
from ecabinet.ui.session import AppSession
from ecabinet.ui.settingsdialog import SettingsDialog
from tests.e2e.conftest import RunningServer, http_login

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WAIT = 60_000


@pytest.fixture
def server(run_server: Callable[..., RunningServer]) -> RunningServer:
    return run_server("--demo")


@pytest.fixture
def device(server: RunningServer, tmp_path: Path) -> Iterator[Callable[[str], AppSession]]:
    opened: list[tuple[AppSession, TaskRunner, Profile]] = []

    def make(name: str) -> AppSession:
        profile = Profile(tmp_path / name, secrets=MemorySecrets())
        runner = TaskRunner(GuiBridge())
        session = AppSession(profile, server.url, runner)
        session.engine.login("delegate1", DEMO_PASSWORD)
        session.engine.sync()
        opened.append((session, runner, profile))
        return session

    yield make
    for session, runner, profile in opened:
        session.close()
        runner.shutdown()
        profile.close()


def settings_of(qtbot: QtBot, session: AppSession) -> SettingsDialog:
    dialog = SettingsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.backup.status is not None, timeout=WAIT)
    return dialog


def says(dialog: SettingsDialog, text: str) -> Callable[[], bool]:
    return lambda: dialog.backup.message.isVisible() and text in dialog.backup.message.text()


def test_backup_is_turned_on_shown_once_and_restored_on_a_second_device(
    qtbot: QtBot, server: RunningServer, device: Callable[[str], AppSession]
) -> None:
    laptop = device("laptop")
    manifest = laptop.profile.manifest(DEMO_MEETING_ID)
    assert manifest is not None
    document = sorted(manifest["documents"])[0]
    note_id = laptop.notes.book.add(
        Note(document, "highlight", 0, rects=((72, 90, 300, 102),), quote=Quote(0, "Kỳ họp"))
    )
    dialog = settings_of(qtbot, laptop)
    section = dialog.backup
    assert "Backup is off" in section.state.text() and section.turn_on.isEnabled()

    section.turn_on.click()
    qtbot.waitUntil(lambda: section.key_dialog is not None, timeout=WAIT)
    keys = section.key_dialog
    assert keys is not None and keys.isVisible()
    shown = keys.key.text().replace("\n", "-")
    assert re.fullmatch(r"([A-Z2-7]{4}-){12}[A-Z2-7]{4}", shown)
    assert "shown only this once" in keys.findChildren(type(keys.key))[0].text()
    assert not keys.done_button.isEnabled()
    keys.reject()  # Escape does not close it before the key is written down
    assert keys.isVisible()
    ARTIFACTS.mkdir(exist_ok=True)
    keys.grab().save(str(ARTIFACTS / "settings-recovery-key.png"))
    keys.confirm.setChecked(True)
    with qtbot.waitSignal(laptop.sync_finished, timeout=WAIT):
        keys.done_button.click()  # and the backup goes with a sync at once
    assert not keys.isVisible()
    section.refresh()
    qtbot.waitUntil(lambda: "Last backup:" in section.state.text(), timeout=WAIT)
    assert section.status is not None and section.status.pending == 0
    assert not section.turn_on.isEnabled()
    dialog.grab().save(str(ARTIFACTS / "settings-backup.png"))
    with http_login(server, "delegate1") as http:
        items = http.get(f"{server.api}/annotations/backup", timeout=30).json()["items"]
    assert {i["item"] for i in items} == {"check", f"notes/{note_id}/1"} | {
        i["item"] for i in items if i["item"].startswith("keys/")
    }
    assert "Kỳ họp" not in str(items)

    phone = device("phone")
    other = settings_of(qtbot, phone)
    other.backup.turn_on.click()  # a second key would split the backup: refused, plainly
    qtbot.waitUntil(says(other, "already backed up from another device"), timeout=WAIT)
    assert other.backup.key_dialog is None

    def restore(key: str) -> None:
        other.backup.restore.click()
        asked = other.backup.restore_dialog
        assert asked is not None
        asked.field.setText(key)
        asked.accept()

    restore(format_recovery_key(b"\x01" * 32))
    qtbot.waitUntil(says(other, "does not open this account's backup"), timeout=WAIT)
    assert "nothing was changed" in other.backup.message.text()
    assert phone.notes.book.notes(include_deleted=True) == []
    restore("not a key")
    qtbot.waitUntil(says(other, "too short or too long"), timeout=WAIT)

    restore(shown.lower().replace("-", " "))
    qtbot.waitUntil(says(other, "restored from the backup"), timeout=WAIT)
    assert other.backup.message.text().startswith("1 note")
    (restored,) = phone.notes.book.notes()
    assert restored.id == note_id and restored.trusted
    qtbot.waitUntil(lambda: "Backup is on" in other.backup.state.text(), timeout=WAIT)

    # A refusal by the server is said, not kept silent by the outbox.
    junk = base64.b64encode(b"\x00" * 40).decode()
    outbox.enqueue(
        phone.profile.store, "PUT", "/annotations/backup", {"item": "check", "ciphertext": junk}
    )
    with qtbot.waitSignal(phone.sync_finished, timeout=WAIT):
        phone.sync()
    other.backup.refresh()
    qtbot.waitUntil(lambda: "refused part of the backup" in other.backup.state.text(), timeout=WAIT)
    assert "already holds check" in other.backup.state.text()
