"""Stage 4: bring values to base units with pint, with ML units defined in data/units.txt.

2.788M GPU hours stays 2,788,000 GPU hours, 5.8 ms becomes 0.0058 s, percentages stay
percent; a unit pint does not know is kept as written rather than guessed.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pint

from .vocab import UNITS



# How a normalised unit reads in a leaderboard; pint's own abbreviations elsewhere.
_UNIT_NAMES = {"gpu_hour": "GPU hours", "frame / second": "FPS", "token / second": "tokens/s",
               "sample / second": "samples/s", "image / second": "images/s", "flop / second": "FLOP/s"}


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    ureg = pint.UnitRegistry(on_redefinition="ignore")
    with resources.as_file(resources.files("extract") / "data" / "units.txt") as path:
        ureg.load_definitions(str(path))
    return ureg


@lru_cache(maxsize=256)
def _factor_and_base(unit: str) -> tuple[float, str] | None:
    spec = UNITS.by_unit(unit)
    if spec is None or not spec.pint or not spec.to:
        return None
    quantity = registry().Quantity(1.0, spec.pint).to(spec.to)
    return quantity.magnitude, _UNIT_NAMES.get(spec.to, f"{quantity.units:~}")


def normalize(value: float, unit: str | None) -> tuple[float | None, str | None]:
    """(value, unit) in base units; the value as written where the unit is unknown or none."""
    if unit is None:
        return value, None
    converted = _factor_and_base(unit)
    if converted is None:
        return value, unit
    factor, base = converted
    return value * factor, base
