"""Check the built documentation site in a real browser, offline.

Serves the built HTML on 127.0.0.1 (a free port), opens every page of the argument,
the gallery and the API reference in Debian's headless Chromium driven by Playwright,
and fails when a page

* requests anything from a host other than 127.0.0.1 (the request is also blocked),
* gets an HTTP status >= 400, a failed request, a console error or an uncaught error,
* still shows raw TeX (``$$``, ``\\(``, ``\\[``, ``\\begin{``) in its visible prose after
  MathJax has finished, or has a MathJax error (``mjx-merror``),
* has an image that did not load (``naturalWidth == 0``).

A full-page screenshot of every page is written under ``docs/_build/screenshots/``.

Usage: ``python tools/check_site.py [BUILD_DIR] [--screenshots DIR]``.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import ConsoleMessage, Page, Request, Response, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Keep Chromium from phoning home: any such request would count as an external one.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOST = "127.0.0.1"
RAW_TEX = ("$$", "\\(", "\\[", "\\begin{")
# Sphinx's own utility pages carry no content of ours.
SKIPPED_PAGES = {"genindex.html", "search.html", "py-modindex.html"}
PAGE_TIMEOUT_MS = 60_000

# Runs in the page: waits for MathJax (if the page loads it) and for every image, then
# measures. Code blocks are hidden while reading the prose, because source code shown
# on purpose may contain TeX.
MEASURE_JS = """
async () => {
  let mathjax = false;
  if (window.MathJax && window.MathJax.startup && window.MathJax.startup.promise) {
    await window.MathJax.startup.promise;
    mathjax = true;
  }
  const images = Array.from(document.images);
  for (const img of images) {
    if (img.loading === "lazy") img.loading = "eager";
  }
  await Promise.all(images.map((img) => img.complete ? null : new Promise((done) => {
    img.addEventListener("load", done, {once: true});
    img.addEventListener("error", done, {once: true});
  })));
  const hide = document.createElement("style");
  hide.textContent = "pre, code, .highlight, script, style { display: none !important; }";
  document.head.appendChild(hide);
  const text = document.body.innerText;
  hide.remove();
  const wide = Array.from(document.querySelectorAll('div.math mjx-container[display="true"]'))
    .filter((m) => m.scrollWidth > m.clientWidth + 1)
    .map((m) => {
      const eqno = m.parentElement.querySelector("span.eqno");
      return eqno ? eqno.firstChild.textContent.trim() : m.parentElement.id || "unnumbered";
    });
  return {
    wide: wide,
    mathjax: mathjax,
    math: document.querySelectorAll("mjx-container").length,
    merrors: document.querySelectorAll("mjx-merror").length,
    text: text,
    images: images.map((img) => ({src: img.currentSrc || img.src, width: img.naturalWidth})),
  };
}
"""


@dataclass
class PageResult:
    path: str
    math: int = 0
    images: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def discover_pages(site: Path) -> list[str]:
    """Every page a reader of the argument, the gallery or the API reference can open."""
    pages = sorted(p.name for p in site.glob("*.html") if p.name not in SKIPPED_PAGES)
    for folder in ("chapters", "auto_examples", "api/generated"):
        pages += sorted(p.relative_to(site).as_posix() for p in (site / folder).glob("*.html"))
    return pages


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path) -> ThreadingHTTPServer:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == LOCAL_HOST


def check_page(page: Page, base: str, path: str, screenshots: Path) -> PageResult:
    result = PageResult(path)
    problems = result.problems

    def on_request(request: Request) -> None:
        if not _is_local(request.url):
            problems.append(f"external request: {request.url}")

    def on_response(response: Response) -> None:
        if response.status >= 400:
            problems.append(f"HTTP {response.status}: {response.url}")

    def on_failed(request: Request) -> None:
        if _is_local(request.url):
            problems.append(f"request failed ({request.failure}): {request.url}")

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"console error: {message.text}")

    page.on("request", on_request)
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    page.goto(f"{base}/{path}", wait_until="load", timeout=PAGE_TIMEOUT_MS)
    measured = page.evaluate(MEASURE_JS)
    result.math = measured["math"]
    result.images = len(measured["images"])
    if measured["merrors"]:
        problems.append(f"{measured['merrors']} MathJax error(s) (mjx-merror)")
    for token in RAW_TEX:
        if token in measured["text"]:
            where = measured["text"].index(token)
            context = measured["text"][max(0, where - 40) : where + 40].replace("\n", " ")
            problems.append(f"raw TeX {token!r} in visible text: ...{context}...")
    if measured["wide"]:
        # Not a failure: the equation scrolls sideways, but it reads better wrapped.
        wide = ", ".join(measured["wide"])
        result.notes.append(f"display math wider than the column (scrolls): {wide}")
    for image in measured["images"]:
        if image["width"] == 0:
            problems.append(f"image not loaded: {image['src']}")

    shot = screenshots / (path.removesuffix(".html").replace("/", "__") + ".png")
    page.screenshot(path=str(shot), full_page=True)
    return result


def run(site: Path, screenshots: Path) -> list[PageResult]:
    pages = discover_pages(site)
    if "index.html" not in pages:
        raise SystemExit(f"no built site in {site}: run `make docs` first")
    shutil.rmtree(screenshots, ignore_errors=True)
    screenshots.mkdir(parents=True)
    server = serve(site)
    base = f"http://{LOCAL_HOST}:{server.server_address[1]}"
    results = []
    try:
        with tempfile.TemporaryDirectory(prefix="check-site-profile-") as profile:
            with sync_playwright() as playwright:
                context = playwright.chromium.launch_persistent_context(
                    profile,
                    executable_path=CHROMIUM,
                    headless=True,
                    args=CHROMIUM_FLAGS,
                    viewport={"width": 1280, "height": 900},
                )
                # Block, not just report, anything non-local: the check must not depend
                # on whether this machine happens to be online.
                context.route(
                    "**/*",
                    lambda route: (
                        route.continue_()
                        if _is_local(route.request.url)
                        else route.abort("blockedbyclient")
                    ),
                )
                for path in pages:
                    page = context.new_page()
                    try:
                        results.append(check_page(page, base, path, screenshots))
                    except Exception as error:  # a page that cannot load is a failure
                        results.append(PageResult(path, problems=[f"could not check: {error}"]))
                    finally:
                        page.close()
                context.close()
    finally:
        server.shutdown()
    return results


def report(results: list[PageResult], screenshots: Path) -> int:
    width = max(len(r.path) for r in results)
    print(f"{'page':<{width}}  {'math':>5}  {'images':>6}  result")
    for r in results:
        verdict = "FAIL" if r.problems else "ok"
        print(f"{r.path:<{width}}  {r.math:>5}  {r.images:>6}  {verdict}")
        for problem in r.problems:
            print(f"{'':<{width}}    - {problem}")
        for note in r.notes:
            print(f"{'':<{width}}    note: {note}")
    failed = [r for r in results if r.problems]
    print(
        f"\n{len(results)} pages, {sum(r.math for r in results)} math elements, "
        f"{sum(r.images for r in results)} images; {len(failed)} page(s) failed. "
        f"Screenshots: {screenshots}"
    )
    return 1 if failed else 0


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=root / "docs/_build/html")
    parser.add_argument("--screenshots", type=Path, default=root / "docs/_build/screenshots")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} not found: apt-get install -y chromium")
    results = run(args.site.resolve(), args.screenshots.resolve())
    return report(results, args.screenshots)


if __name__ == "__main__":
    sys.exit(main())
