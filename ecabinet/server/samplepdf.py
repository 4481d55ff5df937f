"""The sample meeting's PDF documents, generated with real Vietnamese text at demo-seed time.

The demo has to show what delegates really read: A4 pages full of Vietnamese administrative
prose with stacked diacritics (ệ, ấ, ở, ữ) and đ, tables of figures, a landscape annex and a
confidential paper.  Generating the files keeps the repository free of binary fixtures, and
because the output is byte-for-byte deterministic the blob store sees the same SHA-256 every
time the demo is seeded.

Text is set with Noto Sans from ``pymupdf-fonts``: the fonts built into PDF viewers (Helvetica,
Times) have no Vietnamese glyphs, and Noto's ToUnicode map lets ``page.get_text()`` give the
text back exactly, which the viewer's search and the tests rely on.  The prose is built from
sentence templates and lists of localities, sectors and agencies, driven by a tiny fixed-seed
generator, so that every page is full without storing pages of text here.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import pymupdf

__all__ = ["SampleDocument", "build_sample_documents"]

_CM = 72 / 2.54
_MARGIN = 2 * _CM
_A4_W, _A4_H = (float(v) for v in pymupdf.paper_size("a4"))
_BODY_SIZE = 11.0
_LEADING = 1.4  # line height as a multiple of the font size; room for stacked diacritics
_INDENT = 1 * _CM
_BLACK = (0.0, 0.0, 0.0)
_GREY = (0.35, 0.35, 0.35)
_RED = (0.75, 0.0, 0.0)
_HEADER_FILL = (0.88, 0.9, 0.94)
# Fixed, so that the bytes do not change from one seeding to the next.
_PDF_DATE = "D:20261210080000+07'00'"

_REGULAR, _BOLD, _ITALIC, _BOLD_ITALIC = "notos", "notosbo", "notosit", "notosbi"


@dataclass(frozen=True)
class SampleDocument:
    """One generated document of the sample meeting.

    Attributes:
        key: stable short id the demo seeder uses to attach the file to an agenda item.
        filename: the name the document is offered under for download.
        title: Vietnamese title, " — ", English title.
        data: the PDF bytes.
    """

    key: str
    filename: str
    title: str
    data: bytes


@functools.cache
def _font(name: str) -> pymupdf.Font:
    # Loading a 450 kB font buffer is the slowest step; the four documents share the objects.
    return pymupdf.Font(name)


@functools.cache
def _advance(font: str, char: str) -> float:
    return float(_font(font).glyph_advance(ord(char)))


@functools.cache
def _unit_width(text: str, font: str) -> float:
    # Summing cached advances is ~100x faster than Font.text_length, which goes through
    # MuPDF's fallback-font lookup for every character; without kerning the result is equal.
    return sum(_advance(font, char) for char in text)


def _width(text: str, font: str, size: float) -> float:
    return _unit_width(text, font) * size


def _vn(value: float, decimals: int = 1) -> str:
    """Format a number the Vietnamese way: ``.`` groups thousands, ``,`` marks decimals."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _wrap(text: str, *, font: str, size: float, width: float, indent: float = 0.0) -> list[str]:
    """Break ``text`` at spaces into lines no wider than ``width`` (the first one indented)."""
    lines: list[str] = []
    line = ""
    used = 0.0
    room = width - indent
    space = _width(" ", font, size)
    for word in text.split():
        extent = _width(word, font, size)
        if line and used + space + extent > room:
            lines.append(line)
            line, used, room = word, extent, width
        elif line:
            line, used = f"{line} {word}", used + space + extent
        else:
            line, used = word, extent
    if line:
        lines.append(line)
    return lines


class _Prose:
    """An endless, repeatable stream of sentences made from templates and word lists.

    A linear congruential generator rather than :mod:`random`: the sequence must never change
    between Python versions, since it decides the PDF bytes.
    """

    def __init__(self, templates: Sequence[str], seed: int) -> None:
        self._templates = templates
        self._state = seed
        self._deck: list[int] = []
        self._last = -1

    def _next(self, n: int) -> int:
        self._state = (self._state * 1103515245 + 12345) % 2**31
        return (self._state >> 16) % n  # an LCG's low bits repeat with short periods

    def paragraph_size(self) -> int:
        """How many sentences the next paragraph should have (3 to 5)."""
        return 3 + self._next(3)

    def sentence(self) -> str:
        """The next sentence; every template is used once before any repeats."""
        if not self._deck:
            # A shuffled deck (Fisher-Yates) reads less mechanically than a fixed rotation.
            self._deck = list(range(len(self._templates)))
            for i in range(len(self._deck) - 1, 0, -1):
                j = self._next(i + 1)
                self._deck[i], self._deck[j] = self._deck[j], self._deck[i]
            if self._deck[-1] == self._last:  # no template twice in a row across decks
                self._deck[0], self._deck[-1] = self._deck[-1], self._deck[0]
        self._last = self._deck.pop()
        template = self._templates[self._last]
        return template.format(
            place=_PLACES[self._next(len(_PLACES))],
            sector=_SECTORS[self._next(len(_SECTORS))],
            agency=_AGENCIES[self._next(len(_AGENCIES))],
            date=_DEADLINES[self._next(len(_DEADLINES))],
            pct=_vn(60 + self._next(400) / 10),
            pct_small=_vn(1 + self._next(90) / 10),
            amount=_vn(120 + self._next(24000) / 10),
        )


@dataclass(frozen=True)
class _Column:
    header: str
    share: float  # fraction of the frame width
    align: str = "l"  # "l", "c" or "r"


