"""extract_parallel gives the serial output, record for record, and reads its input lazily."""
from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from extract.parallel import chunked, extract_parallel, resolve_jobs, with_progress
from extract.pipeline import extract_papers
from extract.readers import read_papers
from extract.records import Paper, ResultRecord
from leaderboards import store

DEV_PAPERS = Path(__file__).parent / "data" / "dev_papers.jsonl"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def numbers_as_records(paper: Paper) -> list[ResultRecord]:
    """A stand-in extractor with many records a paper, each tied to its paper's text, so that a
    record out of place or out of order shows whatever state the real extractor is in."""
    return [
        ResultRecord(
            paper_id=paper.paper_id, title=paper.title, method=None, benchmark="numbers", benchmark_mention=None,
            metric="value", metric_mention=None, value=float(match.group()), value_mention=match.group(),
            unit=None, kind="score", qualifier=None, hardware=None, evidence=match.group(),
            evidence_start=match.start(), evidence_end=match.end(),
        )
        for match in _NUMBER.finditer(paper.text)
    ]


def dev_papers(copies: int = 1) -> list[Paper]:
    papers = list(read_papers(DEV_PAPERS))
    return [
        Paper(title=p.title, abstract=p.abstract, paper_id=f"{p.paper_id}#{copy}")
        for copy in range(copies) for p in papers
    ]


@pytest.mark.parametrize("extract", [None, numbers_as_records], ids=["real extractor", "numbers"])
def test_two_jobs_give_the_one_job_output_record_for_record(extract):
    papers = dev_papers(copies=3)
    options = {"extract": extract} if extract else {}
    serial = list(extract_parallel(papers, jobs=1, **options))
    # A small chunk size makes many chunks, so order across chunks and workers is exercised.
    parallel = list(extract_parallel(papers, jobs=2, chunk_size=7, **options))
    assert parallel == serial
    assert [paper for paper, _ in parallel] == papers


def test_one_job_is_the_serial_pipeline():
    papers = dev_papers()
    assert list(extract_parallel(papers, jobs=1)) == list(extract_papers(papers))


def test_one_job_runs_in_this_process():
    # A lambda cannot be sent to a worker, so it works only when no pool is started.
    records = list(extract_parallel(dev_papers()[:3], jobs=1, extract=lambda paper: []))
    assert [r for _, r in records] == [[], [], []]


def test_the_input_is_read_a_bounded_number_of_chunks_ahead():
    taken = itertools.count()

    def endless_papers():
        for index in taken:
            yield Paper(title=f"Paper {index}", abstract="We reach 91.5% accuracy on ImageNet.")

    first = list(itertools.islice(extract_parallel(endless_papers(), jobs=2, chunk_size=10, extract=numbers_as_records), 25))
    assert [paper.title for paper, _ in first] == [f"Paper {i}" for i in range(25)]
    read_ahead = next(taken) - 25
    assert read_ahead <= 2 * 2 * 10  # jobs x chunks in flight per job x chunk size


def test_chunks_cover_the_input_in_order():
    assert list(chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]


def test_jobs_default_to_every_core(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 6)
    assert resolve_jobs(None) == resolve_jobs(0) == 6
    assert resolve_jobs(3) == 3


def test_progress_stays_quiet_off_a_terminal(capsys):
    import io

    stream = io.StringIO()  # not a terminal
    extracted = [(paper, numbers_as_records(paper)) for paper in dev_papers()[:5]]
    assert list(with_progress(iter(extracted), stream=stream)) == extracted
    assert stream.getvalue() == ""


def test_ingest_in_batches_stores_what_ingest_paper_by_paper_stores(tmp_path):
    extracted = [(paper, numbers_as_records(paper)) for paper in dev_papers(copies=2)]
    extracted += extracted[:10]  # papers seen again replace their records, within a batch too
    by_paper, batched = store.connect(tmp_path / "one.db"), store.connect(tmp_path / "batched.db")
    stats_by_paper = store.ingest(by_paper, extracted, batch_size=1)
    stats_batched = store.ingest(batched, extracted, batch_size=64)
    assert stats_batched == stats_by_paper
    assert list(store.iter_records(batched)) == list(store.iter_records(by_paper))
    assert list(store.iter_papers(batched)) == list(store.iter_papers(by_paper))


def test_ingest_keeps_the_papers_read_before_the_input_fails(tmp_path):
    papers = dev_papers()[:5]

    def failing_after_three():
        for paper in papers[:3]:
            yield paper, numbers_as_records(paper)
        raise RuntimeError("input broke")

    conn = store.connect(tmp_path / "store.db")
    with pytest.raises(RuntimeError):
        store.ingest(conn, failing_after_three(), batch_size=100)
    assert [p.paper_id for p in store.iter_papers(conn)] == [p.paper_id for p in papers[:3]]


def test_leaderboard_extract_with_two_jobs_writes_the_one_job_output(tmp_path):
    from leaderboards import cli

    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert cli.main(["extract", str(DEV_PAPERS), "--jobs", "1", "-o", str(one)]) == 0
    assert cli.main(["extract", str(DEV_PAPERS), "--jobs", "2", "-o", str(two)]) == 0
    assert two.read_text(encoding="utf-8") == one.read_text(encoding="utf-8")


def test_leaderboard_ingest_with_two_jobs_stores_the_one_job_records(tmp_path):
    from leaderboards import cli

    for jobs in ("1", "2"):
        assert cli.main(["ingest", str(DEV_PAPERS), "--jobs", jobs, "--db", str(tmp_path / f"{jobs}.db")]) == 0
    one, two = store.connect(tmp_path / "1.db"), store.connect(tmp_path / "2.db")
    assert list(store.iter_records(two)) == list(store.iter_records(one))
