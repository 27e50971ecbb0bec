"""Bad input: every reader reports a bad record with its file and line and reads on.

Each test hands the readers one way a feed goes wrong (an empty or binary file, bytes that are
not UTF-8, a cut-off JSON line, a value that is not an object, a CSV without a title column, a
feed with no entries, a 50 MB line) and checks both halves of the promise: the problem is
reported where it is, and the good papers around it are still read.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from extract import InputError, Paper, read_papers
from extract.readers import MAX_LINE_CHARS, MAX_PAPER_CHARS
from leaderboards import cli
from leaderboards.store import connect, iter_papers, iter_records

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = Path(__file__).parent / "data" / "samples"
FIFTY_MB = 50 * 1024 * 1024


def read_all(*paths, format="auto") -> tuple[list[Paper], list[InputError]]:
    errors: list[InputError] = []
    return list(read_papers(list(paths), format=format, on_error=errors.append)), errors


def jsonl_line(title: str, abstract: str = "An abstract.") -> str:
    return json.dumps({"title": title, "abstract": abstract}) + "\n"


def where(errors: list[InputError]) -> list[tuple[str | None, int | None]]:
    return [(Path(e.file).name if e.file else None, e.line) for e in errors]


# --- whole files that are no feed ----------------------------------------------------------------

@pytest.mark.parametrize("format", ["auto", "trending", "jsonl", "json", "csv", "arxiv"])
@pytest.mark.parametrize("content", [b"", b"\n\n  \t\n"])
def test_an_empty_file_is_reported_in_every_format(tmp_path, format, content):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    papers, errors = read_all(empty, SAMPLES / "papers.json", format=format if format != "auto" else "auto")
    assert [e.message for e in errors if e.file == str(empty)] == ["empty file, no papers"]
    if format in ("auto", "json"):
        assert [p.title for p in papers] == ["ZeRO: Memory Optimizations Toward Training Trillion Parameter Models",
                                             "Mixed Precision Training"]


def test_a_binary_file_is_reported_once_with_its_offset_and_the_next_file_is_read(tmp_path):
    image = tmp_path / "figure.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    papers, errors = read_all(image, SAMPLES / "papers.jsonl")
    assert len(papers) == 3
    assert where(errors) == [("figure.png", None)]
    assert errors[0].message == "binary file (a NUL byte at byte offset 8), not a paper feed"


def test_a_utf16_file_is_told_apart_from_binary(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("title,abstract\nT,A\n".encode("utf-16"))
    papers, errors = read_all(path)
    assert papers == [] and [e.message for e in errors] == ["UTF-16 text; save it as UTF-8"]


@pytest.mark.parametrize("content, format", [
    ("[]", "auto"),
    ("title,abstract\n", "auto"),
    ("Get trending papers in your email inbox!\nSubscribe\n", "trending"),
])
def test_a_file_without_a_single_paper_is_reported(tmp_path, content, format):
    path = tmp_path / "feed"
    path.write_text(content, encoding="utf-8")
    papers, errors = read_all(path, format=format)
    assert papers == [] and len(errors) == 1 and errors[0].message.startswith("no papers found")


# --- bytes that are not UTF-8: the line or record that holds them, not the file ----------------

def test_jsonl_line_with_bytes_that_are_not_utf8_is_skipped_alone(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(jsonl_line("First").encode() + b'{"title": "Caf\xe9", "abstract": "x"}\n'
                     + jsonl_line("Third").encode())
    papers, errors = read_all(path)
    assert [p.title for p in papers] == ["First", "Third"]
    assert where(errors) == [("feed.jsonl", 2)]
    assert errors[0].message == "not UTF-8: byte 0xE9 at character 15"


def test_trending_page_with_a_bad_line_loses_that_paper_and_stays_in_step(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes(b"Good title one\nIts abstract.\nCaf\xe9 title\nIts abstract.\n"
                     b"Good title three\nIts own abstract.\n")
    papers, errors = read_all(path)
    assert [(p.title, p.abstract) for p in papers] == [("Good title one", "Its abstract."),
                                                       ("Good title three", "Its own abstract.")]
    assert where(errors) == [("page.txt", 3)] and "0xE9" in errors[0].message


def test_csv_row_with_bad_bytes_is_reported_on_the_line_it_starts(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_bytes(b'title,abstract\nA,"first\nline"\nB,caf\xe9\nC,c\n')
    papers, errors = read_all(path)
    assert [p.title for p in papers] == ["A", "C"]
    assert where(errors) == [("feed.csv", 4)] and "abstract not UTF-8: byte 0xE9" in errors[0].message


def test_json_array_element_with_bad_bytes_is_reported_on_its_line(tmp_path):
    path = tmp_path / "feed.json"
    path.write_bytes(b'[\n{"title": "A", "abstract": "a"},\n{"title": "B\xff", "abstract": "b"},\n'
                     b'{"title": "C", "abstract": "c"}\n]\n')
    papers, errors = read_all(path)
    assert [p.title for p in papers] == ["A", "C"]
    assert where(errors) == [("feed.json", 3)] and "title not UTF-8: byte 0xFF" in errors[0].message


def test_atom_entry_with_bad_bytes_is_skipped_and_the_other_entry_read(tmp_path):
    feed = (SAMPLES / "arxiv.xml").read_bytes()
    broken = feed.replace(b"DeepSeek-V3 Technical Report", b"DeepSeek-V3 Technical \xfe Report", 1)
    assert broken != feed
    path = tmp_path / "feed.xml"
    path.write_bytes(broken)
    papers, errors = read_all(path)
    assert [p.paper_id for p in papers] == ["arxiv:2503.20783"]
    bad_line = broken[:broken.index(b"\xfe")].count(b"\n") + 1
    assert len(errors) == 1 and errors[0].message == f"not UTF-8: byte 0xFE on line {bad_line} (entry skipped)"
    assert errors[0].line < bad_line  # the line of the entry's <entry> tag


def test_a_lone_surrogate_from_a_json_escape_is_not_text(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"title": "T\\ud800", "abstract": "a"}\n' + jsonl_line("Fine"), encoding="utf-8")
    papers, errors = read_all(path)
    assert [p.title for p in papers] == ["Fine"]
    assert where(errors) == [("feed.jsonl", 1)] and "lone surrogate" in errors[0].message


# --- JSON that is cut off, not an object, or too deep ---------------------------------------------

def test_a_truncated_last_jsonl_line_is_reported(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(jsonl_line("Whole") + '{"title": "Cut off", "abstr', encoding="utf-8")
    papers, errors = read_all(path)
    assert [p.title for p in papers] == ["Whole"]
    assert where(errors) == [("feed.jsonl", 2)] and errors[0].message.startswith("not valid JSON")


@pytest.mark.parametrize("value, kind", [("[1, 2]", "list"), ('"a title"', "str"), ("42", "int"), ("null", "NoneType")])
def test_a_json_value_that_is_not_an_object_is_reported(tmp_path, value, kind):
    lines = tmp_path / "feed.jsonl"
    lines.write_text(jsonl_line("Before") + value + "\n" + jsonl_line("After"), encoding="utf-8")
    papers, errors = read_all(lines)
    assert [p.title for p in papers] == ["Before", "After"]
    assert where(errors) == [("feed.jsonl", 2)] and kind in errors[0].message

    array = tmp_path / "feed.json"
    array.write_text(f'[{value},\n {{"title": "After", "abstract": "a"}}]', encoding="utf-8")
    papers, errors = read_all(array)
    assert [p.title for p in papers] == ["After"] and where(errors) == [("feed.json", 1)]


def test_json_nested_too_deeply_is_an_input_error_not_a_recursion_error(tmp_path):
    deep = tmp_path / "deep.jsonl"
    deep.write_text(jsonl_line("Before") + "[" * 100_000 + "\n" + jsonl_line("After"), encoding="utf-8")
    papers, errors = read_all(deep)
    assert [p.title for p in papers] == ["Before", "After"]
    assert where(errors) == [("deep.jsonl", 2)] and "nested too deeply" in errors[0].message
    array = tmp_path / "deep.json"
    array.write_text("[" * 100_000, encoding="utf-8")
    assert "nested too deeply" in read_all(array)[1][0].message


def test_one_pretty_printed_json_object_is_one_paper(tmp_path):
    path = tmp_path / "paper.json"
    path.write_text(json.dumps({"title": "Alone", "abstract": "Just one."}, indent=2), encoding="utf-8")
    papers, errors = read_all(path)
    assert errors == [] and [(p.title, p.source) for p in papers] == [("Alone", "json")]


# --- CSV and Atom feeds missing what makes them a feed ------------------------------------------

def test_csv_without_a_title_column_is_read_as_csv_and_says_so(tmp_path):
    # Told from its content, not from --format: read as a trending page, its rows would be papers.
    path = tmp_path / "feed.csv"
    path.write_text("name,abstract\nA,An abstract.\nB,Another.\n", encoding="utf-8")
    papers, errors = read_all(path)
    assert papers == []
    assert [(e.line, e.message) for e in errors] == [(1, "CSV header has no title column")]


def test_atom_feed_with_no_entries_is_reported(tmp_path):
    path = tmp_path / "empty.xml"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
                    "  <title>ArXiv Query: search_query=all:nothing</title>\n</feed>\n", encoding="utf-8")
    papers, errors = read_all(path)
    assert papers == [] and [(e.line, e.message) for e in errors] == [(1, "the Atom feed has no entries")]


# --- a 50 MB line: read past in bounded memory, not held or extracted -----------------------------

def _with_fifty_mb_line(path: Path, before: str, after: str, filler: bytes = b"x") -> None:
    with path.open("wb") as out:
        out.write(before.encode())
        chunk = filler * (1024 * 1024)
        for _ in range(FIFTY_MB // len(chunk)):
            out.write(chunk)
        out.write(b"\n" + after.encode())


def _read_measured(path: Path, format: str = "auto") -> tuple[list[Paper], list[InputError], float, int]:
    tracemalloc.start()
    started = time.monotonic()
    try:
        papers, errors = read_all(path, format=format)
        return papers, errors, time.monotonic() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("name, before, after, format", [
    ("feed.jsonl", jsonl_line("Before"), jsonl_line("After"), "auto"),
    # On the page the long line is an abstract: its title goes with it, the next pair is read.
    ("page.txt", "Before\nIts abstract.\nHuge title\n", "After\nIts abstract.\n", "trending"),
    ("feed.csv", "title,abstract\nBefore,a\n", "After,a\n", "auto"),
])
def test_a_fifty_megabyte_line_costs_its_record_and_bounded_memory(tmp_path, name, before, after, format):
    path = tmp_path / name
    _with_fifty_mb_line(path, before, after)
    papers, errors, seconds, peak = _read_measured(path, format)
    assert [p.title for p in papers] == ["Before", "After"]
    assert len(errors) == 1 and "characters long" in errors[0].message and "skipped unread" in errors[0].message
    assert errors[0].line == before.count("\n") + 1
    assert peak < 30 * 1024 * 1024, f"peak {peak / 2**20:.0f} MB: the 50 MB line was held whole"
    assert seconds < 30


def test_a_fifty_megabyte_abstract_in_a_json_array_is_refused_before_extraction(tmp_path):
    path = tmp_path / "feed.json"
    with path.open("wb") as out:
        out.write(b'[{"title": "Huge", "abstract": "')
        out.write(b"1.1." * (FIFTY_MB // 4))
        out.write(b'"},\n{"title": "Small", "abstract": "a"}]')
    papers, errors = read_all(path)
    assert [p.title for p in papers] == ["Small"]
    assert len(errors) == 1 and errors[0].line == 1
    assert f"more than the {MAX_PAPER_CHARS:,} a paper may have" in errors[0].message


def test_a_long_line_within_the_limit_is_still_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    long_title = "A " * 5_000
    path.write_text(jsonl_line(long_title.strip(), "b" * (MAX_PAPER_CHARS - len(long_title))), encoding="utf-8")
    papers, errors = read_all(path)
    assert errors == [] and len(papers) == 1
    assert MAX_PAPER_CHARS < MAX_LINE_CHARS  # a line holds more than a paper: ids, authors, links


# --- the command: exit status and the count, never a traceback ------------------------------------

def run_command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "leaderboards.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def feeds_gone_wrong(folder: Path) -> Path:
    """A folder of feeds holding four good papers and one of each way a feed goes wrong."""
    folder.mkdir()
    (folder / "a_empty.jsonl").write_bytes(b"")
    (folder / "b_figure.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "c_feed.jsonl").write_bytes(
        jsonl_line("Good One", "It reaches 43.3% accuracy on AIME 2024.").encode()
        + b'{"title": "Caf\xe9", "abstract": "x"}\n'      # line 2: not UTF-8
        + b'{"title": "Cut off", "abstr\n'                # line 3: truncated
        + b'["not", "an", "object"]\n'                    # line 4: not an object
        + jsonl_line("Good Two", "It reaches 50.0% accuracy on AIME 2024.").encode())
    (folder / "d_no_title.csv").write_text("name,abstract\nA,a\n", encoding="utf-8")
    (folder / "e_empty_feed.xml").write_text('<feed xmlns="http://www.w3.org/2005/Atom"></feed>', encoding="utf-8")
    shutil.copy(SAMPLES / "papers.json", folder / "f_good.json")
    return folder


def test_the_command_exits_0_when_everything_went_in(tmp_path):
    done = run_command("ingest", str(SAMPLES / "papers.jsonl"), "--db", str(tmp_path / "s.db"), "--jobs", "1")
    assert (done.returncode, done.stderr) == (cli.EXIT_OK, "")


def test_skipped_records_exit_1_each_reported_where_it_is_with_their_count(tmp_path):
    folder = feeds_gone_wrong(tmp_path / "feeds")
    db = tmp_path / "s.db"
    done = run_command("ingest", str(folder), "--db", str(db), "--jobs", "1")
    assert done.returncode == cli.EXIT_SKIPPED == 1
    assert "Traceback" not in done.stderr
    reported = [line for line in done.stderr.splitlines() if line.endswith("(skipped)")]
    assert [line.split(": ")[1] for line in reported] == [
        f"{folder}/a_empty.jsonl", f"{folder}/b_figure.png", f"{folder}/c_feed.jsonl:2", f"{folder}/c_feed.jsonl:3",
        f"{folder}/c_feed.jsonl:4", f"{folder}/d_no_title.csv:1", f"{folder}/e_empty_feed.xml:1"]
    assert done.stderr.splitlines()[-1] == ("leaderboard: 7 skipped (records or files, each reported above); "
                                            "everything else went in")
    assert done.stdout.startswith("papers read: 4, new: 4,")
    assert {p.title for p in iter_papers(connect(db))} == {"Good One", "Good Two", "Mixed Precision Training",
                                                           "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models"}


def crashing_on_boom(extract_records):
    """extract_records with a bug: it raises on the paper titled Boom (as it did on a Kawi digit)."""
    def extract(paper: Paper):
        if paper.title == "Boom":
            raise ValueError("could not convert string to float: '\U00011f50'")
        return extract_records(paper)
    return extract


def test_an_extractor_crash_costs_that_paper_only_and_keeps_its_stored_records(tmp_path, monkeypatch, capsys):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(jsonl_line("Boom", "It reaches 43.3% accuracy on AIME 2024.") + jsonl_line("Fine", "It reaches 50.0% accuracy on AIME 2024."),
                    encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert cli.main(["ingest", str(feed), "--db", db, "--jobs", "1"]) == cli.EXIT_OK
    before = {r.paper_id: r.value for r in iter_records(connect(db))}
    monkeypatch.setattr(cli, "extract_records", crashing_on_boom(cli.extract_records))
    capsys.readouterr()
    assert cli.main(["ingest", str(feed), "--db", db, "--jobs", "1"]) == cli.EXIT_SKIPPED
    out, err = capsys.readouterr()
    assert out.startswith("papers read: 1, new: 0, updated: 1,")
    assert "the extractor failed, a bug to report: ValueError: could not convert" in err and "Traceback" not in err
    assert {r.paper_id: r.value for r in iter_records(connect(db))} == before  # Boom's records are still there


def test_an_unexpected_error_is_one_line_and_exit_4_unless_debugging(monkeypatch, capsys):
    def broken(args):
        raise RuntimeError("something nobody planned for")

    monkeypatch.setattr(cli, "cmd_boards", broken)
    assert cli.main(["boards"]) == cli.EXIT_BUG == 4
    (line,) = capsys.readouterr().err.splitlines()
    assert line == ("leaderboard: internal error, a bug to report: RuntimeError: something nobody planned for "
                    "(run again with LEADERBOARD_DEBUG=1 for the traceback)")
    monkeypatch.setenv("LEADERBOARD_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli.main(["boards"])


def test_a_store_that_is_no_database_exits_3_with_a_message(tmp_path):
    not_a_store = tmp_path / "papers.jsonl"
    not_a_store.write_text(jsonl_line("T") * 200, encoding="utf-8")
    done = run_command("boards", "--db", str(not_a_store))
    assert done.returncode == cli.EXIT_FAILED == 3
    assert done.stderr.startswith(f"leaderboard: store {not_a_store}: file is not a database")
    assert "Traceback" not in done.stderr


def test_the_dashboard_preview_reports_an_extractor_crash_as_a_problem(monkeypatch):
    import extract

    from dashboard import intake

    monkeypatch.setattr(extract, "extract_records", crashing_on_boom(extract.extract_records))
    previewed = intake.preview("upload.jsonl", (jsonl_line("Boom") + jsonl_line("Fine")).encode())
    assert [paper.title for paper, _ in previewed.extracted] == ["Fine"]
    assert previewed.problems == ("'Boom': the extractor failed, a bug to report: ValueError: could not convert "
                                  "string to float: '\U00011f50'",)


def test_bytes_that_are_not_utf8_on_stdin_cost_their_line_only():
    done = subprocess.run([sys.executable, "-m", "leaderboards.cli", "extract", "-", "--jobs", "1"],
                          input=jsonl_line("First").encode() + b'{"title": "\xff", "abstract": "x"}\n' + jsonl_line("Third").encode(),
                          capture_output=True, cwd=ROOT, timeout=120)
    assert done.returncode == cli.EXIT_SKIPPED
    assert done.stderr.decode().splitlines()[0] == "leaderboard: <stdin>:2: not UTF-8: byte 0xFF at character 12 (skipped)"
