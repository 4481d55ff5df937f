"""``ecabinet demo``: the sample server in a child process and the app logged in to it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import requests

from ecabinet.client.secrets import PASSPHRASE_ENV, os_keyring_available

DEMO_PASSWORD = "demo"  # noqa: S105 - the demo users' published password


def _wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            if requests.get(f"{url}/api/v1/health", timeout=1).ok:
                return True
        except requests.RequestException:
            time.sleep(0.2)
    return False


def run_demo(*, port: int, data: Path, user: str) -> int:
    """Start ``ecabinet server --demo`` and open the app on it; stop the server after."""
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "ecabinet",
            "server",
            "--demo",
            "--port",
            str(port),
            "--data",
            str(data),
        ]
    )
    try:
        if not _wait_for(url, server):
            print(
                f"ecabinet: the demo server did not start on {url}; is the port taken?",
                file=sys.stderr,
            )
            return 1
        if not os_keyring_available() and not os.environ.get(PASSPHRASE_ENV):
            # Said out loud, never silent: the demo profile's keys are protected by "demo".
            os.environ[PASSPHRASE_ENV] = DEMO_PASSWORD
            print(
                f"No OS keyring here: the demo profile's secrets are encrypted with the "
                f"passphrase '{DEMO_PASSWORD}' ({PASSPHRASE_ENV})."
            )
        from ecabinet.ui.app import run_app

        return run_app(
            profile_dir=data / f"profile-{user}", server=url, username=user, password=DEMO_PASSWORD
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
