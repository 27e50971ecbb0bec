"""The Dask engine: records from a LocalCluster of two workers equal the serial run's."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

pytest.importorskip("distributed")

from extract.distributed import (  # noqa: E402
    extract_on_dask,
    is_extracted_parquet,
    read_extracted_parquet,
    read_record_parquet,
)
from extract.pipeline import extract_records  # noqa: E402
from extract.readers import read_papers  # noqa: E402
from extract.records import RECORD_FIELDS  # noqa: E402
from leaderboards import store  # noqa: E402
from test_parallel import DEV_PAPERS, numbers_as_records  # noqa: E402

# Threads, not processes, keep the cluster's start to a second on a 2-core CI machine; the
# partition function still goes through Dask's graph, scheduler and two workers.
CLUSTER = {"n_workers": 2, "processes": False}
# Small blocks cut the dev corpus into several partitions, so their order is exercised.
BLOCKSIZE = 40_000


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The dev papers three times over, each copy with ids of its own."""
    rows = [json.loads(line) for line in DEV_PAPERS.read_text(encoding="utf-8").splitlines() if line.strip()]
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for copy in range(3):
            for index, row in enumerate(rows):
                out.write(json.dumps({**row, "url": f"https://synthetic.invalid/{copy}/{index}"}) + "\n")
    return path


@pytest.mark.parametrize("extract", [None, numbers_as_records], ids=["real extractor", "numbers"])
def test_records_from_two_dask_workers_equal_the_serial_run(corpus, tmp_path, extract):
    extract = extract or extract_records
    serial = [(paper, extract(paper)) for paper in read_papers(corpus)]
    stats = extract_on_dask([str(corpus)], str(tmp_path / "out"), blocksize=BLOCKSIZE, extract=extract, **CLUSTER)
    assert stats.partitions > 1
    assert (stats.papers, stats.records, stats.errors) == (len(serial), sum(len(r) for _, r in serial), ())
    assert list(read_extracted_parquet(str(tmp_path / "out"))) == serial
    assert list(read_record_parquet(str(tmp_path / "out"))) == [record for _, records in serial for record in records]


def test_parquet_input_gives_what_json_lines_give(corpus, tmp_path):
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    parquet = tmp_path / "corpus.parquet"
    pq.write_table(pa.Table.from_pylist(rows), parquet, row_group_size=100)  # several partitions
    extract_on_dask([str(corpus)], str(tmp_path / "from_jsonl"), blocksize=BLOCKSIZE, extract=numbers_as_records, **CLUSTER)
    stats = extract_on_dask([str(parquet)], str(tmp_path / "from_parquet"), extract=numbers_as_records, **CLUSTER)
    assert stats.partitions == -(-len(rows) // 100)
    assert list(read_record_parquet(str(tmp_path / "from_parquet"))) == list(read_record_parquet(str(tmp_path / "from_jsonl")))


def test_the_output_loads_into_the_store_and_into_pandas(corpus, tmp_path):
    out = tmp_path / "out"
    extract_on_dask([str(corpus)], str(out), blocksize=BLOCKSIZE, extract=numbers_as_records, **CLUSTER)
    assert is_extracted_parquet(str(out)) and not is_extracted_parquet(str(corpus.parent))

    from_dask, serial = store.connect(tmp_path / "dask.db"), store.connect(tmp_path / "serial.db")
    store.ingest(from_dask, read_extracted_parquet(str(out)))
    store.ingest(serial, ((paper, numbers_as_records(paper)) for paper in read_papers(corpus)))
    assert list(store.iter_papers(from_dask)) == list(store.iter_papers(serial))
    assert list(store.iter_records(from_dask)) == list(store.iter_records(serial))

    frame = pd.read_parquet(out / "records")
    assert tuple(frame.columns) == RECORD_FIELDS
    assert len(frame) == store.connect(tmp_path / "serial.db").execute("SELECT COUNT(*) FROM results").fetchone()[0]


def test_a_rerun_replaces_the_parts_of_a_larger_earlier_run(corpus, tmp_path):
    out = str(tmp_path / "out")
    extract_on_dask([str(corpus)], out, blocksize=BLOCKSIZE // 4, extract=numbers_as_records, **CLUSTER)
    extract_on_dask([str(DEV_PAPERS)], out, extract=numbers_as_records, **CLUSTER)
    assert [paper.paper_id for paper, _ in read_extracted_parquet(out)] == [p.paper_id for p in read_papers(DEV_PAPERS)]


def test_bad_lines_are_reported_and_skipped(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"title": "A", "abstract": "We get 90.1% on MNIST."}\nnot json\n{"title": "B"}\n', encoding="utf-8")
    stats = extract_on_dask([str(corpus)], str(tmp_path / "out"), extract=numbers_as_records, **CLUSTER)
    assert stats.papers == 1 and len(stats.errors) == 2
    assert "not valid JSON" in stats.errors[0] and "no abstract" in stats.errors[1]


def test_worker_processes_give_the_same_records(corpus, tmp_path):
    """The deployed shape: the partition function and the extractor travel to other processes."""
    serial = [record for paper in read_papers(corpus) for record in numbers_as_records(paper)]
    extract_on_dask([str(corpus)], str(tmp_path / "out"), blocksize=BLOCKSIZE, extract=numbers_as_records,
                    n_workers=2, processes=True)
    assert list(read_record_parquet(str(tmp_path / "out"))) == serial


def test_leaderboard_on_dask_stores_what_ingest_here_stores(corpus, tmp_path):
    from leaderboards import cli

    parts, here = tmp_path / "parts", tmp_path / "here.db"
    assert cli.main(["ingest", str(corpus), "--jobs", "1", "--db", str(here)]) == 0
    # In two steps, through a folder of parts, and in one, through a temporary folder.
    assert cli.main(["extract", str(corpus), "--engine", "dask", "--jobs", "2", "-o", str(parts)]) == 0
    assert cli.main(["ingest", str(parts), "--db", str(tmp_path / "from_parts.db")]) == 0
    assert cli.main(["ingest", str(corpus), "--engine", "dask", "--jobs", "2", "--db", str(tmp_path / "on_dask.db")]) == 0
    for db in ("from_parts.db", "on_dask.db"):
        assert list(store.iter_papers(store.connect(tmp_path / db))) == list(store.iter_papers(store.connect(here)))
        assert list(store.iter_records(store.connect(tmp_path / db))) == list(store.iter_records(store.connect(here)))
    assert not list(tmp_path.glob(".leaderboard-parts-*"))  # the temporary parts are gone


def test_leaderboard_extract_on_dask_needs_an_output_folder(corpus, capsys):
    from leaderboards import cli

    assert cli.main(["extract", str(corpus), "--engine", "dask"]) == 2
    assert "-o DIR" in capsys.readouterr().err
