"""The shortcuts taken for speed find exactly what the plain code they stand for finds (hypothesis)."""
from __future__ import annotations

import signal
from unittest import mock

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import linking, mentions, numbers, vocab
from extract.engines import AsciiByStandardEngine
from extract.mentions import rules, standalone_occurrences, words_pattern
from extract.vocab import finditer_at_starts, fold_case

# Names glued to letters, digits, hyphens and signs, with the Unicode that \w reads as a word character.
names_in_text = st.text(alphabet="ab+-_ .(é١\u0301", max_size=30)


@settings(max_examples=500, deadline=None)
@given(names_in_text, st.text(alphabet="ab+-.é", min_size=1, max_size=4), st.integers(0, 30), st.integers(0, 30))
def test_standalone_occurrences_are_what_the_pattern_finds(text, word, start, end):
    pattern = regex.compile(rf"(?<![\w-]){regex.escape(word)}(?![\w-])")
    assert list(standalone_occurrences(text, word, start, end)) == \
        [m.span() for m in pattern.finditer(text, start, end)]


def _with_look_behind(pattern: regex.Pattern) -> regex.Pattern:
    r"""The pattern as it was written before \b(?<!-) stood for (?<![\w-])."""
    assert pattern.pattern.startswith(r"\b(?<!-)")
    return regex.compile(r"(?<![\w-])" + pattern.pattern[len(r"\b(?<!-)"):], pattern.flags)


