"""The embedded store: papers and their result records in one SQLite file.

A paper and its results are written in one transaction, so a reader never sees a paper
without its results, and re-ingesting a paper replaces its records instead of adding to them.
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extract.records import RECORD_FIELDS, Paper, ResultRecord

SCHEMA_VERSION = 1
DEFAULT_DB = "leaderboard.db"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS papers (
    paper_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    abstract TEXT NOT NULL,
    url TEXT,
    date TEXT,
    source TEXT,
    authors TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS results (
    result_id INTEGER PRIMARY KEY,
    paper_id TEXT NOT NULL REFERENCES papers(paper_id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    method TEXT,
    benchmark TEXT NOT NULL,
    benchmark_mention TEXT,
    metric TEXT NOT NULL,
    metric_mention TEXT,
    value REAL NOT NULL,
    value_mention TEXT NOT NULL,
    unit TEXT,
    kind TEXT NOT NULL,
    qualifier TEXT,
    hardware TEXT,
    evidence TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    value_normalized REAL,
    unit_normalized TEXT,
    direction TEXT,
    task TEXT
);
CREATE INDEX IF NOT EXISTS results_by_paper ON results(paper_id);
CREATE INDEX IF NOT EXISTS results_by_board ON results(kind, benchmark, metric);
"""


def default_db_path() -> str:
    return os.environ.get("LEADERBOARD_DB") or DEFAULT_DB


@dataclass(frozen=True)
class IngestStats:
    papers_read: int = 0
    papers_new: int = 0
    papers_updated: int = 0
    records_stored: int = 0


def connect(path: str | os.PathLike | None = None) -> sqlite3.Connection:
    """Open (creating if needed) the store at path, or the default store."""
    path = Path(path or default_db_path())
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    with conn:
        conn.executescript(_SCHEMA)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


_INSERT_RESULT = "INSERT INTO results ({}) VALUES ({})".format(
    ", ".join(RECORD_FIELDS), ", ".join("?" * len(RECORD_FIELDS))
)


def _write_paper(conn: sqlite3.Connection, paper: Paper, records: Iterable[ResultRecord]) -> bool:
    """Upsert a paper and replace its records inside the caller's transaction; True if new."""
    rows = [tuple(getattr(r, f) for f in RECORD_FIELDS) for r in records]
    existed = conn.execute("SELECT 1 FROM papers WHERE paper_id = ?", (paper.paper_id,)).fetchone()
    conn.execute(
        "INSERT INTO papers (paper_id, title, abstract, url, date, source, authors) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(paper_id) DO UPDATE SET "
        "title = excluded.title, abstract = excluded.abstract, "
        "url = COALESCE(excluded.url, papers.url), date = COALESCE(excluded.date, papers.date), "
        "source = excluded.source, authors = excluded.authors",
        (paper.paper_id, paper.title, paper.abstract, paper.url, paper.date, paper.source,
         json.dumps(list(paper.authors))),
    )
    conn.execute("DELETE FROM results WHERE paper_id = ?", (paper.paper_id,))
    conn.executemany(_INSERT_RESULT, rows)
    return existed is None


def store_paper(conn: sqlite3.Connection, paper: Paper, records: Iterable[ResultRecord]) -> bool:
    """Write a paper and replace its records in one transaction; True if the paper is new."""
    with conn:
        return _write_paper(conn, paper, records)


# A commit costs a sync to disk; a few hundred papers per transaction make it negligible while a
# batch still holds only a few hundred papers in memory.
DEFAULT_INGEST_BATCH = 500


def ingest(
    conn: sqlite3.Connection,
    extracted: Iterable[tuple[Paper, list[ResultRecord]]],
    batch_size: int = DEFAULT_INGEST_BATCH,
) -> IngestStats:
    """Store each (paper, records) pair, batch_size whole papers per transaction; return what was done.

    A transaction holds whole papers only, so a reader still never sees a paper without its
    records. If the input fails part-way, the papers read before the failure are stored.
    """
    read = new = records = 0
    batch: list[tuple[Paper, list[ResultRecord]]] = []

    def write_batch() -> None:
        nonlocal new, records
        try:
            with conn:
                for paper, paper_records in batch:
                    new += _write_paper(conn, paper, paper_records)
                    records += len(paper_records)
        finally:
            batch.clear()  # a batch that failed to write is not retried on the way out

    try:
        for paper, paper_records in extracted:
            read += 1
            batch.append((paper, paper_records))
            if len(batch) >= batch_size:
                write_batch()
    finally:
        if batch:
            write_batch()
    return IngestStats(papers_read=read, papers_new=new, papers_updated=read - new, records_stored=records)


def iter_records(conn: sqlite3.Connection, where: str = "", params: tuple = ()) -> Iterator[ResultRecord]:
    """Records in the store, optionally filtered by a parameterised WHERE clause."""
    sql = f"SELECT {', '.join(RECORD_FIELDS)} FROM results {('WHERE ' + where) if where else ''} ORDER BY result_id"
    for row in conn.execute(sql, params):
        yield ResultRecord(**dict(row))


def iter_papers(conn: sqlite3.Connection) -> Iterator[Paper]:
    for row in conn.execute("SELECT * FROM papers ORDER BY rowid"):
        d = dict(row)
        d["authors"] = tuple(json.loads(d["authors"]))
        yield Paper(**d)