class _Sheet:
    """Lays out one document page by page: text, headings, tables, fill-up prose."""

    def __init__(self, *, title: str, confidential: bool = False) -> None:
        self.title = title
        self.confidential = confidential
        self.doc = pymupdf.open()
        self.page: pymupdf.Page | None = None
        self.left = self.right = self.top = self.bottom = self.y = 0.0
        self._writers: dict[tuple[float, float, float], pymupdf.TextWriter] = {}
        self._shape: pymupdf.Shape | None = None

    # -- pages ----------------------------------------------------------------------------

    def new_page(self, *, landscape: bool = False) -> None:
        """Start a page; the landscape one is a wider mediabox, not a rotated page."""
        self._flush()
        width, height = (_A4_H, _A4_W) if landscape else (_A4_W, _A4_H)
        self.page = self.doc.new_page(width=width, height=height)
        self._shape = self.page.new_shape()
        self.left, self.right = _MARGIN, width - _MARGIN
        self.top, self.bottom = _MARGIN, height - _MARGIN
        self.y = self.top

    @property
    def width(self) -> float:
        """Width of the text frame of the current page."""
        return self.right - self.left

    def _flush(self) -> None:
        if self.page is None:
            return
        # Lines and shaded cells first, so that the text is painted on top of them.
        if self._shape is not None:
            self._shape.commit()
        for color, writer in self._writers.items():
            writer.write_text(self.page, color=color)
        self._writers = {}

    def _shape_now(self) -> pymupdf.Shape:
        assert self._shape is not None, "new_page() first"
        return self._shape

    def text(
        self,
        x: float,
        top: float,
        text: str,
        *,
        font: str = _REGULAR,
        size: float = _BODY_SIZE,
        color: tuple[float, float, float] = _BLACK,
        align: str = "l",
    ) -> None:
        """Put one line with its top at ``top``; ``x`` is its left, centre or right end."""
        assert self.page is not None, "new_page() first"
        if align != "l":
            shift = _width(text, font, size)
            x -= shift / 2 if align == "c" else shift
        writer = self._writers.get(color)
        if writer is None:
            writer = pymupdf.TextWriter(self.page.rect)
            self._writers[color] = writer
        baseline = top + size * 1.1
        writer.append((x, baseline), text, font=_font(font), fontsize=size)

    def _need(self, height: float) -> None:
        # The page plans are fixed, so running out of room is a bug in this module.
        if self.y + height > self.bottom + 0.01:
            raise RuntimeError(f"sample PDF layout overflows a page of {self.title!r}")

    # -- blocks ---------------------------------------------------------------------------

    def lines(
        self,
        lines: Sequence[str],
        *,
        font: str = _REGULAR,
        size: float = _BODY_SIZE,
        indent: float = 0.0,
        align: str = "l",
        gap: float = 0.0,
    ) -> None:
        """Set ready-broken lines from the cursor down, then leave ``gap`` below them."""
        height = size * _LEADING
        self._need(len(lines) * height)
        for number, line in enumerate(lines):
            if align == "c":
                x = (self.left + self.right) / 2
            else:
                x = self.left + (indent if number == 0 else 0.0)
            self.text(x, self.y, line, font=font, size=size, align=align)
            self.y += height
        self.y += gap

    def paragraph(
        self,
        text: str,
        *,
        font: str = _REGULAR,
        size: float = _BODY_SIZE,
        indent: float = _INDENT,
        align: str = "l",
    ) -> None:
        """A wrapped paragraph with a first-line indent, as Vietnamese official letters use."""
        wrapped = _wrap(
            text, font=font, size=size, width=self.width, indent=indent if align == "l" else 0.0
        )
        self.lines(wrapped, font=font, size=size, indent=indent, align=align, gap=size * 0.4)

    def heading(self, text: str, *, size: float = 11.5) -> None:
        """A bold section heading, kept on the page together with two lines of body text."""
        self.y += 4
        self._need(size * _LEADING + 2 * _BODY_SIZE * _LEADING)
        self.paragraph(text, font=_BOLD, size=size, indent=0.0)

    def fill(self, prose: _Prose, *, reserve: float = 0.0) -> None:
        """Add paragraphs of generated prose until the page is full, ``reserve`` points kept."""
        line_height = _BODY_SIZE * _LEADING
        gap = _BODY_SIZE * 0.4
        while True:
            room = self.bottom - reserve - self.y
            if room < 2 * line_height:
                return
            wanted = prose.paragraph_size()
            sentences: list[str] = []
            fitted: list[str] = []
            for _ in range(wanted):
                candidate = [*sentences, prose.sentence()]
                wrapped = _wrap(
                    " ".join(candidate),
                    font=_REGULAR,
                    size=_BODY_SIZE,
                    width=self.width,
                    indent=_INDENT,
                )
                if len(wrapped) * line_height + gap > room:
                    break
                sentences, fitted = candidate, wrapped
            if not fitted:
                return
            self.lines(fitted, indent=_INDENT, gap=gap)
            if len(sentences) < wanted:
                return

    def table(
        self,
        columns: Sequence[_Column],
        rows: Sequence[Sequence[str]],
        *,
        strong: Sequence[int] = (),
        size: float = 9.5,
    ) -> None:
        """A ruled table; the header row is shaded and rows listed in ``strong`` are bold."""
        pad = 3.5
        line_height = size * 1.3
        shape = self._shape_now()
        widths = [column.share * self.width for column in columns]
        all_rows = [[column.header for column in columns], *rows]
        for number, row in enumerate(all_rows):
            bold = number == 0 or (number - 1) in strong
            font = _BOLD if bold else _REGULAR
            cells = [
                _wrap(cell, font=font, size=size, width=w - 2 * pad)
                for cell, w in zip(row, widths, strict=True)
            ]
            height = max(len(cell) for cell in cells) * line_height + 2 * pad
            self._need(height)
            x = self.left
            for cell, w, column in zip(cells, widths, columns, strict=True):
                shape.draw_rect(pymupdf.Rect(x, self.y, x + w, self.y + height))
                align = "c" if number == 0 else column.align
                anchor = {"l": x + pad, "c": x + w / 2, "r": x + w - pad}[align]
                for index, line in enumerate(cell):
                    self.text(
                        anchor,
                        self.y + pad + index * line_height,
                        line,
                        font=font,
                        size=size,
                        align=align,
                    )
                x += w
            shape.finish(
                color=_BLACK,
                fill=_HEADER_FILL if number == 0 else None,
                width=0.5,
            )
            self.y += height
        self.y += 8

    def rule(
        self,
        x0: float,
        x1: float,
        y: float,
        *,
        color: tuple[float, float, float] = _BLACK,
        width: float = 0.6,
    ) -> None:
        """A horizontal line."""
        shape = self._shape_now()
        shape.draw_line((x0, y), (x1, y))
        shape.finish(color=color, width=width)

    # -- the parts of an official document ------------------------------------------------

    def letterhead(self, *, issuer: str, number: str, date: str) -> None:
        """The two-column heading of a Vietnamese administrative document."""
        left_mid = self.left + self.width * 0.2
        right_mid = self.left + self.width * 0.68
        top = self.y
        self.text(left_mid, top, "ỦY BAN NHÂN DÂN TỈNH", size=10, align="c")
        self.text(left_mid, top + 14, issuer, font=_BOLD, size=10, align="c")
        self.rule(left_mid - 30, left_mid + 30, top + 30)
        self.text(left_mid, top + 36, number, size=10, align="c")
        self.text(
            right_mid, top, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=_BOLD, size=10, align="c"
        )
        self.text(
            right_mid, top + 14, "Độc lập - Tự do - Hạnh phúc", font=_BOLD, size=10.5, align="c"
        )
        self.rule(right_mid - 72, right_mid + 72, top + 30)
        self.text(right_mid, top + 36, date, font=_ITALIC, size=10.5, align="c")
        if self.confidential:
            stamp = pymupdf.Rect(self.left, top + 56, self.left + 52, top + 76)
            shape = self._shape_now()
            shape.draw_rect(stamp)
            shape.finish(color=_RED, width=1.2)
            self.text(stamp.x0 + 26, top + 59, "MẬT", font=_BOLD, size=11, color=_RED, align="c")
        self.y = top + 66

    def doc_title(self, kind: str, subject: str, english: str) -> None:
        """The centred title block under the letterhead."""
        self.y += 10
        self.lines([kind], font=_BOLD, size=14, align="c")
        self.paragraph(subject, font=_BOLD, size=12, align="c")
        self.lines([english], font=_ITALIC, size=10.5, align="c", gap=10)

    def signature(self, *, capacity: Sequence[str], name: str, recipients: Sequence[str]) -> None:
        """``Nơi nhận`` on the left, the signer's capacity and name on the right."""
        self._need(_signature_height(capacity, recipients))
        top = self.y + 6
        self.text(self.left, top, "Nơi nhận:", font=_BOLD_ITALIC, size=10)
        for index, recipient in enumerate(recipients):
            self.text(self.left, top + 14 + index * 12, recipient, size=9)
        centre = self.left + self.width * 0.72
        for index, line in enumerate(capacity):
            self.text(centre, top + index * 15, line, font=_BOLD, size=11, align="c")
        self.text(centre, top + len(capacity) * 15 + 48, name, font=_BOLD, size=11, align="c")
        self.y += _signature_height(capacity, recipients)

    # -- finishing ------------------------------------------------------------------------

    def _running_heads(self) -> None:
        total = self.doc.page_count
        for number in range(total):
            self.page = self.doc[number]
            self._shape = self.page.new_shape()
            width = float(self.page.rect.width)
            left, right = _MARGIN, width - _MARGIN
            title_room = right - left
            if self.confidential:
                mark = "MẬT — CONFIDENTIAL"
                self.text(right, _MARGIN - 24, mark, font=_BOLD, size=9, color=_RED, align="r")
                title_room -= _width(mark, _BOLD, 9) + 12
            size = 8.5
            while _width(self.title, _ITALIC, size) > title_room and size > 6:
                size -= 0.25
            self.text(left, _MARGIN - 24, self.title, font=_ITALIC, size=size, color=_GREY)
            self.rule(left, right, _MARGIN - 8, color=_GREY, width=0.5)
            footer_top = float(self.page.rect.height) - _MARGIN + 8
            self.rule(left, right, footer_top, color=_GREY, width=0.5)
            self.text(
                width / 2,
                footer_top + 5,
                f"Trang {number + 1}/{total}",
                size=9,
                color=_GREY,
                align="c",
            )
            self._flush()

    def finish(self, *, key: str, filename: str) -> SampleDocument:
        """Write the running heads, fix the metadata and return the reproducible bytes."""
        self._flush()
        self._running_heads()
        self.page = None
        self.doc.set_metadata(
            {
                "title": self.title,
                "author": "Ủy ban nhân dân tỉnh (dữ liệu mẫu — sample data)",
                "subject": "Phiên họp thường kỳ tháng 12/2026 — Regular session, December 2026",
                "keywords": "ecabinet, demo",
                "creator": "ecabinet demo seed",
                "producer": "ecabinet samplepdf",
                "creationDate": _PDF_DATE,
                "modDate": _PDF_DATE,
            }
        )
        self.doc.set_language("vi-VN")
        self.doc.subset_fonts()
        # no_new_id: a fresh /ID would differ on every call and change the blob's hash.
        data = bytes(self.doc.tobytes(garbage=3, deflate=True, no_new_id=True))
        self.doc.close()
        return SampleDocument(key=key, filename=filename, title=self.title, data=data)


