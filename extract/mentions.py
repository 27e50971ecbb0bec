"""Stage 2: find what numbers can measure — sentences, benchmarks, metrics, hardware, methods."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from .vocab import BENCHMARKS, HARDWARE, METRICS, TASKS, Mention

# A sentence ends at . ! ? followed by space and a capital, never inside "e.g.", "vs." or "et al.".
_SENTENCE_END = regex.compile(
    r"(?<!\b(?:e\.g|i\.e|vs|al|Fig|Eq|etc|approx|resp|cf|No))[.!?](?=\s+[\"'(\[]?[A-Z])|\n")


@lru_cache(maxsize=1)
def rules() -> dict:
    return json.loads((resources.files("extract") / "data" / "rules.json").read_text(encoding="utf-8"))


def words_pattern(words: list[str]) -> regex.Pattern:
    """Whole-word, case-insensitive alternation of a rules.json word list, longest first."""
    body = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<![\w-])(?:{body})(?![\w-])", regex.IGNORECASE)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; the title line is a sentence of its own."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end() if match.group() != "\n" else match.start()
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


@dataclass(frozen=True)
class SentenceMentions:
    start: int
    end: int
    benchmarks: list[Mention]
    tasks: list[Mention]
    metrics: list[Mention]
    hardware: list["HardwareMention"]
    methods: list["NameMention"]


@dataclass(frozen=True)
class HardwareMention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class NameMention:
    start: int
    end: int
    text: str


# A count or article before a device: "8 Intel Gaudi 2", "a single A100", "two 8xA800 nodes", "64 NVIDIA P100".
_HARDWARE_PREFIX = regex.compile(
    r"(?:(?:\d+|one|two|four|eight|sixteen|single|a single|a mere \d+\s?GB)\s+)?"
    r"(?:(?:NVIDIA|Nvidia|Intel|AMD|Google|Apple|Tesla|GeForce)(?:\^\w+)?\s+)*$")
_HARDWARE_SUFFIX = regex.compile(r"(?:\s+(?:GPUs?|CPUs?|TPUs?|chips?|accelerators?|nodes?|servers?|devices?|cards?))?")
# A generic device counts only where a result is said to run on it: "on 400 GPUs", "on a GPU device".
_GENERIC_HARDWARE = regex.compile(
    r"(?<=\b(?:on|using|with|across|to)\s+(?:a\s+|an\s+|the\s+|only\s+)?(?:mere\s+|single\s+)?)"
    r"(?:\d+\s*(?:GB\s+)?|(?:one|two|four|eight|single|commodity|consumer|mobile)\s+)?(?:GPUs?|CPUs?|TPUs?)\b")


def find_hardware(text: str, start: int, end: int) -> list[HardwareMention]:
    found = []
    for mention in HARDWARE.find(text, start, end):
        if mention.entry.get("generic"):
            continue
        prefix = _HARDWARE_PREFIX.search(text, max(start, mention.start - 40), mention.start)
        suffix = _HARDWARE_SUFFIX.match(text, mention.end, end)
        s = prefix.start() if prefix and prefix.group().strip() else mention.start
        e = suffix.end() if suffix else mention.end
        found.append(HardwareMention(s, e, text[s:e]))
    for match in _GENERIC_HARDWARE.finditer(text, start, end):
        if not any(h.start <= match.start() < h.end for h in found):
            found.append(HardwareMention(match.start(), match.end(), match.group()))
    return sorted(found, key=lambda h: h.start)


# A model or system name: CamelCase ("DeepSeekMath"), hyphenated with capitals or digits
# ("RT-DETR-R50", "Qwen2-VL-2B"), or an acronym with a digit or a "++".
_NAME = regex.compile(
    r"(?<![\w-])(?:"
    r"[A-Za-z][\w.]*[A-Z][\w.]*(?:[-/][\w.]+)*(?:\+\+)?"      # capitals inside: DeepSeekMath, ZeRO++, vsGRPO-2B
    r"|[A-Z][\w]*(?:-[\w.]+)*-[\w.]*[A-Z0-9][\w.]*"            # hyphenated with a capital or digit: Mask-DINO
    r"|[A-Z][a-z]+\d[\w.]*"                                   # Qwen2.5, Llama3
    r")(?![\w-])")
_TRAILING_SIZE = regex.compile(r"\s+\d+(?:\.\d+)?[BM]\b")


def find_names(text: str, start: int, end: int) -> list[NameMention]:
    stop = set(rules()["not_method_words"])
    names = []
    for match in _NAME.finditer(text, start, end):
        word = match.group().rstrip(".")
        if word in stop or word.isupper() and len(word) <= 3 and not any(c.isdigit() for c in word):
            continue
        if BENCHMARKS.lookup(word) or METRICS.lookup(word) or HARDWARE.lookup(word):
            continue
        e = match.start() + len(word)
        size = _TRAILING_SIZE.match(text, e, end)  # "DeepSeekMath 7B" names one model
        if size:
            e = size.end()
        names.append(NameMention(match.start(), e, text[match.start():e]))
    return names


def sentence_mentions(text: str, start: int, end: int) -> SentenceMentions:
    benchmarks = BENCHMARKS.find(text, start, end)
    tasks = TASKS.find(text, start, end)
    metrics = METRICS.find(text, start, end)
    hardware = find_hardware(text, start, end)
    named = [*benchmarks, *tasks, *metrics, *hardware]
    # "PASCAL" in "PASCAL VOC 2012" is part of a benchmark's name, not a method's
    methods = [n for n in find_names(text, start, end)
               if not any(m.start < n.end and n.start < m.end for m in named)]
    return SentenceMentions(start, end, benchmarks, tasks, metrics, hardware, methods)


_TITLE_NAME = regex.compile(r"^\s*([^:]{2,40}?)\s*:\s")
_DEFINED_NAME = regex.compile(r"\(([A-Z][\w.+-]*[A-Z0-9+][\w.+-]*)\)")


def paper_method(title: str, abstract: str) -> str | None:
    """The name a paper gives its own method: "VAPO: ..." in the title, or "we propose X (ABC)"."""
    head = _TITLE_NAME.match(title)
    if head and len(head.group(1).split()) <= 3 and any(c.isupper() for c in head.group(1)):
        return head.group(1)
    cues = words_pattern(rules()["method_definition_cues"])
    for cue in cues.finditer(abstract):
        window = abstract[cue.end():cue.end() + 160]
        defined = _DEFINED_NAME.search(window)
        if defined:
            return defined.group(1)
        names = find_names(window, 0, min(len(window), 60))
        if names:
            return names[0].text
    names = find_names(title, 0, len(title))
    if names:
        return names[0].text
    return None
