"""Extraction throughput on one core, next to one plain regex scan for numbers over the same texts.

    python bench/throughput.py [--n 20000] [--seed 0] [--repeats 3]

Both loops go from a Paper's text to their output, over the same synthetic abstracts
(bench/make_corpus.py), in this one process: the scan for numbers is the practical ceiling of
any extractor that must at least find the numbers. Figures are the median of the repeats, after
an untimed warm-up that pays for lazily loaded vocabularies once. Rates are per CPU second of
this single-threaded process, which is what one core delivers even on a busy machine; the
wall-clock rates are printed beside them. The targets of issue 5 are 5,000 abstracts/s, and at
least a tenth of the scan's rate.
"""
from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from make_corpus import synthetic_papers

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from extract.pipeline import extract_records  # noqa: E402
from extract.records import Paper  # noqa: E402

TARGET_ABSTRACTS_PER_SECOND = 5_000
TARGET_SHARE_OF_SCAN = 0.10
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def count_numbers(paper: Paper) -> int:
    return len(_NUMBER.findall(paper.text))


def count_records(paper: Paper) -> int:
    return len(extract_records(paper))


def timed_pass(papers: list[Paper], work: Callable[[Paper], int]) -> tuple[float, float, int]:
    """CPU seconds and wall seconds of one pass of work over the papers, and the sum it returned."""
    cpu_started, wall_started = time.process_time(), time.perf_counter()
    found = sum(map(work, papers))
    return time.process_time() - cpu_started, time.perf_counter() - wall_started, found


def median_rates(papers: list[Paper], work: Callable[[Paper], int], repeats: int) -> tuple[float, float, int]:
    """Papers per CPU second and per wall second, medians over the passes, and what was found."""
    passes = [timed_pass(papers, work) for _ in range(repeats)]
    cpu = statistics.median(cpu for cpu, _, _ in passes)
    wall = statistics.median(wall for _, wall, _ in passes)
    return len(papers) / cpu, len(papers) / wall, passes[0][2]


def extractor_version() -> str:
    """The commit the figures belong to, marked when extract/ has uncommitted changes."""
    root = Path(__file__).resolve().parent.parent
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "extract"], cwd=root, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown"
    return commit + (" + uncommitted changes in extract/" if dirty else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="abstracts (default 20,000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=3, help="timed passes of each loop; the median counts")
    args = parser.parse_args(argv)

    papers = [Paper(title=row["title"], abstract=row["abstract"], paper_id=row["url"], url=row["url"])
              for row in synthetic_papers(args.n, args.seed)]
    for paper in papers[:200]:
        extract_records(paper)

    extract_rate, extract_wall_rate, records = median_rates(papers, count_records, args.repeats)
    scan_rate, scan_wall_rate, numbers = median_rates(papers, count_numbers, args.repeats)
    share = extract_rate / scan_rate
    characters = sum(len(paper.text) for paper in papers)

    print(f"extractor at {extractor_version()}; {len(papers):,} synthetic abstracts (seed {args.seed}), "
          f"{characters / len(papers):,.0f} characters each; median of {args.repeats} passes")
    print(f"extraction      {extract_rate:12,.0f} abstracts/s ({extract_wall_rate:,.0f} wall)  "
          f"{records:9,} records  ({records / len(papers):.2f} an abstract)")
    print(f"regex scan      {scan_rate:12,.0f} abstracts/s ({scan_wall_rate:,.0f} wall)  "
          f"{numbers:9,} numbers  ({numbers / len(papers):.2f} an abstract)")
    print(f"extraction / scan  {share:.3f}")
    meets_rate = extract_rate >= TARGET_ABSTRACTS_PER_SECOND
    meets_share = share >= TARGET_SHARE_OF_SCAN
    print(f"targets: >= {TARGET_ABSTRACTS_PER_SECOND:,} abstracts/s {'met' if meets_rate else 'NOT met'}; "
          f">= {TARGET_SHARE_OF_SCAN:.0%} of the scan {'met' if meets_share else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
