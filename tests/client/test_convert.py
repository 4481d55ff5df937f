"""Office → PDF conversion with LibreOffice: real conversions, failures, hangs, absence.

Tests that need LibreOffice skip outside CI when it is missing, and fail in CI (``.ci/run``
installs it).  The hang, cancel and absence tests use a fake ``soffice`` and run everywhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pymupdf
import pytest

from ecabinet.client.convert import (
    SOFFICE_VARIABLE,
    ConversionCancelled,
    ConversionFailed,
    ConversionTimedOut,
    ConversionUnavailable,
    UnsupportedFormat,
    convert_to_pdf,
    find_soffice,
    prepare_for_upload,
)
from tests.conftest import IN_CI
from tests.support import make_pdf

TEXT = "Báo cáo ngân sách năm 2027"
POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="uses a shell-script soffice")


@pytest.fixture(scope="module")
def soffice() -> str:
    found = find_soffice()
    if found is None:
        if IN_CI:
            pytest.fail("CI must run the conversion tests, but LibreOffice (soffice) is missing")
        pytest.skip(
            "LibreOffice (soffice) is not installed: conversion tests skipped "
            "(apt-get install libreoffice-writer-nogui; .ci/run installs it)"
        )
    return found


def write_odt(path: Path, text: str) -> Path:
    """A minimal OpenDocument text file, built by hand (no office library needed)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:text><text:p>{text}</text:p></office:text></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2"'
        ' manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text"
        )  # first and stored, as the format asks
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path


def write_rtf(path: Path, text: str) -> Path:
    escaped = "".join(c if ord(c) < 128 else f"\\u{ord(c)}?" for c in text)
    path.write_text("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Arial;}}\\f0 " + escaped + "\\par}")
    return path


def pdf_text(path: Path) -> str:
    with pymupdf.open(path) as doc:
        return " ".join(page.get_text() for page in doc)


@pytest.mark.parametrize("make", [write_odt, write_rtf], ids=["odt", "rtf"])
def test_office_documents_become_pdfs_with_their_text(
    soffice: str, tmp_path: Path, make: object
) -> None:
    assert callable(make)
    suffix = ".odt" if make is write_odt else ".rtf"
    source = make(tmp_path / f"Báo cáo{suffix}", TEXT)
    result = convert_to_pdf(source, tmp_path / "out")
    assert result == tmp_path / "out" / "Báo cáo.pdf"
    assert TEXT in " ".join(pdf_text(result).split())
    # Each call has a profile of its own in a temporary directory: nothing is left behind.
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["Báo cáo.pdf"]


def test_a_docx_made_by_libreoffice_converts_too(soffice: str, tmp_path: Path) -> None:
    odt = write_odt(tmp_path / "tờ trình.odt", TEXT)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(tmp_path / "docx"),
            str(odt),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    docx = tmp_path / "docx" / "tờ trình.docx"
    assert docx.is_file()
    result = prepare_for_upload(docx, tmp_path / "work")
    assert TEXT in " ".join(pdf_text(result).split())


def test_a_corrupt_office_file_fails_with_libreoffices_own_message(
    soffice: str, tmp_path: Path
) -> None:
    broken = tmp_path / "hỏng.docx"
    broken.write_bytes(b"PK\x03\x04" + os.urandom(200))  # a .docx cut short
    with pytest.raises(ConversionFailed) as failed:
        convert_to_pdf(broken, tmp_path / "out")
    message = str(failed.value)
    assert message.startswith("LibreOffice could not convert hỏng.docx")
    assert "source file could not be loaded" in message
    assert not any((tmp_path / "out").iterdir())


def _fake_soffice(tmp_path: Path) -> tuple[Path, Path]:
    """A 'soffice' that starts a helper and hangs, like a conversion stuck on a dialog."""
    pidfile = tmp_path / "helper.pid"
    script = tmp_path / "soffice"
    script.write_text(f'#!/bin/sh\nsleep 300 &\necho $! > "{pidfile}"\nwait\n')
    script.chmod(0o755)
    return script, pidfile


def _gone(pid: int) -> bool:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in ("Z", "X"):  # killed, waiting for init to reap it
            return True
        time.sleep(0.05)
    return False


def _helper_pid(pidfile: Path) -> int:
    deadline = time.monotonic() + 5
    while not pidfile.exists() or not pidfile.read_text().strip():
        assert time.monotonic() < deadline, "the fake soffice did not start"
        time.sleep(0.05)
    return int(pidfile.read_text())


@POSIX_ONLY
def test_a_hung_conversion_times_out_quickly_and_its_whole_process_group_is_killed(
    tmp_path: Path,
) -> None:
    script, pidfile = _fake_soffice(tmp_path)
    source = write_rtf(tmp_path / "treo.rtf", TEXT)
    started = time.monotonic()
    with pytest.raises(ConversionTimedOut) as timed_out:
        convert_to_pdf(source, tmp_path / "out", timeout=1.0, soffice=str(script))
    assert time.monotonic() - started < 10
    assert "within 1 seconds" in str(timed_out.value)
    assert _gone(_helper_pid(pidfile)), "the converter's helper process survived"


@POSIX_ONLY
def test_a_conversion_can_be_cancelled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script, pidfile = _fake_soffice(tmp_path)
    monkeypatch.setenv(SOFFICE_VARIABLE, str(script))  # the override the app honours too
    source = write_rtf(tmp_path / "huỷ.rtf", TEXT)
    started = time.monotonic()
    with pytest.raises(ConversionCancelled):
        prepare_for_upload(
            source, tmp_path / "work", cancelled=lambda: time.monotonic() - started > 0.5
        )
    assert time.monotonic() - started < 10
    assert _gone(_helper_pid(pidfile))


def test_missing_libreoffice_says_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SOFFICE_VARIABLE, str(tmp_path / "no-such-soffice"))
    assert find_soffice() is None
    with pytest.raises(ConversionUnavailable) as missing:
        prepare_for_upload(write_rtf(tmp_path / "a.rtf", TEXT), tmp_path / "work")
    assert "Install LibreOffice" in str(missing.value)
    # A configured program that cannot be started is reported the same way.
    not_a_program = tmp_path / "soffice.txt"
    not_a_program.write_text("nothing")
    with pytest.raises(ConversionUnavailable):
        convert_to_pdf(tmp_path / "a.rtf", tmp_path / "out", soffice=str(not_a_program))


def test_pdfs_pass_through_and_other_files_are_refused(tmp_path: Path) -> None:
    pdf = tmp_path / "Tài liệu.PDF"
    pdf.write_bytes(make_pdf(1))
    assert prepare_for_upload(pdf, tmp_path / "work") == pdf
    for name in ("ảnh.png", "ghi chú.txt", "không-đuôi"):
        path = tmp_path / name
        path.write_bytes(b"x")
        with pytest.raises(UnsupportedFormat, match="unsupported file type"):
            prepare_for_upload(path, tmp_path / "work")
