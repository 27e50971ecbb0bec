"""Vocabularies are data: aliases resolve to canonical names, and users extend them without code."""
import json
import os
import subprocess
import sys
from pathlib import Path

from extract.vocab import BENCHMARKS, HARDWARE, METRICS, TASKS

ROOT = Path(__file__).resolve().parent.parent


def test_aliases_resolve_to_canonical_names():
    assert BENCHMARKS.lookup("AIME24").name == "AIME 2024"
    assert BENCHMARKS.lookup("AIME'24").name == "AIME 2024"
    assert BENCHMARKS.lookup("IN-1K").name == "ImageNet-1K"
    assert BENCHMARKS.lookup("MS COCO").name == "COCO"
    assert METRICS.lookup("Top-1").name == "top-1 accuracy"
    assert HARDWARE.lookup("NVIDIA A100").name == "A100"


def test_short_capitalised_names_match_only_as_written():
    assert BENCHMARKS.lookup("MATH").name == "MATH"
    assert BENCHMARKS.find("we solve math problems") == []
    assert METRICS.find("a feature map of the image") == []


def test_every_metric_has_a_direction_and_every_task_metric_exists():
    assert all(m.get("direction") in ("higher", "lower") for m in METRICS.entries)
    assert METRICS.by_name("word error rate").get("direction") == "lower"
    assert all(METRICS.by_name(task.get("metric")) is not None for task in TASKS.entries)


def test_a_users_vocabulary_folder_extends_the_shipped_one(tmp_path):
    (tmp_path / "benchmarks.json").write_text(json.dumps(
        {"benchmarks": [{"name": "FooBench", "aliases": ["FooBench-9"], "task": "mathematical reasoning"},
                        {"name": "AIME 2024", "aliases": ["the 2024 AIME"]}]}))
    script = (
        "from extract import Paper, extract_records\n"
        "from extract.vocab import BENCHMARKS\n"
        "r, = extract_records(Paper(title='T', abstract='It reaches 12.5% accuracy on FooBench-9.'))\n"
        "print(r.benchmark, r.metric, BENCHMARKS.lookup('the 2024 AIME').name, BENCHMARKS.lookup('AIME24').name)\n")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "LEADERBOARD_VOCAB_DIR": str(tmp_path)})
    assert out.stdout.split() == ["FooBench", "accuracy", "AIME", "2024", "AIME", "2024"]
