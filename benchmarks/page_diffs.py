"""Benchmark: "what changed" in a revised 500-page document (``page_diffs``).

Run from the repository root::

    .venv/bin/python -m benchmarks.page_diffs            # 500 pages of 400 words
    .venv/bin/python -m benchmarks.page_diffs --quick    # 100 pages

No server and no PDF: the page texts are made from a fixed seed (a vocabulary of Vietnamese
syllables, with a few very common words, as real reports have), as the search index would
hold them.  Four revisions, from the common to the worst:

- ``few_edits``: a word changed on every 40th page, a page inserted, a page removed;
- ``reflowed``: four words inserted early on and the whole text set again, so every later
  page starts elsewhere (and one more word changed far down);
- ``every_page``: one common word changed on every page (every page differs);
- ``rewritten``: a different text altogether.

Target: each ≤ 1 s.  Prints one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import time
from collections.abc import Callable

from ecabinet.client.changes import page_diffs

TARGET_SECONDS = 1.0
SYLLABLES = [
    "ngân",
    "sách",
    "nhà",
    "nước",
    "tỉnh",
    "huyện",
    "xã",
    "dự",
    "toán",
    "thu",
    "chi",
    "đầu",
    "tư",
    "phát",
    "triển",
    "kinh",
    "tế",
    "hội",
    "đồng",
    "nhân",
    "dân",
    "ủy",
    "ban",
    "báo",
    "cáo",
    "kế",
    "hoạch",
    "thực",
    "hiện",
    "năm",
    "giai",
    "đoạn",
    "công",
    "trình",
    "giao",
    "thông",
    "thủy",
    "lợi",
    "giáo",
    "dục",
    "y",
    "tế",
    "văn",
    "hóa",
    "môi",
    "trường",
    "nông",
    "nghiệp",
    "công",
    "nghiệp",
    "dịch",
    "vụ",
    "du",
    "lịch",
    "quốc",
    "phòng",
]


def make_text(rng: random.Random, pages: int, words: int) -> list[str]:
    vocabulary = [f"{rng.choice(SYLLABLES)}{n}" for n in range(5000)] + ["và", "của"] * 100
    return [" ".join(rng.choice(vocabulary) for _ in range(words)) for _ in range(pages)]


def revisions(rng: random.Random, old: list[str], words: int) -> dict[str, list[str]]:
    few = list(old)
    for page in range(3, len(few), 40):
        text = few[page].split()
        text[words // 2] = "SỬA"
        few[page] = " ".join(text)
    few.insert(len(few) // 5, "Trang mới chèn vào")
    del few[len(few) // 2]
    flat = " ".join(old).split()
    flat[1000:1000] = ["đoạn", "mới", "thêm", "vào"]
    flat[len(flat) // 2] = "ĐỔI"
    reflowed = [" ".join(flat[i : i + words]) for i in range(0, len(flat), words)]
    every = [page.replace(" và ", " VÀ ", 1) for page in old]
    rewritten = make_text(rng, len(old), words)
    return {"few_edits": few, "reflowed": reflowed, "every_page": every, "rewritten": rewritten}


def timed(work: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--words", type=int, default=400, help="words a page")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="100 pages")
    args = parser.parse_args()
    pages = 100 if args.quick else args.pages
    rng = random.Random(args.seed)
    old = make_text(rng, pages, args.words)
    results = {}
    for name, new in revisions(rng, old, args.words).items():
        seconds, diffs = timed(lambda new=new: page_diffs(old, new))
        assert isinstance(diffs, list)
        results[name] = {
            "seconds": round(seconds, 3),
            "pages_reported": len(diffs),
            "pass": seconds <= TARGET_SECONDS,
        }
    print(
        json.dumps(
            {
                "benchmark": "page_diffs",
                "pages": pages,
                "words_per_page": args.words,
                "python": platform.python_version(),
                "target_seconds": TARGET_SECONDS,
                "results": results,
                "pass": all(r["pass"] for r in results.values()),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
