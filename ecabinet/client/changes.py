"""What changed between two packet versions, as a delegate sees it.

A delegate who read version 3 and finds version 5 on the device wants to know what to read
again: which agenda items came, went or moved, which documents were replaced (with the
secretary's note), and in a replaced document, which pages' words changed.

Everything here works on manifests and page texts alone (no database, no MuPDF), so it is
tested with plain data and runs on any thread; :mod:`ecabinet.client.profile` supplies the
manifests and :mod:`ecabinet.client.pagetext` the texts.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, pairwise
from typing import Any, Literal

__all__ = [
    "ChangeSummary",
    "DocumentChange",
    "ItemChange",
    "PageDiff",
    "page_diffs",
    "replacements",
    "summarize",
]

ItemKind = Literal["added", "removed", "moved", "renamed"]
DocumentKind = Literal["added", "removed", "replaced"]
PageKind = Literal["changed", "inserted", "removed"]
RunKind = Literal["same", "removed", "inserted"]

# Words of unchanged text kept either side of a change in :attr:`PageDiff.runs`.
CONTEXT_WORDS = 8
# Below this many words (both sides together), difflib's matcher is used directly; above,
# runs of words found once on each side anchor the alignment first (patience diff), which keeps a
# 500-page revision well under a second.
SMALL_DIFF = 4000
ANCHOR = 3  # words in a run that anchors the alignment (the code packs three in an int)

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class ItemChange:
    """An agenda item that came, went, moved (another parent or place) or got a new title.

    ``number`` is the item's number in the new version (in the old one if removed).
    """

    kind: ItemKind
    item_id: str
    title: str
    number: str
    old_number: str | None
    old_title: str | None = None


@dataclass(frozen=True)
class DocumentChange:
    """A document that came, went or was replaced; ``item_title`` is where it is listed.

    ``old_title``: a replaced document's former title, when the new one is titled otherwise.
    """

    kind: DocumentKind
    title: str
    item_title: str
    old_sha256: str | None
    new_sha256: str | None
    old_title: str | None = None


@dataclass(frozen=True)
class PageDiff:
    """The changed words of one page (pages count from 0).

    ``removed`` and ``inserted`` are the words taken out and put in.  ``runs`` is the page's
    text around the changes, in reading order, for showing them in place: unchanged
    stretches are cut to a few words either side (``"…"`` marks a cut).
    """

    new_page: int | None
    old_page: int | None
    kind: PageKind
    removed: list[str]
    inserted: list[str]
    runs: list[tuple[RunKind, str]] = field(default_factory=list)


@dataclass(frozen=True)
class ChangeSummary:
    """The changes from ``old_version`` (the one last opened) to ``new_version``."""

    meeting_id: str
    old_version: int
    new_version: int
    note: str
    items: list[ItemChange]
    documents: list[DocumentChange]

    @property
    def empty(self) -> bool:
        return not self.items and not self.documents


# --- agenda and documents ------------------------------------------------------------------


@dataclass(frozen=True)
class _Placed:
    item: Mapping[str, Any]
    parent: str | None
    position: int


def _walk(
    agenda: Sequence[Mapping[str, Any]], parent: str | None = None
) -> Iterator[tuple[Mapping[str, Any], str | None, int]]:
    for position, item in enumerate(agenda):
        yield item, parent, position
        yield from _walk(item.get("children") or [], str(item["id"]))


def _items(manifest: Mapping[str, Any]) -> dict[str, _Placed]:
    return {
        str(item["id"]): _Placed(item, parent, position)
        for item, parent, position in _walk(manifest.get("agenda") or [])
    }


def replacements(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, str]:
    """Old document → the document that took its place in the same agenda item.

    Within an item, a document that left is paired with one that arrived under the same
    title, else in the order they are listed.  (Notes follow these pairs, and the change
    summary calls them replaced: one rule for both.)
    """
    old_docs, new_docs = old["documents"], new["documents"]
    new_items = {key: list(p.item.get("documents") or []) for key, p in _items(new).items()}
    pairs: dict[str, str] = {}
    for key, placed in _items(old).items():
        gone = [d for d in placed.item.get("documents") or [] if d not in new_docs]
        came = [d for d in new_items.get(key, []) if d not in old_docs]
        for sha in list(gone):
            title = old_docs[sha].get("title")
            same = next((c for c in came if new_docs[c].get("title") == title), None)
            if same is not None:
                pairs[sha] = same
                gone.remove(sha)
                came.remove(same)
        pairs.update(zip(gone, came, strict=False))
    return pairs


def _moved(old: dict[str, _Placed], new: dict[str, _Placed]) -> set[str]:
    """Items that changed parent, or whose order among the siblings kept from before changed.

    An item renumbered only because another came or went before it has not moved; among
    siblings that kept their parent, those outside the longest run still in the old order
    are the ones that moved (swapping two items moves one of them).
    """
    moved = {key for key in new if key in old and old[key].parent != new[key].parent}
    by_parent: dict[str | None, list[str]] = {}
    for key, placed in sorted(new.items(), key=lambda kv: kv[1].position):
        if key in old and key not in moved:
            by_parent.setdefault(placed.parent, []).append(key)
    for keys in by_parent.values():
        kept = _increasing([old[k].position for k in keys])
        moved.update(k for i, k in enumerate(keys) if i not in kept)
    return moved


def _increasing(values: Sequence[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence of ``values``."""
    tails: list[int] = []  # value ending the best run of each length
    ends: list[int] = []  # index of that value
    before: list[int] = []
    for index, value in enumerate(values):
        at = bisect_left(tails, value)
        before.append(ends[at - 1] if at else -1)
        if at == len(tails):
            tails.append(value)
            ends.append(index)
        else:
            tails[at], ends[at] = value, index
    chosen: set[int] = set()
    index = ends[-1] if ends else -1
    while index >= 0:
        chosen.add(index)
        index = before[index]
    return chosen


