"""Screenshots of the review site in headless Chromium (Debian: ``apt-get install chromium``).

    .venv/bin/python -m extract run corpus/raw --out out && .venv/bin/python -m extract review out
    .venv/bin/python tools/review_screenshots.py out --dest /tmp/shots [--pages 3]

Writes ``index.png`` and ``<doc_id>.png`` for the first pages of the index (failures and
flagged reports come first), so that a person can look at what an analyst sees. The
tests check the HTML, not these pixels.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")


def browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    sys.exit("error: no Chromium found (Debian: apt-get install -y chromium)")


def shoot(exe: str, page: Path, png: Path, size: str) -> None:
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           f"--window-size={size}", f"--screenshot={png}", page.resolve().as_uri()]
    subprocess.run(cmd, check=True, timeout=120, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(png)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="a run's output folder with review/ in it")
    ap.add_argument("--dest", type=Path, default=Path("review-screenshots"))
    ap.add_argument("--pages", type=int, default=3, help="report pages to shoot (3)")
    ap.add_argument("--size", default="1400,1000", help="window size WIDTH,HEIGHT")
    args = ap.parse_args(argv)
    site = args.out / "review"
    if not (site / "index.html").exists():
        sys.exit(f"error: {site}/index.html not found (run `wizyty review {args.out}` first)")
    args.dest.mkdir(parents=True, exist_ok=True)
    exe = browser()
    shoot(exe, site / "index.html", args.dest / "index.png", args.size)
    import re

    index = (site / "index.html").read_text(encoding="utf-8")
    for name in re.findall(r'href="reports/([^"]+)\.html"', index)[:args.pages]:
        shoot(exe, site / "reports" / f"{name}.html", args.dest / f"{name}.png", args.size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
