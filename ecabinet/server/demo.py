"""The sample meeting behind ``ecabinet demo`` and ``ecabinet server --demo``.

A provincial People's Committee session in Vietnamese (with English titles), three agenda
items of which one is confidential, and generated multi-page PDFs.  Seeding is idempotent:
users and the meeting are found by name and fixed id, so restarting a demo server changes
nothing.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from ecabinet.server import accounts, meetings, publishing, schemas
from ecabinet.server.models import Meeting, MeetingDocument, User
from ecabinet.server.pdfcheck import count_pdf_pages
from ecabinet.server.samplepdf import build_sample_documents
from ecabinet.server.state import ServerState

DEMO_PASSWORD = "demo"  # noqa: S105 - printed to the user on purpose; demo data only
DEMO_USERS: dict[str, tuple[str, list[str]]] = {
    "admin": ("Quản trị hệ thống", ["administrator"]),
    "secretary": ("Nguyễn Thị Thu Hà — Thư ký", ["secretary"]),
    "chair": ("Trần Văn Minh — Chủ tọa", ["chair", "delegate"]),
    "delegate1": ("Lê Quốc Bảo", ["delegate"]),
    "delegate2": ("Phạm Thị Ngọc Ánh", ["delegate"]),
    "delegate3": ("Hoàng Đức Thắng", ["delegate"]),
    "delegate4": ("Võ Thị Hồng Nhung", ["delegate"]),
    "delegate5": ("Đặng Văn Lộc", ["delegate"]),
}
DEMO_MEETING_ID = uuid.uuid5(uuid.NAMESPACE_URL, "ecabinet:demo-meeting").hex


def _ensure_users(state: ServerState) -> dict[str, str]:
    ids: dict[str, str] = {}
    with state.db.session() as session:
        for username, (full_name, roles) in DEMO_USERS.items():
            user = session.scalar(select(User).where(User.username == username))
            if user is None:
                user = accounts.create_user(
                    session=session,
                    passwords=state.passwords,
                    username=username,
                    password=DEMO_PASSWORD,
                    roles=roles,
                    full_name=full_name,
                    actor="demo-seed",
                )
            ids[username] = user.id
    return ids


def seed_demo(state: ServerState) -> str:
    """Create the demo users and publish the sample meeting once; returns the meeting id."""
    ids = _ensure_users(state)
    with state.db.session() as session:
        if session.get(Meeting, DEMO_MEETING_ID) is not None:
            return DEMO_MEETING_ID
    secretary = ids["secretary"]
    starts = (datetime.now(UTC) + timedelta(days=7)).replace(
        hour=1, minute=30, second=0, microsecond=0
    )
    facts = schemas.MeetingIn(
        title="Phiên họp thường kỳ tháng 12/2026 của UBND tỉnh — "
        "Provincial People's Committee, regular session, December 2026",
        starts_at=starts,
        location="Phòng họp số 1, Trụ sở UBND tỉnh — Meeting room 1, Provincial Committee",
        video_url="https://meet.example.org/ubnd-tinh-2026-12",
        bridge_sites=["Điểm cầu huyện Hòa Vang", "Điểm cầu thị xã Điện Bàn"],
        participants=[
            schemas.ParticipantIn(user_id=ids[name], role=role)
            for name, role in (
                ("secretary", "secretary"),
                ("chair", "chair"),
                ("delegate1", "delegate"),
                ("delegate2", "delegate"),
                ("delegate3", "delegate"),
                ("delegate4", "delegate"),
                ("delegate5", "delegate"),
            )
        ],
    )
    documents = {doc.key: doc for doc in build_sample_documents()}
    with state.db.session() as session:
        meeting = meetings.create_meeting(
            session=session, data=facts, actor=secretary, meeting_id=DEMO_MEETING_ID
        )
        pages_of = {}
        for doc in documents.values():
            with state.blobs.incoming(len(doc.data)) as blob:
                blob.write(doc.data)
                blob.finish()
                sha = blob.commit()
            pages = count_pdf_pages(state.blobs.path_for(sha))
            pages_of[doc.key] = (sha, pages)
            session.add(
                MeetingDocument(
                    meeting_id=meeting.id,
                    sha256=sha,
                    title=doc.title,
                    filename=doc.filename,
                    size=len(doc.data),
                    pages=pages,
                    uploaded_by=secretary,
                )
            )
        session.flush()
        cleared = [ids[n] for n in ("chair", "delegate1", "delegate2", "delegate3", "delegate4")]
        agenda = schemas.AgendaIn(
            items=[
                schemas.AgendaItemIn(
                    title="Khai mạc, thông qua chương trình phiên họp — "
                    "Opening and adoption of the programme",
                    presenter="Chủ tịch UBND tỉnh",
                    duration_min=10,
                    documents=[pages_of["agenda-notes"][0]],
                ),
                schemas.AgendaItemIn(
                    title="Tình hình kinh tế - xã hội và ngân sách — Economy, society and budget",
                    presenter="Sở Tài chính; Sở Kế hoạch và Đầu tư",
                    duration_min=90,
                    children=[
                        schemas.AgendaItemIn(
                            title="Báo cáo thực hiện dự toán ngân sách nhà nước năm 2026 — "
                            "State budget execution report 2026",
                            presenter="Giám đốc Sở Tài chính",
                            duration_min=45,
                            documents=[pages_of["budget"][0]],
                        ),
                        schemas.AgendaItemIn(
                            title="Kế hoạch phát triển kinh tế - xã hội năm 2027 — "
                            "Socio-economic development plan 2027",
                            presenter="Giám đốc Sở Kế hoạch và Đầu tư",
                            duration_min=45,
                            documents=[pages_of["plan"][0]],
                        ),
                    ],
                ),
                schemas.AgendaItemIn(
                    title="Tờ trình về công tác cán bộ (MẬT) — Personnel proposal (confidential)",
                    presenter="Giám đốc Sở Nội vụ",
                    duration_min=30,
                    documents=[pages_of["personnel"][0]],
                    confidential=True,
                    cleared=cleared,
                ),
            ]
        )
        meetings.set_agenda(session=session, meeting=meeting, agenda=agenda, actor=secretary)
        publishing.publish_packet(
            session=session,
            meeting=meeting,
            actor=secretary,
            note="Phát hành tài liệu phiên họp — First issue of the meeting packet",
        )
    return DEMO_MEETING_ID
