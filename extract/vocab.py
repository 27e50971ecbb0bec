"""Knowledge as data: benchmark, metric, hardware and unit vocabularies, loaded from extract/data.

Users extend a vocabulary by editing its JSON file, or by pointing LEADERBOARD_VOCAB_DIR at a
folder holding their own files of the same names, which are read after the shipped ones.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import Any

import regex

from .engines import AsciiByStandardEngine, tried_in_place

# Split around a capturing group: the tokens and the whitespace between them come back as plain
# strings, far cheaper than a match object per token, and the offsets follow from the lengths.
_TOKEN_SPLIT = re.compile(r"(\w+|[^\w\s])")  # the standard library's engine cuts tokens faster than regex


class TokenizedText:
    """A text (or a span of it) cut into word and punctuation tokens once, so that every vocabulary
    can look at it."""

    def __init__(self, text: str, start: int = 0, end: int | None = None):
        self.text = text
        self.start = start
        self._pieces = _TOKEN_SPLIT.split(text[start:end])  # whitespace, token, whitespace, ..., whitespace
        self.words = self._pieces[1::2]
        self.lowered = list(map(str.lower, self.words))

    @cached_property
    def _offsets(self) -> list[int]:
        """Where each piece starts, and the text's end: worked out only for a text that names something."""
        return list(accumulate(map(len, self._pieces), initial=self.start))

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Offsets from the start of token first to the end of token last."""
        return self._offsets[2 * first + 1], self._offsets[2 * last + 2]


def standalone_words_pattern(words: Iterable[str], after: str = r"(?![\w-])") -> regex.Pattern:
    r"""Case-insensitive alternation of words, longest first, with no letter, digit or hyphen glued
    before them, nor (unless after says otherwise) after them.

    Before a word that starts with a word character, (?<![\w-]) is the same test as \b(?<!-), which
    the regex module runs a third faster: it tries the look-behind only where a word starts.
    """
    words = sorted(words, key=len, reverse=True)
    body = "|".join(regex.escape(w) for w in words)
    before = r"\b(?<!-)" if all(regex.match(r"\w", w) for w in words) else r"(?<![\w-])"
    return regex.compile(rf"{before}(?:{body}){after}", regex.IGNORECASE)


# The characters other than ASCII letters that the regex module, ignoring case, takes for ASCII letters.
_ASCII_LETTER_LOOKALIKES = str.maketrans({"İ": "i", "K": "k", "ſ": "s"})


def fold_case(text: str) -> str:
    """The text lowered, with the letters a case-insensitive pattern reads as ASCII ones made those ASCII
    letters: an ASCII word that such a pattern finds in the text is a substring of what this returns, so
    a test for the substring can spare a scan that would find nothing."""
    return text.lower() if text.isascii() else text.translate(_ASCII_LETTER_LOOKALIKES).lower()


def folded_starts(words: Iterable[str]) -> tuple[str, ...]:
    """What a match of a case-insensitive pattern of the words begins with, in fold_case(text): the words
    folded, but those that begin with another of them; or the empty string, which stands everywhere, where
    a word is not ASCII, as fold_case promises nothing for other letters."""
    words = tuple(words)
    if not all(w.isascii() for w in words):
        return ("",)
    folded = list(dict.fromkeys(fold_case(w) for w in words))
    # "benchmarks" stands wherever "benchmark" does: each start is looked for once
    return tuple(w for w in folded if not any(w != other and w.startswith(other) for other in folded))


def finditer_at_starts(pattern: regex.Pattern, starts: tuple[str, ...], text: str, start: int, end: int,
                       folded: str) -> Iterator[regex.Match]:
    """What pattern.finditer(text, start, end) finds, for a pattern each match of which begins with one of
    starts in fold_case(text); folded is fold_case(text[start:end]). The pattern is tried only where a
    start stands, found by str.find, which spares the regex engine the rest of the text. fold_case keeps
    every character one character, so an offset into folded is one into the span."""
    at = set()
    for word in starts:
        i = folded.find(word)
        while i != -1:
            at.add(start + i)
            i = folded.find(word, i + 1)
    free_from = start
    for i in sorted(at):
        if i >= free_from:
            match = pattern.match(text, i, end)
            if match:
                yield match
                free_from = match.end()


def _data_files(name: str) -> list[Any]:
    """The parsed contents of a data file: the shipped one, then the user's of the same name, if any."""
    shipped = resources.files("extract") / "data" / name
    loaded = [json.loads(shipped.read_text(encoding="utf-8"))] if shipped.is_file() else []
    extra_dir = os.environ.get("LEADERBOARD_VOCAB_DIR")
    if extra_dir and (Path(extra_dir) / name).is_file():
        loaded.append(json.loads((Path(extra_dir) / name).read_text(encoding="utf-8")))
    return loaded


