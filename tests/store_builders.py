"""Hand-made papers and records for the board, export and dashboard tests.

The extractor is written alongside these tests, so the stores here are built from records made
by hand: each test knows exactly which numbers the store holds.
"""
from __future__ import annotations

from pathlib import Path

from extract.records import Paper, ResultRecord
from leaderboards.store import connect, store_paper

HOSTILE_ABSTRACT = (
    "We attack the page. <script>window.hacked = 1</script> Also <img src=x onerror=alert(1)> "
    "and a [markdown link](https://evil.example) and **bold** text. "
    "Our model reaches 51.0% accuracy on AIME 2024."
)


def record(paper: Paper, evidence: str, *, benchmark: str, metric: str, value: float,
           value_mention: str, unit: str | None = None, kind: str = "score",
           method: str | None = None, qualifier: str | None = None, hardware: str | None = None,
           direction: str | None = None, task: str | None = None,
           benchmark_mention: str | None = None) -> ResultRecord:
    """A record whose evidence is a span of the paper's text, as the extractor's would be."""
    start = paper.text.index(evidence)
    return ResultRecord(
        paper_id=paper.paper_id, title=paper.title, method=method, benchmark=benchmark,
        benchmark_mention=benchmark_mention or benchmark, metric=metric, metric_mention=metric,
        value=value, value_mention=value_mention, unit=unit, kind=kind, qualifier=qualifier,
        hardware=hardware, evidence=evidence, evidence_start=start,
        evidence_end=start + len(evidence), direction=direction, task=task,
    )


def sample_papers() -> list[tuple[Paper, list[ResultRecord]]]:
    """A small store's worth: two AIME 2024 scales, a hedged score, an error rate, gains, costs."""
    r1 = Paper(
        title="Understanding R1-Zero-Like Training: A Critical Perspective",
        abstract="We present a minimalist R1-Zero recipe that achieves 43.3% accuracy on AIME 2024 "
                 "with a 7B base model. Training takes 27 hours on 8 A100 GPUs.",
        paper_id="2503.20783", url="https://arxiv.org/abs/2503.20783", date="2025-03-26",
    )
    vapo = Paper(
        title="VAPO: Efficient and Reliable Reinforcement Learning for Advanced Reasoning Tasks",
        abstract="On AIME24, VAPO attains a state-of-the-art score of 60.4, outperforming DAPO "
                 "by more than 10 points.",
        paper_id="2504.05118", url="https://arxiv.org/abs/2504.05118", date="2025-04-07",
    )
    fraction = Paper(
        title="A Fraction-Reporting Paper",
        abstract="Our FracNet scores 0.515 accuracy on AIME 2024 and an error rate of 4.2% on "
                 "GSM8K, up to 55.0% accuracy on AIME 2024 with voting, using an H100.",
        paper_id="title:fraction", url=None, date="2025",
    )
    baseline = Paper(
        title="=HYPERLINK(\"http://evil.example\",\"click\") Baselines Revisited",
        abstract="@SUM(A1:A2) baseline GPT-4o gets 9.3% accuracy on AIME 2024 and an error rate "
                 "of 7.5% on GSM8K. Inference runs at 120 ms on an H100.",
        paper_id="title:baseline", url="https://example.org/baselines", date="2024-12-01",
    )
    hostile = Paper(title="Hostile <b>Title</b>", abstract=HOSTILE_ABSTRACT, paper_id="title:hostile")
    return [
        (r1, [
            record(r1, "achieves 43.3% accuracy on AIME 2024", benchmark="AIME 2024",
                   metric="accuracy", value=43.3, value_mention="43.3%", unit="%",
                   method="minimalist R1-Zero recipe", direction="higher", task="Mathematical Reasoning"),
            record(r1, "Training takes 27 hours on 8 A100 GPUs", benchmark="R1-Zero training",
                   metric="training compute", value=27, value_mention="27 hours", unit="hours",
                   kind="cost", method="minimalist R1-Zero recipe", hardware="A100"),
        ]),
        (vapo, [
            record(vapo, "VAPO attains a state-of-the-art score of 60.4", benchmark="AIME 2024",
                   benchmark_mention="AIME24", metric="accuracy", value=60.4, value_mention="60.4",
                   method="VAPO", task="Mathematical Reasoning"),
            record(vapo, "outperforming DAPO by more than 10 points", benchmark="AIME 2024",
                   metric="accuracy", value=10, value_mention="10 points", unit="points",
                   kind="relative", method="VAPO", qualifier="more than"),
        ]),
        (fraction, [
            record(fraction, "FracNet scores 0.515 accuracy on AIME 2024", benchmark="AIME 2024",
                   metric="accuracy", value=0.515, value_mention="0.515", method="FracNet"),
            record(fraction, "up to 55.0% accuracy on AIME 2024", benchmark="AIME 2024",
                   metric="accuracy", value=55.0, value_mention="55.0%", unit="%",
                   method="FracNet", qualifier="up to", hardware="H100"),
            record(fraction, "an error rate of 4.2% on GSM8K", benchmark="GSM8K",
                   metric="error rate", value=4.2, value_mention="4.2%", unit="%",
                   method="FracNet", direction="lower"),
        ]),
        (baseline, [
            record(baseline, "@SUM(A1:A2) baseline GPT-4o gets 9.3% accuracy on AIME 2024",
                   benchmark="AIME 2024", metric="accuracy", value=9.3, value_mention="9.3%",
                   unit="%", method="GPT-4o"),
            record(baseline, "error rate of 7.5% on GSM8K", benchmark="GSM8K", metric="error rate",
                   value=7.5, value_mention="7.5%", unit="%", method="GPT-4o"),
            record(baseline, "Inference runs at 120 ms on an H100", benchmark="LLM inference",
                   metric="latency", value=120, value_mention="120 ms", unit="ms", kind="cost",
                   method="GPT-4o", hardware="H100"),
        ]),
        (hostile, [
            record(hostile, "reaches 51.0% accuracy on AIME 2024", benchmark="AIME 2024",
                   metric="accuracy", value=51.0, value_mention="51.0%", unit="%",
                   method="=cmd|' /C calc'!A0"),
        ]),
    ]


def build_store(path: Path, papers: list[tuple[Paper, list[ResultRecord]]] | None = None) -> Path:
    """A store file at path holding papers (the sample papers by default)."""
    conn = connect(path)
    try:
        for paper, records in sample_papers() if papers is None else papers:
            store_paper(conn, paper, records)
    finally:
        conn.close()
    return path
