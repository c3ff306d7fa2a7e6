"""Split passes over rows between the cores.

numpy's ufuncs and reductions release the interpreter lock but run on one core, while its
matrix products already use every core through BLAS. Validation's scan of ``X`` for its
column scales, a large part of validating big data, is therefore split into one contiguous
range of rows per core and run in threads (:func:`map_rows`). Element-wise work placed
between matrix products (the loss on ``n`` logits) gained nothing when split this way.

Passes that mix element-wise work with matrix products on blocks of rows, the weighted Gram
matrix (scale a block, then its symmetric product) and a Newton step's single pass over
``X``, are split the same way by :func:`map_blas_rows`, with BLAS limited to one thread
while the ranges run. Each core then scales and multiplies its own rows, instead of one
core scaling while BLAS's threads wait, and BLAS's symmetric product of a tall block gains
little from a second thread (measured here for ``X.T @ X`` with 10^6 rows and 200 columns:
49 GFLOP/s on two threads, 40 on one). The Gram matrix at 10^6 x 50 took 0.12 s split
against 0.20 s, and at 10^6 x 200 0.65-0.70 s against 0.98-1.03 s.

The functions run in the ranges must release the interpreter lock for their products.
numpy's ``@`` does not for a transposed matrix times a vector or a thin matrix (numpy
issue 11821): ``X[rows].T @ r[rows]`` on two ranges took 62 ms at 10^6 x 50, as long as on
one, against 31 ms for ``np.dot(r[rows], X[rows])``. Products of that shape are therefore
written with ``np.dot``, which computes the same BLAS call, wherever the block is
C-contiguous: on any other layout ``np.dot`` would first copy it.

BLAS's threads busy-wait for a while after each multithreaded product, and a split pass
that follows one (a Cholesky factor or a small Gram matrix between passes) loses a core
to them. :func:`one_blas_thread_scope` therefore keeps BLAS at one thread for a whole
Newton solve on large data, and inside it every pass over the rows is split; the fit at
10^6 x 200 went from 1.78 to 1.58 times scikit-learn's L-BFGS time with it (interleaved).
On fewer rows the split Gram matrices still pay when they are large: at 10^4 x 200 the
fit went from 1.38 to 1.07 times L-BFGS's time, at 10^5 x 200 from 1.60 to 1.39, while at
10^5 x 50, where the passes over ``X`` weigh more, the scope made the fit 5-16 % slower.
Below ``BLAS_SPLIT_MIN_ROWS`` rows the scope is therefore taken by the size of the Gram
matrix (``SCOPE_MIN_GRAM_WORK``).

BLAS is limited through threadpoolctl (installed with scikit-learn, or by itself); without
it, or when it controls no BLAS, such a pass runs on all rows in the calling thread, as
two threads that each call a multithreaded BLAS measured no faster than that.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from functools import cache
from itertools import pairwise
from typing import Any, TypeVar

import numpy as np

try:
    from threadpoolctl import ThreadpoolController
except ImportError:  # pragma: no cover - exercised by monkeypatching in the tests
    ThreadpoolController = None

Result = TypeVar("Result")

#: Rows (times columns, for a matrix) per thread below which a pass stays on one thread:
#: starting threads costs about as much as a pass over this many entries.
MIN_ENTRIES_PER_THREAD = 2**17
#: Rows from which :func:`map_blas_rows` splits a pass between the cores. On less the
#: split measured slower inside a fit: the data then stay in the processor's cache, and
#: BLAS's own threads, busy-waiting for a while after each multithreaded product, take
#: a core from the split pass for much of its duration.
BLAS_SPLIT_MIN_ROWS = 2**19
#: Rows from which a pass is split inside :func:`one_blas_thread_scope`, where no BLAS
#: thread is left waiting to take a core: below this, threads cost more than they save.
SCOPE_SPLIT_MIN_ROWS = 2**13
#: Multiply-adds of one Gram matrix (rows times columns squared) from which a solve on
#: fewer than ``BLAS_SPLIT_MIN_ROWS`` rows (but at least ``SCOPE_SPLIT_MIN_ROWS``) also
#: runs in :func:`one_blas_thread_scope`: there the Gram matrices, split, outweigh the
#: passes over ``X``, which gain little or lose from the split.
SCOPE_MIN_GRAM_WORK = 2**28


def row_ranges(n_rows: int, entries_per_row: int = 1) -> list[slice]:
    """Contiguous row ranges, one per thread that has enough work (at least one range)."""
    enough = n_rows * entries_per_row // MIN_ENTRIES_PER_THREAD
    return _split(n_rows, max(1, min(_cores(), enough, n_rows)))


def _cores() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cores or 1


def _split(n_rows: int, parts: int) -> list[slice]:
    bounds = np.linspace(0, n_rows, parts + 1).astype(int)
    return [slice(int(a), int(b)) for a, b in pairwise(bounds)]


def map_rows(func: Callable[[slice], Result], ranges: list[slice]) -> list[Result]:
    """``func`` applied to each range, in the pool's threads when there is more than one.

    Called from one of the pool's threads, the ranges run in that thread: a pool thread
    that waited for the pool could wait for itself. Returns, or raises the first range's
    error, only once every range has stopped: until then the ranges may still be writing
    into the caller's arrays.
    """
    if len(ranges) == 1 or getattr(_STATE, "busy", False):
        return [func(rows) for rows in ranges]
    settings = np.geterr()

    def with_callers_errstate(rows: slice) -> Result:
        # Floating-point error handling is per thread (numpy < 2) or per context: apply
        # the caller's in each worker either way.
        with np.errstate(**settings):
            return func(rows)

    pending = []
    try:
        for rows in ranges:
            pending.append(_workers().submit(with_callers_errstate, rows))
        return [future.result() for future in pending]
    finally:
        for future in pending:
            future.cancel()
        wait(pending)


# One pool of threads for the process, made on first use. A thread's first BLAS call sets up
# buffers, and a pool per pass paid for that every time: 3.5 against 1.4 ms for X b at
# 10^5 x 50 split in two. Its threads are marked ``busy`` for good, so a split pass started
# in one runs in that thread and no thread of the pool ever waits on the pool: passes from
# several fits share it without deadlock.
_POOL: dict[str, ThreadPoolExecutor | None] = {"executor": None}
_POOL_LOCK = threading.Lock()
# Per thread: ``busy`` marks the pool's threads; ``scope`` marks a thread inside
# one_blas_thread_scope.
_STATE = threading.local()


def _mark_pool_thread() -> None:
    _STATE.busy = True


def _workers() -> ThreadPoolExecutor:
    with _POOL_LOCK:
        if _POOL["executor"] is None:
            _POOL["executor"] = ThreadPoolExecutor(
                _cores(), thread_name_prefix="logreg_nn", initializer=_mark_pool_thread
            )
        return _POOL["executor"]


def _forget_workers() -> None:
    # A forked child has none of its parent's threads: it makes its own pool.
    global _POOL_LOCK
    _POOL_LOCK = threading.Lock()
    _POOL["executor"] = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_workers)


# Limiting BLAS changes a process-wide setting. Limited regions in several threads (fits
# run in parallel) share one limit: the first to enter sets it, the last to leave restores
# the thread counts found by the first. No lock is held while a region runs, so user code
# called from inside one (a solver's callback starting a fit elsewhere) cannot deadlock.
_LIMIT_LOCK = threading.Lock()
_LIMIT: dict[str, Any] = {"holders": 0, "limiter": None}


@contextmanager
def _blas_at_one_thread(controls: Any) -> Iterator[None]:
    with _LIMIT_LOCK:
        if _LIMIT["holders"] == 0:
            _LIMIT["limiter"] = controls.limit(limits=1)
        _LIMIT["holders"] += 1
    try:
        yield
    finally:
        with _LIMIT_LOCK:
            _LIMIT["holders"] -= 1
            if _LIMIT["holders"] == 0:
                _LIMIT["limiter"].restore_original_limits()
                _LIMIT["limiter"] = None


@cache
def _blas_controls() -> Any | None:
    """threadpoolctl's controller of the loaded BLAS libraries, or None without one."""
    if ThreadpoolController is None:
        return None
    controls = ThreadpoolController().select(user_api="blas")
    return controls if controls.lib_controllers else None


