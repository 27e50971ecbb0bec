"""The `leaderboard` command: a thin shell over the library, one subcommand per function.

    leaderboard extract INPUT... [-o FILE] [--format F]   read_papers + extract_papers
    leaderboard ingest INPUT... [--db PATH]               ... + store.ingest
        both take --jobs N (default: every core) and --engine dask [--scheduler ADDRESS]
    leaderboard boards [--db PATH]                        boards.list_boards
    leaderboard show BENCHMARK [--metric M] [--db PATH]   boards.board
    leaderboard export --format csv|json [-o PATH]        export.export_csv / export_json
    leaderboard dashboard [--db PATH]                     streamlit run dashboard/app.py

Exit status (see EXIT_*): 0 when everything went in; 1 when some records or files were skipped
(each reported on stderr with file and line, then their count; everything else went in); 2 for
bad usage; 3 when the command could not do its work (the store or an output cannot be used,
nothing to show); 4 for a bug, told in one line (LEADERBOARD_DEBUG=1 shows the traceback);
130 when interrupted.
"""
from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from extract import InputError, Paper, extract_records, read_papers
from extract.parallel import extract_parallel, resolve_jobs, with_progress
from extract.readers import FORMATS
from extract.records import ResultRecord

from . import store

PROGRAM = "leaderboard"
DEFAULT_CSV_DIR = "exports"
DEFAULT_JSON_PATH = "exports/leaderboards.json"
DASHBOARD_APP = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"

EXIT_OK = 0
EXIT_SKIPPED = 1  # some records or files were skipped, each reported; everything else went in
EXIT_USAGE = 2  # as argparse exits on bad arguments
EXIT_FAILED = 3  # the store or an output could not be used, or there is nothing to show
EXIT_BUG = 4  # an error this program did not expect: a bug to report
EXIT_INTERRUPTED = 130  # Ctrl+C, as a shell reports SIGINT
DEBUG_ENV = "LEADERBOARD_DEBUG"  # set it to see the traceback of a bug instead of its one line


class _Problems:
    """Counts and reports skipped records, so a bad record costs a line on stderr, not the run."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: InputError | str) -> None:
        self.count += 1
        print(f"{PROGRAM}: {error} (skipped)", file=sys.stderr)


@dataclass(frozen=True)
class ExtractionFailure:
    """What a worker sends back instead of a paper's records when the extractor raised on it."""

    error: str


def _extract_or_failure(paper: Paper) -> list[ResultRecord] | ExtractionFailure:
    # A bug in the extractor on one paper costs that paper, reported in one line, not the run.
    # Module level, so that worker processes can be sent it.
    try:
        return extract_records(paper)
    except Exception as error:
        detail = traceback.format_exc() if os.environ.get(DEBUG_ENV) else f"{type(error).__name__}: {error}"
        return ExtractionFailure(detail)


def _papers(args: argparse.Namespace, problems: _Problems) -> Iterator[Paper]:
    return read_papers(args.inputs, format=args.format, on_error=problems)


def _extracted(papers: Iterator[Paper], jobs: int | None = None) -> Iterator[tuple[Paper, list[ResultRecord]]]:
    # The one place where extraction is chosen, so a faster extractor plugs in for every command.
    # jobs processes (default: every core) give the same output, in the same order.
    return extract_parallel(papers, jobs, extract=_extract_or_failure)


def _extracted_with_progress(args: argparse.Namespace, papers: Iterator[Paper],
                             problems: _Problems) -> Iterator[tuple[Paper, list[ResultRecord]]]:
    # Without --jobs, papers alone go to _extracted: tests put a one-argument stand-in there.
    extracted = _extracted(papers) if args.jobs is None else _extracted(papers, args.jobs)
    for paper, records in with_progress(extracted):
        if isinstance(records, ExtractionFailure):
            # Not stored: storing it with no records would wipe the records it has from before.
            problems(f"paper {paper.paper_id} ({paper.title[:60]!r}): the extractor failed, a bug to report: "
                     f"{records.error}")
            continue
        yield paper, records


def _is_extracted_parquet(path: str) -> bool:
    """An output folder of `extract --engine dask`, which ingest loads instead of extracting."""
    if not Path(path).is_dir():
        return False
    try:
        from extract.distributed import is_extracted_parquet
    except ImportError:  # without the dask extra no such folder was written here
        return False
    return is_extracted_parquet(path)


def _extract_on_dask(args: argparse.Namespace, inputs: list[str], output_dir: str, problems: _Problems):
    """Extract the inputs on a Dask cluster into Parquet parts under output_dir; its DaskRunStats."""
    from tqdm import tqdm

    from extract.distributed import extract_on_dask

    with tqdm(unit=" papers", file=sys.stderr, disable=not sys.stderr.isatty()) as bar:
        stats = extract_on_dask(inputs, output_dir, scheduler=args.scheduler, n_workers=resolve_jobs(args.jobs),
                                on_partition=lambda partition: bar.update(partition.papers))
    for error in stats.errors:
        problems(InputError(error))
    print(f"{PROGRAM}: {stats.papers} papers, {stats.records} records in {stats.partitions} partitions "
          f"under {output_dir}", file=sys.stderr)
    return stats


