"""The leaderboard dashboard: `streamlit run dashboard/app.py` (or `leaderboard dashboard`).

Reads the store named by LEADERBOARD_DB, or the default store. Paper text (titles, abstracts,
method and benchmark names, evidence) is shown only through st.dataframe, st.text, st.code or
escaped HTML from dashboard.render, never through markdown, so a paper cannot put a link, an image
or a script on the page.
"""
from __future__ import annotations

import html
import math
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import data, intake
from dashboard.render import LINK_DISPLAY, locate_span, paper_html, paper_link, safe_web_url, value_text
from leaderboards.boards import BoardInfo
from leaderboards.store import connect, default_db_path

PAGES = ("Leaderboards", "Papers", "Costs & hardware", "Add papers", "Overview")
BOARD_PAGE_SIZES = (25, 50, 100, 250)
PAPERS_PER_PAGE = 10
CHART_ROWS = 30  # more bars than this are unreadable; the table holds the rest
BAR_HEIGHT = 26  # pixels per bar, so that every bar's label fits
COUNT_AXIS = alt.Axis(format="d", tickMinStep=1)  # counts have no fractions
VIEW_LIMIT = 1000  # rows of relative and cost records loaded at once


def plain_heading(text: str, level: int = 3) -> None:
    """A heading holding paper text, escaped (st.header would read it as markdown)."""
    st.html(f"<h{level} style='margin:0.2rem 0'>{html.escape(text)}</h{level}>")


def page_number(label: str, total_rows: int, page_size: int, key: str) -> int:
    """A page picker; returns the 0-based offset of the chosen page."""
    pages = max(1, math.ceil(total_rows / page_size))
    if pages == 1:
        return 0
    chosen = st.number_input(f"{label} (of {pages})", min_value=1, max_value=pages, value=1, key=key)
    return (int(chosen) - 1) * page_size


def _query_param(name: str) -> str | None:
    value = st.query_params.get(name)
    return value or None


# --- Leaderboards ----------------------------------------------------------------------------

def board_table(page: pd.DataFrame, info: BoardInfo) -> pd.DataFrame:
    """The rows of a board as the reader sees them: value with unit, hedging spelt out."""
    return pd.DataFrame({
        "rank": page["rank"],
        "method": page["method"].fillna("(unnamed)"),
        "value": [value_text(v, u) for v, u in zip(page["value"], page["unit"])],
        "qualifier": page["qualifier"].fillna(""),
        "hedged": page["hedged"].map({True: "⚠ hedged", False: ""}),
        "hardware": page["hardware"].fillna(""),
        "paper": [paper_link(u, t, p) for u, t, p in zip(page["url"], page["paper_title"], page["paper_id"])],
        "evidence": page["evidence"],
    })


def board_chart(page: pd.DataFrame, info: BoardInfo) -> alt.Chart:
    top = page.head(CHART_ROWS).reset_index(drop=True)
    top["entry"] = [f"{i + 1}. {m or '(unnamed)'} · {t[:40]}" for i, (m, t) in
                    enumerate(zip(top["method"], top["paper_title"]))]
    top["hedged"] = top["hedged"].map({True: "hedged", False: "exact"})
    axis_title = f"{info.metric} ({info.unit})" if info.unit else info.metric
    return alt.Chart(top).mark_bar().encode(
        x=alt.X("value:Q", title=axis_title),
        y=alt.Y("entry:N", sort=None, title=None, axis=alt.Axis(labelLimit=360)),
        color=alt.Color("hedged:N", title="value", scale=alt.Scale(domain=["exact", "hedged"])),
        tooltip=["rank", "method", "value", "unit", "qualifier", "hardware", "paper_title"],
    ).properties(height=alt.Step(BAR_HEIGHT))


