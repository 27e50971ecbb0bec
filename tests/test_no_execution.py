"""Nothing executed: text from a paper never acts on the browser, a spreadsheet or the store.

- The dashboard never gives paper text to the browser as HTML or markdown (AppTest, on every
  page that shows it, and on the preview of an uploaded file).
- CSV exports prefix text cells a spreadsheet would run as a formula; numbers stay numbers.
- SQL takes values only as parameters (a scan of every query built with an f-string).
- No eval, exec or pickle anywhere in the package.
- Uploads have a size limit, refused with a message that says what to do.
"""
from __future__ import annotations

import ast
import csv
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from store_builders import build_store, record
from streamlit.testing.v1 import AppTest
from test_dashboard import _open as open_page

from dashboard import intake
from dashboard.data import board_csv
from dashboard.queries import count_papers, papers_page
from extract.records import Paper
from leaderboards.boards import board, list_boards
from leaderboards.export import FORMULA_TRIGGERS, export_csv
from leaderboards.store import connect, iter_papers

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("extract", "leaderboards", "dashboard")

SCRIPT = "<script>window.hacked = 1</script>"
IMAGE = "<img src=x onerror=alert(1)>"
LINK = "[click me](https://evil.example)"


def hostile_store(path: Path) -> Path:
    """A store whose every piece of paper text is an attack: on the page, in the board's own
    names, and in the cells of a spreadsheet."""
    paper = Paper(title=f"Title {SCRIPT} {LINK}", abstract=f"We attack {IMAGE} and {LINK} and **bold**. "
                  "Our =HYPERLINK(1) reaches 51.0% accuracy on AIME 2024.", paper_id="title:hostile",
                  url="javascript:alert(1)")
    gain = Paper(title="+SUM(A1) Gains", abstract="-2+3 beats the baseline by -3.5 points on AIME 2024.",
                 paper_id="title:gains")
    return build_store(path, [
        (paper, [record(paper, "reaches 51.0% accuracy on AIME 2024", benchmark=f"AIME {IMAGE}",
                        metric=f"accuracy {LINK}", value=51.0, value_mention="51.0%", unit="%",
                        method=f"{SCRIPT}{LINK}", hardware="@SUM(A1:A9)", qualifier="\t=1+1",
                        task="\r=cmd")]),
        (gain, [record(gain, "-2+3 beats the baseline by -3.5 points on AIME 2024", benchmark=f"AIME {IMAGE}",
                       metric=f"accuracy {LINK}", value=-3.5, value_mention="-3.5 points", kind="relative",
                       method="-2+3", unit="points")]),
    ])


@pytest.fixture()
def store(tmp_path, monkeypatch):
    path = hostile_store(tmp_path / "hostile.db")
    monkeypatch.setenv("LEADERBOARD_DB", str(path))
    return path


# --- the dashboard -------------------------------------------------------------------------------

# The elements Streamlit renders as markdown (or whose labels it does).
MARKDOWN_ELEMENTS = ("markdown", "caption", "header", "subheader", "title", "info", "warning", "error",
                     "success", "exception", "toast", "metric", "expander", "tabs")


def markdown_text(app: AppTest) -> str:
    parts = []
    for kind in MARKDOWN_ELEMENTS:
        for element in getattr(app, kind, []):
            parts.extend(str(getattr(element, name, "")) for name in ("value", "label", "body"))
    return "\n".join(parts)


def html_text(app: AppTest) -> str:
    return "\n".join(element.value for element in app.get("html"))


def assert_no_paper_text_as_markup(app: AppTest) -> None:
    """No markdown element holds paper text, and the HTML elements hold it only escaped."""
    shown = markdown_text(app)
    for attack in ("evil.example", "<script", "<img", "onerror", "**bold**", "HYPERLINK"):
        assert attack not in shown, f"{attack!r} reached a markdown element"
    raw = html_text(app)
    assert "<script" not in raw and "<img" not in raw and "<a " not in raw
    assert "javascript:" not in raw


def test_papers_page_shows_hostile_paper_text_escaped(store):
    app = open_page("Papers", paper="title:hostile")
    assert_no_paper_text_as_markup(app)
    shown = html_text(app)
    assert "Title &lt;script&gt;window.hacked = 1&lt;/script&gt; [click me](https://evil.example)" in shown
    assert "We attack &lt;img src=x onerror=alert(1)&gt; and [click me](https://evil.example) and **bold**" in shown
    assert "javascript:alert(1)" not in " ".join(t.value for t in app.text)  # a link that runs is not shown


