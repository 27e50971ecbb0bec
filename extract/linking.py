"""Stage 3: link each number to what it measures, by named rules.

A rule is a small function with an example sentence in its docstring. Hold-back rules say why
a number is not a result; the others choose the metric, kind, benchmark, method and hardware.
Everything is decided from the sentence, its mentions and the word lists of rules.json, never
from a particular paper.
"""
from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable
from functools import lru_cache, wraps
from typing import NamedTuple, TypeVar

import re

import regex

from .engines import AsciiByStandardEngine, searched_in_a_short_window, tried_in_place
from .mentions import (Discourse, HardwareMention, NameMention, SentenceMentions, alternatives, lowered_words,
                       rule_word_starts, rules, standalone_occurrences, words_pattern)
from .numbers import Quantity, is_range
from .vocab import METRICS, TASKS, UNITS, Entry, Mention, finditer_at_starts, fold_case


@dataclass(slots=True)
class Context:
    """What the rules may look at for one number. Rules only read it; it is not frozen because one is
    built for every number, and a frozen dataclass pays object.__setattr__ for each field (5x slower)."""

    text: str
    quantity: Quantity
    group: tuple[Quantity, ...]  # the range or list the number belongs to, itself included
    sentence: SentenceMentions
    quantities: tuple[Quantity, ...]  # every number of the sentence
    discourse: Discourse  # the paper's other sentences, for what an earlier one named
    sentence_index: int
    previous_score: tuple[str, str, int] | None  # (metric, benchmark, sentence index) of the last score so far
    held_back: frozenset[Quantity] = frozenset()  # numbers of the sentence that are no results


T = TypeVar("T")


def _once_per_sentence(rule: Callable[[Context], T]) -> Callable[[Context], T]:
    """A rule that reads only the number's sentence (ctx.text and ctx.sentence, never the number), worked
    out for the sentence's first number and kept for the others."""
    @wraps(rule)
    def kept(ctx: Context) -> T:
        derived = ctx.sentence.derived
        if rule not in derived:
            derived[rule] = rule(ctx)
        return derived[rule]
    return kept


@lru_cache(maxsize=None)
def _words(name: str) -> regex.Pattern:
    return words_pattern(rules()[name])


@lru_cache(maxsize=None)
def _words_at_start(name: str) -> AsciiByStandardEngine:
    body = "|".join(regex.escape(w) for w in sorted(rules()[name], key=len, reverse=True))
    return tried_in_place(rf"\s*(?:{body})(?![\w-])", re.IGNORECASE)


def _after(ctx: Context, chars: int = 60) -> str:
    end = ctx.group[-1].end
    return ctx.text[end:min(ctx.sentence.end, end + chars)]


def _own_after(ctx: Context, chars: int = 60) -> str:
    """What follows this number itself (not the end of its list)."""
    end = ctx.quantity.end
    return ctx.text[end:min(ctx.sentence.end, end + chars)]


def _before(ctx: Context, chars: int = 60) -> str:
    start = ctx.quantity.qualifier_start
    return ctx.text[max(ctx.sentence.start, start - chars):start]


def _no_number_between(ctx: Context, start: int, end: int) -> bool:
    """No other result stands between start and end, outside a bracketed aside ("(from 72.7% to 93.8%)");
    a number that is no result does not ("training a GPT-3 13B model, Fuyou achieves 156 TFLOPS",
    "2.3x higher goodput under an SLO of 200 ms TTFT on ShareGPT")."""
    gap = _PARENTHETICAL.sub(lambda m: " " * len(m.group()), ctx.text[start:end])
    return not any(start <= other.start < end and other not in ctx.group and other not in ctx.held_back
                   and gap[other.start - start] != " " for other in ctx.quantities)


_PARENTHETICAL = regex.compile(r"\([^()]*\)")


_HYPHENATED_WORD = tried_in_place(r"-([A-Za-z]+)")
_IMPROVED_BY = regex.compile(r"\b(?:improv\w*|outperform\w*|surpass\w*|boost\w*)\b[^.]{0,60}\bby\s*$")
_FROM_BEFORE = regex.compile(r"\bfrom\s*$")
_POSSESSIVE_GAP = tried_in_place(r"(?:'s|’s)\s*")
_BRACKET_OR_COMMA_GAP = tried_in_place(r"\s*[(,]\s*")
# On the regex module, whose guards keep its backtracking bounded: re takes seconds on "aandand…and!".
_NAME_LIST = regex.compile(r"[\w.+-]+(?:\s*(?:/|,|and|,\s*and)\s*[\w.+-]+)+")


# ---------------------------------------------------------------- hold-back rules

def year_rule(ctx: Context) -> str | None:
    """A bare year, or a year and month, is no result: "In 2023, ...", "problems from 2024.08 to 2025.02"."""
    q = ctx.quantity
    if q.unit is None and "," not in q.mention and (
            q.value.is_integer() and 1900 <= q.value <= 2100 or _YEAR_AND_MONTH.fullmatch(q.mention)):
        return "year"
    return None


_YEAR_AND_MONTH = tried_in_place(r"(?:19|20)\d\d[./-](?:0[1-9]|1[0-2])")


def size_or_count_rule(ctx: Context) -> str | None:
    """A K/M/B number without a unit is a size or count: "a 7B base model", "175 billion parameters"."""
    return "size or count" if ctx.quantity.scaled and ctx.quantity.unit is None else None


def count_rule(ctx: Context) -> str | None:
    """A number of things is no result unless compared: "on 400 GPUs", "10 diverse base models"."""
    q = ctx.quantity
    if q.unit not in (None, "USD") and q.unit_kind != "cost":
        return None
    after = _own_after(ctx, 40)
    counted = _A_WORD.match(after)  # "10 diverse base models": one word may stand between
    if _words_at_start("count_nouns").match(after) or (
            q.unit is None and _words_at_start("count_nouns").match(after, counted.end())
            and not METRICS.find(after[:counted.end()])):
        if not _words_at_start("relative_cues_after").match(after):
            return "count"
    return None


def data_amount_rule(ctx: Context) -> str | None:
    """Hours of speech or gigabytes of text size a data set: "the 2000 hours Fisher task", "300GB of data",
    "trained on the 960 hours of LibriSpeech"."""
    q = ctx.quantity
    if q.unit not in ("hours", "days", "minutes", "GB", "TB", "MB"):
        return None
    after = _own_after(ctx, 30)
    if _words_at_start("data_amount_followers").match(after) or _NAME_NEXT.match(after):
        return "data amount"
    of_data_set = _OF_THE.match(after)
    if of_data_set and any(m.start == q.end + of_data_set.end() for m in ctx.sentence.benchmarks):
        return "data amount"
    if _media_of().search(_before(ctx, 30)):
        return "data amount"  # "processes videos of up to 3 hours"
    if _words_at_start("data_amount_nouns").match(after, _OF_A_WORD.match(after).end()):
        return "data amount"  # "100K hours of multilingual speech"
    return None


_OF_A_WORD = tried_in_place(r"\s+of\s+(?:[\w-]+\s+)?|")


@lru_cache(maxsize=None)
def _media_of() -> regex.Pattern:
    return regex.compile(rf"\b(?:{alternatives('media_nouns')})\s+(?:of|lasting)\s+$", regex.IGNORECASE)


_NAME_NEXT = tried_in_place(r"\s+[A-Z][\w-]*")  # "the 2000 hours Fisher (FSH) task": the data set it sizes
_OF_THE = tried_in_place(r"\s+of\s+(?:the\s+)?")


def device_spec_rule(ctx: Context) -> str | None:
    """Memory said of a device describes the device, not a result: "one V100 GPU with 16 GB of memory".

    So is a device's capacity: "GPUs with the highest memory capacities, currently peaking at 80GB".
    A bound is a claim, not a description: "on a GPU with less than 8 GiB of memory" is a result.
    """
    q = ctx.quantity
    if q.unit in ("GB", "GiB", "MB", "TB") and q.qualifier is None and (
            _DEVICE_WITH.search(_before(ctx, 40)) or _DEVICE_CAPACITY.search(_before(ctx, 120))):
        return "device spec"
    return None


_DEVICE = r"\b(?:GPUs?|TPUs?|CPUs?|cards?|devices?|accelerators?|[A-Z]+\d{2,4}\w*)"
_DEVICE_WITH = regex.compile(rf"{_DEVICE}\s+with\s+(?:only\s+|just\s+)?$")
_DEVICE_CAPACITY = regex.compile(rf"{_DEVICE}\b[^.;\d]{{0,60}}\bcapacit(?:y|ies),?\s+"
                                 r"(?:(?:currently|now|today|peaking|reaching|topping|out|at|of|is|are|up|to)\s+){0,4}$")


