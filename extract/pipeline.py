"""Text to records: the extraction pipeline, stage by stage.

read papers → numbers and units (numbers) → benchmarks, metrics, methods, hardware (mentions)
→ link each number to what it measures (linking) → normalise (normalize) → records.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .linking import (
    HOLD_BACK_RULES,
    Context,
    adjacent_metric,
    baseline_method,
    clause_metric,
    efficiency_metric,
    hardware_for,
    implied_metric,
    kind_of,
    paired_benchmark,
    paired_method,
    sentence_benchmark,
    subject_method,
    unit_metric,
    workload,
)
from .mentions import paper_method, sentence_mentions, split_sentences
from .normalize import normalize
from .numbers import find_quantities
from .records import Paper, ResultRecord
from .vocab import BENCHMARKS, METRICS


def _metric(ctx: Context) -> tuple[str, str | None] | None:
    """(canonical metric, metric as written) for the number, by the metric rules in order."""
    mention = adjacent_metric(ctx)
    if mention is None and ctx.quantity.unit is not None:
        implied = implied_metric(ctx)
        if implied:
            return implied
        by_unit = unit_metric(ctx)
        if by_unit:
            return by_unit, None
        mention = clause_metric(ctx)
    if mention is None:
        return None
    return mention.entry.name, mention.text


def _benchmark(ctx: Context, metric: str) -> tuple[str, str | None, str | None] | None:
    """(canonical benchmark, as written, task) for the number."""
    mention = paired_benchmark(ctx) or sentence_benchmark(ctx)
    if mention is not None:
        return mention.entry.name, mention.text, mention.entry.get("task")
    s = ctx.sentence
    if efficiency_metric(metric):
        stated = workload(ctx.text, s.start, s.end, ctx.quantity.start)
        if stated:
            return stated, stated, None
    if ctx.earlier_benchmarks:
        carried = ctx.earlier_benchmarks[-1]
        return carried.entry.name, carried.text, carried.entry.get("task")
    if ctx.title_workload:
        return ctx.title_workload, ctx.title_workload, None
    return None


def _record(paper: Paper, ctx: Context) -> ResultRecord | None:
    if any(rule(ctx) for rule in HOLD_BACK_RULES):
        return None
    metric = _metric(ctx)
    if metric is None:
        return None
    metric_name, metric_mention = metric
    benchmark = _benchmark(ctx, metric_name)
    if benchmark is None:
        return None
    benchmark_name, benchmark_mention, task = benchmark
    metric_entry = METRICS.by_name(metric_name)
    kind = kind_of(ctx, metric_entry)
    q = ctx.quantity
    method = baseline_method(ctx) or paired_method(ctx) or subject_method(ctx) or ctx.paper_method
    hardware = hardware_for(ctx)
    start, end = _evidence_span(ctx, metric_mention, benchmark_mention)
    value_normalized, unit_normalized = normalize(q.value, q.unit)
    return ResultRecord(
        paper_id=paper.paper_id,
        title=paper.title,
        method=method,
        benchmark=benchmark_name,
        benchmark_mention=benchmark_mention,
        metric=metric_name,
        metric_mention=metric_mention,
        value=q.value,
        value_mention=q.mention,
        unit=q.unit,
        kind=kind,
        qualifier=q.qualifier,
        hardware=hardware.text if hardware else None,
        evidence=ctx.text[start:end],
        evidence_start=start,
        evidence_end=end,
        value_normalized=value_normalized,
        unit_normalized=unit_normalized,
        direction=metric_entry.get("direction") if metric_entry is not None and kind == "score" else None,
        task=task,
    )


def _evidence_span(ctx: Context, metric_mention: str | None, benchmark_mention: str | None) -> tuple[int, int]:
    """The shortest span of the sentence holding the number, its metric and its benchmark."""
    q = ctx.quantity
    start, end = q.qualifier_start, q.end
    s = ctx.sentence
    for mentions, written in ((s.metrics, metric_mention), (s.benchmarks, benchmark_mention)):
        if written is None:
            continue
        spans = [(m.start, m.end) for m in mentions if m.text == written]
        if not spans:
            continue
        m_start, m_end = min(spans, key=lambda span: min(abs(span[0] - q.end), abs(q.start - span[1])))
        start, end = min(start, m_start), max(end, m_end)
    return start, end


def extract_records(paper: Paper) -> list[ResultRecord]:
    """Every result reported in the paper's title and abstract."""
    text = paper.text
    if not any(c.isdigit() for c in text):
        return []
    method = paper_method(paper.title, paper.abstract)
    title_end = len(paper.title)
    title_benchmarks = tuple(BENCHMARKS.find(text, 0, title_end))
    title_workload = workload(text, 0, title_end, 0)
    earlier: list = []
    records: list[ResultRecord] = []
    seen: set[tuple] = set()
    for start, end in split_sentences(text):
        quantities = tuple(find_quantities(text, start, end))
        sentence = None
        if quantities:
            sentence = sentence_mentions(text, start, end)
            for q in quantities:
                group = tuple(other for other in quantities if other.group == q.group)
                ctx = Context(text, q, group, sentence, quantities, method, tuple(earlier),
                              title_benchmarks, title_workload)
                record = _record(paper, ctx)
                if record is None:
                    continue
                key = (record.value, record.unit, record.benchmark, record.metric, record.method, record.kind)
                if key not in seen:  # a title that repeats the abstract's headline is one result
                    seen.add(key)
                    records.append(record)
        earlier.extend((sentence or sentence_mentions(text, start, end)).benchmarks)
    return records


def extract_papers(papers: Iterable[Paper]) -> Iterator[tuple[Paper, list[ResultRecord]]]:
    for paper in papers:
        yield paper, extract_records(paper)
