"""Paper feeds in, Paper records out: the trending page, JSON Lines, JSON, CSV and arXiv Atom.

    for paper in read_papers(["seeds/", "feed.xml"]):
        ...

A bad record never stops the reading: each one becomes an InputError that says file and line.
By default the first is raised (the safe choice for a library); pass on_error to report it
and go on, as the command line does.

Feeds come from scrapers and uploads, so nothing in a file is trusted: a file that is empty or
binary is one error; bytes that are not UTF-8 cost only the line (or record, or feed entry) that
holds them; an overlong line is read past in bounded memory; and a paper's text is at most
MAX_PAPER_CHARS characters. Every way a file can be wrong ends as an InputError, never as another
exception.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from .records import Paper

FORMATS = ("trending", "jsonl", "json", "csv", "arxiv")

# How much of a file is looked at to tell its format; a CSV header or the start of a feed fits.
_SNIFF_CHARS = 64 * 1024

# A title and abstract run to a few thousand characters. Far more is not an abstract (a whole
# paper, a concatenation gone wrong) and would only cost memory and extraction time.
MAX_PAPER_CHARS = 100_000
# A line of a line-based feed (JSON Lines, the trending page, CSV) is read up to this many
# characters; the rest of a longer line is skipped over in chunks of this size, never held whole.
MAX_LINE_CHARS = 1_000_000
# Files are decoded so that a byte that is not UTF-8 becomes one of these code points (Python's
# surrogateescape), instead of failing the whole file: the line that holds it is reported.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
# A lone surrogate (from a JSON \\ud800 escape, say) is not text either, and SQLite refuses it.
_SURROGATE = re.compile("[\ud800-\udfff]")


class InputError(ValueError):
    """A file or record that cannot be read as a paper, with where it is so the user can fix it."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.file, self.line) if part is not None)
        return f"{where}: {self.message}" if where else self.message


ErrorHandler = Callable[[InputError], None]


def read_papers(
    inputs: str | Path | Iterable[str | Path],
    format: str = "auto",
    on_error: ErrorHandler | None = None,
) -> Iterator[Paper]:
    """Papers from files, directories (every file below, in sorted order) or "-" for stdin.

    format is one of FORMATS, or "auto" to tell each file's format from its content.
    Each bad record or unreadable file goes to on_error and reading goes on; without
    on_error the first one is raised.
    """
    if format != "auto" and format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; expected auto or one of {', '.join(FORMATS)}")
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    for name, open_text in _sources(inputs):
        for item in _read_source(name, open_text, format):
            if isinstance(item, Paper):
                yield item
            elif on_error is None:
                raise item
            else:
                on_error(item)


def _sources(inputs: Iterable[str | Path]) -> Iterator[tuple[str, Callable[[], TextIO]]]:
    """(display name, opener) for every input; a directory expands to the files below it."""
    for given in inputs:
        if str(given) == "-":
            yield "<stdin>", _stdin_opener()
            continue
        path = Path(given)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and not _is_hidden(p, path)):
                yield str(file), _opener(file)
        else:
            # A missing file is reported by the open, with the name the user typed.
            yield str(path), _opener(path)


