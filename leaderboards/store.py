"""The embedded store: papers and their result records in one SQLite file.

A paper and its results are written in one transaction, so a reader never sees a paper
without its results, and re-ingesting a paper replaces its records instead of adding to them.
The file is in WAL mode: a reader (the dashboard) reads a snapshot while an ingest writes, and
a killed ingest leaves the store as of its last commit.

One paper is one row even when two feeds name it differently: a paper known only by its title
(the trending page gives no link) and the same title stored with an arXiv id or a link are
merged under the better id (see _stored_id).

The schema carries a version (PRAGMA user_version); connect() migrates an older store in one
transaction, keeping its data.
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extract.records import RECORD_FIELDS, TITLE_ID_PREFIX, Paper, ResultRecord, title_hash_id

SCHEMA_VERSION = 2
DEFAULT_DB = "leaderboard.db"

# Version 2 added papers.title_key, the normalised title (title_hash_id) that finds the same
# paper under another id.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS papers (
    paper_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    abstract TEXT NOT NULL,
    url TEXT,
    date TEXT,
    source TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    title_key TEXT
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
CREATE INDEX IF NOT EXISTS papers_by_title_key ON papers(title_key);
"""


class StoreVersionError(sqlite3.DatabaseError):
    """A store written by a newer version of this tool, whose schema this one does not know."""


def default_db_path() -> str:
    return os.environ.get("LEADERBOARD_DB") or DEFAULT_DB


@dataclass(frozen=True)
class IngestStats:
    papers_read: int = 0
    papers_new: int = 0
    papers_updated: int = 0
    records_stored: int = 0


def connect(path: str | os.PathLike | None = None) -> sqlite3.Connection:
    """Open (creating if needed) the store at path, or the default store, migrating a store of an
    older schema version to this one."""
    path = Path(path or default_db_path())
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        if schema_version(conn) != SCHEMA_VERSION:
            _create_or_migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _create_or_migrate(conn: sqlite3.Connection) -> None:
    """Create the tables of a new store, or bring an older one up to SCHEMA_VERSION, in one
    transaction: a migration that fails leaves the store as it was."""
    # IMMEDIATE takes the write lock first, so two processes opening an old store at once do not
    # both migrate it: the second waits, then finds the version already current.
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(conn)
        has_tables = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'papers'").fetchone() is not None
        if version > SCHEMA_VERSION:
            raise StoreVersionError(f"the store has schema version {version}, newer than the {SCHEMA_VERSION} "
                                    "this version of leaderboard-extractor knows; upgrade it to open this store")
        if version == 0 and not has_tables:
            for statement in _statements(_SCHEMA):
                conn.execute(statement)
        else:
            # Version 0 with tables: a store of the first schema that was never stamped.
            for old_version in range(max(version, 1), SCHEMA_VERSION):
                _MIGRATIONS[old_version](conn)
        conn.execute(f"PRAGMA user_version = {int(SCHEMA_VERSION)}")  # a pragma takes no parameters
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


def _statements(script: str) -> list[str]:
    # executescript would commit the open transaction first; one statement at a time stays in it.
    return [statement.strip() for statement in script.split(";") if statement.strip()]


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    """Add papers.title_key, fill it in, and merge papers stored twice under their title alone and
    under an arXiv id or link."""
    conn.create_function("title_key", 1, title_hash_id, deterministic=True)
    conn.execute("ALTER TABLE papers ADD COLUMN title_key TEXT")
    conn.execute("UPDATE papers SET title_key = title_key(title)")
    conn.execute("CREATE INDEX IF NOT EXISTS papers_by_title_key ON papers(title_key)")
    title_only = conn.execute(
        "SELECT paper_id, title_key FROM papers WHERE paper_id LIKE ? ORDER BY rowid", (TITLE_ID_PREFIX + "%",)
    ).fetchall()
    for title_id, title_key in title_only:
        identified = _identified_ids(conn, title_key)
        if len(identified) == 1:
            _absorb(conn, title_id, into=identified[0])


_MIGRATIONS = {1: _migrate_1_to_2}


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


_INSERT_RESULT = "INSERT INTO results ({}) VALUES ({})".format(
    ", ".join(RECORD_FIELDS), ", ".join("?" * len(RECORD_FIELDS))
)
_PAPER_ID_FIELD = RECORD_FIELDS.index("paper_id")