def setting_rule(ctx: Context) -> str | None:
    """A number that sets up an experiment is no result: "at 90% sparsity", "3x training schedule",
    "tuning 0.1% of its parameters"."""
    after = _own_after(ctx, 40)
    if _words_at_start("relative_cues_after").match(after):
        return None
    setting_nouns = _words_at_start("setting_nouns")
    # a list of settings names its noun once, after the last: "at 75%, 87.5% and 93.75% block sparsity"
    after_the_list = _after(ctx, 40).lstrip(" -")
    listed_setting = len(ctx.group) > 1 and setting_nouns.match(after_the_list, _A_WORD.match(after_the_list).end())
    if setting_nouns.match(after.lstrip(" -")) or listed_setting or _setting_before().search(_before(ctx, 30)) \
            or _TARGET_AFTER_ITS_METRIC.match(after) or (ctx.quantity.unit == "USD" and _PRICE_PER.match(after)) \
            or (ctx.quantity.unit == "%" and _BUDGET_AFTER.match(after)):
        return "setting"  # "a 3.28 validation loss target", "$3 per GPU-hour", "at a 10% cache budget"
    if ctx.quantity.unit is None and _BUDGET_OF_BEFORE.search(_before(ctx, 30)):
        return "setting"  # "within a budget of 500 model calls"; "a budget of $10,000" is what a result cost
    if _BRACKETED_COMPARISON.search(_before(ctx, 10)) and _CLOSE_BRACKET.match(ctx.text, ctx.quantity.end):
        return "setting"  # a threshold that defines a group: "reduced ejection fraction (≤40%)"
    if _WITH_BEFORE.search(_before(ctx, 20)) and any(
            _words_at_start("count_nouns").match(after, start) for start in (0, _A_WORD.match(after).end())):
        return "setting"  # "with 2 sampling steps": what the result was reached with
    fraction = _FRACTION_OF.match(after)
    if fraction and any(_words_at_start("fraction_of_nouns").match(after, start)  # "50% of the patch tokens"
                        for start in (fraction.end(), _A_WORD.match(after, fraction.end()).end())):
        return "setting"
    return None


_TARGET_AFTER_ITS_METRIC = tried_in_place(r"\s*(?:[\w-]+\s+){1,2}targets?\b", re.IGNORECASE)
_BUDGET_AFTER = tried_in_place(r"\s*(?:[\w-]+\s+)?budget\b", re.IGNORECASE)
_PRICE_PER = tried_in_place(r"\s*(?:per|an?|/)\s*(?:GPU|TPU|node|instance|machine|[\w-]*hour|hr|token|million)",
                            re.IGNORECASE)


@lru_cache(maxsize=None)
def _setting_before() -> regex.Pattern:
    """"a latency target of 1 second", "under an SLO of 200 ms", "at temperature 0", "with a beam size of 4"."""
    return regex.compile(rf"\b(?:{alternatives('setting_words_before')})\s*(?:of|=|:)?\s*$", regex.IGNORECASE)


_A_WORD = tried_in_place(r"\s*(?:[\w-]+\s+)?")
_BUDGET_OF_BEFORE = regex.compile(r"\bbudget\s+of\s+(?:up\s+to\s+|at\s+most\s+)?$", regex.IGNORECASE)
_BRACKETED_COMPARISON = regex.compile(r"\(\s*(?:≤|≥|<=|>=|<|>)\s*$")
_WITH_BEFORE = regex.compile(r"\bwith\s+(?:only\s+|just\s+)?$", regex.IGNORECASE)
_FRACTION_OF = tried_in_place(
    r"\s*(?:of\s+)?(?:the\s+|its\s+|their\s+|all\s+|our\s+|an?\s+)?(?:(?:trainable|total|model|original|sensitive|selected|test)\s+)?")


def unmeasured_number_rule(ctx: Context) -> str | None:
    """A number with neither unit nor metric next to it measures nothing we can name: "in 10 steps".

    A signed number bracketed after another is that number's delta: "78.2%(+1.4)".
    """
    q = ctx.quantity
    if q.unit is not None or adjacent_metric(ctx) is not None or is_bracketed_delta(ctx) or generic_score(ctx):
        return None
    if is_versus_value(ctx) or _is_change_from_to(ctx) and clause_metric(ctx, 120) is not None:
        return None  # a compared value takes the metric of the value before it
    if is_bracketed_after_a_name(ctx) and clause_metric(ctx) is not None:
        return None
    if is_score_on_a_benchmark(ctx) or listed_score_metric(ctx) is not None:
        return None  # "scores 67.4 on MMLU, 48.9 on MMLU-Pro and 73.2 on GSM8K"
    return "no unit or metric"


_RESULT_VERB_BEFORE = regex.compile(
    r"\b(?:achiev|reach|scor|obtain|attain|get|yield|record|set)\w*\b[^,;()]{0,30}$", regex.IGNORECASE)
# "achieves 93.2 on RewardBench", "reaches 86.1 on the more challenging interPlan benchmark"
_ON_THE = tried_in_place(r"\s+on\s+(?:the\s+)?(?:(?:more|most|less|widely|recently|newly|highly|very)\s+)?"
                         r"(?:(?!(?:and|or|of|for|with|than)\b)[a-z][a-z-]*\s+)?")


def is_score_on_a_benchmark(ctx: Context) -> bool:
    """A bare number a verb of scoring puts on a named benchmark is a score in it: "RubricRM-27B
    achieves 93.2 on RewardBench"; "batch size 256 on ImageNet" is not."""
    q = ctx.group[-1]
    on = _ON_THE.match(ctx.text, q.end)
    return bool(on and any(m.start == on.end() for m in _evaluation_benchmarks(ctx))
                and _RESULT_VERB_BEFORE.search(ctx.text, max(ctx.sentence.start, ctx.group[0].start - 40),
                                               ctx.group[0].start))


def score_on_a_benchmark_metric(ctx: Context) -> str | None:
    """The metric of a number a verb of scoring puts on a benchmark that names none: "achieves 93.2 on
    RewardBench" is a score; "reaches 78.2% on CV-Bench" an accuracy, which a percentage scored on a
    benchmark almost always is."""
    if not is_score_on_a_benchmark(ctx):
        return None
    return rules()["generic_percent_score_metric"] if ctx.quantity.unit == "%" else rules()["generic_score_metric"]


_FROM_BEFORE_A_NUMBER = regex.compile(r"\bfrom\s+$", regex.IGNORECASE)
# "3.85, versus 4.49", "38.2 mIoU on Pascal VOC, versus 41.2", "compared with 2.27 for DiT-XL/2 and 1.80"
_VERSUS_AFTER_A_NUMBER = searched_in_a_short_window(
    r"\d[^,;]{0,40}?,?\s*(?:versus|vs\.?|compared\s+(?:with|to)|against)\s+(?:[^,;]{0,30}?\d[^,;]{0,30}?\band\s+)?$",
    re.IGNORECASE)
# "surpassing Qwen2.5-Math-PRM-7B (65.4)": a bare number in brackets after a name is that one's
_OPEN_BRACKET = regex.compile(r"\s*\($")
_CLOSE_BRACKET = tried_in_place(r"\s*%?\s*\)")


def _is_change_from_to(ctx: Context) -> bool:
    """"improves nDCG@10 ... from 44.5 to 63.1", "F1 improves from 38.4 with Search-R1 to 47.0": both numbers
    are in the clause's metric."""
    first, q = ctx.group[0], ctx.quantity
    from_before = _FROM_BEFORE_A_NUMBER.search(ctx.text, max(ctx.sentence.start, first.qualifier_start - 10),
                                               first.qualifier_start)
    if from_before and (is_range(ctx.text, ctx.group) or _WHOSE_TO_AFTER.match(ctx.text, q.end, ctx.sentence.end)):
        return True
    return bool(_FROM_WHOSE_BEFORE.search(ctx.text, max(ctx.sentence.start, q.qualifier_start - 80), q.qualifier_start))


# a change between two methods' numbers: "from 38.4 with Search-R1 to 47.0", "from 5.42 for FedAvg to 5.91"
_WHOSE = r"\s+(?:with|for|using|by|of)\s+"  # the method a number is of
_FROM_A_NUMBER_WHOSE = rf"\bfrom\s+\d[\d.,]*%?{_WHOSE}"
_WHOSE_TO_AFTER = tried_in_place(rf"{_WHOSE}[^,;]{{1,40}}?\s+to\s+(?=\d)")
_FROM_WHOSE_BEFORE = regex.compile(rf"{_FROM_A_NUMBER_WHOSE}[^,;]{{1,40}}?\s+to\s+$", regex.IGNORECASE)
_WHOSE_NAME_AFTER = tried_in_place(rf"{_WHOSE}(?:the\s+)?")
# "F1 improves from 38.4 with Search-R1 to 47.0": Search-R1 is where the change starts from
_CHANGED_FROM_ITS_NUMBER = regex.compile(rf"{_FROM_A_NUMBER_WHOSE}(?:the\s+)?$", regex.IGNORECASE)


def is_versus_value(ctx: Context) -> bool:
    """A number set against the one before it, in the same measure: "a perplexity of 3.85, versus 4.49 for
    GPTQ", "a FActScore of 68.4, compared with 58.3 for Alpaca-7B"."""
    first = ctx.group[0]
    return bool(_VERSUS_AFTER_A_NUMBER.search(ctx.text, max(ctx.sentence.start, first.qualifier_start - 110),
                                              first.qualifier_start))


def is_bracketed_after_a_name(ctx: Context) -> bool:
    """A bare number in brackets right after a model's name is that model's, in the sentence's metric:
    "surpassing Qwen2.5-Math-PRM-7B (65.4)"."""
    q = ctx.quantity
    opened = _OPEN_BRACKET.search(ctx.text, ctx.sentence.start, q.qualifier_start)
    return bool(opened and _CLOSE_BRACKET.match(ctx.text, q.end)
                and any(n.end == opened.start() for n in ctx.sentence.methods))


