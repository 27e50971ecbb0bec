"""Properties of the readers and the extractor on arbitrary input (hypothesis).

- Whatever the bytes or text of a file, reading it raises nothing but InputError (and with
  on_error, nothing at all).
- Every record's evidence is the paper's text at the record's offsets.
- Extraction is deterministic: the same paper twice gives the same records, also in two
  processes with different hash seeds.

Example counts are modest and there is no deadline, so that a CI machine with two cores is not
flaky; a failure here is a real bug, with its input printed by hypothesis.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extract import InputError, Paper, extract_records, read_papers
from extract.readers import FORMATS

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SEED_ABSTRACTS = [paper.abstract for paper in read_papers([SEEDS])]

# Pieces that the extractor reacts to, and characters known to trip text code: case folding that
# changes length (İ, ß, ﬁ), full-width and Arabic-Indic digits, superscripts, combining and
# zero-width marks, line and paragraph separators.
TOKENS = [
    "43.3%", "accuracy", "on", "AIME 2024", "ImageNet", "top-1", "BLEU", "F1", "mAP", "pass@1",
    "GSM8K", "MATH500", "WMT14 En-De", "up to", "more than", "×", "x", "2.5x", "faster", "than",
    "A100", "8 H100 GPUs", "GPU hours", "$", "1.2M", "±0.3", "(", ")", "[", "]", "respectively", ",",
    ".", ";", ":", "and", "outperforms", "by", "points", "+2.1%", "-", "–", "%", "0", "100,000",
    "1e-5", "10^9", "FLOPs", "ms", "latency", "tokens/s", "e.g.", "vs.", "1.1.1.1", "...", '"', "'",
    "İ", "ß", "ﬁ", "４３．３％", "٤٣", "²", "\u0301", "\u200b", "\u2028", "\u2029", "\x85", "\n",
    "\t", "🙂", "Ω", "µs",
]


@st.composite
def seed_slices(draw) -> str:
    """A stretch of a real abstract, so that the extractor's rules actually fire."""
    abstract = draw(st.sampled_from(SEED_ABSTRACTS))
    start = draw(st.integers(0, len(abstract)))
    return abstract[start:start + draw(st.integers(1, 300))]


fragments = st.one_of(st.sampled_from(TOKENS), st.text(max_size=8), seed_slices())
mixed_text = st.builds(lambda parts, glue: glue.join(parts),
                       st.lists(fragments, max_size=40), st.sampled_from([" ", "", "\n"]))


@st.composite
def mutated_seed_abstracts(draw) -> str:
    """A whole real abstract with arbitrary text spliced in and a stretch cut out."""
    abstract = draw(st.sampled_from(SEED_ABSTRACTS))
    at = draw(st.integers(0, len(abstract)))
    abstract = abstract[:at] + draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=20))) + abstract[at:]
    cut = draw(st.integers(0, len(abstract)))
    return abstract[:cut] + abstract[cut + draw(st.integers(0, 40)):]


any_abstract = st.one_of(st.text(), mixed_text, mutated_seed_abstracts())
any_title = st.one_of(st.text(min_size=1, max_size=200), mixed_text.map(lambda text: text[:200] or "T"))


def as_read(title: str, abstract: str) -> Paper:
    """A paper as the readers make it: a title is one line with single spaces, an abstract is
    stripped (Paper.text joins the two with a newline)."""
    return Paper(title=" ".join(title.split()) or "untitled", abstract=abstract.strip())


def assert_records_point_into_the_text(paper: Paper) -> list:
    records = extract_records(paper)
    text = paper.text
    for record in records:
        assert 0 <= record.evidence_start <= record.evidence_end <= len(text), record
        assert text[record.evidence_start:record.evidence_end] == record.evidence, record
        assert record.paper_id == paper.paper_id
    return records


# --- readers -------------------------------------------------------------------------------------