# Word lists' words and their pieces, glued to hyphens, digits and letters that fold to ASCII ones
# (ſ, K, İ, ı), and a combining mark, which \w reads as a word character.
glued_words = st.lists(st.one_of(
    st.sampled_from(["training", "we propose", "one", "a tenth", "of", "Qwen2.5", "RT-DETR-R50", "ZeRO++", "TRAINING",
                     "ſearch", "Kernel", "İnference", "ı", "-", "_", "1", "\u0301", " ", ".", "/", "+", "a ſingle", "TEN",
                     "a third of", "tenth"]),
    st.text(max_size=3)), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(glued_words, st.integers(0, 5))
def test_word_start_is_the_look_behind_it_stands_for(text, start):
    patterns = [words_pattern(rules()[name]) for name in ("workload_heads", "method_definition_cues")]
    for pattern in [*patterns, numbers._WORD_NUMBER, numbers._FRACTION, mentions._NAME]:
        assert [m.span() for m in pattern.finditer(text, start)] == \
            [m.span() for m in _with_look_behind(pattern).finditer(text, start)]


EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


def test_fold_case_makes_every_letter_a_pattern_reads_as_an_ascii_one_that_letter():
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for character in regex.findall(letter, EVERY_CHARACTER, flags=regex.IGNORECASE):
            assert fold_case(character) == letter, (letter, character)


def test_fold_case_keeps_every_character_one_character():
    assert all(len(fold_case(c)) == 1 for c in EVERY_CHARACTER)


@settings(max_examples=500, deadline=None)
@given(glued_words, st.integers(0, 8), st.integers(0, 40))
def test_a_word_list_tried_at_its_words_finds_what_its_scan_finds(text, start, end):
    folded = fold_case(text[start:end])
    for pattern, starts in [(words_pattern(rules()[name]), mentions.rule_word_starts(name))
                            for name in ("workload_heads", "method_definition_cues")] + [
            (numbers._WORD_NUMBER, numbers._WORD_NUMBER_STARTS), (numbers._FRACTION, numbers._FRACTION_STARTS)]:
        assert [m.span() for m in finditer_at_starts(pattern, starts, text, start, end, folded)] == \
            [m.span() for m in pattern.finditer(text, start, end)]


def _spelled(words: list[str]) -> st.SearchStrategy[str]:
    """The words in any case, or with the letters a case-insensitive pattern reads as ASCII ones."""
    lookalikes = str.maketrans({"s": "ſ", "k": "K", "i": "İ"})
    return st.sampled_from(words).flatmap(
        lambda w: st.sampled_from([w, w.upper(), w.title(), w.translate(lookalikes)]))


# Phrases in the shapes the workload patterns look for, with near misses in every slot.
workload_phrases = st.tuples(
    st.text(alphabet="ab -1", max_size=3),
    _spelled(["trains", "fine-tunes", "pre-train", "pretrains", "run", "runs", "serve", "experiments with", "experiment on",
              "for", "trained", "tunes", "with", "training", "inference", "pre-training"]),
    _spelled(["", "the", "a very large", "popular", "efficient"]),
    _spelled(["GPT-2", "VGG16", "language", "autoregressive language", "large", "models of over 100B parameters",
              "model with 7B params", "decoding", "ſearch"]),
    _spelled(["models", "model", "networks", "net", "LLM", "LLMs", "mode", "", "training", "data"]),
    st.text(alphabet="ab -1", max_size=3),
).map(" ".join)


@settings(max_examples=1000, deadline=None)
@given(workload_phrases)
def test_a_model_workload_pattern_finds_nothing_where_its_triggers_are_missing(text):
    for triggers, pattern in linking._model_workload_patterns():
        if pattern.search(text):
            assert any(t in fold_case(text) for t in triggers), (pattern.pattern, text)


# Digits, letters and the characters \w and \d read beyond ASCII, around words glued to numbers.
glued_to_numbers = st.text(alphabet="1٣aZé_@- .\u0301", max_size=30)


@settings(max_examples=500, deadline=None)
@given(glued_to_numbers, st.integers(0, 30), st.integers(0, 30))
def test_a_word_glued_to_a_digit_is_what_the_look_behind_finds(text, start, end):
    look_behind = regex.compile(r"(?<=\d)[A-Za-z][\w@-]*")
    assert [m.span(1) for m in mentions._GLUED_TO_A_NUMBER.finditer(text, max(start - 1, 0), end)] == \
        [m.span() for m in look_behind.finditer(text, start, end)]


# Phrases in the shapes of collections and named tasks, the nouns in any case or with look-alike letters.
collection_phrases = st.tuples(
    _spelled(["on", "across", "in", "over"]),
    _spelled(["", "the", "all", "a", "an"]),
    _spelled(["12", "downstream", "text generation", "drawer-opening", "Shakespeare next-character", "several"]),
    _spelled(["datasets", "data sets", "benchmarks", "tasks", "task", "domains", "languages", "sizes", "data"]),
    st.text(alphabet="ab .", max_size=3),
).map(" ".join)


@settings(max_examples=1000, deadline=None)
@given(collection_phrases)
def test_a_collection_is_found_only_where_the_word_it_ends_in_stands(text):
    if mentions._collection_pattern().search(text):
        assert any(noun in fold_case(text) for noun in mentions.rule_word_starts("collection_nouns"))
    if mentions._NAMED_TASK.search(text):
        assert "task" in text


fraction_phrases = st.tuples(_spelled(["a", "one", "two"]), _spelled(["tenth", "third", "quarter", "fifth", "half"]),
                             _spelled(["of", "of the", "the"])).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(fraction_phrases)
def test_a_fraction_is_found_only_where_the_word_it_ends_in_stands(text):
    if numbers._FRACTION.search(text):
        assert any(word in fold_case(text) for word in numbers._FRACTION_LAST_WORDS)


# ASCII text with capitals, digits, dots, hyphens, slashes and pluses, the characters names are made of.
ascii_names_in_text = st.text(alphabet="aZbQ19.-/+_ ", max_size=40)


@settings(max_examples=1000, deadline=None)
@given(ascii_names_in_text, st.integers(0, 40), st.integers(0, 40))
def test_the_name_pattern_finds_on_ascii_text_what_the_regex_module_finds(text, start, end):
    assert [m.span() for m in mentions._name_matches(text, start, end)] == \
        [m.span() for m in mentions._NAME.finditer(text, start, end)]


# What stands before a name or a workload: comparisons, determiners and words, in any case, glued or not.
before_a_name = st.lists(st.one_of(
    _spelled(["than", "over", "compared to", "compared with", "vs.", "vs", "versus", "relative to", "outperforms",
              "surpassing", "beats", "exceeds", "against", "from", "the", "a", "prior", "best", "on", "in", "for",
              "during", "method", "state-of-the-art"]),
    st.text(alphabet="ab -.\u0301", max_size=3)), max_size=10).map(" ".join)


@settings(max_examples=1000, deadline=None)
@given(before_a_name, st.sampled_from(["", " ", "  "]))
def test_a_pattern_searched_backwards_matches_where_it_matches_searched_forwards(text, trailing):
    text += trailing
    for pattern in (linking._BASELINE_BEFORE, linking._COMPARED_IN_CLAUSE, linking._COMPARED_WITH_BEFORE):
        forwards = regex.compile(pattern.pattern, pattern.flags & ~regex.REVERSE)
        assert bool(pattern.search(text)) == bool(forwards.search(text)), (pattern.pattern, text)


def _patterns_on_the_standard_engine() -> list[AsciiByStandardEngine]:
    """Every pattern the extractor runs by the standard library's engine on ASCII text, the lazily built ones
    too (a pattern of every word list, used or not, so that a list put to use later is held here already)."""
    word_lists = [name for name, words in rules().items()
                  if isinstance(words, list) and all(isinstance(w, str) for w in words)]
    lazily_built = [*map(linking._words_at_start, word_lists), linking._implied_pattern(),
                    vocab.UNITS.unit_pattern, vocab.UNITS._glued_word]
    module_level = [p for module in (linking, mentions, numbers, vocab) for p in vars(module).values()]
    return [p for p in module_level + lazily_built if isinstance(p, AsciiByStandardEngine)]


STANDARD_ENGINE_PATTERNS = _patterns_on_the_standard_engine()
# The patterns' own words in any case, and the characters on which the engines differ: \x1c-\x1f (re's \s
# without re.ASCII), a combining mark and a superscript digit (the regex module's \w), a digit beyond
# ASCII, the letters the regex module matches with ASCII ones ignoring case, and re's "ı".
_PATTERN_WORDS = sorted({w for p in STANDARD_ENGINE_PATTERNS for w in regex.findall(r"[A-Za-z]{2,}", p.pattern)})
_ASCII_PIECES = [" ", "  ", "\t", "\n", "\x1c", "\x1f", "-", "(", ")", ",", ";", ":", ".", "/", "%", "=", "$", "*", "'",
                 "_", "+", "@", "1", "7B", "2.5", "x", "A", "Z", "s", "k", "i"]
_UNICODE_PIECES = ["\u0301", "²", "é", "٣", "×", "–", "∼", "’", "\u00a0", "\u2009", "ſ", "K", "İ", "ı",
                   "μs"]


def _text_of(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(_spelled(_PATTERN_WORDS), st.sampled_from(pieces)), max_size=12).map("".join)


def _spans(match) -> list[tuple[int, int]] | None:
    return match and [match.span(group) for group in range(len(match.groups()) + 1)]


def _assert_reads_as_the_regex_module(text: str, pos: int, endpos: int) -> None:
    for pattern in STANDARD_ENGINE_PATTERNS:
        original = regex.compile(pattern.pattern, pattern.flags)
        for method in ("match", "fullmatch", "search"):
            assert _spans(getattr(pattern, method)(text, pos, endpos)) == \
                _spans(getattr(original, method)(text, pos, endpos)), (pattern.pattern, method, text, pos, endpos)


def test_the_standard_engine_runs_every_pattern_it_can():
    assert len(STANDARD_ENGINE_PATTERNS) > 40  # a pattern that fell back to the regex module is not counted


@settings(max_examples=300, deadline=None)
@given(_text_of(_ASCII_PIECES), st.integers(-5, 40), st.integers(-5, 60))
def test_a_pattern_on_the_standard_engine_finds_on_ascii_text_what_the_regex_module_finds(text, pos, endpos):
    _assert_reads_as_the_regex_module(text, pos, endpos)


@settings(max_examples=300, deadline=None)
@given(_text_of(_ASCII_PIECES + _UNICODE_PIECES), st.integers(-5, 40), st.integers(-5, 60))
def test_a_pattern_on_the_standard_engine_finds_on_any_text_what_the_regex_module_finds(text, pos, endpos):
    _assert_reads_as_the_regex_module(text, pos, endpos)


class _TooSlow(Exception):
    pass


def _too_slow(signum, frame):
    raise _TooSlow  # the standard library's engine checks for signals as it backtracks


@pytest.mark.parametrize("unit", ["and", "a and ", "a, ", "a-", "of the ", " ", "(", ") ", "1.", "a1", "Ab "])
def test_no_pattern_on_the_standard_engine_backtracks_without_bound(unit):
    """The standard library's engine has no timeout and, unlike the regex module, no guard against backtracking
    that doubles with every repeat ("aandand…and!" in "[\\w.+-]+(?:\\s*(?:/|and)\\s*[\\w.+-]+)+"): such a
    pattern would hold a document up past its time budget, so it stays on the regex module."""
    previous = signal.signal(signal.SIGALRM, _too_slow)
    try:
        for pattern in STANDARD_ENGINE_PATTERNS:
            for text in ("a" + unit * 40 + "!", unit * 3_000 + "!"):
                signal.setitimer(signal.ITIMER_REAL, 0.5)
                try:
                    pattern.match(text)
                    pattern.fullmatch(text)
                except _TooSlow:
                    pytest.fail(f"{pattern.pattern!r} takes over 0.5 s on {text[:40]!r}…")
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)


