"""Nothing lost: whole papers per transaction (WAL), a killed ingest, readers beside a writer,
migration of a store of the first schema, and one row per paper across feeds."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from store_builders import record

from dashboard.data import reading
from extract import Paper, extract_records, read_papers
from extract.records import ResultRecord, title_hash_id
from leaderboards.store import (
    DEFAULT_INGEST_BATCH,
    SCHEMA_VERSION,
    StoreVersionError,
    connect,
    ingest,
    iter_papers,
    iter_records,
    schema_version,
    store_paper,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "data" / "samples"
SEEDS = ROOT / "seeds"
R1_TITLE = "Understanding R1-Zero-Like Training: A Critical Perspective"


def count(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> int:
    return conn.execute(sql, params).fetchone()[0]


def scored(title: str, n: int, paper_id: str = "") -> tuple[Paper, list[ResultRecord]]:
    """A paper reporting n scores, one a sentence, and its n records."""
    sentences = [f"Model {i} reaches {50 + i}.0% accuracy on AIME 2024." for i in range(n)]
    paper = Paper(title=title, abstract=" ".join(sentences), paper_id=paper_id)
    return paper, [record(paper, sentence[:-1], benchmark="AIME 2024", metric="accuracy",
                          value=50.0 + i, value_mention=f"{50 + i}.0%", unit="%")
                   for i, sentence in enumerate(sentences)]


# --- one transaction per paper, WAL ------------------------------------------------------------

def test_the_store_is_in_wal_mode_for_every_later_connection(tmp_path):
    connect(tmp_path / "s.db").close()
    plain = sqlite3.connect(tmp_path / "s.db")
    assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_paper_whose_records_fail_to_write_is_not_stored_at_all(tmp_path):
    conn = connect(tmp_path / "s.db")
    paper, records = scored("Half Written", 3)
    broken = records[:2] + [ResultRecord(**{**records[2].to_dict(), "benchmark": None})]  # NOT NULL
    with pytest.raises(sqlite3.IntegrityError):
        store_paper(conn, paper, broken)
    assert count(conn, "SELECT COUNT(*) FROM papers") == 0
    assert count(conn, "SELECT COUNT(*) FROM results") == 0


def test_a_failed_reingest_keeps_the_old_records(tmp_path):
    conn = connect(tmp_path / "s.db")
    paper, records = scored("Kept", 3)
    store_paper(conn, paper, records)
    with pytest.raises(sqlite3.IntegrityError):
        store_paper(conn, paper, [ResultRecord(**{**records[0].to_dict(), "metric": None})])
    assert [r.value for r in iter_records(conn)] == [50.0, 51.0, 52.0]


# --- SIGKILL part way through an ingest ----------------------------------------------------------

def synthetic_feed(path: Path, papers: int) -> dict[str, Paper]:
    """A JSON Lines feed of seed abstracts under new titles and arXiv ids; the papers by id."""
    seeds = list(read_papers([SEEDS]))
    with path.open("w", encoding="utf-8") as out:
        for i in range(papers):
            seed = seeds[i % len(seeds)]
            out.write(json.dumps({"id": f"2601.{i:05d}", "title": f"{seed.title} (copy {i})",
                                  "abstract": seed.abstract}) + "\n")
    return {paper.paper_id: paper for paper in read_papers([path])}


def papers_stored(db: Path) -> int:
    """The papers a reader sees, or 0 while the writer has not made its tables yet."""
    if not db.exists():
        return 0
    try:
        reader = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return count(reader, "SELECT COUNT(*) FROM papers")
        finally:
            reader.close()
    except sqlite3.OperationalError:
        return 0


def run_ingest(feed: Path, db: Path, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "leaderboards.cli", "ingest", str(feed), "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, **popen)


def assert_every_paper_holds_all_its_records(conn: sqlite3.Connection, feed: dict[str, Paper]) -> int:
    """Every stored paper has exactly the records extraction gives it; returns the papers checked."""
    stored = dict(conn.execute("SELECT p.paper_id, (SELECT COUNT(*) FROM results r WHERE r.paper_id = p.paper_id) "
                               "FROM papers p").fetchall())
    by_text: dict[str, int] = {}  # the copies share abstracts: extract each text once
    for paper_id, records in stored.items():
        paper = feed[paper_id]
        expected = by_text.setdefault(paper.abstract, len(extract_records(paper)))
        assert records == expected, f"{paper_id} has {records} of its {expected} records"
    assert count(conn, "SELECT COUNT(*) FROM results WHERE paper_id NOT IN (SELECT paper_id FROM papers)") == 0
    return len(stored)


def test_an_ingest_killed_part_way_leaves_whole_papers_and_rerunning_completes_it(tmp_path):
    feed_path, db = tmp_path / "feed.jsonl", tmp_path / "s.db"
    feed = synthetic_feed(feed_path, 6 * DEFAULT_INGEST_BATCH)  # six commits; the kill comes after the first
    # Its own session, so the kill reaches the extraction workers too, as a machine losing power would.
    ingest_process = run_ingest(feed_path, db, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while papers_stored(db) == 0 and ingest_process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        os.killpg(ingest_process.pid, signal.SIGKILL)
    finally:
        ingest_process.wait()
    assert ingest_process.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"

    conn = connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    stored = assert_every_paper_holds_all_its_records(conn, feed)
    assert 0 < stored < len(feed), "killed part way: some papers, not all"
    conn.close()

    again = run_ingest(feed_path, db)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err.decode()
    assert f"papers read: {len(feed)}, new: {len(feed) - stored}, updated: {stored}," in out.decode()
    conn = connect(db)
    assert assert_every_paper_holds_all_its_records(conn, feed) == len(feed)  # and none twice


# --- the dashboard reading while an ingest writes ------------------------------------------------

def test_a_reader_beside_an_ingest_sees_whole_papers_only(tmp_path):
    db = tmp_path / "s.db"
    connect(db).close()
    # Paper i reports i % 7 + 1 scores; the writer stores them all, then re-ingests them all (which
    # deletes and re-inserts each paper's records), committing after every paper.
    batch = [scored(f"Paper {i}", i % 7 + 1, paper_id=f"arxiv:2601.{i:05d}") for i in range(300)]
    expected = {paper.paper_id: len(records) for paper, records in batch}
    done = threading.Event()

    def write() -> None:
        writer = connect(db)
        try:
            for _ in range(2):
                ingest(writer, iter(batch), batch_size=1)
        finally:
            writer.close()
            done.set()

    thread = threading.Thread(target=write)
    thread.start()
    snapshots = part_way = 0
    try:
        while not done.is_set():
            with reading(str(db)) as conn:  # as every dashboard page reads
                seen = dict(conn.execute("SELECT paper_id, (SELECT COUNT(*) FROM results r "
                                         "WHERE r.paper_id = p.paper_id) FROM papers p").fetchall())
                total = count(conn, "SELECT COUNT(*) FROM results")
            assert all(records == expected[paper_id] for paper_id, records in seen.items()), seen
            assert total == sum(seen.values())
            snapshots += 1
            part_way += 0 < len(seen) < len(batch)
    finally:
        thread.join()
    assert snapshots > 10 and part_way > 0, "the reader never read while the writer wrote"


# --- migration from the first schema ---------------------------------------------------------------

# The store's schema as version 1 wrote it (leaderboards/store.py before title_key), kept
# verbatim: the migration must take a file made by exactly this.
SCHEMA_V1 = """
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