@contextmanager
def one_blas_thread_scope(n_rows: int, n_columns: int = 1) -> Iterator[None]:
    """Run a whole solve on ``n_rows`` rows of ``n_columns`` with BLAS limited to one
    thread, when the rows (or, for a solve that forms Gram matrices, the rows times the
    squared columns) are enough to split and BLAS can be limited.

    Inside, :func:`map_blas_rows` splits every pass from ``SCOPE_SPLIT_MIN_ROWS`` rows
    on, and the small products between passes (a Cholesky factor, a solve) run on the
    calling thread. Limiting BLAS pass by pass instead leaves BLAS's threads, woken by
    the products between passes, busy-waiting on the cores the next split pass needs.
    A nested scope leaves everything to the outer one, and a scope entered in one of the
    pool's threads (which only run the package's own ranges) does nothing: those ranges
    run in place, under whatever limit their pass set. Code called from inside (a
    solver's callback) also sees BLAS at one thread.
    """
    active = getattr(_STATE, "scope", False) or getattr(_STATE, "busy", False)
    gram_heavy = n_rows >= SCOPE_SPLIT_MIN_ROWS and n_rows * n_columns**2 >= SCOPE_MIN_GRAM_WORK
    small = (n_rows < BLAS_SPLIT_MIN_ROWS and not gram_heavy) or _cores() < 2
    controls = None if active or small else _blas_controls()
    if controls is None:
        yield
        return
    with _blas_at_one_thread(controls):
        _STATE.scope = True
        try:
            yield
        finally:
            _STATE.scope = False


def map_blas_rows(
    func: Callable[[slice], Result], n_rows: int, max_parts: int | None = None
) -> list[Result]:
    """``func`` applied to one row range per core (at most ``max_parts`` ranges), with one
    BLAS thread each, when there are ``BLAS_SPLIT_MIN_ROWS`` rows (``SCOPE_SPLIT_MIN_ROWS``
    inside :func:`one_blas_thread_scope`) and BLAS can be limited; else to all rows at
    once in the calling thread."""
    parts = min(_cores(), n_rows, max_parts or n_rows)
    if getattr(_STATE, "busy", False) or parts < 2:
        return [func(slice(0, n_rows))]
    if getattr(_STATE, "scope", False):
        if n_rows < SCOPE_SPLIT_MIN_ROWS:
            return [func(slice(0, n_rows))]
        return map_rows(func, _split(n_rows, parts))
    controls = _blas_controls() if n_rows >= BLAS_SPLIT_MIN_ROWS else None
    if controls is None:
        return [func(slice(0, n_rows))]
    with _blas_at_one_thread(controls):
        return map_rows(func, _split(n_rows, parts))
