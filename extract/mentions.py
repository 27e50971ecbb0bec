"""Stage 2: find what numbers can measure — sentences, benchmarks, metrics, hardware, methods."""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

import regex

from .budget import scan_timeout
from .engines import searched_in_a_short_window, tried_in_place
from .vocab import (BENCHMARKS, HARDWARE, METRICS, SENTENCE_VOCABULARIES, Entry, Mention, TokenizedText,
                    finditer_at_starts, fold_case, folded_starts, standalone_words_pattern)

# A sentence ends at . ! ? followed by space and a capital, never inside "e.g.", "vs." or "et al.".
_SENTENCE_END = regex.compile(
    r"(?<!\b(?:e\.g|i\.e|vs|al|Fig|Eq|etc|approx|resp|cf|No))[.!?](?=\s+[\"'(\[]?[A-Z])|\n")


@lru_cache(maxsize=1)
def rules() -> dict:
    return json.loads((resources.files("extract") / "data" / "rules.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _words_pattern(words: tuple[str, ...]) -> regex.Pattern:
    return standalone_words_pattern(words)


def words_pattern(words: list[str]) -> regex.Pattern:
    """Whole-word, case-insensitive alternation of a rules.json word list, longest first."""
    return _words_pattern(tuple(words))


def alternatives(name: str) -> str:
    """The phrases of a rules.json list as a regex alternation, longest first, spaces as any whitespace."""
    phrases = sorted(rules()[name], key=len, reverse=True)
    return "|".join(r"\s+".join(regex.escape(word) for word in phrase.split()) for phrase in phrases)


@lru_cache(maxsize=None)
def lowered_words(name: str) -> frozenset[str]:
    """A rules.json word list lowered, for telling whether a word is one of them."""
    return frozenset(w.lower() for w in rules()[name])


@lru_cache(maxsize=None)
def rule_word_starts(name: str) -> tuple[str, ...]:
    """What each match of words_pattern(rules()[name]) begins with, in fold_case(text)."""
    return folded_starts(rules()[name])


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; the title line is a sentence of its own."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text, timeout=scan_timeout(0, len(text))):
        end = match.end() if match.group() != "\n" else match.start()
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


@lru_cache(maxsize=None)
def _collection_pattern() -> regex.Pattern:
    nouns = "|".join(regex.escape(n) for n in sorted(rules()["collection_nouns"], key=len, reverse=True))
    # "across all model sizes and tasks" gathers settings, not benchmarks
    settings = "|".join(regex.escape(n) for n in rules()["not_collection_words"])
    word = (r"(?!(?:the|a|an|our|their|its|which|that|we|than|compared|while|with|to|by|of|for|from|"
            rf"{settings})\b)[A-Za-z0-9][\w-]*")
    return regex.compile(rf"\b(?:on|across|over|in)\s+(?:the\s+|all\s+)?((?:{word},?\s+(?:and\s+)?){{1,6}}(?:{nouns}))\b",
                         regex.IGNORECASE)


_NAMED_TASK = regex.compile(
    r"\b(?i:on|in)\s+(?i:a|an|the)\s+(?:\d[\d,.]*\s*hours?\s+)?((?:[\w-]+\s+){0,2}[\w-]+\s+task)\b")


@lru_cache(maxsize=1)
def _own_data_set_pattern() -> regex.Pattern:
    """A data set of the authors' own, named by what it is: "on an in-house dataset of 420 CT scans", "on
    our newly collected benchmark of 312 tasks", "on an external validation cohort"."""
    kinds = alternatives("own_data_set_words")
    nouns = f'{alternatives("data_set_nouns")}|{alternatives("own_data_set_nouns")}'
    return regex.compile(
        rf"\b(?i:on|in|across|over|for|using)\s+(?i:an?|our|the|their|its)\s+"
        rf"((?i:{kinds})\s+(?:[\w-]+\s+){{0,2}}?(?i:{nouns}))\b")


def _names_a_task(phrase: str) -> bool:
    """"drawer-opening task", "Shakespeare next-character task" name one; "downstream task" does not."""
    words = phrase.split()[:-1]
    return any("-" in w or w[0].isupper() for w in words) and not any(
        w.lower() in rules()["not_task_names"] or w.lower().startswith(tuple(rules()["not_task_name_prefixes"]))
        for w in words)


# A word glued to the digit before it ("AP" of "50.4AP"), as group 1. The digit is matched rather than
# looked behind for, so that the engine jumps from digit to digit instead of trying every position.
_GLUED_TO_A_NUMBER = regex.compile(r"\d([A-Za-z][\w@-]*)")


class SentenceMentions:
    """What one sentence names, each kind looked up the first time a rule asks for it."""

    def __init__(self, text: str, start: int, end: int,
                 own_name: Callable[[], str | None] = lambda: None):
        self.text = text
        self.start = start
        self.end = end
        self._own_name = own_name  # finds the paper's name for its method; asked for only when names are
        self.derived: dict[Callable, object] = {}  # what rules work out from the sentence alone, for its numbers

    @cached_property
    def _named(self) -> dict[str, list[Mention]]:
        tokens = TokenizedText(self.text, self.start, self.end)
        named = SENTENCE_VOCABULARIES.find(self.text, tokens)
        if not _unlisted_name_cues().isdisjoint(tokens.lowered):
            taken = [mention for mentions in named.values() for mention in mentions]
            unlisted = [m for m in unlisted_benchmarks(self.text, self.start, self.end)
                        if not any(t.start < m.end and m.start < t.end for t in taken)
                        and not _is_own_name(m, self._own_name)]
            if unlisted:
                named["benchmarks"] = sorted([*named["benchmarks"], *unlisted], key=lambda mention: mention.start)
        return named

    @property
    def benchmarks(self) -> list[Mention]:
        """Benchmarks the vocabulary lists, and data sets that English alone names ("the CADEC dataset")."""
        return self._named["benchmarks"]

    @property
    def tasks(self) -> list[Mention]:
        return self._named["tasks"]

    @cached_property
    def metrics(self) -> list[Mention]:
        """Metrics named in the sentence, those glued to their number too: the "AP" of "50.4AP"."""
        glued = [Mention(m.start(1), m.end(1), m.group(1), entry)  # the digit may stand just before the sentence
                 for m in _GLUED_TO_A_NUMBER.finditer(self.text, max(self.start - 1, 0), self.end)
                 if (entry := METRICS.lookup(m.group(1))) is not None]
        named = self._named["metrics"]
        return sorted([*named, *glued], key=lambda mention: mention.start) if glued else named

    @cached_property
    def hardware(self) -> list["HardwareMention"]:
        return hardware_with_counts(self.text, self.start, self.end, self._named["hardware"])

    @cached_property
    def collections(self) -> list[Mention]:
        """Benchmarks as stated where no vocabulary names them: several at once ("12 downstream datasets",
        "text generation benchmarks"), a task with a name ("on a drawer-opening task", "in a 20000
        hours Mandarin recognition task"), or the authors' own data ("on an in-house dataset")."""
        # each pattern is run only where the word it ends in stands: most sentences name no collection
        folded = fold_case(self.text[self.start:self.end])
        several = _collection_pattern().finditer(self.text, self.start, self.end) \
            if any(noun in folded for noun in rule_word_starts("collection_nouns")) else ()
        named_tasks = _NAMED_TASK.finditer(self.text, self.start, self.end) \
            if self.text.find("task", self.start, self.end) != -1 else ()  # written in lower case in the pattern
        own = _own_data_set_pattern().finditer(self.text, self.start, self.end) \
            if any(word in folded for word in rule_word_starts("own_data_set_words")) else ()
        found = [*several, *(m for m in named_tasks if _names_a_task(m.group(1))), *own]
        return sorted((Mention(m.start(1), m.end(1), m.group(1), Entry(m.group(1))) for m in found),
                      key=lambda mention: mention.start)

    @cached_property
    def methods(self) -> list["NameMention"]:
        named = [*self.benchmarks, *self.tasks, *self.metrics, *self.hardware]
        # "PASCAL" in "PASCAL VOC 2012" is part of a benchmark's name, not a method's
        names = [n for n in find_names(self.text, self.start, self.end)
                 if not any(m.start < n.end and n.start < m.end for m in named)]
        # the paper's own name is a name however it is spelled ("Fuyou", "PIE")
        own = self._own_name()
        if own:
            for start, end in standalone_occurrences(self.text, own, self.start, self.end):
                if not any(n.start < end and start < n.end for n in names):
                    names.append(NameMention(start, end, own))
        return sorted(names, key=lambda n: n.start)


def _is_own_name(mention: Mention, own_name: Callable[[], str | None]) -> bool:
    """"Loom-7B" in "on the Loom-7B backbone" is the paper's model, not a data set."""
    own = own_name()
    return bool(own) and mention.text.split()[0].split("-")[0] == own.split("-")[0]


# A name shaped like a data set's and listed in no vocabulary: capitals inside or a digit ("GENIA", "NorHand",
# "USPTO-50K", "sWUGGY", "3DSRBench"), with up to three words after it that are part of the name: a capitalised
# word, a version or a year ("CrossCodeEval Python", "VerilogEval v2", "READ 2016"). Atomic, so that what
# is looked for after it cannot shorten it.
_DATA_SET_NAME = (r"(?>(?<![\w-])(?!v\d+(?:\.\d+)*(?![\w-]))"  # a version alone is no name
                  r"(?:[A-Z]{2,}|[A-Za-z]*[a-z][A-Z]|[A-Za-z]+\d|\d+[A-Za-z]*[A-Z])"  # capitals, inside ones or a digit
                  r"[A-Za-z0-9]*(?:[-.+][A-Za-z0-9]+)*(?![\w-])"
                  r"(?:\s+(?:[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*|v\d+(?:\.\d+)*|(?:19|20)\d\d)(?![\w-])){0,3})")
_MODEL_SIZE_IN_A_NAME = regex.compile(r"\d(?:\.\d+)?[BMK]\b")
# the words that may stand between a name and the noun that says it is a data set: "the CADEC dataset", "the
# interPlan driving benchmark"; not "GPT-4o on both benchmarks", "AR2 on three benchmarks"
_DESCRIBING_WORD = (r"(?!(?:on|in|of|for|with|across|over|and|or|to|from|by|at|as|than|both|all|two|three|four|five|"
                    r"six|seven|eight|nine|ten|several|multiple|various|many|these|those|other|our|its)\b)[a-z][\w-]*")
# before a data-set noun a capitalised word is a name too: "the Bamboogle benchmark", "the Weather dataset"
_NAME_BEFORE_A_NOUN = regex.compile(
    rf"(?P<name>{_DATA_SET_NAME}|(?<![\w-])[A-Z][a-z]+(?![\w-]))\s+(?:{_DESCRIBING_WORD}\s+){{0,2}}$", regex.REVERSE)
# "the discontinuous CADEC dataset" or "the most challenging CADEC dataset": far enough back for two words
_BEFORE_A_NOUN_CHARS = 80
_CLAUSE_OPENING = searched_in_a_short_window(r"(?:[,;]\s+(?:and\s+|while\s+|whereas\s+|but\s+)?)$")
# a number, its unit and up to two words of its metric: "57.9% on", "63.9% mIoU on", "83.2% top-1 accuracy on"
_NUMBER_RIGHT_BEFORE = searched_in_a_short_window(r"\d(?:[\d.,]*\d)?\s*%?\s*(?:[A-Za-z][\w@-]*\s+){0,2}$")
# after a clause-opening name comes the clause: "On LEVIR-CD, TDA achieves", "on WHU-CD it reaches"
_CLAUSE_AFTER_A_NAME = tried_in_place(r"\s*[,(]|\s+(?:it|we|they|our|the|this|with|under)\b|\s+[A-Z]")


@lru_cache(maxsize=1)
def _unlisted_name_patterns() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern]:
    """The data-set nouns; the names after one ("benchmarks BC5CDR and NCBI-disease"); a name after "on"."""
    models = alternatives("model_nouns")
    not_a_model = rf"(?!\s+(?:{models})\b)"
    return (
        words_pattern(rules()["data_set_nouns"]),
        regex.compile(rf"\s+(?P<name>{_DATA_SET_NAME})(?:(?:\s*,\s*|\s*,?\s+and\s+)(?P<name>{_DATA_SET_NAME}))*"
                      + not_a_model),
        regex.compile(rf"[Oo]n\s+(?:the\s+)?(?:{_DESCRIBING_WORD}\s+){{0,2}}(?P<name>{_DATA_SET_NAME})" + not_a_model),
    )


@lru_cache(maxsize=1)
def _unlisted_name_cues() -> frozenset[str]:
    """The words, one of which a sentence holds where unlisted_benchmarks can find a name: "on", or the last
    word of a data-set noun ("set" of "test set")."""
    return frozenset(["on", *(noun.split()[-1].lower() for noun in rules()["data_set_nouns"])])


def unlisted_benchmarks(text: str, start: int, end: int) -> list[Mention]:
    """Data sets no vocabulary lists, where English says they are data sets: named before or after a
    noun that says so ("On the nested GENIA corpus, SpanWeaver reaches 82.7 F1", "on the flat benchmarks
    BC5CDR and NCBI-disease"), as what a sentence or clause opens on ("On LEVIR-CD, TDA achieves an F1
    score of 92.4, and on WHU-CD it reaches 94.1 F1") or what a number is on ("57.9% on RTLLM v2.0").
    A name that reads as a model ("GPT-2", "7B", "ViT-B models"), a device, a metric or an imaging modality
    is none.

    Each pattern is tried only where its noun or its "on" stands, which most sentences have once or twice.
    """
    nouns, names_after_a_noun, on_a_name = _unlisted_name_patterns()
    folded = fold_case(text[start:end])
    spans: list[tuple[int, int]] = []
    for noun in finditer_at_starts(nouns, rule_word_starts("data_set_nouns"), text, start, end, folded):
        if not text[noun.start()].islower():  # "Challenge" of "StarCraft Multi-Agent Challenge" is in the name
            continue
        before = _NAME_BEFORE_A_NOUN.search(text, max(start, noun.start() - _BEFORE_A_NOUN_CHARS), noun.start())
        if before:
            spans.append(before.span("name"))
        after = names_after_a_noun.match(text, noun.end(), end)
        if after:
            spans.extend(after.spans("name"))
    for i in _word_on(folded):
        at = start + i
        on = on_a_name.match(text, at, end)
        if on and (_CLAUSE_AFTER_A_NAME.match(text, on.end(), end) and (
                i == 0 or _CLAUSE_OPENING.search(text, max(start, at - 12), at))
                or _NUMBER_RIGHT_BEFORE.search(text, max(start, at - 30), at)):
            spans.append(on.span("name"))
    return _as_data_sets(text, spans) if spans else []


def _word_on(folded: str) -> Iterator[int]:
    """Where the word "on" stands before a space in the folded text; "-tion " is skipped at no cost."""
    if folded.startswith("on "):
        yield 0
    i = folded.find(" on ")
    while i != -1:
        yield i + 1
        i = folded.find(" on ", i + 1)


@lru_cache(maxsize=1)
def _model_name_prefixes() -> tuple[str, ...]:
    return tuple(p.lower() for p in rules()["model_name_prefixes"])


@lru_cache(maxsize=4096)  # names recur from sentence to sentence and paper to paper; the vocabularies do not change
def _reads_as_no_data_set(name: str) -> bool:
    """A model ("GPT-2", "ResNet50", "a 7B model"), a describing word ("ALOHA-style"), a device, a metric or
    a word of the stop lists, which the shape of a data set's name does not tell apart."""
    first = name.split()[0].lower()
    return (first in lowered_words("not_data_set_names") or first in lowered_words("not_method_words")
            or first.startswith(_model_name_prefixes())
            or first.endswith(tuple(rules()["adjective_suffixes"])) or bool(_MODEL_SIZE_IN_A_NAME.search(name))
            or bool(HARDWARE.find(name)) or bool(METRICS.find(name)))


def _as_data_sets(text: str, spans: list[tuple[int, int]]) -> list[Mention]:
    found: dict[int, Mention] = {}
    for s, e in sorted(spans, key=lambda span: (span[0], -span[1])):  # the longest at a place
        name = text[s:e]
        if s in found or _reads_as_no_data_set(name):
            continue
        found[s] = Mention(s, e, name, Entry(" ".join(name.split())))
    return list(found.values())


_WORD_CHAR_OR_HYPHEN = tried_in_place(r"[\w-]")


def standalone_occurrences(text: str, word: str, start: int = 0, end: int | None = None
                           ) -> Iterator[tuple[int, int]]:
    r"""Where word stands between start and end of text with no word character or hyphen glued to
    either side ("PIE", not the "PIE" of "PIE-2"): the spans of what (?<![\w-])word(?![\w-]) finds,
    without a pattern compiled for every paper's own name. As with a pattern, the character before
    start is looked at and the one at end is not."""
    end = len(text) if end is None else end
    i = text.find(word, start, end)
    while i != -1:
        after = i + len(word)
        if (i == 0 or not _WORD_CHAR_OR_HYPHEN.match(text, i - 1)) and (
                after == end or not _WORD_CHAR_OR_HYPHEN.match(text, after)):
            yield i, after
            i = text.find(word, after, end)
        else:
            i = text.find(word, i + 1, end)


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
_HARDWARE_PREFIX = searched_in_a_short_window(
    r"(?:(?:\d+|one|two|four|eight|sixteen|single|a single|a mere \d+\s?GB)\s+)?"
    r"(?:(?:NVIDIA|Nvidia|Intel|AMD|Google|Apple|Tesla|GeForce)(?:\^\w+)?\s+)*$")
_HARDWARE_SUFFIX = tried_in_place(r"(?:\s+(?:GPUs?|CPUs?|TPUs?|chips?|accelerators?|nodes?|servers?|devices?|cards?))?")
# A generic device counts only where a result is said to run on it: "on 400 GPUs", "on a GPU device".
_GENERIC_HARDWARE = regex.compile(
    r"(?<=\b(?:on|using|with|across|to)\s+(?:a\s+|an\s+|the\s+|only\s+)?(?:mere\s+|single\s+)?)"
    r"(?:\d+\s*(?:GB\s+)?|(?:one|two|four|eight|single|commodity|consumer|mobile)\s+)?(?:GPUs?|CPUs?|TPUs?)\b")


def hardware_with_counts(text: str, start: int, end: int, devices: list[Mention]) -> list[HardwareMention]:
    """Devices with the count or article written before them ("8 Intel Gaudi 2 accelerators"),
    and generic ones where a result is said to run on them ("on 400 GPUs")."""
    found = []
    for mention in devices:
        if mention.entry.get("generic"):
            continue
        prefix = _HARDWARE_PREFIX.search(text, max(start, mention.start - 40), mention.start)
        suffix = _HARDWARE_SUFFIX.match(text, mention.end, end)
        s = prefix.start() if prefix and prefix.group().strip() else mention.start
        e = suffix.end() if suffix else mention.end
        found.append(HardwareMention(s, e, text[s:e]))
    generic = _GENERIC_HARDWARE.finditer(text, start, end) if "PU" in text[start:end] else ()  # GPU, CPU, TPU
    for match in generic:
        if not any(h.start <= match.start() < h.end for h in found):
            found.append(HardwareMention(match.start(), match.end(), match.group()))
    return sorted(found, key=lambda h: h.start)


# A model or system name: CamelCase ("DeepSeekMath"), hyphenated with capitals or digits
# ("RT-DETR-R50", "Qwen2-VL-2B"), or an acronym with a digit or a "++". Each starts with a letter, so
# \b(?<!-) says "nothing glued before" as (?<![\w-]) would, only faster (see standalone_words_pattern).
_NAME = regex.compile(
    r"\b(?<!-)(?:"
    r"[A-Za-z][\w.]*[A-Z][\w.]*(?:[-/][\w.]+)*(?:\+\+)?"      # capitals inside: DeepSeekMath, ZeRO++, vsGRPO-2B
    r"|[A-Z][\w.]*(?:-[\w.]+)*-[\w.]*[A-Z0-9][\w.]*"           # hyphenated, a capital or digit: Mask-DINO, Qwen2.5-Math-7B
    r"|[A-Z][a-z]+\d[\w.]*"                                   # Qwen2.5, Llama3
    r")(?![\w-])")
# The standard library's engine runs the same pattern a third faster, and reads \b, \w and \d as the
# regex module does where every character it looks at is ASCII.
_ASCII_NAME = re.compile(_NAME.pattern)
_TRAILING_SIZE = tried_in_place(r"\s+\d+(?:\.\d+)?[BM]\b")


def _name_matches(text: str, start: int, end: int) -> Iterator[regex.Match | re.Match]:
    """What _NAME.finditer(text, start, end) finds; the character before start is looked at too."""
    ascii_only = text[max(start - 1, 0):end].isascii()
    return (_ASCII_NAME if ascii_only else _NAME).finditer(text, start, end)


def _is_title_case_compound(word: str) -> bool:
    """"Domain-Specific", "Self-Attention": words in title case, not a name ("Mask-DINO", "Qwen2-VL" are)."""
    parts = word.split("-")
    return len(parts) > 1 and all(p[:1].isupper() and p[1:].islower() and p.isalpha() or p.islower() for p in parts)


def names_a_thing_measured(word: str) -> bool:
    """A benchmark, metric or device, which no method is called: "(IoU)", "MMLU", "A100"."""
    return bool(BENCHMARKS.lookup(word) or METRICS.lookup(word) or HARDWARE.lookup(word))


@lru_cache(maxsize=1)
def _not_method_words() -> frozenset[str]:
    return frozenset(rules()["not_method_words"])


@lru_cache(maxsize=4096)  # a word is judged once: names recur from sentence to sentence and paper to paper
def _names_no_method(word: str) -> bool:
    """A word of a method's shape that is none: a stop word, a word in capitals of three characters or fewer,
    with no digit ("GPU", "RL"), a benchmark, metric or device, or words in title case ("Self-Attention")."""
    return (word in _not_method_words() or word.isupper() and len(word) <= 3 and not any(c.isdigit() for c in word)
            or names_a_thing_measured(word) or _is_title_case_compound(word))


def find_names(text: str, start: int, end: int) -> list[NameMention]:
    """Model and system names: "DeepSeekMath 7B", "RT-DETR-R50", "ZeRO++"; not benchmarks, metrics or devices."""
    names = []
    for match in _name_matches(text, start, end):
        word = match.group().rstrip(".")
        if _names_no_method(word):
            continue
        e = match.start() + len(word)
        size = _TRAILING_SIZE.match(text, e, end)  # "DeepSeekMath 7B" names one model
        if size:
            e = size.end()
        names.append(NameMention(match.start(), e, text[match.start():e]))
    return names


# On the regex module, which fails a title of spaces at once, where re backtracks through it for seconds.
_TITLE_NAME = regex.compile(r"^\s*([^:]{2,40}?)\s*:\s")
_INTRODUCED_NAME = tried_in_place(r"\s+([A-Z][\w+-]*)(?=\s*[,:(])")
_DEFINED_NAME = regex.compile(r"\(((?:[A-Z][\w.+-]*\s){0,2}[A-Z][\w.+-]*[A-Z0-9+][\w.+-]*)\)")  # "(Fast R-CNN)"


def paper_method(title: str, abstract: str) -> str | None:
    """The name a paper gives its own method: "VAPO: ..." in the title, or "we propose X (ABC)"."""
    head = _TITLE_NAME.match(title)
    if head and len(head.group(1).split()) <= 3 and any(c.isupper() for c in head.group(1)):
        return head.group(1)
    cues = words_pattern(rules()["method_definition_cues"])
    for cue in finditer_at_starts(cues, rule_word_starts("method_definition_cues"), abstract, 0, len(abstract),
                                  fold_case(abstract)):
        window = abstract[cue.end():cue.end() + 160]
        defined = _DEFINED_NAME.search(window)
        if defined and not names_a_thing_measured(defined.group(1)):
            return defined.group(1)
        introduced = _INTRODUCED_NAME.match(window)  # "we propose Fuyou, a low-cost training framework"
        if introduced and introduced.group(1) not in _not_method_words() \
                and not names_a_thing_measured(introduced.group(1)):
            return introduced.group(1)
        names = [n for n in find_names(window, 0, len(window)) if n.start < 60]
        if names:
            return names[0].text
    names = find_names(title, 0, len(title))
    if names:
        return names[0].text
    return None


class Discourse:
    """One paper's sentences and what they name, worked out once and only when a rule asks."""

    def __init__(self, text: str, title_end: int, find_workloads):
        self.text = text
        self.title_end = title_end
        self.sentences = split_sentences(text)
        self._find_workloads = find_workloads
        self._mentions: dict[int, SentenceMentions] = {}
        self._workloads: dict[int, list[tuple[int, str]]] = {}

    def mentions(self, index: int) -> SentenceMentions:
        if index not in self._mentions:
            start, end = self.sentences[index]
            self._mentions[index] = SentenceMentions(self.text, start, end, lambda: self.paper_method)
        return self._mentions[index]

    def earlier_benchmarks(self, index: int) -> Iterator[Mention]:
        """Benchmarks and tasks named before sentence index, nearest first, looked up as they are asked for."""
        for i in range(index - 1, -1, -1):
            sentence = self.mentions(i)
            yield from sorted([*sentence.benchmarks, *sentence.tasks], key=lambda m: m.start, reverse=True)

    @cached_property
    def paper_method(self) -> str | None:
        return paper_method(self.text[:self.title_end], self.text[self.title_end + 1:])

    def sentence_workloads(self, index: int) -> list:
        """(offset, workload) stated in sentence index, bare ones ("inference") too."""
        if index not in self._workloads:
            start, end = self.sentences[index]
            self._workloads[index] = self._find_workloads(self.text, start, end)
        return self._workloads[index]

    def workloads(self, index: int) -> list[str]:
        """Workloads with a modifier stated in sentence index ("LLM inference", not a bare "inference")."""
        return [w.name for w in self.sentence_workloads(index)
                if " " in w.name and not (w.at_metric_only or w.baseline)]

    def earlier_workload(self, index: int) -> str | None:
        """The workload stated last before sentence index, with a modifier."""
        for i in range(index - 1, -1, -1):
            if self.workloads(i):
                return self.workloads(i)[-1]
        return None

    def title_workload(self) -> str | None:
        """The workload the title states, with a modifier: "Giant Model Training"."""
        title_sentences = [i for i, (start, _) in enumerate(self.sentences) if start < self.title_end]
        for i in title_sentences:
            if self.workloads(i):
                return self.workloads(i)[0]
        return None