@dataclass(frozen=True)
class Entry:
    name: str
    attrs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def get(self, key: str, default: Any = None) -> Any:
        return self.attrs.get(key, default)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    entry: Entry


def _is_case_sensitive(alias: str) -> bool:
    """Short names of letters with capitals match only as written: "MATH" and "mAP" are names, "math" and
    "map" words. A digit or a sign makes a name no word in any case ("IN-1k" is "IN-1K")."""
    return alias.isalpha() and len(alias) <= 5 and any(c.isupper() for c in alias)


class Vocabulary:
    """Names and aliases of one kind of thing, found in text by longest token match."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self._by_name = {entry.name: entry for entry in entries}
        self._lookups: dict[str, Entry | None] = {}  # bounded by the words of the texts read; names recur
        self._by_key: dict[tuple[str, ...], list[tuple[tuple[str, ...], Entry]]] = {}
        for entry in entries:
            for alias in [entry.name, *entry.get("aliases", [])]:
                self.add_alias(alias, entry)

    def add_alias(self, alias: str, entry: Entry) -> None:
        written = tuple(TokenizedText(alias).words)
        if not written:
            return
        key = tuple(t.lower() for t in written)
        exact = written if _is_case_sensitive(alias) else None
        self._by_key.setdefault(key, []).append((exact, entry))

    def by_name(self, name: str) -> Entry | None:
        return self._by_name.get(name)

    def lookup(self, alias: str) -> Entry | None:
        """The entry an alias written on its own names, if any."""
        if alias not in self._lookups:
            found = self.find(alias)
            self._lookups[alias] = found[0].entry if len(found) == 1 and found[0].end - found[0].start == len(alias) \
                else None
        return self._lookups[alias]

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Longest matches, left to right, between start and end of text."""
        return self._alone.find(text, TokenizedText(text, start, end))["found"]

    @cached_property
    def _alone(self) -> "VocabularySet":
        return VocabularySet({"found": self})


class VocabularySet:
    """Several vocabularies found in one pass over a text's tokens, each as if found on its own."""

    def __init__(self, vocabularies: dict[str, Vocabulary]):
        self.names = list(vocabularies)
        self._by_key: dict[tuple[str, ...], list[tuple[int, tuple[str, ...] | None, Entry]]] = {}
        for kind, vocabulary in enumerate(vocabularies.values()):
            for key, candidates in vocabulary._by_key.items():
                self._by_key.setdefault(key, []).extend((kind, exact, entry) for exact, entry in candidates)
        # the key lengths worth trying at a token, longest first: those of the keys that start with
        # it and with the token after it, for most pairs of words none
        self._first_words = {key[0] for key in self._by_key}
        self._single_words = {key[0] for key in self._by_key if len(key) == 1}
        lengths: dict[tuple[str, str], set[int]] = {}
        for key in self._by_key:
            if len(key) > 1:
                lengths.setdefault(key[:2], set()).add(len(key))
        self._longer_lengths = {pair: tuple(sorted(ns, reverse=True)) for pair, ns in lengths.items()}

    def find(self, text: str, tokenized: TokenizedText) -> dict[str, list[Mention]]:
        words, lowered = tokenized.words, tokenized.lowered
        found: list[list[Mention]] = [[] for _ in self.names]
        free_from = [0] * len(self.names)  # a kind's matches do not overlap: longest first, left to right
        first_words, single_words, longer_lengths = self._first_words, self._single_words, self._longer_lengths
        count = len(lowered)
        for i in [i for i, word in enumerate(lowered) if word in first_words]:
            lengths = longer_lengths.get((lowered[i], lowered[i + 1]), ()) if i + 1 < count else ()
            if lowered[i] in single_words:
                lengths = (*lengths, 1)
            for n in lengths:
                if i + n > count:
                    continue
                candidates = self._by_key.get(tuple(lowered[i:i + n]))
                if not candidates:
                    continue
                written = None
                for kind, exact, entry in candidates:
                    if free_from[kind] > i:  # so too where a longer name of the kind starts at i
                        continue
                    if exact is not None:
                        written = written or tuple(words[i:i + n])
                        if exact != written:
                            continue
                    free_from[kind] = i + n
                    s, e = tokenized.span(i, i + n - 1)
                    found[kind].append(Mention(s, e, text[s:e], entry))
        return dict(zip(self.names, found))


def _load_vocabulary(file_name: str, key: str) -> Vocabulary:
    merged: dict[str, dict[str, Any]] = {}
    for data in _data_files(file_name):
        for item in data.get(key, []):
            existing = merged.get(item["name"])
            if existing:
                existing["aliases"] = list(dict.fromkeys([*existing.get("aliases", []), *item.get("aliases", [])]))
                existing.update({k: v for k, v in item.items() if k not in ("name", "aliases")})
            else:
                merged[item["name"]] = dict(item)
    return Vocabulary([Entry(name, {k: v for k, v in item.items() if k != "name"}) for name, item in merged.items()])


