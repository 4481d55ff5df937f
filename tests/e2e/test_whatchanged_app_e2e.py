"""The desktop app after a secretary replaced a document: "What changed", down to the words.

Saves a screenshot of the dialog under ``test-artifacts/``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ecabinet.server.demo import DEMO_MEETING_ID
from ecabinet.ui.app import DesktopApp
from ecabinet.ui.viewer.documentview import DocumentView
from tests.e2e.conftest import RunningServer, publish_attachment
from tests.e2e.test_app_e2e import ARTIFACTS, WAIT, start

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]


def revise(pdf: bytes) -> tuple[bytes, list[str], list[str]]:
    """The document with three words of its first page taken out and a sentence added.

    Returns:
        The new PDF, the words taken out, the words put in.
    """
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    page = doc[0]
    words = page.get_text("words")
    gone = words[8:11]
    for word in gone:
        page.add_redact_annot(pymupdf.Rect(word[:4]))
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE)
    added = "Bổ sung theo ý kiến thẩm tra"
    writer = pymupdf.TextWriter(page.rect)
    writer.append((72, page.rect.height - 60), added, font=pymupdf.Font("notos"), fontsize=11)
    writer.write_text(page)
    data = bytes(doc.tobytes(garbage=3, deflate=True))
    doc.close()
    return data, [str(w[4]) for w in gone], added.split()


def test_app_offers_what_changed_and_opens_the_changed_page(
    qtbot: QtBot,
    run_server: Callable[..., RunningServer],
    desktop: DesktopApp,
    tmp_path: Path,
) -> None:
    server = run_server("--demo")
    window = start(desktop, server, tmp_path / "profile", qtbot, login=True)
    qtbot.waitUntil(
        lambda: window.agenda.rowCount() == 3 and not window.session.syncing, timeout=WAIT
    )
    profile = window.session.profile
    qtbot.waitUntil(lambda: profile.meetings()[0].seen_version == 1, timeout=WAIT)
    manifest = profile.manifest(DEMO_MEETING_ID)
    assert manifest is not None
    old_sha, info = next(
        (sha, info) for sha, info in manifest["documents"].items() if "ngân sách" in info["title"]
    )
    new_pdf, removed, inserted = revise(profile.read_document(DEMO_MEETING_ID, old_sha))
    new_sha = publish_attachment(
        server, DEMO_MEETING_ID, new_pdf, "Cập nhật báo cáo ngân sách", replacing=old_sha
    )

    window.sync_action.trigger()
    changes = window.changes
    qtbot.waitUntil(lambda: window.message_bar.action_button.isVisible(), timeout=WAIT)
    assert "version 1 → 2" in window.message_bar.text()
    assert changes.action.isVisible()
    window.message_bar.action_button.click()
    dialog = changes.dialog
    assert dialog is not None
    assert "Cập nhật báo cáo ngân sách" in dialog.note_label.text()
    assert f"Replaced: phu-luc\nwas “{info['title']}”" in dialog.summary_view.toPlainText()
    qtbot.waitUntil(lambda: dialog.page_links() != [], timeout=WAIT)
    [page] = dialog._pages
    assert (page.kind, page.new_page, page.old_page) == ("changed", 0, 0)
    assert page.removed == removed and page.inserted == inserted
    ARTIFACTS.mkdir(exist_ok=True)
    qtbot.wait(200)
    dialog.grab().save(str(ARTIFACTS / "what-changed-en.png"))
    screen = QApplication.primaryScreen()
    screen.grabWindow(0).save(str(ARTIFACTS / "what-changed-screen-en.png"))  # under Xvfb

    dialog.pages_view.anchorClicked.emit(QUrl("page:0"))
    qtbot.waitUntil(lambda: window.tabs.count() == 1, timeout=WAIT)
    view = window.tabs.widget(0)
    assert isinstance(view, DocumentView) and view.property("sha256") == new_sha
    qtbot.waitUntil(lambda: " of " in view.find_bar.counter.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: 0 in view.painted_pages(), timeout=WAIT)
    assert view.find_bar.text == '"' + " ".join(inserted[:12]) + '"'
    qtbot.wait(300)
    window.grab().save(str(ARTIFACTS / "what-changed-opened-en.png"))

    dialog.close()
    qtbot.waitUntil(lambda: profile.meetings()[0].seen_version == 2, timeout=WAIT)
    assert not changes.action.isVisible()
