"""The store: one row per paper however often and from however many feeds it comes in."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from store_builders import record

from extract import Paper, read_papers
from leaderboards.store import (
    SCHEMA_VERSION,
    IngestStats,
    connect,
    default_db_path,
    ingest,
    iter_papers,
    iter_records,
    schema_version,
    store_paper,
)

SAMPLES = Path(__file__).parent / "data" / "samples"

R1 = Paper(
    title="Understanding R1-Zero-Like Training: A Critical Perspective",
    abstract="We present a minimalist R1-Zero recipe that achieves 43.3% accuracy on AIME 2024 "
             "with a 7B base model, and 40.0% accuracy on MATH500.",
    paper_id="arxiv:2503.20783", url="https://arxiv.org/abs/2503.20783", source="jsonl",
)


def aime(paper: Paper) -> list:
    return [record(paper, "achieves 43.3% accuracy on AIME 2024", benchmark="AIME 2024",
                   metric="accuracy", value=43.3, value_mention="43.3%", unit="%")]


def both(paper: Paper) -> list:
    return aime(paper) + [record(paper, "40.0% accuracy on MATH500", benchmark="MATH500",
                                 metric="accuracy", value=40.0, value_mention="40.0%", unit="%")]


def count(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_a_new_store_has_both_tables_and_a_schema_version(tmp_path):
    conn = connect(tmp_path / "s.db")
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"papers", "results"} <= tables
    assert schema_version(conn) == SCHEMA_VERSION >= 1


def test_reopening_keeps_what_was_stored(tmp_path):
    path = tmp_path / "s.db"
    store_paper(connect(path), R1, aime(R1))
    conn = connect(path)
    assert [p.paper_id for p in iter_papers(conn)] == ["arxiv:2503.20783"]
    assert [r.value for r in iter_records(conn)] == [43.3]


def test_default_path_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("LEADERBOARD_DB", raising=False)
    assert default_db_path() == "leaderboard.db"
    monkeypatch.setenv("LEADERBOARD_DB", "/data/boards.db")
    assert default_db_path() == "/data/boards.db"


def test_store_paper_round_trips_every_field(tmp_path):
    conn = connect(tmp_path / "s.db")
    paper = Paper(title=R1.title, abstract=R1.abstract, paper_id=R1.paper_id, url=R1.url,
                  date="2025-03-26", source="arxiv", authors=("Zichen Liu", "Min Lin"))
    records = both(paper)
    assert store_paper(conn, paper, records) is True
    assert list(iter_papers(conn)) == [paper]
    assert list(iter_records(conn)) == records
    stored = list(iter_records(conn))[0]
    assert paper.text[stored.evidence_start:stored.evidence_end] == stored.evidence


def test_reingesting_a_paper_replaces_its_records_and_never_duplicates(tmp_path):
    conn = connect(tmp_path / "s.db")
    first = ingest(conn, [(R1, both(R1))])
    assert first == IngestStats(papers_read=1, papers_new=1, papers_updated=0, records_stored=2)
    again = ingest(conn, [(R1, both(R1))])
    assert again == IngestStats(papers_read=1, papers_new=0, papers_updated=1, records_stored=2)
    assert (count(conn, "papers"), count(conn, "results")) == (1, 2)
    # A better extractor finding fewer results must leave only those.
    fewer = ingest(conn, [(R1, aime(R1))])
    assert fewer.records_stored == 1
    assert [r.benchmark for r in iter_records(conn)] == ["AIME 2024"]


def test_reingest_with_no_records_clears_them_and_keeps_the_paper(tmp_path):
    conn = connect(tmp_path / "s.db")
    ingest(conn, [(R1, both(R1))])
    ingest(conn, [(R1, [])])
    assert (count(conn, "papers"), count(conn, "results")) == (1, 0)


def test_ingest_counts_new_and_updated_papers(tmp_path):
    conn = connect(tmp_path / "s.db")
    other = Paper(title="DeepSeek-V3 Technical Report", abstract="We present DeepSeek-V3.",
                  paper_id="arxiv:2412.19437")
    ingest(conn, [(R1, aime(R1))])
    stats = ingest(conn, [(R1, aime(R1)), (other, [])])
    assert stats == IngestStats(papers_read=2, papers_new=1, papers_updated=1, records_stored=1)


def test_a_later_feed_without_url_or_date_keeps_the_known_ones(tmp_path):
    conn = connect(tmp_path / "s.db")
    store_paper(conn, Paper(title=R1.title, abstract=R1.abstract, paper_id=R1.paper_id,
                            url=R1.url, date="2025-03-26"), [])
    store_paper(conn, Paper(title=R1.title, abstract=R1.abstract, paper_id=R1.paper_id), [])
    (stored,) = iter_papers(conn)
    assert (stored.url, stored.date) == (R1.url, "2025-03-26")


def test_a_paper_read_from_jsonl_and_from_atom_is_stored_once(tmp_path):
    conn = connect(tmp_path / "s.db")
    papers = list(read_papers([SAMPLES / "papers.jsonl", SAMPLES / "arxiv.xml"]))
    stats = ingest(conn, ((p, []) for p in papers))
    # 3 from JSON Lines, 2 from the feed, and both of the feed's papers are already in the lines.
    assert stats == IngestStats(papers_read=5, papers_new=3, papers_updated=2, records_stored=0)
    assert sorted(p.paper_id for p in iter_papers(conn))[:2] == ["arxiv:2412.19437", "arxiv:2503.20783"]
    assert count(conn, "papers") == 3


def test_a_paper_read_from_csv_and_from_the_trending_page_is_stored_once(tmp_path):
    conn = connect(tmp_path / "s.db")
    papers = list(read_papers([SAMPLES / "papers.csv", SAMPLES / "trending.txt"]))
    stats = ingest(conn, ((p, []) for p in papers))
    # The "Aha Moment" paper is in both, under the same title and so the same title hash.
    assert (stats.papers_read, stats.papers_new, stats.papers_updated) == (5, 4, 1)
    titles = [p.title for p in iter_papers(conn)]
    assert len(titles) == len(set(titles)) == 4


def test_records_of_a_paper_are_deleted_with_it(tmp_path):
    conn = connect(tmp_path / "s.db")
    store_paper(conn, R1, both(R1))
    with conn:
        conn.execute("DELETE FROM papers WHERE paper_id = ?", (R1.paper_id,))
    assert count(conn, "results") == 0