def leaderboards_page(db: str, stamp: data.Stamp) -> None:
    st.header("Leaderboards")
    boards = data.load_boards(db, stamp)
    if boards.empty:
        st.info("The store has no score records yet. Add papers on the Add papers page, "
                "or run `leaderboard ingest seeds/`.")
        return
    search = st.text_input("Search boards", key="board_search", placeholder="benchmark or metric, e.g. AIME")
    shown = boards
    if search:
        hit = (boards["benchmark"].str.contains(search, case=False, regex=False)
               | boards["metric"].str.contains(search, case=False, regex=False))
        shown = boards[hit]
    if shown.empty:
        st.warning("No board matches that search.")
        return
    keys = [f"{b} · {m}" for b, m in zip(shown["benchmark"], shown["metric"])]
    describe = {k: f"{k} {'↑' if d == 'higher' else '↓'}  ({n} rows)"
                for k, d, n in zip(keys, shown["direction"], shown["rows"])}
    wanted = f"{_query_param('benchmark')} · {_query_param('metric')}"
    choice = st.selectbox("Board", keys, index=keys.index(wanted) if wanted in keys else 0,
                          format_func=describe.__getitem__, key="board_choice")
    benchmark, metric = shown.iloc[keys.index(choice)][["benchmark", "metric"]]
    info = data.load_board_info(db, stamp, benchmark, metric)
    if info is None:
        st.warning("This board is no longer in the store.")
        return
    plain_heading(info.label)
    st.caption(f"{info.rows} ranked rows, {'higher' if info.direction == 'higher' else 'lower'} "
               "is better. One row per method and paper, its best value; hedged values are flagged.")
    size_column, page_column = st.columns(2)
    page_size = size_column.selectbox("Rows per page", BOARD_PAGE_SIZES, key="board_page_size")
    with page_column:
        offset = page_number("Page", info.rows, page_size, key=f"board_page::{choice}")
    page = data.load_board_page(db, stamp, benchmark, metric, page_size, offset)
    st.dataframe(
        board_table(page, info),
        hide_index=True,
        column_config={
            "paper": st.column_config.LinkColumn("paper", display_text=LINK_DISPLAY, width="medium"),
            "evidence": st.column_config.TextColumn("evidence", width="large"),
        },
    )
    st.download_button(
        "Download this board as CSV",
        data=lambda: data.board_csv(db, benchmark, metric),
        file_name=f"{benchmark}-{metric}.csv".replace("/", "-"),
        mime="text/csv",
        on_click="ignore",
    )
    st.altair_chart(board_chart(page, info), width="stretch")
    gains = data.load_relative(db, stamp, benchmark, VIEW_LIMIT)
    if not gains.empty:
        st.subheader("Gains and speedups reported on this benchmark")
        st.caption("Relative results compare with a baseline, so they are listed here, not ranked.")
        st.dataframe(gains.drop(columns=["paper_id", "task", "benchmark"]), hide_index=True)


# --- Papers ----------------------------------------------------------------------------------

def papers_page(db: str, stamp: data.Stamp) -> None:
    st.header("Papers")
    only = _query_param("paper")
    if only:
        st.caption("Showing one paper from a link. Clear the search below to see all papers.")
    search = st.text_input("Search titles", key="paper_search", value="")
    if search:
        only = None
    total = data.load_paper_count(db, stamp, search or None, only)
    st.caption(f"{total:,} papers")
    offset = page_number("Page", total, PAPERS_PER_PAGE, key="papers_page")
    page, records = data.load_papers(db, stamp, search or None, only, PAPERS_PER_PAGE, offset)
    for paper in page.itertuples(index=False):
        own = records[records["paper_id"] == paper.paper_id]
        show_paper(paper, own)


def show_paper(paper, records: pd.DataFrame) -> None:
    with st.container(border=True):
        text = paper.title + "\n" + paper.abstract
        spans = [
            locate_span(text, int(r.evidence_start), int(r.evidence_end), r.evidence,
                        f"{r.kind}: {r.benchmark} · {r.metric} = {r.value_mention}")
            for r in records.itertuples(index=False)
        ]
        st.html(paper_html(paper.title, paper.abstract, [s for s in spans if s is not None]))
        url = safe_web_url(paper.url)
        facts = [f for f in (paper.date, url, paper.paper_id) if f]
        st.text(" · ".join(facts))
        if records.empty:
            st.caption("No results extracted from this paper.")
        else:
            st.dataframe(records.drop(columns=["paper_id", "evidence_start", "evidence_end"]),
                         hide_index=True)


# --- Costs & hardware ------------------------------------------------------------------------

def hardware_chart(summary: pd.DataFrame) -> alt.Chart:
    long = summary.head(CHART_ROWS).melt(id_vars=["hardware"], value_vars=["score", "relative", "cost"],
                                         var_name="kind", value_name="mentions")
    return alt.Chart(long).mark_bar().encode(
        x=alt.X("mentions:Q", stack=True, title="records", axis=COUNT_AXIS),
        y=alt.Y("hardware:N", sort="-x", title=None),
        color=alt.Color("kind:N"),
        tooltip=["hardware", "kind", "mentions"],
    ).properties(height=alt.Step(BAR_HEIGHT))


def costs_page(db: str, stamp: data.Stamp) -> None:
    st.header("Costs & hardware")
    summary = data.load_hardware(db, stamp)
    st.subheader("Hardware named in results")
    if summary.empty:
        st.info("No result names its hardware yet.")
        hardware = None
    else:
        st.altair_chart(hardware_chart(summary), width="stretch")
        st.dataframe(summary, hide_index=True)
        choices = ["(all hardware)", *summary["hardware"]]
        picked = st.selectbox("Cost records on", choices, key="cost_hardware")
        hardware = None if picked == choices[0] else picked
    st.subheader("Costs")
    costs = data.load_costs(db, stamp, hardware, VIEW_LIMIT)
    if costs.empty:
        st.info("No cost records (GPU hours, dollars, memory, energy) yet.")
    else:
        st.caption(f"{len(costs)} cost records" + (" (the first shown)" if len(costs) == VIEW_LIMIT else ""))
        st.dataframe(costs.drop(columns=["paper_id", "task"]), hide_index=True)
    st.subheader("Gains and speedups")
    gains = data.load_relative(db, stamp, None, VIEW_LIMIT)
    if gains.empty:
        st.info("No relative results yet.")
    else:
        st.dataframe(gains.drop(columns=["paper_id", "task"]), hide_index=True)