def _read_file(content: bytes, format: str) -> tuple[list[Paper], list[InputError]]:
    """Read content as a file twice: raising (the first error must be an InputError) and reporting."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed"
        path.write_bytes(content)
        try:
            for _ in read_papers([path], format=format):
                pass
        except InputError:
            pass  # the one exception a reader may raise; anything else fails the test
        errors: list[InputError] = []
        papers = list(read_papers([path], format=format, on_error=errors.append))
    assert all(isinstance(error, InputError) and error.file for error in errors)
    return papers, errors


@PROPERTY_SETTINGS
@given(content=st.one_of(st.binary(max_size=2000), st.text(max_size=2000).map(lambda t: t.encode("utf-8"))),
       format=st.sampled_from(("auto", *FORMATS)))
@example(content=b"\xff\xfe\x00t\x00i", format="auto")
@example(content=b'{"title": "\\ud800", "abstract": ""}', format="jsonl")
@example(content=b"[" * 5000, format="json")
@example(content=b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>\xff</entry></feed>", format="arxiv")
@example(content=b"title,abstract\n\"unclosed,x\n", format="csv")
def test_any_bytes_raise_nothing_but_input_error(content, format):
    papers, errors = _read_file(content, format)
    for paper in papers:  # what is read is text: it can be stored and extracted
        paper.text.encode("utf-8")


@st.composite
def feed_lines(draw) -> str:
    """A JSON Lines feed of arbitrary values, mostly objects with arbitrary title and abstract."""
    objects = st.fixed_dictionaries({"title": st.one_of(st.text(), st.none(), st.integers()),
                                     "abstract": st.one_of(st.text(), st.none())},
                                    optional={"id": st.text(), "url": st.text(), "date": st.text(),
                                              "authors": st.one_of(st.text(), st.lists(st.text()), st.integers())})
    values = st.lists(st.one_of(objects, st.integers(), st.text(), st.lists(st.integers())), max_size=8)
    return "\n".join(json.dumps(value) for value in draw(values))


@PROPERTY_SETTINGS
@given(feed=feed_lines())
def test_any_json_lines_feed_gives_one_paper_or_one_error_per_line(feed):
    papers, errors = _read_file(feed.encode("utf-8"), "jsonl")
    lines = [line for line in feed.split("\n") if line.strip()]
    if lines:
        assert len(papers) + len(errors) == len(lines)
    else:
        assert papers == [] and [e.message for e in errors] == ["empty file, no papers"]
    for paper in papers:
        assert "\n" not in paper.title and paper.title == paper.title.strip()


# --- extractor -----------------------------------------------------------------------------------

@PROPERTY_SETTINGS
@given(title=any_title, abstract=any_abstract)
@example(title="İİİ 43.3% accuracy on AIME 2024", abstract="İstanbul ß model achieves 43.3% accuracy on AIME 2024.")
@example(title="T", abstract="Our model reaches ４３．３％ accuracy on ImageNet, 2.5x faster on 8 H100 GPUs.")
# A digit of Unicode 15 (Kawi), newer than Python 3.11's float() knows but matched by the regex
# module's \d: found by this test (the extractor raised ValueError).
@example(title="\U00011f50", abstract="")
def test_every_record_evidence_is_the_text_at_its_offsets(title, abstract):
    assert_records_point_into_the_text(as_read(title, abstract))


@PROPERTY_SETTINGS
@given(title=any_title, abstract=any_abstract)
def test_extraction_is_deterministic(title, abstract):
    paper = as_read(title, abstract)
    assert extract_records(paper) == extract_records(paper)
    # A new Paper with the same text, not the same object: nothing is cached on identity.
    assert extract_records(paper) == extract_records(Paper(title=paper.title, abstract=paper.abstract))


@PROPERTY_SETTINGS
@given(title=st.text(min_size=1), abstract=st.text())
def test_arbitrary_unicode_through_the_reader_extracts_or_is_an_input_error(title, abstract):
    """The whole path a feed takes: JSON Lines in, readers, extractor. Anything the reader lets
    through is extracted without an exception, with evidence at its offsets."""
    line = json.dumps({"title": title, "abstract": abstract}) + "\n"
    papers, errors = _read_file(line.encode("utf-8"), "jsonl")
    assert len(papers) + len(errors) == 1
    for paper in papers:
        assert_records_point_into_the_text(paper)


def test_seed_extraction_is_the_same_under_different_hash_seeds():
    """Sets and dicts of strings iterate in an order that depends on PYTHONHASHSEED; the records
    must not."""
    program = ("import json, sys; from extract import read_papers, extract_records\n"
               "for p in read_papers([sys.argv[1]]):\n"
               "    for r in extract_records(p): print(json.dumps(r.to_dict(), sort_keys=True))\n")
    outputs = []
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", program, str(SEEDS)], capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}, cwd=ROOT, timeout=300)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0].count("\n") > 100
    assert outputs[0] == outputs[1]