def _is_hidden(path: Path, root: Path) -> bool:
    """Dot files and folders (.DS_Store, .git) are the system's, not papers."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _opener(path: Path) -> Callable[[], TextIO]:
    # utf-8-sig drops the byte-order mark that spreadsheet programs put before a CSV header;
    # newline="" keeps line ends inside quoted CSV fields as the csv module wants;
    # surrogateescape lets a bad byte cost its line, not the file (see _NOT_UTF8).
    return lambda: open(path, encoding="utf-8-sig", errors="surrogateescape", newline="")


def _stdin_opener() -> Callable[[], TextIO]:
    """stdin can be read only once, but sniffing its format needs a second look: keep it."""
    kept: list[str] = []

    def open_stdin() -> TextIO:
        if not kept:
            # The bytes, decoded as files are, so that a bad byte costs a line here too.
            buffer = getattr(sys.stdin, "buffer", None)
            kept.append(sys.stdin.read() if buffer is None else
                        buffer.read().decode("utf-8-sig", errors="surrogateescape"))
        return io.StringIO(kept[0], newline="")

    return open_stdin


def _read_source(name: str, open_text: Callable[[], TextIO], format: str) -> Iterator[Paper | InputError]:
    """The papers of one file, with a file that cannot be read at all as one more InputError.

    A file that yields nothing at all (empty, a JSON [], a CSV header alone, a feed with no
    entries) is reported too: whoever gave it expected papers from it.
    """
    try:
        with open_text() as stream:
            head = stream.read(_SNIFF_CHARS)
        problem = whole_file_problem(head)
        if problem:
            yield InputError(problem, name)
            return
        if format == "auto":
            format = detect_format(head)
        yielded = False
        with open_text() as stream:
            for item in _PARSERS[format](stream, name):
                yielded = True
                yield item
        if not yielded:
            yield InputError(f"no papers found (read as {format})", name)
    except UnicodeDecodeError as error:  # only stdin under a strict locale gets here
        yield InputError(f"not UTF-8 text ({error.reason} at byte {error.start})", name)
    except OSError as error:
        yield InputError(f"cannot read: {error.strerror or error}", name)


def whole_file_problem(head: str) -> str | None:
    """Why a file is no feed at all, told from its first characters, or None."""
    if not head.strip():
        return "empty file, no papers"
    if head.startswith(("\udcff\udcfe", "\udcfe\udcff")):
        return "UTF-16 text; save it as UTF-8"
    nul = head.find("\x00")
    if nul >= 0:
        offset = len(head[:nul].encode("utf-8", errors="surrogateescape"))
        return f"binary file (a NUL byte at byte offset {offset}), not a paper feed"
    # A few stray bytes are a badly saved text file; mostly bad bytes are something else.
    if len(_NOT_UTF8.findall(head)) > len(head) // 4:
        return "binary file (mostly bytes that are not UTF-8), not a paper feed"
    return None


def not_utf8_problem(text: str) -> str | None:
    """What is wrong with a line or field holding bytes that are not UTF-8, or None."""
    bad = _NOT_UTF8.search(text)
    if bad is None:
        return None
    byte = ord(bad.group()) - 0xDC00
    return f"not UTF-8: byte 0x{byte:02X} at character {bad.start() + 1}"


def _lines(stream: TextIO, file: str, limit: int = MAX_LINE_CHARS,
           check_utf8: bool = True) -> Iterator[tuple[int, str | InputError]]:
    """(line number, line) for every line of stream; a line longer than limit, or (check_utf8)
    holding bytes that are not UTF-8, comes as an InputError instead. Memory stays bounded by
    limit however long a line is."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit:
            length = len(line)
            while not line.endswith(("\n", "\r")):
                line = stream.readline(limit)
                if not line:
                    break
                length += len(line)
            yield number, InputError(f"line is {length:,} characters long, more than the {limit:,} "
                                     "a record may take (skipped unread)", file, number)
            continue
        problem = not_utf8_problem(line) if check_utf8 else None
        yield number, (InputError(problem, file, number) if problem else line)


def detect_format(head: str) -> str:
    """The format of a feed, told from its first characters."""
    text = head.lstrip("\ufeff \t\r\n")
    first_line = text.split("\n", 1)[0]
    if text.startswith("<"):
        return "arxiv"
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        # A lone "{" on the first line is one pretty-printed object, not JSON Lines.
        return "json" if first_line.strip() == "{" else "jsonl"
    try:
        header = [column.strip().casefold() for column in next(csv.reader([first_line]), [])]
    except csv.Error:
        return "trending"
    # A header with one of the two columns is still a CSV, and parse_csv says which one is missing;
    # read as a page, its rows would become papers titled "name,abstract".
    if len(header) >= 2 and {"title", "abstract"} & set(header):
        return "csv"
    return "trending"


# --- paper ids -------------------------------------------------------------------------------

_ARXIV_ID = r"(\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})(?:v\d+)?"
# An arXiv id stands alone ("2401.12345v2", "arXiv:2401.12345") or sits in a link or DOI that
# names it: arxiv.org/abs|pdf|html/ID, huggingface.co/papers/ID, 10.48550/arXiv.ID.
_BARE_ARXIV_ID = re.compile(rf"^\s*(?:arxiv:\s*)?{_ARXIV_ID}\s*$", re.IGNORECASE)
_ARXIV_ID_IN_TEXT = re.compile(
    rf"(?:arxiv\.org/(?:abs|pdf|html)/|huggingface\.co/papers/|10\.48550/arxiv\.){_ARXIV_ID}(?![\d])",
    re.IGNORECASE,
)


