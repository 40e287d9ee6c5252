"""Screenshots of the seed site, to look at by eye: the index and 003's document page, desktop and phone.

    python bench/screenshots.py [--out bench/screenshots] [--full-page]

Builds the five seeds (HTML only) into a temporary project, serves it with publisher.serve and
takes PNGs in Debian's chromium (/usr/bin/chromium, driven by playwright; no browser download):
index-desktop.png, index-phone.png, document-desktop.png, document-phone.png at 1280×900 and
390×844 (viewport only, unless --full-page).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publisher.config import load_config  # noqa: E402
from publisher.serve import SiteServer  # noqa: E402
from publisher.site.build import build_site  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "screenshots")
    parser.add_argument("--full-page", action="store_true", help="The whole page, not only the viewport.")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        (project / "content").mkdir()
        (project / "publisher.toml").write_text("pdf = false\n", encoding="utf-8")
        seeds = sorted(SEEDS.glob("*.txt"))
        for seed in seeds:
            (project / "content" / seed.name).write_bytes(seed.read_bytes())
        config = load_config(project)
        build_site(config)
        server = SiteServer(config.output_dir, port=0, live_reload=False)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        document = next(s.stem for s in seeds if s.name.startswith("003"))
        pages = {"index": server.url, "document": f"{server.url}{document}/"}
        args.out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            for device, (width, height) in VIEWPORTS.items():
                context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN",
                                              device_scale_factor=1, is_mobile=device == "phone",
                                              has_touch=device == "phone")
                page = context.new_page()
                for name, url in pages.items():
                    page.goto(url)
                    target = args.out / f"{name}-{device}.png"
                    page.screenshot(path=str(target), full_page=args.full_page)
                    print(f"{target}: {target.stat().st_size // 1024} KB")
                context.close()
            browser.close()
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
