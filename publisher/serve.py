"""``publisher serve``: a local preview server that rebuilds on change and reloads the open page.

Like MkDocs' livereload, this module knows nothing of the pipeline: it is handed a folder to
serve and a ``rebuild`` callable. :class:`SiteServer` serves the files of that folder and
nothing else, and injects a small script into HTML responses (never into the files on disk)
that listens to ``/__publisher/events`` (server-sent events) and reloads the page after each
finished build. :func:`watch` waits for changes (the ``watchfiles`` library: native change
events, or polling) and calls ``rebuild``; :func:`serve` puts the two together.

The folder is looked up by its path on every request, never held open: a build replaces the
output folder by a rename, and the server must serve the new one.
"""

from __future__ import annotations

import contextlib
import errno
import mimetypes
import os
import shutil
import sys
import threading
import traceback
import webbrowser
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .errors import PublisherError

EVENTS_PATH = "/__publisher/events"

#: Injected before ``</body>`` of HTML responses. ``since`` is the build the page was served
#: from, so that a build finishing before the connection is made still reloads the page.
RELOAD_SCRIPT = (
    '<script data-publisher-reload>(function(){{if(!window.EventSource)return;'
    'var s=new EventSource("{path}?since={generation}");'
    's.addEventListener("reload",function(){{s.close();location.reload();}});}})();</script>'
)

_TYPES = {
    ".html": "text/html", ".htm": "text/html", ".css": "text/css", ".js": "text/javascript",
    ".mjs": "text/javascript", ".json": "application/json", ".xml": "application/xml",
    ".svg": "image/svg+xml", ".txt": "text/plain", ".md": "text/markdown", ".pdf": "application/pdf",
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".ico": "image/x-icon", ".woff": "font/woff", ".woff2": "font/woff2",
    ".ttf": "font/ttf", ".otf": "font/otf", ".webmanifest": "application/manifest+json",
}
_TEXTUAL = ("text/", "application/json", "application/xml", "image/svg+xml", "application/manifest+json")


def content_type(path: str) -> str:
    """The Content-Type of a file by its name; text gets ``charset=utf-8`` (the site is UTF-8)."""
    ext = os.path.splitext(path)[1].lower()
    kind = _TYPES.get(ext) or mimetypes.guess_type(path)[0] or "application/octet-stream"
    if kind.startswith(_TEXTUAL):
        kind += "; charset=utf-8"
    return kind


def inject_reload_script(html: bytes, generation: int) -> bytes:
    """The page with the live-reload script before its last ``</body>`` (or at its end)."""
    script = RELOAD_SCRIPT.format(path=EVENTS_PATH, generation=generation).encode()
    at = html.lower().rfind(b"</body>")
    if at < 0:
        return html + script
    return html[:at] + script + html[at:]


def site_file(root: Path, url_path: str) -> Path | None:
    """The file or folder of ``root`` a request path names, or None for anything suspicious.

    ``url_path`` is the path of the request target (``/a/b/``), still percent-encoded. Refused:
    ``..`` and hidden segments (also when encoded), backslashes, NUL, and anything that resolves
    (through symbolic links too) outside ``root``.
    """
    if not url_path.startswith("/"):
        return None
    decoded = unquote(url_path, errors="strict") if "%" in url_path else url_path
    if "\0" in decoded or "\\" in decoded:
        return None
    parts = [p for p in decoded.split("/") if p]
    if any(p.startswith(".") for p in parts):  # "..", and dot-files such as the build manifest
        return None
    base = root.resolve()
    target = base.joinpath(*parts).resolve()
    if target != base and not target.is_relative_to(base):
        return None
    return target


#: Errors of a client that went away or never finished its request: nothing to report.
_GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)