def _is_title_only(paper_id: str) -> bool:
    """A paper with no arXiv id and no link is known by the hash of its title alone."""
    return paper_id.startswith(TITLE_ID_PREFIX)


def _identified_ids(conn: sqlite3.Connection, title_key: str) -> list[str]:
    """The ids of the stored papers with this title that have an arXiv id or a link (two at most:
    two already mean the title alone cannot say which one a paper is)."""
    rows = conn.execute(
        "SELECT paper_id FROM papers WHERE title_key = ? AND paper_id NOT LIKE ? ORDER BY rowid LIMIT 2",
        (title_key, TITLE_ID_PREFIX + "%"),
    ).fetchall()
    return [row[0] for row in rows]


def _stored_id(conn: sqlite3.Connection, paper: Paper, title_key: str) -> str:
    """The id a paper is stored under: its own, unless it is known by its title alone and the store
    holds that title under exactly one arXiv id or link, which then names it.

    Two papers with different arXiv ids or links stay two papers even with the same title (there
    are many surveys called "A Survey of Large Language Models").
    """
    if not _is_title_only(paper.paper_id):
        return paper.paper_id
    identified = _identified_ids(conn, title_key)
    return identified[0] if len(identified) == 1 else paper.paper_id


def _absorb(conn: sqlite3.Connection, title_id: str, into: str) -> None:
    """Merge the row of a paper known by its title alone into the row `into` of the same paper:
    `into` keeps its id and gains the url, date and authors it lacks; the title row goes, with
    its records (`into` has records of its own)."""
    conn.execute(
        "UPDATE papers SET url = COALESCE(url, (SELECT url FROM papers WHERE paper_id = :old)), "
        "date = COALESCE(date, (SELECT date FROM papers WHERE paper_id = :old)), "
        "authors = CASE WHEN authors = '[]' THEN (SELECT authors FROM papers WHERE paper_id = :old) "
        "ELSE authors END WHERE paper_id = :new",
        {"old": title_id, "new": into},
    )
    conn.execute("DELETE FROM papers WHERE paper_id = ?", (title_id,))


def _write_paper(conn: sqlite3.Connection, paper: Paper, records: Iterable[ResultRecord]) -> bool:
    """Upsert a paper and replace its records inside the caller's transaction; True if new.

    The same paper stored before under its title alone, or stored with an arXiv id or link while
    this copy has only its title, is updated under the better id, never stored twice.
    """
    title_key = title_hash_id(paper.title)
    stored_id = _stored_id(conn, paper, title_key)
    rows = [tuple(stored_id if i == _PAPER_ID_FIELD else getattr(r, f) for i, f in enumerate(RECORD_FIELDS))
            for r in records]
    existed = conn.execute("SELECT 1 FROM papers WHERE paper_id = ?", (stored_id,)).fetchone() is not None
    conn.execute(
        "INSERT INTO papers (paper_id, title, abstract, url, date, source, authors, title_key) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(paper_id) DO UPDATE SET "
        "title = excluded.title, abstract = excluded.abstract, "
        "url = COALESCE(excluded.url, papers.url), date = COALESCE(excluded.date, papers.date), "
        "source = excluded.source, "
        "authors = CASE WHEN excluded.authors = '[]' THEN papers.authors ELSE excluded.authors END, "
        "title_key = excluded.title_key",
        (stored_id, paper.title, paper.abstract, paper.url, paper.date, paper.source,
         json.dumps(list(paper.authors)), title_key),
    )
    if not _is_title_only(stored_id) and title_key != stored_id and _identified_ids(conn, title_key) == [stored_id]:
        # The same paper came earlier from a feed that knew only its title (the trending page).
        title_row = conn.execute("SELECT 1 FROM papers WHERE paper_id = ?", (title_key,)).fetchone()
        if title_row is not None:
            _absorb(conn, title_key, into=stored_id)
            existed = True
    conn.execute("DELETE FROM results WHERE paper_id = ?", (stored_id,))
    conn.executemany(_INSERT_RESULT, rows)
    return not existed


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


_PAPER_COLUMNS = ("paper_id", "title", "abstract", "url", "date", "source", "authors")


def iter_papers(conn: sqlite3.Connection) -> Iterator[Paper]:
    for row in conn.execute(f"SELECT {', '.join(_PAPER_COLUMNS)} FROM papers ORDER BY rowid"):
        d = dict(row)
        d["authors"] = tuple(json.loads(d["authors"]))
        yield Paper(**d)
