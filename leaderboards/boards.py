"""Records to leaderboards: ranked score boards, and separate views of relative results and costs.

A board is the score records of one canonical benchmark and one canonical metric (the extractor
has already folded aliases such as "AIME24" into "AIME 2024"). Everything here is aggregated in
SQL and loads only the rows asked for, so a board of a store with a million records stays quick.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

import pandas as pd

from extract.vocab import BENCHMARKS, HARDWARE, METRICS

HIGHER = "higher"
LOWER = "lower"

# Used only where no record of a board states its direction: these metrics are better when lower.
_LOWER_IS_BETTER = re.compile(
    r"\b(error|err|wer|cer|ter|latency|perplexity|ppl|loss|fid|kid|mae|mse|rmse|nll|bpc|bpd|"
    r"time|memory|cost|energy|eer|distance|regret)\b|\berror rate\b",
    re.IGNORECASE,
)

# Metrics reported both as fractions (0.433) and as percentages (43.3%); a unitless value in
# (0, 1] on such a board is a fraction and is shown as a percentage.
_PERCENT_LIKE = re.compile(
    r"accuracy|\bacc\b|\bap\b|\bmap\b|\bap\d*\b|\bf1\b|pass@|maj@|exact match|\bem\b|recall|precision|"
    r"success rate|win rate|error rate|\bmiou\b|\biou\b|\bauc\b|\bauroc\b|score",
    re.IGNORECASE,
)

# Units a board converts to its most common unit of the same base (unit: base, factor to base),
# for records without the extractor's value_normalized; bases are the extractor's SI units.
_UNIT_FACTORS: dict[str, tuple[str, float]] = {
    "ns": ("s", 1e-9), "µs": ("s", 1e-6), "us": ("s", 1e-6), "ms": ("s", 1e-3), "s": ("s", 1.0),
    "sec": ("s", 1.0), "min": ("s", 60.0), "minutes": ("s", 60.0), "h": ("s", 3600.0),
    "hours": ("s", 3600.0),
    "KB": ("B", 1e3), "MB": ("B", 1e6), "GB": ("B", 1e9), "TB": ("B", 1e12),
}

_RECORD_VIEW_COLUMNS = (
    "r.benchmark, r.metric, r.method, r.value, r.unit, r.value_mention, r.qualifier, "
    "r.qualifier IS NOT NULL AS hedged, r.hardware, p.title AS paper_title, p.url, "
    "p.date AS paper_date, r.evidence, r.paper_id, r.task"
)


@dataclass(frozen=True)
class BoardInfo:
    """What a board's table needs besides its rows: how it ranks and on which scale."""

    benchmark: str
    metric: str
    direction: str  # HIGHER or LOWER
    unit: str | None  # the unit every value of the board is shown in, where there is one
    rows: int  # ranked rows: one per method and paper

    @property
    def label(self) -> str:
        arrow = "↑" if self.direction == HIGHER else "↓"
        return f"{self.benchmark} · {self.metric} {arrow}"


@dataclass(frozen=True)
class _Scale:
    """How each record's value is brought onto the board's scale, as SQL with parameters."""

    percent: bool
    target_unit: str | None
    conversions: tuple[tuple[str, float], ...]  # (unit, factor to target_unit)

    def value_sql(self) -> tuple[str, list]:
        cases = ["WHEN ? AND r.unit IS NULL AND r.value > 0 AND r.value <= 1 THEN r.value * 100"]
        params: list = [int(self.percent)]
        for unit, factor in self.conversions:
            cases.append("WHEN r.unit = ? THEN r.value * ?")
            params += [unit, factor]
        return "CASE " + " ".join(cases) + " ELSE r.value END", params

    def unit_sql(self) -> tuple[str, list]:
        cases = ["WHEN ? AND (r.unit IS NULL OR r.unit = '%') THEN ?"]
        params: list = [int(self.percent), self.target_unit]
        for unit, _ in self.conversions:
            cases.append("WHEN r.unit = ? THEN ?")
            params += [unit, self.target_unit]
        return "CASE " + " ".join(cases) + " ELSE r.unit END", params


