"""No text holds extraction up: a per-document time budget, with a warning naming the paper."""
import time
import warnings

import pytest

from extract import Paper, extract_records
from extract.budget import TIMED_SCAN_CHARS, SlowPaperWarning
from extract.mentions import split_sentences
from extract.numbers import find_quantities


def test_a_paper_out_of_time_is_skipped_with_a_warning_naming_it():
    paper = Paper(title="A Slow Paper", abstract="It is 3x faster in LLM inference. " * 200)
    with pytest.warns(SlowPaperWarning, match=paper.paper_id) as caught:
        assert extract_records(paper, seconds=1e-9) == []
    assert "A Slow Paper" in str(caught[0].message)


def test_within_budget_the_same_paper_is_read():
    paper = Paper(title="A Fast Paper", abstract="It is 3x faster in LLM inference.")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert [r.value for r in extract_records(paper)] == [3]


@pytest.mark.parametrize("abstract", [
    "1" * 100_000,
    "1." * 500_000,
    "x" * 1_000_000,
    "3x faster " * 50_000,
    "(" * 100_000 + "1%",
])
def test_adversarial_text_ends_without_records_or_errors(abstract):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SlowPaperWarning)
        assert extract_records(Paper(title="Hostile", abstract=abstract)) == []


def test_a_table_pasted_into_a_sentence_is_not_read_as_results():
    table = "Results: " + ", ".join(f"{i}.5% on MMLU" for i in range(100)) + "."
    assert extract_records(Paper(title="Tables", abstract=table)) == []


@pytest.mark.parametrize("unit", ["-1", "1.1-", "1.", ". ", "a-1.", "approx1", "1,000", "(", "e.g. "])
def test_a_text_too_short_for_a_timed_scan_is_scanned_within_milliseconds(unit):
    text = (unit * TIMED_SCAN_CHARS)[:TIMED_SCAN_CHARS]
    started = time.perf_counter()
    find_quantities(text)
    split_sentences(text)
    assert time.perf_counter() - started < 0.25  # about 5 ms on the development machine; the budget is 2 s
