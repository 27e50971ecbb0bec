"""Boards out of the store: CSV files for spreadsheets, JSON for tools built on Papers with Code.

CSV cells written from paper text are neutralised: a spreadsheet would run a cell that begins
with "=", "+", "-", "@", a tab or a carriage return as a formula, so such text gets a leading
apostrophe (shown as text, not run). Numeric columns are left as numbers. Every CSV is written by
safe_csv, which also keeps a cell whole (see CSV_LINE_END).
"""
from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pandas as pd

from extract.records import RECORD_FIELDS

from .boards import board, list_boards

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ALL_RECORDS_FILE = "all_records.csv"
UNKNOWN_TASK = "Unknown"
_CHUNK_ROWS = 50_000  # all_records.csv is written in chunks so a large store fits in memory
# RFC 4180 line ends. The csv writer quotes a cell holding any character of the line end; with
# "\n" alone, a carriage return inside a cell went out unquoted, a spreadsheet broke the row
# there, and the text after it began a cell of its own, past the apostrophe: "'\r=cmd" became
# a cell "=cmd".
CSV_LINE_END = "\r\n"


def neutralise_formula(cell: object) -> object:
    """A text cell a spreadsheet would evaluate, made literal; anything else unchanged."""
    if isinstance(cell, str) and cell.startswith(FORMULA_TRIGGERS):
        return "'" + cell
    return cell


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of frame whose text columns cannot act as spreadsheet formulas."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_formula)
    return safe


def safe_csv(frame: pd.DataFrame, target=None, header: bool = True) -> str | None:
    """frame as CSV, neutralised, to target (a path or an open file), or returned as a string."""
    return neutralise_formulas(frame).to_csv(target, index=False, header=header, lineterminator=CSV_LINE_END)


def board_file_name(benchmark: str, metric: str) -> str:
    """A portable file name for a board; names from paper text never reach the path as is."""
    def slug(text: str) -> str:
        return re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-")[:80] or "unnamed"
    return f"{slug(benchmark)}__{slug(metric)}.csv"


def export_csv(conn: sqlite3.Connection, out_dir: str | Path) -> list[Path]:
    """One CSV per score board and all_records.csv with every record; returns the files written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    taken: set[str] = {ALL_RECORDS_FILE}
    for benchmark, metric in list_boards(conn)[["benchmark", "metric"]].itertuples(index=False):
        name = board_file_name(benchmark, metric)
        stem, n = name[:-4], 2
        while name in taken:  # two boards whose names differ only in punctuation
            name, n = f"{stem}-{n}.csv", n + 1
        taken.add(name)
        path = out_dir / name
        ranked = board(conn, benchmark, metric)
        ranked.insert(1, "benchmark", benchmark)
        ranked.insert(2, "metric", metric)
        safe_csv(ranked, path)
        written.append(path)
    written.append(_export_all_records(conn, out_dir / ALL_RECORDS_FILE))
    return written


def _export_all_records(conn: sqlite3.Connection, path: Path) -> Path:
    columns = ", ".join(f"r.{f}" for f in RECORD_FIELDS)
    sql = (
        f"SELECT {columns}, p.url AS paper_url, p.date AS paper_date "
        "FROM results r JOIN papers p ON p.paper_id = r.paper_id ORDER BY r.result_id"
    )
    header = True
    with path.open("w", encoding="utf-8", newline="") as out:
        for chunk in pd.read_sql_query(sql, conn, chunksize=_CHUNK_ROWS):
            safe_csv(chunk, out, header=header)
            header = False
        if header:  # an empty store still gets a file with its header
            safe_csv(pd.DataFrame(columns=[*RECORD_FIELDS, "paper_url", "paper_date"]), out)
    return path


def _iso_date(date: str | None) -> str | None:
    """sota-extractor reads paper_date as YYYY-MM-DD; anything else is left out."""
    if date and re.match(r"\d{4}-\d{2}-\d{2}", date):
        return date[:10]
    return None


def sota_tasks(conn: sqlite3.Connection) -> list[dict]:
    """The store's boards in the sota-extractor schema (task -> datasets -> sota rows).

    A row is one method of one paper on one dataset, holding its best value for each metric.
    """
    tasks: dict[str, dict[str, dict]] = {}
    for benchmark, metric in list_boards(conn)[["benchmark", "metric"]].itertuples(index=False):
        for row in board(conn, benchmark, metric).itertuples(index=False):
            task = row.task or UNKNOWN_TASK
            dataset = tasks.setdefault(task, {}).setdefault(benchmark, {"metrics": [], "rows": {}})
            if metric not in dataset["metrics"]:
                dataset["metrics"].append(metric)
            key = (row.paper_id, row.method)
            sota_row = dataset["rows"].setdefault(key, {
                "model_name": row.method or row.paper_title,
                "paper_title": row.paper_title,
                "paper_url": row.url or "",
                "paper_date": _iso_date(row.paper_date),
                "code_links": [],
                "model_links": [],
                "metrics": {},
            })
            sota_row["metrics"][metric] = float(row.value)
    return [
        {
            "task": task,
            "description": "",
            "categories": [],
            "subtasks": [],
            "synonyms": [],
            "source_link": None,
            "datasets": [
                {
                    "dataset": name,
                    "description": "",
                    "subdatasets": [],
                    "sota": {"metrics": data["metrics"], "rows": list(data["rows"].values())},
                }
                for name, data in sorted(datasets.items())
            ],
        }
        for task, datasets in sorted(tasks.items())
    ]


def export_json(conn: sqlite3.Connection, path: str | Path) -> Path:
    """Write sota_tasks(conn) to path as JSON; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(sota_tasks(conn), indent=2, ensure_ascii=False), encoding="utf-8")
    return path
