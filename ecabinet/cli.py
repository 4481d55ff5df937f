"""The ``ecabinet`` command (API.md fixes its shape)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecabinet import __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ecabinet", description="Paperless meetings: server, desktop app and tools."
    )
    parser.add_argument("--version", action="version", version=f"ecabinet {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    server = sub.add_parser("server", help="run the central server")
    server.add_argument("--host", default="127.0.0.1", help="address to listen on")
    server.add_argument("--port", type=int, default=8470, help="port to listen on")
    server.add_argument("--data", type=Path, help="data directory (database, blobs, key)")
    server.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes (in production, the number of cores)",
    )
    server.add_argument(
        "--demo", action="store_true", help="seed the sample meeting and demo users (idempotent)"
    )

    app = sub.add_parser("app", help="the desktop app")
    app.add_argument("--profile", type=Path, help="profile directory (one per user and server)")
    app.add_argument("--server", help="server address to log in to")

    demo = sub.add_parser(
        "demo", help="start a local server with the sample meeting and open the app on it"
    )
    demo.add_argument("--port", type=int, default=8470, help="port to listen on")
    demo.add_argument(
        "--data", type=Path, default=Path("demo-data"), help="data directory of the demo server"
    )
    demo.add_argument("--user", default="delegate1", help="demo user the app logs in as")
    demo.add_argument("--no-app", action="store_true", help="run the server only")

    sync = sub.add_parser("sync", help="sync all meetings of a profile headlessly")
    sync.add_argument("--server", required=True, help="server address, e.g. https://host:8470")
    sync.add_argument("--profile", type=Path, required=True, help="profile directory")
    sync.add_argument("--user", help="log in as this user (else reuse the stored login)")
    sync.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    sync.add_argument("--ca-bundle", help="CA certificates to verify the server's TLS with")

    publish = sub.add_parser(
        "publish",
        help="upload files, attach them to an agenda item and publish (secretaries)",
        description="A secretary's scripted publish. Office files (Word, ODT, Excel, "
        "PowerPoint) are converted to PDF with LibreOffice; every file is uploaded first, "
        "then all are attached to ITEM (an agenda item's number such as 2.1, or its id) or, "
        "without --item, to a new item titled after the first file, and the draft is "
        "published with the note. If any file fails, nothing is attached or published and "
        "the command exits 1 with the reason.",
    )
    publish.add_argument("--server", required=True, help="server address, e.g. https://host:8470")
    publish.add_argument("--meeting", required=True, metavar="ID", help="the meeting's id")
    publish.add_argument("files", nargs="+", type=Path, metavar="FILE", help="files to publish")
    publish.add_argument("--item", help="agenda item number (e.g. 2.1) or id to attach to")
    publish.add_argument("--note", default="", help="what changed, shown to the participants")
    publish.add_argument("--user", help="log in as this user")
    publish.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    publish.add_argument("--profile", type=Path, help="reuse (or store) the login of a profile")
    publish.add_argument("--ca-bundle", help="CA certificates to verify the server's TLS with")
    publish.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        help="seconds one office conversion may take (default 120)",
    )

    check = sub.add_parser("check", help="verify every stored document and signature, offline")
    check.add_argument("--profile", type=Path, required=True, help="profile directory")

    search = sub.add_parser(
        "search",
        help="search every synced document offline",
        description="Offline full-text search. Words match without their diacritics "
        '(hop khong giay finds họp không giấy); "quoted words" match as a phrase; the '
        "last word also matches as a prefix. One hit a line: meeting, document, page, "
        "snippet (tab-separated, hits in [brackets]). Exit status: 0 hits found, 1 none, "
        "2 error.",
    )
    search.add_argument("--profile", type=Path, required=True, help="profile directory")
    search.add_argument("query", metavar="QUERY", help="what to look for")
    search.add_argument("--meeting", metavar="ID", help="search this meeting only")
    search.add_argument(
        "--exact", action="store_true", help="diacritics must match as typed (thể is not thế)"
    )
    search.add_argument(
        "--limit", type=int, default=100, help="at most this many pages (default 100)"
    )

    verify = sub.add_parser(
        "verify",
        help="check a signed vote result, ballot receipt or annotation bundle",
        description="Check the signature and the content of a signed record (a vote result "
        "or ballot receipt, against the server key) or of an exported annotation bundle "
        "(against the device keys it carries). Exit 0 if it holds, 1 with the reason if not.",
    )
    verify.add_argument("path", type=Path, metavar="PATH", help="the record (JSON file)")
    verify.add_argument("--key", help="the server's public key (base64, as /server-key gives)")
    verify.add_argument("--profile", type=Path, help="use the key this app profile pinned")
    verify.add_argument("--server", help="ask this server for its key (weakest: it is trusted)")

    admin = sub.add_parser("admin", help="manage users, devices and the audit log")
    admin_sub = admin.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, help_text in (
        ("create-user", "create a user"),
        ("set-role", "replace a user's roles"),
        ("reset-password", "set a new password, ending all logins"),
    ):
        cmd = admin_sub.add_parser(name, help=help_text)
        cmd.add_argument("username", metavar="NAME")
        if name != "reset-password":
            cmd.add_argument(
                "--role",
                dest="roles",
                action="append",
                required=True,
                choices=["administrator", "secretary", "chair", "delegate"],
                help="a role; repeat for several",
            )
        if name == "create-user":
            cmd.add_argument("--full-name", default="", help="the name people see")
        if name != "set-role":
            cmd.add_argument(
                "--password-stdin",
                action="store_true",
                help="read the password from standard input",
            )
        cmd.add_argument("--data", type=Path, help="the server's data directory")
    revoke = admin_sub.add_parser("revoke-device", help="revoke a lost or stolen device")
    revoke.add_argument("device_id", metavar="DEVICE_ID")
    revoke.add_argument("--data", type=Path, help="the server's data directory")
    audit = admin_sub.add_parser("audit-verify", help="check the audit log's hash chain")
    audit.add_argument("--data", type=Path, help="the server's data directory")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "app":
        from ecabinet.ui.app import run_app

        return run_app(profile_dir=args.profile, server=args.server)
    if args.command == "demo" and not args.no_app:
        from ecabinet.demo import run_demo

        return run_demo(port=args.port, data=args.data, user=args.user)
    if args.command == "verify":
        from ecabinet.client.verify import VerifyError, run_verify

        try:
            return run_verify(
                path=args.path, key=args.key, profile=args.profile, server=args.server
            )
        except VerifyError as exc:
            print(f"ecabinet verify: {exc}", file=sys.stderr)
            return 1
    if args.command == "publish":
        from ecabinet.client.publish import run_publish

        return run_publish(
            server=args.server,
            meeting_id=args.meeting,
            files=args.files,
            item=args.item,
            note=args.note,
            user=args.user,
            password_stdin=args.password_stdin,
            profile_dir=args.profile,
            ca_bundle=args.ca_bundle,
            timeout=args.timeout,
        )
    if args.command in ("sync", "check", "search"):
        from ecabinet.client.commands import run_check, run_search, run_sync

        if args.command == "check":
            return run_check(profile_dir=args.profile)
        if args.command == "search":
            return run_search(
                profile_dir=args.profile,
                query=args.query,
                meeting_id=args.meeting,
                exact=args.exact,
                limit=args.limit,
            )
        return run_sync(
            server=args.server,
            profile_dir=args.profile,
            user=args.user,
            password_stdin=args.password_stdin,
            ca_bundle=args.ca_bundle,
        )
    from ecabinet.server.commands import CommandError, admin, run_server

    try:
        if args.command == "server":
            run_server(
                host=args.host, port=args.port, data=args.data, demo=args.demo, workers=args.workers
            )
            return 0
        if args.command == "demo":
            run_server(host="127.0.0.1", port=args.port, data=args.data, demo=True)
            return 0
        return admin(
            args.action,
            data=args.data,
            username=getattr(args, "username", None),
            roles=getattr(args, "roles", None),
            full_name=getattr(args, "full_name", ""),
            password_stdin=getattr(args, "password_stdin", False),
            device_id=getattr(args, "device_id", None),
        )
    except CommandError as exc:
        print(f"ecabinet: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
