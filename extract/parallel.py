"""Extraction on every core: the serial stream, spread over worker processes in chunks.

Papers are cut into chunks in this process and each chunk is extracted by a worker. Only a
bounded number of chunks is in flight at once, so memory stays constant however long the input
is (Pool.imap would read the whole input ahead), and chunks are yielded in submission order, so
the output is the serial output, record for record.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TextIO

from .pipeline import extract_records
from .records import Paper, ResultRecord

Extractor = Callable[[Paper], list[ResultRecord]]
Extracted = tuple[Paper, list[ResultRecord]]

# Large enough that the per-task cost of pickling and queueing is small next to extraction of
# the chunk, small enough that the first results arrive at once.
DEFAULT_CHUNK_SIZE = 256
# Two chunks per worker keeps every worker busy while the parent yields the previous chunk.
CHUNKS_IN_FLIGHT_PER_JOB = 2


def resolve_jobs(jobs: int | None) -> int:
    """The number of worker processes: jobs itself, or every core for None or 0."""
    if jobs is None or jobs <= 0:
        return os.cpu_count() or 1
    return jobs


def chunked(items: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _extract_chunk(extract: Extractor, chunk: list[Paper]) -> list[list[ResultRecord]]:
    # Only the records travel back: the parent still holds the papers of the chunk.
    return [extract(paper) for paper in chunk]


def extract_parallel(
    papers: Iterable[Paper],
    jobs: int | None = None,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    extract: Extractor = extract_records,
) -> Iterator[Extracted]:
    """(paper, records) for every paper, in input order, extracted by `jobs` processes.

    jobs=1 runs in this process, with no pool to start. extract must be a module-level
    function when jobs > 1, since workers receive it by name.
    """
    jobs = resolve_jobs(jobs)
    if jobs == 1:
        for paper in papers:
            yield paper, extract(paper)
        return
    max_in_flight = jobs * CHUNKS_IN_FLIGHT_PER_JOB
    # Leaving the with-block, also when the consumer stops early, terminates the workers.
    with multiprocessing.get_context().Pool(jobs) as pool:
        in_flight: deque = deque()
        for chunk in chunked(papers, chunk_size):
            in_flight.append((chunk, pool.apply_async(_extract_chunk, (extract, chunk))))
            if len(in_flight) >= max_in_flight:
                chunk_done, result = in_flight.popleft()
                yield from zip(chunk_done, result.get())
        while in_flight:
            chunk_done, result = in_flight.popleft()
            yield from zip(chunk_done, result.get())


def with_progress(
    extracted: Iterable[Extracted], *, total: int | None = None, stream: TextIO | None = None
) -> Iterator[Extracted]:
    """The same stream, drawing papers/s and records/s on stream when it is a terminal.

    Off a terminal (a pipe, a log file, CI) the stream passes through untouched, so logs stay
    free of carriage-return noise.
    """
    stream = stream or sys.stderr
    if not stream.isatty():
        yield from extracted
        return
    from tqdm import tqdm  # only a terminal pays for the import

    records = 0
    started = last_postfix = time.monotonic()
    with tqdm(total=total, unit=" papers", file=stream, dynamic_ncols=True) as bar:
        for paper, paper_records in extracted:
            records += len(paper_records)
            bar.update()
            now = time.monotonic()
            # tqdm rates one counter; records/s goes in the postfix, refreshed twice a second.
            if now - last_postfix >= 0.5:
                bar.set_postfix_str(f"{records:,} records, {records / (now - started):,.0f} records/s", refresh=False)
                last_postfix = now
            yield paper, paper_records
        bar.set_postfix_str(f"{records:,} records", refresh=False)
