"""Collection rules for the whole repository (package doctests included)."""

import importlib.util

# The plotting helpers' doctests draw figures; matplotlib is an optional (docs) extra, so a
# test environment without it skips that module instead of failing on the import.
collect_ignore = []
if importlib.util.find_spec("matplotlib") is None:
    collect_ignore.append("logreg_nn/plotting.py")
