"""Records to leaderboards: the store, ranked boards, and exports.

The board and export functions are imported on first use, so that `leaderboards.store` (used by
every CLI command) does not pay for importing pandas.
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "BoardInfo": "boards",
    "board": "boards",
    "board_info": "boards",
    "cost_results": "boards",
    "hardware_summary": "boards",
    "list_boards": "boards",
    "relative_results": "boards",
    "export_csv": "export",
    "export_json": "export",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