# --- Add papers ------------------------------------------------------------------------------

def add_papers_page(db: str) -> None:
    st.header("Add papers")
    st.caption(f"Upload a file or paste abstracts in any format the command line reads (trending page, "
               f"JSON Lines, JSON, CSV, arXiv Atom); at most {intake.MAX_UPLOAD_MB} MB at a time.")
    fmt = st.selectbox("Format", intake.input_formats(), key="intake_format")
    uploaded = st.file_uploader("Upload a file", key="intake_file", max_upload_size=intake.MAX_UPLOAD_MB)
    pasted = st.text_area("…or paste abstracts (a title line, then its abstract line)", key="intake_text",
                          height=180)
    if st.button("Preview extracted records", key="intake_preview"):
        if uploaded is not None:
            source, size = uploaded.name, uploaded.size
            content = uploaded.getvalue() if size <= intake.MAX_UPLOAD_BYTES else b""
        else:
            source, content = "pasted text", pasted.encode("utf-8")
            size = len(content)
        problem = intake.size_problem(size)
        if problem:
            st.session_state.pop("intake_preview_result", None)
            st.error(problem)
        elif not content.strip():
            st.warning("Nothing to read: upload a file or paste some abstracts first.")
        else:
            st.session_state["intake_preview_result"] = intake.preview(source, content, fmt)
    previewed: intake.Preview | None = st.session_state.get("intake_preview_result")
    if previewed is None:
        return
    st.caption(f"{len(previewed.extracted)} papers read, {previewed.records} records extracted.")
    if previewed.problems:
        st.warning(f"{len(previewed.problems)} inputs could not be read:")
        st.code("\n".join(previewed.problems), language=None)
    rows = [{"paper": p.title, **{k: getattr(r, k) for k in
             ("kind", "method", "benchmark", "metric", "value", "unit", "qualifier", "hardware", "evidence")}}
            for p, records in previewed.extracted for r in records]
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True)
    if previewed.extracted and st.button(f"Add {len(previewed.extracted)} papers to the store",
                                         key="intake_add", type="primary"):
        conn = connect(db)
        try:
            stats = intake.add_to_store(conn, previewed)
        finally:
            conn.close()
        del st.session_state["intake_preview_result"]
        st.success(f"Stored {stats.papers_read} papers ({stats.papers_new} new, {stats.papers_updated} "
                   f"updated) with {stats.records_stored} records.")


# --- Overview --------------------------------------------------------------------------------

def overview_page(db: str, stamp: data.Stamp) -> None:
    st.header("Overview")
    counts = data.load_counts(db, stamp)
    boards = data.load_boards(db, stamp)
    columns = st.columns(5)
    columns[0].metric("Papers", f"{counts.papers:,}")
    columns[1].metric("Boards", f"{len(boards):,}")
    for column, kind in zip(columns[2:], ("score", "relative", "cost")):
        column.metric(f"{kind} records", f"{counts.records_by_kind[kind]:,}")
    st.subheader("Largest boards")
    if boards.empty:
        st.info("No boards yet.")
        return
    largest = boards.head(15)
    st.dataframe(largest, hide_index=True)
    largest = largest.assign(board=[f"{b} · {m}" for b, m in zip(largest["benchmark"], largest["metric"])])
    st.altair_chart(alt.Chart(largest).mark_bar().encode(
        x=alt.X("rows:Q", title="ranked rows", axis=COUNT_AXIS),
        y=alt.Y("board:N", sort="-x", title=None, axis=alt.Axis(labelLimit=360)),
        tooltip=["benchmark", "metric", "direction", "rows"],
    ).properties(height=alt.Step(BAR_HEIGHT)), width="stretch")


def main() -> None:
    st.set_page_config(page_title="Leaderboards from abstracts", layout="wide")
    db = str(Path(default_db_path()).resolve())
    stamp = data.store_stamp(db)
    asked = _query_param("page")
    page = st.sidebar.radio("Page", PAGES, index=PAGES.index(asked) if asked in PAGES else 0, key="page")
    st.sidebar.caption("Store")
    st.sidebar.text(db)
    if page == "Leaderboards":
        leaderboards_page(db, stamp)
    elif page == "Papers":
        papers_page(db, stamp)
    elif page == "Costs & hardware":
        costs_page(db, stamp)
    elif page == "Add papers":
        add_papers_page(db)
    else:
        overview_page(db, stamp)


main()
