"""The readers on realistic samples of each feed, and on the ways a feed goes wrong."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from extract import InputError, Paper, read_papers
from extract.readers import FORMATS, arxiv_id, detect_format, paper_id
from extract.records import title_hash_id

SAMPLES = Path(__file__).parent / "data" / "samples"
SEEDS = Path(__file__).parent.parent / "seeds"

R1_TITLE = "Understanding R1-Zero-Like Training: A Critical Perspective"
V3_TITLE = "DeepSeek-V3 Technical Report"
AHA_TITLE = "R1-Zero's \"Aha Moment\" in Visual Reasoning on a 2B Non-SFT Model"
FOCAL_TITLE = "Focal Loss for Dense Object Detection"


def read_all(path, format="auto") -> tuple[list[Paper], list[InputError]]:
    errors: list[InputError] = []
    return list(read_papers([path], format=format, on_error=errors.append)), errors


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- each format on its sample -----------------------------------------------------------------

def test_trending_page_skips_the_page_lines_and_unglues_subscribe():
    papers, errors = read_all(SAMPLES / "trending.txt")
    assert errors == []
    assert [p.title for p in papers] == [R1_TITLE, AHA_TITLE, V3_TITLE]
    assert papers[0].abstract.startswith("DeepSeek-R1-Zero has shown that reinforcement learning")
    assert "achieves 43.3% accuracy on AIME 2024" in papers[0].abstract
    assert all(p.source == "trending" for p in papers)
    # The page carries no links, so the title identifies the paper.
    assert papers[0].paper_id == title_hash_id(R1_TITLE)


def test_whole_seed_page_reads_as_title_abstract_pairs():
    papers, errors = read_all(SEEDS)
    assert errors == []
    assert len(papers) == 241
    assert papers[0].title == R1_TITLE
    assert not any(p.title.startswith(("Subscribe", "Get trending")) for p in papers)
    assert len({p.paper_id for p in papers}) == len(papers)
    # Every abstract is prose, far longer than its title: no pair slipped by a line.
    assert all(len(p.abstract) > 2 * len(p.title) for p in papers)


def test_jsonl_takes_ids_urls_dates_and_authors():
    papers, errors = read_all(SAMPLES / "papers.jsonl")
    assert errors == []
    r1, v3, focal = papers
    assert (r1.paper_id, r1.url, r1.date) == ("arxiv:2503.20783", "https://arxiv.org/abs/2503.20783", "2025-03-26")
    assert r1.authors[0] == "Zichen Liu" and len(r1.authors) == 8
    assert v3.paper_id == "arxiv:2412.19437"  # from a huggingface.co/papers link
    assert focal.paper_id == focal.url  # no arXiv id anywhere: the link is the id
    assert all(p.source == "jsonl" for p in papers)


def test_json_array_reads_every_object():
    papers, errors = read_all(SAMPLES / "papers.json")
    assert errors == []
    assert [p.paper_id for p in papers] == ["arxiv:1910.02054", "arxiv:1710.03740"]
    assert papers[0].authors == ("Samyam Rajbhandari", "Jeff Rasley", "Olatunji Ruwase", "Yuxiong He")
    assert papers[1].title == "Mixed Precision Training"
    assert all(p.source == "json" for p in papers)


def test_csv_with_spreadsheet_header_and_quoted_multiline_abstract():
    papers, errors = read_all(SAMPLES / "papers.csv")
    assert errors == []
    aha, focal = papers
    assert aha.title == AHA_TITLE  # doubled quotes inside a quoted field
    assert aha.authors[:2] == ("Hengguang Zhou", "Xirui Li")
    assert aha.date == "2025-03-07"
    assert focal.title == FOCAL_TITLE
    assert "\n" in focal.abstract and focal.abstract.startswith("The highest accuracy object detectors")
    assert all(p.source == "csv" for p in papers)


def test_arxiv_atom_feed_collapses_wrapped_lines_and_drops_the_version():
    papers, errors = read_all(SAMPLES / "arxiv.xml")
    assert errors == []
    r1, v3 = papers
    assert r1.paper_id == "arxiv:2503.20783" and v3.paper_id == "arxiv:2412.19437"
    assert r1.title == R1_TITLE
    assert "\n" not in r1.abstract and "  " not in r1.abstract
    assert r1.abstract.startswith("DeepSeek-R1-Zero has shown") and r1.abstract.endswith("understand-r1-zero.")
    assert (r1.date, r1.url) == ("2025-03-26", "http://arxiv.org/abs/2503.20783v1")
    assert r1.authors[-1] == "Min Lin"
    assert v3.authors == ("DeepSeek-AI",)
    assert all(p.source == "arxiv" for p in papers)


def test_the_same_paper_from_atom_and_jsonl_has_one_id_and_one_text():
    atom, _ = read_all(SAMPLES / "arxiv.xml")
    lines, _ = read_all(SAMPLES / "papers.jsonl")
    assert atom[0].paper_id == lines[0].paper_id
    assert atom[0].text == lines[0].text


def test_the_same_title_from_csv_and_trending_is_one_paper():
    rows, _ = read_all(SAMPLES / "papers.csv")
    page, _ = read_all(SAMPLES / "trending.txt")
    assert rows[0].paper_id == page[1].paper_id == title_hash_id(AHA_TITLE)


# --- format detection --------------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("trending.txt", "trending"), ("papers.jsonl", "jsonl"), ("papers.json", "json"),
    ("papers.csv", "csv"), ("arxiv.xml", "arxiv"),
])
def test_detect_format_from_content(name, expected):
    assert detect_format((SAMPLES / name).read_text(encoding="utf-8")) == expected


def test_detection_ignores_the_file_name(tmp_path):
    misnamed = write(tmp_path, "feed.txt", (SAMPLES / "papers.jsonl").read_text(encoding="utf-8"))
    papers, _ = read_all(misnamed)
    assert [p.source for p in papers] == ["jsonl"] * 3


def test_detection_skips_a_byte_order_mark_and_leading_blank_lines():
    assert detect_format("\ufeff\n\n[{\"title\": \"t\"}]") == "json"
    assert detect_format("\ufeffTITLE,ABSTRACT\nt,a\n") == "csv"


def test_a_given_format_overrides_detection(tmp_path):
    # A page whose first title happens to read like a CSV header still reads as a page.
    page = write(tmp_path, "page.txt", "title,abstract\nWe study titles and abstracts.\n")
    papers, errors = read_all(page, format="trending")
    assert errors == [] and [(p.title, p.source) for p in papers] == [("title,abstract", "trending")]


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown format"):
        list(read_papers([SAMPLES], format="yaml"))
    assert set(FORMATS) == {"trending", "jsonl", "json", "csv", "arxiv"}


# --- inputs: directories, stdin ----------------------------------------------------------------

def test_a_directory_reads_every_file_in_sorted_order_and_skips_dot_files(tmp_path):
    (tmp_path / "b").mkdir()
    write(tmp_path / "b", "2.jsonl", json.dumps({"title": "Second", "abstract": "Two."}) + "\n")
    write(tmp_path, "a.jsonl", json.dumps({"title": "First", "abstract": "One."}) + "\n")
    write(tmp_path, ".DS_Store", "\x00\x01")
    papers, errors = read_all(tmp_path)
    assert errors == []
    assert [p.title for p in papers] == ["First", "Second"]


def test_samples_directory_holds_every_format():
    papers, errors = read_all(SAMPLES)
    assert errors == []
    assert {p.source for p in papers} == set(FORMATS)


def test_dash_reads_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO((SAMPLES / "arxiv.xml").read_text(encoding="utf-8")))
    papers = list(read_papers(["-"]))
    assert [p.paper_id for p in papers] == ["arxiv:2503.20783", "arxiv:2412.19437"]


# --- ids ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("2401.12345", "2401.12345"),
    ("2401.12345v3", "2401.12345"),
    ("arXiv:2401.12345v2", "2401.12345"),
    ("http://arxiv.org/abs/2503.20783v1", "2503.20783"),
    ("https://arxiv.org/pdf/1910.02054v3.pdf", "1910.02054"),
    ("https://huggingface.co/papers/2412.19437", "2412.19437"),
    ("https://doi.org/10.48550/arXiv.1710.03740", "1710.03740"),
    ("http://arxiv.org/abs/hep-th/9901001v2", "hep-th/9901001"),
    ("https://example.org/2401.12345", None),
    ("17", None),
    (None, None),
])
def test_arxiv_id(text, expected):
    assert arxiv_id(text) == expected


def test_paper_id_prefers_arxiv_then_link_then_title():
    assert paper_id("17", "https://arxiv.org/abs/2401.12345v1") == "arxiv:2401.12345"
    assert paper_id("17", "https://aclanthology.org/2020.acl-main.1/") == "https://aclanthology.org/2020.acl-main.1/"
    # A row number or local key means nothing in another feed; the title hash is filled in by Paper.
    assert paper_id("17", None) == ""
    assert Paper(title="T", abstract="", paper_id=paper_id("17", None)).paper_id == title_hash_id("T")


# --- bad records: reported with file and line, and reading goes on ------------------------------

def test_bad_jsonl_lines_are_reported_and_the_rest_is_read(tmp_path):
    path = write(tmp_path, "feed.jsonl", "\n".join([
        json.dumps({"title": "Good one", "abstract": "Fine."}),
        '{"title": "Broken", "abstract": ',
        json.dumps({"abstract": "No title here."}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "Good two", "abstract": "Also fine.", "authors": 7}),
        json.dumps({"title": "Good three", "abstract": "Fine again."}),
    ]) + "\n")
    papers, errors = read_all(path)
    assert [p.title for p in papers] == ["Good one", "Good three"]
    assert [(e.file, e.line) for e in errors] == [(str(path), 2), (str(path), 3), (str(path), 4), (str(path), 5)]
    assert str(errors[0]).startswith(f"{path}:2: not valid JSON")
    assert "no title" in errors[1].message


def test_without_on_error_the_first_bad_record_raises_input_error(tmp_path):
    path = write(tmp_path, "feed.jsonl", '{"title": "t", "abstract": "a"}\nnot json\n')
    reader = read_papers([path])
    assert next(reader).title == "t"
    with pytest.raises(InputError) as raised:
        next(reader)
    assert (raised.value.file, raised.value.line) == (str(path), 2)


def test_bad_object_in_a_json_array_is_reported_on_its_own_line(tmp_path):
    path = write(tmp_path, "feed.json", '[\n  {"title": "A", "abstract": "a"},\n  {"title": ""},\n'
                                        '  {"title": "C", "abstract": "c"}\n]\n')
    papers, errors = read_all(path)
    assert [p.title for p in papers] == ["A", "C"]
    assert [(e.line, e.message) for e in errors] == [(3, "record has no title")]


def test_json_syntax_error_stops_that_file_with_its_line(tmp_path):
    path = write(tmp_path, "feed.json", '[\n  {"title": "A", "abstract": "a"},\n  {"title": "B" "abstract": "b"}\n]\n')
    papers, errors = read_all(path)
    assert [p.title for p in papers] == ["A"]
    assert len(errors) == 1 and errors[0].line == 3 and "not valid JSON" in errors[0].message


def test_csv_row_without_title_is_reported_with_the_line_it_starts_on(tmp_path):
    path = write(tmp_path, "feed.csv", 'title,abstract\nA,"first\nline two"\n,orphan abstract\nC,c\n')
    papers, errors = read_all(path)
    assert [p.title for p in papers] == ["A", "C"]
    assert [(e.line, e.message) for e in errors] == [(4, "record has no title")]


def test_csv_without_the_needed_columns_says_which(tmp_path):
    path = write(tmp_path, "feed.csv", "title,summary\nA,a\n")
    papers, errors = read_all(path, format="csv")
    assert papers == [] and [(e.line, e.message) for e in errors] == [(1, "CSV header has no abstract column")]


def test_trending_page_with_a_title_left_over_is_reported(tmp_path):
    path = write(tmp_path, "page.txt", "A title\nIts abstract.\nA lonely title\n")
    papers, errors = read_all(path)
    assert [p.title for p in papers] == ["A title"]
    assert errors[0].line == 3 and "no abstract" in errors[0].message


def test_broken_xml_is_reported_with_its_line(tmp_path):
    text = (SAMPLES / "arxiv.xml").read_text(encoding="utf-8").replace("</title>\n    <summary>", "\n    <summary>", 1)
    papers, errors = read_all(write(tmp_path, "feed.xml", text))
    assert papers == [] and len(errors) == 1 and "not valid XML" in errors[0].message and errors[0].line


def test_arxiv_api_error_entry_is_reported_not_read_as_a_paper(tmp_path):
    feed = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">ArXiv Query: id_list=1234.1234</title>
  <entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.1234</id>
    <title>Error</title>
    <summary>incorrect id format for 1234.1234</summary>
    <link href="http://arxiv.org/api/errors#incorrect_id_format_for_1234.1234" rel="alternate" type="text/html"/>
  </entry>
</feed>
"""
    papers, errors = read_all(write(tmp_path, "error.xml", feed))
    assert papers == []
    assert errors[0].line == 4 and "incorrect id format for 1234.1234" in errors[0].message


def test_missing_and_undecodable_files_are_reported_and_the_next_input_is_read(tmp_path):
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\u00e9 title\nAbstract.\n".encode("latin-1"))
    errors: list[InputError] = []
    papers = list(read_papers([tmp_path / "missing.jsonl", latin1, SAMPLES / "papers.json"], on_error=errors.append))
    assert len(papers) == 2
    assert [e.file for e in errors] == [str(tmp_path / "missing.jsonl"), str(latin1)]
    assert "cannot read" in errors[0].message and "not UTF-8" in errors[1].message


def test_empty_input_is_reported_as_no_papers(tmp_path):
    path = write(tmp_path, "empty.jsonl", "")
    papers, errors = read_all(path)
    assert papers == [] and [(e.file, e.message) for e in errors] == [(str(path), "empty file, no papers")]