# Gaps between two numbers: separators, near misses, and the whitespace the engines read differently.
gaps_between_numbers = st.lists(st.sampled_from(
    [" ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0", "\u2009", "\u2028", "-", "–", "~", "∼",
     "to", "TO", "/", ",", "and", "or", "vs", "vs.", ".", "x", "1", "%", "é"]), max_size=8).map("".join)


@settings(max_examples=1000, deadline=None)
@given(gaps_between_numbers, st.integers(0, 14), st.integers(0, 14))
def test_a_separator_read_by_stripping_whitespace_is_what_the_patterns_find(text, previous_end, mention_start):
    in_range = bool(numbers._RANGE_SEPARATOR.fullmatch(text, previous_end, mention_start))
    joined = in_range or bool(numbers._LIST_SEPARATOR.fullmatch(text, previous_end, mention_start))
    assert numbers._separator_joins(text, previous_end, mention_start) == (in_range, joined)


# What may stand before the digits: the prefixes, pieces of them, and whitespace ("$" matches before a final newline).
before_digits = st.lists(st.sampled_from(
    ["*", "**", "$", "US", "U", "S", "\\", "x", "X", "×", " ", "\n", "\t", "\r", "\x85", "\u2028", "\xa0", "1", ".", "a",
     "é", "_", "٣", "x \n", "X\t\n", "×\xa0\n", "$\n"]), max_size=8).map("".join)