def _signature_height(capacity: Sequence[str], recipients: Sequence[str]) -> float:
    return max(len(capacity) * 15 + 70, 20 + len(recipients) * 12) + 8


# -- the words the prose is made of ---------------------------------------------------------

_PLACES = (
    "huyện Hòa Vang",
    "thị xã Điện Bàn",
    "thành phố Tam Kỳ",
    "thành phố Hội An",
    "huyện Duy Xuyên",
    "huyện Đại Lộc",
    "huyện Thăng Bình",
    "huyện Núi Thành",
    "huyện Quế Sơn",
    "huyện Phú Ninh",
)
_SECTORS = (
    "y tế",
    "giáo dục và đào tạo",
    "giao thông",
    "nông nghiệp và phát triển nông thôn",
    "văn hóa, thể thao và du lịch",
    "tài nguyên và môi trường",
    "khoa học và công nghệ",
    "lao động, thương binh và xã hội",
    "công thương",
    "thông tin và truyền thông",
)
_AGENCIES = (
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Giao thông vận tải",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Tài nguyên và Môi trường",
    "Sở Xây dựng",
    "Cục Thuế tỉnh",
    "Kho bạc Nhà nước tỉnh",
)
_DEADLINES = ("15/01/2027", "31/01/2027", "28/02/2027", "31/3/2027", "30/6/2027")

_SHARED = (
    "Các kiến nghị của cử tri liên quan đến lĩnh vực {sector} đã được {agency} tiếp thu, giải "
    "quyết và trả lời đúng thời hạn.",
    "Có thể nói, kết quả đạt được là cơ sở quan trọng để tỉnh tạo thế và lực mới cho giai "
    "đoạn phát triển tiếp theo.",
    "Về lâu dài, cần tiếp tục hoàn thiện thể chế, cải thiện môi trường đầu tư và nâng cao chỉ "
    "số năng lực cạnh tranh cấp tỉnh (PCI).",
    "Hệ thống đường giao thông nông thôn tại {place} được nâng cấp, bảo đảm kết nối thuận lợi "
    "giữa các xã, phường và thị trấn.",
    "Tỷ lệ hộ dân vùng nông thôn của {place} được sử dụng nước sạch đạt {pct}%, tăng so với "
    "cùng kỳ năm trước.",
    "Đề nghị {agency} chủ trì, phối hợp với UBND {place} tham mưu giải pháp cụ thể, báo cáo "
    "UBND tỉnh trước ngày {date}.",
    "Công tác chuyển đổi số (digital transformation) tiếp tục được đẩy mạnh; tỷ lệ hồ sơ thủ "
    "tục hành chính xử lý trực tuyến (online) tại {place} đạt {pct}%.",
    "Ngành {sector} đã chủ động xây dựng kế hoạch, bảo đảm nguồn lực để hoàn thành các chỉ "
    "tiêu được giao.",
    "Tại các phường thuộc {place}, công tác chỉnh trang đô thị và quản lý trật tự xây dựng có "
    "chuyển biến rõ nét.",
)