class SiteServer(ThreadingHTTPServer):
    """Serves one folder over HTTP, with live reload; :meth:`notify_reload` after each build.

    A fixed pool of worker threads answers the requests, never one thread per connection:
    300 clients that send half a request and wait held 300 threads. A connection idle for
    :attr:`request_timeout` seconds is closed, and open event streams (one per open page)
    are limited to :attr:`max_streams` so that they never take every worker.
    """

    daemon_threads = True
    #: Connections waiting to be accepted (the standard library's 5 made some of 200 parallel
    #: requests wait for seconds).
    request_queue_size = 128
    #: Threads answering requests.
    workers = 32
    #: Event streams open at once; one more is told to try again later (EventSource does).
    max_streams = 16
    #: Seconds between keep-alive comments on an idle event stream.
    keepalive = 15.0
    #: Seconds a connection may take to send its request, or stay idle between two.
    request_timeout = 10.0

    def __init__(self, folder: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 8000,
                 live_reload: bool = True, log: Callable[[str], None] | None = None) -> None:
        self.folder = Path(os.path.abspath(folder))
        self.live_reload = live_reload
        self.log = log
        self.generation = 0
        self._changed = threading.Condition()
        self._closing = False
        self._streams = threading.BoundedSemaphore(self.max_streams)
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="publisher-http")
        super().__init__((host, port), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Hand the connection to a worker of the pool (the accepting thread goes on accepting)."""
        try:
            self._pool.submit(self._answer, request, client_address)
        except RuntimeError:  # shutting down
            self.shutdown_request(request)

    def _answer(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up is not an error; anything else is one line, not a traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, _GONE) or exc is None:
            return
        if self.log is not None:
            self.log(f"{client_address[0]} error: {type(exc).__name__}: {exc}")

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        if isinstance(host, bytes):
            host = host.decode()
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{port}/"

    def notify_reload(self) -> None:
        """A build has finished: tell every open page to reload."""
        with self._changed:
            self.generation += 1
            self._changed.notify_all()

    def wait_for_build(self, since: int, timeout: float) -> int | None:
        """The generation once it is past ``since``; None on timeout or when the server closes."""
        with self._changed:
            self._changed.wait_for(lambda: self.generation > since or self._closing, timeout)
            return None if self._closing or self.generation <= since else self.generation

    def shutdown(self) -> None:
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        super().shutdown()

    def server_close(self) -> None:
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        super().server_close()
        self._pool.shutdown(wait=False, cancel_futures=True)


class _Handler(BaseHTTPRequestHandler):
    server: SiteServer
    protocol_version = "HTTP/1.1"
    server_version = "publisher"
    sys_version = ""
    def setup(self) -> None:
        # Seconds a connection may take to send its request, or stay idle between requests.
        self.timeout = self.server.request_timeout
        super().setup()

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log is not None:
            self.server.log(f"{self.address_string()} {format % args}")

    def _respond(self, send_body: bool) -> None:
        target = self.path
        if not target.startswith("/"):  # absolute form: GET http://host/path
            target = urlsplit(target).path or "/"
        url_path = target.split("?", 1)[0].split("#", 1)[0]
        if url_path == EVENTS_PATH and self.server.live_reload:
            self._events(target, send_body)
            return
        root = self.server.folder
        try:
            path = site_file(root, url_path)
            if path is not None and path.is_dir():
                if not url_path.endswith("/"):
                    self._redirect("/" + url_path.lstrip("/") + "/", send_body)  # never //host/
                    return
                path = path / "index.html"
            found = path is not None and path.is_file()
        except (UnicodeDecodeError, OSError, ValueError):  # undecodable, a name too long…
            found = False
        if not found or path is None:
            self._not_found(root, send_body)
            return
        try:
            self._send_file(path, HTTPStatus.OK, send_body)
        except (FileNotFoundError, IsADirectoryError):  # replaced by a build in between
            self._not_found(root, send_body)

    def _send_file(self, path: Path, status: HTTPStatus, send_body: bool) -> None:
        kind = content_type(path.name)
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            inject = kind.startswith("text/html") and self.server.live_reload
            # A build writes a changed file anew (another inode); pages carry the build's number
            # in their reload script. So this names the bytes sent, to the nanosecond.
            etag = f'"{st.st_ino:x}-{st.st_size:x}-{st.st_mtime_ns:x}{f"-{self.server.generation}" if inject else ""}"'
            if status == HTTPStatus.OK and self._client_has(etag):
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self.send_header("ETag", etag)
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                return
            etag_or_none = etag if status == HTTPStatus.OK else None
            if inject:
                data = inject_reload_script(fh.read(), self.server.generation)
                self._headers(status, kind, len(data), etag_or_none)
                if send_body:
                    self.wfile.write(data)
                return
            self._headers(status, kind, st.st_size, etag_or_none)
            if send_body:
                shutil.copyfileobj(fh, self.wfile)

    def _client_has(self, etag: str) -> bool:
        """If-None-Match names this version (the search page asks again for its index manifest at every query)."""
        wanted = self.headers.get("If-None-Match")
        if not wanted:
            return False
        tags = [t.strip().removeprefix("W/") for t in wanted.split(",")]
        return etag in tags or "*" in tags

    def _headers(self, status: HTTPStatus, kind: str, length: int, etag: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-cache")
        if etag is not None:
            self.send_header("ETag", etag)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()

    def _not_found(self, root: Path, send_body: bool) -> None:
        page = root / "404.html"
        try:
            self._send_file(page, HTTPStatus.NOT_FOUND, send_body)
            return
        except OSError:
            pass
        data = b"404 Not Found\n"
        self._headers(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", len(data))
        if send_body:
            self.wfile.write(data)

    def _redirect(self, location: str, send_body: bool) -> None:
        data = b"Moved\n"
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if send_body:
            self.wfile.write(data)

    def _events(self, target: str, send_body: bool) -> None:
        """Server-sent events: ``reload`` once a build newer than ``?since=`` has finished."""
        if not self.server._streams.acquire(blocking=False):
            data = b"too many open pages\n"
            self.send_response(HTTPStatus.SERVICE_UNAVAILABLE)
            self.send_header("Retry-After", "5")
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if send_body:
                self.wfile.write(data)
            return
        try:
            self._stream(target, send_body)
        finally:
            self.server._streams.release()

    def _stream(self, target: str, send_body: bool) -> None:
        query = target.split("?", 1)[1] if "?" in target else ""
        since = self.server.generation
        for pair in query.split("&"):
            key, _, value = pair.partition("=")
            if key == "since" and value.isdigit():
                since = int(value)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if not send_body:
            return
        try:
            self.wfile.write(b"retry: 1000\n\n")
            self.wfile.flush()
            while True:
                generation = self.server.wait_for_build(since, self.server.keepalive)
                if self.server._closing:
                    return
                if generation is None:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    self.wfile.write(f"event: reload\ndata: {generation}\n\n".encode())
                    since = generation
                self.wfile.flush()
        except _GONE:
            return


class _FileStamps:
    """Notices a change of single files (publisher.toml) by their stat, also when created or replaced."""

    def __init__(self, files: Iterable[Path]) -> None:
        self.files = list(files)
        self.stamps = self._stamps()

    def _stamps(self) -> list[tuple[int, int, int] | None]:
        result: list[tuple[int, int, int] | None] = []
        for f in self.files:
            try:
                st = f.stat()
                result.append((st.st_mtime_ns, st.st_size, st.st_ino))
            except OSError:
                result.append(None)
        return result

    def changed(self) -> bool:
        now = self._stamps()
        if now != self.stamps:
            self.stamps = now
            return True
        return False


def _identity(folder: Path) -> tuple[int, int] | None:
    try:
        st = folder.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def watch(folders: Sequence[Path], rebuild: Callable[[], object], on_built: Callable[[], None], *,
          files: Sequence[Path] = (), poll: bool = False, stop: threading.Event | None = None,
          echo: Callable[[str], None] | None = None, debounce_ms: int = 1600, quiet_ms: int = 100,
          on_ready: Callable[[], None] | None = None) -> None:
    """Call ``rebuild`` whenever something in ``folders`` (recursively) or one of ``files`` changes.

    ``on_ready`` is called once the watch has taken its first look: a change after that is
    seen. (Polling compares with that first look; a change made before it was taken, while
    the first build ran, was missed.)

    Changes are grouped until none came for ``quiet_ms`` (at most ``debounce_ms``). After a
    successful rebuild ``on_built`` is called; a rebuild that raises is reported through
    ``echo`` and the previous site stays. Returns when ``stop`` is set; Ctrl-C raises
    KeyboardInterrupt (in the main thread).
    """
    from watchfiles import watch as watch_changes

    say = echo or (lambda message: print(message, file=sys.stderr, flush=True))
    stamps = _FileStamps(files)
    stop = stop or threading.Event()

    held: list[int] = []

    def start() -> tuple[list[tuple[int, int] | None], Iterator[set[Any]] | None]:
        # A watch follows the folder it began on: one deleted and made again (content/ restored
        # from a backup, a checkout) is a new folder, watched anew. Each watched folder is held
        # open, so that its inode number is not given to the new folder while the watch lasts.
        for fd in held:
            os.close(fd)
        held.clear()
        identity = []
        for folder in folders:
            try:
                fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            except OSError:
                identity.append(None)
                continue
            held.append(fd)
            st = os.fstat(fd)
            identity.append((st.st_dev, st.st_ino))
        existing = [f for f, i in zip(folders, identity, strict=True) if i is not None]
        changes = watch_changes(*existing, debounce=debounce_ms, step=quiet_ms, stop_event=stop, rust_timeout=500,
                                yield_on_timeout=True, force_polling=poll) if existing else None
        return identity, changes

    try:
        _watch_loop(start, folders, rebuild, on_built, stamps, stop, say, on_ready)
    finally:
        for fd in held:
            os.close(fd)


def _watch_loop(start: Callable[[], tuple[list[tuple[int, int] | None], Iterator[set[Any]] | None]],
                folders: Sequence[Path], rebuild: Callable[[], object], on_built: Callable[[], None],
                stamps: _FileStamps, stop: threading.Event, say: Callable[[str], None],
                on_ready: Callable[[], None] | None) -> None:
    identity, changes_of = start()
    # The first look (watchfiles starts watching at the first request for changes, which
    # returns after its timeout when nothing changed): taken before anyone is told to edit.
    primed = bool(next(changes_of, set())) if changes_of is not None else False
    if on_ready is not None:
        on_ready()
    while not stop.is_set():
        if primed:
            changed, primed = True, False
        elif changes_of is None:
            stop.wait(0.5)
            changed = False
        else:
            try:
                changed = bool(next(changes_of))
            except StopIteration:
                return
            except Exception as exc:  # the watch itself failed (its folder went away under it)
                say(f"watching again after: {exc}")
                identity = []  # differs from any: start again below
                changed = True
        if [_identity(f) for f in folders] != identity:
            if changes_of is not None:
                changes_of.close()  # type: ignore[attr-defined]
            identity, changes_of = start()
            changed = True
        if stamps.changed():
            changed = True
        if not changed or stop.is_set():
            continue
        try:
            rebuild()
        except PublisherError as exc:
            say(f"error: rebuild failed: {exc.format_message()}; still serving the last good site")
            continue
        except Exception:
            say("error: rebuild failed; still serving the last good site\n" + traceback.format_exc().rstrip())
            continue
        on_built()


def serve(folder: Path, rebuild: Callable[[], object], *, watch_folders: Sequence[Path] = (),
          watch_files: Sequence[Path] = (), host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
          poll: bool = False, stop: threading.Event | None = None,
          echo: Callable[[str], None] | None = None, build_first: bool = False) -> None:
    """Serve ``folder`` and rebuild on change until Ctrl-C (or ``stop`` is set).

    ``build_first``: build once before serving, once the address is taken (so that a port in
    use is said at once, not after a build).
    """
    say = echo or (lambda message: print(message, file=sys.stderr, flush=True))
    try:
        server = SiteServer(folder, host, port)
    except OSError as exc:  # the port is taken, the address is not this machine's, …
        hint = "; choose another --port (0 picks a free one)" if exc.errno == errno.EADDRINUSE else ""
        raise PublisherError(f"cannot listen on {host}:{port}: {exc.strerror or exc}{hint}") from None
    if build_first:
        try:
            rebuild()
        except BaseException:
            server.server_close()
            raise
    thread = threading.Thread(target=server.serve_forever, name="publisher-serve", daemon=True)
    thread.start()
    say(f"serving {folder} at {server.url} (Ctrl-C to stop)")
    def ready() -> None:
        watched = [str(f) for f in [*watch_folders, *watch_files] if f.exists()]
        say(f"watching {', '.join(watched) or 'nothing'}{' (polling)' if poll else ''}")
        if open_browser:
            webbrowser.open(server.url)

    try:
        watch(watch_folders, rebuild, server.notify_reload, files=watch_files, poll=poll, stop=stop, echo=say,
              on_ready=ready)
    except KeyboardInterrupt:
        say("stopping")
    finally:
        server.shutdown()
        server.server_close()
        with contextlib.suppress(RuntimeError):
            thread.join(timeout=5)
