"""Ranked boards: direction, one row per method and paper, hedging, scales, kinds kept apart."""
from __future__ import annotations

from dataclasses import replace

import pytest

from extract.records import Paper
from leaderboards import board, board_info, cost_results, hardware_summary, list_boards, relative_results
from leaderboards.store import connect
from store_builders import build_store, record, sample_papers


@pytest.fixture()
def conn(tmp_path):
    connection = connect(build_store(tmp_path / "store.db"))
    yield connection
    connection.close()


def _store_of(tmp_path, papers):
    return connect(build_store(tmp_path / "custom.db", papers))


def _one_board_store(tmp_path, benchmark, metric, reported, direction=None):
    """A store with one paper reporting (method, value, value as written, unit) on one board."""
    sentences = [f"{method} reports {mention} on {benchmark}." for method, _, mention, _ in reported]
    paper = Paper(title=f"{benchmark} {metric}", abstract=" ".join(sentences))
    records = [
        record(paper, sentence, benchmark=benchmark, metric=metric, value=value,
               value_mention=mention, unit=unit, method=method, direction=direction)
        for sentence, (method, value, mention, unit) in zip(sentences, reported)
    ]
    return _store_of(tmp_path, [(paper, records)])


def test_list_boards_counts_score_boards_only(conn):
    boards = list_boards(conn)
    assert list(boards.columns) == ["benchmark", "metric", "direction", "rows"]
    assert set(zip(boards.benchmark, boards.metric)) == {("AIME 2024", "accuracy"), ("GSM8K", "error rate")}
    aime = boards.set_index("benchmark").loc["AIME 2024"]
    assert aime["rows"] == 5  # FracNet's two AIME records are one row
    assert aime["direction"] == "higher"


def test_list_boards_search_is_literal(conn):
    assert list(list_boards(conn, search="gsm").benchmark) == ["GSM8K"]
    assert list_boards(conn, search="%").empty  # a wildcard typed by the user is just a character


def test_higher_is_better_board_ranks_descending(conn):
    ranked = board(conn, "AIME 2024", "accuracy")
    assert list(ranked["rank"]) == [1, 2, 3, 4, 5]
    assert list(ranked["value"]) == sorted(ranked["value"], reverse=True)
    r1 = ranked[ranked.method == "minimalist R1-Zero recipe"].iloc[0]
    assert r1["value"] == pytest.approx(43.3)
    assert r1["unit"] == "%"
    assert r1["url"] == "https://arxiv.org/abs/2503.20783"
    assert r1["evidence"] == "achieves 43.3% accuracy on AIME 2024"


def test_lower_is_better_board_ranks_ascending(conn):
    ranked = board(conn, "GSM8K", "error rate")
    assert list(ranked.method) == ["FracNet", "GPT-4o"]
    assert board_info(conn, "GSM8K", "error rate").label == "GSM8K · error rate ↓"


def test_direction_falls_back_on_the_metric_when_records_do_not_say(tmp_path):
    conn = _one_board_store(tmp_path, "LibriSpeech", "WER", [("A", 5.1, "5.1", None), ("B", 3.9, "3.9", None)])
    assert list(board(conn, "LibriSpeech").method) == ["B", "A"]
    assert list_boards(conn).direction.tolist() == ["lower"]


def test_one_row_per_method_and_paper_keeps_the_best_value_and_flags_hedging(conn):
    ranked = board(conn, "AIME 2024")
    fracnet = ranked[ranked.method == "FracNet"]
    assert len(fracnet) == 1
    assert fracnet.iloc[0]["value"] == pytest.approx(55.0)
    assert fracnet.iloc[0]["qualifier"] == "up to"
    assert bool(fracnet.iloc[0]["hedged"]) is True
    assert not ranked[ranked.method != "FracNet"]["hedged"].any()


def test_fraction_and_percentage_are_brought_to_one_scale(tmp_path):
    conn = _one_board_store(tmp_path, "AIME 2024", "accuracy",
                            [("X", 0.433, "0.433", None), ("Y", 41.0, "41.0%", "%")])
    ranked = board(conn, "AIME 2024")
    assert list(ranked.method) == ["X", "Y"]
    assert ranked.iloc[0]["value"] == pytest.approx(43.3)
    assert ranked.iloc[0]["value_mention"] == "0.433"  # as written, for checking
    assert list(ranked.unit) == ["%", "%"]


def test_time_units_are_converted_to_the_most_common_one(tmp_path):
    conn = _one_board_store(tmp_path, "COCO", "latency", [
        ("A", 0.2, "0.2 s", "s"), ("B", 150, "150 ms", "ms"), ("C", 90, "90 ms", "ms")], direction="lower")
    ranked = board(conn, "COCO", "latency")
    assert list(ranked.method) == ["C", "B", "A"]
    assert ranked.value.tolist() == pytest.approx([90, 150, 200])
    assert set(ranked.unit) == {"ms"}


