"""Keep the API reference complete and let re-exported names resolve.

Two jobs, both about the package's public names:

* A name the top-level package re-exports (``logreg_nn.sigmoid``) is documented once,
  at its public path. A docstring in ``logreg_nn.link`` that writes ``:func:`sigmoid``` or
  a chapter that writes ``logreg_nn.link.sigmoid`` means the same object; the
  ``missing-reference`` handler finds the documented path of that object, so nitpicky
  mode stays strict about genuinely unknown names only.
* Every name in the ``__all__`` of a public module must be documented somewhere in the
  API reference; a name missing there is a build warning (an error under ``-W``).
"""

from __future__ import annotations

import importlib
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)

PACKAGE = "logreg_nn"
# Modules whose ``__all__`` is public API. ``base`` and ``validation`` are internal.
PUBLIC_MODULES = (
    "logreg_nn",
    "logreg_nn.certify",
    "logreg_nn.compare",
    "logreg_nn.datasets",
    "logreg_nn.diagnostics",
    "logreg_nn.exceptions",
    "logreg_nn.link",
    "logreg_nn.losses",
    "logreg_nn.multinomial",
    "logreg_nn.network",
    "logreg_nn.objective",
    "logreg_nn.optim",
    "logreg_nn.plotting",
    "logreg_nn.results",
)


def _lookup(path: str) -> Any:
    """The object at a dotted path inside the package, or None."""
    if not path.startswith(PACKAGE):
        return None
    parts = path.split(".")
    for split in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        try:
            for attribute in parts[split:]:
                obj = getattr(obj, attribute)
        except AttributeError:
            return None
        return obj
    return None


def _exports(module_name: str, name: str) -> bool:
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return False
    return name in getattr(module, "__all__", ())


def _aliases(obj: Any, attribute: str | None) -> list[str]:
    """Dotted paths under which ``obj`` (or its ``attribute``) may be documented."""
    module = getattr(obj, "__module__", None)
    qualname = getattr(obj, "__qualname__", None)
    if not (module and qualname):
        return []
    names = [f"{module}.{qualname}", f"{PACKAGE}.{qualname}"]
    return [f"{name}.{attribute}" if attribute else name for name in names]


def _documented_alias(env: BuildEnvironment, target: str) -> str | None:
    objects = env.get_domain("py").objects
    obj = _lookup(target)
    attribute = None
    if obj is None and "." in target:
        # A method or property: resolve its owner, keep the attribute name.
        owner_path, attribute = target.rsplit(".", 1)
        obj = _lookup(owner_path)
    if obj is None:
        return None
    return next((name for name in _aliases(obj, attribute) if name in objects), None)


def resolve_reexport(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.Element
) -> nodes.Element | None:
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"]
    module, owner = node.get("py:module"), node.get("py:class")
    # The same search order as the Python domain: the name as written, then relative to
    # the current module, then to the current class.
    candidates = [target]
    if module:
        candidates.append(f"{module}.{target}")
        if owner:
            candidates.append(f"{module}.{owner}.{target}")
    # A docstring of a re-exported object is written relative to the module that
    # defines it, not to the public path it is documented under.
    context = _lookup(f"{module}.{owner}" if owner else module) if module else None
    defining = getattr(context, "__module__", None)
    if defining and defining != module:
        candidates.append(f"{defining}.{target}")
    if "." not in target:
        # A bare public name (in some module's __all__) written where the context does
        # not define it, e.g. in an autosummary table of the top-level package.
        candidates += [f"{name}.{target}" for name in PUBLIC_MODULES if _exports(name, target)]
    for candidate in candidates:
        alias = _documented_alias(env, candidate)
        if alias:
            domain = env.get_domain("py")
            return domain.resolve_xref(
                env, node["refdoc"], app.builder, node["reftype"], alias, node, contnode
            )
    return None


def check_coverage(app: Sphinx, env: BuildEnvironment) -> None:
    documented = set(env.get_domain("py").objects)
    for module_name in PUBLIC_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if isinstance(obj, type(module)) or name.startswith("__"):
                continue
            candidates = [f"{module_name}.{name}", *_aliases(obj, None)]
            if not documented.intersection(candidates):
                logger.warning(
                    "public name %s.%s is not in the API reference (docs/api.md)",
                    module_name,
                    name,
                    type="api_names",
                )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("missing-reference", resolve_reexport)
    app.connect("env-check-consistency", check_coverage)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