def generic_score(ctx: Context) -> bool:
    """"A score of 60.4" names no metric, but says the number is one: the benchmark's usual metric.
    A ratio is no score: "a speedup performance up to 3.79x" is a speedup."""
    return ctx.quantity.unit in _SCORE_UNITS and bool(_generic_words_at_end().search(_before(ctx, 30)))


_SCORE_UNITS = (None, "%", "points", "p.p.")


@lru_cache(maxsize=None)
def _generic_words_at_end() -> regex.Pattern:
    words = "|".join(regex.escape(w) for w in rules()["generic_metric_words"])
    return regex.compile(rf"\b(?:{words})\b(?=\s*(?:of|=|:|is|was|at|reaching|reaches)?\s*$)", regex.IGNORECASE)


_DELTA_GAP = tried_in_place(r"\s*(?:[A-Za-z][\w@-]*\s*)?\(\s*")  # "77.9%(+2.1%)", "50.4AP (+2.2)"


def is_bracketed_delta(ctx: Context) -> bool:
    """A signed number in brackets right after another, or after its metric, is its change: "77.9%(+2.1%)",
    "50.4AP (+2.2)"."""
    q = ctx.quantity
    return q.signed and any(
        other.end <= q.start and _DELTA_GAP.fullmatch(ctx.text, other.end, q.start) for other in ctx.quantities)


def is_aside_of(ctx: Context, head: Quantity) -> bool:
    """A number in brackets right after another speaks of the same measure:
    "a 2.26x speedup (9.4% improvement)", "a 21.1% PRO gain (from 72.7% to 93.8%)"."""
    q = ctx.quantity
    if head.end > q.start or q.group == head.group:
        return False
    gap = ctx.text[head.end:q.qualifier_start]
    opened = gap.rfind("(")
    return opened != -1 and ")" not in gap[opened:] and len(gap) < 60 and \
        not any(head.end <= other.start < head.end + opened for other in ctx.quantities)


def is_cost_restated(ctx: Context, head: Quantity) -> bool:
    """A price after a comma restates the cost before it: "3,800 A100 GPU hours, or about $4,500",
    "4 days on 8 H100 GPUs, roughly $2,900"."""
    q = ctx.quantity
    return q.unit == "USD" and head.unit_kind == "cost" and head.end <= q.start and \
        bool(_RESTATED_GAP.fullmatch(ctx.text, head.end, q.qualifier_start))


_RESTATED_GAP = tried_in_place(r"[^.;$]{0,40}?,\s*(?:or\s+|i\.e\.,?\s*|that\s+is,?\s*)?")


def compound_modifier_rule(ctx: Context) -> str | None:
    """A number hyphenated to a noun describes a thing, it measures nothing: "8-bit precision", "a 1001-layer ResNet"."""
    q = ctx.quantity
    glued = _HYPHENATED_WORD.match(ctx.text, q.end)
    if q.unit is None and glued and glued.group(1).lower() not in rules()["compound_modifier_exceptions"]:
        return "compound modifier"
    return None


def quoted_example_rule(ctx: Context) -> str | None:
    """A number inside quotation marks is an example, not a result: 'in the phrase "10 dollars per kilo"'."""
    before = ctx.text[ctx.sentence.start:ctx.quantity.start]
    after = ctx.text[ctx.quantity.end:ctx.sentence.end]
    for open_mark, close_mark in (('"', '"'), ("“", "”")):
        if open_mark == close_mark:
            if before.count(open_mark) % 2 == 1 and open_mark in after:
                return "quoted example"
        elif before.rfind(open_mark) > before.rfind(close_mark) and close_mark in after:
            return "quoted example"
    return None


_MULTIPLE_OF = tried_in_place(r"\s*(?:the|that\s+of|those\s+of|of|as)\b", re.IGNORECASE)  # "3x the rate of"


def factor_without_comparison_rule(ctx: Context) -> str | None:
    """A factor is a result only when compared: "3x faster" is, "a 2x upsampling" is not."""
    if ctx.quantity.unit != "x":
        return None
    near = _after(ctx, 50)
    if (_words("relative_cues_after").search(near) or METRICS.find(near) or _MULTIPLE_OF.match(near)
            or _words("relative_cues_before").search(_before(ctx, 40))
            or METRICS.find(_before(ctx, 40))
            or any(m.entry.get("kind") == "relative" and m.end <= ctx.quantity.start
                   and ctx.quantity.start - m.end < 120 for m in ctx.sentence.metrics)):
        return None
    return "factor without comparison"


def enumeration_rule(ctx: Context) -> str | None:
    """A list marker is no result: "(1) low GPU utilization, (2) limited model size"."""
    q = ctx.quantity
    if q.unit is None and q.value.is_integer() and q.value < 100 and ctx.text.startswith(")", q.end):
        opening = ctx.text[max(ctx.sentence.start, q.start - 1):q.start]
        if opening in ("(", " ", "") or q.start == ctx.sentence.start:
            return "enumeration"
    return None


# Rules that read only the text around the number come first: most numbers stop there, before any
# vocabulary is looked up.
TEXT_RULES = (quoted_example_rule, compound_modifier_rule, enumeration_rule, year_rule, size_or_count_rule,
              count_rule, data_amount_rule, device_spec_rule, setting_rule)
LINK_RULES = (unmeasured_number_rule, factor_without_comparison_rule)


# ---------------------------------------------------------------- metric rules

# Up to two words may stand between a number and its metric ("2.3x higher effective throughput"),
# but not a conjunction, which starts the next item ("by 2x and the energy efficiency by 3x").
_GAP_AFTER = tried_in_place(
    r"[\s)(]*(?:in\s+|of\s+|on\s+)?(?:(?!(?:and|or|but|while|whereas|than|compared|vs)\b)[\w-]+\s+){0,2}?[\s(]*")
# a bare number's metric stands right after it, or after the level it is counted at: "92.1 field-level F1"
_BARE_GAP_AFTER = tried_in_place(r"[\s(]*(?:in\s+(?:terms\s+of\s+)?)?(?:[a-z]+-(?:level|wise|averaged|weighted)\s+)?")
_GAP_BEFORE = tried_in_place(
    r"\s*(?:\)\s*)?(?:(?:of|=|:|to|is|was|reaches|reached|at|from|by|with|in|score|scores|up|a|an|the|[(])\s*){0,4}")


def _owned_by_other_number(ctx: Context, mention: Mention) -> bool:
    """A metric written right after another number is that number's: "56.5% AP at 124 FPS"."""
    for other in ctx.quantities:
        if other in ctx.group or other.end > mention.start:
            continue
        if _GAP_AFTER.fullmatch(ctx.text[other.end:mention.start]):
            return True
    return False


def _owned_by_a_size(ctx: Context, mention: Mention) -> bool:
    """A metric named right after a size or a setting is theirs: "(1.5B parameters)", "a 10% cache budget"."""
    return any((other.scaled or other in ctx.held_back) and other.end <= mention.start
               and _GAP_AFTER.fullmatch(ctx.text[other.end:mention.start]) for other in ctx.quantities)


# "by 31-42% (IoU = 0.071 ...)": a metric given a value of its own is not the number's before it
_ASSIGNED = tried_in_place(r"\s*[=:]")


def adjacent_metric(ctx: Context) -> Mention | None:
    """The metric named right after or right before the number: "43.3% accuracy", "R@5 to 77.9%"."""
    last = ctx.group[-1]
    # a bare number is named only by a metric right next to it ("45.0 AP"), one with a unit also
    # across a word or two ("2.3x higher effective throughput")
    gap_after = _GAP_AFTER if last.unit is not None else _BARE_GAP_AFTER
    for i, mention in enumerate(ctx.sentence.metrics):
        if mention.start >= last.end and gap_after.fullmatch(ctx.text[last.end:mention.start]) \
                and _no_number_between(ctx, last.end, mention.start) and not _ASSIGNED.match(ctx.text, mention.end):
            return _respective_metric(ctx, ctx.sentence.metrics[i:]) or _slash_paired_metric(ctx, mention) or mention
    first = ctx.group[0]
    for mention in reversed(ctx.sentence.metrics):
        end = _slash_listing(ctx, mention)[1]  # "ROUGE-1/2/L scores of 50.9/22.4/45.8": after the whole listing
        gap = ctx.text[end:first.qualifier_start]
        if end <= first.qualifier_start and _GAP_BEFORE.fullmatch(gap):
            # "IoU = 0.071" names its number, whatever stands before the metric
            assigned = "=" in gap or ":" in gap
            if _owned_by_other_number(ctx, mention) and not assigned:
                return None
            return _slash_paired_metric(ctx, mention) or mention
    return None


_SLASH = tried_in_place(r"\s?/\s?")
# the words a metric is listed with, joined by slashes: "AP/AP50/AP75", "ROUGE-1/2/L"
_SLASH_LISTED_BEFORE = regex.compile(r"(?:[\w@.+-]+/)+$", regex.REVERSE)
_SLASH_LISTED_AFTER = tried_in_place(r"(?:/[\w@+-]+(?:\.[\w@+-]+)*)+")


def _slash_listing(ctx: Context, mention: Mention) -> tuple[int, int]:
    """The span of the slash-joined words the metric mention is listed with, or the mention's own span."""
    before = _SLASH_LISTED_BEFORE.search(ctx.text, max(ctx.sentence.start, mention.start - 40), mention.start)
    after = _SLASH_LISTED_AFTER.match(ctx.text, mention.end, ctx.sentence.end)
    return (before.start() if before else mention.start), (after.end() if after else mention.end)