def arxiv_id(text: str | None) -> str | None:
    """The arXiv id in an id, URL or DOI, without its version, or None."""
    if not text:
        return None
    match = _BARE_ARXIV_ID.match(text) or _ARXIV_ID_IN_TEXT.search(text)
    return match.group(1) if match else None


def paper_id(given_id: str | None, url: str | None) -> str:
    """One id per paper whatever the feed: its arXiv id, else its URL, else "" for Paper to
    fill in with the hash of its title."""
    for candidate in (given_id, url):
        found = arxiv_id(candidate)
        if found:
            return "arxiv:" + found
    for candidate in (given_id, url):
        # A local id such as a row number means nothing in another feed, so only a link counts.
        if candidate and re.match(r"https?://", candidate.strip()):
            return candidate.strip()
    return ""


def _paper(source: str, fields: dict[str, Any]) -> Paper:
    """A Paper from the fields of one record; ValueError says what is wrong with it."""
    title, abstract = fields.get("title"), fields.get("abstract")
    if not isinstance(title, str) or not title.strip():
        raise ValueError("record has no title")
    if not isinstance(abstract, str):
        raise ValueError("record has no abstract")
    if len(title) + len(abstract) > MAX_PAPER_CHARS:
        raise ValueError(f"title and abstract are {len(title) + len(abstract):,} characters long, more than "
                         f"the {MAX_PAPER_CHARS:,} a paper may have (an abstract is rarely over 3,000)")
    url, given_id, date = (_optional_text(fields.get(name)) for name in ("url", "id", "date"))
    authors = _authors(fields.get("authors"))
    for name, value in (("title", title), ("abstract", abstract), ("url", url), ("id", given_id),
                        ("date", date), ("authors", "; ".join(authors))):
        if value and _SURROGATE.search(value):
            raise ValueError(f"{name} " + (not_utf8_problem(value) or "holds a lone surrogate, which is not text"))
    return Paper(
        # A title is one line: Paper.text puts the abstract after the first newline.
        title=" ".join(title.split()),
        abstract=abstract.strip(),
        paper_id=paper_id(given_id, url),
        url=url,
        date=date,
        source=source,
        authors=authors,
    )


def _optional_text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _authors(value: Any) -> tuple[str, ...]:
    """Authors as a list of names or of {"name": ...}, or one string separated by ; or ,."""
    if value is None:
        return ()
    if isinstance(value, str):
        separator = ";" if ";" in value else ","
        return tuple(name.strip() for name in value.split(separator) if name.strip())
    if isinstance(value, list):
        names = (item.get("name") if isinstance(item, dict) else item for item in value)
        return tuple(str(name).strip() for name in names if name is not None and str(name).strip())
    raise ValueError("authors must be a list or a string")


def _record(source: str, fields: Any, file: str, line: int) -> Paper | InputError:
    if not isinstance(fields, dict):
        return InputError(f"expected an object with title and abstract, got {type(fields).__name__}", file, line)
    try:
        return _paper(source, fields)
    except ValueError as error:
        return InputError(str(error), file, line)


# --- the formats -----------------------------------------------------------------------------

# The trending page's own lines around the list of papers.
_PAGE_LINE = re.compile(r"^(?:Get trending papers in your email inbox.*|Subscribe)$")
# The page glues its Subscribe button onto the first title: "SubscribeUnderstanding R1-Zero...".
_GLUED_SUBSCRIBE = re.compile(r"^Subscribe(?=\S)")


def parse_trending(stream: TextIO, file: str) -> Iterator[Paper | InputError]:
    """The trending-papers page: a title line, then its abstract line, paper after paper.

    A line that cannot be read still takes its place as a title or an abstract, so one bad line
    costs its own paper and the pairs after it stay in step.
    """
    title: str | InputError | None = None
    title_line = 0
    first_title = True
    for number, read in _lines(stream, file):
        line = read.strip() if isinstance(read, str) else read
        if not line or (isinstance(line, str) and _PAGE_LINE.match(line)):
            continue
        if title is None:
            title = _GLUED_SUBSCRIBE.sub("", line) if first_title and isinstance(line, str) else line
            title_line, first_title = number, False
        else:
            if isinstance(title, InputError):
                yield title
            elif isinstance(line, InputError):
                yield line
            else:
                yield _record("trending", {"title": title, "abstract": line}, file, title_line)
            title = None
    if isinstance(title, InputError):
        yield title
    elif title is not None:
        yield InputError(f"title {title[:60]!r} has no abstract line after it", file, title_line)


