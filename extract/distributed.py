"""Extraction on a Dask cluster: a corpus split into partitions, records written as Parquet.

    stats = extract_on_dask(["corpus.jsonl"], "out/", scheduler="tcp://scheduler:8786")
    for paper, records in read_extracted_parquet("out/"):   # what ingest stores
        ...
    pandas.read_parquet("out/records")                      # the flat table of records

Inputs are JSON Lines (split into byte blocks on line ends) or Parquet (one partition per row
group), as paths, directories or globs on any filesystem fsspec knows (local, s3://, gs://...).
Each partition is read, extracted and written by one worker, to two files:

    out/papers/part-000000.parquet    one row per paper, with record_count
    out/records/part-000000.parquet   one row per record, in paper order

The records of the papers of a part are its next record_count rows, so the loaders give back
the serial output, paper for paper and record for record. Workers write the parts themselves,
so on a real cluster out/ must be storage that every worker and the client can reach.
"""
from __future__ import annotations

import io
import json
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from .parallel import Extracted, Extractor
from .pipeline import extract_records
from .readers import InputError, parse_jsonl
from .records import RECORD_FIELDS, Paper, ResultRecord

# About 20,000 abstracts a partition: seconds of work for a worker, megabytes of memory.
DEFAULT_BLOCKSIZE = "32MiB"
_PARQUET_SUFFIXES = (".parquet", ".pq")

_ARROW_TYPES = {str: pa.string(), float: pa.float64(), int: pa.int64()}