def _slash_paired_metric(ctx: Context, mention: Mention) -> Mention | None:
    """Numbers and metrics listed with slashes pair in order: "an AP/AP50/AP75 of 45.1/63.2/48.9", "ROUGE-1/2/L
    scores of 50.9/22.4/45.8", where "2" and "L" are short for ROUGE-2 and ROUGE-L."""
    group = ctx.group
    if len(group) < 2 or not all(_SLASH.fullmatch(ctx.text, a.end, b.start) for a, b in zip(group, group[1:])):
        return None
    start, end = _slash_listing(ctx, mention)
    parts = ctx.text[start:end].split("/")
    if len(parts) != len(group) or "" in parts:
        return None
    shared = parts[0][:parts[0].rfind("-") + 1]  # "ROUGE-" of "ROUGE-1/2/L"
    i = group.index(ctx.quantity)
    entry = METRICS.lookup(parts[i]) or (METRICS.lookup(shared + parts[i]) if i and shared else None)
    if entry is None:
        return None
    at = start + sum(len(part) + 1 for part in parts[:i])
    return Mention(at, at + len(parts[i]), parts[i], entry)


_METRIC_LIST_GAP = tried_in_place(r"\s*(?:,\s*and|,|and)\s*")


def _respective_metric(ctx: Context, following: list[Mention]) -> Mention | None:
    """"13.7x and 3.0x maximum batch size and sequence length respectively" pairs in order."""
    k = len(ctx.group)
    if k < 2 or len(following) < k or not says_respectively(ctx):
        return None
    listed = following[:k]
    if all(_METRIC_LIST_GAP.fullmatch(ctx.text, a.end, b.start) for a, b in zip(listed, listed[1:])):
        return listed[ctx.group.index(ctx.quantity)]
    return None


def clause_metric(ctx: Context, reach: int = 10**9, same_clause: bool = False) -> Mention | None:
    """The nearest metric of the sentence: "improves the pass@1 accuracy of X on AIME2024 from 78.33%"."""
    q = ctx.quantity
    best, best_distance = None, 10**9
    for mention in ctx.sentence.metrics:
        if _owned_by_a_size(ctx, mention) \
                or mention.text.lower() in lowered_words("metric_words_only_next_to_a_number"):
            continue  # "(1.5B parameters)" names that number; "error correction" names no metric
        if mention.start >= q.end:
            if not _no_number_between(ctx, q.end, mention.start) or _CLAUSE_BREAK.search(ctx.text, q.end, mention.start):
                continue  # a metric after another number, or in another clause, is not this number's
            distance = mention.start - q.end
        else:
            if (_CLAUSE_BREAK if same_clause else _CONTRAST).search(ctx.text, mention.end, q.qualifier_start):
                continue  # "..., while other strategies yield 22% variance" measures something else
            distance = (q.qualifier_start - mention.end) * 1.5  # what follows a number names it more often
        if 0 <= distance < min(best_distance, reach):
            best, best_distance = mention, distance
    return best


_CONTRAST = regex.compile(r";|\b(?:while|whereas)\b")
_LEADING_CLAUSE = regex.compile(r"(?:^|[;:]|\d\)|\band\s+)\s*(?:when|while|during|for|in|because|since|as)\s+(?:[\w-]+\s+)?$", regex.IGNORECASE)
_NEW_SUBJECT = regex.compile(r"[,;:]|\b(?:while|whereas|but|which|where)\b")
_CLAUSE_BREAK = regex.compile(r"[,;:]|\band\b|\bwhile\b|\bwhereas\b")


def implied_metric(ctx: Context) -> tuple[str, str] | None:
    """A comparison word implies the metric: "9x faster" is a speedup, "9x cheaper" a cost."""
    found = _implied_pattern().match(_after(ctx, 30))
    if not found:
        return None
    # folded as the case-insensitive pattern reads it, look-alike letters too ("faſter")
    return _implied_folded()[fold_case(found.group("phrase"))], found.group().strip()


@lru_cache(maxsize=None)
def _implied_folded() -> dict[str, str]:
    return {fold_case(phrase): metric for phrase, metric in rules()["implied_metrics"].items()}


@lru_cache(maxsize=None)
def _implied_pattern() -> AsciiByStandardEngine:
    phrases = "|".join(regex.escape(p) for p in sorted(rules()["implied_metrics"], key=len, reverse=True))
    # one word may stand between the number and the comparison: "2x lower latency", "5x faster"
    return tried_in_place(rf"\s*(?:(?:[\w-]+\s+)(?=(?:{phrases})\b))?(?P<phrase>{phrases})\b", re.IGNORECASE)


def unit_metric(ctx: Context) -> str | None:
    """A unit implies its metric: "22 fps" is a throughput, "5.8ms per token" a latency."""
    return rules()["unit_metrics"].get(ctx.quantity.unit)


def task_metric(ctx: Context, benchmark: Entry | None) -> str | None:
    """A bare score on a benchmark is in the benchmark's usual metric: "51.7% on MATH" is an accuracy."""
    if benchmark is None or ctx.quantity.unit not in _SCORE_UNITS:
        return None
    # the task the sentence names says more than the benchmark's usual one: "instance segmentation
    # on the COCO test-dev split (55.3%)" is a mask AP
    for task in ctx.sentence.tasks:
        if task.entry.get("metric"):
            return task.entry.get("metric")
    return task_metric_of(benchmark)


def task_metric_of(benchmark: Entry) -> str | None:
    """The metric the benchmark's task is usually reported in (tasks.json), if any."""
    task = TASKS.by_name(benchmark.name) or _task_of(benchmark.get("task"))
    return task.get("metric") if task else None


def _task_of(task_name: str | None) -> Entry | None:
    if not task_name:
        return None
    exact = TASKS.by_name(task_name)
    if exact:
        return exact
    # "3D object detection" is measured as "object detection" is
    return next((t for t in TASKS.entries if task_name.endswith(" " + t.name)), None)


def carried_metric(ctx: Context, benchmark: str | None) -> str | None:
    """A bare percentage continues the paper's last score on that benchmark: "ViT-H achieving 80.5%"; so do
    points, which are in the metric of the score they are gained on ("improves ... by 7.2 points")."""
    q = ctx.quantity
    if q.unit not in ("%", "points", "p.p.") or ctx.previous_score is None or q.signed and q.unit == "%":
        return None
    if clause_metric(ctx, 100, same_clause=True) is not None:
        return None  # "the execution time decreases by 30.5%" is of what its own clause names
    metric, previous_benchmark, sentence_index = ctx.previous_score
    if _BY_BEFORE.search(_before(ctx, 40)) and sentence_index != ctx.sentence_index:
        return None  # a gain continues the score it is compared with in its own sentence only
    return metric if benchmark == previous_benchmark else None


# between two items of one list of scores: "78.2% on CV-Bench, 56.4% on BLINK and 63.9% on 3DSRBench"
_BETWEEN_LISTED_SCORES = tried_in_place(r"\s+on\s+[^,;.()]{1,60}?(?:,\s*(?:and\s+)?|\s+and\s+)")


def listed_score_metric(ctx: Context) -> str | None:
    """A score in a list of scores on benchmarks is in the metric of the one before it: "78.2% on CV-Bench,
    56.4% on BLINK and 63.9% on 3DSRBench" are three accuracies, though 3DSRBench says nothing of its own."""
    q = ctx.quantity
    if ctx.previous_score is None or ctx.previous_score[2] != ctx.sentence_index or not _ON_THE.match(ctx.text, q.end):
        return None
    before = [other for other in ctx.quantities if other.end <= q.start and other.unit == q.unit]
    if before and _BETWEEN_LISTED_SCORES.fullmatch(ctx.text, before[-1].end, q.qualifier_start):
        return ctx.previous_score[0]
    return None


def improvement_metric(ctx: Context) -> str | None:
    """A gain with no metric named is a gain in performance: "10-20% improvement over SOTA"."""
    if ctx.quantity.unit in ("%", "points", "p.p.") and (
            _words_at_start("improvement_cues").match(_after(ctx, 30))
            or _IMPROVED_BY.search(_before(ctx, 80))):
        return rules()["generic_fallback_metric"]
    return None


# ---------------------------------------------------------------- kind rule

_BY_BEFORE = regex.compile(
    r"\bby(?:\s+(?:up\s+to|over|about|approximately|nearly|around|roughly|more\s+than|less\s+than|only|just|as\s+much"
    r"\s+as|an?|average|on\s+average))*[\s~∼]*$", regex.IGNORECASE)
_FRACTION_OF_BASELINE = tried_in_place(r"\s*(?:[\w-]+\s+)?of\s+(?:the|its|their|a|an)\b", re.IGNORECASE)
# a change noun right after the number or after a word or two of its own: "a 5% accuracy improvement", "12%
# fewer tokens"; not one across a preposition, which begins what the number is on ("86.1 on the more
# challenging interPlan benchmark")
_CHANGE_AFTER = tried_in_place(
    r"\s*(?:(?!(?:on|in|at|for|across|over|from|to|with)\b)[\w-]+\s+){0,2}"
    r"(?:improvement|gain|increase|reduction|boost|drop|decrease|higher|lower|better|fewer|less|more)\b",
    re.IGNORECASE)


