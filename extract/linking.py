"""Stage 3: link each number to what it measures, by named rules.

A rule is a small function with an example sentence in its docstring. Hold-back rules say why
a number is not a result; the others choose the metric, kind, benchmark, method and hardware.
Everything is decided from the sentence and its mentions, never from a particular paper.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .mentions import HardwareMention, NameMention, SentenceMentions, rules, words_pattern
from .numbers import Quantity
from .vocab import BENCHMARKS, METRICS, Entry, Mention


@dataclass(frozen=True)
class Context:
    """What the rules may look at for one number."""

    text: str
    quantity: Quantity
    group: tuple[Quantity, ...]  # the range or list the number belongs to, itself included
    sentence: SentenceMentions
    quantities: tuple[Quantity, ...]  # every number of the sentence
    paper_method: str | None
    earlier_benchmarks: tuple[Mention, ...]  # benchmarks named in earlier sentences, nearest last
    title_benchmarks: tuple[Mention, ...]
    title_workload: str | None


@lru_cache(maxsize=None)
def _words(name: str) -> regex.Pattern:
    return words_pattern(rules()[name])


def _after(ctx: Context, chars: int = 60) -> str:
    end = ctx.group[-1].end
    return ctx.text[end:min(ctx.sentence.end, end + chars)]


def _before(ctx: Context, chars: int = 60) -> str:
    start = ctx.quantity.qualifier_start
    return ctx.text[max(ctx.sentence.start, start - chars):start]


# ---------------------------------------------------------------- hold-back rules

def year_rule(ctx: Context) -> str | None:
    """A bare year is no result: "In 2023, ..." """
    q = ctx.quantity
    if q.unit is None and q.value.is_integer() and 1900 <= q.value <= 2100 and "," not in q.mention:
        return "year"
    return None


def size_or_count_rule(ctx: Context) -> str | None:
    """A K/M/B number without a unit is a size or count: "a 7B base model", "200K samples"."""
    return "size or count" if ctx.quantity.scaled and ctx.quantity.unit is None else None


def setting_rule(ctx: Context) -> str | None:
    """A number that sets up an experiment is no result: "at 90% sparsity", "3x training schedule"."""
    after = _after(ctx, 40)
    setting = _words("setting_nouns").match(after.lstrip(" -"))
    if setting and not _words("relative_cues_after").match(after.lstrip()):
        return "setting"
    return None


def unmeasured_number_rule(ctx: Context) -> str | None:
    """A number with neither unit nor metric next to it measures nothing we can name: "10 base models"."""
    q = ctx.quantity
    if q.unit is not None:
        return None
    if adjacent_metric(ctx) is not None:
        return None
    return "no unit or metric"


def factor_without_comparison_rule(ctx: Context) -> str | None:
    """A factor is a result only when compared: "3x faster" is, "a 2x upsampling" is not."""
    q = ctx.quantity
    if q.unit != "x":
        return None
    near = _after(ctx, 50)
    if (_words("relative_cues_after").search(near) or METRICS.find(near)
            or _words("relative_cues_before").search(_before(ctx, 40))
            or METRICS.find(_before(ctx, 40))):
        return None
    return "factor without comparison"


HOLD_BACK_RULES = (year_rule, size_or_count_rule, unmeasured_number_rule, setting_rule,
                   factor_without_comparison_rule)


# ---------------------------------------------------------------- metric rules

_GAP_AFTER = regex.compile(r"^[\s)(]*(?:[\w-]+\s+){0,3}?[\s(]*$")
_GAP_BEFORE = regex.compile(r"^\s*(?:\)\s*)?(?:(?:of|=|:|to|is|was|reaches|reached|at|from|by|with|in|score|scores|up|a|an|the|[(])\s*){0,4}$")


def _no_number_between(ctx: Context, start: int, end: int) -> bool:
    return not any(start <= other.start < end and other not in ctx.group for other in ctx.quantities)


def adjacent_metric(ctx: Context) -> Mention | None:
    """The metric named right after or right before the number: "43.3% accuracy", "R@5 to 77.9%"."""
    last = ctx.group[-1]
    for mention in ctx.sentence.metrics:
        if mention.start >= last.end and _GAP_AFTER.match(ctx.text[last.end:mention.start]) \
                and _no_number_between(ctx, last.end, mention.start):
            return mention
    first = ctx.group[0]
    for mention in reversed(ctx.sentence.metrics):
        if mention.end <= first.qualifier_start and _GAP_BEFORE.match(ctx.text[mention.end:first.qualifier_start]):
            return mention
    return None


def clause_metric(ctx: Context) -> Mention | None:
    """The nearest metric in the sentence: "improves the pass@1 accuracy of X on AIME2024 from 78.33%"."""
    q = ctx.quantity
    best, best_distance = None, 10**9
    for mention in ctx.sentence.metrics:
        if mention.start >= q.end:
            distance = mention.start - q.end
        else:
            distance = (q.qualifier_start - mention.end) * 1.5  # what follows a number names it more often
        if 0 <= distance < best_distance:
            best, best_distance = mention, distance
    return best


def implied_metric(ctx: Context) -> tuple[str, str] | None:
    """A comparison word implies the metric: "9x faster" is a speedup, "9x cheaper" a cost."""
    near = _after(ctx, 30)
    implied = rules()["implied_metrics"]
    for phrase in sorted(implied, key=len, reverse=True):
        found = regex.match(rf"\s*(?:[\w-]+\s+)?{regex.escape(phrase)}\b", near, regex.IGNORECASE)
        if found:
            return implied[phrase], found.group().strip()
    return None


def unit_metric(ctx: Context) -> str | None:
    """A unit implies its metric: "22 fps" is a throughput, "5.8ms per token" a latency."""
    return rules()["unit_metrics"].get(ctx.quantity.unit)


# ---------------------------------------------------------------- kind rules

_FRACTION_OF = regex.compile(r"^\s*(?:of\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,3}|the\s+)", regex.IGNORECASE)


def kind_of(ctx: Context, metric: Entry | None) -> str:
    """Score, relative or cost: "+2.2 AP" and "by 12.1%" are relative, "2.788M GPU hours" a cost."""
    q = ctx.quantity
    before = _before(ctx, 30)
    after = _after(ctx, 40)
    if q.signed or q.unit in ("x", "p.p.", "points"):
        return "relative"
    if regex.search(r"\bby\s*$", before) or regex.search(r"\bby\s+(?:up\s+to|over|about|nearly|approximately|more\s+than|only)\s*$", before):
        return "relative"
    cue = _words("relative_cues_after").match(after.lstrip(" )")) or regex.match(
        r"\s*(?:[\w-]+\s+){0,2}(?:improvement|gain|increase|reduction|boost|drop|decrease|higher|lower|better|fewer|less|more)\b",
        after, regex.IGNORECASE)
    if cue:
        return "relative"
    if q.unit == "%" and regex.match(r"\s*(?:of\b|the\s)", after) and "from" not in before[-12:]:
        return "relative"
    if metric is not None and metric.get("kind"):
        return metric.get("kind")
    if q.unit_kind == "cost":
        return "cost"
    return "score"


# ---------------------------------------------------------------- benchmark rules

_INTRODUCES_AFTER = regex.compile(r"\b(?:on|in|for|across|over|of|at)\b[^\d]{0,45}$", regex.IGNORECASE)


def paired_benchmark(ctx: Context) -> Mention | None:
    """Lists pair in order: "89.0% and 82.1% on PASCAL VOC 2012 and Cityscapes"."""
    if len(ctx.group) < 2:
        return None
    benchmarks = [m for m in ctx.sentence.benchmarks]
    if len(benchmarks) != len(ctx.group):
        return None
    return benchmarks[ctx.group.index(ctx.quantity)]


def sentence_benchmark(ctx: Context) -> Mention | None:
    """The benchmark the sentence names for the number: "43.3% on AIME 2024", "On MNIST, X achieves 99.2%"."""
    q = ctx.quantity
    after = [m for m in ctx.sentence.benchmarks if m.start >= q.end
             and _INTRODUCES_AFTER.search(ctx.text[ctx.group[-1].end:m.start] + " ")
             and _no_number_between(ctx, q.end, m.start)]
    if after and not [m for m in ctx.sentence.benchmarks if m.end <= q.start and
                      _no_number_between(ctx, m.end, q.start) and q.start - m.end < 25]:
        return after[0]
    before = [m for m in ctx.sentence.benchmarks if m.end <= q.start]
    if before:
        return before[-1]
    return after[0] if after else None


def workload(text: str, start: int, end: int, near: int) -> str | None:
    """What an efficiency number was measured on, as stated: "LLM inference", "GPT-2 training"."""
    heads = rules()["workload_heads"]
    pattern = _workload_pattern(tuple(heads))
    best, best_distance = None, 10**9
    for match in pattern.finditer(text, start, end):
        distance = abs(match.start() - near)
        if distance < best_distance:
            best, best_distance = match.group().strip(), distance
    return best


@lru_cache(maxsize=None)
def _workload_pattern(heads: tuple[str, ...]) -> regex.Pattern:
    head = "|".join(regex.escape(h) for h in sorted(heads, key=len, reverse=True))
    modifier = r"(?:(?!(?:the|a|an|of|and|or|in|on|for|to|with|by|our|its|their|this|that|we|is|are|at|than|as)\b)[\w.+-]+\s+){0,2}"
    return regex.compile(rf"(?<![\w-]){modifier}(?:{head})(?![\w-])", regex.IGNORECASE)


def efficiency_metric(metric_name: str) -> bool:
    return metric_name in rules()["efficiency_metrics"] or any(
        word in metric_name for word in ("speedup", "throughput", "latency", "memory", "time", "cost", "compute"))


# ---------------------------------------------------------------- method rules

def _is_baseline_position(ctx: Context, name: NameMention) -> bool:
    before = ctx.text[max(ctx.sentence.start, name.start - 25):name.start]
    return bool(regex.search(r"(?:\bthan|\bover|compared (?:to|with)|\bvs\.?|versus|outperform\w*|surpass\w*|beat\w*|exceed\w*|against|relative to|from|of)\s+(?:the\s+|a\s+|prior\s+|previous\s+)?[\w-]*\s*$", before, regex.IGNORECASE))


def baseline_method(ctx: Context) -> str | None:
    """A baseline's own number is the baseline's row: "surpassing CLIP's 68.3%", "OpenCLIP (80.1%)"."""
    q = ctx.quantity
    for name in reversed(ctx.sentence.methods):
        gap = ctx.text[name.end:q.qualifier_start]
        if name.end <= q.start and regex.fullmatch(r"(?:'s|’s)?\s*(?:\(\s*|,\s*)?(?:[\w-]+\s*){0,1}?[(,]?\s*", gap):
            if _is_baseline_position(ctx, name) or "(" in gap or "'s" in gap:
                return name.text
    return None


def paired_method(ctx: Context) -> str | None:
    """Lists pair in order: "RT-DETR-R50 / R101 achieves 53.1% / 54.3% AP"."""
    if len(ctx.group) < 2:
        return None
    names = [n for n in ctx.sentence.methods if n.end <= ctx.group[0].start]
    if len(names) >= len(ctx.group):
        chosen = names[-len(ctx.group):]
        joined = ctx.text[chosen[0].start:chosen[-1].end]
        if regex.fullmatch(r"[\w.+-]+(?:\s*(?:/|,|and|,\s*and)\s*[\w.+-]+)+", joined):
            return chosen[ctx.group.index(ctx.quantity)].text
    return None


def subject_method(ctx: Context) -> str | None:
    """The system the sentence is about: "DeepSeekMath 7B has achieved 51.7% on MATH"."""
    q = ctx.quantity
    for name in reversed(ctx.sentence.methods):
        if name.end <= q.start and not _is_baseline_position(ctx, name):
            return name.text
    return None


# ---------------------------------------------------------------- hardware rule

def hardware_for(ctx: Context) -> HardwareMention | None:
    """Hardware named for the result, with no other benchmark in between: "108 FPS on T4 GPU"."""
    q = ctx.quantity
    best, best_distance = None, 10**9
    for hw in ctx.sentence.hardware:
        lo, hi = (q.end, hw.start) if hw.start >= q.end else (hw.end, q.start)
        if any(lo <= b.start < hi for b in ctx.sentence.benchmarks):
            continue
        distance = hi - lo
        if distance < best_distance:
            best, best_distance = hw, distance
    return best
