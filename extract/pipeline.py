"""Text to records: the extraction pipeline, stage by stage.

read papers → numbers and units (numbers) → benchmarks, metrics, methods, hardware (mentions)
→ link each number to what it measures (linking) → normalise (normalize) → records.
"""
from __future__ import annotations

import warnings
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from . import linking as rule
from .budget import DEFAULT_SECONDS, SlowPaperWarning, remaining, time_budget
from .linking import Context
from .mentions import Discourse, SentenceMentions, rules
from .normalize import normalize
from .numbers import Quantity, find_quantities
from .records import Paper, ResultRecord
from .vocab import BENCHMARKS, METRICS, Entry, Mention


# (canonical benchmark, as written, vocabulary entry)
Benchmark = tuple[str, str | None, Entry | None]


def _named_by(mention: Mention) -> Benchmark:
    return mention.entry.name, mention.text, mention.entry


def _workload(stated: str) -> Benchmark:
    """A workload as the text states it, which no vocabulary lists."""
    return stated, stated, None


def _benchmark(ctx: Context, metric: str | None, metric_mention: str | None) -> Benchmark | None:
    """The benchmark the number is on."""
    respective = rule.respective_benchmark(ctx)
    if respective is not None:
        return _named_by(respective)
    named = rule.paired_benchmark(ctx) or rule.benchmark_after(ctx)
    if named is not None:
        return _named_by(named)
    before = rule.benchmark_before(ctx)
    efficiency = metric is not None and rule.efficiency_metric(metric) and not (before and rule.is_near_before(ctx, before))
    if efficiency:
        # efficiency is measured on a workload more than on a data set named well before the number
        stated = rule.workload_near(ctx, metric_mention)
        if stated and rule.is_the_metrics_own_word(stated, metric, metric_mention) \
                and not rule.opens_the_sentence(ctx, stated):
            return _benchmark_of_a_bare_workload(ctx, stated)
        if stated and " " not in stated and before and not rule.owned_by_earlier_number(ctx, before):
            stated = None  # "real-time decoding of LibriSpeech test-clean": the data set says more
        if stated:
            return _workload(stated)
        trained_on = rule.training_data_workload(ctx) or rule.subject_workload(ctx)
        if trained_on:
            return _workload(trained_on)
    # a set of data sets named after the data set and nearer the number is the number's: "On the FEMNIST
    # benchmark it achieves 86.2%, and on the Shakespeare next-character task it attains 57.9%"; not one
    # that only lists it ("on MNIST, CIFAR-10, and ImageNet-16 datasets")
    collection = rule.collection_before(ctx)
    named = collection if before is None or collection is not None and collection.start > before.end \
        and not rule.describes(ctx, before, collection) else before
    in_sentence = named or (ctx.sentence.tasks[0] if ctx.sentence.tasks else None)
    if in_sentence is not None and not (efficiency and rule.owned_by_earlier_number(ctx, in_sentence)):
        return _named_by(in_sentence)
    if efficiency:  # a workload stated earlier or in the title outranks another number's data set
        stated = ctx.discourse.earlier_workload(ctx.sentence_index) or ctx.discourse.title_workload()
        if stated:
            return _workload(stated)
    if in_sentence is not None:
        return _named_by(in_sentence)
    carried = _carried_benchmark(ctx.discourse.earlier_benchmarks(ctx.sentence_index), metric)
    if carried is not None:
        return _named_by(carried)
    title_workload = ctx.discourse.title_workload()
    if title_workload:
        return _workload(title_workload)
    return None


def _name_of(mention) -> str | None:
    return mention.entry.name if mention is not None else None


def _benchmark_of_a_bare_workload(ctx: Context, workload: str) -> Benchmark:
    """A bare workload in the metric's words ("reduces training time by 50%") says what is measured, not on
    what: that is the data trained on, else, where the sentence names nothing, the paper's one data set or
    the task its title names; else the bare workload is all the text says."""
    trained_on = rule.training_data_workload(ctx)
    if trained_on:
        return _workload(trained_on)
    if not (ctx.sentence.benchmarks or ctx.sentence.tasks or ctx.sentence.collections):
        earlier = list(ctx.discourse.earlier_benchmarks(ctx.sentence_index))
        data_sets = [m for m in earlier if m.entry.get("metric") is None]  # a task has a metric
        titles_tasks = [m for m in earlier if m.entry.get("metric") is not None and m.start < ctx.discourse.title_end]
        if len({m.entry.name for m in data_sets}) == 1 or (not data_sets and titles_tasks):
            paper_wide = (data_sets or titles_tasks)[0]
            return _named_by(paper_wide)
    return _workload(workload)


def _carried_benchmark(earlier: Iterator[Mention], metric: str | None) -> Mention | None:
    """The benchmark an earlier sentence named, nearest first: the nearest measured in this metric if
    any, else the nearest."""
    nearest = None
    for mention in earlier:
        nearest = nearest or mention
        if metric is None or rule.task_metric_of(mention.entry) == metric:
            return mention
    return nearest