_BUDGET_SENTENCES = (
    "Ước thực hiện thu ngân sách nhà nước trên địa bàn {place} năm 2026 đạt {amount} tỷ đồng, "
    "bằng {pct}% dự toán được giao.",
    "Trong năm, Cục Thuế tỉnh đã phối hợp chặt chẽ với các địa phương rà soát nguồn thu, "
    "tăng cường chống thất thu và xử lý nợ đọng thuế.",
    "Chi thường xuyên cho lĩnh vực {sector} được bảo đảm kịp thời, đúng chế độ, góp phần thực "
    "hiện tốt nhiệm vụ chính trị của địa phương.",
    "Tiến độ giải ngân vốn đầu tư công tại {place} còn chậm so với yêu cầu, chủ yếu do vướng "
    "mắc trong công tác bồi thường, giải phóng mặt bằng.",
    "Tổng vốn bố trí cho các công trình thuộc lĩnh vực {sector} là {amount} tỷ đồng, trong đó "
    "vốn ngân sách tỉnh chiếm khoảng {pct}%.",
    "Thực hiện nghị quyết của Hội đồng nhân dân tỉnh, các cấp ngân sách đã ưu tiên bố trí vốn "
    "cho các dự án chuyển tiếp và các dự án trọng điểm.",
    "Thu tiền sử dụng đất tại một số địa phương, nhất là {place}, không đạt kế hoạch do thị "
    "trường bất động sản phục hồi chậm.",
    "Số thu từ khu vực doanh nghiệp có vốn đầu tư nước ngoài (FDI) tăng khá, phản ánh hiệu quả "
    "của công tác xúc tiến đầu tư.",
    "Các khoản chi được kiểm soát chặt chẽ qua Kho bạc Nhà nước; việc thanh toán được thực "
    "hiện trực tuyến trên hệ thống TABMIS.",
    "Công tác công khai ngân sách được thực hiện đúng quy định, tạo điều kiện để người dân và "
    "doanh nghiệp giám sát việc sử dụng ngân sách.",
    "Tuy vậy, việc lập và giao dự toán ở một số đơn vị thuộc lĩnh vực {sector} còn chưa sát "
    "thực tế, phải điều chỉnh nhiều lần trong năm.",
    "Đề nghị {agency} tiếp tục đôn đốc các chủ đầu tư đẩy nhanh tiến độ thực hiện và thanh "
    "toán vốn trước ngày {date}.",
    "Kiến nghị Bộ Tài chính xem xét bổ sung có mục tiêu cho tỉnh để thực hiện các chính sách "
    "an sinh xã hội và khắc phục hậu quả thiên tai.",
    "Nhìn chung, tình hình tài chính - ngân sách năm 2026 cơ bản ổn định, bảo đảm nguồn lực cho "
    "các nhiệm vụ phát triển kinh tế - xã hội.",
    "Với thế và lực mới, tỉnh có thể huy động tốt hơn các nguồn vốn ngoài ngân sách, kể cả "
    "theo phương thức đối tác công tư (PPP).",
    "Nguồn dự phòng ngân sách đã được sử dụng để khắc phục thiệt hại do mưa lũ tại {place} và "
    "sửa chữa các tuyến đường bị sạt lở.",
    "Tỷ lệ giải ngân tại {place} đạt {pct}% kế hoạch vốn, cao hơn mức bình quân chung của toàn "
    "tỉnh.",
    "Các phường thuộc {place} đã chủ động khai thác nguồn thu từ quỹ đất nhỏ lẻ, xen kẹt để bổ "
    "sung vốn cho chỉnh trang đô thị.",
    "Kinh phí thực hiện cải cách tiền lương được bố trí đầy đủ; nguồn còn dư được chuyển sang "
    "năm sau để tiếp tục sử dụng theo quy định.",
    "Số bổ sung cân đối cho ngân sách {place} là {amount} tỷ đồng, được cấp phát đầy đủ, kịp "
    "thời theo tiến độ dự toán.",
)

_PLAN_SENTENCES = (
    "Năm 2027, tỉnh phấn đấu tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) đạt từ 8,0% "
    "trở lên; thu nhập bình quân đầu người tiếp tục được nâng lên.",
    "Tập trung phát triển ngành {sector} theo hướng hiện đại, bền vững; ưu tiên nguồn lực cho "
    "các công trình có tính lan tỏa tại {place}.",
    "Đẩy mạnh xây dựng chính quyền số (e-Government) và đô thị thông minh (smart city), lấy "
    "người dân và doanh nghiệp làm trung tâm phục vụ.",
    "Giao {agency} chủ trì xây dựng kế hoạch chi tiết, xác định rõ lộ trình, nguồn lực và trách "
    "nhiệm của từng cơ quan, đơn vị.",
    "Hoàn thành đầu tư tuyến đường ven biển đoạn qua {place}, kết nối các khu du lịch, khu "
    "công nghiệp và cảng biển của tỉnh.",
    "Tiếp tục cải thiện môi trường đầu tư kinh doanh, nâng cao chỉ số cải cách hành chính (PAR "
    "Index) và chỉ số hài lòng của người dân.",
    "Phát triển mạnh dịch vụ logistics, thương mại điện tử (e-commerce) và hệ sinh thái khởi "
    "nghiệp đổi mới sáng tạo (startup).",
    "Nâng cao chất lượng giáo dục và đào tạo, phấn đấu {pct}% trường học đạt chuẩn quốc gia; "
    "bảo đảm đủ giáo viên cho các xã miền núi.",
    "Củng cố mạng lưới y tế cơ sở, nâng cao năng lực khám, chữa bệnh tại trung tâm y tế "
    "{place}; phấn đấu tỷ lệ bao phủ bảo hiểm y tế đạt trên 95%.",
    "Bảo đảm cung cấp nước sạch ổn định cho người dân, nhất là trong mùa khô tại {place}.",
    "Chủ động phòng, chống thiên tai, ứng phó với biến đổi khí hậu; hoàn thành di dời các hộ "
    "dân ở vùng có nguy cơ sạt lở cao.",
    "Thực hiện hiệu quả các chương trình mục tiêu quốc gia, phấn đấu giảm tỷ lệ hộ nghèo đa "
    "chiều từ {pct_small}% trở lên.",
    "Kiện toàn tổ chức bộ máy sau sắp xếp đơn vị hành chính cấp xã, phường; nâng cao hiệu lực, "
    "hiệu quả quản lý nhà nước.",
    "Các chỉ tiêu của kế hoạch năm 2027 được xây dựng trên cơ sở đánh giá sát thực tế, có tính "
    "đến các yếu tố rủi ro từ bên ngoài.",
    "Đề nghị các sở, ban, ngành và UBND các huyện, thị xã, thành phố cụ thể hóa nhiệm vụ được "
    "giao thành chương trình công tác năm 2027.",
    "Huy động tối đa các nguồn lực xã hội, thúc đẩy hợp tác công tư (PPP) trong đầu tư kết cấu "
    "hạ tầng {sector}.",
    "Phát triển du lịch gắn với bảo tồn di sản văn hóa, trong đó {place} là điểm nhấn với các "
    "sản phẩm du lịch cộng đồng đặc trưng.",
    "Dự kiến tổng vốn đầu tư công năm 2027 dành cho {place} khoảng {amount} tỷ đồng, tập trung "
    "cho các dự án chuyển tiếp.",
)