@lru_cache(maxsize=None)
def _change_of_before() -> regex.Pattern:
    """ "an average improvement of ~6%", "speedups of 26%" """
    nouns = "|".join(regex.escape(n) for n in rules()["change_nouns_before"])
    return regex.compile(rf"\b(?:{nouns})\s+of(?:\s+(?:up\s+to|about|approximately|nearly|around|over|more\s+than))?[\s~∼]*$",
                         regex.IGNORECASE)


def kind_of(ctx: Context, metric: Entry | None) -> str:
    """Score, relative or cost: "+2.2 AP" and "by 12.1%" are relative, "2.788M GPU hours" a cost.

    A range or list is read from its first number: "by 6.2% to 10.5%" is two gains.
    """
    q = ctx.quantity
    first = ctx.group[0]
    before = ctx.text[max(ctx.sentence.start, first.qualifier_start - 40):first.qualifier_start]
    after = _own_after(ctx, 40)
    if q.signed or q.unit in ("x", "p.p.", "points"):
        return "relative"
    if _BY_BEFORE.search(before) or _change_of_before().search(before):
        return "relative"
    if _words_at_start("relative_cues_after").match(_after(ctx, 40).lstrip(" )")) or _CHANGE_AFTER.match(after):
        return "relative"
    if q.unit == "%" and _FRACTION_OF_BASELINE.match(after) and not _FROM_BEFORE.search(before):
        return "relative"  # "only 27.7% of the compute", "99.2% performance of the baseline"
    if metric is not None and metric.get("kind"):
        # a percentage of a cost is a ratio against a baseline: "saves 42.5% of training costs"
        return "relative" if metric.get("kind") == "cost" and q.unit == "%" else metric.get("kind")
    if q.unit_kind == "cost":
        return "cost"
    return "score"


# ---------------------------------------------------------------- benchmark rules

_INTRODUCES_AFTER = regex.compile(r"\b(?:on|in|for|across|over|of|at)\b[^\d]{0,45}$", regex.IGNORECASE)
# "43.3% (pass@1) on AIME", "55.0% AP on COCO"; not "to 91.7% and MATH accuracy", the next item of a list
_TIGHT_GAP = tried_in_place(r"[\s)(]*(?:(?!(?:and|or|but|while|whereas)\s)[\w-]+\s+){0,2}[\s(]*")


def is_training_data(ctx: Context, mention: Mention) -> bool:
    """A data set trained on is no benchmark: "after pre-training with Objects365", "40% of the X data"."""
    before = ctx.text[max(ctx.sentence.start, mention.start - 30):mention.start]
    return bool(_trained_on_pattern().search(before) or _DATA_AFTER.match(ctx.text, mention.end))


_DATA_AFTER = tried_in_place(r"\s+(?:data|training data|corpus)\b")


@lru_cache(maxsize=None)
def _trained_on_pattern() -> regex.Pattern:
    cues = "|".join(regex.escape(c) for c in rules()["training_data_cues"])
    return regex.compile(rf"(?:{cues})\s+(?:the\s+|a\s+|\d[\d.]*%\s+of\s+the\s+)?[\w-]*\s*$", regex.IGNORECASE)


_TRAINING_VERB_BEFORE = regex.compile(r"\b(fine-?tun|pre-?train|train)\w*\b[^.;]{0,50}$", regex.IGNORECASE)
# the workload a verb's work is: "fine-tuned on ..." is fine-tuning, "serves LLaMA" serving
_VERB_STEM_HEADS = (("fine-tun", "fine-tuning"), ("finetun", "fine-tuning"), ("pre-train", "pre-training"),
                    ("pretrain", "pre-training"), ("train", "training"), ("run", "inference"), ("serve", "serving"))


def _workload_head_of(verb: str) -> str:
    lowered = verb.lower()
    return next(head for stem, head in _VERB_STEM_HEADS if lowered.startswith(stem))


def training_data_workload(ctx: Context) -> str | None:
    """An efficiency number of a sentence that names what was trained on is measured on that training:
    "fine-tuned on 40% of the Alpaca data, it cuts training time by 78%" is on "Alpaca fine-tuning"."""
    for mention in ctx.sentence.benchmarks:
        if mention.end <= ctx.quantity.start and is_training_data(ctx, mention):
            verb = _TRAINING_VERB_BEFORE.search(ctx.text, ctx.sentence.start, mention.start)
            head = _workload_head_of(verb.group(1)) if verb else "training"
            return f"{mention.entry.name} {head}"
    return None


# "Decoding a full page takes about 0.8 s", "Graph construction takes under 2 seconds", "A full page is
# processed in 310 ms": the subject of the clause, read backwards from the verb before the number
_SUBJECT_TAKES = regex.compile(
    r"(?<![^\s,;:])(?P<subject>[A-Za-z][^,;:()]{2,80})\s+(?:takes|took|requires|required|needs|costs|"
    r"(?:is|are)\s+(?:processed|produced|generated|completed|decoded|rendered)\s+in|runs\s+in|completes\s+in)\s+$",
    regex.REVERSE)


def subject_workload(ctx: Context) -> str | None:
    """What an efficiency number is measured on when the clause says what takes it: "Decoding a full page
    takes about 0.8 s on an RTX 4090" is on "Decoding a full page"; not "It takes 3 hours" or "The model
    takes 12 ms", whose subject says nothing of the workload."""
    q = ctx.quantity
    if q.unit in (None, "%", "x"):
        return None  # "our token storage only needs <1%" is a ratio, not what a workload takes
    said = _SUBJECT_TAKES.search(ctx.text, ctx.sentence.start, q.qualifier_start)
    # the whole clause before the verb: from the sentence's start or a comma
    if said is None or said.start() != ctx.sentence.start and ctx.text[said.start() - 2] not in ",;:":
        return None
    subject = _LEADING_CONJUNCTION.sub("", said.group("subject"))  # ", and the whole search costs ..."
    words = subject.lower().split()
    not_starts = lowered_words("not_workload_subject_starts")
    if len(words) < 2 or words[0] in not_starts or " ".join(words[:2]) in not_starts \
            or words[-1] in lowered_words("model_nouns") or any(
            n.start == said.start("subject") and n.end == said.end("subject") for n in ctx.sentence.methods):
        return None  # "The model takes 12 ms", "Our compact network takes 3 ms": a model, not a workload
    return subject


_LEADING_CONJUNCTION = regex.compile(r"^(?:and|but|while|whereas|so|yet)\s+", regex.IGNORECASE)
_TIME_UNITS = frozenset(u.unit for u in UNITS.units if u.to == "second")  # ms, s, minutes, hours, days, ...
_TRAINING_WORD = regex.compile(r"\b(?:train|fine-?tun|pre-?train|distil|\w*-?epochs?\b|schedule|run\b|runs\b)",
                               regex.IGNORECASE)


def time_taken_metric(ctx: Context) -> str | None:
    """The time a stated workload takes is its latency, or its training time if it trains: "Generating one
    ensemble member takes 38 seconds" is a latency, "Fine-tuning the 7B model takes 3 hours" a training time."""
    if ctx.quantity.unit not in _TIME_UNITS:
        return None
    subject = subject_workload(ctx)
    if subject is None:
        return None
    return "training time" if _TRAINING_WORD.search(subject) else "latency"


@_once_per_sentence
def _evaluation_benchmarks(ctx: Context) -> tuple[Mention, ...]:
    """The sentence's benchmarks but those trained on; a data set fine-tuned on is the one evaluated where
    the sentence names no other: "Fine-tuned on BTCV, it achieves a Dice score of 85.6%"."""
    evaluated = tuple(m for m in ctx.sentence.benchmarks if not is_training_data(ctx, m))
    if evaluated or not ctx.sentence.benchmarks:
        return evaluated
    return tuple(m for m in ctx.sentence.benchmarks
                 if _FINE_TUNED_ON.search(ctx.text, max(ctx.sentence.start, m.start - 30), m.start))


_FINE_TUNED_ON = regex.compile(r"\bfine-?tuned\s+on\s+(?:the\s+)?$", regex.IGNORECASE)


def paired_benchmark(ctx: Context) -> Mention | None:
    """Lists pair in order: "89.0% and 82.1% on PASCAL VOC 2012 and Cityscapes"; a range is on one."""
    if len(ctx.group) < 2 or is_range(ctx.text, ctx.group):
        return None
    benchmarks = _evaluation_benchmarks(ctx)
    if len(benchmarks) != len(ctx.group):
        return None
    return benchmarks[ctx.group.index(ctx.quantity)]


_RESPECTIVELY = regex.compile(r"\brespectively\b", regex.IGNORECASE)


@_once_per_sentence
def says_respectively(ctx: Context) -> bool:
    return bool(_RESPECTIVELY.search(ctx.text, ctx.sentence.start, ctx.sentence.end))


