"""Checking a file before it enters the archive, in a time- and memory-bounded worker process.

PyMuPDF parses hostile input in native code: a crafted file can hang it, exhaust memory or crash
the interpreter. So every file is opened by a separate, long-lived worker process that runs under
an address-space limit; the caller waits at most `timeout_s` for the answer, and a worker that
overruns, crashes or runs out of memory is replaced, so the next file is checked by a fresh one.

The worker decides by content (magic bytes), never by the file name: a PDF is opened, its pages
counted and its first and last page loaded; an encrypted PDF is decrypted into a copy when the
password is right; an image (JPEG, PNG, TIFF with any number of frames, BMP, GIF) becomes a PDF
with one page per frame, sized from the image's resolution.
"""
from __future__ import annotations

import io
import multiprocessing
import os
import re
import sys
import tempfile
import threading
import time
import warnings
from dataclasses import dataclass

from .errors import InvalidInput, StoreError

DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MEMORY_MB = 1024
DEFAULT_DPI = 300.0             # a scan without a resolution is assumed to be a 300 dpi scan
MAX_PAGE_SIDE_PT = 14400.0      # 200 inches: the largest page side readers accept (PDF 1.7, annex C)
STARTUP_TIMEOUT_S = 60.0        # starting Python and importing PyMuPDF on a busy desk

# Test-only fault injection, read by the worker when it starts: a comma-separated list of
# "<file name>:<fault>" pairs, where fault is "hang" (never answers) or "crash" (dies by a signal).
# It lets the tests exercise the timeout and crash paths without a genuinely hostile file.
FAULTS_ENV = "DOSSIER_PROBE_TEST_FAULTS"

_PDF_MAGIC = b"%PDF-"
_PDF_HEADER_WINDOW = 1024       # readers accept up to 1 KB of junk before the header
_IMAGE_MAGICS = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
)


@dataclass(frozen=True)
class Prepared:
    """A file that passed the check: what the importer stores."""

    source: str         # the original file path
    pdf_path: str       # the PDF to store: `source` for a plain PDF, else a temp PDF the caller deletes
    page_count: int
    kind: str           # 'pdf' | 'image' | 'pdf-decrypted'
    converted: bool     # pdf_path is a new temp file
    repaired: bool = False  # MuPDF had to rebuild a damaged PDF's cross-reference table to read it


