r"""Which regular-expression engine runs a pattern: the standard library's re where it reads the text as the
regex module does and costs less, the regex module everywhere else.

The regex module is needed for variable-width look-behind, REVERSE, captures() and timeout=; it is also
the faster of the two at searching a span for where a word starts. The standard library's engine costs
less a call where a pattern is tried at one place (match, fullmatch): a quarter less for most of the
small patterns of the rules, which make most of their calls; and where a search cannot skip to a word.

The two engines read some characters differently: re takes no combining mark for \w and so none for
\b, finds fewer digits for \d, takes \x1c-\x1f for \s, and ignoring case takes "ı" for "i". Compiled
with re.ASCII, re reads \w, \d, \s and \b on ASCII text as the regex module does, and ignoring case it
matches an ASCII letter where the regex module does too, unless the pattern itself holds one of the
letters the regex module takes for ASCII ones ("İ", "K", "ſ"). So re runs a pattern only on ASCII text,
which str.isascii() tells at no cost (CPython records it with each string); other text goes to the
regex module. So do calls whose positions are not 0 <= pos <= endpos: the regex module reads a negative
one as a slice does and an endpos before pos as pos, and re does neither. tests/test_equivalences.py
holds every such pattern to its regex original.
"""
from __future__ import annotations

import re
import sys

import regex

# Non-ASCII letters that the regex module, ignoring case, matches with ASCII ones (and the other way
# round); re.ASCII does not, so a pattern that holds one stays on the regex module.
_ASCII_LOOKALIKES = frozenset("İKſ")
_FLAGS = re.IGNORECASE | re.VERBOSE  # the same bits in both modules

Match = re.Match | regex.Match


class _NotAlike(ValueError):
    """The standard library's engine would not read the pattern as the regex module does."""


class AsciiByStandardEngine:
    """A pattern that the standard library's engine runs on ASCII text and the regex module on other text,
    with the same results (see the module's docstring). It offers the methods the rules use."""

    __slots__ = ("_ascii", "_unicode", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0):
        if flags & ~_FLAGS:
            raise ValueError(f"flags beyond IGNORECASE and VERBOSE are not known to read alike: {flags}")
        if _ASCII_LOOKALIKES.intersection(pattern):
            raise _NotAlike(f"a letter the regex module matches with an ASCII one ignoring case: {pattern!r}")
        self.pattern = pattern
        self.flags = flags
        self._ascii = re.compile(pattern, flags | re.ASCII)
        self._unicode = regex.compile(pattern, flags)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        return (self._ascii if text.isascii() and 0 <= pos <= endpos else self._unicode).match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        return (self._ascii if text.isascii() and 0 <= pos <= endpos else self._unicode).fullmatch(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        return (self._ascii if text.isascii() and 0 <= pos <= endpos else self._unicode).search(text, pos, endpos)


def tried_in_place(pattern: str, flags: int = 0) -> AsciiByStandardEngine | regex.Pattern:
    """A pattern tried at one place (match, fullmatch): the standard library's engine runs it on ASCII text,
    where it reads as the regex module reads it, at less cost a call. A pattern re cannot read alike (one
    built from a user's vocabulary may use the regex module's own syntax) stays on the regex module."""
    try:
        return AsciiByStandardEngine(pattern, flags)
    except (re.error, _NotAlike):
        return regex.compile(pattern, flags)


def searched_in_a_short_window(pattern: str, flags: int = 0) -> AsciiByStandardEngine:
    """A pattern searched for in the few dozen characters before a number or a mention, that begins with no
    word the regex module could skip to (a digit, a count): there too re costs less a call, by a third and
    more, and the window bounds its backtracking."""
    return AsciiByStandardEngine(pattern, flags)
