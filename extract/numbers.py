"""Stage 1: find the numbers in a sentence, with their units, hedges, ranges and lists.

Works on the text as scraped, without rewriting it, so every span stays an exact offset into
the paper: "×" that became "times", "∼" that became "sim", an escaped "\\%", a "$" lost to
"\\", markdown bold around a number are read where they stand.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from .budget import scan_timeout
from .engines import tried_in_place
from .vocab import UNITS, finditer_at_starts, fold_case, folded_starts, standalone_words_pattern

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


# Words that must occur for a number written as a word to be read at all; most texts have none,
# and a substring test is far cheaper than the patterns.
_WORD_NUMBER_TRIGGERS = UNITS.word_number_unit_stems
_FRACTION_TRIGGERS = tuple({f.split()[-1] for f in UNITS.fractions})
# The word each fraction ends in ("third" of "a third"), as it stands in fold_case(text) wherever the
# fraction pattern matches: a text without one has no fraction to look for.
_FRACTION_LAST_WORDS = folded_starts({f.split()[-1] for f in UNITS.fractions})


def _word_quantities(text: str, start: int, end: int) -> list[Quantity]:
    """Numbers written as words where English makes them results: "in a single day", "a tenth of the steps"."""
    found: list[Quantity] = []
    folded = fold_case(text[start:end])
    if not any(trigger in folded for trigger in _WORD_NUMBER_TRIGGERS + _FRACTION_TRIGGERS):
        return found
    for match in finditer_at_starts(_WORD_NUMBER, _WORD_NUMBER_STARTS, text, start, end, folded):
        unit, kind, unit_end = _unit_after(text, match.end())
        if unit in UNITS.word_number_units:
            qualifier, qualifier_start = _qualifier_before(text, match.start())
            found.append(Quantity(match.start(), unit_end, UNITS.word_numbers[fold_case(match.group())],
                                  text[match.start():unit_end], unit, kind, qualifier, qualifier_start,
                                  signed=False, scaled=False, group=-1))
    if not any(word in folded for word in _FRACTION_LAST_WORDS):
        return found
    for match in finditer_at_starts(_FRACTION, _FRACTION_STARTS, text, start, end, folded):
        found.append(Quantity(match.start(), match.end(), UNITS.fractions[fold_case(match.group())], match.group(),
                              "x", "relative", None, match.start(), signed=False, scaled=False, group=-1))
    return found


def _parse_number(digits: str, scale: str | None) -> float:
    value = float(digits.replace(",", ""))
    if scale:
        value *= UNITS.scales[scale] if scale in UNITS.scales else UNITS.scale_words[scale.strip().lower()]
    return value


def _unit_after(text: str, pos: int) -> tuple[str | None, str | None, int]:
    """The unit written right after position pos: (unit, kind, end of unit)."""
    probe = pos + 2 if text.startswith("**%", pos) else pos  # "**85.67**%": the unit after the bold
    match = UNITS.unit_pattern.match(text, probe)
    if not match:
        return None, None, pos
    unit = UNITS.unit_by_group[match.lastgroup]
    return unit.unit, unit.kind, match.end()


def _qualifier_before(text: str, start: int) -> tuple[str | None, int]:
    match = UNITS.qualifier_pattern.search(text, max(0, start - 40), start)
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
        digits_start = match.start()
        prefix = _PREFIX.search(text, max(start, digits_start - 4), digits_start)
        mention_start = prefix.start() if prefix else digits_start
        prefix_text = prefix.group() if prefix else ""
        unit, kind, unit_end = _unit_after(text, match.end())
        if unit is None:
            stripped = prefix_text.strip()
            if stripped in ("$", "US$", "\\"):
                unit, kind = "USD", "cost"
            elif stripped in ("x", "X", "×"):
                unit, kind = "x", "relative"
        if unit is None and match.end() < len(text) and text[match.end()].isalpha():
            # digits glued to a word that is no unit belong to a name: "3D", "4o", "2B-base"
            if not UNITS.glued_metric_ok(text, match.end()):
                continue
        follows = previous_end >= 0  # what stands between this number and the one before joins them or not
        in_range = follows and bool(_RANGE_SEPARATOR.fullmatch(text, previous_end, mention_start))
        joined = in_range or (follows and bool(_LIST_SEPARATOR.fullmatch(text, previous_end, mention_start)))
        # "2.97~25.22x": the tilde joins a range, it hedges nothing
        qualifier, qualifier_start = (None, mention_start) if in_range else _qualifier_before(text, mention_start)
        if not joined:
            group += 1
        found.append(Quantity(
            start=mention_start,
            end=unit_end if unit else match.end(),
            value=_parse_number(match.group("digits"), match.group("scale"))
            * (-1 if match.group("sign") in ("-", "−") else 1),
            mention=text[mention_start:unit_end if unit else match.end()],
            unit=unit,
            unit_kind=kind,
            qualifier=qualifier,
            qualifier_start=qualifier_start,
            signed=bool(match.group("sign")),
            scaled=bool(match.group("scale")),
            group=group,
        ))
        previous_end = found[-1].end
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