def respective_benchmark(ctx: Context) -> Mention | None:
    """"Respectively" pairs the numbers outside brackets with the benchmarks in order:
    "a 2.26x speedup (9.4% improvement) and 2.23x speedup on GSM8K and HumanEval, respectively"."""
    if not says_respectively(ctx):
        return None
    # a suite that frames the sentence is none of the items ("On the OGB benchmarks, ... 86.7% and 68.1% on
    # pokec and ogbn-papers100M, respectively"); a framing list is ("On GSM8K and HumanEval, ...")
    evaluated = _evaluation_benchmarks(ctx)
    benchmarks = [m for i, m in enumerate(evaluated) if not (
        _frames_the_sentence(ctx, m)
        and not (i + 1 < len(evaluated) and _METRIC_LIST_GAP.fullmatch(ctx.text, m.end, evaluated[i + 1].start)))]
    outside = _PARENTHETICAL.sub(lambda m: " " * len(m.group()), ctx.text[ctx.sentence.start:ctx.sentence.end])
    heads = [q for q in ctx.quantities if outside[q.start - ctx.sentence.start] != " "
             and q.unit == ctx.quantity.unit]
    owner = ctx.quantity
    if owner not in heads:  # a bracketed number goes with the number it follows
        earlier = [q for q in ctx.quantities if q.end <= owner.start and outside[q.start - ctx.sentence.start] != " "]
        if not earlier:
            return None
        owner = earlier[-1]
        heads = [q for q in ctx.quantities if outside[q.start - ctx.sentence.start] != " " and q.unit == owner.unit]
    if len(heads) < 2 or len(benchmarks) != len(heads):
        return None
    return benchmarks[heads.index(owner)]


def benchmark_after(ctx: Context) -> Mention | None:
    """What the number is on, named after it: "43.3% on AIME 2024", "2x when evaluated on code completion",
    "by 6.39% on 12 downstream datasets"."""
    q = ctx.quantity
    last_end = ctx.group[-1].end
    # a named benchmark or task outranks a phrase that only counts several, and so does one framing the
    # clause: "on the BEIR benchmark it obtains an nDCG@10 of 50.7 over 13 datasets" counts BEIR's parts
    framing = benchmark_before(ctx)
    counted_parts = framing is not None and _no_number_between(ctx, framing.end, q.start) \
        and not _NEXT_CLAUSE.search(ctx.text, framing.end, q.start)  # "34.9% on WeMath, and averages 51.8% across"
    for candidates in ([*_evaluation_benchmarks(ctx), *ctx.sentence.tasks],
                       [] if counted_parts else ctx.sentence.collections):
        for m in sorted(candidates, key=lambda m: m.start):
            if m.start < last_end:
                continue
            gap = ctx.text[last_end:m.start]
            if _no_number_between(ctx, q.end, m.start):
                if _TIGHT_GAP.fullmatch(gap) or (_INTRODUCES_AFTER.search(gap + " ")
                                                 and not _NEXT_CLAUSE.search(gap)):
                    return m
            elif _ON_RIGHT_BEFORE.search(gap) and not _SEPARATE_CLAUSE.search(_COORDINATED_NUMBER.sub(" ", gap)):
                return m  # "55.0% AP at 90 FPS on COCO", "a 19.4% AP gain and a 14.7% AR gain on VisA"
    return None


# "... gain and a 14.7% ...", "an AbsRel of 4.3 and a δ1 accuracy of 97.6%", "... and a word error rate (WER)
# of 12.6%": a second number in the same shape, joined by "and"
_COORDINATED_NUMBER = regex.compile(
    r"^[^,;]*?\band\s+(?:an?\s+)?(?:(?:[^\s,;()]+\s+){1,3}(?:\([^()\s]+\)\s+)?of\s+)?(?=\d)")


_CLAUSE_END = regex.compile(r"[,;:]")
# "is 213x faster at test-time, and achieves a higher mAP on PASCAL VOC": the data set is the next clause's
_NEXT_CLAUSE = regex.compile(r",\s*(?:and|but|while|whereas)\b")
_ON_RIGHT_BEFORE = regex.compile(r"\b(?:on|in)\s+(?:the\s+)?$", regex.IGNORECASE)
_SEPARATE_CLAUSE = regex.compile(r"[;,]|\b(?:while|whereas|compared|than|but|and)\b", regex.IGNORECASE)


def benchmark_before(ctx: Context) -> Mention | None:
    """The benchmark named last before the number: "On MNIST, FreezeNet achieves 99.2%"; not the suite
    it comes from ("On the FEMNIST benchmark from LEAF it achieves 86.2%")."""
    before = [m for m in _evaluation_benchmarks(ctx) if m.end <= ctx.quantity.start]
    if len(before) > 1 and _FROM_A_SUITE.fullmatch(ctx.text, before[-2].end, before[-1].start):
        return before[-2]
    return before[-1] if before else None


_FROM_A_SUITE = tried_in_place(r"(?:\s+(?:benchmark|dataset|data\s+set|task))?\s+(?:from|of|in)\s+(?:the\s+)?",
                               re.IGNORECASE)


_DESCRIBING_CLAUSE = regex.compile(
    r"(?:\s+(?:benchmark|dataset|data\s+set|suite|corpus))?,?\s*(?:which|that)\s+"
    r"(?:spans?|covers?|contains?|includes?|comprises?|has)\b[^;]*", regex.IGNORECASE)


def describes(ctx: Context, mention: Mention, collection: Mention) -> bool:
    """Whether a collection after a benchmark is the benchmark's own parts: named in a clause about it ("On
    the GIFT-Eval benchmark, which spans 97 configurations across 7 domains, it reaches a CRPS of 0.471"), or
    in the clause the benchmark frames ("On the FLEURS benchmark it reduces the average WER across 102
    languages by 11.5%"); not in a clause of its own (", and on the Shakespeare task it attains 57.9%")."""
    if mention.end > collection.start:
        return False
    return bool(_DESCRIBING_CLAUSE.fullmatch(ctx.text, mention.end, collection.start)) or (
        _frames_the_sentence(ctx, mention) and not _NEXT_CLAUSE.search(ctx.text, mention.end, collection.start))


def collection_before(ctx: Context) -> Mention | None:
    """Several benchmarks named before the number: "Experiments on several tasks show ... by 7%~64%"."""
    before = [m for m in ctx.sentence.collections if m.end <= ctx.quantity.start]
    return before[-1] if before else None


def is_near_before(ctx: Context, mention: Mention) -> bool:
    """A benchmark named just before the number, no other number between: "On MNIST, it reaches 99.2%";
    not one that ends an earlier number's clause ("an 8.6% gain on HumanEval, cuts training time by 78%")."""
    return mention.end <= ctx.quantity.start and ctx.quantity.start - mention.end < 40 and \
        _no_number_between(ctx, mention.end, ctx.quantity.start) and not _ends_a_numbers_clause(ctx, mention)


def _ends_a_numbers_clause(ctx: Context, mention: Mention) -> bool:
    return any(other.end <= mention.start and other not in ctx.group
               and not _CLAUSE_BREAK.search(ctx.text, other.end, mention.start) for other in ctx.quantities)


def owned_by_earlier_number(ctx: Context, mention: Mention) -> bool:
    """A data set named before another number is that number's: in "ImageNet accuracies of 63.2% in
    ~2 days" the days are not on ImageNet; a number in the same shape, joined by "and", shares it
    ("On MT-Bench, a speedup of 3.62x for Vicuna-7B and 3.1x for Vicuna-33B")."""
    q = ctx.quantity
    if mention.end > q.start or _no_number_between(ctx, mention.end, q.start) or _frames_the_sentence(ctx, mention):
        return False
    between = [other for other in ctx.quantities if mention.end <= other.start and other.end <= q.start]
    return not (len(between) == 1 and between[0].unit == q.unit
                and _COORDINATED.fullmatch(ctx.text, between[0].end, q.start))


_COORDINATED = tried_in_place(r"[^,;.]*?\band\s+")
_SENTENCE_FRAME = regex.compile(r"\s*(?:on|for|across)\s+(?:the\s+)?", regex.IGNORECASE)


def _frames_the_sentence(ctx: Context, mention: Mention) -> bool:
    """"On Spec-Bench with Vicuna-13B, it achieves speedups of 3.41x at temperature 0 and 2.87x at
    temperature 1": a benchmark that opens the sentence is every number's in it."""
    frame = _SENTENCE_FRAME.match(ctx.text, ctx.sentence.start, mention.start)
    return bool(frame) and frame.end() == mention.start


_TOKEN_BEFORE = regex.compile(r"([\w.+-]+)\s+$", regex.REVERSE)  # read backwards from the head


_FUNCTION_WORDS = frozenset(
    "the a an of and or in on for to with by our its their this that we is are at than as from into be can it "
    "which these those both all while when because since although though thus hence therefore however "
    "moreover furthermore additionally notably finally overall specifically".split())
_FACTOR_OR_NUMBER = tried_in_place(r"\d[\d.,]*(?:[xX×%]|times)?")


def _nounish(word: str) -> bool:
    """Names and domain nouns modify a workload ("GPT-2", "LLM", "long-sequence"); verbs and numbers do not."""
    lowered = word.lower()
    if lowered in _FUNCTION_WORDS or lowered in lowered_words("workload_stop_modifiers"):
        return False
    if _FACTOR_OR_NUMBER.fullmatch(word) or (lowered.endswith("ing") and "-" not in word and not word.isupper()):
        return False
    return (any(c.isupper() or c.isdigit() for c in word) or lowered in lowered_words("workload_modifiers")
            or "-" in word)


# "Training of Extreme Long Sequence Transformer Models", "Text Generation for LLMs"
_OF_PHRASE = tried_in_place(
    r"\s+(?:of|for)\s+((?:[\w.+-]+\s+){0,4}[\w.+-]*(?:[A-Z]\w*|models?|networks?|transformers?))\b")


