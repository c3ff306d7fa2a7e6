"""Split element-wise passes over rows between the cores.

numpy's ufuncs and reductions release the interpreter lock but run on one core, while its
matrix products already use every core through BLAS. Validation's scan of ``X`` for its
column scales, a large part of validating big data, is therefore split into one contiguous
range of rows per core and run in threads. Only such passes belong here: BLAS calls from
these threads would compete with BLAS's own, and even element-wise work placed between
matrix products (the loss on ``n`` logits) gained nothing when split this way.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from typing import TypeVar

import numpy as np

Result = TypeVar("Result")

#: Rows (times columns, for a matrix) per thread below which a pass stays on one thread:
#: starting threads costs about as much as a pass over this many entries.
MIN_ENTRIES_PER_THREAD = 2**17


def row_ranges(n_rows: int, entries_per_row: int = 1) -> list[slice]:
    """Contiguous row ranges, one per thread that has enough work (at least one range)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    enough = n_rows * entries_per_row // MIN_ENTRIES_PER_THREAD
    workers = max(1, min(cores or 1, enough, n_rows))
    bounds = np.linspace(0, n_rows, workers + 1).astype(int)
    return [slice(int(a), int(b)) for a, b in pairwise(bounds)]


def map_rows(func: Callable[[slice], Result], ranges: list[slice]) -> list[Result]:
    """``func`` applied to each range, in threads when there is more than one."""
    if len(ranges) == 1:
        return [func(ranges[0])]
    settings = np.geterr()

    def with_callers_errstate(rows: slice) -> Result:
        # Floating-point error handling is per thread (numpy < 2) or per context: apply
        # the caller's in each worker either way.
        with np.errstate(**settings):
            return func(rows)

    with ThreadPoolExecutor(len(ranges)) as pool:
        return list(pool.map(with_callers_errstate, ranges))