def _record(paper: Paper, ctx: Context, measured_like: ResultRecord | None, restates: bool = False
            ) -> ResultRecord | None:
    """The record of one number, or None where a hold-back rule or a missing link keeps it out.

    measured_like is the record of the number whose metric, and where the number finds none, benchmark this
    one shares: the number it is a bracketed delta of ("77.9%(+2.1%)"), an aside to, set against ("a
    perplexity of 3.85, versus 4.49 for GPTQ"), or a price of ("3,800 GPU hours, or about $4,500"), which
    restates that cost and so is on its benchmark whatever else the sentence names.
    """
    if any(hold_back(ctx) for hold_back in rule.LINK_RULES):
        return None
    mention = rule.adjacent_metric(ctx)
    metric_name, metric_mention = (mention.entry.name, mention.text) if mention else (None, None)
    if metric_name is None:
        implied = rule.implied_metric(ctx)
        if implied:
            metric_name, metric_mention = implied
        else:
            metric_name = rule.time_taken_metric(ctx) or rule.unit_metric(ctx)
    if metric_name is None and measured_like is not None:
        metric_name, metric_mention = measured_like.metric, measured_like.metric_mention
    # a metric of the number's own clause says whether a workload or a data set is wanted
    # (a factor is compared on its own; a percentage across a comma may be another result's)
    provisional = rule.clause_metric(ctx, 80, same_clause=ctx.quantity.unit != "x") if metric_name is None else None
    benchmark = None if restates else _benchmark(ctx, metric_name or _name_of(provisional),
                                                 metric_mention or (provisional.text if provisional else None))
    if benchmark is None and measured_like is not None:
        benchmark = (measured_like.benchmark, measured_like.benchmark_mention,
                     BENCHMARKS.by_name(measured_like.benchmark))
    if benchmark is None:
        return None
    benchmark_name, benchmark_mention, benchmark_entry = benchmark
    if metric_name is None:
        metric_name = rule.carried_metric(ctx, benchmark_name)
    if metric_name is None and rule.generic_score(ctx):  # "an average LongBench score of 48.7"
        metric_name = rule.task_metric(ctx, benchmark_entry) or rules()["generic_score_metric"]
    for reach in (80, None):
        if metric_name is None:
            mention = rule.clause_metric(ctx, reach or 10**9)
            if mention is not None:
                metric_name, metric_mention = mention.entry.name, mention.text
        if metric_name is None and reach:
            metric_name = rule.task_metric(ctx, benchmark_entry)
    metric_name = metric_name or rule.improvement_metric(ctx) or rule.score_on_a_benchmark_metric(ctx) \
        or rule.listed_score_metric(ctx)
    if metric_name is None:
        return None
    metric_entry = METRICS.by_name(metric_name)
    kind = rule.kind_of(ctx, metric_entry)
    q = ctx.quantity
    method = rule.baseline_method(ctx) or rule.paired_method(ctx) or rule.subject_method(ctx) \
        or ctx.discourse.paper_method
    hardware = rule.hardware_for(ctx)
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
        task=benchmark_entry.get("task") if benchmark_entry is not None else None,
    )


def _evidence_span(ctx: Context, metric_mention: str | None, benchmark_mention: str | None) -> tuple[int, int]:
    """The shortest span of the sentence holding the number, its metric and its benchmark."""
    q = ctx.quantity
    start, end = q.qualifier_start, q.end
    s = ctx.sentence
    for written in (metric_mention, benchmark_mention):
        if not written:
            continue
        spans = [(i, i + len(written)) for i in _occurrences(ctx.text, written, s.start, s.end)]
        if not spans:
            continue
        m_start, m_end = min(spans, key=lambda span: min(abs(span[0] - q.end), abs(q.start - span[1])))
        start, end = min(start, m_start), max(end, m_end)
    return start, end


def _occurrences(text: str, needle: str, start: int, end: int) -> Iterator[int]:
    i = text.find(needle, start, end)
    while i != -1:
        yield i
        i = text.find(needle, i + 1, end)


def _outside_names(quantities: list[Quantity], sentence: SentenceMentions) -> tuple[Quantity, ...]:
    """The numbers that are not digits of a metric, benchmark or device name ("R@5", "ImageNet 256", "RTX 4090")."""
    spans = [(m.start, m.end) for m in (*sentence.metrics, *sentence.benchmarks, *sentence.hardware)]
    if not spans:
        return tuple(quantities)
    return tuple(q for q in quantities if not any(start <= q.start < end for start, end in spans))


# A sentence with more numbers than this is a table pasted into the text, not prose to read.
MAX_NUMBERS_IN_A_SENTENCE = 60


