"""Shared data sets of the core tests: real data shipped with the peers, and simulations.

Every fixture returns plain float64 arrays ``(X, y)`` (no intercept column): the
estimators add the intercept themselves, the peers get it from ``sm.add_constant``.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from logreg_nn.datasets import make_logistic


def standardise(X: np.ndarray) -> np.ndarray:
    """Centre and scale each column (population standard deviation)."""
    return (X - X.mean(axis=0)) / X.std(axis=0)


@pytest.fixture(scope="session")
def spector() -> tuple[np.ndarray, np.ndarray]:
    """statsmodels' Spector & Mazzeo (1980) data: GPA, TUCE, PSI -> GRADE, 32 rows."""
    sm = pytest.importorskip("statsmodels.api")
    data = sm.datasets.spector.load_pandas()
    return data.exog.to_numpy(dtype=np.float64), data.endog.to_numpy(dtype=np.float64)


@pytest.fixture(scope="session")
def spector_standardised(spector) -> tuple[np.ndarray, np.ndarray]:
    X, y = spector
    return standardise(X), y


@pytest.fixture(scope="session")
def fair() -> tuple[np.ndarray, np.ndarray]:
    """statsmodels' Fair (1978) affairs survey, 6366 rows; outcome ``affairs > 0``."""
    sm = pytest.importorskip("statsmodels.api")
    frame = sm.datasets.fair.load_pandas().data
    X = frame.drop(columns="affairs").to_numpy(dtype=np.float64)
    y = (frame["affairs"].to_numpy() > 0).astype(np.float64)
    return X, y


@pytest.fixture(scope="session")
def breast_cancer() -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's Wisconsin breast cancer data, all 30 features (linearly separable)."""
    sk_datasets = pytest.importorskip("sklearn.datasets")
    X, y = sk_datasets.load_breast_cancer(return_X_y=True)
    return X.astype(np.float64), y.astype(np.float64)


@pytest.fixture(scope="session")
def simulated() -> tuple[np.ndarray, np.ndarray]:
    """A well-specified logistic sample: 160 rows, three standard-normal features."""
    return make_logistic(160, coef=[1.0, -0.5, 0.8], intercept=-0.3, random_state=3)


@pytest.fixture
def traced_peak() -> Callable[[Callable[[], Any]], tuple[Any, int]]:
    """``measure(func)`` runs ``func`` and returns its result and peak new allocation.

    ``tracemalloc`` sees numpy's data buffers, so the peak covers every temporary array;
    arrays made before the call do not count.
    """

    def measure(func: Callable[[], Any]) -> tuple[Any, int]:
        tracemalloc.start()
        try:
            result = func()
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        return result, peak

    return measure