_PERSONNEL_SENTENCES = (
    "Đồng chí được đề xuất có phẩm chất chính trị, đạo đức, lối sống tốt; có năng lực chuyên "
    "môn đáp ứng yêu cầu nhiệm vụ trong lĩnh vực {sector}.",
    "Quy trình bổ nhiệm được thực hiện chặt chẽ, dân chủ, công khai, đúng thẩm quyền và quy "
    "định của Đảng, Nhà nước.",
    "Trong thời gian công tác tại {place}, đồng chí đã chủ động tham mưu nhiều giải pháp hiệu "
    "quả, được tập thể cơ quan đánh giá cao.",
    "Việc điều động, luân chuyển cán bộ nhằm tăng cường nguồn lực cho địa bàn khó khăn và tạo "
    "điều kiện rèn luyện, thử thách cán bộ trẻ.",
    "Hồ sơ nhân sự đã được thẩm định đầy đủ; không có đơn thư khiếu nại, tố cáo liên quan đến "
    "các trường hợp được đề xuất.",
    "Kết quả lấy phiếu tín nhiệm tại cơ quan đạt tỷ lệ đồng ý {pct}%, bảo đảm yêu cầu theo quy "
    "định hiện hành.",
    "Công tác quy hoạch cán bộ lãnh đạo, quản lý nhiệm kỳ 2026 - 2031 được rà soát, bổ sung kịp "
    "thời, bảo đảm cơ cấu ba độ tuổi và tỷ lệ cán bộ nữ.",
    "Đối với các đơn vị sự nghiệp thuộc lĩnh vực {sector}, việc kiện toàn lãnh đạo cần gắn với "
    "thực hiện cơ chế tự chủ theo quy định của Chính phủ.",
    "Kiến nghị Ban Thường vụ Tỉnh ủy cho chủ trương để thực hiện quy trình bổ nhiệm lại đối với "
    "các trường hợp hết thời hạn giữ chức vụ.",
    "Tài liệu này thuộc danh mục bí mật nhà nước độ Mật; không sao chụp, không chuyển cho người "
    "không có trách nhiệm (confidential, do not forward).",
    "Sở Nội vụ đã trao đổi, thống nhất với cấp ủy nơi cán bộ đang công tác và cơ quan tiếp nhận "
    "trước khi trình UBND tỉnh.",
    "Hiện nay, một số đơn vị thuộc lĩnh vực {sector} còn thiếu cấp phó theo quy định, ảnh hưởng "
    "đến việc chỉ đạo, điều hành và thực hiện nhiệm vụ chuyên môn.",
    "Sau khi sắp xếp tổ chức bộ máy, cơ cấu lãnh đạo tại {place} cần được kiện toàn kịp thời để "
    "bảo đảm hoạt động thông suốt.",
    "Đồng chí có trình độ thạc sĩ, cao cấp lý luận chính trị; đã qua các chức danh lãnh đạo ở cơ "
    "sở nên có kinh nghiệm thực tiễn phong phú.",
    "Việc bổ nhiệm được thực hiện theo nguyên tắc tập trung dân chủ, bảo đảm sự lãnh đạo thống "
    "nhất của cấp ủy đối với công tác cán bộ.",
    "Các trường hợp đề xuất đều đủ tuổi bổ nhiệm theo quy định, còn ít nhất một nhiệm kỳ công "
    "tác tính từ thời điểm dự kiến bổ nhiệm.",
    "Trường hợp được điều động sẽ được bố trí nhà công vụ và hưởng chế độ hỗ trợ theo nghị quyết "
    "của Hội đồng nhân dân tỉnh.",
    "Đánh giá, xếp loại chất lượng cán bộ ba năm gần nhất của các đồng chí được đề xuất đều ở "
    "mức hoàn thành tốt nhiệm vụ trở lên.",
)

_AGENDA_SENTENCES = (
    "Đại biểu nghiên cứu trước tài liệu trên hệ thống phòng họp không giấy (paperless), chuẩn "
    "bị ý kiến phát biểu tập trung vào các vấn đề trọng tâm.",
    "Điểm cầu trực tuyến tại {place} kết nối trước giờ khai mạc 15 phút để kiểm tra âm thanh, "
    "hình ảnh.",
    "Thời gian phát biểu của mỗi đại biểu không quá 7 phút; ý kiến bổ sung gửi bằng văn bản về "
    "Văn phòng UBND tỉnh.",
    "Văn phòng UBND tỉnh tổng hợp ý kiến, dự thảo thông báo kết luận của Chủ tịch UBND tỉnh "
    "sau phiên họp.",
    "Đề nghị Thủ trưởng các sở, ban, ngành dự họp đầy đủ, đúng thành phần; trường hợp vắng mặt "
    "phải báo cáo và được Chủ tịch UBND tỉnh đồng ý.",
    "Tờ trình về công tác cán bộ là tài liệu Mật, chỉ đại biểu được phân quyền mới xem được "
    "trên máy tính bảng (tablet).",
    "Kết quả biểu quyết (voting) được hệ thống ghi nhận tự động và lưu trữ cùng biên bản phiên "
    "họp.",
    "{agency} chuẩn bị nội dung giải trình các vấn đề thuộc lĩnh vực {sector} mà đại biểu quan "
    "tâm.",
)