def extract_records(paper: Paper, seconds: float = DEFAULT_SECONDS) -> list[ResultRecord]:
    """Every result reported in the paper's title and abstract.

    A paper that takes longer than seconds to read is skipped with a SlowPaperWarning naming it.
    """
    try:
        with time_budget(seconds):
            return _extract_records(paper)
    except TimeoutError:  # the budget's own, or the regex module's
        warnings.warn(SlowPaperWarning(
            f"skipped paper {paper.paper_id} ({paper.title[:60]!r}): not read within {seconds:g} s"), stacklevel=2)
        return []


def _extract_records(paper: Paper) -> list[ResultRecord]:
    text = paper.text
    all_quantities = find_quantities(text)
    if not all_quantities:
        return []
    title_end = len(paper.title)
    discourse = Discourse(text, title_end, rule.find_workloads)
    previous_score: tuple[str, str, int] | None = None
    records: list[ResultRecord] = []
    by_sentence = _by_sentence(all_quantities, discourse.sentences)
    for index, found in by_sentence.items():
        if len(found) > MAX_NUMBERS_IN_A_SENTENCE:
            continue
        sentence = discourse.mentions(index)
        quantities = tuple(found)
        groups = _groups(quantities)
        held_back = {q for q in quantities
                     if _held_back_by_text(Context(text, q, groups[q.group], sentence, quantities, discourse, index,
                                                   previous_score))}
        if len(held_back) == len(quantities):
            continue
        quantities = _outside_names(found, sentence)
        groups = _groups(quantities)
        held_back = frozenset(held_back)
        in_sentence: list[tuple[Quantity, ResultRecord]] = []  # the sentence's numbers that gave records
        for q in quantities:
            remaining()
            if q in held_back:
                continue
            ctx = Context(text, q, groups[q.group], sentence, quantities, discourse, index, previous_score, held_back)
            previous = in_sentence[-1] if in_sentence else None
            restates = previous is not None and rule.is_cost_restated(ctx, previous[0])
            measured_like = previous[1] if previous and (
                restates or rule.is_bracketed_delta(ctx) or rule.is_aside_of(ctx, previous[0])) else None
            if measured_like is None and rule.is_versus_value(ctx):
                # set against the last value in its own unit: "83.2% ... after 9 hours ..., compared with 81.8%"
                measured_like = next((r for other, r in reversed(in_sentence) if other.unit == q.unit), None)
            if measured_like is None:
                measured_like = _respective_score(ctx, in_sentence)
            record = _record(paper, ctx, measured_like, restates)
            if record is None:
                continue
            in_sentence.append((q, record))
            if record.kind == "score":
                previous_score = (record.metric, record.benchmark, index)
            records.append(record)
    return _without_title_repeats(records, title_end)


def _respective_score(ctx: Context, in_sentence: list[tuple[Quantity, ResultRecord]]) -> ResultRecord | None:
    """The score a gain of a respectively list is measured like: "an exact match of 38.9% and an identifier F1
    of 67.2%, outperforming retrieval by 5.1 and 4.3 points, respectively" are a gain in each, in order."""
    group = ctx.group
    if len(group) < 2 or not rule.says_respectively(ctx):
        return None
    scores = [record for other, record in in_sentence if other not in group and record.kind == "score"]
    return scores[group.index(ctx.quantity)] if len(scores) == len(group) else None


def _held_back_by_text(ctx: Context) -> bool:
    return any(hold_back(ctx) for hold_back in rule.TEXT_RULES)


def _groups(quantities: tuple[Quantity, ...]) -> dict[int, tuple[Quantity, ...]]:
    """The numbers of each range or list."""
    groups: dict[int, list[Quantity]] = {}
    for q in quantities:
        groups.setdefault(q.group, []).append(q)
    return {group: tuple(members) for group, members in groups.items()}


def _by_sentence(quantities: list[Quantity], sentences: list[tuple[int, int]]) -> dict[int, list[Quantity]]:
    """The numbers of each sentence that has any, sentences in order."""
    starts = [start for start, _ in sentences]
    grouped: dict[int, list[Quantity]] = {}
    for q in quantities:
        index = bisect_right(starts, q.start) - 1
        if index >= 0 and q.end <= sentences[index][1]:
            grouped.setdefault(index, []).append(q)
    return grouped


def _without_title_repeats(records: list[ResultRecord], title_end: int) -> list[ResultRecord]:
    """A title that repeats the abstract's headline number is one result, the abstract's, said in context."""
    in_abstract = {(r.value, r.unit) for r in records if r.evidence_start > title_end}
    return [r for r in records if r.evidence_start > title_end or (r.value, r.unit) not in in_abstract]


def extract_papers(papers: Iterable[Paper]) -> Iterator[tuple[Paper, list[ResultRecord]]]:
    for paper in papers:
        yield paper, extract_records(paper)
