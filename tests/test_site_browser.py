"""The published site in a real browser: nothing overflows the viewport at 1200 and 390 px.

Headless Chromium (Debian's ``chromium``) loads one page of each kind into iframes of each width
(an iframe is a viewport of its own: media queries and ``100%`` follow its width) and a script
reports, per frame, the document's scroll width against the viewport and the elements that stick
out of it without a scrolling box around them. Skipped, with a message, when Chromium is absent.

Screenshots for a person to look at: ``python tests/test_site_browser.py OUTDIR``.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

WIDTHS = (1200, 390)
"""Viewport widths in CSS pixels: a laptop window and a phone."""
PAGES = (
    "index.html",
    "table.html",
    "versions/geneva.html",
    "diffs/us-28-point--geneva.html",
    "diffs/us-28-point--russia-terms-2026.html",  # first → latest in the lineage
    "clauses/army-cap.html",
    "clauses/territory.html",
    "three-way/us-28-point--e3-counterproposal--geneva.html",
)
"""One page of each kind (two of diffs: a step and the first → latest span)."""
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
HANG_GUARD = 120  # seconds: only stops a hung browser; no assertion depends on time

CHECK = """\
<!DOCTYPE html><html><body>
{frames}
<pre id="result">pending</pre>
<script>
window.addEventListener("load", () => {{
  const out = [];
  for (const frame of document.querySelectorAll("iframe")) {{
    const doc = frame.contentDocument, win = frame.contentWindow, root = doc.documentElement;
    const width = root.clientWidth, wide = [];
    for (const el of doc.body.querySelectorAll("*")) {{
      if (el.getBoundingClientRect().right <= width + 0.5) continue;
      let boxed = false;
      for (let p = el.parentElement; p && p !== doc.body; p = p.parentElement) {{
        if (win.getComputedStyle(p).overflowX !== "visible") {{ boxed = true; break; }}
      }}
      if (!boxed) wide.push(el.tagName.toLowerCase() + (el.className ? "." + el.className : "") +
                            ": " + (el.textContent || "").trim().slice(0, 40));
    }}
    out.push({{page: frame.dataset.page, width: Number(frame.dataset.width), viewport: width,
               scrollWidth: root.scrollWidth, wide: wide.slice(0, 5)}});
  }}
  document.getElementById("result").textContent = JSON.stringify(out);
}});
</script></body></html>
"""


def chromium() -> str | None:
    """The Chromium executable, or None."""
    for name in (os.environ.get("PLANDIFF_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name) if name else None
        if found:
            return found
    return None


def run_browser(binary: str, args: list[str], profile: Path) -> str:
    result = subprocess.run(
        [binary, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        check=False,
    )
    return result.stdout


def overflow_report(binary: str, pages: list[tuple[Path, str]], workdir: Path) -> list[dict[str, object]]:
    """Per page and width: viewport, scroll width and the elements that stick out unboxed."""
    frames = "\n".join(
        f'<iframe src="{path.as_uri()}" width="{width}" height="900" data-page="{name}" data-width="{width}"></iframe>'
        for path, name in pages
        for width in WIDTHS
    )
    check = workdir / "overflow-check.html"
    check.write_text(CHECK.format(frames=frames), encoding="utf-8")
    dom = run_browser(
        binary,
        ["--allow-file-access-from-files", "--dump-dom", check.as_uri()],
        workdir / "profile",
    )
    found = re.search(r'<pre id="result">(.*?)</pre>', dom, re.DOTALL)
    assert found, f"no result from Chromium: {dom[:300]!r}"
    report: list[dict[str, object]] = json.loads(html.unescape(found.group(1)))
    return report


def publish_bundled(site: Path) -> None:
    from typer.testing import CliRunner

    from plandiff.cli import app

    result = CliRunner().invoke(app, ["publish", str(site)])
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="module")
def browser() -> str:
    binary = chromium()
    if binary is None:
        pytest.skip(
            "Chromium not found: install Debian's chromium (apt-get install chromium) to run the browser check"
        )
    return binary


def test_no_page_overflows_at_1200_and_390_px(browser: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish_bundled(site)
    wide = tmp_path / "wide.html"  # a control: the check must catch a page that does overflow
    wide.write_text('<!DOCTYPE html><html><body><p style="width:1500px">too wide</p></body></html>')
    report = overflow_report(browser, [(site / p, p) for p in PAGES] + [(wide, "control")], tmp_path)
    assert {(r["page"], r["width"]) for r in report} == {(p, w) for p in (*PAGES, "control") for w in WIDTHS}
    control = [r for r in report if r["page"] == "control"]
    assert all(r["scrollWidth"] > r["viewport"] and r["wide"] for r in control), control  # type: ignore[operator]
    bad = [r for r in report if r["page"] != "control" and (r["scrollWidth"] > r["viewport"] or r["wide"])]  # type: ignore[operator]
    assert bad == [], json.dumps(bad, indent=1)
    assert all(r["viewport"] <= r["width"] for r in report)  # type: ignore[operator]


def screenshots(outdir: Path, binary: str) -> list[Path]:
    """PNG screenshots of each page kind at each width (1,600 px tall) into ``outdir``."""
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        publish_bundled(site)
        written = []
        for page in PAGES:
            for width in WIDTHS:
                png = outdir / f"{page.replace('/', '_').removesuffix('.html')}-{width}.png"
                run_browser(
                    binary,
                    [
                        "--hide-scrollbars",
                        f"--window-size={width},1600",
                        f"--screenshot={png}",
                        (site / page).as_uri(),
                    ],
                    Path(tmp) / f"profile-{len(written)}",
                )
                written.append(png)
    return written


if __name__ == "__main__":
    binary = chromium()
    if binary is None or len(sys.argv) != 2:
        sys.exit("usage: python tests/test_site_browser.py OUTDIR (needs chromium)")
    for path in screenshots(Path(sys.argv[1]), binary):
        sys.stdout.write(f"{path}\n")