def v1_store(path: Path, papers: list[tuple[Paper, list[ResultRecord]]]) -> Path:
    """A store file as version 1 of this tool made it, holding papers."""
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_V1)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("PRAGMA journal_mode = WAL")
    with conn:
        for paper, records in papers:
            conn.execute("INSERT INTO papers VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (paper.paper_id, paper.title, paper.abstract, paper.url, paper.date, paper.source,
                          json.dumps(list(paper.authors))))
            fields = list(records[0].to_dict()) if records else []
            conn.executemany(f"INSERT INTO results ({', '.join(fields)}) VALUES ({', '.join('?' * len(fields))})",
                             [tuple(r.to_dict().values()) for r in records])
    conn.close()
    return path


def v1_papers() -> list[tuple[Paper, list[ResultRecord]]]:
    r1 = Paper(title=R1_TITLE, abstract="We achieve 43.3% accuracy on AIME 2024.", paper_id="arxiv:2503.20783",
               url="https://arxiv.org/abs/2503.20783", date="2025-03-26", source="arxiv", authors=("Zichen Liu",))
    focal = Paper(title="Focal Loss for Dense Object Detection", abstract="RetinaNet gets 39.1 AP on COCO.",
                  paper_id="https://openaccess.thecvf.com/focal", source="jsonl")
    page_only = Paper(title="A Paper Seen Only on the Page", abstract="It scores 12.5% accuracy on AIME 2024.",
                      source="trending")
    return [
        (r1, [record(r1, "43.3% accuracy on AIME 2024", benchmark="AIME 2024", metric="accuracy",
                     value=43.3, value_mention="43.3%", unit="%")]),
        (focal, [record(focal, "39.1 AP on COCO", benchmark="COCO", metric="AP", value=39.1,
                        value_mention="39.1", task="Object Detection")]),
        (page_only, [record(page_only, "12.5% accuracy on AIME 2024", benchmark="AIME 2024", metric="accuracy",
                            value=12.5, value_mention="12.5%", unit="%")]),
    ]


