"""Exports: one CSV per board that no spreadsheet runs as a formula, and sota-extractor JSON."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from leaderboards import export_csv, export_json
from leaderboards.export import FORMULA_TRIGGERS, neutralise_formula
from leaderboards.store import connect
from store_builders import build_store


@pytest.fixture()
def conn(tmp_path):
    connection = connect(build_store(tmp_path / "store.db"))
    yield connection
    connection.close()


def _cells(frame: pd.DataFrame) -> list[str]:
    return [v for column in frame.columns for v in frame[column] if isinstance(v, str)]


def test_one_csv_per_board_and_all_records(conn, tmp_path):
    files = export_csv(conn, tmp_path / "out")
    assert sorted(f.name for f in files) == [
        "AIME-2024__accuracy.csv", "GSM8K__error-rate.csv", "all_records.csv"]
    aime = pd.read_csv(tmp_path / "out" / "AIME-2024__accuracy.csv")
    assert aime["value"].tolist()[:2] == [60.4, 55.0]
    assert 43.3 in aime["value"].tolist()
    everything = pd.read_csv(tmp_path / "out" / "all_records.csv")
    assert len(everything) == 11  # scores, gains and costs alike
    assert set(everything["kind"]) == {"score", "relative", "cost"}


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_each_formula_trigger_is_prefixed(trigger):
    assert neutralise_formula(trigger + "1+1") == "'" + trigger + "1+1"
    assert neutralise_formula("plain text") == "plain text"
    assert neutralise_formula(-2.5) == -2.5  # numbers are numbers, not formulas


def test_formulas_from_paper_text_are_neutralised_and_numbers_stay_numbers(conn, tmp_path):
    export_csv(conn, tmp_path / "out")
    for name in ("AIME-2024__accuracy.csv", "all_records.csv"):
        frame = pd.read_csv(tmp_path / "out" / name, keep_default_na=False)
        cells = _cells(frame)
        assert not [c for c in cells if c.startswith(FORMULA_TRIGGERS)], name
        assert "'=cmd|' /C calc'!A0" in cells  # a method named like a DDE payload
        assert any(c.startswith("'=HYPERLINK(") for c in cells)
        assert any(c.startswith("'@SUM(A1:A2)") for c in cells)
        assert pd.api.types.is_float_dtype(frame["value"]), name
    aime = pd.read_csv(tmp_path / "out" / "AIME-2024__accuracy.csv")
    assert pd.api.types.is_integer_dtype(aime["rank"])


def test_json_follows_the_sota_extractor_schema(conn, tmp_path):
    path = export_json(conn, tmp_path / "sota.json")
    tasks = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(tasks, list)
    by_name = {t["task"]: t for t in tasks}
    assert set(by_name) == {"Mathematical Reasoning", "Unknown"}
    for task in tasks:
        assert set(task) >= {"task", "datasets"}
        for dataset in task["datasets"]:
            assert set(dataset) >= {"dataset", "sota"}
            assert set(dataset["sota"]) == {"metrics", "rows"}
            for row in dataset["sota"]["rows"]:
                assert set(row) >= {"model_name", "paper_title", "paper_url", "paper_date", "metrics"}
                assert isinstance(row["model_name"], str) and row["model_name"]
                assert set(row["metrics"]) <= set(dataset["sota"]["metrics"])
    [aime] = by_name["Mathematical Reasoning"]["datasets"]
    assert aime["dataset"] == "AIME 2024" and aime["sota"]["metrics"] == ["accuracy"]
    rows = {r["model_name"]: r for r in aime["sota"]["rows"]}
    assert rows["minimalist R1-Zero recipe"] == {
        "model_name": "minimalist R1-Zero recipe",
        "paper_title": "Understanding R1-Zero-Like Training: A Critical Perspective",
        "paper_url": "https://arxiv.org/abs/2503.20783",
        "paper_date": "2025-03-26",
        "code_links": [],
        "model_links": [],
        "metrics": {"accuracy": 43.3},
    }
    unknown = {d["dataset"]: d for d in by_name["Unknown"]["datasets"]}
    assert set(unknown) == {"AIME 2024", "GSM8K"}
    fracnet = next(r for r in unknown["AIME 2024"]["sota"]["rows"] if r["model_name"] == "FracNet")
    assert fracnet["paper_date"] is None  # "2025" is not a date sota-extractor can read
    assert fracnet["paper_url"] == ""


def test_empty_store_exports_empty_files(tmp_path):
    conn = connect(tmp_path / "empty.db")
    files = export_csv(conn, tmp_path / "out")
    assert [f.name for f in files] == ["all_records.csv"]
    assert pd.read_csv(files[0]).empty
    assert json.loads(export_json(conn, tmp_path / "sota.json").read_text()) == []