class ProbeRefused(InvalidInput):
    """The file cannot enter the archive; str(e) is one readable line saying why."""

    def __init__(self, reason: str, path: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.path = path


class ProbeUnavailable(StoreError):
    """The checking worker could not be started; no file can be checked until that is fixed."""


def sniff(head: bytes) -> str | None:
    """The kind of file the first bytes announce: 'pdf', an image format name ('JPEG', 'PNG',
    'TIFF', 'GIF', 'BMP') or None."""
    if _PDF_MAGIC in head[:_PDF_HEADER_WINDOW]:
        return "pdf"
    for magic, fmt in _IMAGE_MAGICS:
        if head.startswith(magic):
            return fmt
    return None


def describe_start(head: bytes, chars: int = 9) -> str:
    """The first characters of a file, printable, for a message such as "starts with 'Hello wor'"."""
    text = head[: chars * 4].decode("utf-8", errors="replace")[:chars]
    return "".join(ch if ch.isprintable() else "." for ch in text)


def page_size_pt(width_px: int, height_px: int, dpi: tuple[float, float] | None) -> tuple[float, float]:
    """The page size in points for an image of this many pixels at this resolution.

    A missing or implausible resolution counts as DEFAULT_DPI; a page that would exceed
    MAX_PAGE_SIDE_PT is scaled down, keeping its proportions."""
    xdpi, ydpi = dpi if dpi else (0.0, 0.0)
    xdpi = float(xdpi) if xdpi and float(xdpi) >= 10 else DEFAULT_DPI
    ydpi = float(ydpi) if ydpi and float(ydpi) >= 10 else DEFAULT_DPI
    width, height = width_px * 72.0 / xdpi, height_px * 72.0 / ydpi
    scale = min(1.0, MAX_PAGE_SIDE_PT / max(width, height, 1e-9))
    return max(width * scale, 1.0), max(height * scale, 1.0)


class Prober:
    """A long-lived worker process that checks files one at a time; reuse it for many files.

    The worker is started with the spawn method (the application ships on Windows, which has
    no fork). It is replaced after a timeout, a crash or an out-of-memory failure, so one
    hostile file never stops the import of the next one. Calls are serialised; use one Prober
    per importing thread for parallel imports."""

    def __init__(self, timeout_s: float = DEFAULT_TIMEOUT_S, memory_mb: int = DEFAULT_MEMORY_MB,
                 workdir: str | None = None):
        """Start the worker. `workdir` receives the temporary PDFs (the system temp folder by default)."""
        if timeout_s <= 0 or memory_mb <= 0:
            raise ValueError("timeout_s and memory_mb must be positive")
        self.timeout_s = float(timeout_s)
        self.memory_mb = int(memory_mb)
        self.workdir = workdir or tempfile.gettempdir()
        self._ctx = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._proc = None
        self._conn = None
        self._ready = False
        self._closed = False
        self.workers_started = 0   # how many worker processes this Prober has needed so far
        self._start_worker()

    @property
    def worker_pid(self) -> int | None:
        """The process id of the current worker, for monitoring (None once closed)."""
        return self._proc.pid if self._proc is not None else None

    def prepare(self, path: str | os.PathLike, password: str | None = None) -> Prepared:
        """Check one file and return what to store; raise ProbeRefused saying why it cannot be stored.

        When the result is `converted`, the caller owns `pdf_path` and deletes it after storing it."""
        source = os.fspath(path)
        with self._lock:
            if self._closed:
                raise ProbeUnavailable("the file checker has been closed")
            self._ensure_ready()
            fd, out_path = tempfile.mkstemp(prefix="probe-", suffix=".pdf", dir=self.workdir)
            os.close(fd)
            keep_output = False
            try:
                answer = self._ask((source, password, out_path))
                status = answer[0]
                if status == "ok":
                    fields = answer[1]
                    keep_output = fields["converted"]
                    return Prepared(source=source, pdf_path=out_path if keep_output else source,
                                    page_count=fields["page_count"], kind=fields["kind"],
                                    converted=keep_output, repaired=fields["repaired"])
                if status == "memory":
                    self._replace_worker()
                    raise ProbeRefused(f"needed more than {self.memory_mb} MB to open", source)
                raise ProbeRefused(answer[1], source)
            finally:
                if not keep_output:
                    _remove_quietly(out_path)

    def close(self) -> None:
        """Stop the worker; the Prober cannot be used afterwards."""
        with self._lock:
            self._closed = True
            self._stop_worker(graceful=True)

    def __enter__(self) -> Prober:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self):
        # A forgotten Prober must not leave a worker process behind.
        try:
            if not self._closed:
                self._stop_worker(graceful=False)
        except Exception:
            pass

    # -- the worker's life cycle ---------------------------------------------------------------

    def _start_worker(self) -> None:
        parent_conn, child_conn = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(target=_worker_main, args=(child_conn, self.memory_mb),
                                 name="dossier-probe", daemon=True)
        proc.start()
        child_conn.close()   # the parent's copy would keep the pipe open after the worker dies
        self._proc, self._conn, self._ready = proc, parent_conn, False
        self.workers_started += 1

    def _stop_worker(self, graceful: bool) -> None:
        proc, conn = self._proc, self._conn
        self._proc, self._conn, self._ready = None, None, False
        if proc is None:
            return
        if graceful and proc.is_alive():
            try:
                conn.send(None)
                proc.join(2.0)
            except (OSError, ValueError):
                pass
        if proc.is_alive():
            proc.kill()
            proc.join(5.0)
        conn.close()
        proc.close()

    def _replace_worker(self) -> None:
        self._stop_worker(graceful=False)
        self._start_worker()

    def _ensure_ready(self) -> None:
        # A worker that died between two files (killed from outside, say) is replaced before
        # the next file is sent, so that file is not blamed for it.
        if self._proc is None or not self._proc.is_alive():
            self._replace_worker()
        if self._ready:
            return
        for attempt in (1, 2):
            if self._conn.poll(max(STARTUP_TIMEOUT_S, self.timeout_s)):
                try:
                    if self._conn.recv()[0] == "ready":
                        self._ready = True
                        return
                except EOFError:
                    pass
            self._replace_worker()
        self._stop_worker(graceful=False)
        raise ProbeUnavailable("the file checker could not be started; restart the application "
                               "and, if that does not help, call support")

    def _ask(self, request: tuple) -> tuple:
        """Send one request and wait for the answer, replacing the worker when it fails.

        The worker acknowledges a request before it opens the file: a worker that dies before the
        acknowledgement died of something else (killed from outside between two files), so the
        request is sent once more to a new worker instead of blaming the file."""
        for attempt in (1, 2):
            deadline = time.monotonic() + self.timeout_s
            acknowledged = False
            try:
                self._conn.send(request)
                if not self._conn.poll(self.timeout_s):
                    break
                message = self._conn.recv()
                if message[0] != "started":
                    return message
                acknowledged = True
                if self._conn.poll(max(0.0, deadline - time.monotonic())):
                    return self._conn.recv()
                break
            except (EOFError, OSError):
                if attempt == 1 and not acknowledged:
                    self._replace_worker()
                    self._ensure_ready()
                    continue
                return ("refused", self._crash_reason())
        self._replace_worker()
        return ("refused", f"took longer than {self.timeout_s:g} s to open – the file may be hostile")

    def _crash_reason(self) -> str:
        proc = self._proc
        proc.join(5.0)
        code = proc.exitcode
        self._replace_worker()
        if code is not None and code < 0:
            import signal
            try:
                how = f"signal {signal.Signals(-code).name}"
            except ValueError:
                how = f"signal {-code}"
        else:
            how = f"exit code {code}"
        return f"the file crashed the checker ({how}) – it is damaged or hostile"


