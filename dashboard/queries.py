"""The dashboard's own reads of the store: counts and pages of papers, each one SQL query.

Only what a page shows is loaded: a page of papers and the records of those papers, never the
whole table, so the pages stay quick on a store of a million records.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import pandas as pd

from leaderboards.boards import like_pattern, nulls_as_none

KINDS = ("score", "relative", "cost")


@dataclass(frozen=True)
class StoreCounts:
    papers: int
    records_by_kind: dict[str, int]

    @property
    def records(self) -> int:
        return sum(self.records_by_kind.values())


def store_counts(conn: sqlite3.Connection) -> StoreCounts:
    (papers,) = conn.execute("SELECT COUNT(*) FROM papers").fetchone()
    by_kind = {kind: 0 for kind in KINDS}
    for kind, count in conn.execute("SELECT kind, COUNT(*) FROM results GROUP BY kind"):
        by_kind[kind] = count
    return StoreCounts(papers=papers, records_by_kind=by_kind)


def _paper_filter(search: str | None, paper_id: str | None) -> tuple[str, list]:
    if paper_id:
        return "WHERE p.paper_id = ?", [paper_id]
    if search:
        return "WHERE p.title LIKE ? ESCAPE '\\'", [like_pattern(search)]
    return "", []


def count_papers(conn: sqlite3.Connection, search: str | None = None, paper_id: str | None = None) -> int:
    where, params = _paper_filter(search, paper_id)
    return conn.execute(f"SELECT COUNT(*) FROM papers p {where}", params).fetchone()[0]


def papers_page(conn: sqlite3.Connection, search: str | None = None, paper_id: str | None = None,
                limit: int = 10, offset: int = 0) -> pd.DataFrame:
    """One page of papers (in the order they were stored), each with its number of records."""
    where, params = _paper_filter(search, paper_id)
    return nulls_as_none(pd.read_sql_query(
        "SELECT p.paper_id, p.title, p.abstract, p.url, p.date, "
        "(SELECT COUNT(*) FROM results r WHERE r.paper_id = p.paper_id) AS records "
        f"FROM papers p {where} ORDER BY p.rowid LIMIT ? OFFSET ?",
        conn,
        params=[*params, int(limit), int(offset)],
    ))


def records_of_papers(conn: sqlite3.Connection, paper_ids: list[str]) -> pd.DataFrame:
    """Every record of the given papers, in the order they were extracted."""
    placeholders = ", ".join("?" * len(paper_ids)) or "NULL"
    return nulls_as_none(pd.read_sql_query(
        "SELECT paper_id, kind, method, benchmark, metric, value, unit, value_mention, qualifier, "
        "hardware, evidence, evidence_start, evidence_end "
        f"FROM results WHERE paper_id IN ({placeholders}) ORDER BY result_id",
        conn,
        params=list(paper_ids),
    ))
