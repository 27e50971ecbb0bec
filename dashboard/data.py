"""The dashboard's cached reads of the store.

Each loader takes the store's path and its stamp (see store_stamp): the stamp changes whenever
papers or records are written, by this dashboard or by an ingest running beside it, so a cached
answer is reused only while the store is unchanged. Each call opens its own short-lived
connection, because Streamlit runs scripts on several threads and a connection is not shared.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
import streamlit as st

from leaderboards import boards
from leaderboards.export import safe_csv
from leaderboards.store import connect

from . import queries

Stamp = tuple[int, int, int]


@contextmanager
def reading(db_path: str) -> Iterator[sqlite3.Connection]:
    """A connection that sees one snapshot of the store for all its queries.

    An ingest may commit papers while a page loads; in one read transaction (WAL mode) the
    page's queries all see the store as it was when the first one ran: whole papers only, and
    counts that agree with the rows listed.
    """
    conn = connect(db_path)
    try:
        conn.execute("BEGIN")
        yield conn
    finally:
        conn.rollback()  # nothing was written; ends the read transaction
        conn.close()


def store_stamp(db_path: str) -> Stamp:
    """A cheap fingerprint of the store's content: index lookups, not a scan.

    Re-ingesting a paper deletes and re-inserts its records, which always raises the largest
    result id, so an update changes the stamp as well as an addition.
    """
    with reading(db_path) as conn:
        papers, last_paper = conn.execute("SELECT COUNT(*), COALESCE(MAX(rowid), 0) FROM papers").fetchone()
        (last_result,) = conn.execute("SELECT COALESCE(MAX(result_id), 0) FROM results").fetchone()
    return papers, last_paper, last_result


@st.cache_data(show_spinner=False, max_entries=8)
def load_boards(db_path: str, stamp: Stamp) -> pd.DataFrame:
    with reading(db_path) as conn:
        return boards.list_boards(conn)


@st.cache_data(show_spinner=False, max_entries=256)
def load_board_info(db_path: str, stamp: Stamp, benchmark: str, metric: str) -> boards.BoardInfo | None:
    with reading(db_path) as conn:
        return boards.board_info(conn, benchmark, metric)


@st.cache_data(show_spinner=False, max_entries=256)
def load_board_page(db_path: str, stamp: Stamp, benchmark: str, metric: str,
                    limit: int, offset: int) -> pd.DataFrame:
    with reading(db_path) as conn:
        return boards.board(conn, benchmark, metric, limit=limit, offset=offset)


def board_csv(db_path: str, benchmark: str, metric: str) -> bytes:
    """The whole board as CSV, safe to open in a spreadsheet; built only when downloaded."""
    with reading(db_path) as conn:
        ranked = boards.board(conn, benchmark, metric)
    return safe_csv(ranked).encode("utf-8")


@st.cache_data(show_spinner=False, max_entries=64)
def load_relative(db_path: str, stamp: Stamp, benchmark: str | None, limit: int) -> pd.DataFrame:
    with reading(db_path) as conn:
        return boards.relative_results(conn, benchmark=benchmark, limit=limit)


@st.cache_data(show_spinner=False, max_entries=64)
def load_costs(db_path: str, stamp: Stamp, hardware: str | None, limit: int) -> pd.DataFrame:
    with reading(db_path) as conn:
        return boards.cost_results(conn, hardware=hardware, limit=limit)


@st.cache_data(show_spinner=False, max_entries=8)
def load_hardware(db_path: str, stamp: Stamp) -> pd.DataFrame:
    with reading(db_path) as conn:
        return boards.hardware_summary(conn)


@st.cache_data(show_spinner=False, max_entries=8)
def load_counts(db_path: str, stamp: Stamp) -> queries.StoreCounts:
    with reading(db_path) as conn:
        return queries.store_counts(conn)


@st.cache_data(show_spinner=False, max_entries=64)
def load_paper_count(db_path: str, stamp: Stamp, search: str | None, paper_id: str | None) -> int:
    with reading(db_path) as conn:
        return queries.count_papers(conn, search, paper_id)


@st.cache_data(show_spinner=False, max_entries=64)
def load_papers(db_path: str, stamp: Stamp, search: str | None, paper_id: str | None,
                limit: int, offset: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One page of papers matching, and the records of those papers."""
    with reading(db_path) as conn:
        page = queries.papers_page(conn, search, paper_id, limit, offset)
        records = queries.records_of_papers(conn, page["paper_id"].tolist())
    return page, records
