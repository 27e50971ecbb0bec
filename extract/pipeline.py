"""Text to records: the extraction pipeline, stage by stage."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .records import Paper, ResultRecord


def extract_records(paper: Paper) -> list[ResultRecord]:
    """Every result reported in the paper's title and abstract."""
    return []


def extract_papers(papers: Iterable[Paper]) -> Iterator[tuple[Paper, list[ResultRecord]]]:
    for paper in papers:
        yield paper, extract_records(paper)
