"""A realistic synthetic corpus: N abstracts recombined from the seed corpus, as JSON Lines.

    python bench/make_corpus.py 1000000 -o corpus.jsonl --seed 0

Each synthetic abstract takes the sentence count of one seed abstract and fills every position
with the sentence at the same relative position of another seed abstract. Openings stay
openings and result sentences stay near the end, so the density of results per abstract stays
close to the seed's. Titles are recombined the same way, around their colon. The same seed gives
the same corpus, and lines are written as they are made, so N is bounded only by the disk.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SEED_CORPUS = Path(__file__).resolve().parent.parent / "seeds" / "trending-papers.txt"

# Lines of the scraped page that are not papers; the page also glues its "Subscribe" button onto
# the first title.
_PAGE_CHROME_PREFIX = "Get trending papers in your email inbox"
_GLUED_BUTTON = "Subscribe"

# A sentence ends at . ! or ? followed by a capital; good enough for recombination, where a
# rare wrong split ("Dr. GRPO") only makes one synthetic sentence shorter.
_SENTENCE_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@dataclass(frozen=True)
class SeedPaper:
    title: str
    sentences: tuple[str, ...]


def parse_seed_corpus(text: str) -> list[SeedPaper]:
    """Title line then abstract line, for every paper on the scraped trending page."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith(_PAGE_CHROME_PREFIX)]
    if lines and lines[0].startswith(_GLUED_BUTTON):
        lines[0] = lines[0][len(_GLUED_BUTTON):]
    return [
        SeedPaper(title, tuple(_SENTENCE_BOUNDARY.split(abstract)))
        for title, abstract in zip(lines[0::2], lines[1::2])
    ]


def _at_same_relative_position(sentences: tuple[str, ...], position: int, length: int) -> str:
    if length == 1 or len(sentences) == 1:
        return sentences[0] if position == 0 else sentences[-1]
    return sentences[round(position * (len(sentences) - 1) / (length - 1))]


def recombined_abstract(seeds: list[SeedPaper], rng: random.Random) -> str:
    length = len(rng.choice(seeds).sentences)
    return " ".join(
        _at_same_relative_position(rng.choice(seeds).sentences, position, length)
        for position in range(length)
    )


def recombined_title(seeds: list[SeedPaper], rng: random.Random) -> str:
    """A name from one title and a subtitle from another, where both have a colon; else one title."""
    title, other = rng.choice(seeds).title, rng.choice(seeds).title
    head, colon, _ = title.partition(": ")
    _, other_colon, other_tail = other.partition(": ")
    return f"{head}: {other_tail}" if colon and other_colon else title


def synthetic_papers(n: int, seed: int = 0, seed_corpus: Path = SEED_CORPUS) -> Iterator[dict]:
    """N synthetic papers as JSON-ready dicts, deterministic for a seed.

    Titles repeat across a large corpus, so every paper carries a URL of its own, which the
    readers take as its id: without one the store would fold papers of one title into one.
    The .invalid domain is reserved, so the URL can never point at a real page.
    """
    seeds = parse_seed_corpus(Path(seed_corpus).read_text(encoding="utf-8"))
    rng = random.Random(seed)
    for index in range(n):
        yield {
            "title": recombined_title(seeds, rng),
            "abstract": recombined_abstract(seeds, rng),
            "url": f"https://synthetic.invalid/{seed}/{index}",
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of abstracts")
    parser.add_argument("-o", "--output", required=True, help="JSON Lines file to write, or - for stdout")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--seed-corpus", type=Path, default=SEED_CORPUS, help="trending-page text to recombine")
    args = parser.parse_args(argv)
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    try:
        for paper in synthetic_papers(args.n, args.seed, args.seed_corpus):
            out.write(json.dumps(paper, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
