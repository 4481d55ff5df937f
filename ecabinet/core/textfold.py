"""Vietnamese-aware text matching: folding, query parsing, word matching and snippets.

Vietnamese users often type without diacritics (``hop khong giay`` for *họp không giấy*),
so search compares *folded* words: NFC-normalised, case-folded, every combining mark removed
(letters with two marks such as ệ, ấ, ở included) and ``đ/Đ`` turned into ``d`` by hand — it
is a letter of its own with no Unicode decomposition, so removing marks leaves it alone.

Folding merges distinct words (*thể / thế → the*), so the exact form — NFC and case-folded,
marks kept — is compared too: an exact match ranks above a folded one, and the exact mode
accepts only exact matches.

The same rules serve the offline index (SQLite FTS5 with ``remove_diacritics 2``; the ``đ``
fold is applied to the text before FTS5 sees it), the snippets of search results and the
reader's find, so that what the index finds is also what the reader highlights.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "MAX_TERMS",
    "Query",
    "Snippet",
    "exact_form",
    "fold",
    "make_snippet",
    "parse_query",
    "phrase_query",
    "tokens",
]

# A word as FTS5's unicode61 tokenizer sees one: letters and digits (underscore excluded).
_WORD = re.compile(r"[^\W_]+")
# Between the words of a phrase: anything that is not a letter or a digit.
_GAP = r"[\W_]+"
_AFTER = r"(?![^\W_])"
# A query longer than this is cut: nobody types more, and each term costs the index a lookup.
MAX_TERMS = 32


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The folded form of ``word``: lower case, no diacritics, ``đ`` as ``d``.

    Only Latin letters lose their marks, as FTS5's ``remove_diacritics`` does: in other
    scripts a mark can make another letter (Cyrillic й is not и).
    """
    return "".join(_fold_letter(ch) for ch in unicodedata.normalize("NFC", word))


