"""Sphinx configuration for the logreg_nn site.

The site must build with ``-W --keep-going -n`` and load nothing from outside the
machine it is served from: no intersphinx, no CDN MathJax, no theme icons or fonts
fetched from the web.
"""

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
# The package is installed editable in the venv; the path insert keeps a plain
# `sphinx-build` from a checkout working too. `_ext` holds the local directives.
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(DOCS / "_ext"))

import logreg_nn

project = "logreg_nn"
author = "The logreg_nn developers"
copyright = "2026, The logreg_nn developers"
release = logreg_nn.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
    "sphinxcontrib.bibtex",
    "sphinx_copybutton",
    "runpython",
    "api_names",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = [
    "_build",
    "Thumbs.db",
    ".DS_Store",
    # sphinx-gallery writes these next to the generated pages; they are not documents.
    "auto_examples/*.ipynb",
    "auto_examples/*.py",
    "auto_examples/*.zip",
    "auto_examples/*.md5",
    "auto_examples/*.codeobj.json",
    "auto_examples/*.pickle",
    "sg_execution_times.rst",
]
templates_path = ["_templates"]

# -- MyST -----------------------------------------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_heading_anchors = 3
myst_dmath_double_inline = True

# -- Math: MathJax 3 served from this site (fetched by `make mathjax`) ----------------
mathjax_path = "mathjax/es5/tex-chtml.js"
# Number equations per page the way the chapters reference them with {eq}.
math_numfig = True
numfig = True

# -- autodoc / autosummary / numpydoc -------------------------------------------------
autosummary_generate = True
autosummary_imported_members = False
autodoc_default_options: dict[str, bool] = {}
# Type hints live in the numpydoc "Parameters" sections; repeating them in signatures
# would turn every numpy typing alias into an unresolvable nitpicky reference.
autodoc_typehints = "none"
autodoc_member_order = "groupwise"
numpydoc_xref_param_type = False
# The class template documents members itself (so every method and property is a
# resolvable target); numpydoc's own member tables would duplicate them.
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_validation_checks: set[str] = set()

# Names that belong to numpy/Python typing vocabulary used in docstrings. Listed one by
# one, so a typo in a reference to our own API still fails the build.
nitpick_ignore = [
    ("py:class", "ndarray"),
    ("py:class", "numpy.ndarray"),
    ("py:class", "array_like"),
    ("py:class", "array-like"),
    ("py:class", "optional"),
    ("py:class", "numpy.float64"),
    ("py:class", "numpy.random.Generator"),
    ("py:class", "pandas.DataFrame"),
    ("py:class", "pandas.Series"),
    ("py:class", "matplotlib.axes.Axes"),
    ("py:class", "matplotlib.figure.Figure"),
    ("py:meth", "matplotlib.axes.Axes.contour"),
    ("py:meth", "matplotlib.axes.Axes.contourf"),
    ("py:meth", "matplotlib.axes.Axes.plot"),
]

# -- Bibliography ---------------------------------------------------------------------
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
bibtex_default_style = "plain"

# -- sphinx-gallery -------------------------------------------------------------------
sphinx_gallery_conf = {
    "examples_dirs": ["../gallery"],
    "gallery_dirs": ["auto_examples"],
    # Every plot_*.py is executed during the build (the pattern matches the basename).
    "filename_pattern": r"/plot_",
    "ignore_pattern": r"__init__\.py",
    "within_subsection_order": "FileNameSortKey",
    "write_computation_times": False,
    "abort_on_example_error": True,
    "only_warn_on_example_error": False,
    "backreferences_dir": "api/generated/backreferences",
    "doc_module": ("logreg_nn",),
    "image_scrapers": ("matplotlib",),
    "reset_modules": ("matplotlib",),
    "remove_config_comments": True,
    "download_all_examples": False,
    "show_memory": False,
    "plot_gallery": "True",
}

# -- HTML -----------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = "logreg_nn"
html_static_path = ["_static"]
html_css_files = ["logreg_nn.css"]
# "light" stops the theme from logging a console error about an unset mode.
html_context = {"default_mode": "light"}
html_theme_options = {
    "icon_links": [],
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "navbar_end": ["navbar-icon-links"],
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
    "secondary_sidebar_items": ["page-toc"],
    "use_edit_page_button": False,
}
# The chapters and reference pages are top-level: their left "section navigation" would
# be empty, and its width is what their display equations need.
html_sidebars = {
    "index": [],
    "chapters/*": [],
    "api": [],
    "bibliography": [],
    "cite": [],
    "api/generated/*": [],
}
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None

copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