def _engine_usage_error(args: argparse.Namespace) -> str | None:
    if args.scheduler and args.engine != "dask":
        return "--scheduler needs --engine dask"
    if args.engine == "dask" and args.format not in ("auto", "jsonl"):
        return "--engine dask reads JSON Lines or Parquet; --format must be auto or jsonl"
    if args.engine == "dask" and args.command == "extract" and not args.output:
        return "--engine dask writes a folder of Parquet parts: give it with -o DIR"
    return None


def _extracted_on_dask(args: argparse.Namespace, feeds: list[str], problems: _Problems) -> Iterator[tuple[Paper, list[ResultRecord]]]:
    # The parts go to a folder beside the store, which the workers of a local cluster share.
    store_folder = Path(args.db or store.default_db_path()).resolve().parent
    with tempfile.TemporaryDirectory(prefix=".leaderboard-parts-", dir=store_folder) as parts:
        stats = _extract_on_dask(args, feeds, parts, problems)
        if len(list(Path(parts, "papers").glob("part-*.parquet"))) != stats.partitions:
            raise OSError(f"the Dask workers wrote their parts where this machine cannot read them ({parts}); "
                          "run `leaderboard extract --engine dask -o SHARED_DIR`, then `leaderboard ingest SHARED_DIR`")
        from extract.distributed import read_extracted_parquet

        yield from with_progress(read_extracted_parquet(parts))


def _ingest_stream(args: argparse.Namespace, problems: _Problems) -> Iterator[tuple[Paper, list[ResultRecord]]]:
    """What ingest stores: the feeds, extracted here or on Dask, then the folders extract --engine dask wrote."""
    from_parquet = [path for path in args.inputs if _is_extracted_parquet(path)]
    feeds = [path for path in args.inputs if path not in from_parquet]
    if feeds and args.engine == "dask":
        yield from _extracted_on_dask(args, feeds, problems)
    elif feeds:
        yield from _extracted_with_progress(args, read_papers(feeds, format=args.format, on_error=problems), problems)
    if from_parquet:
        from extract.distributed import read_extracted_parquet

        for folder in from_parquet:
            yield from with_progress(read_extracted_parquet(folder))


def _status(problems: _Problems) -> int:
    if problems.count:
        print(f"{PROGRAM}: {problems.count} skipped (records or files, each reported above); "
              f"everything else went in", file=sys.stderr)
        return EXIT_SKIPPED
    return EXIT_OK


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    if path is None or path == "-":
        yield sys.stdout
        return
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        yield out


