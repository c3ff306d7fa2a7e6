"""Command line: ``python -m logreg_nn compare data.csv --target y``.

Reads a CSV file with the standard library (pandas is not a dependency), runs
:func:`logreg_nn.compare` and prints the side-by-side table. Problems with the file or the
data end the program with exit status 2 and a one-line message on stderr, not a traceback.
"""

from __future__ import annotations

import argparse
import csv
import sys
import warnings
from collections.abc import Sequence

import numpy as np

from . import __version__
from .compare import compare
from .exceptions import (
    InvalidInputError,
    RankDeficiencyError,
    SeparationError,
    TrainingDivergedError,
)

PROG = "python -m logreg_nn"

# Errors that describe the user's file, data or options, reported without a traceback.
USER_ERRORS = (
    OSError,
    UnicodeDecodeError,
    csv.Error,
    InvalidInputError,
    RankDeficiencyError,
    SeparationError,
    TrainingDivergedError,
)


def read_csv(
    path: str, target: str, features: Sequence[str] | None
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Read ``features`` (default: every other column) and ``target`` from a CSV file.

    Returns the float feature matrix, the labels (numbers when every label parses as one,
    otherwise the strings) and the feature names.

    Raises
    ------
    InvalidInputError
        Empty file, missing columns, empty cells, ragged rows or non-numeric features.
    """
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            raise InvalidInputError(f"{path} is empty; expected a header row of column names.")
        header = [name.strip() for name in header]
        records = [row for row in reader if any(cell.strip() for cell in row)]
    if target not in header:
        raise InvalidInputError(
            f"target column {target!r} is not in {path}; its columns are {', '.join(header)}."
        )
    names = list(features) if features else [name for name in header if name != target]
    missing = [name for name in names if name not in header]
    if missing:
        raise InvalidInputError(
            f"feature column(s) {', '.join(map(repr, missing))} not in {path}; its columns "
            f"are {', '.join(header)}."
        )
    if target in names:
        raise InvalidInputError(f"the target column {target!r} cannot also be a feature.")
    if not names:
        raise InvalidInputError(f"{path} has no feature columns besides the target {target!r}.")
    if not records:
        raise InvalidInputError(f"{path} has a header but no data rows.")
    for line, row in enumerate(records, start=2):
        if len(row) != len(header):
            raise InvalidInputError(
                f"{path}, row {line}: {len(row)} fields, but the header has {len(header)}."
            )
    columns = {name: [row[header.index(name)].strip() for row in records] for name in header}
    X = np.column_stack([_numeric_column(columns[name], name, path) for name in names])
    labels = columns[target]
    if "" in labels:
        raise InvalidInputError(
            f"{path}, row {labels.index('') + 2}: the target {target!r} is empty."
        )
    try:
        y: np.ndarray = np.array([float(label) for label in labels])
    except ValueError:
        y = np.array(labels)
    return X, y, names


def _numeric_column(cells: list[str], name: str, path: str) -> np.ndarray:
    values = np.empty(len(cells))
    for i, cell in enumerate(cells):
        if cell == "":
            raise InvalidInputError(
                f"{path}, row {i + 2}: column {name!r} is empty; remove or impute missing "
                "values first."
            )
        try:
            values[i] = float(cell)
        except ValueError:
            raise InvalidInputError(
                f"column {name!r} is not numeric ({path}, row {i + 2}: {cell!r}); encode "
                "categories as numbers or leave the column out with --features."
            ) from None
    return values


def _names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m logreg_nn`` argument parser."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Logistic regression and single-neuron networks on your own data.",
    )
    parser.add_argument("--version", action="version", version=f"logreg_nn {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    cmp = commands.add_parser(
        "compare",
        help="fit the MLE and networks side by side",
        description="Fit logistic regression by maximum likelihood and one single-neuron "
        "network per loss and optimizer, and print their parameters side by side with "
        "each fit's distance to the MLE and optimality certificate.",
    )
    cmp.add_argument("csv", help="CSV file with a header row")
    cmp.add_argument("--target", required=True, help="name of the binary outcome column")
    cmp.add_argument(
        "--features", type=_names, help="comma-separated feature columns (default: all others)"
    )
    cmp.add_argument(
        "--losses",
        type=_names,
        default=["cross_entropy"],
        help="comma-separated losses (default: cross_entropy)",
    )
    cmp.add_argument(
        "--optimizers",
        type=_names,
        default=["newton", "nesterov"],
        help="comma-separated optimizers (default: newton,nesterov)",
    )
    cmp.add_argument("--max-epochs", type=int, default=10000, help="network epochs limit")
    cmp.add_argument("--random-state", type=int, default=0, help="seed of the networks")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            X, y, names = read_csv(args.csv, args.target, args.features)
            result = compare(
                X,
                y,
                losses=args.losses,
                optimizers=args.optimizers,
                random_state=args.random_state,
                feature_names=names,
                max_epochs=args.max_epochs,
            )
    except USER_ERRORS as exc:
        message = f"cannot read {args.csv}: {exc.strerror}" if isinstance(exc, OSError) else exc
        print(f"{PROG} compare: error: {message}", file=sys.stderr)
        return 2
    for warning in caught:
        print(f"warning: {warning.category.__name__}: {warning.message}", file=sys.stderr)
    print(result.as_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