# -- the four documents -----------------------------------------------------------------------

_TITLES = {
    "agenda-notes": "Chương trình phiên họp thường kỳ tháng 12/2026 — "
    "Session programme, December 2026",
    "budget": "Báo cáo tình hình thực hiện dự toán ngân sách nhà nước năm 2026 — "
    "State budget execution report 2026",
    "plan": "Kế hoạch phát triển kinh tế - xã hội năm 2027 — Socio-economic development plan 2027",
    "personnel": "Tờ trình về công tác cán bộ — Personnel proposal",
}
_DATE_LINE = "Tam Kỳ, ngày 10 tháng 12 năm 2026"
_ESTIMATE_COLUMNS = (
    _Column("Chỉ tiêu", 0.46),
    _Column("Dự toán 2026 (tỷ đồng)", 0.19, "r"),
    _Column("Ước thực hiện (tỷ đồng)", 0.19, "r"),
    _Column("So dự toán (%)", 0.16, "r"),
)


def _estimate_rows(rows: Sequence[tuple[str, float, float]]) -> list[list[str]]:
    return [
        [label, _vn(planned), _vn(actual), _vn(actual / planned * 100)]
        for label, planned, actual in rows
    ]


def _agenda() -> SampleDocument:
    sheet = _Sheet(title=_TITLES["agenda-notes"])
    prose = _Prose((*_AGENDA_SENTENCES, *_SHARED), seed=1201)
    sheet.new_page()
    sheet.letterhead(issuer="VĂN PHÒNG", number="Số: 58/CTr-VP", date=_DATE_LINE)
    sheet.doc_title(
        "CHƯƠNG TRÌNH",
        "Phiên họp thường kỳ tháng 12 năm 2026 của Ủy ban nhân dân tỉnh",
        "Programme of the regular session, December 2026",
    )
    for line in (
        "Thời gian: 08 giờ 30, thứ Năm, ngày 17 tháng 12 năm 2026.",
        "Địa điểm: Phòng họp số 1, Trụ sở UBND tỉnh; kết nối trực tuyến với điểm cầu huyện "
        "Hòa Vang và điểm cầu thị xã Điện Bàn.",
        "Chủ trì: đồng chí Trần Văn Minh, Chủ tịch UBND tỉnh.",
    ):
        sheet.paragraph(line)
    sheet.heading("I. NỘI DUNG PHIÊN HỌP — AGENDA")
    sheet.table(
        (_Column("Thời gian", 0.17, "c"), _Column("Nội dung", 0.53), _Column("Trình bày", 0.30)),
        (
            (
                "08:30 – 08:40",
                "Khai mạc, thông qua chương trình phiên họp (Opening)",
                "Chủ tịch UBND tỉnh",
            ),
            (
                "08:40 – 09:25",
                "Báo cáo tình hình thực hiện dự toán ngân sách nhà nước năm 2026",
                "Giám đốc Sở Tài chính",
            ),
            (
                "09:25 – 10:10",
                "Kế hoạch phát triển kinh tế - xã hội năm 2027",
                "Giám đốc Sở Kế hoạch và Đầu tư",
            ),
            ("10:10 – 10:25", "Nghỉ giải lao (coffee break)", ""),
            ("10:25 – 10:55", "Tờ trình về công tác cán bộ (tài liệu Mật)", "Giám đốc Sở Nội vụ"),
            (
                "10:55 – 11:35",
                "Thảo luận, biểu quyết các nội dung trình phiên họp",
                "Các thành viên UBND tỉnh",
            ),
            ("11:35 – 11:45", "Kết luận phiên họp (Closing)", "Chủ tịch UBND tỉnh"),
        ),
    )
    sheet.fill(prose)
    sheet.new_page()
    sheet.heading("II. THÀNH PHẦN DỰ HỌP — PARTICIPANTS")
    for line in (
        "- Chủ tịch, các Phó Chủ tịch và các Ủy viên UBND tỉnh;",
        "- Đại diện Thường trực Tỉnh ủy, Thường trực Hội đồng nhân dân tỉnh;",
        "- Giám đốc các sở: Tài chính, Kế hoạch và Đầu tư, Nội vụ, Y tế, Giáo dục và Đào tạo, "
        "Giao thông vận tải;",
        "- Chủ tịch UBND huyện Hòa Vang, Chủ tịch UBND thị xã Điện Bàn (dự tại điểm cầu).",
    ):
        sheet.paragraph(line, indent=0.0)
    sheet.heading("III. TÀI LIỆU PHIÊN HỌP — DOCUMENTS")
    for line in (
        "1. Báo cáo tình hình thực hiện dự toán ngân sách nhà nước năm 2026 (12 trang).",
        "2. Kế hoạch phát triển kinh tế - xã hội năm 2027 (8 trang, có phụ lục khổ ngang).",
        "3. Tờ trình về công tác cán bộ (4 trang, tài liệu Mật).",
    ):
        sheet.paragraph(line, indent=0.0)
    sheet.heading("IV. GHI CHÚ — NOTES")
    sheet.fill(prose)
    sheet.new_page()
    sheet.heading("V. TỔ CHỨC THỰC HIỆN")
    recipients = ("- Như thành phần;", "- Lưu: VT, TH.")
    capacity = ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG")
    sheet.fill(prose, reserve=_signature_height(capacity, recipients))
    sheet.signature(capacity=capacity, name="Lê Thị Thanh Hương", recipients=recipients)
    return sheet.finish(key="agenda-notes", filename="chuong-trinh-phien-hop-12-2026.pdf")