@settings(max_examples=1000, deadline=None)
@given(before_digits, st.data())
def test_a_prefix_searched_only_where_one_may_end_is_what_the_search_finds(text, data):
    text += "1"
    digits_start = data.draw(st.integers(0, len(text)))
    start = data.draw(st.integers(0, digits_start))
    assert _spans(numbers._prefix_before(text, start, digits_start)) == \
        _spans(numbers._PREFIX.search(text, max(start, digits_start - 4), digits_start))


def test_no_whitespace_is_a_letter_or_a_digit_or_left_by_rstrip():
    whitespace = regex.findall(r"\s", EVERY_CHARACTER)
    assert not any(c.isalnum() for c in whitespace)  # the prefix shortcut
    assert all(c.isspace() for c in whitespace)  # the hedge shortcut strips with str.rstrip


def test_the_shortcuts_read_the_shipped_units():
    assert numbers._HEDGE_ENDINGS is not None and numbers._WORD_NUMBER_UNIT_PATTERNS is not None
    # the hedge shortcut strips the articles the pattern lets stand between a hedge and its number
    assert vocab.UNITS.qualifier_pattern.pattern.endswith(r")(?:\s+(?:a|an|the))?\s*$")
    assert vocab.HEDGE_ARTICLES == ("a", "an", "the")


