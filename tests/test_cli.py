"""The `leaderboard` command end to end, on temporary stores.

Most tests put a small stand-in extractor behind the command (the extractor itself is tested on
its own), so they know exactly which records flow through read -> extract -> store -> board.
The tests at the end run the real extractor.
"""
from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from store_builders import record

import dashboard
from extract import Paper
from extract.records import RECORD_FIELDS
from leaderboards import cli

ROOT = Path(__file__).parent.parent
SAMPLES = Path(__file__).parent / "data" / "samples"
SEEDS = ROOT / "seeds"
DEV_PAPERS = Path(__file__).parent / "data" / "dev_papers.jsonl"

_SCORE = re.compile(r"(\d+(?:\.\d+)?)% accuracy on (AIME 2024|CVBench)")


def stand_in_extract(paper: Paper) -> list:
    """Every "N% accuracy on AIME 2024|CVBench" of a paper, as the real extractor would record it."""
    return [
        record(paper, match.group(0), benchmark=match.group(2), metric="accuracy",
               value=float(match.group(1)), value_mention=match.group(1) + "%", unit="%",
               method=paper.title.split(":")[0])
        for match in _SCORE.finditer(paper.text)
    ]


@pytest.fixture
def stand_in(monkeypatch):
    monkeypatch.setattr(cli, "_extracted", lambda papers: ((p, stand_in_extract(p)) for p in papers))


def run(capsys, *argv) -> tuple[int, str, str]:
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


# --- extract -----------------------------------------------------------------------------------

def test_extract_writes_json_lines_to_stdout(capsys, stand_in):
    status, out, err = run(capsys, "extract", SAMPLES / "trending.txt")
    assert (status, err) == (0, "")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["benchmark"], r["value"]) for r in rows] == [("AIME 2024", 43.3), ("CVBench", 59.47)]
    assert set(rows[0]) == set(RECORD_FIELDS)
    assert rows[0]["evidence"] == "43.3% accuracy on AIME 2024"


def test_extract_writes_to_a_file_and_offsets_point_into_title_newline_abstract(capsys, stand_in, tmp_path):
    out_file = tmp_path / "out" / "records.jsonl"
    status, out, _ = run(capsys, "extract", SAMPLES / "arxiv.xml", "-o", out_file)
    assert (status, out) == (0, "")
    (row,) = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert row["paper_id"] == "arxiv:2503.20783"
    papers = {p.paper_id: p for p in cli.read_papers([SAMPLES / "arxiv.xml"])}
    text = papers[row["paper_id"]].title + "\n" + papers[row["paper_id"]].abstract
    assert text[row["evidence_start"]:row["evidence_end"]] == row["evidence"]


def test_extract_reads_stdin_with_a_given_format(capsys, stand_in, monkeypatch):
    import io
    monkeypatch.setattr("sys.stdin", io.StringIO((SAMPLES / "trending.txt").read_text(encoding="utf-8")))
    status, out, _ = run(capsys, "extract", "-", "--format", "trending")
    assert status == 0 and len(out.splitlines()) == 2


def test_bad_records_are_reported_with_file_and_line_and_the_rest_is_extracted(capsys, stand_in, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"title": "A", "abstract": "Reaches 50.0% accuracy on AIME 2024."}\n'
                    '{"title": "B", "abstract": \n', encoding="utf-8")
    status, out, err = run(capsys, "extract", feed)
    assert status == 1
    assert len(out.splitlines()) == 1
    assert f"{feed}:2: not valid JSON" in err and "Traceback" not in err


def test_a_missing_input_is_an_error_message_not_a_traceback(capsys, tmp_path):
    status, out, err = run(capsys, "extract", tmp_path / "nope.jsonl")
    assert status == 1 and out == ""
    assert "nope.jsonl: cannot read" in err


def test_unknown_format_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(["extract", "--format", "yaml", str(SAMPLES)])
    assert exited.value.code == 2


# --- ingest, boards, show, export ----------------------------------------------------------------

def test_ingest_prints_what_it_did_and_reingest_updates(capsys, stand_in, tmp_path):
    db = tmp_path / "s.db"
    status, out, _ = run(capsys, "ingest", SAMPLES / "trending.txt", "--db", db)
    assert status == 0
    assert out.strip() == "papers read: 3, new: 3, updated: 0, records stored: 2"
    status, out, _ = run(capsys, "ingest", SAMPLES / "trending.txt", "--db", db)
    assert out.strip() == "papers read: 3, new: 0, updated: 3, records stored: 2"


def test_ingest_uses_leaderboard_db_from_the_environment(capsys, stand_in, tmp_path, monkeypatch):
    monkeypatch.setenv("LEADERBOARD_DB", str(tmp_path / "env.db"))
    status, _, _ = run(capsys, "ingest", SAMPLES / "arxiv.xml")
    assert status == 0 and (tmp_path / "env.db").exists()