def summarize(old_manifest: Mapping[str, Any], new_manifest: Mapping[str, Any]) -> ChangeSummary:
    """What changed from ``old_manifest`` to ``new_manifest`` (two versions of one meeting)."""
    old, new = _items(old_manifest), _items(new_manifest)
    moved = _moved(old, new)
    items: list[ItemChange] = []
    for key, placed in sorted(new.items(), key=lambda kv: _order(kv[1].item)):
        title, number = str(placed.item.get("title", "")), str(placed.item.get("number", ""))
        before = old.get(key)
        if before is None:
            items.append(ItemChange("added", key, title, number, None))
            continue
        old_title = str(before.item.get("title", ""))
        old_number = str(before.item.get("number", ""))
        if key in moved:
            items.append(ItemChange("moved", key, title, number, old_number))
        if old_title != title:
            items.append(ItemChange("renamed", key, title, number, old_number, old_title))
    for key, placed in sorted(old.items(), key=lambda kv: _order(kv[1].item)):
        if key not in new:
            title, number = str(placed.item.get("title", "")), str(placed.item.get("number", ""))
            items.append(ItemChange("removed", key, title, number, number))
    return ChangeSummary(
        meeting_id=str(new_manifest["meeting"]["id"]),
        old_version=int(old_manifest["packet_version"]),
        new_version=int(new_manifest["packet_version"]),
        note=str(new_manifest.get("note") or ""),
        items=items,
        documents=_documents(old_manifest, new_manifest, old, new),
    )


def _order(item: Mapping[str, Any]) -> tuple[int, ...]:
    """Agenda order from the item's number ("2.10" after "2.9"); unnumbered ones last."""
    parts = str(item.get("number", "")).split(".")
    return tuple(int(p) if p.isdigit() else 1 << 30 for p in parts)