def prepare_file(path: str | os.PathLike, password: str | None = None, **kw) -> Prepared:
    """Check one file with a worker started for it alone (see Prober for the keyword arguments).

    Starting a worker costs a fraction of a second: for many files keep one Prober."""
    with Prober(**kw) as prober:
        return prober.prepare(path, password)


def _remove_quietly(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


# -- the worker process --------------------------------------------------------------------------

class _Refusal(Exception):
    """Raised inside the worker: the file is refused for the reason given."""


class _OutOfMemory(Exception):
    """Raised inside the worker: the memory limit was reached."""


_MEMORY_FAILURE = re.compile(r"\b(malloc|calloc|realloc)\b.*failed|out of memory|cannot allocate", re.I)


def _worker_main(conn, memory_mb: int) -> None:
    """The worker's loop: answer (path, password, out_path) requests until told to stop."""
    import pymupdf
    from PIL import Image

    # The worker reports through its answers; MuPDF's own console chatter would only clutter the
    # application's log (its warnings are still collected and read back for messages).
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    warnings.simplefilter("ignore", Image.DecompressionBombWarning)
    faults = _parse_faults(os.environ.get(FAULTS_ENV, ""))
    _limit_memory(memory_mb)
    conn.send(("ready", os.getpid()))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        source, password, out_path = request
        conn.send(("started",))
        _inject_fault(faults.get(os.path.basename(source)))
        try:
            answer = ("ok", _probe(source, password, out_path))
        except _Refusal as refusal:
            answer = ("refused", str(refusal))
        except (MemoryError, _OutOfMemory):
            answer = ("memory",)
        except Exception as exc:  # anything MuPDF or Pillow raise is a reason to refuse the file
            answer = ("memory",) if _is_memory_failure(exc) else ("refused", f"cannot read the file: {_one_line(exc)}")
        try:
            conn.send(answer)
        except MemoryError:
            return
        if answer[0] == "memory":
            # After an allocation failure native state may be inconsistent: let a new worker go on.
            return


def _parse_faults(spec: str) -> dict[str, str]:
    faults = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        name, _, fault = item.rpartition(":")
        faults[name] = fault
    return faults


def _inject_fault(fault: str | None) -> None:
    if fault == "hang":
        time.sleep(3600)
    elif fault == "crash":
        import signal
        if hasattr(signal, "SIGSEGV") and sys.platform != "win32":
            os.kill(os.getpid(), signal.SIGSEGV)
        os._exit(3)


def _limit_memory(memory_mb: int) -> None:
    """Cap the worker's memory at what it already uses plus memory_mb (best effort per platform)."""
    budget = memory_mb * 1024 * 1024
    if sys.platform == "win32":
        _limit_memory_windows(budget)
        return
    try:
        import resource
    except ImportError:
        return
    baseline = _address_space_bytes()
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = baseline + budget
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass  # macOS does not enforce RLIMIT_AS: the timeout still bounds the worker


def _address_space_bytes() -> int:
    """The worker's current virtual size (Linux); 0 where it cannot be read."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            match = re.search(r"^VmSize:\s+(\d+)\s+kB", status.read(), re.M)
        return int(match.group(1)) * 1024 if match else 0
    except OSError:
        return 0


_WINDOWS_RUNTIME_ALLOWANCE = 256 * 1024 * 1024  # the interpreter, PyMuPDF and Pillow themselves


def _limit_memory_windows(budget: int) -> None:
    """Put the worker in a job object whose per-process commit limit is the budget."""
    import ctypes
    from ctypes import wintypes

    class IoCounters(ctypes.Structure):
        _fields_ = [(name, ctypes.c_ulonglong) for name in (
            "ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
            "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")]

    class BasicLimits(ctypes.Structure):
        _fields_ = [("PerProcessUserTimeLimit", ctypes.c_longlong), ("PerJobUserTimeLimit", ctypes.c_longlong),
                    ("LimitFlags", wintypes.DWORD), ("MinimumWorkingSetSize", ctypes.c_size_t),
                    ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", wintypes.DWORD),
                    ("Affinity", ctypes.c_size_t), ("PriorityClass", wintypes.DWORD),
                    ("SchedulingClass", wintypes.DWORD)]

    class ExtendedLimits(ctypes.Structure):
        _fields_ = [("BasicLimitInformation", BasicLimits), ("IoInfo", IoCounters),
                    ("ProcessMemoryLimit", ctypes.c_size_t), ("JobMemoryLimit", ctypes.c_size_t),
                    ("PeakProcessMemoryUsed", ctypes.c_size_t), ("PeakJobMemoryUsed", ctypes.c_size_t)]

    JOB_OBJECT_LIMIT_PROCESS_MEMORY = 0x100
    JOB_OBJECT_EXTENDED_LIMIT_INFORMATION = 9
    try:
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.CreateJobObjectW.restype = wintypes.HANDLE
        kernel32.GetCurrentProcess.restype = wintypes.HANDLE
        job = kernel32.CreateJobObjectW(None, None)
        if not job:
            return
        info = ExtendedLimits()
        info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_PROCESS_MEMORY
        info.ProcessMemoryLimit = budget + _WINDOWS_RUNTIME_ALLOWANCE
        if kernel32.SetInformationJobObject(wintypes.HANDLE(job), JOB_OBJECT_EXTENDED_LIMIT_INFORMATION,
                                            ctypes.byref(info), ctypes.sizeof(info)):
            kernel32.AssignProcessToJobObject(wintypes.HANDLE(job), wintypes.HANDLE(kernel32.GetCurrentProcess()))
    except (OSError, AttributeError):
        pass  # no job object: the timeout still bounds the worker


def _probe(source: str, password: str | None, out_path: str) -> dict:
    try:
        size = os.path.getsize(source)
        with open(source, "rb") as handle:
            head = handle.read(_PDF_HEADER_WINDOW)
    except OSError as exc:
        raise _Refusal(f"cannot read the file ({exc.strerror or _one_line(exc)})") from None
    if size == 0:
        raise _Refusal("empty file (0 bytes)")
    kind = sniff(head)
    if kind is None:
        raise _Refusal(f"not a PDF or image (starts with '{describe_start(head)}')")
    if kind == "pdf":
        return _probe_pdf(source, password, out_path)
    return _convert_image(source, kind, out_path)


def _probe_pdf(source: str, password: str | None, out_path: str) -> dict:
    import pymupdf

    pymupdf.TOOLS.mupdf_warnings(reset=True)
    try:
        # filetype forces the PDF parser whatever the file is called
        doc = pymupdf.open(source, filetype="pdf")
    except Exception as exc:
        _raise_unless_memory(exc)
        raise _Refusal(f"damaged PDF: {_mupdf_reason(exc)}") from None
    with doc:
        decrypted = False
        # needs_pass is read before authenticate() only: reading it afterwards makes PyMuPDF 1.28
        # write the decrypted copy with its streams still encrypted.
        if doc.needs_pass:
            if not password:
                raise _Refusal("encrypted: a password is needed")
            if not doc.authenticate(password):
                raise _Refusal("wrong password")
            decrypted = True
        try:
            count = doc.page_count
            if count < 1:
                raise _Refusal("damaged PDF: it has no pages")
            doc.load_page(0)
            doc.load_page(count - 1)
            repaired = bool(doc.is_repaired)
            if decrypted:
                # Every desk must read the stored copy without knowing the password.
                doc.save(out_path, encryption=pymupdf.PDF_ENCRYPT_NONE, garbage=1)
        except _Refusal:
            raise
        except Exception as exc:
            _raise_unless_memory(exc)
            raise _Refusal(f"damaged PDF: {_mupdf_reason(exc)}") from None
    return {"page_count": count, "kind": "pdf-decrypted" if decrypted else "pdf",
            "converted": decrypted, "repaired": repaired}


def _convert_image(source: str, fmt: str, out_path: str) -> dict:
    import pymupdf
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(source)
    except Image.DecompressionBombError as exc:
        raise _Refusal(f"image too large to open safely ({_one_line(exc)})") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        _raise_unless_memory(exc)
        raise _Refusal(f"damaged {fmt} image: {_one_line(exc)}") from None
    with image, pymupdf.open() as out:
        frames = getattr(image, "n_frames", 1)
        for index in range(frames):
            try:
                image.seek(index)
                width, height = image.size
                page_width, page_height = page_size_pt(width, height, image.info.get("dpi"))
                page = out.new_page(width=page_width, height=page_height)
                if frames == 1 and fmt in ("JPEG", "PNG"):
                    # Handing MuPDF the file itself embeds a JPEG as it is (no re-encoding) and keeps
                    # a PNG lossless; pages of multi-frame files are taken one frame at a time.
                    with open(source, "rb") as handle:
                        page.insert_image(page.rect, stream=handle.read(), keep_proportion=False)
                else:
                    page.insert_image(page.rect, stream=_frame_as_png(image), keep_proportion=False)
            except _Refusal:
                raise
            except Exception as exc:
                _raise_unless_memory(exc)
                raise _Refusal(f"damaged {fmt} image: {_one_line(exc)} (frame {index + 1} of {frames})") from None
        count = out.page_count
        out.save(out_path, garbage=1, deflate=True)
    return {"page_count": count, "kind": "image", "converted": True, "repaired": False}


def _frame_as_png(image) -> bytes:
    """The current frame as PNG bytes, in a mode PNG can hold (lossless)."""
    frame = image
    if frame.mode in ("CMYK", "YCbCr", "LAB", "HSV"):
        frame = frame.convert("RGB")
    elif frame.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I;16"):
        frame = frame.convert("RGBA" if "A" in frame.mode else "L" if frame.mode.startswith(("I", "F")) else "RGB")
    buffer = io.BytesIO()
    frame.save(buffer, "PNG", compress_level=1)  # MuPDF re-compresses it anyway
    return buffer.getvalue()


def _is_memory_failure(exc: BaseException) -> bool:
    return isinstance(exc, MemoryError) or bool(_MEMORY_FAILURE.search(str(exc)))


def _raise_unless_memory(exc: BaseException) -> None:
    if _is_memory_failure(exc):
        raise _OutOfMemory() from None


def _mupdf_reason(exc: BaseException) -> str:
    """MuPDF's own words for why a PDF could not be read: the exception, plus its first warning."""
    import pymupdf

    reason = re.sub(r"^code=\d+:\s*", "", _one_line(exc)) or type(exc).__name__
    details = [line.strip() for line in pymupdf.TOOLS.mupdf_warnings(reset=True).splitlines() if line.strip()]
    if details and reason.startswith("Failed to open"):
        return details[0]   # PyMuPDF's wrapper only names the file; MuPDF's first complaint says why
    if details and details[0].lower() not in reason.lower():
        reason = f"{reason} ({details[0]})"
    return reason


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] + "…" if len(text) > 200 else text
