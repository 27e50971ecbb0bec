"""A time budget per document, so that no text, however hostile, holds the pipeline up.

The regular expressions that scan a whole text get the time left as the regex module's timeout
(a text too short for a scan to matter only has the clock checked before it); the rules check the
clock between numbers. A paper that runs out is skipped with a warning that names it.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

DEFAULT_SECONDS = 2.0

_deadline: ContextVar[float | None] = ContextVar("extraction_deadline", default=None)


class BudgetExceeded(TimeoutError):
    """The document took longer than its budget."""


class SlowPaperWarning(UserWarning):
    """A paper was skipped because reading it took longer than its time budget."""


def remaining() -> float | None:
    """Seconds left for the current document, None outside a budget; raises once none are left."""
    deadline = _deadline.get()
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise BudgetExceeded
    return left


# The whole-text patterns are linear in the text's length, and scan this many characters of the
# most hostile text within milliseconds; the regex module's timeout costs microseconds a call, more
# than a whole scan of a usual abstract, so only a longer text pays for it.
TIMED_SCAN_CHARS = 10_000


def scan_timeout(start: int, end: int) -> float | None:
    """The timeout for one scan of text[start:end]: the time left where the text is long enough for
    the scan to matter, else None. Raises, as remaining() does, once no time is left."""
    left = remaining()
    return left if end - start > TIMED_SCAN_CHARS else None


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)
