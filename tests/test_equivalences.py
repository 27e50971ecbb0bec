"""The shortcuts taken for speed find exactly what the plain code they stand for finds (hypothesis)."""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.mentions import standalone_occurrences

# Names glued to letters, digits, hyphens and signs, with the Unicode that \w reads as a word character.
names_in_text = st.text(alphabet="ab+-_ .(é١\u0301", max_size=30)


@settings(max_examples=500, deadline=None)
@given(names_in_text, st.text(alphabet="ab+-.é", min_size=1, max_size=4), st.integers(0, 30), st.integers(0, 30))
def test_standalone_occurrences_are_what_the_pattern_finds(text, word, start, end):
    pattern = regex.compile(rf"(?<![\w-]){regex.escape(word)}(?![\w-])")
    assert list(standalone_occurrences(text, word, start, end)) == \
        [m.span() for m in pattern.finditer(text, start, end)]
