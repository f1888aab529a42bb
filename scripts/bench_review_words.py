"""How long review words take with a large list: compiling it and reading one case.

    .venv/bin/python scripts/bench_review_words.py --words 1000 10000 30000

For each size, ``--words`` random words of 2–5 Han characters (seeded) are compiled as the
build compiles the list (``content._compile``: a trie matched on the text without its gaps),
and as it was compiled before (every word its own alternative, longest first, with a gap
between every two characters: ``WORD_GAP``); then both read a
3,000-character text of Han characters and punctuation with some of the words in it. The
two must find the same places (exit 1 at the first difference). One core; run it alone.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time

from showcase.core.case import content
from showcase.core.case.pii import WORD_GAP
from showcase.core.simplified import simplified

HAN = [chr(code) for code in range(0x4E00, 0x4E00 + 3000)]


def flat(words: tuple[str, ...]) -> re.Pattern[str]:
    forms = dict.fromkeys(form for word in words for form in (word, simplified(word)) if form)
    return re.compile("|".join(WORD_GAP.join(map(re.escape, word)) for word in sorted(forms, key=len, reverse=True)))


def timed(action, rounds: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(rounds):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=[1000, 10000, 30000])
    parser.add_argument("--rounds", type=int, default=3, help="reads of the text, best taken")
    args = parser.parse_args()
    print(f"{'words':>7} {'compile (trie)':>15} {'a case (trie)':>14} {'compile (flat)':>15} {'a case (flat)':>14} found")
    for size in args.words:
        rng = random.Random(size)
        words = tuple(dict.fromkeys("".join(rng.choices(HAN, k=rng.randint(2, 5))) for _ in range(size)))
        parts = [rng.choice(HAN) + ("，" if rng.random() < 0.08 else "") for _ in range(3000)]
        for at in range(0, 3000, 300):
            parts[at] = rng.choice(words)
        text = "".join(parts)[:3000]
        content._compile.cache_clear()
        start = time.perf_counter()
        trie = content._compile(words)
        trie_compile = time.perf_counter() - start
        assert trie is not None
        start = time.perf_counter()
        reference = flat(words)
        flat_compile = time.perf_counter() - start
        trie_read, trie_found = timed(lambda trie=trie, text=text: trie.spans(text), args.rounds)
        flat_read, flat_found = timed(lambda reference=reference, text=text: [m.span() for m in reference.finditer(text)], args.rounds)
        if trie_found != flat_found:
            print(f"不一致：{size} 个词时两种写法找到的位置不同", file=sys.stderr)
            return 1
        print(
            f"{len(words):>7,} {trie_compile:>13.2f} s {trie_read * 1000:>11.2f} ms {flat_compile:>13.2f} s {flat_read * 1000:>11.2f} ms"
            f" {len(trie_found)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
