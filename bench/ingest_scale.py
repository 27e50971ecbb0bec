"""Ingest N synthetic abstracts into a fresh SQLite store, streaming; wall time and peak memory.

    python bench/ingest_scale.py [N] [--jobs J] [--batch-size B] [--db PATH] [--via-cli]

N defaults to 1,000,000. Papers are made on the fly (bench/make_corpus.py), extracted on J
processes and written in batches, so peak resident memory should not grow with N: a line every
tenth of the way shows it, and the issue's bound is 500 MB. --via-cli writes the corpus to a file
first (untimed) and times `leaderboard ingest FILE` as a child process instead, the path a user
takes; its peak is then that of the largest process of the command (the command or a worker).
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from make_corpus import synthetic_papers
from throughput import extractor_version

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from extract.parallel import Extracted, extract_parallel, resolve_jobs  # noqa: E402
from extract.records import Paper  # noqa: E402
from leaderboards import store  # noqa: E402

LIMIT_MB = 500


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS, where this overstates it 1024 times).
    return resource.getrusage(who).ru_maxrss / 1024


def current_rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def papers_on_the_fly(n: int, seed: int) -> Iterator[Paper]:
    for row in synthetic_papers(n, seed):
        yield Paper(title=row["title"], abstract=row["abstract"], paper_id=row["url"], url=row["url"])


def reporting_every_tenth(extracted: Iterable[Extracted], n: int, started: float) -> Iterator[Extracted]:
    step = max(n // 10, 1)
    for count, item in enumerate(extracted, start=1):
        yield item
        if count % step == 0:
            elapsed = time.perf_counter() - started
            print(f"  {count:>10,} papers  {elapsed:7.1f} s  {count / elapsed:8,.0f} papers/s  "
                  f"rss now {current_rss_mb():6.1f} MB", file=sys.stderr, flush=True)


def ingest_in_process(n: int, seed: int, jobs: int, batch_size: int, db: Path) -> tuple[float, store.IngestStats]:
    conn = store.connect(db)
    started = time.perf_counter()
    extracted = extract_parallel(papers_on_the_fly(n, seed), jobs)
    stats = store.ingest(conn, reporting_every_tenth(extracted, n, started), batch_size=batch_size)
    seconds = time.perf_counter() - started
    conn.close()
    return seconds, stats


def ingest_via_cli(n: int, seed: int, jobs: int, db: Path, workdir: Path) -> tuple[float, str]:
    corpus = workdir / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for row in synthetic_papers(n, seed):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    # The console script's own code, run by this Python, so no activated venv is needed.
    command = [sys.executable, "-m", "leaderboards.cli", "ingest", str(corpus), "--db", str(db), "--jobs", str(jobs)]
    print("  $ leaderboard " + " ".join(command[3:]), file=sys.stderr)
    started = time.perf_counter()
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, finished.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=1_000_000, help="abstracts (default 1,000,000)")
    parser.add_argument("--jobs", type=int, default=0, help="extraction processes (default: every core)")
    parser.add_argument("--batch-size", type=int, default=store.DEFAULT_INGEST_BATCH, help="papers a transaction")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--db", type=Path, help="store to create (default: a temporary one, removed after)")
    parser.add_argument("--via-cli", action="store_true", help="time `leaderboard ingest` on a corpus file")
    args = parser.parse_args(argv)
    jobs = resolve_jobs(args.jobs)

    workdir = Path(tempfile.mkdtemp(prefix="ingest_scale_"))
    db = args.db or workdir / "bench.db"
    if db.exists():
        parser.error(f"{db} exists; the benchmark wants a fresh store")
    try:
        print(f"extractor at {extractor_version()}; {args.n:,} synthetic abstracts, {jobs} jobs", file=sys.stderr)
        if args.via_cli:
            seconds, summary = ingest_via_cli(args.n, args.seed, jobs, db, workdir)
            peak = f"peak RSS {peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB (largest process of the command)"
        else:
            seconds, stats = ingest_in_process(args.n, args.seed, jobs, args.batch_size, db)
            summary = f"papers: {stats.papers_read:,}, records stored: {stats.records_stored:,}"
            peak = (f"peak RSS {peak_rss_mb():.0f} MB (this process), "
                    f"{peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB (largest worker)")
        size_mb = sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 2**20
        worst = max(peak_rss_mb(), peak_rss_mb(resource.RUSAGE_CHILDREN))
        print(summary)
        print(f"ingested {args.n:,} abstracts in {seconds:,.1f} s ({args.n / seconds:,.0f} abstracts/s); "
              f"store {size_mb:,.0f} MB; {peak}")
        print(f"peak RSS under {LIMIT_MB} MB: {'yes' if worst < LIMIT_MB else 'NO'}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
