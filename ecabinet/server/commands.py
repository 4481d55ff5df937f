"""What ``ecabinet server``, ``ecabinet demo`` and ``ecabinet admin …`` do."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

import uvicorn

from ecabinet.server import accounts
from ecabinet.server.audit import verify_audit_log
from ecabinet.server.demo import DEMO_PASSWORD, DEMO_USERS, seed_demo
from ecabinet.server.serving import (
    SHUTDOWN_GRACE_SECONDS,
    Workers,
    bound_socket,
    can_share_ports,
    serve,
)
from ecabinet.server.settings import ServerSettings
from ecabinet.server.state import ServerState


class CommandError(Exception):
    """A one-line reason a command cannot go on; the CLI prints it and exits 1."""


def settings_for(data: Path | None) -> ServerSettings:
    settings = ServerSettings()
    if data is not None:
        settings = settings.model_copy(update={"data_dir": data})
    return settings


def run_server(*, host: str, port: int, data: Path | None, demo: bool, workers: int = 1) -> None:
    """Migrate, seed the demo meeting when asked, and serve until interrupted.

    With several workers, this process prepares the database, key and blob store first, so
    the workers only open them.
    """
    if workers < 1:
        raise CommandError("--workers must be at least 1")
    settings = settings_for(data)
    state = ServerState(settings)
    if workers > 1 and not state.db.is_postgres:
        state.close()
        # One writer at a time, and no LISTEN/NOTIFY to tell the other processes of events.
        raise CommandError(
            "several server processes need PostgreSQL (ECABINET_DATABASE_URL); "
            "SQLite serves one: leave out --workers"
        )
    state.blobs.clean_temporary(idle_seconds=0)
    if demo:
        seed_demo(state)
    url = f"http://{'localhost' if host in ('127.0.0.1', '0.0.0.0') else host}:{port}"  # noqa: S104
    print(f"ecabinet server on {url}  (data: {settings.data_dir.resolve()})", flush=True)
    if demo:
        users = ", ".join(DEMO_USERS)
        print(f"demo logins: {users} — password {DEMO_PASSWORD!r}", flush=True)
    if workers > 1:
        state.close()
        # Each worker builds its settings from the environment.
        os.environ["ECABINET_DATA_DIR"] = str(settings.data_dir.resolve())
        _serve_workers(host, port, workers)
        return
    try:
        serve(settings, state, host=host, port=port)
    finally:
        state.close()


def _serve_workers(host: str, port: int, workers: int) -> None:
    if not can_share_ports():  # each worker its own socket needs SO_REUSEPORT (Linux, BSD)
        uvicorn.run(
            "ecabinet.server.app:app_factory",
            factory=True,
            workers=workers,
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS,
        )
        return
    # Bound without sharing: a program already listening there (another ecabinet server
    # too) is reported, rather than joined and its connections split with it.
    try:
        bound_socket(host, port, share=False).close()
    except OSError as exc:
        raise CommandError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    if Workers(host, port, workers).run() != 0:
        raise CommandError("a server process failed to start; its messages are above")


def read_password(from_stdin: bool) -> str:
    """The new password: from stdin (scripts) or asked at a terminal; never from argv."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            raise CommandError("the two passwords differ")
    else:
        raise CommandError("give the password on standard input with --password-stdin")
    if not password:
        raise CommandError("the password is empty")
    return password


def admin(
    action: str,
    *,
    data: Path | None,
    username: str | None = None,
    roles: list[str] | None = None,
    full_name: str = "",
    password_stdin: bool = False,
    device_id: str | None = None,
) -> int:
    """Run one ``ecabinet admin`` action; returns the exit status."""
    state = ServerState(settings_for(data))
    try:
        with state.db.session() as session:
            if action == "audit-verify":
                count, broken = verify_audit_log(session)
                if broken is None:
                    print(f"audit log intact: {count} entries")
                    return 0
                print(f"audit log broken at entry {broken.seq}: {broken.reason}")
                return 1
            try:
                if action == "create-user":
                    assert username is not None
                    user = accounts.create_user(
                        session=session,
                        passwords=state.passwords,
                        username=username,
                        password=read_password(password_stdin),
                        roles=roles or [],
                        full_name=full_name,
                        actor="admin-cli",
                    )
                    print(f"created {user.username} ({', '.join(user.role_names)}) id {user.id}")
                elif action == "set-role":
                    assert username is not None
                    user = accounts.set_roles(
                        session=session, username=username, roles=roles or [], actor="admin-cli"
                    )
                    print(f"{user.username}: {', '.join(user.role_names)}")
                elif action == "reset-password":
                    assert username is not None
                    accounts.reset_password(
                        session=session,
                        passwords=state.passwords,
                        username=username,
                        password=read_password(password_stdin),
                        actor="admin-cli",
                    )
                    print(f"password of {username} reset; its logins were ended")
                elif action == "revoke-device":
                    assert device_id is not None
                    device = accounts.revoke_device(
                        session=session, device_id=device_id, actor="admin-cli"
                    )
                    print(f"device {device.id} ({device.name}) revoked")
                else:
                    raise CommandError(f"unknown admin action {action!r}")
            except accounts.AccountError as exc:
                raise CommandError(str(exc)) from exc
        return 0
    finally:
        state.close()