def cmd_extract(args: argparse.Namespace) -> int:
    problems = _Problems()
    if error := _engine_usage_error(args):
        print(f"{PROGRAM}: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.engine == "dask":
        _extract_on_dask(args, args.inputs, args.output, problems)
        return _status(problems)
    with _output(args.output) as out:
        for _paper, records in _extracted_with_progress(args, _papers(args, problems), problems):
            for record in records:
                out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    return _status(problems)


def cmd_ingest(args: argparse.Namespace) -> int:
    problems = _Problems()
    if error := _engine_usage_error(args):
        print(f"{PROGRAM}: {error}", file=sys.stderr)
        return EXIT_USAGE
    with _store(args) as conn:
        stats = store.ingest(conn, _ingest_stream(args, problems))
    print(f"papers read: {stats.papers_read}, new: {stats.papers_new}, "
          f"updated: {stats.papers_updated}, records stored: {stats.records_stored}")
    return _status(problems)


def cmd_boards(args: argparse.Namespace) -> int:
    from .boards import list_boards  # pandas is imported only by the commands that show tables

    with _store(args) as conn:
        found = list_boards(conn)
    if found.empty:
        print("no leaderboards yet: ingest some papers first (leaderboard ingest INPUT...)")
        return EXIT_OK
    print(found.to_string(index=False))
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from .boards import board

    with _store(args) as conn:
        ranked = board(conn, args.benchmark, metric=args.metric)
    if ranked.empty:
        wanted = args.benchmark + (f" / {args.metric}" if args.metric else "")
        print(f"{PROGRAM}: no leaderboard for {wanted}; `leaderboard boards` lists them", file=sys.stderr)
        return EXIT_FAILED
    shown = ranked[[column for column in SHOW_COLUMNS if column in ranked.columns]].copy()
    if "paper_title" in shown:
        shown["paper_title"] = shown["paper_title"].map(_shorten)
    print(shown.to_string(index=False))
    return EXIT_OK


# A terminal row fits these; evidence, links and ids are in the exports and the dashboard.
SHOW_COLUMNS = ("rank", "method", "value", "unit", "qualifier", "hardware", "paper_title", "paper_date")
TITLE_WIDTH = 60


def _shorten(title: str | None) -> str | None:
    if title is None or len(title) <= TITLE_WIDTH:
        return title
    return title[: TITLE_WIDTH - 1] + "…"


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export_csv, export_json

    with _store(args) as conn:
        if args.format == "csv":
            written = export_csv(conn, args.output or DEFAULT_CSV_DIR)
        else:
            written = [export_json(conn, args.output or DEFAULT_JSON_PATH)]
    for path in written:
        print(path)
    return EXIT_OK


def cmd_dashboard(args: argparse.Namespace) -> int:
    if not DASHBOARD_APP.exists():
        print(f"{PROGRAM}: the dashboard is not installed ({DASHBOARD_APP} is missing)", file=sys.stderr)
        return EXIT_FAILED
    db = Path(args.db or store.default_db_path()).resolve()
    if not db.exists():
        print(f"{PROGRAM}: note: {db} does not exist yet; the dashboard will show an empty store",
              file=sys.stderr)
    command = [
        sys.executable, "-m", "streamlit", "run", str(DASHBOARD_APP),
        # Headless: without it a first run stops to ask for an e-mail address on the terminal.
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.port", str(args.port),
    ]
    print(f"dashboard for {db} at http://localhost:{args.port} (Ctrl+C stops it)", file=sys.stderr)
    return _run_dashboard(command, {**os.environ, "LEADERBOARD_DB": str(db)})


def _run_dashboard(command: list[str], env: dict[str, str]) -> int:
    """Become the Streamlit server where the system allows it, so a signal to this process (a
    Ctrl+C, a kill from a supervisor) reaches the server and leaves no orphan behind."""
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.execve(command[0], command, env)
    try:
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 0


@contextmanager
def _store(args: argparse.Namespace) -> Iterator[sqlite3.Connection]:
    conn = store.connect(args.db)
    try:
        yield conn
    finally:
        conn.close()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Turn ML paper titles and abstracts into per-benchmark leaderboards.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, handler, help: str) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help, description=help)
        command.set_defaults(handler=handler)
        return command

    def add_inputs(command: argparse.ArgumentParser) -> None:
        command.add_argument("inputs", nargs="+", metavar="INPUT",
                             help="a file, a directory (every file below it) or - for stdin")
        command.add_argument("--format", default="auto", choices=("auto", *FORMATS),
                             help="input format (default: told from each file's content)")

    def add_engine(command: argparse.ArgumentParser) -> None:
        command.add_argument("--jobs", type=int, metavar="N",
                             help="extraction processes, or Dask workers of a local cluster (default: every core)")
        command.add_argument("--engine", choices=("local", "dask"), default="local",
                             help="local: processes on this machine; dask: a Dask cluster, on JSON Lines "
                                  "or Parquet inputs (needs the dask extra)")
        command.add_argument("--scheduler", metavar="ADDRESS",
                             help="with --engine dask: the scheduler of a running cluster, tcp://host:8786 "
                                  "(default: start a local cluster); its workers must reach the inputs and "
                                  "the output folder")

    def add_db(command: argparse.ArgumentParser) -> None:
        command.add_argument("--db", metavar="PATH",
                             help="the store (default: $LEADERBOARD_DB, else ./leaderboard.db)")

    extract = add("extract", cmd_extract, "extract result records from papers, as JSON lines")
    add_inputs(extract)
    extract.add_argument("-o", "--output", metavar="FILE",
                         help="write to FILE instead of stdout; with --engine dask, the folder of Parquet parts")
    add_engine(extract)

    ingest = add("ingest", cmd_ingest, "extract results from papers and store them")
    add_inputs(ingest)
    add_db(ingest)
    add_engine(ingest)

    add_db(add("boards", cmd_boards, "list the leaderboards: benchmark, metric, rows"))

    show = add("show", cmd_show, "print one ranked leaderboard")
    show.add_argument("benchmark", metavar="BENCHMARK")
    show.add_argument("--metric", metavar="M", help="the metric (default: the one most reported)")
    add_db(show)

    export = add("export", cmd_export, "write the leaderboards as CSV files or one JSON file")
    export.add_argument("--format", required=True, choices=("csv", "json"))
    export.add_argument("-o", "--output", metavar="PATH",
                        help=f"CSV: a directory (default {DEFAULT_CSV_DIR}/); JSON: a file (default {DEFAULT_JSON_PATH})")
    add_db(export)

    dashboard = add("dashboard", cmd_dashboard, "start the Streamlit dashboard on the store")
    add_db(dashboard)
    dashboard.add_argument("--port", type=int, default=8501, help="port to serve on (default 8501)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except sqlite3.Error as error:  # not a database, locked, a newer schema, a full disk
        print(f"{PROGRAM}: store {args.db or store.default_db_path()}: {error}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # `leaderboard extract ... | head` closes the pipe early. Point stdout at devnull so the
        # flush at exit does not fail again (the recipe of Python's signal module docs).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except OSError as error:  # an output path that cannot be written, say
        print(f"{PROGRAM}: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as error:
        # A traceback is never the message; whoever reports the bug can ask for it.
        if os.environ.get(DEBUG_ENV):
            raise
        print(f"{PROGRAM}: internal error, a bug to report: {type(error).__name__}: {error} "
              f"(run again with {DEBUG_ENV}=1 for the traceback)", file=sys.stderr)
        return EXIT_BUG

if __name__ == "__main__":
    sys.exit(main())