@lru_cache(maxsize=4096)
def _fold_letter(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    if ch.isascii() or not unicodedata.name(ch, "").startswith("LATIN"):
        return ch.lower()
    decomposed = unicodedata.normalize("NFD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=65536)
def exact_form(word: str) -> str:
    """The form compared in exact mode: NFC and lower case, every mark kept."""
    return unicodedata.normalize("NFC", word).lower()


def tokens(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the words of ``text``."""
    return [match.span() for match in _WORD.finditer(text)]


@dataclass(frozen=True, slots=True)
class Query:
    """What a person asked for, parsed.

    Attributes:
        groups: phrases, each a tuple of NFC words; a bare word is a phrase of one.  A page
            matches when every phrase occurs on it.
        prefix: the last word of the last phrase also matches as a prefix (results appear
            while the word is still being typed).
    """

    groups: tuple[tuple[str, ...], ...]
    prefix: bool

    @property
    def empty(self) -> bool:
        return not self.groups

    def fts(self, *, exact: bool) -> str:
        """The FTS5 MATCH expression: folded words for the folded index, NFC for the exact one.

        Every word is quoted, so nothing a person types is read as FTS5 syntax.
        """
        parts = []
        for number, group in enumerate(self.groups):
            words = [exact_form(w) if exact else fold(w) for w in group]
            part = '"' + " ".join(words) + '"'
            if self.prefix and number == len(self.groups) - 1:
                part += " *"
            parts.append(part)
        return " ".join(parts)

    def spans(self, words: Sequence[str], *, exact: bool) -> list[tuple[int, int]]:
        """Where the query's phrases occur in ``words``: ``(first, last + 1)`` word indices.

        Each phrase is found on its own (a page matches a query of two phrases anywhere on
        it); overlapping occurrences are all reported, in order.
        """
        key = exact_form if exact else fold
        keys = [key(word) for word in words]
        found: list[tuple[int, int]] = []
        last_group = len(self.groups) - 1
        for number, group in enumerate(self.groups):
            wanted = [key(word) for word in group]
            open_end = self.prefix and number == last_group
            size = len(wanted)
            for start in range(len(keys) - size + 1):
                if _matches(keys, start, wanted, open_end):
                    found.append((start, start + size))
        found.sort()
        return found

    def pattern(self, *, exact: bool) -> re.Pattern[str]:
        """A regular expression finding the query's phrases in NFC text, as :meth:`spans` would.

        Used for snippets: searching the page's own text with it costs far less than folding
        the page.  Folded, each letter matches every letter that folds to it (``d`` matches
        ``d, D, đ, Đ``; ``a`` matches ``à, ẩ, Ặ`` …).  A match must also start a word, which
        the pattern leaves to the caller (:func:`make_snippet` checks it).
        """
        return _pattern(self, exact)


@lru_cache(maxsize=256)
def _pattern(query: Query, exact: bool) -> re.Pattern[str]:
    last_group = len(query.groups) - 1
    alternatives = []
    for number, group in enumerate(query.groups):
        words = []
        for word in group:
            if exact:
                words.append("".join(_case_class(ch) for ch in exact_form(word)))
            else:
                words.append("".join(_letter_class(ch) for ch in fold(word)))
        open_end = query.prefix and number == last_group
        # A prefix is marked to the end of the word it starts.
        alternatives.append(_GAP.join(words) + (r"[^\W_]*" if open_end else _AFTER))
    # No IGNORECASE and no look-behind: the letter classes carry both cases, and where a
    # word starts is checked on the few candidates (see _starts_word), both much cheaper.
    return re.compile("|".join(alternatives) or "(?!)")


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """For each folded letter, every Latin letter that folds to it."""
    found: dict[str, set[str]] = {}
    for code in [*range(0x41, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(code)
        folded = fold(ch)
        if len(folded) == 1 and folded.isascii() and folded.isalnum():
            found.setdefault(folded, set()).update((ch, ch.lower(), ch.upper()))
    return {k: "".join(sorted(v)) for k, v in found.items()}


def _case_class(ch: str) -> str:
    upper = ch.upper()
    return f"[{re.escape(ch + upper)}]" if len(upper) == 1 and upper != ch else re.escape(ch)


def _starts_word(text: str, at: int) -> bool:
    return at == 0 or not (text[at - 1].isalnum())


def _letter_class(folded: str) -> str:
    variants = _variants().get(folded)
    return f"[{re.escape(variants)}]" if variants else re.escape(folded)


def _matches(keys: list[str], start: int, wanted: list[str], open_end: bool) -> bool:
    last = len(wanted) - 1
    for offset, word in enumerate(wanted):
        have = keys[start + offset]
        if offset == last and open_end:
            if not have.startswith(word):
                return False
        elif have != word:
            return False
    return True


def parse_query(text: str) -> Query:
    """Parse what was typed in the search field.

    Words are found anywhere on a page; ``"two words"`` in double quotes is a phrase (an
    unclosed quote runs to the end, as it does while the phrase is being typed).  The last
    word also matches as a prefix, unless the query ends with a closing quote or the word is
    a single letter.  Punctuation between words is ignored, as the index ignores it.
    """
    text = unicodedata.normalize("NFC", text)
    groups: list[tuple[str, ...]] = []
    closed_last = False
    for number, piece in enumerate(text.split('"')):
        words = _WORD.findall(piece)
        if not words:
            continue
        quoted = number % 2 == 1
        if quoted:
            groups.append(tuple(words))
        else:
            groups.extend((word,) for word in words)
        closed_last = quoted and number < text.count('"')
    groups = _limit(groups)
    return Query(tuple(groups), prefix=_may_be_prefix(groups) and not closed_last)


def phrase_query(text: str) -> Query:
    """``text`` as one phrase, its last word also a prefix: the reader's find."""
    words = _WORD.findall(unicodedata.normalize("NFC", text))[:MAX_TERMS]
    groups = [tuple(words)] if words else []
    return Query(tuple(groups), prefix=_may_be_prefix(groups))


def _may_be_prefix(groups: list[tuple[str, ...]]) -> bool:
    """Whether the last word may match as a prefix: a single letter matches only itself.

    Every page has words starting with any one letter: as a prefix it finds everything, and
    slowly.
    """
    return bool(groups) and len(groups[-1][-1]) > 1


def _limit(groups: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    kept: list[tuple[str, ...]] = []
    room = MAX_TERMS
    for group in groups:
        if room <= 0:
            break
        kept.append(group[:room])
        room -= len(group)
    return kept


@dataclass(frozen=True, slots=True)
class Snippet:
    """A short passage of a page around hits; ``marks`` are the hits' offsets in ``text``."""

    text: str
    marks: tuple[tuple[int, int], ...]

    def marked(self, before: str = "[", after: str = "]") -> str:
        """The snippet with each mark wrapped (``[`` and ``]`` by default, for a terminal)."""
        out = []
        at = 0
        for start, end in self.marks:
            out.append(self.text[at:start])
            out.append(before + self.text[start:end] + after)
            at = end
        out.append(self.text[at:])
        return "".join(out)


def make_snippet(
    text: str, query: Query, *, exact: bool, before: int = 60, width: int = 220
) -> Snippet:
    """A passage of ``text`` around the first occurrence of ``query``, every hit in it marked.

    ``text`` is a page as the index stores it, white space collapsed.  The passage starts and
    ends on word boundaries, with ``…`` where it cuts.  A page the index matched but the
    pattern does not (the two tokenizers can differ at the edges, e.g. on scripts with marks
    of their own) gets its opening words.
    """
    pattern = query.pattern(exact=exact)
    first = next((hit for hit in pattern.finditer(text) if _starts_word(text, hit.start())), None)
    if first is None:
        end = _cut_end(text, min(len(text), width))
        return Snippet(text[:end] + ("…" if end < len(text) else ""), ())
    start = _cut_start(text, max(0, first.start() - before))
    end = _cut_end(text, min(len(text), max(start + width, first.end())))
    lead = "…" if start > 0 else ""
    shift = len(lead) - start
    marks = tuple(
        (hit.start() + shift, hit.end() + shift)
        for hit in pattern.finditer(text, start, end)
        if hit.end() > hit.start() and _starts_word(text, hit.start())
    )
    return Snippet(lead + text[start:end] + ("…" if end < len(text) else ""), marks)


def _cut_start(text: str, at: int) -> int:
    """Move ``at`` forward to the start of a word (or keep 0)."""
    if at <= 0:
        return 0
    space = text.find(" ", at)
    return space + 1 if 0 <= space < at + 20 else at


def _cut_end(text: str, at: int) -> int:
    """Move ``at`` back to the end of a word (or keep the end of the text)."""
    if at >= len(text):
        return len(text)
    space = text.rfind(" ", 0, at)
    return space if space > at - 20 else at
