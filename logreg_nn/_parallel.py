"""Split element-wise passes over rows between the cores.

numpy's ufuncs and reductions release the interpreter lock but run on one core, while its
matrix products already use every core through BLAS. The passes that are not matrix
products (scanning ``X`` for its column scales, the loss and its derivatives on ``n``
logits) are therefore split into one contiguous range of rows per core and run in threads.
BLAS calls are never made from these threads: they would compete with BLAS's own.
"""

from __future__ import annotations

import contextvars
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
    workers = max(1, min(cores or 1, n_rows * entries_per_row // MIN_ENTRIES_PER_THREAD))
    bounds = np.linspace(0, n_rows, workers + 1).astype(int)
    return [slice(int(a), int(b)) for a, b in pairwise(bounds)]


def map_rows(func: Callable[[slice], Result], ranges: list[slice]) -> list[Result]:
    """``func`` applied to each range, in threads when there is more than one."""
    if len(ranges) == 1:
        return [func(ranges[0])]
    # Each thread runs in a copy of the caller's context, so np.errstate set by the
    # caller holds there too.
    with ThreadPoolExecutor(len(ranges)) as pool:
        futures = [pool.submit(contextvars.copy_context().run, func, rows) for rows in ranges]
        return [future.result() for future in futures]