def _documents(
    old_manifest: Mapping[str, Any],
    new_manifest: Mapping[str, Any],
    old: dict[str, _Placed],
    new: dict[str, _Placed],
) -> list[DocumentChange]:
    old_docs, new_docs = old_manifest["documents"], new_manifest["documents"]

    def where(items: dict[str, _Placed], sha: str) -> str:
        for placed in sorted(items.values(), key=lambda p: _order(p.item)):
            if sha in (placed.item.get("documents") or []):
                return str(placed.item.get("title", ""))
        return ""

    def title(docs: Mapping[str, Any], sha: str) -> str:
        return str(docs[sha].get("title") or sha[:12])

    pairs = replacements(old_manifest, new_manifest)
    arrived = set(pairs.values())
    changes = [
        DocumentChange(
            "replaced",
            title(new_docs, n),
            where(new, n),
            o,
            n,
            title(old_docs, o) if title(old_docs, o) != title(new_docs, n) else None,
        )
        for o, n in pairs.items()
    ]
    changes += [
        DocumentChange("added", title(new_docs, sha), where(new, sha), None, sha)
        for sha in new_docs
        if sha not in old_docs and sha not in arrived
    ]
    changes += [
        DocumentChange("removed", title(old_docs, sha), where(old, sha), sha, None)
        for sha in old_docs
        if sha not in new_docs and sha not in pairs
    ]
    return changes


# --- pages and words -----------------------------------------------------------------------

Opcode = tuple[str, int, int, int, int]


def page_diffs(old_pages: Sequence[str], new_pages: Sequence[str]) -> list[PageDiff]:
    """The pages whose words changed from ``old_pages`` to ``new_pages`` (one text a page).

    Pages are aligned first (identical pages match wherever they moved to, so an inserted
    or removed page shifts nothing); each stretch of pages that differ is then compared word
    by word as one text, so a sentence pushed onto the next page is not a change, while the
    words that really changed are reported on the page of the new version that shows them
    (words taken out, on the page where they were).  A page only in the new version is
    ``inserted``; one only in the old version, ``removed``.
    """
    matcher = difflib.SequenceMatcher(None, list(old_pages), list(new_pages), autojunk=False)
    result: list[PageDiff] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "insert":
            result += [_whole(j, None, "inserted", new_pages[j]) for j in range(j1, j2)]
        elif tag == "delete":
            result += [_whole(None, i, "removed", old_pages[i]) for i in range(i1, i2)]
        else:
            result += _stretch(old_pages, new_pages, i1, i2, j1, j2)
    return result


def _whole(new_page: int | None, old_page: int | None, kind: PageKind, text: str) -> PageDiff:
    words = _WORD.findall(text)
    run: RunKind = "inserted" if kind == "inserted" else "removed"
    removed, inserted = ([], words) if kind == "inserted" else (words, [])
    return PageDiff(new_page, old_page, kind, removed, inserted, [(run, " ".join(words))])


@dataclass
class _Page:
    """What the word diff found on one page of a stretch.

    ``runs`` holds the page's words in reading order as (kind, words, old page); taken-out
    words are placed where they were taken from.
    """

    inserted: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    same: Counter[int] = field(default_factory=Counter)  # old page → words kept from it
    runs: list[tuple[RunKind, list[str], int]] = field(default_factory=list)
    place: tuple[int, int] = (0, 0)  # where a page removed as a whole is listed


def _stretch(
    old_pages: Sequence[str], new_pages: Sequence[str], i1: int, i2: int, j1: int, j2: int
) -> list[PageDiff]:
    old_words, old_at = _words(old_pages, i1, i2)
    new_words, new_at = _words(new_pages, j1, j2)
    new_info = {j: _Page() for j in range(j1, j2)}
    old_info = {i: _Page() for i in range(i1, i2)}

    # Words as numbers: they hash and compare faster.
    codes = {w: n for n, w in enumerate(dict.fromkeys(chain(old_words, new_words)))}
    old_codes = list(map(codes.__getitem__, old_words))
    new_codes = list(map(codes.__getitem__, new_words))
    for tag, a1, a2, b1, b2 in _diff(old_codes, new_codes):
        if tag == "equal":
            for page, lo, hi in _spread(new_at, j1, b1, b2):
                words = new_words[lo:hi]
                new_info[page].runs.append(("same", words, -1))
                new_info[page].same[_page_of(old_at, i1, a1 + lo - b1)] += len(words)
            for page, lo, hi in _spread(old_at, i1, a1, a2):
                old_info[page].same[page] += hi - lo
            continue
        if a2 > a1:
            # Taken-out words show on the new page at the place they were taken from.
            after = b1 < len(new_words)
            anchor = b1 if after else len(new_words) - 1
            target = _page_of(new_at, j1, anchor) if new_words else j1
            for page, lo, hi in _spread(old_at, i1, a1, a2):
                words = old_words[lo:hi]
                old_info[page].removed.extend(words)
                old_info[page].place = (target, -1 if after else 1)
                new_info[target].runs.append(("removed", words, page))
        for page, lo, hi in _spread(new_at, j1, b1, b2):
            new_info[page].inserted.extend(new_words[lo:hi])
            new_info[page].runs.append(("inserted", new_words[lo:hi], -1))

    gone = {i for i, info in old_info.items() if info.removed and not info.same}
    keyed: list[tuple[tuple[int, int], PageDiff]] = []
    for j, info in new_info.items():
        runs = [(k, w, o) for k, w, o in info.runs if k != "removed" or o not in gone]
        removed = [word for k, w, _ in runs if k == "removed" for word in w]
        if info.inserted and not info.same and not removed:
            keyed.append(((j, 0), _whole(j, None, "inserted", new_pages[j])))
        elif info.inserted or removed:
            old_page = info.same.most_common(1)[0][0] if info.same else None
            diff = PageDiff(j, old_page, "changed", removed, info.inserted, _context(runs))
            keyed.append(((j, 0), diff))
    for i in gone:
        keyed.append((old_info[i].place, _whole(None, i, "removed", old_pages[i])))
    keyed.sort(key=lambda pair: (pair[0], pair[1].old_page or 0))
    return [diff for _, diff in keyed]