@pytest.mark.parametrize("form", [
    r"(?x)GPU #[- ](?i:hours?)\b",  # the rest of the form is a comment
    r"a|GPU[- ](?i:hours?)\b",  # an alternative without the separator
    r"[a[- ](?i:hours?)\b",  # the separator is no class of its own
    r"GPU\[- ](?i:hours?)\b",  # an escaped bracket
    r"(?:GPU[- ](?i:hours?)\b)?",  # the whole form optional
])
def test_a_unit_form_of_another_shape_is_not_read_as_a_word_after_a_separator(form):
    assert not numbers._UNIT_WORD_AFTER_SEPARATOR_FORM.fullmatch(form)
    assert not numbers._UNIT_WORD_FORM.fullmatch(form)


# Hedges, articles and whitespace before numbers, and near misses of each.
hedged_numbers = st.lists(st.one_of(
    st.sampled_from([f for forms in vocab.UNITS.qualifier_forms.values() for f in forms]
                    + ["approx.", "Up to", "UNDER", "overall", "moreover", "toward", "of", "to", "x", "3", "(", "data"]),
    st.sampled_from(["", " a", " an", " the", "a", "the", " ", "  ", "\t", "\n", "\x1c", "\x85", "\xa0", "\u2028", "1.5%",
                     "7", "~3", "$5", " 2x"])), max_size=10).map("".join)


@settings(max_examples=1000, deadline=None)
@given(hedged_numbers)
def test_a_hedge_searched_for_only_where_one_may_end_is_what_the_search_finds(text):
    for start in range(len(text) + 1):
        match = vocab.UNITS.qualifier_pattern.search(text, max(0, start - 40), start)
        expected = (vocab.UNITS.qualifier_by_group[match.lastgroup], match.start()) if match else (None, start)
        assert numbers._qualifier_before(text, start) == expected, (text, start)


# Numbers written as words before the words of their units, with near misses in every slot, in any case and with
# look-alike letters, and what stands between the two.
word_numbers_before_units = st.lists(st.tuples(
    st.sampled_from(["", " ", "a", "-", "1", "three ", "(", "\u0301"]),
    _spelled(["one", "a single", "single", "two", "ten", "twelve", "tone", "often", "three", "a tenth", "one third"]),
    st.sampled_from([" ", " ", " ", "", "\xa0", "-", "  ", "\n", "\u2009", "**", "**%", "_"]),
    _spelled(["h", "hr", "hrs", "hour", "hours", "hourly", "day", "days", "daytime", "min", "mins", "minute",
              "minutes", "minimal", "TPU hours", "of"]) | st.sampled_from(
        ["GPU hours", "GPU-hours", "GPU hrs", "GPU-Hrs", "GPU days", "GPU-days", "H100 GPU-days", "A100 GPU-hours"]),
    st.sampled_from(["", " ", "s", ".", "_", "1", "é", "\u0301", "-"]),
).map("".join), max_size=3).map("".join)


@settings(max_examples=1000, deadline=None)
@given(word_numbers_before_units, st.integers(0, 6), st.integers(0, 80))
def test_numbers_written_as_words_are_looked_for_only_where_a_unit_may_stand(text, start, end):
    end = max(start, min(end, len(text)))
    with mock.patch.object(numbers, "_word_number_unit_may_stand", lambda folded: True):
        searched_everywhere = numbers._word_quantities(text, start, end)
    assert numbers._word_quantities(text, start, end) == searched_everywhere