def test_leaderboards_page_shows_hostile_board_names_escaped(store):
    app = open_page("Leaderboards")
    assert_no_paper_text_as_markup(app)
    assert "AIME &lt;img src=x onerror=alert(1)&gt; · accuracy [click me](https://evil.example)" in html_text(app)
    table = app.dataframe[0].value
    assert table["method"].tolist() == [f"{SCRIPT}{LINK}"]  # a table cell is text, shown as written
    assert not table["paper"].str.contains("javascript").any()


def test_costs_and_overview_pages_show_no_paper_text_as_markup(store):
    for page in ("Costs & hardware", "Overview"):
        assert_no_paper_text_as_markup(open_page(page))


def test_preview_of_a_hostile_upload_shows_it_as_text(store):
    app = open_page("Add papers")
    hostile = json.dumps({"title": f"Upload {SCRIPT}", "abstract": f"{IMAGE} {LINK} reaches 50.0% accuracy on GSM8K."})
    broken = f'{{"title": "{IMAGE} {LINK}"'  # cut off: its text comes back in the problem list
    app.file_uploader(key="intake_file").set_value((f"{LINK}.jsonl", f"{hostile}\n{broken}\n".encode(), "text/plain"))
    app.run()
    app.button(key="intake_preview").click().run()
    assert not app.exception
    assert_no_paper_text_as_markup(app)
    assert "1 papers read" in markdown_text(app)
    assert f"{LINK}.jsonl:2: not valid JSON" in app.code[0].value  # problems are shown as code, not markdown


# --- CSV exports ---------------------------------------------------------------------------------

def test_csv_exports_neutralise_every_formula_trigger_and_keep_numbers(store, tmp_path):
    conn = connect(store)
    export_csv(conn, tmp_path / "out")
    everything = tmp_path / "out" / "all_records.csv"
    frame = pd.read_csv(everything, keep_default_na=False)
    cells = [v for column in frame.columns for v in frame[column] if isinstance(v, str)]
    assert not [c for c in cells if c.startswith(FORMULA_TRIGGERS)]
    for attack in ("@SUM(A1:A9)", "\t=1+1", "\r=cmd", "-2+3", "+SUM(A1) Gains", "-3.5 points"):
        assert "'" + attack in cells, attack  # the whole cell, one apostrophe before it
    # Numbers stay numbers, the negative one too: a spreadsheet can sort and sum them.
    assert pd.api.types.is_float_dtype(frame["value"]) and sorted(frame["value"]) == [-3.5, 51.0]
    assert pd.api.types.is_integer_dtype(frame["evidence_start"])
    with everything.open(encoding="utf-8", newline="") as raw:
        rows = list(csv.DictReader(raw))
    assert sorted(row["value"] for row in rows) == ["-3.5", "51.0"]  # unquoted, no apostrophe
    (board_file,) = [p for p in (tmp_path / "out").iterdir() if p.name != "all_records.csv"]
    ranked = pd.read_csv(board_file, keep_default_na=False)
    assert ranked["method"].tolist() == [f"{SCRIPT}{LINK}"]  # text that is no formula is left as it is
    assert ranked["hardware"].tolist() == ["'@SUM(A1:A9)"] and ranked["qualifier"].tolist() == ["'\t=1+1"]
    assert pd.api.types.is_float_dtype(ranked["value"]) and pd.api.types.is_integer_dtype(ranked["rank"])


def test_the_dashboard_board_download_is_neutralised_too(store):
    (benchmark, metric), = list_boards(connect(store))[["benchmark", "metric"]].itertuples(index=False)
    frame = pd.read_csv(io.BytesIO(board_csv(str(store), benchmark, metric)), keep_default_na=False)
    assert frame["hardware"].tolist() == ["'@SUM(A1:A9)"]
    assert pd.api.types.is_float_dtype(frame["value"])


# --- SQL only with parameters ----------------------------------------------------------------------

def package_sources() -> dict[str, ast.Module]:
    return {str(path.relative_to(ROOT)): ast.parse(path.read_text(encoding="utf-8"))
            for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))}


SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|FROM|WHERE|VALUES|JOIN|LIKE|PRAGMA|LIMIT|ORDER BY|GROUP BY)\b|\s=\s\?")

# Every piece of SQL text built into a query, by file: names of columns and tables, placeholders
# and WHERE clauses made of them, all from constants of this code. A value from input never is:
# it goes in as a ? parameter. A new interpolation fails this test until it is checked and added.
REVIEWED_SQL_PIECES = {
    "leaderboards/store.py": {"int(SCHEMA_VERSION)", "', '.join(RECORD_FIELDS)", "('WHERE ' + where) if where else ''",
                              "', '.join(_PAPER_COLUMNS)", '", ".join(RECORD_FIELDS)', '", ".join("?" * len(RECORD_FIELDS))'},
    "leaderboards/export.py": {"columns"},
    # unit_sql and value_sql are CASE expressions of ? placeholders (boards._Scale).
    "leaderboards/boards.py": {"where", "_ROW_KEY", "_RECORD_VIEW_COLUMNS", "' AND '.join(where)", "column",
                               "unit_sql", "value_sql"},
    "dashboard/queries.py": {"where", "placeholders"},
}