def _page_of(starts: list[int], first: int, position: int) -> int:
    """The page (numbered from ``first``) of word ``position``, given where pages start."""
    return first + max(bisect_right(starts, position) - 1, 0)


def _spread(starts: list[int], first: int, lo: int, hi: int) -> Iterator[tuple[int, int, int]]:
    """Words ``lo:hi`` cut at page boundaries: (page, lo, hi) for each piece."""
    while lo < hi:
        index = _page_of(starts, first, lo) - first  # pages without words are skipped
        end = min(hi, starts[index + 1]) if index + 1 < len(starts) else hi
        yield first + index, lo, end
        lo = end


def _words(pages: Sequence[str], first: int, last: int) -> tuple[list[str], list[int]]:
    """The words of pages ``first:last`` as one list, and where each page's words start."""
    words: list[str] = []
    starts: list[int] = []
    for page in range(first, last):
        starts.append(len(words))
        words.extend(_WORD.findall(pages[page]))
    return words, starts


def _context(runs: list[tuple[RunKind, list[str], int]]) -> list[tuple[RunKind, str]]:
    """Runs as text, adjacent ones of a kind joined, unchanged stretches cut to
    :data:`CONTEXT_WORDS` words either side of a change."""
    joined: list[tuple[RunKind, list[str]]] = []
    for kind, words, _ in runs:
        if joined and joined[-1][0] == kind:
            joined[-1][1].extend(words)
        elif words:
            joined.append((kind, list(words)))
    out: list[tuple[RunKind, str]] = []
    for number, (kind, words) in enumerate(joined):
        if kind != "same":
            out.append((kind, " ".join(words)))
            continue
        first, last = number == 0, number == len(joined) - 1
        if first and len(words) > CONTEXT_WORDS:
            words = ["…", *words[-CONTEXT_WORDS:]]
        elif last and len(words) > CONTEXT_WORDS:
            words = [*words[:CONTEXT_WORDS], "…"]
        elif len(words) > 2 * CONTEXT_WORDS:
            words = [*words[:CONTEXT_WORDS], "…", *words[-CONTEXT_WORDS:]]
        out.append(("same", " ".join(words)))
    return out


def _diff(a: Sequence[int], b: Sequence[int]) -> list[Opcode]:
    """Word opcodes like difflib's (``equal``, ``replace``, ``delete``, ``insert``)."""
    ops: list[Opcode] = []
    _diff_into(a, b, 0, len(a), 0, len(b), ops)
    merged: list[Opcode] = []
    for op in ops:
        if op[1] == op[2] and op[3] == op[4]:
            continue
        if merged and (merged[-1][0] == "equal") == (op[0] == "equal"):
            tag, a1, _, b1, _ = merged[-1]
            merged[-1] = ("equal" if tag == "equal" else "replace", a1, op[2], b1, op[4])
        else:
            merged.append(op)
    return [_retag(op) for op in merged]


