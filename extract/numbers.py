"""Stage 1: find the numbers in a sentence, with their units, hedges, ranges and lists.

Works on the text as scraped, without rewriting it, so every span stays an exact offset into
the paper: "×" that became "times", "∼" that became "sim", an escaped "\\%", a "$" lost to
"\\", markdown bold around a number are read where they stand.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

import regex

from .budget import scan_timeout
from .engines import tried_in_place
from .vocab import (HEDGE_ARTICLES, UNITS, finditer_at_starts, fold_case, folded_starts,
                    standalone_words_pattern)

_NUMBER = regex.compile(
    r"""
    (?=[0-9+−.-])     # lets the engine jump to candidates instead of trying the look-behinds everywhere
    (?:(?<=(?<![A-Za-z])(?:sim|approx))|(?<![\w.,^]|[A-Za-z][\d.]*[-–]|(?:^|[\s(])[A-Za-z][\w.-]*/))
    # not in a name: "GPT-4o", "R50", "Qwen2.5-1M", "ViT-L/14" (but "3.6x/2x" is a list)
    (?<sign>(?<![\w)])[+−-](?=[0-9]))?
    (?<digits>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)   # ASCII digits: float() reads them all
    (?<scale>[KMBkT](?![A-Za-z])|\s(?i:thousand|million|billion|trillion)\b)?
    (?!\.[0-9]|,[0-9]{3})
    """,
    regex.VERBOSE,
)
# Glued prefixes that belong to the value: "\10,000" (a "$" lost), "$4,000", "**85.67**%", "x 157".
_PREFIX = regex.compile(r"(?:\*\*|\$|US\$|\\|(?<![\w])(?<!\d\s)[xX×]\s?)$")  # "1024 × 2048" is a resolution
# Between two numbers of one range or list: "31-42%", "1.5x to 3x", "53.1% / 54.3%", "2.4x, 3.1x and 4.5x".
_RANGE_SEPARATOR = tried_in_place(r"\s*(?:-|–|~|∼|to)\s*")
_LIST_SEPARATOR = tried_in_place(r"\s*(?:/|,\s*and|,|and|or|vs\.?)\s*")
# The separators with the whitespace around them stripped ("31 - 42%" is "-"), for text where that is cheaper.
_RANGE_SEPARATOR_WORDS = frozenset({"-", "–", "~", "∼", "to"})
_LIST_SEPARATOR_WORDS = frozenset({"/", ",", "and", "or", "vs", "vs."})
_ASCII_WHITESPACE = " \t\n\r\f\v"  # what \s matches among ASCII characters, in either engine


def _separator_joins(text: str, previous_end: int, mention_start: int) -> tuple[bool, bool]:
    r"""Whether what stands between two numbers makes them one range, and whether it joins them at all (a range or
    a list): the same as (range, range or bool(_LIST_SEPARATOR.fullmatch(text, previous_end, mention_start))),
    range being bool(_RANGE_SEPARATOR.fullmatch(text, previous_end, mention_start)), for 0 <= previous_end.
    Where the gap is ASCII, as nearly every gap is, str.strip reads it at less cost: the separators hold no
    whitespace, so the gap is a separator with whitespace around it exactly when stripping the whitespace leaves
    the separator, and among ASCII characters \s is " \t\n\r\f\v" in either engine (not "\x1c")."""
    gap = text[previous_end:mention_start]
    if previous_end > mention_start or not gap.isascii():
        in_range = bool(_RANGE_SEPARATOR.fullmatch(text, previous_end, mention_start))
        return in_range, in_range or bool(_LIST_SEPARATOR.fullmatch(text, previous_end, mention_start))
    core = gap.strip(_ASCII_WHITESPACE)
    if core in _RANGE_SEPARATOR_WORDS:
        return True, True
    return False, core in _LIST_SEPARATOR_WORDS or (core[:1] == "," and core[1:].lstrip(_ASCII_WHITESPACE) == "and")


# The character a match of _PREFIX ends in, but for the whitespace that may follow "x", "X" or "×".
_PREFIX_LAST_CHARACTERS = frozenset("*$\\xX×")


def _prefix_before(text: str, start: int, digits_start: int) -> regex.Match | None:
    r"""The same as _PREFIX.search(text, max(start, digits_start - 4), digits_start), for start <= digits_start
    <= len(text); searched only where a match may end. Most numbers follow a space after a word, where none can:
    a match ends right before the digits, or before a newline right before them ("$" matches before a newline
    that ends the text); it ends in one of _PREFIX_LAST_CHARACTERS, or in whitespace (\s, no letter or digit)
    after one of them."""
    window_start = max(start, digits_start - 4)
    if digits_start - 1 < window_start:
        return None
    last = text[digits_start - 1]
    before_last = text[digits_start - 2] if digits_start - 2 >= window_start else ""
    may_end_before_the_digits = last in _PREFIX_LAST_CHARACTERS or \
        (before_last in _PREFIX_LAST_CHARACTERS and not last.isalnum())
    may_end_before_a_newline = last == "\n" and before_last != "" and not before_last.isalnum()
    if not (may_end_before_the_digits or may_end_before_a_newline):
        return None
    return _PREFIX.search(text, window_start, digits_start)


@dataclass(frozen=True)
class Quantity:
    """A number as written in a sentence, with what is glued to it."""

    start: int  # offsets into the paper text: the value mention, unit included
    end: int
    value: float
    mention: str
    unit: str | None
    unit_kind: str | None  # the kind of result this unit usually reports
    qualifier: str | None
    qualifier_start: int  # where the hedge begins; equals start when there is none
    signed: bool  # written with a leading "+" or "-", as a delta is
    scaled: bool  # carries a K/M/B suffix, as counts and model sizes do
    group: int  # numbers of one range or list share a group
    unit_inherited: bool = False  # unit written only once for a range or list ("31-42%")


_WORD_NUMBER = standalone_words_pattern(UNITS.word_numbers)
_FRACTION = standalone_words_pattern(UNITS.fractions, after=r"(?=\s+of\b)")
_WORD_NUMBER_STARTS = folded_starts(UNITS.word_numbers)
_FRACTION_STARTS = folded_starts(UNITS.fractions)


# Words that must occur for a number written as a word to be read at all. "min" and "hr" stand inside common
# words ("determine", "three"), so nearly every text has one: _word_number_unit_may_stand spares the search where
# it would find nothing.
_WORD_NUMBER_TRIGGERS = UNITS.word_number_unit_stems
_FRACTION_TRIGGERS = tuple({f.split()[-1] for f in UNITS.fractions})
# The word each fraction ends in ("third" of "a third"), as it stands in fold_case(text) wherever the
# fraction pattern matches: a text without one has no fraction to look for.
_FRACTION_LAST_WORDS = folded_starts({f.split()[-1] for f in UNITS.fractions})


# Where a unit that a number written as a word comes before can stand, read from the forms of those units. Two
# shapes of form are read. A word, a few letters with an "s" or not ("days?\b", "h\b"), follows the number and a
# space. A form that ends in such a word after a space or a hyphen, "(?:[A-Z]\w*\d\w*\s+)?GPU[- ](?i:hours?)\b",
# has that separator right after the letters that end what comes before it ("GPU"), if any. A vocabulary with a
# form of another shape leaves every text searched.
_UNIT_WORD_FORM = regex.compile(r"(?P<word>[A-Za-z]+?)(?:s\??)?\\b")
_UNIT_WORD_AFTER_SEPARATOR_FORM = regex.compile(
    r"""
    (?P<before>(?:
        [^|\[\\(]       # no alternative: the separator and the word end every match
      | \\.             # an escaped character
      | \[[^]\\]*\]     # a class without escapes in it
      | \((?!\?)|\(\?:  # a group, but none that sets flags: "(?x)" makes the rest a comment
    )*?)
    \[-\ \]\(\?i:(?P<word>[A-Za-z]+?)(?:s\??)?\)\\b
    """,
    regex.VERBOSE,
)
_LETTERS_AT_END = regex.compile(r"(?:\\[A-Za-z])?(?P<letters>[A-Za-z]*)$")  # not the letter of an escape ("\d")


def _word_number_unit_words() -> dict[str, set[tuple[str, tuple[str, ...]]]] | None:
    """The words of the forms of word_number_units, folded, each with where it may stand: the characters that
    may stand right before it, and what ends right before that character (one of the numbers written as words,
    or the letters before the separator of its form). None where a form is of neither shape."""
    word_numbers = tuple(map(fold_case, UNITS.word_numbers))
    if not all(map(str.isascii, word_numbers)):
        word_numbers = ("",)  # fold_case promises nothing for other letters
    unit_words: dict[str, set[tuple[str, tuple[str, ...]]]] = {}
    for unit, forms in UNITS.unit_forms:
        if unit not in UNITS.word_number_units:
            continue
        for form in forms:
            if word := _UNIT_WORD_FORM.fullmatch(form):
                where = (" ", word_numbers)
            elif word := _UNIT_WORD_AFTER_SEPARATOR_FORM.fullmatch(form):
                letters = _LETTERS_AT_END.search(word.group("before")).group("letters")
                where = ("- ", (fold_case(letters),))
            else:
                return None
            unit_words.setdefault(fold_case(word.group("word")), set()).add(where)
    return unit_words


def _unit_word_patterns(unit_words: dict[str, set[tuple[str, tuple[str, ...]]]]) -> list[tuple[str, re.Pattern]]:
    """For each character that may stand right before a unit's word, a pattern of that character and the words
    it may stand before, with an "s" or not, and then no ASCII letter, digit or "_". The character first lets
    the engine jump from one place it stands to the next; the pattern holds no class the engines read apart."""
    patterns = []
    for separator in sorted({c for where in unit_words.values() for separators, _ in where for c in separators}):
        words = [word for word, where in unit_words.items() if any(separator in s for s, _ in where)]
        alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
        patterns.append((separator, re.compile(rf"{re.escape(separator)}(?:{alternatives})s?(?![a-z0-9_])")))
    return patterns


_WORD_NUMBER_UNIT_WORDS = _word_number_unit_words()
_WORD_NUMBER_UNIT_PATTERNS = None if _WORD_NUMBER_UNIT_WORDS is None else _unit_word_patterns(_WORD_NUMBER_UNIT_WORDS)


def _word_number_unit_may_stand(folded: str) -> bool:
    r"""False only where no unit of word_number_units can follow a number written as a word in the text whose
    fold_case is folded, so that finditer_at_starts(_WORD_NUMBER, ...) and _unit_after would find none there:
    nowhere does a unit's word stand where it may (see _word_number_unit_words), with an "s" or not, and then
    no ASCII letter, digit or "_" (as \b requires). A number written as a word is followed by no letter
    (_WORD_NUMBER's "(?![\w-])"; but at the end of a span, where the caller looks itself), so a word right after
    it follows the space or no-break space UNITS.unit_pattern takes; a text with a no-break space is searched."""
    if _WORD_NUMBER_UNIT_PATTERNS is None or "\xa0" in folded:
        return True
    for separator, pattern in _WORD_NUMBER_UNIT_PATTERNS:
        for match in pattern.finditer(folded, 1):  # at 0 no number can stand before the separator
            word = match.group()[1:]
            for stem in (word, word[:-1]) if word.endswith("s") else (word,):
                for separators, before in _WORD_NUMBER_UNIT_WORDS.get(stem, ()):
                    if separator in separators and folded.endswith(before, 0, match.start()):
                        return True
    return False


def _word_quantities(text: str, start: int, end: int) -> list[Quantity]:
    """Numbers written as words where English makes them results: "in a single day", "a tenth of the steps"."""
    found: list[Quantity] = []
    folded = fold_case(text[start:end])
    # Two cheap tests spare the searches that would find nothing: whether a unit of word_number_units stands where
    # one may (a unit may run past the end of a span, where the test does not look), and whether the word a
    # fraction ends in stands. The triggers still decide what is read.
    unit_may_follow = end < len(text) or _word_number_unit_may_stand(folded)
    fraction_may_stand = any(word in folded for word in _FRACTION_LAST_WORDS)
    if not (unit_may_follow or fraction_may_stand) or \
            not any(trigger in folded for trigger in _WORD_NUMBER_TRIGGERS + _FRACTION_TRIGGERS):
        return found
    if unit_may_follow:
        for match in finditer_at_starts(_WORD_NUMBER, _WORD_NUMBER_STARTS, text, start, end, folded):
            unit, kind, unit_end = _unit_after(text, match.end())
            if unit in UNITS.word_number_units:
                qualifier, qualifier_start = _qualifier_before(text, match.start())
                found.append(Quantity(match.start(), unit_end, UNITS.word_numbers[fold_case(match.group())],
                                      text[match.start():unit_end], unit, kind, qualifier, qualifier_start,
                                      signed=False, scaled=False, group=-1))
    if not fraction_may_stand:
        return found
    for match in finditer_at_starts(_FRACTION, _FRACTION_STARTS, text, start, end, folded):
        found.append(Quantity(match.start(), match.end(), UNITS.fractions[fold_case(match.group())], match.group(),
                              "x", "relative", None, match.start(), signed=False, scaled=False, group=-1))
    return found


def _parse_number(digits: str, scale: str | None) -> float:
    value = float(digits.replace(",", ""))
    if scale:
        # the case-insensitive pattern takes look-alike letters too ("thouſand"): fold them as it reads them
        value *= UNITS.scales[scale] if scale in UNITS.scales else UNITS.scale_words[fold_case(scale.strip())]
    return value


def _unit_after(text: str, pos: int) -> tuple[str | None, str | None, int]:
    """The unit written right after position pos: (unit, kind, end of unit)."""
    probe = pos + 2 if text.startswith("**%", pos) else pos  # "**85.67**%": the unit after the bold
    match = UNITS.unit_pattern.match(text, probe)
    if not match:
        return None, None, pos
    unit = UNITS.unit_by_group[match.lastgroup]
    return unit.unit, unit.kind, match.end()


# A hedge form that is plain text, maybe with its last character optional ("approx\.?"): a match of it ends in
# the text, or the text without that character.
_LITERAL_CHARACTER = r"(?:[^\\.^$*+?{}\[\]|()]|\\[^A-Za-z0-9])"  # any character but a special one, or one escaped
_PLAIN_HEDGE_FORM = regex.compile(rf"(?P<text>{_LITERAL_CHARACTER}+?)(?:(?P<optional>{_LITERAL_CHARACTER})\?)?")


def _hedge_endings() -> dict[str, tuple[str, ...]] | None:
    """What a hedge ends in, by its last character; None where a form is not plain text (see _PLAIN_HEDGE_FORM)
    or may end in whitespace."""
    endings: dict[str, set[str]] = {}
    for forms in UNITS.qualifier_forms.values():
        for form in forms:
            plain = _PLAIN_HEDGE_FORM.fullmatch(form)
            if not plain:
                return None
            text = regex.sub(r"\\(.)", r"\1", plain.group("text"), flags=regex.DOTALL)
            optional = regex.sub(r"\\(.)", r"\1", plain.group("optional") or "", flags=regex.DOTALL)
            for ending in {text + optional, text}:
                if ending[-1].isspace():
                    return None
                endings.setdefault(ending[-1], set()).add(ending)
    return {last: tuple(sorted(texts)) for last, texts in endings.items()}


_HEDGE_ENDINGS = _hedge_endings()


def _hedge_may_end(before: str) -> bool:
    r"""False only where UNITS.qualifier_pattern, searched backwards from the end of a window, finds no match in it;
    before is the window with the whitespace at its end stripped (str.rstrip). A match ends the window: a hedge,
    then maybe whitespace and an article, then whitespace only (\s, all of it str.isspace, as is the newline
    before which "$" matches); a hedge ends in one of _HEDGE_ENDINGS, and in no whitespace."""
    endings = _HEDGE_ENDINGS.get(before[-1:])
    if endings and before.endswith(endings):
        return True
    for article in HEDGE_ARTICLES:
        if before.endswith(article) and before[-len(article) - 1:-len(article)].isspace():
            before = before[:-len(article)].rstrip()
            endings = _HEDGE_ENDINGS.get(before[-1:])
            return bool(endings) and before.endswith(endings)
    return False


def _qualifier_before(text: str, start: int) -> tuple[str | None, int]:
    window_start = max(0, start - 40)
    # most numbers have no hedge before them, and most of those no word a hedge ends in: spare them the search
    if _HEDGE_ENDINGS is not None and not _hedge_may_end(text[window_start:start].rstrip()):
        return None, start
    match = UNITS.qualifier_pattern.search(text, window_start, start)
    if not match:
        return None, start
    return UNITS.qualifier_by_group[match.lastgroup], match.start()


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every number between start and end of text, with unit, hedge and range/list grouping."""
    end = len(text) if end is None else end
    found: list[Quantity] = []
    group = -1
    previous_end = -1
    for match in _NUMBER.finditer(text, start, end, timeout=scan_timeout(start, end)):
        digits_start, digits_end = match.span()
        sign, digits, scale = match.groups()  # _NUMBER's groups in order; by name the regex module takes 4x longer
        prefix = _prefix_before(text, start, digits_start)
        mention_start = prefix.start() if prefix else digits_start
        unit, kind, unit_end = _unit_after(text, digits_end)
        if unit is None and prefix:
            stripped = prefix.group().strip()
            if stripped in ("$", "US$", "\\"):
                unit, kind = "USD", "cost"
            elif stripped in ("x", "X", "×"):
                unit, kind = "x", "relative"
        if unit is None and digits_end < len(text) and text[digits_end].isalpha():
            # digits glued to a word that is no unit belong to a name: "3D", "4o", "2B-base"
            if not UNITS.glued_metric_ok(text, digits_end):
                continue
        # what stands between this number and the one before joins them or not
        in_range, joined = _separator_joins(text, previous_end, mention_start) if previous_end >= 0 else (False, False)
        # "2.97~25.22x": the tilde joins a range, it hedges nothing
        qualifier, qualifier_start = (None, mention_start) if in_range else _qualifier_before(text, mention_start)
        if not joined:
            group += 1
        value = _parse_number(digits, scale)
        mention_end = unit_end if unit else digits_end
        found.append(Quantity(
            start=mention_start,
            end=mention_end,
            value=-value if sign in ("-", "−") else value,
            mention=text[mention_start:mention_end],
            unit=unit,
            unit_kind=kind,
            qualifier=qualifier,
            qualifier_start=qualifier_start,
            signed=bool(sign),
            scaled=bool(scale),
            group=group,
        ))
        previous_end = mention_end
    words = _word_quantities(text, start, end)
    if words:
        # each number written as a word stands alone: give it a group of its own
        found = sorted(found + [replace(q, group=group + 1 + i) for i, q in enumerate(words)], key=lambda q: q.start)
    return _share_units_within_groups(found)


def is_range(text: str, group: tuple[Quantity, ...]) -> bool:
    """Whether the numbers of a group are the ends of one range ("31-42%", "from 72.7% to 93.8%"), not a list."""
    return any(_RANGE_SEPARATOR.fullmatch(text, a.end, b.start) for a, b in zip(group, group[1:]))


def _share_units_within_groups(quantities: list[Quantity]) -> list[Quantity]:
    """A unit written once for a range or list applies to each number: "31-42%", "108 / 74 FPS"."""
    shared = list(quantities)
    for i in range(len(shared) - 2, -1, -1):
        q, nxt = shared[i], shared[i + 1]
        if q.unit is None and nxt.unit is not None and q.group == nxt.group and not q.scaled:
            shared[i] = replace(q, unit=nxt.unit, unit_kind=nxt.unit_kind, unit_inherited=True)
    # a hedge reaches forward over a list ("up to 3.79x and 1.52x"), never back
    for i in range(1, len(shared)):
        q, prev = shared[i], shared[i - 1]
        if q.group == prev.group and q.qualifier is None and prev.qualifier is not None:
            shared[i] = replace(q, qualifier=prev.qualifier)
    return shared