def sql_pieces(tree: ast.Module, source: str) -> list[str]:
    """The expressions put into SQL text by f-strings, str.format or %."""
    pieces = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            literal = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
            if SQL_WORDS.search(literal):
                pieces += [ast.get_source_segment(source, part.value) for part in node.values
                           if isinstance(part, ast.FormattedValue)]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
              and isinstance(node.func.value, ast.Constant) and SQL_WORDS.search(str(node.func.value.value))):
            pieces += [ast.get_source_segment(source, arg) for arg in node.args]
        elif (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant)
              and SQL_WORDS.search(str(node.left.value))):
            pieces.append(ast.get_source_segment(source, node.right))
    return pieces


def test_sql_text_is_built_only_from_reviewed_names_never_from_values():
    unreviewed = {}
    for name, tree in package_sources().items():
        source = (ROOT / name).read_text(encoding="utf-8")
        pieces = set(sql_pieces(tree, source)) - REVIEWED_SQL_PIECES.get(name, set())
        if pieces:
            unreviewed[name] = sorted(pieces)
    assert unreviewed == {}, "SQL built from something other than reviewed names; pass values as ? parameters"


def test_the_sql_scan_catches_a_value_put_into_a_query():
    source = 'def find(conn, title):\n    return conn.execute(f"SELECT * FROM papers WHERE title = \'{title}\'")\n'
    assert sql_pieces(ast.parse(source), source) == ["title"]
    formatted = 'conn.execute("DELETE FROM papers WHERE paper_id = \'%s\'" % paper_id)\n'
    assert sql_pieces(ast.parse(formatted), formatted) == ["paper_id"]


def test_searches_with_sql_in_them_match_literally(store):
    conn = connect(store)
    for attack in ("' OR '1'='1", "%", "_", "'; DROP TABLE papers; --", '" OR 1=1 --'):
        assert count_papers(conn, search=attack) == 0, attack
        assert papers_page(conn, search=attack).empty
        assert board(conn, attack).empty
    assert len(list(iter_papers(conn))) == 2  # and the tables are all still there


# --- no eval, exec or pickle -----------------------------------------------------------------------

CODE_RUNNERS = {"eval", "exec", "compile", "__import__"}  # the builtins, called by name
FORBIDDEN_MODULES = {"pickle", "cPickle", "dill", "cloudpickle", "marshal", "shelve", "yaml", "joblib"}


def forbidden_uses(tree: ast.Module) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.split(".")[0] in FORBIDDEN_MODULES]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in FORBIDDEN_MODULES:
            found.append(node.module)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CODE_RUNNERS:
            found.append(node.func.id)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "read_pickle":
            found.append(ast.unparse(node.func))
        elif isinstance(node, ast.keyword) and node.arg in ("unsafe_allow_html", "allow_pickle") and not (
                isinstance(node.value, ast.Constant) and node.value.value is False):
            found.append(node.arg)
    return found


def test_no_eval_exec_pickle_or_unsafe_html_in_the_package():
    found = {name: uses for name, tree in package_sources().items() if (uses := forbidden_uses(tree))}
    assert found == {}


def test_the_scan_finds_eval_pickle_and_unsafe_html():
    source = ("import pickle\nfrom yaml import load\nx = eval(text)\ndata = pd.read_pickle(path)\n"
              "st.markdown(abstract, unsafe_allow_html=True)\nrows = json.loads(line)\nr = regex.compile(p)\n")
    assert sorted(forbidden_uses(ast.parse(source))) == ["eval", "pd.read_pickle", "pickle", "unsafe_allow_html", "yaml"]


# --- the upload limit ------------------------------------------------------------------------------

def test_the_reader_behind_the_upload_refuses_more_than_the_limit_itself():
    # The page checks the size first; preview checks again, so no caller can skip the limit.
    too_big = intake.preview("big.jsonl", b"x" * (intake.MAX_UPLOAD_BYTES + 1))
    assert too_big.extracted == () and "at most 5 MB" in too_big.problems[0]
    assert intake.MAX_UPLOAD_BYTES == 5 * 1024 * 1024
    assert intake.size_problem(intake.MAX_UPLOAD_BYTES) is None


def test_the_upload_widget_carries_the_limit_to_the_server(store):
    app = open_page("Add papers")
    assert app.get("file_uploader")[0].proto.max_upload_size_mb == intake.MAX_UPLOAD_MB