class Workload(NamedTuple):
    """A workload as the text states it, at [start, end), under the name a leaderboard shows; of_model
    where the text names the model worked on rather than the work ("trains VGG16"); at_metric_only where
    it is a workload only in the metric's own phrase ("attention speed-up", not "with sparse attention");
    baseline where it is what the result is compared with ("2x faster than auto-regressive decoding")."""
    start: int
    end: int
    name: str
    of_model: bool = False
    at_metric_only: bool = False
    baseline: bool = False


def _workload_at(text: str, head_start: int, head_end: int, floor: int, ceiling: int,
                 at_metric_only: bool) -> Workload:
    start = head_start
    for _ in range(3):
        word = _TOKEN_BEFORE.search(text, floor, start)
        if not word or not _nounish(word.group(1)):
            break
        start = word.start(1)
    end = head_end
    if start == head_start:  # a bare head may say what it works on after it
        of_phrase = _OF_PHRASE.match(text, head_end, ceiling)
        if of_phrase and not any(w.lower() in _FUNCTION_WORDS for w in of_phrase.group(1).split()):
            end = of_phrase.end()
    return Workload(start, end, text[start:end], at_metric_only=at_metric_only)


def find_workloads(text: str, start: int, end: int) -> list[Workload]:
    """What efficiency is measured on, as stated: "LLM inference", "GPT-2 training", "training", and the
    models a sentence trains or runs ("trains the very deep VGG16 network" is "VGG16 training"), in order.

    A head that modifies the next noun names no workload: "a 3x training schedule", "training data".
    """
    folded = fold_case(text[start:end])  # the patterns are tried only where their first words stand
    heads = [_workload_at(text, m.start(), m.end(), start, end,
                          at_metric_only=m.group().lower() in lowered_words("workload_heads_at_the_metric_only"))
             for m in finditer_at_starts(_words("workload_heads"), rule_word_starts("workload_heads"), text, start, end,
                                         folded)
             if not _words_at_start("not_workload_after_head").match(text, m.end(), end)]
    return sorted(w._replace(baseline=_is_baseline_workload(text, w, start, end))
                  for w in [*heads, *_model_workloads(text, start, end, folded)])


def _with_the_sentences_models(ctx: Context, bare_workload: str) -> str | None:
    """A bare workload joined to the models its sentence works on: "a 5x training cost saving for
    autoregressive language models" is "autoregressive language model training"."""
    models = [w for w in ctx.discourse.sentence_workloads(ctx.sentence_index) if w.of_model and not w.baseline]
    if not models:
        return None
    name = models[0].name
    return name if _words("workload_heads").search(name) else f"{_PLURAL_MODELS.sub('', name)} {bare_workload}"


# "2x faster than auto-regressive decoding", "over that with the dense training"; not "over the original
# Ring Attention algorithm on causal transformer training", which both are measured on. Searched backwards
# (REVERSE) from the end it is anchored to, like the baseline patterns below: only whether it matches is
# asked, which a backward search answers without a try at every position.
_COMPARED_WITH_BEFORE = regex.compile(
    r"\b(?:than|over|compared\s+(?:to|with)|vs\.?|versus|relative\s+to)\s+(?:(?!(?:on|in|for|at|during)\s)[\w-]+\s+){0,4}$",
    regex.IGNORECASE | regex.REVERSE)


@lru_cache(maxsize=None)
def _systems_after() -> AsciiByStandardEngine | regex.Pattern:
    """"compared to existing MoE inference solutions": systems for the same workload."""
    return tried_in_place(rf"\s+(?:{alternatives('systems_nouns')})\b")


def _is_baseline_workload(text: str, workload: Workload, start: int, end: int) -> bool:
    """Whether a result is compared with this workload rather than measured on it."""
    return bool(_COMPARED_WITH_BEFORE.search(text, max(start, workload.start - 60), workload.start)
                and not _systems_after().match(text, workload.end, end))


_PLURAL_MODELS = regex.compile(r"(?<=\b(?:model|network|LLM))s$")
_TRAINING_VERB = r"(?P<verb>trains?|fine-tunes?|pre-trains?|pretrains?|runs?|serves?)"


# Substrings of fold_case(text) without which the patterns below find nothing: a model's noun, a verb.
_MODEL_NOUNS = ("model", "network", "llm")
_TRAINING_VERB_STEMS = ("train", "tune", "run", "serve")


@lru_cache(maxsize=None)
def _model_workload_patterns() -> tuple[tuple[tuple[str, ...], regex.Pattern], ...]:
    """(triggers, pattern) pairs: the pattern finds nothing in a text whose folded form holds no trigger."""
    qualifiers = alternatives("workload_stop_modifiers")
    determiners = rf"(?:(?:the|a|an|our|its|their|very|deep|large|small|{qualifiers})\s+)*"
    return (
        # "experiments with popular GPT-style models", "a 5x saving for autoregressive language models"
        (_MODEL_NOUNS,
         regex.compile(rf"\b(?:{_TRAINING_VERB}|experiments?\s+(?:with|on|using)|for)\s+{determiners}"
                       r"(?P<model>[\w.+-]+(?:\s+[\w.+-]+){0,2}?\s+(?:models?|networks?|LLMs?))(?![\w-])",
                       regex.IGNORECASE)),
        # "trains VGG16 3x faster"
        (_TRAINING_VERB_STEMS,
         regex.compile(rf"\b{_TRAINING_VERB}\s+{determiners}(?P<model>[\w.+-]*\d[\w.+-]*)(?![\w-])",
                       regex.IGNORECASE)),
        # "trains large models of over 100B parameter": the models are named by their size
        (_TRAINING_VERB_STEMS,
         regex.compile(rf"\b{_TRAINING_VERB}\s+{determiners}(?P<sized>models?\s+(?:of|with)\s+"
                       r"(?:over\s+|up\s+to\s+|more\s+than\s+)?(?P<size>\d[\d.]*[KMBT])\+?\s+param\w*)",
                       regex.IGNORECASE)),
    )


# "experiments using self-attention models for machine translation": the task is the workload
_WORK_AFTER_MODELS = tried_in_place(r"\s+(?:for|on)\s")
_MODEL_SIZE = tried_in_place(r"\d[\d.]*[KMBT](?:-size[d]?|-scale|-param\w*)?")  # "a 175B model" names no model


def _model_workloads(text: str, start: int, end: int, folded: str) -> list[Workload]:
    """The models a sentence trains or runs experiments on, as a workload: "Fast R-CNN trains VGG16 3x
    faster" is "VGG16 training", "experiments with popular GPT-style models" is "GPT-style models".
    folded is fold_case(text[start:end])."""
    found = {}
    checked, stands = None, False
    for triggers, pattern in _model_workload_patterns():
        if triggers is not checked:  # patterns that share their triggers share the test
            checked, stands = triggers, any(map(folded.__contains__, triggers))
        if not stands:
            continue  # most sentences train and run no model
        for m in pattern.finditer(text, start, end):
            if m.group("sized") if "sized" in pattern.groupindex else None:
                phrase, at = f"{m.group('size')} parameter model", m.start("sized")
            else:
                words = m.group("model").split()
                if _MODEL_SIZE.match(words[0]) or not all(_nounish(w) for w in words) or (
                        not m.group("verb") and _WORK_AFTER_MODELS.match(text, m.end(), end)):
                    continue
                phrase, at = m.group("model"), m.start("model")
            if m.group("verb"):
                phrase = f"{_PLURAL_MODELS.sub('', phrase)} {_workload_head_of(m.group('verb'))}"
            found.setdefault(at, Workload(at, m.end(), phrase, of_model=True))
    return list(found.values())


@lru_cache(maxsize=None)
def _workload_intro() -> regex.Pattern:
    """What leads into the workload a number is on: "2023 FPS in real-time inference", "during decoding"."""
    qualifiers = alternatives("workload_stop_modifiers")
    return regex.compile(rf"\s*\b(?:on|for|during|in|of|when)\s+(?:(?:the|a|an|its|their|our|{qualifiers})\s+){{0,2}}$",
                         regex.IGNORECASE)


def _metric_phrase(ctx: Context, metric_mention: str | None) -> tuple[int, int] | None:
    """Where the number's metric is written: the last time before the number, else the first after."""
    if not metric_mention:
        return None
    start = ctx.text.rfind(metric_mention, ctx.sentence.start, ctx.quantity.start + 1)
    if start == -1:
        start = ctx.text.find(metric_mention, ctx.quantity.end, ctx.sentence.end)
    return (start, start + len(metric_mention)) if start != -1 else None


def _stated_workload(ctx: Context, metric_mention: str | None) -> Workload | None:
    """The workload of the number's own phrase ("reduces training time by 78%"), or the one it is on."""
    s = ctx.sentence
    found = ctx.discourse.sentence_workloads(ctx.sentence_index)
    if not found:
        return None
    q = ctx.quantity
    phrase = _metric_phrase(ctx, metric_mention)
    if phrase is not None:
        # the workload inside the metric's own words ("inference latency"), else the nearest before them
        phrase_start, phrase_end = phrase
        near = [(0 if w.start < phrase_end and phrase_start < w.end else phrase_start - w.start, w)
                for w in found if phrase_start - 25 <= w.start < phrase_end]
        if near:
            return min(near)[1]
    found = [w for w in found if not w.at_metric_only]
    if phrase is not None:
        after = [w for w in found  # "peak GPU utilization during decoding"
                 if w.start >= phrase_end and _workload_intro().fullmatch(ctx.text, phrase_end, w.start)]
        if after:
            return after[0]
    for w in found:  # "5.8ms per token in multi-sequence generation", not across a comma
        if w.start >= q.end and _workload_intro().search(ctx.text, q.end, w.start) \
                and not _CLAUSE_END.search(ctx.text, q.end, w.start):
            return w
    for w in reversed(found):  # the subject's: "Training takes 3 days", "speed up training and cut 51%"
        if w.end <= q.start and _no_number_between(ctx, w.start, q.start) and (
                not _NEW_SUBJECT.search(ctx.text, w.end, q.start)
                or _LEADING_CLAUSE.search(ctx.text[s.start:w.start])):
            return w  # "when training a GPT-3 13B model, Fuyou achieves 156 TFLOPS" too
    # else the sentence's workload that says what it is ("speculative decoding"), not a bare "training",
    # nor the baseline's ("2x faster than auto-regressive decoding")
    stated = [(abs(w.start - q.start), w) for w in found if " " in w.name and not w.baseline]
    return min(stated)[1] if stated else None


