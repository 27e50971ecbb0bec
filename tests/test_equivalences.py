"""The shortcuts taken for speed find exactly what the plain code they stand for finds (hypothesis)."""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import linking, mentions, numbers
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