def test_units_the_extractor_normalised_are_converted_with_its_factors(tmp_path):
    paper = Paper(title="Throughput", abstract="F runs at 2.5 PFLOPS. G runs at 900 TFLOPS. H runs at 1.2 PFLOPS.")
    reported = [("F", 2.5, "PFLOPS", 2.5e15), ("G", 900, "TFLOPS", 9e14), ("H", 1.2, "PFLOPS", 1.2e15)]
    records = [
        replace(record(paper, f"{m} runs at {v:g} {u}", benchmark="GPT-3 training", metric="throughput",
                       value=v, value_mention=f"{v:g} {u}", unit=u, method=m, direction="higher"),
                value_normalized=base, unit_normalized="FLOP/s")
        for m, v, u, base in reported
    ]
    conn = _store_of(tmp_path, [(paper, records)])
    ranked = board(conn, "GPT-3 training", "throughput")
    assert list(ranked.method) == ["F", "H", "G"]
    assert ranked.value.tolist() == pytest.approx([2.5, 1.2, 0.9])
    assert set(ranked.unit) == {"PFLOPS"}
    assert ranked.value_mention.tolist() == ["2.5 PFLOPS", "1.2 PFLOPS", "900 TFLOPS"]


def test_unitless_points_boards_stay_unitless(tmp_path):
    conn = _one_board_store(tmp_path, "COCO", "AP", [("D", 50.4, "50.4", None), ("E", 48.1, "48.1", None)])
    ranked = board(conn, "COCO")
    assert ranked.unit.isna().all()
    assert ranked.value.tolist() == [50.4, 48.1]


def test_ties_share_a_rank(tmp_path):
    conn = _one_board_store(tmp_path, "MMLU", "accuracy",
                            [("P", 70.0, "70.0%", "%"), ("Q", 70.0, "70.0%", "%"), ("R", 60.0, "60.0%", "%")])
    assert board(conn, "MMLU")["rank"].tolist() == [1, 1, 3]


def test_aliases_canonicalised_by_the_extractor_make_one_board(conn):
    boards = list_boards(conn)
    assert (boards.benchmark == "AIME 2024").sum() == 1
    methods = set(board(conn, "AIME 2024").method)
    assert {"VAPO", "minimalist R1-Zero recipe"} <= methods  # written "AIME24" and "AIME 2024"


def test_relative_and_cost_records_never_enter_a_board(conn):
    ranked = board(conn, "AIME 2024")
    assert 10.0 not in ranked.value.tolist()  # VAPO's "+10 points" gain
    assert "LLM inference" not in set(list_boards(conn).benchmark)
    gains = relative_results(conn)
    assert gains.value.tolist() == [10.0] and gains.qualifier.tolist() == ["more than"]
    costs = cost_results(conn)
    assert set(costs.benchmark) == {"LLM inference", "R1-Zero training"}
    assert cost_results(conn, hardware="H100").method.tolist() == ["GPT-4o"]


def test_paging_loads_only_the_rows_asked_for(conn):
    page = board(conn, "AIME 2024", limit=2, offset=1)
    assert page["rank"].tolist() == [2, 3]


def test_missing_board_is_empty_not_an_error(conn):
    assert board(conn, "No Such Benchmark").empty
    assert board_info(conn, "No Such Benchmark") is None


def test_hardware_summary_groups_by_hardware(conn):
    summary = hardware_summary(conn).set_index("hardware")
    assert summary.loc["H100", "records"] == 2
    assert summary.loc["H100", "cost"] == 1 and summary.loc["H100", "score"] == 1


def test_sample_papers_evidence_is_a_span_of_the_text():
    for paper, records in sample_papers():
        for r in records:
            assert paper.text[r.evidence_start:r.evidence_end] == r.evidence


def test_a_board_asked_for_by_an_alias_is_the_canonical_board(conn):
    by_alias = board(conn, "AIME24", "acc")
    assert list(by_alias["value"]) == list(board(conn, "AIME 2024", "accuracy")["value"])
    assert 43.3 in list(by_alias["value"])
    assert board_info(conn, "AIME'24", "accuracy").benchmark == "AIME 2024"


def test_hardware_summary_groups_mentions_by_device(tmp_path):
    paper = Paper(title="Fast Detectors", abstract="It runs at 108 FPS on a T4 GPU and at 74 FPS on two NVIDIA T4 GPUs.")
    conn = connect(build_store(tmp_path / "hw.db", [(paper, [
        record(paper, "108 FPS on a T4 GPU", benchmark="COCO", metric="throughput", value=108,
               value_mention="108 FPS", unit="FPS", hardware="T4 GPU"),
        record(paper, "74 FPS on two NVIDIA T4 GPUs", benchmark="COCO", metric="throughput", value=74,
               value_mention="74 FPS", unit="FPS", hardware="two NVIDIA T4 GPUs"),
    ])]))
    summary = hardware_summary(conn).set_index("hardware")
    assert summary.loc["T4", "records"] == 2 and summary.loc["T4", "papers"] == 1
    assert summary.loc["T4", "as written"] == "T4 GPU, two NVIDIA T4 GPUs"