def parse_jsonl(stream: TextIO, file: str) -> Iterator[Paper | InputError]:
    """One JSON object a line; blank lines are allowed."""
    for number, line in _lines(stream, file):
        if isinstance(line, InputError):
            yield line
            continue
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(f"not valid JSON: {error.msg} (column {error.colno})", file, number)
            continue
        except RecursionError:
            yield InputError(_TOO_DEEP, file, number)
            continue
        yield _record("jsonl", fields, file, number)


# Python's JSON decoder recurses into nested arrays; "[[[[..." runs it out of stack.
_TOO_DEEP = "not valid JSON: nested too deeply to be a paper record"


def parse_json(stream: TextIO, file: str) -> Iterator[Paper | InputError]:
    """A JSON array of objects (or one object), decoded one element at a time so each error has
    its own line."""
    text = stream.read()
    decoder = json.JSONDecoder()
    lines = _LineCounter(text)
    position = _skip_space(text, 0)
    if text.startswith("{", position):
        yield from _json_elements(text, position, decoder, lines, file, closing="")
        return
    if not text.startswith("[", position):
        yield InputError("expected a JSON array of paper objects", file, lines.at(position))
        return
    yield from _json_elements(text, _skip_space(text, position + 1), decoder, lines, file, closing="]")


def _json_elements(text: str, position: int, decoder: json.JSONDecoder, lines: _LineCounter,
                   file: str, closing: str) -> Iterator[Paper | InputError]:
    """The values from position on, separated by commas up to closing ("]"), or one value alone
    when closing is ""."""
    if closing and text.startswith(closing, position):
        position += 1
    else:
        while True:
            try:
                fields, end = decoder.raw_decode(text, position)
            except json.JSONDecodeError as error:
                # Past a syntax error there is no telling where the next object starts.
                yield InputError(f"not valid JSON: {error.msg} (column {error.colno})", file, error.lineno)
                return
            except RecursionError:
                yield InputError(_TOO_DEEP, file, lines.at(position))
                return
            yield _record("json", fields, file, lines.at(position))
            position = _skip_space(text, end)
            if not closing:
                break
            if text.startswith(",", position):
                position = _skip_space(text, position + 1)
            elif text.startswith(closing, position):
                position += 1
                break
            else:
                yield InputError(f"expected , or {closing} after an object", file, lines.at(position))
                return
    if _skip_space(text, position) != len(text):
        yield InputError("unexpected text after the JSON " + ("array" if closing else "object"),
                         file, lines.at(_skip_space(text, position)))


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


class _LineCounter:
    """Line numbers of ascending positions in one text, counting each newline once."""

    def __init__(self, text: str):
        self._text, self._position, self._line = text, 0, 1

    def at(self, position: int) -> int:
        self._line += self._text.count("\n", self._position, position)
        self._position = position
        return self._line


def parse_csv(stream: TextIO, file: str) -> Iterator[Paper | InputError]:
    """A CSV file whose header names title and abstract columns (any case), and optionally
    id, url, date and authors.

    A quoted field may span lines, so bytes that are not UTF-8 are reported per row (by _paper),
    and an overlong line costs the row it belongs to.
    """
    overlong: list[InputError] = []

    def physical_lines() -> Iterator[str]:
        # The csv module's own limit on a field is the longest line worth reading.
        for _number, line in _lines(stream, file, min(MAX_LINE_CHARS, csv.field_size_limit()), check_utf8=False):
            if isinstance(line, InputError):
                overlong.append(line)
                yield "\n"  # keeps the line count; the row it belongs to is reported instead
            else:
                yield line

    reader = csv.reader(physical_lines())
    try:
        header = next(reader, None)
    except csv.Error as error:
        yield InputError(f"not valid CSV: {error}", file, reader.line_num)
        return
    if header is None:
        return
    if overlong:
        yield from overlong
        return
    columns = {name.strip().casefold(): index for index, name in enumerate(header)}
    missing = [name for name in ("title", "abstract") if name not in columns]
    if missing:
        yield InputError(f"CSV header has no {' or '.join(missing)} column", file, 1)
        return
    wanted = {name: columns[name] for name in ("title", "abstract", "id", "url", "date", "authors") if name in columns}
    while True:
        first_line = reader.line_num + 1  # a quoted field may span lines: report where the row starts
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield InputError(f"not valid CSV: {error}", file, first_line)
            return
        if overlong:
            yield from overlong
            overlong.clear()
            continue
        if not any(cell.strip() for cell in row):
            continue
        fields = {name: row[index] for name, index in wanted.items() if index < len(row)}
        yield _record("csv", fields, file, first_line)


