"""Office documents to PDF with LibreOffice, for the secretary's uploads.

The server accepts PDFs only (delegates' readers render PDF); Word, ODT, Excel and PowerPoint
files are converted on the secretary's machine by LibreOffice in headless mode.  Each call
gets a LibreOffice profile of its own in a temporary directory: a running LibreOffice (the
secretary's own, or another conversion) would otherwise take the request over or block on
the profile lock.  The converter runs in its own process group with a time limit; on timeout
or cancel the whole group is killed, so no stray ``soffice.bin`` is left hanging.

Blocking: the app calls it on its task runner, never on the GUI thread.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

OFFICE_SUFFIXES = {
    ".doc",
    ".docx",
    ".odt",
    ".rtf",
    ".xls",
    ".xlsx",
    ".ods",
    ".ppt",
    ".pptx",
    ".odp",
}
# Where LibreOffice lives when it is not on PATH (or to use another one, e.g. in tests).
SOFFICE_VARIABLE = "ECABINET_SOFFICE"
POLL_SECONDS = 0.1
INSTALL_HINT = (
    "Office documents are converted to PDF with LibreOffice, which is not installed on this "
    "computer. Install LibreOffice (https://www.libreoffice.org/), or attach a PDF instead."
)
_WELL_KNOWN = (
    "/usr/bin/soffice",
    "/usr/local/bin/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
# Lines LibreOffice prints on every run that say nothing about the document.
_NOISE = ("javaldx", "java may not function", "using filter", "convert ")


class ConversionError(Exception):
    """A file could not be made into a PDF; ``str()`` is for people."""


class ConversionUnavailable(ConversionError):
    """LibreOffice is not installed (or the configured one cannot be run)."""


class ConversionFailed(ConversionError):
    """LibreOffice ran but produced no PDF; the message carries its own words."""


class ConversionTimedOut(ConversionError):
    """LibreOffice did not finish within the time limit; it was stopped."""


class ConversionCancelled(ConversionError):
    """The conversion was cancelled; LibreOffice was stopped."""


class UnsupportedFormat(ConversionError):
    """Neither a PDF nor an office document LibreOffice is asked to convert."""


def find_soffice() -> str | None:
    """The LibreOffice executable: ``$ECABINET_SOFFICE``, then PATH, then usual places."""
    configured = os.environ.get(SOFFICE_VARIABLE)
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _WELL_KNOWN if os.access(p, os.X_OK)), None)


def _kill_group(process: subprocess.Popen[Any]) -> None:
    """Stop the converter and everything it started (``soffice`` forks ``soffice.bin``)."""
    try:
        if sys.platform == "win32":
            subprocess.run(  # noqa: S603 - a fixed system tool and our child's pid
                ["taskkill", "/F", "/T", "/PID", str(process.pid)],  # noqa: S607
                capture_output=True,
                check=False,
            )
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        process.kill()
    process.wait()


def _spawn(command: list[str], output: Any) -> subprocess.Popen[Any]:
    options: dict[str, Any] = {}
    if sys.platform == "win32":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined,unused-ignore]
    else:
        options["start_new_session"] = True  # its own process group, killed as one
    return subprocess.Popen(  # noqa: S603 - LibreOffice, the file as one argument, no shell
        command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT, **options
    )


def _said(log: Path) -> str:
    """What LibreOffice printed that is about the document, on one line."""
    try:
        text = log.read_text("utf-8", "replace")
    except OSError:
        return ""
    lines = [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not any(noise in line for noise in _NOISE)
    ]
    return " ".join(lines)[:500]


def convert_to_pdf(
    source: Path,
    outdir: Path,
    *,
    timeout: float = 120.0,
    cancelled: Callable[[], bool] | None = None,
    soffice: str | None = None,
) -> Path:
    """Convert ``source`` into ``outdir/<stem>.pdf`` and return that path.

    Args:
        soffice: the LibreOffice executable (default: :func:`find_soffice`).

    Raises:
        ConversionUnavailable: LibreOffice is not installed or cannot be started.
        ConversionFailed: it produced no PDF (its own message is in the error).
        ConversionTimedOut: it ran longer than ``timeout`` seconds and was stopped.
        ConversionCancelled: ``cancelled()`` said so and it was stopped.
    """
    program = soffice or find_soffice()
    if program is None:
        raise ConversionUnavailable(INSTALL_HINT)
    if not source.is_file():
        raise ConversionFailed(f"{source.name} cannot be read: there is no such file.")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ecabinet-convert-") as scratch:
        work = Path(scratch)
        result_dir = work / "out"
        log = work / "soffice.log"
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(result_dir),
            str(source.resolve()),
        ]
        try:
            with log.open("wb") as output:
                process = _spawn(command, output)
        except OSError as exc:
            raise ConversionUnavailable(
                f"LibreOffice ({program}) cannot be started: {exc.strerror or exc}. " + INSTALL_HINT
            ) from exc
        deadline = time.monotonic() + timeout
        try:
            while process.poll() is None:
                if cancelled is not None and cancelled():
                    _kill_group(process)
                    raise ConversionCancelled(f"The conversion of {source.name} was cancelled.")
                if time.monotonic() >= deadline:
                    _kill_group(process)
                    raise ConversionTimedOut(
                        f"LibreOffice did not finish converting {source.name} within "
                        f"{timeout:g} seconds and was stopped. Convert it to PDF yourself, "
                        "or try again."
                    )
                time.sleep(POLL_SECONDS)
        except BaseException:
            if process.poll() is None:
                _kill_group(process)
            raise
        produced = sorted(result_dir.glob("*.pdf")) if result_dir.is_dir() else []
        if not produced or not _looks_like_pdf(produced[0]):
            said = _said(log)
            raise ConversionFailed(
                f"LibreOffice could not convert {source.name}"
                + (f": {said}" if said else f" (exit status {process.returncode}).")
            )
        target = outdir / (source.stem + ".pdf")
        shutil.move(str(produced[0]), target)
        return target


def _looks_like_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False


def prepare_for_upload(path: Path, workdir: Path, **kw: Any) -> Path:
    """The file to upload for ``path``: a PDF as it is, an office document converted.

    Conversions go to a directory of their own under ``workdir`` (two files named alike
    never overwrite each other).  ``kw`` goes to :func:`convert_to_pdf`.

    Raises:
        UnsupportedFormat: neither a PDF nor a known office format.
        ConversionError: the conversion failed (see :func:`convert_to_pdf`).
    """
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return path
    if suffix in OFFICE_SUFFIXES:
        workdir.mkdir(parents=True, exist_ok=True)
        return convert_to_pdf(path, Path(tempfile.mkdtemp(dir=workdir)), **kw)
    raise UnsupportedFormat(
        f"{path.name}: unsupported file type. Attach a PDF, or a Word, ODT, Excel or "
        "PowerPoint document (converted with LibreOffice)."
    )
