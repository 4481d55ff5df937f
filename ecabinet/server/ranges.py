"""HTTP ``Range`` parsing (RFC 9110 §14), limited to what resumable downloads need.

One byte range is honoured; several ranges in one request are answered with the whole
document, which the RFC allows and which no client of ours asks for.
"""

from __future__ import annotations

import re

# At most 18 digits: beyond any file, and far from int()'s limit on huge strings.
_SINGLE = re.compile(r"^bytes=(\d{0,18})-(\d{0,18})$")


class RangeNotSatisfiable(Exception):
    """The range lies wholly outside the document (answer 416)."""


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """Return the inclusive ``(first, last)`` byte positions asked for, or ``None`` for all.

    A header that is not a single well-formed byte range is ignored, as RFC 9110 allows.

    Raises:
        RangeNotSatisfiable: the range starts at or past the end of the document.
    """
    if not header:
        return None
    match = _SINGLE.match(header.strip())
    if match is None:
        return None
    first_text, last_text = match.groups()
    if not first_text:
        if not last_text:
            return None
        suffix = int(last_text)
        if suffix == 0:
            raise RangeNotSatisfiable
        return max(size - suffix, 0), size - 1
    first = int(first_text)
    last = int(last_text) if last_text else size - 1
    if last_text and last < first:
        return None
    if first >= size:
        raise RangeNotSatisfiable
    return first, min(last, size - 1)
