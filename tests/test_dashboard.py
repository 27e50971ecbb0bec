"""The dashboard, page by page, with AppTest against a store of hand-made records.

Each test checks what the page shows (the AIME 2024 board shows 43.3 for the paper that reports
it), and that paper text never reaches the page as HTML or markdown.
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.intake import MAX_UPLOAD_BYTES
from dashboard.render import Span, highlighted_html, paper_link, safe_web_url
from extract import extract_papers, extract_records
from extract.records import Paper
from leaderboards.store import connect, ingest, iter_papers, store_paper
from store_builders import build_store

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "dashboard" / "app.py")


@pytest.fixture()
def store(tmp_path, monkeypatch):
    path = build_store(tmp_path / "store.db")
    monkeypatch.setenv("LEADERBOARD_DB", str(path))
    return path


def _open(page: str | None = None, **query) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    if page:
        app.query_params["page"] = page
    for name, value in query.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception, app.exception
    return app


def _frames(app: AppTest) -> list[pd.DataFrame]:
    return [frame.value for frame in app.dataframe]


def _texts(app: AppTest) -> str:
    """Everything the page says through markdown-rendering elements, joined."""
    parts = [e.value for kind in ("markdown", "caption", "header", "subheader", "info", "warning",
                                  "error", "success") for e in getattr(app, kind)]
    return "\n".join(str(p) for p in parts)


# --- Leaderboards ----------------------------------------------------------------------------

def test_leaderboards_page_shows_the_aime_board_ranked(store):
    app = _open()
    assert app.selectbox(key="board_choice").value == "AIME 2024 · accuracy"
    assert "AIME 2024 · accuracy ↑" in app.get("html")[0].value
    table = _frames(app)[0]
    assert list(table.columns) == ["rank", "method", "value", "qualifier", "hedged", "hardware", "paper", "evidence"]
    assert table["value"].tolist() == ["60.4 %", "55 %", "51 %", "43.3 %", "9.3 %"]
    r1 = table[table["method"] == "minimalist R1-Zero recipe"].iloc[0]
    assert r1["rank"] == 4 and r1["value"] == "43.3 %"
    assert r1["paper"] == "https://arxiv.org/abs/2503.20783#Understanding R1-Zero-Like Training: A Critical Perspective"
    assert r1["evidence"] == "achieves 43.3% accuracy on AIME 2024"
    fracnet = table[table["method"] == "FracNet"].iloc[0]
    assert fracnet["qualifier"] == "up to" and fracnet["hedged"] == "⚠ hedged"
    assert fracnet["paper"].startswith("?page=Papers&paper=title%3Afraction#")  # no URL: link to its entry
    assert app.get("download_button")[0].proto.label == "Download this board as CSV"
    assert app.get("vega_lite_chart"), "the board's bar chart"
    gains = _frames(app)[1]  # relative results sit beside the board, never in it
    assert gains["value"].tolist() == [10.0]


def test_board_search_and_lower_is_better_board(store):
    app = _open()
    app.text_input(key="board_search").set_value("gsm").run()
    assert not app.exception
    assert app.selectbox(key="board_choice").options == ["GSM8K · error rate ↓  (2 rows)"]
    assert "GSM8K · error rate ↓" in app.get("html")[0].value
    table = _frames(app)[0]
    assert table["method"].tolist() == ["FracNet", "GPT-4o"]
    assert table["value"].tolist() == ["4.2 %", "7.5 %"]


def test_a_link_opens_the_board_it_names(store):
    app = _open("Leaderboards", benchmark="GSM8K", metric="error rate")
    assert app.selectbox(key="board_choice").value == "GSM8K · error rate"


def test_board_csv_download_is_the_whole_board_made_safe(store):
    frame = pd.read_csv(io.BytesIO(data.board_csv(str(store), "AIME 2024", "accuracy")))
    assert 43.3 in frame["value"].tolist()
    assert "'=cmd|' /C calc'!A0" in frame["method"].tolist()
    assert pd.api.types.is_float_dtype(frame["value"])


def test_empty_store_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("LEADERBOARD_DB", str(tmp_path / "empty.db"))
    app = _open()
    assert "no score records yet" in _texts(app)
    overview = _open("Overview")
    assert [m.value for m in overview.metric][:2] == ["0", "0"]


# --- Papers ----------------------------------------------------------------------------------

def test_papers_page_highlights_the_extracted_spans(store):
    app = _open("Papers")
    assert "5 papers" in _texts(app)
    [r1] = [h.value for h in app.get("html") if "Understanding R1-Zero" in h.value]
    assert '<mark title="score: AIME 2024 · accuracy = 43.3%">achieves 43.3% accuracy on AIME 2024</mark>' in r1
    assert "Training takes 27 hours on 8 A100 GPUs</mark>" in r1
    records = [f for f in _frames(app) if "achieves 43.3% accuracy on AIME 2024" in f["evidence"].tolist()]
    assert records and records[0]["kind"].tolist() == ["score", "cost"]


def test_hostile_abstract_is_shown_as_plain_text(store):
    app = _open("Papers", paper="title:hostile")
    [shown] = [h.value for h in app.get("html") if "We attack the page" in h.value]
    assert "<script" not in shown and "<img" not in shown and "<b>" not in shown
    assert "&lt;script&gt;window.hacked = 1&lt;/script&gt;" in shown
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown
    assert "[markdown link](https://evil.example) and **bold** text" in shown
    assert "Hostile &lt;b&gt;Title&lt;/b&gt;" in shown
    assert "<mark" in shown  # our own tags are the only tags
    assert "evil.example" not in _texts(app)  # nothing of the paper went through markdown
    assert len([h for h in app.get("html") if "We attack" in h.value]) == 1  # only that paper


def test_paper_search(store):
    app = _open("Papers")
    app.text_input(key="paper_search").set_value("vapo").run()
    shown = [h.value for h in app.get("html") if h.value.startswith("<div")]
    assert len(shown) == 1 and "VAPO: Efficient" in shown[0]


# --- Costs & hardware ------------------------------------------------------------------------

def test_costs_page_groups_hardware_and_lists_costs(store):
    app = _open("Costs & hardware")
    hardware, costs, gains = _frames(app)
    assert hardware.set_index("hardware").loc["H100", "records"] == 2
    assert set(costs["value_mention"]) == {"120 ms", "27 hours"}
    assert gains["value_mention"].tolist() == ["10 points"]
    assert app.get("vega_lite_chart")
    app.selectbox(key="cost_hardware").set_value("A100").run()
    assert _frames(app)[1]["value_mention"].tolist() == ["27 hours"]


# --- Add papers ------------------------------------------------------------------------------

NEW_PAPER_TITLE = "Scaling Test-Time Compute for Math"
NEW_PAPER_ABSTRACT = "Our model ScaleMath achieves 71.2% accuracy on AIME 2024 with a 7B model."


def test_pasted_abstract_is_previewed_then_stored(store):
    app = _open("Add papers")
    app.text_area(key="intake_text").set_value(f"{NEW_PAPER_TITLE}\n{NEW_PAPER_ABSTRACT}\n").run()
    app.button(key="intake_preview").click().run()
    assert not app.exception
    expected = extract_records(Paper(title=NEW_PAPER_TITLE, abstract=NEW_PAPER_ABSTRACT))
    assert f"1 papers read, {len(expected)} records extracted." in _texts(app)
    if expected:
        assert len(_frames(app)[0]) == len(expected)
    app.button(key="intake_add").click().run()
    assert not app.exception
    assert "Stored 1 papers (1 new, 0 updated)" in _texts(app)
    conn = connect(store)
    assert NEW_PAPER_TITLE in {p.title for p in iter_papers(conn)}
    conn.close()
    papers = _open("Papers")
    assert "6 papers" in _texts(papers)  # the cached page sees the new paper


def test_uploaded_json_lines_file_is_read(store):
    app = _open("Add papers")
    line = json.dumps({"title": NEW_PAPER_TITLE, "abstract": NEW_PAPER_ABSTRACT})
    bad = "{not json"
    app.file_uploader(key="intake_file").set_value(("papers.jsonl", f"{line}\n{bad}\n".encode(), "application/json"))
    app.run()
    app.button(key="intake_preview").click().run()
    assert not app.exception
    assert "1 papers read" in _texts(app)
    assert "1 inputs could not be read" in _texts(app)
    assert "papers.jsonl:2" in app.code[0].value  # the user's file name and line, not a temp path


def test_upload_over_the_size_limit_is_refused_with_a_clear_message(store):
    app = _open("Add papers")
    huge = b"x" * (MAX_UPLOAD_BYTES + 1)
    app.file_uploader(key="intake_file").set_value(("huge.txt", huge, "text/plain")).run()
    app.button(key="intake_preview").click().run()
    assert not app.exception
    [error] = app.error
    assert "at most 5 MB" in error.value and "leaderboard ingest" in error.value
    assert not [b for b in app.button if b.key == "intake_add"]  # nothing to add


def test_pasted_text_over_the_size_limit_is_refused(store):
    app = _open("Add papers")
    app.text_area(key="intake_text").set_value("t\n" + "a" * MAX_UPLOAD_BYTES).run()
    app.button(key="intake_preview").click().run()
    assert "at most 5 MB" in app.error[0].value


# --- Overview --------------------------------------------------------------------------------

def test_overview_counts_and_largest_boards(store):
    app = _open("Overview")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics == {"Papers": "5", "Boards": "2", "score records": "8",
                       "relative records": "1", "cost records": "2"}
    largest = _frames(app)[0]
    assert largest.iloc[0][["benchmark", "metric", "rows"]].tolist() == ["AIME 2024", "accuracy", 5]


# --- render helpers --------------------------------------------------------------------------

def test_highlighting_escapes_text_and_notes_and_merges_overlaps():
    text = "a <b>bold</b> & 43.3% claim"
    shown = highlighted_html(text, [Span(2, 13, 'x" onmouseover="y'), Span(10, 20, "second")])
    assert shown.count("<mark") == 1  # overlapping spans never cross tags
    assert "&lt;b&gt;bold&lt;/b&gt;" in shown
    assert 'title="x&quot; onmouseover=&quot;y\nsecond"' in shown


def test_only_web_links_are_linked():
    assert safe_web_url("javascript:alert(1)") is None
    assert safe_web_url("data:text/html,<script>") is None
    assert safe_web_url("https://arxiv.org/abs/1#frag") == "https://arxiv.org/abs/1"
    assert paper_link("javascript:alert(1)", "T", "p:1") == "?page=Papers&paper=p%3A1#T"


def test_a_page_reads_one_snapshot_while_an_ingest_writes(store):
    with data.reading(str(store)) as conn:
        before = conn.execute("SELECT COUNT(*) FROM papers").fetchone()[0]
        writer = connect(store)
        store_paper(writer, Paper(title="Written meanwhile", abstract="No results."), [])
        writer.close()
        assert conn.execute("SELECT COUNT(*) FROM papers").fetchone()[0] == before
    assert data.store_stamp(str(store))[0] == before + 1  # the next page load sees it


# --- the seed corpus through the real extractor ----------------------------------------------

@pytest.fixture()
def seed_store(tmp_path, monkeypatch):
    from extract.readers import read_papers

    path = tmp_path / "seeds.db"
    conn = connect(path)
    ingest(conn, extract_papers(read_papers([ROOT / "seeds"])))
    conn.close()
    monkeypatch.setenv("LEADERBOARD_DB", str(path))
    return path


def test_every_page_renders_the_seed_store(seed_store):
    papers = _open("Papers")
    conn = connect(seed_store)
    stored = conn.execute("SELECT COUNT(*) FROM papers").fetchone()[0]
    conn.close()
    assert stored > 0 and f"{stored} papers" in _texts(papers)
    for page in ("Leaderboards", "Costs & hardware", "Add papers", "Overview"):
        _open(page)  # asserts no exception


def test_seed_store_aime_board_shows_43_3(seed_store):
    app = _open("Leaderboards", benchmark="AIME 2024", metric="accuracy")
    assert app.selectbox(key="board_choice").value == "AIME 2024 · accuracy"
    table = _frames(app)[0]
    row = table[table["value"] == "43.3 %"].iloc[0]
    assert "Understanding R1-Zero-Like Training" in row["paper"]