def test_the_same_paper_from_two_feeds_is_one_board_row(capsys, stand_in, tmp_path):
    db = tmp_path / "s.db"
    run(capsys, "ingest", SAMPLES / "papers.jsonl", SAMPLES / "arxiv.xml", "--db", db)
    status, out, _ = run(capsys, "show", "AIME 2024", "--db", db)
    assert status == 0
    header, *rows = out.splitlines()
    assert len(rows) == 1 and "43.3" in rows[0] and "Understanding R1-Zero" in rows[0]


def test_boards_and_show_print_tables(capsys, stand_in, tmp_path):
    db = tmp_path / "s.db"
    run(capsys, "ingest", SAMPLES, "--db", db)
    status, out, _ = run(capsys, "boards", "--db", db)
    assert status == 0
    header, *rows = out.splitlines()
    assert header.split()[:2] == ["benchmark", "metric"] and "rows" in header.split()
    assert sorted(" ".join(row.split()[:2]) for row in rows) == ["AIME 2024", "CVBench accuracy"]

    status, out, _ = run(capsys, "show", "CVBench", "--metric", "accuracy", "--db", db)
    assert status == 0
    assert "59.47" in out and "rank" in out.splitlines()[0]


def test_show_of_an_unknown_board_says_so(capsys, tmp_path):
    status, out, err = run(capsys, "show", "ImageNet-1K", "--db", tmp_path / "s.db")
    assert status == cli.EXIT_FAILED and out == "" and "no leaderboard for ImageNet-1K" in err


def test_boards_of_an_empty_store_says_what_to_do(capsys, tmp_path):
    status, out, _ = run(capsys, "boards", "--db", tmp_path / "s.db")
    assert status == 0 and "ingest" in out


def test_export_csv_writes_a_file_per_board(capsys, stand_in, tmp_path):
    db, out_dir = tmp_path / "s.db", tmp_path / "exports"
    run(capsys, "ingest", SAMPLES, "--db", db)
    status, out, _ = run(capsys, "export", "--format", "csv", "-o", out_dir, "--db", db)
    assert status == 0
    written = [Path(line) for line in out.splitlines()]
    assert written and all(path.exists() and path.parent == out_dir for path in written)
    values = {row["value"] for path in written for row in csv.DictReader(path.open(encoding="utf-8"))
              if "value" in row}
    assert {"43.3", "59.47"} <= values


def test_export_json_writes_one_file(capsys, stand_in, tmp_path):
    db, target = tmp_path / "s.db", tmp_path / "out" / "boards.json"
    run(capsys, "ingest", SAMPLES, "--db", db)
    status, out, _ = run(capsys, "export", "--format", "json", "-o", target, "--db", db)
    assert status == 0 and out.strip() == str(target)
    assert "59.47" in target.read_text(encoding="utf-8")
    json.loads(target.read_text(encoding="utf-8"))


def test_export_needs_a_format(capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(["export"])
    assert exited.value.code == 2


def test_dashboard_runs_streamlit_on_the_app_with_the_store(capsys, tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(cli, "_run_dashboard", lambda command, env: calls.append((command, env)) or 0)
    status, _, _ = run(capsys, "dashboard", "--db", tmp_path / "s.db")
    assert status == 0
    ((command, env),) = calls
    app = Path(dashboard.__file__).parent / "app.py"
    assert command[:5] == [sys.executable, "-m", "streamlit", "run", str(app)]
    assert app.exists()
    assert env["LEADERBOARD_DB"] == str((tmp_path / "s.db").resolve())


def test_the_installed_command_runs_as_a_process(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "leaderboards.cli", "extract", "-", "--format", "jsonl"],
        input='{"title": "T", "abstract": "A"}\n', capture_output=True, text=True, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert all(json.loads(line)["paper_id"] for line in done.stdout.splitlines())


# --- with the real extractor ----------------------------------------------------------------------

def test_extract_dev_papers_writes_records_of_the_guide(capsys, tmp_path):
    out_file = tmp_path / "pred.jsonl"
    status, _, err = run(capsys, "extract", DEV_PAPERS, "-o", out_file)
    assert status == 0, err
    texts = {p.paper_id: p.text for p in cli.read_papers([DEV_PAPERS])}
    for line in out_file.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert set(row) == set(RECORD_FIELDS)
        assert row["kind"] in {"score", "relative", "cost"}
        assert texts[row["paper_id"]][row["evidence_start"]:row["evidence_end"]] == row["evidence"]


def test_ingest_seeds_then_boards_lists_aime_2024(capsys, tmp_path):
    db = tmp_path / "s.db"
    status, out, _ = run(capsys, "ingest", SEEDS, "--db", db)
    assert status == 0 and out.startswith("papers read: 241, new: 241, updated: 0,")
    status, out, _ = run(capsys, "boards", "--db", db)
    assert status == 0
    assert any(row.split()[:2] == ["AIME", "2024"] for row in out.splitlines()[1:])
