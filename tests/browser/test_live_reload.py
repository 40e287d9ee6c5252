"""`publisher serve` end to end: edit a manuscript and the open page shows the change by itself.

The command runs as it would for a user (a subprocess: watcher, rebuild, server-sent events);
the test never reloads the page.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

MANUSCRIPT = """关于加强机关党建工作的通知

各单位：
为进一步加强机关党建工作，现将有关事项通知如下。
一、提高思想认识
各单位要充分认识机关党建工作的重要意义，切实增强责任感和使命感。
二、压实工作责任
各级党组织书记要履行第一责任人职责，做到守土有责、守土尽责。
"""
OLD = "切实增强责任感和使命感"
NEW = "全面提升工作质量和办事效率"


def _start(project: Path, *flags: str) -> tuple[subprocess.Popen[str], str, queue.Queue[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WATCHFILES_")}
    proc = subprocess.Popen([sys.executable, "-m", "publisher", "serve", str(project), "--port", "0", *flags],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", env=env)
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stderr is not None
    stderr = proc.stderr

    def pump() -> None:
        for line in stderr:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + 20
    seen = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            if proc.poll() is not None:
                break
            continue
        seen.append(line)
        if line.startswith("watching "):  # printed once the server listens, just before watching
            url = next(s for s in seen if s.startswith("serving ")).split(" at ", 1)[1].split()[0]
            return proc, url, lines
    proc.kill()
    pytest.fail("publisher serve did not start:\n" + "".join(seen))


def _stop(proc: subprocess.Popen[str]) -> int:
    proc.send_signal(signal.SIGINT)  # Ctrl-C
    try:
        return proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise


@pytest.mark.parametrize("flags", [(), ("--poll",)], ids=["events", "poll"])
def test_editing_a_manuscript_updates_the_open_page(page, tmp_path, flags):
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "publisher.toml").write_text("pdf = false\n", encoding="utf-8")
    manuscript = project / "content" / "notice.txt"
    manuscript.write_text(MANUSCRIPT, encoding="utf-8")
    proc, url, _lines = _start(project, *flags)
    try:
        assert url.startswith("http://127.0.0.1:")
        page.goto(url + "notice/")
        assert OLD in page.locator(".doc-body").inner_text()
        time.sleep(0.3)  # give the watcher its first look before the edit
        manuscript.write_text(MANUSCRIPT.replace(OLD, NEW), encoding="utf-8")
        page.wait_for_function("text => document.body.innerText.includes(text)", arg=NEW, timeout=15_000)
        assert OLD not in page.locator(".doc-body").inner_text()
    finally:
        code = _stop(proc)
    assert code == 0  # Ctrl-C stops cleanly