_ATOM = "{http://www.w3.org/2005/Atom}"
_ENTRY_TAG = re.compile(r"<(?:[\w.-]+:)?entry[\s>]")


def parse_arxiv(stream: TextIO, file: str) -> Iterator[Paper | InputError]:
    """An arXiv API Atom feed: id, title, summary, published date and link of each entry.

    Bytes that are not UTF-8 cost the entry that holds them; the rest of the feed is read.
    """
    text = stream.read()
    lines = _LineCounter(text)
    bad_lines: dict[int, str] = {}
    for bad in _NOT_UTF8.finditer(text):
        line = lines.at(bad.start())
        bad_lines.setdefault(line, f"not UTF-8: byte 0x{ord(bad.group()) - 0xDC00:02X}")
    try:
        # The parser takes text as UTF-8, which the stand-ins for bad bytes are not.
        feed = ET.fromstring(_NOT_UTF8.sub("\ufffd", text) if bad_lines else text)
    except ET.ParseError as error:
        yield InputError(f"not valid XML: {error}", file, error.position[0])
        return
    if feed.tag != _ATOM + "feed":
        yield InputError(f"expected an Atom <feed>, found <{feed.tag.rpartition('}')[2]}>", file, 1)
        return
    # ElementTree keeps no line numbers, so an entry's line is where its nth <entry> tag is.
    lines = _LineCounter(text)
    entry_lines = [lines.at(match.start()) for match in _ENTRY_TAG.finditer(text)]
    entries = list(feed.iter(_ATOM + "entry"))
    if not entries:
        yield InputError("the Atom feed has no entries", file, 1)
        return
    reported: set[int] = set()
    for index, entry in enumerate(entries):
        line = entry_lines[index] if index < len(entry_lines) else None
        last_line = entry_lines[index + 1] - 1 if index + 1 < len(entry_lines) else len(text)
        bad_here = [number for number in bad_lines if line is not None and line <= number <= last_line]
        if bad_here:
            reported.update(bad_here)
            yield InputError(f"{bad_lines[bad_here[0]]} on line {bad_here[0]} (entry skipped)", file, line)
        else:
            yield _arxiv_entry(entry, file, line)
    for number in sorted(set(bad_lines) - reported):  # in the feed's own header, say
        yield InputError(bad_lines[number] + " (outside any entry)", file, number)


def _arxiv_entry(entry: ET.Element, file: str, line: int | None) -> Paper | InputError:
    def text_of(tag: str) -> str | None:
        element = entry.find(_ATOM + tag)
        return None if element is None or element.text is None else " ".join(element.text.split())

    entry_id = text_of("id")
    if entry_id and "/api/errors" in entry_id:
        # The arXiv API answers a bad query with a feed holding one entry that explains it.
        return InputError(f"the arXiv API reported an error: {text_of('summary')}", file, line)
    links = entry.findall(_ATOM + "link")
    page = next((link.get("href") for link in links if link.get("rel") == "alternate"), None)
    published = text_of("published")
    return _record("arxiv", {
        "id": entry_id,
        "url": page or entry_id,
        "title": text_of("title"),
        "abstract": text_of("summary"),
        "date": published[:10] if published else None,  # the day; the time of day says nothing here
        "authors": [name.text for name in entry.iterfind(f"{_ATOM}author/{_ATOM}name") if name.text],
    }, file, line)


_PARSERS: dict[str, Callable[[TextIO, str], Iterator[Paper | InputError]]] = {
    "trending": parse_trending,
    "jsonl": parse_jsonl,
    "json": parse_json,
    "csv": parse_csv,
    "arxiv": parse_arxiv,
}
