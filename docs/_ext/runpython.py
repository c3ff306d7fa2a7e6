"""The ``runpython`` directive: numbers on the site come from code run during the build.

Usage in a MyST page::

    ```{runpython}
    :hide-code:
    :output: myst
    print(f"The slope is {model.coef_[0]:.4f}.")
    ```

Options
-------
``:hide-code:``
    Show only what the code printed (by default the code is shown first).
``:output: text|rst|myst``
    ``text`` (default) puts the printed text in a literal block; ``rst`` parses it as
    reStructuredText and ``myst`` as MyST Markdown, so a block can print a sentence, a
    ``list-table`` or an image directive.

All blocks of one page share one namespace and run top to bottom; the namespace is
created afresh each time the page is read, with the global ``random`` and
``numpy.random`` generators seeded, matplotlib on its non-interactive backend and the
page's own folder as working directory, so the output depends only on the page and the
package. Any exception is reported with the page, the line and the traceback, and the
build fails at the end even without ``-W``.
"""

from __future__ import annotations

import contextlib
import io
import linecache
import os
import random
import traceback
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

OUTPUT_FORMATS = ("text", "rst", "myst")
# Seed of the global generators at the start of every page: code that forgets to seed
# still prints the same thing on every build.
PAGE_SEED = 0

# One namespace per document being read. Reading happens in one process per document
# (also under ``-j``), so a module-level table is enough; it is never pickled.
_namespaces: dict[str, dict[str, Any]] = {}


def _fresh_namespace(docname: str) -> dict[str, Any]:
    random.seed(PAGE_SEED)
    with contextlib.suppress(ImportError):
        import numpy as np

        # The legacy global generator is exactly what unseeded page code would draw from.
        np.random.seed(PAGE_SEED)  # noqa: NPY002
    with contextlib.suppress(ImportError):
        import matplotlib

        matplotlib.use("Agg")
    return {"__name__": f"runpython:{docname}", "__builtins__": __builtins__}


def _fence(text: str) -> str:
    """A backtick fence longer than any backtick run inside ``text``."""
    longest = 0
    run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return "`" * max(3, longest + 1)


class RunPython(SphinxDirective):
    """Execute the directive's Python code and insert what it prints."""

    has_content = True
    required_arguments = 0
    optional_arguments = 0
    option_spec: ClassVar[dict[str, Any]] = {
        "hide-code": directives.flag,
        "output": lambda value: directives.choice(value, OUTPUT_FORMATS),
    }

    def run(self) -> list[nodes.Node]:
        code = "\n".join(self.content)
        output_format = self.options.get("output", "text")
        try:
            printed = self._execute(code)
        except _RunPythonFailure as failure:
            return [self._report(str(failure))]

        result: list[nodes.Node] = []
        if "hide-code" not in self.options:
            source = nodes.literal_block(code, code, language="python")
            self.set_source_info(source)
            result.append(source)
        if output_format == "text":
            if printed.strip():
                output = nodes.literal_block(printed, printed.rstrip("\n"), language="none")
                output["classes"].append("runpython-output")
                self.set_source_info(output)
                result.append(output)
        else:
            result.extend(self._parse(printed, output_format))
        return result

    def _execute(self, code: str) -> str:
        docname = self.env.docname
        namespace = _namespaces.setdefault(docname, _fresh_namespace(docname))
        # Register the source so the traceback shows the failing line, not "???".
        filename = f"<runpython {docname}:{self.lineno}>"
        lines = [line + "\n" for line in code.splitlines()]
        linecache.cache[filename] = (len(code), None, lines, filename)
        buffer = io.StringIO()
        workdir = Path(self.env.doc2path(docname)).parent
        previous = Path.cwd()
        try:
            compiled = compile(code, filename, "exec")
            os.chdir(workdir)
            with contextlib.redirect_stdout(buffer):
                exec(compiled, namespace)
        # BaseException: a page calling sys.exit() must fail too, not end the build.
        except BaseException as error:
            if isinstance(error, KeyboardInterrupt):
                raise
            raise _RunPythonFailure(self._traceback(error, filename)) from error
        finally:
            os.chdir(previous)
        return buffer.getvalue()

    @staticmethod
    def _traceback(error: BaseException, filename: str) -> str:
        frames = traceback.extract_tb(error.__traceback__)
        # Drop the frames of this extension: start at the page's own code.
        start = next((i for i, frame in enumerate(frames) if frame.filename == filename), 0)
        lines = traceback.format_list(frames[start:])
        lines += traceback.format_exception_only(type(error), error)
        return "Traceback (most recent call last):\n" + "".join(lines)

    def _report(self, message: str) -> nodes.Node:
        location = self.get_location()
        text = f"runpython block raised an exception:\n{message}"
        logger.error(text, location=location, type="runpython")
        failures = _failures(self.env)
        failures.setdefault(self.env.docname, []).append(f"{location}: {text}")
        return nodes.literal_block(text, text, classes=["runpython-error"])

    def _parse(self, printed: str, output_format: str) -> list[nodes.Node]:
        in_myst = type(self.state).__module__.startswith("myst_parser")
        if output_format == "myst" and not in_myst:
            return [self._report("':output: myst' is only available on MyST (.md) pages")]
        text = printed
        if output_format == "rst" and in_myst:
            fence = _fence(printed)
            text = f"{fence}{{eval-rst}}\n{printed.rstrip()}\n{fence}"
        container = nodes.container(classes=["runpython-output"])
        self.state.nested_parse(
            StringList(text.splitlines(), source=self.get_source_info()[0]),
            self.content_offset,
            container,
        )
        return container.children


class _RunPythonFailure(Exception):
    """The page's code raised; the message holds the trimmed traceback."""


def _failures(env: BuildEnvironment) -> dict[str, list[str]]:
    if not hasattr(env, "runpython_failures"):
        env.runpython_failures = {}
    return env.runpython_failures


def _reset_page(app: Sphinx, docname: str, source: list[str]) -> None:
    _namespaces.pop(docname, None)
    _failures(app.env).pop(docname, None)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _namespaces.pop(docname, None)
    _failures(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    _failures(env).update({doc: msgs for doc, msgs in _failures(other).items() if doc in docnames})


def _drop_namespace(app: Sphinx, doctree: nodes.document) -> None:
    # The page has been read: free its objects (figures, fitted models).
    _namespaces.pop(app.env.docname, None)


def _reread_failed(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    # A page whose code raised is read again on the next build even if the page itself
    # did not change: the cause is often in the package, and the traceback must show.
    return sorted(set(_failures(env)) - removed)


def _fail_build(app: Sphinx, exception: Exception | None) -> None:
    failures = _failures(app.env)
    if exception is None and failures:
        logger.error("runpython code raised on: %s", ", ".join(sorted(failures)))
        app.statuscode = 1


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("runpython", RunPython)
    app.connect("source-read", lambda app, docname, source: _reset_page(app, docname, source))
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("doctree-read", _drop_namespace)
    app.connect("env-get-outdated", _reread_failed)
    app.connect("build-finished", _fail_build)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