def _arrow_type(hint: typing.Any) -> pa.DataType:
    """The Arrow type of a field annotated T or T | None; every column is nullable anyway."""
    if isinstance(hint, types.UnionType):
        (hint,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    return _ARROW_TYPES[hint]


RECORD_SCHEMA = pa.schema(
    [(name, _arrow_type(hint)) for name, hint in typing.get_type_hints(ResultRecord).items()]
)
PAPER_SCHEMA = pa.schema([
    ("paper_id", pa.string()), ("title", pa.string()), ("abstract", pa.string()), ("url", pa.string()),
    ("date", pa.string()), ("source", pa.string()), ("authors", pa.list_(pa.string())),
    ("record_count", pa.int64()),
])


@dataclass(frozen=True)
class PartitionStats:
    index: int
    papers: int
    records: int
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class DaskRunStats:
    partitions: int = 0
    papers: int = 0
    records: int = 0
    errors: tuple[str, ...] = field(default_factory=tuple)


# --- inputs ----------------------------------------------------------------------------------

_CORPUS_SUFFIXES = (".jsonl", ".ndjson") + _PARQUET_SUFFIXES


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Every file named by the inputs, in sorted order: a directory gives its JSON Lines and
    Parquet files, a glob its matches, a file itself."""
    files: list[str] = []
    for given in map(str, inputs):
        fs, root = fsspec.core.url_to_fs(given)
        if fs.isdir(root):
            found = sorted(p for p in fs.find(root) if p.lower().endswith(_CORPUS_SUFFIXES))
        elif any(char in root for char in "*?["):
            found = sorted(fs.glob(root))
        else:
            found = [root]
        # Workers open the files themselves, so remote paths keep their protocol (s3://...).
        files += [fs.unstrip_protocol(p) for p in found] if "://" in given else found
    return files


def _is_parquet(path: str) -> bool:
    return path.lower().endswith(_PARQUET_SUFFIXES)


def _parquet_row_group_lines(path: str, row_group: int) -> list[str]:
    # A Parquet row goes through the same JSON Lines parser as a JSON object, so both inputs
    # give the same papers; default=str turns dates and the like into the text a JSON file has.
    with fsspec.open(path, "rb") as file:
        rows = pq.ParquetFile(file).read_row_group(row_group).to_pylist()
    return [json.dumps(row, default=str) for row in rows]


def _parquet_row_groups(path: str) -> int:
    with fsspec.open(path, "rb") as file:
        return pq.ParquetFile(file).num_row_groups


def corpus_partitions(inputs: Iterable[str], blocksize: str | int = DEFAULT_BLOCKSIZE) -> list:
    """Delayed partitions of the corpus, in input order, each computing to a list of JSON lines."""
    import dask
    import dask.bag

    partitions = []
    for path in expand_inputs(inputs):
        if _is_parquet(path):
            partitions += [dask.delayed(_parquet_row_group_lines)(path, group) for group in range(_parquet_row_groups(path))]
        else:
            partitions += dask.bag.read_text(path, blocksize=blocksize).to_delayed()
    return partitions


# --- one partition, on a worker --------------------------------------------------------------

def _part_name(index: int) -> str:
    return f"part-{index:06d}.parquet"


def _paper_row(paper: Paper, record_count: int) -> dict:
    return {
        "paper_id": paper.paper_id, "title": paper.title, "abstract": paper.abstract, "url": paper.url,
        "date": paper.date, "source": paper.source, "authors": list(paper.authors), "record_count": record_count,
    }


def extract_partition_to_parquet(
    lines: list[str], output_dir: str, index: int, extract: Extractor = extract_records
) -> PartitionStats:
    """Parse, extract and write one partition; what it held comes back, not the records."""
    paper_rows, record_rows, errors = [], [], []
    # The line numbers the parser reports count from the start of the partition, not the file.
    for item in parse_jsonl(io.StringIO("".join(line if line.endswith("\n") else line + "\n" for line in lines)),
                            f"partition {index}"):
        if isinstance(item, InputError):
            errors.append(str(item))
            continue
        records = extract(item)
        paper_rows.append(_paper_row(item, len(records)))
        record_rows += [record.to_dict() for record in records]
    fs, root = fsspec.core.url_to_fs(output_dir)
    for kind, rows, schema in (("papers", paper_rows, PAPER_SCHEMA), ("records", record_rows, RECORD_SCHEMA)):
        fs.makedirs(f"{root}/{kind}", exist_ok=True)
        with fs.open(f"{root}/{kind}/{_part_name(index)}", "wb") as file:
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), file)
    return PartitionStats(index=index, papers=len(paper_rows), records=len(record_rows), errors=tuple(errors))


# --- the run, from the client ----------------------------------------------------------------

@contextmanager
def dask_client(scheduler: str | None = None, n_workers: int | None = None, processes: bool = True):
    """A client of the cluster at scheduler, or of a LocalCluster started (and stopped) here."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    # One thread a worker: extraction is pure Python and holds the GIL, processes give the cores.
    with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=processes,
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        yield client


def _remove_old_parts(output_dir: str) -> None:
    # Parts of an earlier, larger run would otherwise be loaded along with this one's.
    fs, root = fsspec.core.url_to_fs(output_dir)
    for kind in ("papers", "records"):
        old = fs.glob(f"{root}/{kind}/part-*.parquet")
        if old:
            fs.rm(old)


def extract_on_dask(
    inputs: Iterable[str],
    output_dir: str,
    *,
    scheduler: str | None = None,
    n_workers: int | None = None,
    processes: bool = True,
    blocksize: str | int = DEFAULT_BLOCKSIZE,
    extract: Extractor = extract_records,
    on_partition: Callable[[PartitionStats], None] | None = None,
) -> DaskRunStats:
    """Extract every paper of the inputs on a Dask cluster into Parquet parts under output_dir.

    With no scheduler address a LocalCluster of n_workers processes (default: one a core) runs
    it. on_partition hears of each partition as it finishes, in any order, for progress.
    """
    from distributed import as_completed

    _remove_old_parts(output_dir)
    with dask_client(scheduler, n_workers, processes) as client:
        import dask

        tasks = [dask.delayed(extract_partition_to_parquet)(lines, output_dir, index, extract)
                 for index, lines in enumerate(corpus_partitions(inputs, blocksize))]
        done: list[PartitionStats] = []
        for future in as_completed(client.compute(tasks)):
            stats = future.result()
            done.append(stats)
            if on_partition:
                on_partition(stats)
    done.sort(key=lambda stats: stats.index)
    return DaskRunStats(
        partitions=len(done), papers=sum(s.papers for s in done), records=sum(s.records for s in done),
        errors=tuple(error for s in done for error in s.errors),
    )


# --- loading the parts -----------------------------------------------------------------------

def is_extracted_parquet(path: str) -> bool:
    """Whether path is an output directory of extract_on_dask."""
    fs, root = fsspec.core.url_to_fs(str(path))
    return fs.isdir(f"{root}/papers") and fs.isdir(f"{root}/records")


def _parts(path: str, kind: str) -> list[str]:
    fs, root = fsspec.core.url_to_fs(str(path))
    folder = f"{root}/{kind}" if fs.isdir(f"{root}/{kind}") else root
    return [fs.unstrip_protocol(p) for p in sorted(fs.glob(f"{folder}/part-*.parquet"))]


def _rows(part: str, batch_rows: int = 10_000) -> Iterator[dict]:
    # Batch by batch, so a part of any size is never whole in memory.
    with fsspec.open(part, "rb") as file:
        for batch in pq.ParquetFile(file).iter_batches(batch_size=batch_rows):
            yield from batch.to_pylist()


def _record(row: dict) -> ResultRecord:
    return ResultRecord(**{name: row[name] for name in RECORD_FIELDS})


def read_record_parquet(path: str) -> Iterator[ResultRecord]:
    """The records of an extract_on_dask output (or of its records/ folder), in serial order."""
    for part in _parts(path, "records"):
        yield from map(_record, _rows(part))


def read_extracted_parquet(path: str) -> Iterator[Extracted]:
    """(paper, records) for every paper of an extract_on_dask output, in serial order: what ingest stores."""
    for paper_part, record_part in zip(_parts(path, "papers"), _parts(path, "records"), strict=True):
        records = _rows(record_part)
        for row in _rows(paper_part):
            count = row.pop("record_count")
            paper = Paper(**{**row, "authors": tuple(row["authors"] or ())})
            yield paper, [_record(next(records)) for _ in range(count)]