def test_a_store_of_the_first_schema_is_migrated_on_open_and_keeps_its_data(tmp_path):
    path = v1_store(tmp_path / "old.db", v1_papers())
    conn = connect(path)
    assert schema_version(conn) == SCHEMA_VERSION == 2
    assert list(iter_papers(conn)) == [paper for paper, _ in v1_papers()]
    assert list(iter_records(conn)) == [r for _, records in v1_papers() for r in records]
    keys = dict(conn.execute("SELECT paper_id, title_key FROM papers").fetchall())
    assert keys == {paper.paper_id: title_hash_id(paper.title) for paper, _ in v1_papers()}
    assert "papers_by_title_key" in {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    again = connect(path)  # a second open finds it current and changes nothing
    assert schema_version(again) == 2 and len(list(iter_records(again))) == 3


def test_migration_merges_a_paper_stored_under_its_title_and_its_arxiv_id(tmp_path):
    papers = v1_papers()
    r1, r1_records = papers[0]
    from_page = Paper(title=R1_TITLE, abstract=r1.abstract, source="trending")  # id: the title's hash
    path = v1_store(tmp_path / "old.db", [(from_page, [record(from_page, "43.3% accuracy on AIME 2024",
                                                               benchmark="AIME 2024", metric="accuracy", value=43.3,
                                                               value_mention="43.3%", unit="%")])] + papers)
    conn = connect(path)
    assert [p.paper_id for p in iter_papers(conn)] == ["arxiv:2503.20783", "https://openaccess.thecvf.com/focal",
                                                       papers[2][0].paper_id]
    assert [r.paper_id for r in iter_records(conn) if r.benchmark == "AIME 2024" and r.value == 43.3] == [r1.paper_id]


def test_a_store_of_a_newer_schema_is_refused_untouched(tmp_path):
    path = tmp_path / "new.db"
    newer = sqlite3.connect(path)
    newer.execute("PRAGMA user_version = 99")
    newer.execute("CREATE TABLE papers (paper_id TEXT PRIMARY KEY, shape TEXT)")
    newer.close()
    with pytest.raises(StoreVersionError, match="schema version 99"):
        connect(path)
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == 99
    assert [row[1] for row in check.execute("PRAGMA table_info(papers)")] == ["paper_id", "shape"]


def test_the_command_reports_a_newer_store_without_a_traceback(tmp_path):
    path = tmp_path / "new.db"
    newer = sqlite3.connect(path)
    newer.execute("PRAGMA user_version = 99")
    newer.close()
    done = subprocess.run([sys.executable, "-m", "leaderboards.cli", "boards", "--db", str(path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode != 0 and "schema version 99" in done.stderr and "Traceback" not in done.stderr


# --- the same paper from two feeds is one paper ---------------------------------------------------

def feed_papers(*names: str) -> list[Paper]:
    return [p for name in names for p in read_papers([SAMPLES / name]) if p.title == R1_TITLE]


@pytest.mark.parametrize("order", [("trending.txt", "arxiv.xml"), ("arxiv.xml", "trending.txt")])
def test_a_paper_from_the_trending_page_and_an_arxiv_feed_is_stored_once_under_its_arxiv_id(tmp_path, order):
    conn = connect(tmp_path / "s.db")
    papers = feed_papers(*order)
    assert {p.paper_id for p in papers} == {title_hash_id(R1_TITLE), "arxiv:2503.20783"}
    stats = [ingest(conn, [(paper, extract_records(paper))]) for paper in papers]
    assert [(s.papers_new, s.papers_updated) for s in stats] == [(1, 0), (0, 1)]
    (stored,) = [p for p in iter_papers(conn) if p.title == R1_TITLE]
    assert stored.paper_id == "arxiv:2503.20783"
    # The feed's link and date stay, whichever copy came last.
    assert (stored.url, stored.date) == ("http://arxiv.org/abs/2503.20783v1", "2025-03-26")
    assert stored.authors[-1] == "Min Lin"
    records = list(iter_records(conn))
    last = papers[-1]
    assert len(records) == len(extract_records(last)) > 0  # the last copy's records, once
    assert {r.paper_id for r in records} == {"arxiv:2503.20783"}
    assert all(stored.text[r.evidence_start:r.evidence_end] == r.evidence for r in records)


def test_the_command_stores_the_trending_and_arxiv_samples_once(tmp_path):
    db = tmp_path / "s.db"
    for sample in ("trending.txt", "arxiv.xml"):
        done = subprocess.run([sys.executable, "-m", "leaderboards.cli", "ingest", str(SAMPLES / sample),
                               "--db", str(db)], capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 0, done.stderr
    conn = connect(db)
    titles = [p.title for p in iter_papers(conn)]
    assert len(titles) == len(set(titles)) == 3  # R1 and V3 are in both samples, "Aha Moment" only on the page
    assert {p.paper_id for p in iter_papers(conn) if p.title in (R1_TITLE, "DeepSeek-V3 Technical Report")} == {
        "arxiv:2503.20783", "arxiv:2412.19437"}
    duplicates = conn.execute("SELECT paper_id, evidence_start, benchmark, metric, COUNT(*) FROM results "
                              "GROUP BY paper_id, evidence_start, benchmark, metric, value HAVING COUNT(*) > 1")
    assert duplicates.fetchall() == []


def test_two_papers_with_different_arxiv_ids_and_one_title_stay_two(tmp_path):
    conn = connect(tmp_path / "s.db")
    title = "A Survey of Large Language Models"
    first, second = (Paper(title=title, abstract=f"Survey {n}.", paper_id=f"arxiv:230{n}.00001") for n in (1, 2))
    for paper in (first, second):
        store_paper(conn, paper, [])
    # Known only by that title, a third copy cannot say which of the two it is: it stays apart.
    page = Paper(title=title, abstract="Survey from the page.")
    assert store_paper(conn, page, []) is True
    assert sorted(p.paper_id for p in iter_papers(conn)) == sorted([first.paper_id, second.paper_id, page.paper_id])


def test_a_title_only_copy_keeps_the_known_link_date_and_authors(tmp_path):
    conn = connect(tmp_path / "s.db")
    known = Paper(title="Some Title", abstract="A.", paper_id="https://aclanthology.org/x", date="2024-05-01",
                  authors=("Ada",))
    store_paper(conn, known, [])
    assert store_paper(conn, Paper(title="some title!", abstract="A, from the page.", source="trending"), []) is False
    (stored,) = iter_papers(conn)
    assert (stored.paper_id, stored.url, stored.date, stored.authors) == (known.paper_id, None, "2024-05-01", ("Ada",))
    assert stored.abstract == "A, from the page."  # the last copy's text, which its records point into
