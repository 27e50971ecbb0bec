"""Read papers and extract their reported results as records.

    from extract import read_papers, extract_records
    for paper in read_papers(["seeds/"]):
        for record in extract_records(paper):
            print(record.benchmark, record.metric, record.value)
"""
from .pipeline import extract_papers, extract_records
from .readers import InputError, read_papers
from .records import Paper, ResultRecord

__all__ = ["InputError", "Paper", "ResultRecord", "extract_papers", "extract_records", "read_papers"]
