"""Document upload: streamed, validated, stored by hash, registered to the meeting."""

from __future__ import annotations

from pathlib import PurePath
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from ecabinet.server import accounts, meetings
from ecabinet.server.audit import append_audit
from ecabinet.server.deps import BearerDep, CallerDep, PathId, SessionDep, StateDep, bearer_token
from ecabinet.server.errors import ApiError
from ecabinet.server.models import MeetingDocument
from ecabinet.server.pdfcheck import PdfProblem, count_pdf_pages
from ecabinet.server.schemas import DocumentOut, UploadResult
from ecabinet.server.uploads import ReceivedUpload, receive_upload
from ecabinet.sqlkit import utcnow

router = APIRouter(tags=["documents"])

# Multipart framing and the title field on top of the document itself.
MULTIPART_OVERHEAD = 64 * 1024

_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "title": {"type": "string", "maxLength": 500},
                    },
                }
            }
        },
    }
}


def _secretary_of(meeting_id: PathId, credentials: BearerDep, state: StateDep) -> str:
    # Runs before the body is read, so nobody else can push 200 MB at the server; its own
    # short session, so no pooled connection is held while the upload streams in.
    with state.db.sessions() as session:
        user, _device, _hash = accounts.authenticate(
            session=session, token=bearer_token(credentials)
        )
        meetings.meeting_as_secretary(session=session, meeting_id=meeting_id, user_id=user.id)
        return user.id


def _register(
    session: Session,
    state: StateDep,
    meeting_id: str,
    actor: str,
    upload: ReceivedUpload,
    pages: int,
) -> UploadResult:
    filename = PurePath(upload.filename.replace("\\", "/")).name[:500]
    title = (
        (upload.fields.get("title") or "").strip()[:500] or PurePath(filename).stem or "Document"
    )
    # The audit append comes first: it takes the write lock, so of two uploads of the same
    # bytes at once the second sees the first's row instead of colliding with it.
    append_audit(
        session=session,
        action="document_uploaded",
        actor=actor,
        subject=meeting_id,
        details={"sha256": upload.sha256, "size": upload.blob.size, "pages": pages, "title": title},
    )
    existing = session.get(MeetingDocument, (meeting_id, upload.sha256))
    if existing is None:
        session.add(
            MeetingDocument(
                meeting_id=meeting_id,
                sha256=upload.sha256,
                title=title,
                filename=filename,
                size=upload.blob.size,
                pages=pages,
                uploaded_by=actor,
                uploaded_at=utcnow(),
            )
        )
    else:
        existing.title = title
    session.flush()
    # Bytes first, then the row that points at them.  A blob left without a row (the commit
    # failed) is harmless and is named by its hash; a row without its blob would not be.
    upload.blob.commit()
    session.commit()
    return UploadResult(sha256=upload.sha256, pages=pages, size=upload.blob.size, title=title)


@router.post(
    "/meetings/{meeting_id}/documents",
    status_code=201,
    openapi_extra=_UPLOAD_BODY,
    responses={400: {}, 401: {}, 403: {}, 404: {}, 413: {}, 415: {}, 422: {}},
)
async def upload_document(
    meeting_id: PathId,
    request: Request,
    state: StateDep,
    actor: Annotated[str, Depends(_secretary_of)],
) -> UploadResult:
    """Upload a PDF (multipart field ``file``, optional ``title``); it is checked first."""
    limit = state.settings.max_upload_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit + MULTIPART_OVERHEAD:
        raise ApiError(413, "too_large", f"The document is larger than {limit // 2**20} MB.")
    upload = await receive_upload(request, state.blobs, limit)
    with upload.blob:
        if "\x00" in upload.filename or any("\x00" in v for v in upload.fields.values()):
            raise ApiError(422, "invalid_request", "The file name or title holds a NUL character.")
        try:
            pages = await run_in_threadpool(count_pdf_pages, upload.blob.path)
        except PdfProblem as problem:
            raise ApiError(422, problem.code, problem.message) from problem

        def register() -> UploadResult:
            with state.db.sessions() as session:
                return _register(session, state, meeting_id, actor, upload, pages)

        return await run_in_threadpool(register)


@router.get("/meetings/{meeting_id}/documents", responses={401: {}, 403: {}, 404: {}})
def list_documents(meeting_id: PathId, caller: CallerDep, session: SessionDep) -> list[DocumentOut]:
    """Documents uploaded to the meeting's draft (secretaries only)."""
    meetings.meeting_as_secretary(session=session, meeting_id=meeting_id, user_id=caller.id)
    rows = session.scalars(
        select(MeetingDocument)
        .where(MeetingDocument.meeting_id == meeting_id)
        .order_by(MeetingDocument.uploaded_at)
    )
    return [
        DocumentOut(
            sha256=d.sha256,
            title=d.title,
            filename=d.filename,
            size=d.size,
            pages=d.pages,
            uploaded_at=d.uploaded_at,
        )
        for d in rows
    ]