def nulls_as_none(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing text as None, not NaN: NaN is truthy and would pass for a method or task name."""
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            frame[column] = values.astype(object).where(values.notna(), None)
    return frame


def default_direction(metric: str) -> str:
    """The direction of a metric whose records do not state one: lower for errors, latency, cost."""
    return LOWER if _LOWER_IS_BETTER.search(metric or "") else HIGHER


def _board_direction(lower_votes: int, higher_votes: int, metric: str) -> str:
    if lower_votes or higher_votes:
        return LOWER if lower_votes > higher_votes else HIGHER
    return default_direction(metric)


_NO_LIMIT = 2**62  # a board's last position when all rows are asked for

# One ranked row per method and paper; an unnamed method counts as one method of its paper.
_ROW_KEY = "r.paper_id || char(31) || COALESCE(r.method, '')"


def like_pattern(search: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') matching search literally anywhere in a value."""
    return "%" + re.sub(r"([%_\\])", r"\\\1", search) + "%"


def list_boards(conn: sqlite3.Connection, search: str | None = None) -> pd.DataFrame:
    """Every score board: benchmark, metric, direction and rows (methods x papers), largest first."""
    where, params = "r.kind = 'score'", []
    if search:
        where += " AND (r.benchmark LIKE ? ESCAPE '\\' OR r.metric LIKE ? ESCAPE '\\')"
        params += [like_pattern(search)] * 2
    sql = (
        f"SELECT r.benchmark, r.metric, SUM(r.direction = 'lower') AS lower_votes, "
        f"SUM(r.direction = 'higher') AS higher_votes, COUNT(DISTINCT {_ROW_KEY}) AS rows "
        f"FROM results r WHERE {where} GROUP BY r.benchmark, r.metric "
        f"ORDER BY rows DESC, r.benchmark, r.metric"
    )
    found = pd.read_sql_query(sql, conn, params=params)
    found["direction"] = [
        _board_direction(int(lo or 0), int(hi or 0), metric)
        for lo, hi, metric in zip(found["lower_votes"], found["higher_votes"], found["metric"])
    ]
    return found[["benchmark", "metric", "direction", "rows"]]


def _most_reported_metric(conn: sqlite3.Connection, benchmark: str) -> str | None:
    row = conn.execute(
        "SELECT metric FROM results WHERE kind = 'score' AND benchmark = ? "
        "GROUP BY metric ORDER BY COUNT(*) DESC, metric LIMIT 1",
        (benchmark,),
    ).fetchone()
    return row[0] if row else None


@dataclass(frozen=True)
class _UnitUse:
    """How often a board writes a unit, and how to turn it into a base unit, where known."""

    count: int
    base: str | None = None  # "s", "B", "FLOP/s", ...: units with the same base convert
    to_base: float | None = None


def _unit_use(unit: str | None, count: int, normalized_unit: str | None,
              normalized_ratio: float | None) -> _UnitUse:
    """Prefer the extractor's normalisation (value_normalized / value); else the table above."""
    if normalized_unit and normalized_ratio:
        return _UnitUse(count, normalized_unit, normalized_ratio)
    if unit in _UNIT_FACTORS:
        dimension, factor = _UNIT_FACTORS[unit]
        return _UnitUse(count, dimension, factor)
    return _UnitUse(count)


def _board_scale(units: dict[str | None, _UnitUse], metric: str) -> _Scale:
    """Pick the board's scale from the units its records use."""
    percent = "%" in units or bool(_PERCENT_LIKE.search(metric or ""))
    convertible = {u: use for u, use in units.items() if u is not None and use.base}
    if percent or not convertible:
        # Points stay unitless (COCO AP 50.4) unless some record of the board writes them as "%".
        target = "%" if "%" in units else None
        return _Scale(percent=percent, target_unit=target, conversions=())
    target = max(convertible, key=lambda u: (convertible[u].count, u))
    goal = convertible[target]
    conversions = tuple(
        (u, use.to_base / goal.to_base)
        for u, use in sorted(convertible.items())
        if u != target and use.base == goal.base
    )
    return _Scale(percent=False, target_unit=target, conversions=conversions)


def _board_facts(conn: sqlite3.Connection, benchmark: str, metric: str) -> tuple[BoardInfo, _Scale]:
    units: dict[str | None, _UnitUse] = {}
    lower = higher = 0
    for unit, count, lowers, highers, normalized_unit, ratio in conn.execute(
        "SELECT r.unit, COUNT(*), SUM(r.direction = 'lower'), SUM(r.direction = 'higher'), "
        "MAX(r.unit_normalized), AVG(CASE WHEN r.value != 0 AND r.unit_normalized IS NOT NULL "
        "THEN r.value_normalized / r.value END) "
        "FROM results r WHERE r.kind = 'score' AND r.benchmark = ? AND r.metric = ? GROUP BY r.unit",
        (benchmark, metric),
    ):
        units[unit] = _unit_use(unit, count, normalized_unit, ratio)
        lower += lowers or 0
        higher += highers or 0
    (rows,) = conn.execute(
        f"SELECT COUNT(DISTINCT {_ROW_KEY}) FROM results r "
        "WHERE r.kind = 'score' AND r.benchmark = ? AND r.metric = ?",
        (benchmark, metric),
    ).fetchone()
    scale = _board_scale(units, metric)
    info = BoardInfo(
        benchmark=benchmark,
        metric=metric,
        direction=_board_direction(lower, higher, metric),
        unit=scale.target_unit if (scale.percent or scale.conversions) else _only_unit(units),
        rows=rows,
    )
    return info, scale


def _only_unit(units: dict[str | None, _UnitUse]) -> str | None:
    return next(iter(units)) if len(units) == 1 else None


def stored_board_names(conn: sqlite3.Connection, benchmark: str, metric: str | None) -> tuple[str, str | None]:
    """A board asked for by an alias is the canonical one: "AIME24" is "AIME 2024", "Top-1" "top-1 accuracy".

    A name the store holds as it is asked for (a record not from the vocabularies) stays as it is.
    """
    def stored(column: str, name: str) -> bool:
        return conn.execute(f"SELECT 1 FROM results WHERE kind = 'score' AND {column} = ? LIMIT 1",
                            (name,)).fetchone() is not None

    named_benchmark = BENCHMARKS.lookup(benchmark)
    if named_benchmark and not stored("benchmark", benchmark):
        benchmark = named_benchmark.name
    named_metric = METRICS.lookup(metric) if metric else None
    if named_metric and not stored("metric", metric):
        metric = named_metric.name
    return benchmark, metric


def board_info(conn: sqlite3.Connection, benchmark: str, metric: str | None = None) -> BoardInfo | None:
    """Direction, display unit and size of a board; None if the store has no such board."""
    benchmark, metric = stored_board_names(conn, benchmark, metric)
    metric = metric or _most_reported_metric(conn, benchmark)
    if metric is None:
        return None
    info, _ = _board_facts(conn, benchmark, metric)
    return info if info.rows else None


BOARD_COLUMNS = [
    "rank", "method", "value", "unit", "value_mention", "qualifier", "hedged", "hardware",
    "paper_title", "url", "paper_date", "evidence", "paper_id", "task",
]


def board(
    conn: sqlite3.Connection,
    benchmark: str,
    metric: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """One ranked board: the best value of each method in each paper, best first.

    Values are on one scale (a fraction 0.433 on a percentage board is shown as 43.3 %), hedged
    values ("up to", "over") keep their qualifier and are flagged in `hedged`, ties share a rank.
    With `limit`, only that many rows from `offset` are loaded.
    """
    benchmark, metric = stored_board_names(conn, benchmark, metric)
    metric = metric or _most_reported_metric(conn, benchmark)
    if metric is None:
        return pd.DataFrame(columns=BOARD_COLUMNS)
    info, scale = _board_facts(conn, benchmark, metric)
    value_sql, value_params = scale.value_sql()
    unit_sql, unit_params = scale.unit_sql()
    # Ordering by value * sign ranks best first in either direction without formatting SQL.
    sign = -1 if info.direction == HIGHER else 1
    # Ranking sorts every row of the board, so the sorted rows carry only ids and the value;
    # the text of a row and its paper are joined for the rows of the page alone.
    sql = f"""
        WITH scored AS (
            SELECT r.result_id, r.paper_id, r.method, r.qualifier IS NOT NULL AS hedged,
                   {value_sql} AS board_value
            FROM results r WHERE r.kind = 'score' AND r.benchmark = ? AND r.metric = ?
        ), best AS (
            SELECT s.*, ROW_NUMBER() OVER (
                PARTITION BY s.paper_id, COALESCE(s.method, '')
                ORDER BY s.board_value * ?, s.hedged, s.result_id) AS nth
            FROM scored s
        ), ranked AS (
            SELECT b.result_id, b.board_value,
                   RANK() OVER (ORDER BY b.board_value * ?) AS rank,
                   ROW_NUMBER() OVER (ORDER BY b.board_value * ?, b.hedged, b.result_id) AS position
            FROM best b WHERE b.nth = 1
        ), page AS (
            SELECT * FROM ranked WHERE position > ? AND position <= ?
        )
        SELECT page.rank, r.method, page.board_value AS value, {unit_sql} AS unit, r.value_mention,
               r.qualifier, r.qualifier IS NOT NULL AS hedged, r.hardware, p.title AS paper_title,
               p.url, p.date AS paper_date, r.evidence, r.paper_id, r.task
        FROM page JOIN results r ON r.result_id = page.result_id
        JOIN papers p ON p.paper_id = r.paper_id
        ORDER BY page.position
    """
    last = _NO_LIMIT if limit is None else int(offset) + int(limit)
    params = [*value_params, benchmark, metric, sign, sign, sign, int(offset), last, *unit_params]
    found = pd.read_sql_query(sql, conn, params=params)
    found["hedged"] = found["hedged"].astype(bool)
    return nulls_as_none(found[BOARD_COLUMNS])


def _record_view(conn: sqlite3.Connection, kind: str, filters: dict[str, str | None],
                 limit: int | None) -> pd.DataFrame:
    where, params = ["r.kind = ?"], [kind]
    for column, wanted in filters.items():
        if wanted is not None:
            where.append(f"r.{column} = ?")  # column names come from this module, never from input
            params.append(wanted)
    sql = (
        f"SELECT {_RECORD_VIEW_COLUMNS} FROM results r JOIN papers p ON p.paper_id = r.paper_id "
        f"WHERE {' AND '.join(where)} ORDER BY r.benchmark, r.metric, r.result_id LIMIT ?"
    )
    found = pd.read_sql_query(sql, conn, params=[*params, -1 if limit is None else int(limit)])
    found["hedged"] = found["hedged"].astype(bool)
    return nulls_as_none(found)


def relative_results(conn: sqlite3.Connection, benchmark: str | None = None,
                     metric: str | None = None, limit: int | None = None) -> pd.DataFrame:
    """Gains, ratios and speedups against a baseline; they compare, so they are never ranked."""
    return _record_view(conn, "relative", {"benchmark": benchmark, "metric": metric}, limit)


def cost_results(conn: sqlite3.Connection, benchmark: str | None = None,
                 hardware: str | None = None, limit: int | None = None) -> pd.DataFrame:
    """Resources spent (GPU hours, dollars, memory, energy); never part of a score board."""
    return _record_view(conn, "cost", {"benchmark": benchmark, "hardware": hardware}, limit)


def device_of(hardware: str) -> str:
    """The device a hardware mention names, by the hardware vocabulary: "8 NVIDIA T4 GPUs" is a T4."""
    devices = HARDWARE.find(hardware)
    return devices[0].entry.name if devices else hardware


def hardware_summary(conn: sqlite3.Connection) -> pd.DataFrame:
    """Records naming each device, by kind, most mentioned first; `as written` keeps the mentions."""
    per_mention = pd.read_sql_query(
        "SELECT hardware, paper_id, COUNT(*) AS records, SUM(kind = 'score') AS score, "
        "SUM(kind = 'relative') AS relative, SUM(kind = 'cost') AS cost "
        "FROM results WHERE hardware IS NOT NULL GROUP BY hardware, paper_id",
        conn,
    )
    columns = ["hardware", "records", "papers", "score", "relative", "cost", "as written"]
    if per_mention.empty:
        return pd.DataFrame(columns=columns)
    per_mention["device"] = per_mention["hardware"].map(device_of)
    summary = per_mention.groupby("device").agg(
        records=("records", "sum"), papers=("paper_id", "nunique"), score=("score", "sum"),
        relative=("relative", "sum"), cost=("cost", "sum"),
        written=("hardware", lambda mentions: ", ".join(sorted(set(mentions)))),
    ).reset_index()
    summary = summary.rename(columns={"device": "hardware", "written": "as written"})
    return summary.sort_values(["records", "hardware"], ascending=[False, True], ignore_index=True)[columns]
