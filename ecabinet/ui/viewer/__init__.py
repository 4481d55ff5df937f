"""The document reader of the desktop app.

:class:`DocumentView` shows one PDF: continuous scrolling, zoom, thumbnails, find, text
selection and copy.  Every page is rendered by the render service's worker process (see
``ecabinet.client.render``), through the app's one :class:`RenderHub`; nothing here imports
MuPDF, and the GUI thread never waits on a render.

Modules: ``hub`` (the service, its results as Qt signals), ``loader`` (one document's
requests, cancellations and pixmaps), ``layout`` (page layout arithmetic, Qt-free),
``selection`` (text selection and search hits, Qt-free), ``scroller`` (what the canvas and
the thumbnails share), ``pageview`` (the page canvas), ``thumbnails``, ``findbar``,
``painting`` (drawing a page) and ``documentview`` (the whole reader).
"""

from ecabinet.ui.viewer.documentview import DocumentView
from ecabinet.ui.viewer.hub import RenderHub

__all__ = ["DocumentView", "RenderHub"]
