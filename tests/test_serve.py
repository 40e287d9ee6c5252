"""`publisher serve`: the server serves the site folder and nothing else, and reloads pages after builds."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from publisher.cli import main
from publisher.serve import EVENTS_PATH, SiteServer, content_type, inject_reload_script, site_file, watch

SECRET = "TOP-SECRET-OUTSIDE-THE-SITE"
NOT_FOUND_PAGE = "<!DOCTYPE html><html><body><h1>页面不存在</h1></body></html>\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "sub").mkdir(parents=True)
    (root / "empty").mkdir()
    (root / "index.html").write_text("<!DOCTYPE html><html><body><h1>首页</h1></body></html>\n", encoding="utf-8")
    (root / "sub" / "index.html").write_text("<html><BODY>子页</BODY></html>", encoding="utf-8")
    (root / "404.html").write_text(NOT_FOUND_PAGE, encoding="utf-8")
    (root / "style.css").write_text("body { color: #111; } /* </body> */\n", encoding="utf-8")
    (root / "data.json").write_text('{"html": "</body>"}\n', encoding="utf-8")
    (root / "feed.xml").write_text("<?xml version='1.0'?><feed/>\n", encoding="utf-8")
    (root / "icon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>\n", encoding="utf-8")
    (root / ".publisher-manifest.json").write_text("{}", encoding="utf-8")
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (tmp_path / "site-secret").mkdir()
    (tmp_path / "site-secret" / "index.html").write_text(SECRET, encoding="utf-8")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    (root / "linkdir").symlink_to(tmp_path / "site-secret")
    return root


@pytest.fixture
def server(site: Path):
    srv = SiteServer(site, port=0)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(timeout=5)


def raw_get(srv: SiteServer, target: str, method: str = "GET", *,
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """Send the request target exactly as given (no client-side normalisation) and read the answer."""
    host, port = srv.server_address[:2]
    extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
    with socket.create_connection((host, port), timeout=5) as sock:
        sock.sendall(f"{method} {target} HTTP/1.1\r\nHost: x\r\n{extra}Connection: close\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return status, headers, body


@pytest.mark.parametrize("target", [
    "/../secret.txt", "/../", "/..", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/..%2fsecret.txt",
    "/..%2f..%2fetc/passwd", "/..%2F..%2F..%2F..%2Fetc%2Fpasswd", "/sub/../../secret.txt", "/sub/%2e%2e/%2e%2e/secret.txt",
    "/../site-secret/", "/../site-secret/index.html", "//etc/passwd", "/%2Fetc%2Fpasswd", "///etc/passwd",
    "http://x/../secret.txt", "http://x/%2e%2e/secret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt",
    "/%00/etc/passwd", "/link.txt", "/linkdir/", "/linkdir/index.html", "/.publisher-manifest.json",
    "/%ff%fe", "/etc/passwd", "/" + "a" * 5000,
])
def test_paths_outside_the_site_answer_404(server, target):
    status, headers, body = raw_get(server, target)
    assert status == 404
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert SECRET.encode() not in body
    assert b"root:" not in body
    assert body.startswith(NOT_FOUND_PAGE.rstrip("\n").split("</body>")[0].encode())  # the site's own 404 page


def test_site_file_refuses_escapes(site):
    assert site_file(site, "/sub/index.html") == (site / "sub" / "index.html").resolve()
    for bad in ["/../secret.txt", "/%2e%2e/x", "relative", "/a\\..\\b", "/link.txt", "/.hidden"]:
        assert site_file(site, bad) is None


def test_binds_localhost_by_default(site):
    srv = SiteServer(site, port=0)
    try:
        assert srv.server_address[0] == "127.0.0.1"
        assert srv.url.startswith("http://127.0.0.1:")
    finally:
        srv.server_close()
    options = {p.name: p.default for p in main.commands["serve"].params}
    assert options["host"] == "127.0.0.1"
    assert options["port"] == 8000


def test_reload_script_in_html_only(server, site):
    status, headers, body = raw_get(server, "/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert EVENTS_PATH.encode() in body
    assert body.index(b"data-publisher-reload") < body.index(b"</body>")
    assert int(headers["content-length"]) == len(body)
    _, _, sub = raw_get(server, "/sub/")
    assert sub.index(b"data-publisher-reload") < sub.index(b"</BODY>")
    for name in ["style.css", "data.json", "feed.xml", "icon.svg"]:
        status, _, body = raw_get(server, "/" + name)
        assert status == 200
        assert body == (site / name).read_bytes()  # untouched
    assert b"publisher-reload" not in (site / "index.html").read_bytes()  # never written to disk


def test_content_types(server):
    expected = {"/style.css": "text/css; charset=utf-8", "/data.json": "application/json; charset=utf-8",
                "/feed.xml": "application/xml; charset=utf-8", "/icon.svg": "image/svg+xml; charset=utf-8",
                "/sub/index.html": "text/html; charset=utf-8"}
    for path, kind in expected.items():
        assert raw_get(server, path)[1]["content-type"] == kind
    assert content_type("x.pdf") == "application/pdf"
    assert content_type("x.png") == "image/png"


def test_missing_page_gets_the_site_404_with_status_404(server):
    status, headers, body = raw_get(server, "/no/such/page/")
    assert status == 404
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert "页面不存在".encode() in body
    assert b"data-publisher-reload" in body
    status, _, body = raw_get(server, "/no-such.css", method="HEAD")
    assert status == 404 and body == b""


def test_folders_redirect_to_slash_and_are_never_listed(server):
    status, headers, _ = raw_get(server, "/sub")
    assert status == 301 and headers["location"] == "/sub/"
    status, _, body = raw_get(server, "/empty/")
    assert status == 404 and "页面不存在".encode() in body


def test_serves_the_folder_by_path_after_it_is_replaced(server, site, tmp_path):
    new = tmp_path / "new"
    new.mkdir()
    (new / "index.html").write_text("<html><body>新版</body></html>", encoding="utf-8")
    site.rename(tmp_path / "old")
    new.rename(site)
    assert "新版".encode() in raw_get(server, "/")[2]


def test_events_announce_finished_builds(server):
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=5) as sock:
        sock.sendall(f"GET {EVENTS_PATH}?since=0 HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        received = b""
        while b"retry:" not in received:
            received += sock.recv(4096)
        assert b"text/event-stream" in received
        server.notify_reload()
        while b"event: reload" not in received:
            received += sock.recv(4096)
    assert b"data: 1" in received
    # A page served before a build finished reloads at once when it connects afterwards.
    assert inject_reload_script(b"<body></body>", 0).count(b"since=0") == 1


def test_watch_rebuilds_after_changes_and_survives_failures(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    config = tmp_path / "publisher.toml"
    stop = threading.Event()
    calls: list[str] = []
    built = threading.Event()
    messages: list[str] = []

    def rebuild() -> None:
        calls.append("x")
        if len(calls) == 1:
            raise RuntimeError("broken template")

    thread = threading.Thread(target=watch, args=([content], rebuild, built.set),
                              kwargs={"files": [config], "stop": stop, "echo": messages.append, "quiet_ms": 50},
                              daemon=True)
    thread.start()
    try:
        time.sleep(0.3)  # let the watcher start
        (content / "a.txt").write_text("一", encoding="utf-8")
        deadline = time.monotonic() + 10
        # The failure is said once the rebuild has raised, a moment after it was called.
        while not any("broken template" in m for m in messages) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert calls and not built.is_set()
        assert any("broken template" in m for m in messages)
        config.write_text("pdf = false\n", encoding="utf-8")  # a single file, created after the start
        assert built.wait(10)
    finally:
        stop.set()
        thread.join(timeout=5)
    assert not thread.is_alive()


def test_a_port_in_use_is_one_clear_line_before_anything_is_built(tmp_path):
    from click.testing import CliRunner

    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.txt").write_text("标题\n\n正文内容。\n", encoding="utf-8")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", str(tmp_path), "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr and isinstance(result.exception, SystemExit)
    assert not (tmp_path / "site").exists()


def test_unchanged_files_are_not_sent_again_and_changed_ones_are(server, site):
    """Conditional requests: the search page revalidates its manifest at every query."""
    status, headers, body = raw_get(server, "/data.json")
    etag = headers["etag"]
    assert status == 200 and body
    status, headers, body = raw_get(server, "/data.json", headers={"If-None-Match": etag})
    assert status == 304 and body == b"" and headers["etag"] == etag
    replacement = site / "data.json.new"  # as a build writes it: a new file in its place
    replacement.write_text('{"html": "new"}\n', encoding="utf-8")
    replacement.replace(site / "data.json")
    status, headers, body = raw_get(server, "/data.json", headers={"If-None-Match": etag})
    assert status == 200 and b"new" in body and headers["etag"] != etag
    page_tag = raw_get(server, "/")[1]["etag"]
    server.notify_reload()  # a finished build changes the reload script in every page
    status, _, body = raw_get(server, "/", headers={"If-None-Match": page_tag})
    assert status == 200 and b"data-publisher-reload" in body
    assert raw_get(server, "/no/such/page/")[1].get("etag") is None


def test_half_sent_requests_hold_a_bounded_number_of_threads_and_time_out(server):
    """300 clients that send half a request and wait (issue 17, item 9): the pool stays its size."""
    server.request_timeout = 1.0  # the default is 10 s
    host, port = server.server_address[:2]
    before = threading.active_count()
    stalled = []
    for _ in range(300):
        sock = socket.create_connection((host, port), timeout=5)
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # and never the blank line
        stalled.append(sock)
    time.sleep(0.5)
    assert threading.active_count() <= before + 40  # the pool's 32 workers and a few more
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # as the stalled ones time out, the others are answered
            try:
                status, _, body = raw_get(server, "/")
                break
            except (TimeoutError, OSError):
                continue
        assert status == 200 and "首页" in body.decode("utf-8")
    finally:
        for sock in stalled:
            sock.close()


def test_two_hundred_parallel_requests_are_all_answered(server):
    results: list[int] = []

    def fetch() -> None:
        results.append(raw_get(server, "/sub/")[0])

    threads = [threading.Thread(target=fetch) for _ in range(200)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert results.count(200) == 200


def test_a_client_that_hangs_up_is_no_traceback(tmp_path, capfd):
    import struct

    site = tmp_path / "site"
    site.mkdir()
    (site / "big.pdf").write_bytes(b"%PDF" + b"0" * 20_000_000)
    logged: list[str] = []
    srv = SiteServer(site, port=0, log=logged.append)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        for _ in range(5):
            sock = socket.create_connection(srv.server_address[:2], timeout=5)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, not close
            sock.sendall(b"GET /big.pdf HTTP/1.1\r\nHost: x\r\n\r\n")
            sock.recv(1000)
            sock.close()
        time.sleep(0.5)
        assert raw_get(srv, "/big.pdf", method="HEAD")[0] == 200
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=5)
    err = capfd.readouterr().err
    assert "Traceback" not in err and "BrokenPipe" not in err and "ConnectionReset" not in err
    assert not any("error" in line for line in logged)


def test_event_streams_beyond_the_limit_are_told_to_retry(server):
    host, port = server.server_address[:2]
    streams = []
    try:
        for _ in range(server.max_streams):
            sock = socket.create_connection((host, port), timeout=5)
            sock.sendall(f"GET {EVENTS_PATH} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            assert sock.recv(100).startswith(b"HTTP/1.1 200")
            streams.append(sock)
        assert raw_get(server, EVENTS_PATH)[0] == 503
        assert raw_get(server, "/")[0] == 200  # pages are still served
    finally:
        for sock in streams:
            sock.close()


@pytest.mark.parametrize("poll", [False, True], ids=["events", "poll"])
def test_watch_goes_on_after_the_content_folder_is_deleted_and_made_again(tmp_path, poll):
    import shutil

    content = tmp_path / "content"
    content.mkdir()
    stop = threading.Event()
    built: list[int] = []
    thread = threading.Thread(target=watch, args=([content], lambda: None, lambda: built.append(1)),
                              kwargs={"stop": stop, "echo": lambda m: None, "quiet_ms": 50, "poll": poll},
                              daemon=True)
    thread.start()

    def rebuilt_after(change) -> bool:  # type: ignore[no-untyped-def]
        count = len(built)
        change()
        deadline = time.monotonic() + 10
        while len(built) == count and time.monotonic() < deadline:
            time.sleep(0.05)
        return len(built) > count

    try:
        time.sleep(0.5)
        assert rebuilt_after(lambda: (content / "a.txt").write_text("一", encoding="utf-8"))
        shutil.rmtree(content)
        time.sleep(1.0)
        content.mkdir()
        time.sleep(1.0)
        assert rebuilt_after(lambda: (content / "b.txt").write_text("二", encoding="utf-8"))
        time.sleep(1.1)  # polling compares modification times to the second
        assert rebuilt_after(lambda: (content / "b.txt").write_text("二改", encoding="utf-8"))
    finally:
        stop.set()
        thread.join(timeout=5)