def _budget() -> SampleDocument:
    sheet = _Sheet(title=_TITLES["budget"])
    prose = _Prose((*_BUDGET_SENTENCES, *_SHARED), seed=2026)
    sheet.new_page()
    sheet.letterhead(issuer="SỞ TÀI CHÍNH", number="Số: 1842/BC-STC", date=_DATE_LINE)
    sheet.doc_title(
        "BÁO CÁO",
        "Tình hình thực hiện dự toán ngân sách nhà nước năm 2026",
        "State budget execution report 2026",
    )
    sheet.paragraph(
        "Căn cứ Luật Ngân sách nhà nước và Nghị quyết của Hội đồng nhân dân tỉnh về dự toán "
        "ngân sách nhà nước năm 2026, Sở Tài chính báo cáo tình hình thực hiện dự toán ngân "
        "sách năm 2026 như sau:"
    )
    sheet.heading("I. TÌNH HÌNH THU NGÂN SÁCH NHÀ NƯỚC")
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("1. Kết quả thu ngân sách nhà nước trên địa bàn")
    sheet.table(
        _ESTIMATE_COLUMNS,
        _estimate_rows(
            (
                ("Tổng thu NSNN trên địa bàn", 24500, 25870.4),
                ("1. Thu nội địa", 19800, 21035.2),
                ("- Thu từ doanh nghiệp nhà nước", 1150, 1082.6),
                ("- Thu từ doanh nghiệp có vốn đầu tư nước ngoài", 2400, 2716.3),
                ("- Thu từ khu vực ngoài quốc doanh", 4350, 4528.9),
                ("- Thuế thu nhập cá nhân", 1600, 1744.1),
                ("- Lệ phí trước bạ", 780, 812.5),
                ("- Thu tiền sử dụng đất", 4200, 3615.0),
                ("2. Thu từ hoạt động xuất nhập khẩu", 4700, 4835.2),
            )
        ),
        strong=(0, 1, 8),
    )
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("2. Đánh giá các khoản thu chủ yếu")
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("II. TÌNH HÌNH CHI NGÂN SÁCH ĐỊA PHƯƠNG")
    sheet.table(
        _ESTIMATE_COLUMNS,
        _estimate_rows(
            (
                ("Tổng chi ngân sách địa phương", 28650, 27412.8),
                ("1. Chi đầu tư phát triển", 9800, 8623.4),
                ("2. Chi thường xuyên", 17950, 18214.6),
                ("- Chi sự nghiệp giáo dục, đào tạo", 6120, 6208.3),
                ("- Chi sự nghiệp y tế", 1940, 2011.7),
                ("- Chi sự nghiệp khoa học, công nghệ", 165, 142.8),
                ("- Chi quản lý hành chính", 3050, 3012.5),
                ("3. Chi dự phòng ngân sách", 560, 438.2),
                ("4. Chi trả nợ lãi và chi khác", 340, 136.6),
            )
        ),
        strong=(0, 1, 2, 7, 8),
    )
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("1. Chi đầu tư phát triển")
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("2. Giải ngân vốn đầu tư công theo địa phương")
    disbursed = (
        ("Huyện Hòa Vang", 1120, 936.5),
        ("Thị xã Điện Bàn", 1350, 1187.2),
        ("Thành phố Tam Kỳ", 980, 842.9),
        ("Thành phố Hội An", 760, 701.3),
        ("Huyện Duy Xuyên", 540, 428.6),
        ("Huyện Đại Lộc", 610, 497.1),
        ("Huyện Thăng Bình", 580, 452.4),
        ("Huyện Núi Thành", 870, 761.0),
    )
    total_plan = sum(plan for _, plan, _ in disbursed)
    total_paid = sum(paid for _, _, paid in disbursed)
    sheet.table(
        (
            _Column("Địa phương", 0.40),
            _Column("Kế hoạch vốn (tỷ đồng)", 0.22, "r"),
            _Column("Đã giải ngân (tỷ đồng)", 0.22, "r"),
            _Column("Tỷ lệ (%)", 0.16, "r"),
        ),
        [*_estimate_rows(disbursed), *_estimate_rows((("Cộng", total_plan, total_paid),))],
        strong=(len(disbursed),),
    )
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("3. Chi thường xuyên")
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("III. CÂN ĐỐI NGÂN SÁCH VÀ QUẢN LÝ NỢ CHÍNH QUYỀN ĐỊA PHƯƠNG")
    sheet.table(
        (_Column("Nội dung", 0.64), _Column("Số tiền (tỷ đồng)", 0.36, "r")),
        (
            ("Thu ngân sách địa phương được hưởng theo phân cấp", _vn(17650.3)),
            ("Thu bổ sung từ ngân sách Trung ương", _vn(8926.0)),
            ("Thu chuyển nguồn từ năm trước sang", _vn(1245.8)),
            ("Tổng chi ngân sách địa phương (ước)", _vn(27412.8)),
            ("Dư nợ vay của ngân sách địa phương đến 31/12/2026", _vn(684.2)),
        ),
        strong=(3,),
    )
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("IV. ĐÁNH GIÁ CHUNG")
    sheet.heading("1. Kết quả đạt được")
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("2. Tồn tại, hạn chế và nguyên nhân")
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("V. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI")
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("VI. KIẾN NGHỊ, ĐỀ XUẤT")
    recipients = ("- UBND tỉnh (báo cáo);", "- Thường trực HĐND tỉnh;", "- Lưu: VT, NS.")
    capacity = ("GIÁM ĐỐC",)
    sheet.fill(prose, reserve=_signature_height(capacity, recipients))
    sheet.signature(capacity=capacity, name="Nguyễn Văn Hùng", recipients=recipients)
    return sheet.finish(key="budget", filename="bao-cao-ngan-sach-2026.pdf")


