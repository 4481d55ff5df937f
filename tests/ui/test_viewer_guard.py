"""The GUI thread never renders: MuPDF is never called, nor even imported, in the app process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import QUORUM, WAIT_MS, OpenView, wait_ready

ROOT = Path(__file__).resolve().parents[2]


def test_mupdf_is_never_called_in_the_app_process(
    qtbot: QtBot, open_view: OpenView, sample_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, str]] = []

    def recording(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def record(*args: Any, **kwargs: Any) -> Any:
            calls.append((name, threading.current_thread().name))
            return original(*args, **kwargs)

        return record

    for name in ("get_pixmap", "get_text", "search_for"):
        monkeypatch.setattr(pymupdf.Page, name, recording(name, getattr(pymupdf.Page, name)))
    monkeypatch.setattr(pymupdf, "open", recording("open", pymupdf.open))

    view = open_view(sample_pdf)
    wait_ready(qtbot, view)
    view.go_to_page(4)
    qtbot.waitUntil(lambda: 4 in view.painted_pages() and 4 in view.loader.words, timeout=WAIT_MS)
    view.show_find()
    view.find_bar.field.setText(QUORUM)
    view.find_bar.next_button.click()
    qtbot.waitUntil(lambda: view.find_bar.counter.text().endswith("of 2"), timeout=WAIT_MS)

    # The worker is a process of its own: in this one, MuPDF is not called on any thread.
    assert calls == []


_APP = textwrap.dedent(
    """
    import json, sys, time

    def main():
        import ecabinet.ui.viewer
        import ecabinet.client.render.service
        import ecabinet.ui.app  # the whole app: search, notes, everything it wires
        imported = "pymupdf" in sys.modules or "fitz" in sys.modules
        from PySide6.QtWidgets import QApplication
        from ecabinet.ui.viewer import DocumentView, RenderHub

        app = QApplication([])
        data = open(sys.argv[1], "rb").read()
        hub = RenderHub()
        view = DocumentView(hub, "doc", data, "doc")
        view.resize(800, 600)
        view.show()
        deadline = time.monotonic() + 20
        while 0 not in view.painted_pages() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.005)
        scale = view.canvas.scale_for(0)
        print(json.dumps({
            "imported_by_ui": imported,
            "loaded_after_rendering": "pymupdf" in sys.modules or "fitz" in sys.modules,
            "painted": sorted(view.painted_pages()),
            "dpr": view.devicePixelRatioF(),
            "zoom": view.canvas.zoom,
            "scale": scale,
        }))
        view.close_document()
        hub.close()

    if __name__ == "__main__":
        main()
    """
)


def test_the_app_process_never_imports_mupdf_and_renders_for_high_dpi(
    tmp_path: Path, sample_pdf: bytes
) -> None:
    script = tmp_path / "app.py"
    script.write_text(_APP, encoding="utf-8")
    pdf = tmp_path / "sample.pdf"
    pdf.write_bytes(sample_pdf)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, str(script), str(pdf)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["imported_by_ui"] is False
    assert report["loaded_after_rendering"] is False
    assert report["painted"][:1] == [0]
    # Sharp on a 2x screen: twice the pixels per point of the zoom.
    assert report["dpr"] == 2.0
    assert report["scale"] == round(report["zoom"] * 2, 3)