@dataclass(frozen=True)
class Unit:
    unit: str
    kind: str | None
    pint: str | None
    to: str | None


def _title_case_too(form: str) -> str:
    """A unit written as a word is one in a Title Case title too ("in 2.9 Hours"); a symbol keeps its case
    ("ms" is not "MS", "W" not "w")."""
    return f"(?i:{form})" if _LOWERCASE_WORD_FORM.match(form) else form


_LOWERCASE_WORD_FORM = regex.compile(r"[a-z]{3}")
HEDGE_ARTICLES = ("a", "an", "the")  # may stand between a hedge and its number: "about a 3x speedup"
_PLAIN_WORD_FORM = regex.compile(r"([A-Za-z]+?)s?\??\\b")  # "hrs?\b", "days?\b", "min\b"


class Units:
    """Units written after numbers, currency prefixes, scale suffixes and hedge words."""

    def __init__(self, data: dict[str, Any]):
        self.units = [Unit(u["unit"], u.get("kind"), u.get("pint"), u.get("to")) for u in data["units"]]
        self.unit_forms: list[tuple[str, list[str]]] = [(u["unit"], u["forms"]) for u in data["units"]]
        self.scales: dict[str, float] = data["scales"]
        self.scale_words: dict[str, float] = data.get("scale_words", {})
        self.word_numbers: dict[str, float] = data.get("word_numbers", {})
        self.fractions: dict[str, float] = data.get("fractions", {})
        self.word_number_units: set[str] = set(data.get("word_number_units", []))
        # the words those units are written as ("days", "hrs", "min"), their plural "s" dropped; a
        # one-letter form ("h") is no word a number written as a word comes before
        self.word_number_unit_stems: tuple[str, ...] = tuple({
            stem.group(1).lower() for u in data["units"] if u["unit"] in self.word_number_units
            for form in [u["unit"].split()[-1] + "\\b", *u["forms"]]
            if (stem := _PLAIN_WORD_FORM.fullmatch(form)) and len(stem.group(1)) > 1})
        self.unit_by_group = {f"u{i}": unit for i, unit in enumerate(self.units)}
        alternatives = [
            f"(?P<u{i}>{'|'.join(_title_case_too(f) for f in sorted(u['forms'], key=len, reverse=True))})"
            for i, u in enumerate(data["units"])
        ]
        self.unit_pattern = tried_in_place(r"[ \u00a0]?(?:" + "|".join(alternatives) + ")")
        self.qualifier_forms: dict[str, list[str]] = data["qualifiers"]
        qualifiers = list(self.qualifier_forms.items())
        self.qualifier_by_group = {f"q{i}": name for i, (name, _) in enumerate(qualifiers)}
        hedge_alternatives = [
            f"(?P<q{i}>{'|'.join(sorted(forms, key=len, reverse=True))})" for i, (_, forms) in enumerate(qualifiers)
        ]
        # matched from the end backwards: a hedge stands right before its number
        articles = "|".join(HEDGE_ARTICLES)
        self.qualifier_pattern = regex.compile(
            rf"(?:(?<!\w)|(?<=\d))(?:{'|'.join(hedge_alternatives)})(?:\s+(?:{articles}))?\s*$", regex.REVERSE)

    def by_unit(self, unit: str | None) -> Unit | None:
        return next((u for u in self.units if u.unit == unit), None)

    @cached_property
    def _glued_word(self) -> AsciiByStandardEngine:
        return tried_in_place(r"[A-Za-z][\w@-]*")

    def glued_metric_ok(self, text: str, pos: int) -> bool:
        """Digits glued to a metric name are a value and its metric: "50.4AP"."""
        word = self._glued_word.match(text, pos)
        return bool(word) and METRICS.lookup(word.group()) is not None


def _load_units() -> Units:
    data: dict[str, Any] = {}
    for part in _data_files("units.json"):
        for key, value in part.items():
            if isinstance(value, list):
                data.setdefault(key, []).extend(value)
            elif isinstance(value, dict):
                data.setdefault(key, {}).update(value)
    return Units(data)


BENCHMARKS = _load_vocabulary("benchmarks.json", "benchmarks")
METRICS = _load_vocabulary("metrics.json", "metrics")
HARDWARE = _load_vocabulary("hardware.json", "hardware")
TASKS = _load_vocabulary("tasks.json", "tasks")
SENTENCE_VOCABULARIES = VocabularySet({"benchmarks": BENCHMARKS, "tasks": TASKS, "metrics": METRICS, "hardware": HARDWARE})
UNITS = _load_units()
