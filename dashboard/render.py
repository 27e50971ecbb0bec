"""Paper text to safe HTML, and the small formatting the pages share.

Paper text comes from scrapers, feeds and uploads, so it is never given to the browser as HTML or
markdown: every character of it is escaped with html.escape, and the only tags in the output are
the <mark> and <div> tags written here. (st.html also sanitises with DOMPurify; this does not
rely on it.)
"""
from __future__ import annotations

import html
import math
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit


@dataclass(frozen=True)
class Span:
    """A stretch of a text to highlight, with a note shown when the mouse is over it."""

    start: int
    end: int
    note: str


def locate_span(text: str, start: int, end: int, evidence: str, note: str) -> Span | None:
    """The span of evidence in text: at its offsets if they hold it, else where it first occurs."""
    if 0 <= start < end <= len(text) and text[start:end] == evidence:
        return Span(start, end, note)
    found = text.find(evidence) if evidence else -1
    return Span(found, found + len(evidence), note) if found >= 0 else None


def _merged(spans: Iterable[Span]) -> list[Span]:
    """Overlapping spans as one, so that <mark> tags never cross each other."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end), last.note + "\n" + span.note)
        else:
            merged.append(span)
    return merged


def highlighted_html(text: str, spans: Iterable[Span]) -> str:
    """text as HTML with each span in a <mark>; all of text, and every note, escaped."""
    pieces, position = [], 0
    for span in _merged(s for s in spans if 0 <= s.start < s.end <= len(text)):
        pieces.append(html.escape(text[position:span.start]))
        pieces.append(f'<mark title="{html.escape(span.note, quote=True)}">')
        pieces.append(html.escape(text[span.start:span.end]))
        pieces.append("</mark>")
        position = span.end
    pieces.append(html.escape(text[position:]))
    return "".join(pieces)


def paper_html(title: str, abstract: str, spans: Iterable[Span]) -> str:
    """A paper's title and abstract with spans highlighted; spans index title + "\\n" + abstract."""
    spans = list(spans)
    offset = len(title) + 1
    in_title = [s for s in spans if s.end <= len(title)]
    in_abstract = [Span(s.start - offset, s.end - offset, s.note) for s in spans if s.start >= offset]
    return (
        '<div style="font-weight:600;font-size:1.1rem;margin-bottom:0.4rem">'
        f"{highlighted_html(title, in_title)}</div>"
        '<div style="white-space:pre-wrap;line-height:1.6">'
        f"{highlighted_html(abstract, in_abstract)}</div>"
    )


def value_text(value: float | None, unit: str | None) -> str:
    """43.3 and "%" as "43.3 %"; a missing value as an empty string."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    number = f"{value:,.6g}"
    return f"{number} {unit}" if unit else number


def safe_web_url(url: str | None) -> str | None:
    """url if it is an http(s) address, else None: a javascript: or data: link is never shown."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return urlunsplit(parts._replace(fragment=""))


# A link cell shows the text after the first "#" (see LINK_DISPLAY), so that the paper's
# title is what the reader clicks.
LINK_DISPLAY = r"^[^#]*#(.*)$"


def paper_link(url: str | None, title: str, paper_id: str) -> str:
    """A link cell for a paper: its web page where known, else its entry on the Papers page."""
    target = safe_web_url(url) or f"?page=Papers&paper={quote(paper_id, safe='')}"
    return f"{target}#{' '.join(title.split())}"