def _plan() -> SampleDocument:
    sheet = _Sheet(title=_TITLES["plan"])
    prose = _Prose((*_PLAN_SENTENCES, *_SHARED), seed=2027)
    sheet.new_page()
    sheet.letterhead(issuer="SỞ KẾ HOẠCH VÀ ĐẦU TƯ", number="Số: 215/KH-SKHĐT", date=_DATE_LINE)
    sheet.doc_title(
        "KẾ HOẠCH", "Phát triển kinh tế - xã hội năm 2027", "Socio-economic development plan 2027"
    )
    sheet.heading("I. MỤC TIÊU TỔNG QUÁT")
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("II. CÁC CHỈ TIÊU CHỦ YẾU")
    sheet.table(
        (
            _Column("Chỉ tiêu", 0.52),
            _Column("Đơn vị", 0.16, "c"),
            _Column("Ước 2026", 0.16, "r"),
            _Column("Kế hoạch 2027", 0.16, "r"),
        ),
        (
            ("Tốc độ tăng trưởng GRDP", "%", _vn(7.4), _vn(8.0)),
            ("GRDP bình quân đầu người", "triệu đồng", _vn(98.6), _vn(108.0)),
            ("Tổng vốn đầu tư toàn xã hội", "tỷ đồng", _vn(52400, 0), _vn(58000, 0)),
            ("Kim ngạch xuất khẩu", "triệu USD", _vn(2150, 0), _vn(2400, 0)),
            ("Tỷ lệ hộ nghèo đa chiều", "%", _vn(3.2), _vn(2.5)),
            ("Tỷ lệ dân số tham gia bảo hiểm y tế", "%", _vn(94.1), _vn(95.5)),
            ("Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình", "%", _vn(62.0), _vn(75.0)),
        ),
    )
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("III. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU")
    sheet.heading("1. Phát triển kinh tế nhanh và bền vững")
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("2. Phát triển kết cấu hạ tầng giao thông, đô thị")
    sheet.fill(prose)

    sheet.new_page(landscape=True)
    sheet.heading("Phụ lục: Danh mục dự án trọng điểm năm 2027 — Annex: key projects 2027")
    sheet.table(
        (
            _Column("TT", 0.04, "c"),
            _Column("Tên dự án", 0.28),
            _Column("Địa điểm", 0.14),
            _Column("Lĩnh vực", 0.11),
            _Column("Tổng mức đầu tư (tỷ đồng)", 0.12, "r"),
            _Column("Vốn năm 2027 (tỷ đồng)", 0.11, "r"),
            _Column("Thời gian", 0.09, "c"),
            _Column("Chủ đầu tư", 0.11),
        ),
        (
            (
                "1",
                "Đường ven biển đoạn Điện Bàn - Hội An",
                "Thị xã Điện Bàn",
                "Giao thông",
                _vn(2150, 0),
                _vn(420, 0),
                "2025-2028",
                "Sở GTVT",
            ),
            (
                "2",
                "Bệnh viện đa khoa khu vực phía Tây",
                "Huyện Hòa Vang",
                "Y tế",
                _vn(865, 0),
                _vn(210, 0),
                "2026-2028",
                "Sở Y tế",
            ),
            (
                "3",
                "Trường THPT chuyên (giai đoạn 2)",
                "Thành phố Tam Kỳ",
                "Giáo dục",
                _vn(312, 0),
                _vn(95, 0),
                "2026-2027",
                "Sở GD&ĐT",
            ),
            (
                "4",
                "Hồ chứa nước và hệ thống kênh tưới",
                "Huyện Đại Lộc",
                "Nông nghiệp",
                _vn(540, 0),
                _vn(130, 0),
                "2025-2027",
                "Sở NN&PTNT",
            ),
            (
                "5",
                "Trung tâm dữ liệu tỉnh (data center)",
                "Thành phố Tam Kỳ",
                "Chuyển đổi số",
                _vn(248, 0),
                _vn(80, 0),
                "2026-2027",
                "Sở TT&TT",
            ),
        ),
    )
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("3. Phát triển văn hóa - xã hội, bảo đảm an sinh xã hội")
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("4. Cải cách hành chính; bảo đảm quốc phòng, an ninh")
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("IV. TỔ CHỨC THỰC HIỆN")
    recipients = (
        "- UBND tỉnh (báo cáo);",
        "- Các sở, ban, ngành;",
        "- UBND các huyện, thị xã, thành phố;",
        "- Lưu: VT, TH.",
    )
    capacity = ("GIÁM ĐỐC",)
    sheet.fill(prose, reserve=_signature_height(capacity, recipients))
    sheet.signature(capacity=capacity, name="Phan Quốc Việt", recipients=recipients)
    return sheet.finish(key="plan", filename="ke-hoach-kt-xh-2027.pdf")


def _personnel() -> SampleDocument:
    sheet = _Sheet(title=_TITLES["personnel"], confidential=True)
    prose = _Prose(_PERSONNEL_SENTENCES, seed=96)
    sheet.new_page()
    sheet.letterhead(issuer="SỞ NỘI VỤ", number="Số: 96/TTr-SNV", date=_DATE_LINE)
    sheet.doc_title("TỜ TRÌNH", "Về công tác cán bộ", "Personnel proposal")
    sheet.paragraph("Kính gửi: Ủy ban nhân dân tỉnh.", align="c")
    sheet.paragraph(
        "Căn cứ Luật Tổ chức chính quyền địa phương; căn cứ các quy định hiện hành về phân "
        "cấp quản lý cán bộ; xét đề nghị của các cơ quan, đơn vị, Sở Nội vụ kính trình Ủy ban "
        "nhân dân tỉnh xem xét một số nội dung về công tác cán bộ như sau:"
    )
    sheet.heading("I. SỰ CẦN THIẾT")
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("II. ĐỀ XUẤT NHÂN SỰ")
    sheet.table(
        (
            _Column("TT", 0.06, "c"),
            _Column("Họ và tên", 0.22),
            _Column("Năm sinh", 0.11, "c"),
            _Column("Chức vụ hiện tại", 0.30),
            _Column("Đề xuất", 0.31),
        ),
        (
            ("1", "Huỳnh Văn Thành", "1978", "Phó Giám đốc Sở Y tế", "Bổ nhiệm Giám đốc Sở Y tế"),
            (
                "2",
                "Trương Thị Mỹ Lệ",
                "1982",
                "Trưởng phòng Ngân sách, Sở Tài chính",
                "Bổ nhiệm Phó Giám đốc Sở Tài chính",
            ),
            (
                "3",
                "Ngô Đức Tiến",
                "1975",
                "Phó Chủ tịch UBND huyện Hòa Vang",
                "Điều động giữ chức Phó Giám đốc Sở Giao thông vận tải",
            ),
            (
                "4",
                "Bùi Thị Phương Thảo",
                "1986",
                "Phó Chánh Văn phòng UBND thị xã Điện Bàn",
                "Bổ nhiệm lại, thời hạn 5 năm",
            ),
        ),
    )
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("III. QUY TRÌNH VÀ KẾT QUẢ LẤY PHIẾU TÍN NHIỆM")
    sheet.fill(prose)

    sheet.new_page()
    sheet.heading("IV. ĐỀ NGHỊ")
    sheet.paragraph(
        "Đề nghị Ủy ban nhân dân tỉnh xem xét, cho ý kiến để Sở Nội vụ hoàn thiện hồ sơ, trình "
        "Chủ tịch UBND tỉnh quyết định theo thẩm quyền."
    )
    recipients = ("- Như trên;", "- Ban Tổ chức Tỉnh ủy;", "- Lưu: VT, CCVC (Mật).")
    capacity = ("GIÁM ĐỐC",)
    sheet.fill(prose, reserve=_signature_height(capacity, recipients))
    sheet.signature(capacity=capacity, name="Đỗ Thị Kim Oanh", recipients=recipients)
    return sheet.finish(key="personnel", filename="to-trinh-cong-tac-can-bo.pdf")


def build_sample_documents() -> list[SampleDocument]:
    """Generate the sample meeting's four PDFs.

    The result is the same, byte for byte, on every call, so that seeding the demo again
    stores the same blobs instead of new copies.

    Returns:
        The programme (3 pages), the budget report (12), the 2027 plan (8, one of them
        landscape) and the confidential personnel proposal (4), in that order.
    """
    return [_agenda(), _budget(), _plan(), _personnel()]
