"""Page rendering, text extraction and search for the document viewer, in a worker process.

MuPDF (PyMuPDF) keeps Python's GIL for the whole of a render: a 360 ms render of a dense page
would freeze the GUI thread for 350 ms.  So the viewer talks to a :class:`RenderService`, whose
methods only queue a message and return; a worker process (started with ``spawn``) opens the
documents from their bytes, renders pages into RGB pixels, extracts words and searches, most
urgent first; the results come back through a callback on a background thread, and rendered
pages also go into a cache bounded in bytes.

Modules: ``results`` (what comes back), ``service`` (the app side), ``cache`` (the page
cache), ``link`` (one worker process and its threads), ``protocol`` (the messages between
them), ``worker`` (the process side, the only one importing ``pymupdf``).

Typical use from the Qt side::

    service = RenderService(bridge.result_ready.emit)  # re-emitted on the GUI thread
    service.open_document("doc-1", vault.read(sha256))
    rid = service.render("doc-1", 0, zoom * dpr, priority=0)
    ...
    service.close()
"""

from ecabinet.client.render.results import (
    Box,
    DocumentInfo,
    FailureReason,
    PageInfo,
    PageText,
    RenderedPage,
    RequestFailed,
    Result,
    SearchHits,
    Word,
)
from ecabinet.client.render.service import MAX_SCALE, RenderService

__all__ = [
    "MAX_SCALE",
    "Box",
    "DocumentInfo",
    "FailureReason",
    "PageInfo",
    "PageText",
    "RenderService",
    "RenderedPage",
    "RequestFailed",
    "Result",
    "SearchHits",
    "Word",
]
