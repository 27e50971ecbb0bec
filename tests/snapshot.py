"""The seed corpus's records as a reviewed snapshot.

Regenerate after an intended change in the extractor's output, then review the diff:
    make snapshot        (runs: python tests/snapshot.py)
"""
from __future__ import annotations

import json
from pathlib import Path

from extract import extract_papers
from extract.readers import read_papers

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SNAPSHOT = ROOT / "tests" / "data" / "seeds_snapshot.jsonl"


def current_lines() -> list[str]:
    return [json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True)
            for _, records in extract_papers(read_papers([str(SEEDS)]))
            for record in records]


if __name__ == "__main__":
    lines = current_lines()
    SNAPSHOT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} records to {SNAPSHOT.relative_to(ROOT)}")