def workload_near(ctx: Context, metric_mention: str | None) -> str | None:
    """The workload the number is measured on, with the model it works on where the sentence names
    one for a bare head: "when training a small GPT-3 13B model" is "GPT-3 13B training", "a 5x training
    cost saving for autoregressive language models" is "autoregressive language model training"."""
    stated = _stated_workload(ctx, metric_mention)
    if stated is None:
        return None
    if " " not in stated.name:
        model = _MODEL_AFTER_HEAD.match(ctx.text, stated.end, ctx.sentence.end)
        names = {n.start: n for n in ctx.sentence.methods}
        if model and model.end() in names:
            return f"{names[model.end()].text} {stated.name.lower()}"
        return _with_the_sentences_models(ctx, stated.name.lower()) or stated.name
    return stated.name


_MODEL_AFTER_HEAD = tried_in_place(r"\s+(?:of\s+)?(?:a|an|the)?\s*(?:(?:small|large|larger|big|huge|giant|single)\s+)?")


def opens_the_sentence(ctx: Context, workload: str) -> bool:
    """Whether the workload is what the sentence is about: "Training takes 4.5 days on 32 A100 GPUs",
    "The full training run consumed 3,800 GPU hours"."""
    opening = _SENTENCE_OPENING.match(ctx.text, ctx.sentence.start, ctx.sentence.end)
    return ctx.text[opening.end():opening.end() + len(workload)].lower() == workload.lower()


_SENTENCE_OPENING = tried_in_place(r"\s*(?:(?:the|a|our|its|their|whole|full|complete|entire|end-to-end)\s+)*",
                                   re.IGNORECASE)


def is_the_metrics_own_word(workload: str, metric: str, metric_mention: str | None) -> bool:
    """A bare workload inside the metric's words ("training time", "faster generation speed", "a single day
    of training" in training time) says what is measured, not what it is measured on."""
    return " " not in workload and any(workload.lower() in words.lower().split()
                                       for words in (metric, metric_mention or ""))


def efficiency_metric(metric_name: str) -> bool:
    """Whether a metric measures cost or speed, which a workload is measured in, not a data set."""
    lowered = metric_name.lower()
    return metric_name in rules()["efficiency_metrics"] or any(word in lowered for word in rules()["efficiency_metric_words"])


# ---------------------------------------------------------------- method rules

_BASELINE_BEFORE = regex.compile(
    r"(?:\bthan|\bover|compared (?:to|with)|\bvs\.?|versus|outperform\w*|surpass\w*|beat\w*|exceed\w*|against|"
    r"relative to|from)\s+(?:the\s+|a\s+|prior\s+|previous\s+|best\s+)*[\w-]*\s*$", regex.IGNORECASE | regex.REVERSE)


def _is_baseline_position(ctx: Context, name: NameMention) -> bool:
    """Whether the name is what something is compared with: "outperforms the state-of-the-art
    instance segmentation method Mask DINO", "9x faster than R-CNN". Both patterns are anchored at the
    name and searched backwards from it (REVERSE): whether one matches is all that is asked."""
    before = ctx.text[max(ctx.sentence.start, name.start - 70):name.start]
    return bool(_BASELINE_BEFORE.search(before) or _COMPARED_IN_CLAUSE.search(before)
                or _CHANGED_FROM_ITS_NUMBER.search(before))



_COMPARED_IN_CLAUSE = regex.compile(
    r"\b(?:than|compared\s+(?:to|with)|vs\.?|versus|outperform\w*|surpass\w*|beat\w*)\s+(?:[\w-]+\s+){0,6}$",
    regex.IGNORECASE | regex.REVERSE)


def baseline_method(ctx: Context) -> str | None:
    """A baseline's own number is the baseline's row: "surpassing CLIP's 68.3%", "(from OpenCLIP, 80.1%)"."""
    q = ctx.quantity
    for name in reversed(ctx.sentence.methods):
        if name.end > q.start:
            continue
        gap = ctx.text[name.end:q.qualifier_start]
        if _POSSESSIVE_GAP.fullmatch(gap) or _BRACKET_OR_COMMA_GAP.fullmatch(gap) and (
                _is_baseline_position(ctx, name) or "(" in ctx.text[max(0, name.start - 8):name.start]):
            return name.text
        break
    if any(_VERSUS_GAP.fullmatch(ctx.text, other.end, q.qualifier_start) for other in ctx.quantities):
        # "(55.3% vs. 54.7%)": the second number is the one compared with
        compared = [n for n in ctx.sentence.methods if n.end <= q.start and _is_baseline_position(ctx, n)]
        if compared:
            return compared[-1].text
    if is_versus_value(ctx):  # "3.85, versus 4.49 for GPTQ"
        owner = _FOR_A_NAME.match(ctx.text, ctx.group[-1].end)
        names = {n.start: n.text for n in ctx.sentence.methods}
        if owner and owner.end() in names:
            return names[owner.end()]
    if _is_change_from_to(ctx) and _WHOSE_TO_AFTER.match(ctx.text, q.end, ctx.sentence.end):
        owner = _WHOSE_NAME_AFTER.match(ctx.text, q.end)  # "from 38.4 with Search-R1 to 47.0"
        return next((n.text for n in ctx.sentence.methods if n.start == owner.end()), None)
    return None



_FOR_A_NAME = tried_in_place(r"\s+(?:for|by|from|of)\s+(?:the\s+)?")


_VERSUS_GAP = tried_in_place(r"\s*(?:vs\.?|versus|compared\s+to|against)\s*", re.IGNORECASE)


def paired_method(ctx: Context) -> str | None:
    """Lists pair in order: "RT-DETR-R50 / R101 achieves 53.1% / 54.3% AP"."""
    if len(ctx.group) < 2:
        return None
    names = [n for n in ctx.sentence.methods if n.end <= ctx.group[0].start]
    if len(names) >= len(ctx.group):
        chosen = names[-len(ctx.group):]
        joined = ctx.text[chosen[0].start:chosen[-1].end]
        if _NAME_LIST.fullmatch(joined):
            return chosen[ctx.group.index(ctx.quantity)].text
    for name in reversed(names):
        variants = _variants_after(ctx.text, name, ctx.group[0].start)
        if len(variants) == len(ctx.group):
            return variants[ctx.group.index(ctx.quantity)]
    return None


_VARIANT_LIST = regex.compile(r"(?:\s*(?:/|,|and|,\s*and)\s*([A-Za-z]{0,3}\d[\w.]*))+\s+")


def _variants_after(text: str, name: NameMention, before: int) -> list[str]:
    """"RT-DETR-R50 / R101" names RT-DETR-R50 and RT-DETR-R101: a variant written as its last part only."""
    listed = _VARIANT_LIST.match(text, name.end, before)
    if not listed or "-" not in name.text:
        return []
    stem = name.text[:name.text.rindex("-") + 1]
    return [name.text, *(stem + variant for variant in listed.captures(1))]


def subject_method(ctx: Context) -> str | None:
    """The system the sentence is about: "DeepSeekMath 7B has achieved 51.7% on MATH".

    Held back where the paper speaks of its own model after the name: "Starting with Qwen2-VL-2B ...,
    our model achieves 59.47%" is the paper's model.
    """
    q = ctx.quantity
    named_before = [name for name in ctx.sentence.methods if name.end <= q.start]
    if not named_before:
        return None  # and the sentence's workloads need not be looked for
    worked_on = [w for w in ctx.discourse.sentence_workloads(ctx.sentence_index) if w.of_model]
    for name in reversed(named_before):
        if any(w.start <= name.start < w.end for w in worked_on):
            continue  # "Fast R-CNN trains VGG16 3x faster": VGG16 is what is trained
        if not _is_baseline_position(ctx, name):
            if _words("own_subject_cues").search(ctx.text[name.end:q.start]):
                return None
            own = ctx.discourse.paper_method
            if own and name.text != own and (
                    any(standalone_occurrences(own, name.text))
                    or name.text in own and _OUR_BEFORE.search(
                        ctx.text, max(ctx.sentence.start, name.start - 20), name.start)):
                # a part of the paper's own name is the paper's method: "R-CNN" in the Sparse R-CNN
                # paper, "our CLIP model" in the CLIPA-v2 one; "our vsGRPO-2B" is itself
                return None
            return name.text
    return None


_OUR_BEFORE = regex.compile(r"\bour\s+(?:[\w-]+\s+)?$", regex.IGNORECASE)


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
