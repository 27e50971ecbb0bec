"""Add papers from the dashboard: uploaded or pasted text to previewed records, then to the store.

The readers take files, and tell a feed's format from its content, so uploaded bytes are written
to a private temporary file first; the name the user gave is kept only for messages.
"""
from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from extract.records import Paper, ResultRecord
from leaderboards.store import IngestStats, ingest

MAX_UPLOAD_MB = 5
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024


@dataclass(frozen=True)
class Preview:
    """Papers read from one input, each with the records extracted from it, and what went wrong."""

    source: str
    extracted: tuple[tuple[Paper, tuple[ResultRecord, ...]], ...]
    problems: tuple[str, ...]

    @property
    def records(self) -> int:
        return sum(len(records) for _, records in self.extracted)


def size_problem(size_bytes: int) -> str | None:
    """The message for an input over the size limit, or None when it is within it."""
    if size_bytes <= MAX_UPLOAD_BYTES:
        return None
    return (f"This input is {size_bytes / 1024 / 1024:.1f} MB; the dashboard takes at most "
            f"{MAX_UPLOAD_MB} MB at a time. Split it, or add it with `leaderboard ingest FILE`.")


def input_formats() -> tuple[str, ...]:
    from extract.readers import FORMATS  # written alongside the dashboard; imported when needed

    return ("auto", *FORMATS)


def preview(source: str, content: bytes, format: str = "auto") -> Preview:
    """Read papers from content (any format the command line reads) and extract their records."""
    from extract import extract_records
    from extract.readers import read_papers

    problems: list[str] = []
    problem = size_problem(len(content))
    if problem:
        return Preview(source, (), (problem,))
    with tempfile.TemporaryDirectory(prefix="leaderboard-upload-") as folder:
        path = Path(folder) / "input"
        path.write_bytes(content)

        def report(error) -> None:
            where = ":".join(str(p) for p in (source, getattr(error, "line", None)) if p is not None)
            problems.append(f"{where}: {getattr(error, 'message', error)}")

        papers = list(read_papers([path], format=format, on_error=report))
    extracted = []
    for paper in papers:
        try:
            extracted.append((paper, tuple(extract_records(paper))))
        except Exception as error:
            # A bug in the extractor on one paper is a line in the problem list, not a traceback
            # on the page; the paper is left out, so adding the rest cannot wipe its stored records.
            problems.append(f"{paper.title[:60]!r}: the extractor failed, a bug to report: "
                            f"{type(error).__name__}: {error}")
    return Preview(source, tuple(extracted), tuple(problems))


def add_to_store(conn: sqlite3.Connection, previewed: Preview) -> IngestStats:
    return ingest(conn, ((paper, list(records)) for paper, records in previewed.extracted))
