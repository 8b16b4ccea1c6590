"""Material's search (as tuned by irsite) beside Pagefind, on the same built site: quality on the query
sets, bytes fetched and time to the first results with the CPU slowed 4x (a mid-range phone).

    .venv/bin/pip install 'pagefind[bin]'        # the Pagefind indexer, with its binary
    IRSITE_OFFLINE_COPY=false .venv/bin/mkdocs build -d /tmp/site
    .venv/bin/python benchmarks/search_compare.py /tmp/site [/tmp/site-2000 ...] [--runs 3] [--bare BARE_SITE]

For each site: a copy is indexed by Pagefind (``python -m pagefind --site COPY``, content in
``<article>``); Material is asked through its own search worker (tests/tools/search-check.mjs), Pagefind
through its JavaScript API in headless Chromium. A case passes at rank k when the k-th distinct result
page is the expected one (a glossary term's page, or a topic page). Timing: a fresh browser context
(empty cache) opens the home page, the first query is typed as soon as the page has loaded, and the
clock stops when the first result is shown (Material's result list; Pagefind's first result data).

``--bare BARE_SITE``: a bare Material site with as many pages as the last site (``benchmarks/bench.py
--keep DIR`` leaves one in DIR/bare-2000/site). The last site and the bare one are then timed in
alternating turns, and the script prints the ratios of issue #17: bytes fetched for the first query
and time to its first results, site / bare.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SETS = {"names (public)": ROOT.parent / "shared" / "search" / "queries-public.tsv",
        "names (ours)": ROOT / "tests" / "search_queries.tsv",
        "questions": ROOT / "tests" / "search_questions.tsv",
        "questions (unseen)": ROOT / "tests" / "search_questions_unseen.tsv",
        "questions (unseen, blind)": ROOT / "tests" / "search_questions_unseen2.tsv"}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
FIRST_QUERY = "insulin resistance"


def cases(path: Path, glossary: list[dict]) -> list[tuple[str, str]]:
    fold = lambda s: s.casefold().strip()  # noqa: E731
    by_name = {}
    for t in glossary:
        for n in [t["id"], t["term"], *t.get("aliases", [])]:
            by_name.setdefault(fold(n), t["url"])
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        query, expected = line.split("\t")[:2]
        if "/" in expected and " " not in expected:
            want = expected
        else:
            want = next((by_name[fold(n)] for n in expected.split("|") if fold(n) in by_name), None)
        if want:
            out.append((query.strip(), want.strip("/") + "/"))
    return out


def page_of(url: str) -> str:
    path = url.split("#")[0].split("?")[0].lstrip("./").lstrip("/")
    return (path.removesuffix("index.html").rstrip("/") + "/") if path else "/"


def material_ranks(site: Path, tsv: Path) -> list[int]:
    out = subprocess.run(["node", str(ROOT / "tests/tools/search-check.mjs"), str(site), str(tsv)],
                         capture_output=True, text=True, check=True)
    return [c["rank"] for c in json.loads(out.stdout.strip().splitlines()[-1])["cases"]]


def serve(directory: Path):
    handler = functools.partial(type("Q", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}),
                                directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


PAGEFIND_SEARCH = """async (queries) => {
    const pf = await import('/pagefind/pagefind.js');
    await pf.init();
    const out = [];
    for (const q of queries) {
        const r = await pf.search(q);
        const data = await Promise.all(r.results.slice(0, 5).map((x) => x.data()));
        out.push(data.map((d) => d.url));
    }
    return out;
}"""


def pagefind_ranks(base: str, browser, tsv_cases: list[tuple[str, str]]) -> list[int]:
    page = browser.new_page()
    page.goto(base + "/")
    urls = page.evaluate(PAGEFIND_SEARCH, [q for q, _ in tsv_cases])
    page.close()
    ranks = []
    for (_, want), found in zip(tsv_cases, urls):
        pages = list(dict.fromkeys(page_of(u) for u in found))
        ranks.append(pages.index(want) + 1 if want in pages else 0)
    return ranks


def first_results(base: str, browser, engine: str) -> tuple[float, int, int]:
    """Seconds from navigation to the first results of FIRST_QUERY, and the bytes fetched for search
    (as served, and gzip-compressed as a web server would send them)."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    sizes: dict[str, tuple[int, int]] = {}
    mine = ("/pagefind/",) if engine == "pagefind" else ("/search/search_index.json", "/workers/search.")

    def on_response(response):
        if any(m in response.url for m in mine):
            try:
                body = response.body()
                sizes[response.url] = (len(body), len(gzip.compress(body)))
            except Exception:  # noqa: BLE001 - a response without a body
                pass
    page.on("response", on_response)
    start = time.perf_counter()
    page.goto(base + "/", wait_until="load")
    if engine == "material":
        page.locator(".md-search__input").click()
        page.keyboard.type(FIRST_QUERY)
        page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
    else:
        page.evaluate("""async (q) => { const pf = await import('/pagefind/pagefind.js'); await pf.init();
                                       const r = await pf.search(q); await r.results[0].data(); }""", FIRST_QUERY)
    elapsed = time.perf_counter() - start
    page.wait_for_timeout(300)
    context.close()
    return elapsed, sum(s for s, _ in sizes.values()), sum(g for _, g in sizes.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sites", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bare", type=Path, help="a bare Material site with as many pages as the last site")
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for site in args.sites:
            work = Path(tempfile.mkdtemp(prefix="search-compare-"))
            copy = work / "site"
            shutil.copytree(site, copy)
            subprocess.run([sys.executable, "-m", "pagefind", "--site", str(copy), "--root-selector", "article"],
                           check=True, capture_output=True)
            glossary = json.loads((copy / "glossary.json").read_text(encoding="utf-8"))
            server, base = serve(copy)
            print(f"\n{site} ({len(glossary)} terms)")
            print(f"  {'query set':<16} {'cases':>5}  {'Material top1':>13} {'top3':>5}  {'Pagefind top1':>13} {'top3':>5}")
            for name, tsv in SETS.items():
                if not tsv.exists():
                    continue
                tsv_cases = cases(tsv, glossary)
                m = material_ranks(copy, tsv)
                f = pagefind_ranks(base, browser, tsv_cases)
                top = lambda r, k: sum(1 for x in r if 1 <= x <= k)  # noqa: E731
                print(f"  {name:<16} {len(tsv_cases):>5}  {top(m, 1):>13} {top(m, 3):>5}  {top(f, 1):>13} {top(f, 3):>5}")
            for engine in ("material", "pagefind"):
                runs = [first_results(base, browser, engine) for _ in range(args.runs)]
                print(f"  {engine:<9} first results (CPU 4x slower): {statistics.median(r[0] for r in runs):.2f} s "
                      f"(median of {args.runs}); fetched for search {runs[0][1] / 1024:.0f} KiB, "
                      f"{runs[0][2] / 1024:.0f} KiB gzipped")
            if args.bare and site == args.sites[-1]:
                compare_bare(browser, base, args.bare, args.runs)
            server.shutdown()
            shutil.rmtree(work, ignore_errors=True)
        browser.close()


def compare_bare(browser, base: str, bare: Path, runs: int) -> None:
    """Material's search on this site beside a bare Material site, in alternating turns."""
    server, bare_base = serve(bare)
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(first_results(base, browser, "material"))
        theirs.append(first_results(bare_base, browser, "material"))
    server.shutdown()
    t_ours, t_bare = statistics.median(r[0] for r in ours), statistics.median(r[0] for r in theirs)
    print(f"  bare site {bare}: first results {t_bare:.2f} s, fetched {theirs[0][2] / 1024:.0f} KiB gzipped")
    print(f"  site / bare: bytes fetched (gzip) {ours[0][2] / theirs[0][2]:.2f}x (target 1.5x), "
          f"time to first results {t_ours / t_bare:.2f}x (target 1.2x), medians of {runs} alternating turns")


if __name__ == "__main__":
    main()