def _retag(op: Opcode) -> Opcode:
    tag, a1, a2, b1, b2 = op
    if tag == "equal":
        return op
    if a1 == a2:
        return ("insert", a1, a2, b1, b2)
    if b1 == b2:
        return ("delete", a1, a2, b1, b2)
    return ("replace", a1, a2, b1, b2)


def _diff_into(
    a: Sequence[int], b: Sequence[int], a1: int, a2: int, b1: int, b2: int, ops: list[Opcode]
) -> None:
    """Patience diff: runs of words found exactly once on each side anchor the alignment,
    and the gaps between anchors are compared again; small gaps go to difflib."""
    start_a, start_b = a1, b1
    while a1 < a2 and b1 < b2 and a[a1] == b[b1]:
        a1, b1 = a1 + 1, b1 + 1
    ops.append(("equal", start_a, a1, start_b, b1))
    end_a, end_b = a2, b2
    while a2 > a1 and b2 > b1 and a[a2 - 1] == b[b2 - 1]:
        a2, b2 = a2 - 1, b2 - 1
    if a1 == a2 or b1 == b2 or set(a[a1:a2]).isdisjoint(b[b1:b2]):
        ops.append(("replace", a1, a2, b1, b2))
    elif (a2 - a1) + (b2 - b1) <= SMALL_DIFF:
        matcher = difflib.SequenceMatcher(None, a[a1:a2], b[b1:b2], autojunk=False)
        for tag, x1, x2, y1, y2 in matcher.get_opcodes():
            ops.append((tag, a1 + x1, a1 + x2, b1 + y1, b1 + y2))
    else:
        anchors = _anchors(a, b, a1, a2, b1, b2)
        if not anchors:
            # Nothing holds the two together (a page rewritten through): one replacement,
            # rather than a search that could take minutes.
            ops.append(("replace", a1, a2, b1, b2))
        else:
            x, y = a1, b1
            for i, j in anchors:
                if i > x or j > y:  # most anchors follow on from the last: nothing between
                    _diff_into(a, b, x, i, y, j, ops)
                ops.append(("equal", i, i + ANCHOR, j, j + ANCHOR))
                x, y = i + ANCHOR, j + ANCHOR
            _diff_into(a, b, x, a2, y, b2, ops)
    ops.append(("equal", a2, end_a, b2, end_b))


def _anchors(
    a: Sequence[int], b: Sequence[int], a1: int, a2: int, b1: int, b2: int
) -> list[tuple[int, int]]:
    """Where runs of :data:`ANCHOR` words found once in each range start, in an order both
    keep and not overlapping.  Runs of words are far more often unique than single words
    (a report says "ngân sách" on every page, but rarely the same three words twice).

    Texts that share only a few runs by chance are not aligned at all (no anchors): that
    would cost time and find nothing worth showing.
    """
    grams_a = [(x << 42) | (y << 21) | z for x, y, z in zip(*_shifted(a, a1, a2), strict=False)]
    grams_b = [(x << 42) | (y << 21) | z for x, y, z in zip(*_shifted(b, b1, b2), strict=False)]
    count_a, count_b = Counter(grams_a), Counter(grams_b)
    where_b = dict(zip(grams_b, range(b1, b2), strict=False))  # right for the unique ones
    pairs = [
        (a1 + n, where_b[g])
        for n, g in enumerate(grams_a)
        if count_a[g] == 1 and count_b.get(g) == 1
    ]
    if len(pairs) * ANCHOR * 20 < min(a2 - a1, b2 - b1):
        return []
    ends = [j for _, j in pairs]
    if any(x >= y for x, y in pairwise(ends)):  # text moved about
        kept = _increasing(ends)
        pairs = [pair for n, pair in enumerate(pairs) if n in kept]
    anchors: list[tuple[int, int]] = []
    for i, j in pairs:
        if not anchors or (i >= anchors[-1][0] + ANCHOR and j >= anchors[-1][1] + ANCHOR):
            anchors.append((i, j))
    return anchors


def _shifted(words: Sequence[int], lo: int, hi: int) -> list[Sequence[int]]:
    return [words[lo + k : hi] for k in range(ANCHOR)]
