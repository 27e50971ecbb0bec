"""The two records that flow through the pipeline: a paper in, result records out."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any


TITLE_ID_PREFIX = "title:"


def title_hash_id(title: str) -> str:
    """A stable id for a paper with no arXiv id or URL: the same title from two feeds is one paper."""
    folded = unicodedata.normalize("NFKC", title).casefold()
    folded = re.sub(r"[^0-9a-z]+", " ", folded).strip()
    return TITLE_ID_PREFIX + hashlib.sha1(folded.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Paper:
    title: str
    abstract: str
    paper_id: str = ""
    url: str | None = None
    date: str | None = None
    source: str | None = None
    authors: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if not self.paper_id:
            object.__setattr__(self, "paper_id", title_hash_id(self.title))

    @property
    def text(self) -> str:
        """The text that evidence offsets point into."""
        return self.title + "\n" + self.abstract


@dataclass(frozen=True)
class ResultRecord:
    """One reported result, with the fields of GUIDE.md plus where it sits in the paper."""

    paper_id: str
    title: str
    method: str | None
    benchmark: str
    benchmark_mention: str | None
    metric: str
    metric_mention: str | None
    value: float
    value_mention: str
    unit: str | None
    kind: str  # "score", "relative" or "cost"
    qualifier: str | None
    hardware: str | None
    evidence: str
    evidence_start: int
    evidence_end: int
    value_normalized: float | None = None
    unit_normalized: str | None = None
    direction: str | None = None  # "higher" or "lower" is better, where the metric is known
    task: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


RECORD_FIELDS = tuple(ResultRecord.__dataclass_fields__)
