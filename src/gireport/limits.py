"""Time and memory limits for one report, in every mode.

A batch run audits each file in a worker process under a time and a memory
limit (:mod:`gireport.batch.pool`).  :func:`run_limited` gives the same
protection to a single file — ``gireport.audit(path)``,
``gireport.parse(path)`` and ``gireport audit report.pdf`` — by running the
work in a child process forked from this one: the child applies the
batch's own memory limit (:func:`apply_memory_limit`, which the batch workers use too,
RLIMIT_AS relative to what the process already maps) and the parent kills it
when the time limit passes.  The result comes back pickled.  Whatever the
input does — exhaust memory, make PDFium abort, loop — the calling
interpreter survives and gets a typed error:
:class:`~gireport.errors.TimeLimitError` or
:class:`~gireport.errors.MemoryLimitError`.

Defaults (:data:`DEFAULT_TIMEOUT`, :data:`DEFAULT_MEMORY_MB`) are the batch
command's.  They apply to files and bytes; report text given as a ``str``
and Documents already loaded are processed in this process unless a limit is
asked for explicitly.  ``limits=False`` in the API, ``--no-limits`` on the
command line, or the environment variable ``GIREPORT_NO_LIMITS=1`` lift them
(for a debugger, say).  Without ``os.fork`` (Windows) the work runs in this
process.

Readers also refuse, before the expensive step, input whose size can be
known to exceed the memory the process may still map
(:func:`memory_budget`): a PDF whose content streams inflate beyond it, a
docx whose zip directory declares more uncompressed data than it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

from .errors import CorruptFileError, GireportError, MemoryLimitError, TimeLimitError

__all__ = ["DEFAULT_TIMEOUT", "DEFAULT_MEMORY_MB", "resolve", "run_limited", "memory_budget", "in_limited_child", "apply_memory_limit", "die_with_parent", "mapped_bytes"]

#: Seconds one file may take (as ``gireport audit --timeout``).
DEFAULT_TIMEOUT = 300.0
#: Megabytes of address space one file may add (as ``gireport audit --memory-mb``).
DEFAULT_MEMORY_MB = 2048

T = TypeVar("T")

_in_child = False
_warm = False


def in_limited_child() -> bool:
    """True inside the child process of :func:`run_limited`."""
    return _in_child


def resolve(file_like: bool, timeout: float | None, memory_mb: int | None, limits: bool = True) -> tuple[float | None, int | None]:
    """The (timeout, memory_mb) to apply: ``None`` means the default for
    files and bytes (``file_like``), no limit for text already in memory;
    ``0`` means no limit; ``limits=False`` lifts both."""
    if not limits or os.environ.get("GIREPORT_NO_LIMITS", "").strip() not in ("", "0") or _in_child:
        return None, None
    t = timeout if timeout is not None else (DEFAULT_TIMEOUT if file_like else None)
    m = memory_mb if memory_mb is not None else (DEFAULT_MEMORY_MB if file_like else None)
    return (float(t) if t and t > 0 else None), (int(m) if m and m > 0 else None)


def mapped_bytes() -> int | None:
    """This process's current address-space size (Linux), or None."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def apply_memory_limit(memory_mb: int | None) -> None:
    """Let this process map at most ``memory_mb`` MB more than it has mapped
    now (RLIMIT_AS = current address space + ``memory_mb``).  Relative, so
    that a worker forked from a large parent (a notebook, a test runner)
    gets the same room to work as one forked from a small one."""
    if not memory_mb:
        return
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return
    limit = int(memory_mb) * 1024 * 1024 + (mapped_bytes() or 0)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def die_with_parent(parent_pid: int | None) -> None:
    """Ask Linux to SIGKILL this worker when its parent dies (a SIGKILLed
    run leaves no worker behind, even one stuck in a hung file)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover
            pass
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(0)  # the parent died before the request took effect

def memory_budget() -> int | None:
    """Bytes this process may still map under its RLIMIT_AS (set by a
    limited run or a batch worker), or ``None`` when there is no limit."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return None
    soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return None
    used = mapped_bytes()
    return max(0, soft - used) if used is not None else soft


_WARM_TEXT = """\
松林县交通运输局2021年政府信息公开工作年度报告
本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。
一、总体情况
2021年，我局主动公开政府信息120条，其中政策文件18条，占15%；工作动态102条，占85%。
全年共收到政府信息公开申请6件，比上年增加2件，增长50%。
二、主动公开政府信息情况
通过门户网站发布信息120条。
三、收到和处理政府信息公开申请情况
本年新收政府信息公开申请6件，上年结转0件，办理结果总计6件。
四、政府信息公开行政复议、行政诉讼情况
未发生行政复议、行政诉讼。
五、存在的主要问题及改进情况
公开内容有待丰富。
六、其他需要报告的事项
无。
"""


def _warm_pdf() -> bytes:
    """A one-page PDF written by hand (a Type0 font that is not embedded)."""
    content = b"BT /F1 12 Tf 72 760 Td <0001000200030004> Tj ET 72 700 m 300 700 l S"
    chars = "\u653f\u5e9c\u4fe1\u606f"
    cmap = "\n".join(f"<{k + 1:04X}> <{ord(ch):04X}>" for k, ch in enumerate(chars))
    to_unicode = (f"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> "
                  f"endcodespacerange {len(chars)} beginbfchar\n{cmap}\nendbfchar endcmap CMapName currentdict "
                  "/CMap defineresource pop end end").encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>stream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
        b"/Supplement 0 >> /DW 1000 /CIDToGIDMap /Identity >>",
        b"<< /Length %d >>stream\n" % len(to_unicode) + to_unicode + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


_calls = 0


def _warm_up() -> None:
    """From the second limited call of this process on, import the readers,
    load jieba's dictionary and run one small audit here, once, so that each
    forked child starts with compiled patterns and filled caches instead of
    paying for them on every call.  A single call (``gireport audit
    report.txt``) pays nothing for warming: its child loads what its own
    file needs — a text report never imports the PDF reader."""
    global _warm, _calls
    _calls += 1
    if _calls < 2 or _warm:
        return
    _warm = True
    try:
        from . import api
        from .load import docx, html, txt  # noqa: F401

        try:
            from .load import pdf, pdffont

            pdffont.install()  # the fixed substitute font, once, inherited by every child
            pdf.load_pdf(_warm_pdf(), None, "<warm-up>")
        except Exception:  # pragma: no cover - PDF support missing
            pass
        api.audit(text=_WARM_TEXT, limits=False)
        from .claims.subject import segment

        segment("政府信息公开申请")  # claim subjects (read only when a message names one)
        from .lazyre import compile_all

        compile_all()  # the patterns the short warm-up text did not reach, too
    except Exception:  # pragma: no cover - warming is an optimisation only
        pass


def _child(fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], memory_mb: int | None, wfd: int) -> None:
    import pickle
    import signal

    global _in_child
    _in_child = True
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and kills this child
    except ValueError:  # pragma: no cover
        pass
    try:
        import faulthandler

        faulthandler.disable()  # a crash is reported by the parent, as a typed error
    except Exception:  # pragma: no cover
        pass
    die_with_parent(os.getppid())
    apply_memory_limit(memory_mb)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))
    try:
        res: tuple[Any, ...] = ("ok", fn(*args, **kwargs))
    except GireportError as e:
        res = ("gerr", type(e), e.path, e.reason)
    except MemoryError:
        res = ("mem",)
    except RecursionError:
        res = ("rec",)
    except BaseException as e:  # noqa: BLE001 - handed to the parent as it is
        import traceback

        res = ("exc", e, traceback.format_exc())
    try:
        payload = pickle.dumps(res, pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        payload = pickle.dumps(("mem",))
    except Exception:  # an unpicklable result (a user's rule object …)
        import traceback

        payload = pickle.dumps(("unpicklable", traceback.format_exc()))
    view = memoryview(payload)
    while view:
        n = os.write(wfd, view[: 1 << 20])
        view = view[n:]
    os.close(wfd)


def _gerr(cls: type[GireportError], path: str, reason: str) -> GireportError:
    e = cls.__new__(cls)
    GireportError.__init__(e, path, reason)
    return e


def run_limited(fn: Callable[..., T], *args: Any, timeout: float | None, memory_mb: int | None, label: str, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` in a forked child under the limits, its
    result returned here; a typed error when a limit is exceeded or the
    child dies.  Runs ``fn`` here when there are no limits or no fork."""
    if (not timeout and not memory_mb) or _in_child or not hasattr(os, "fork"):
        return fn(*args, **kwargs)
    _warm_up()
    sys.stdout.flush()
    sys.stderr.flush()
    pid, rfd = _fork(fn, args, kwargs, memory_mb)
    data, status = _collect(pid, rfd, timeout, label)
    if not data:
        raise _no_result(status, memory_mb, label)
    import pickle  # a process that never forks a limited child never imports it

    res = pickle.loads(data)
    if res[0] == "unpicklable":  # finished within the limits; its result cannot travel: redo it here
        return fn(*args, **kwargs)
    return _outcome(res, memory_mb, label)  # type: ignore[no-any-return]


def _fork(fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], memory_mb: int | None) -> tuple[int, int]:
    """Fork a child that runs ``fn`` and writes its pickled outcome to a
    pipe (see :func:`_child`); returns (its pid, the pipe's read end)."""
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 0
        try:
            os.close(rfd)
            _child(fn, args, kwargs, memory_mb, wfd)
        except BaseException:  # noqa: BLE001
            code = 70
        finally:
            os._exit(code)
    os.close(wfd)
    return pid, rfd


def _collect(pid: int, rfd: int, timeout: float | None, label: str) -> tuple[bytes, int]:
    """(everything the child wrote, its wait status) once it has closed its
    end and exited; the child is killed, and reaped, when the time limit
    passes (:class:`TimeLimitError`) or anything else interrupts the wait."""
    import selectors
    import signal

    t0 = time.monotonic()
    chunks: list[bytes] = []
    status = None
    try:
        with selectors.DefaultSelector() as sel:
            sel.register(rfd, selectors.EVENT_READ)
            while True:
                left = None if not timeout else timeout - (time.monotonic() - t0)
                if left is not None and left <= 0:
                    raise TimeLimitError(label, f"took longer than the time limit ({timeout:g} s); stopped")
                if not sel.select(left):
                    continue
                b = os.read(rfd, 1 << 20)
                if not b:
                    break
                chunks.append(b)
        _, status = os.waitpid(pid, 0)
    except BaseException:
        if status is None:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        raise
    finally:
        os.close(rfd)
    return b"".join(chunks), status


def _no_result(status: int, memory_mb: int | None, label: str) -> GireportError:
    """The error for a child that exited without writing an outcome: most
    likely stopped at the memory limit when there is one, else a crash."""
    import signal

    sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    what = f"signal {signal.Signals(sig).name}" if sig else f"exit status {os.WEXITSTATUS(status)}"
    if memory_mb:
        return MemoryLimitError(label, f"the reader stopped ({what}), most likely at the memory limit ({memory_mb} MB)")
    return CorruptFileError(label, f"the reader crashed on this file ({what})")


def _outcome(res: tuple[Any, ...], memory_mb: int | None, label: str) -> Any:
    """The child's result, or its failure raised here as the same typed
    error (or, for any other exception, the exception itself with the
    child's traceback as a note)."""
    kind = res[0]
    if kind == "ok":
        return res[1]
    if kind == "gerr":
        raise _gerr(res[1], res[2], res[3])
    if kind == "mem":
        lim = f"{memory_mb} MB" if memory_mb else "available memory"
        raise MemoryLimitError(label, f"needs more memory than the limit ({lim})")
    if kind == "rec":
        raise GireportError(label, "structure too deeply nested to analyse")
    exc = res[1]
    if hasattr(exc, "add_note"):
        exc.add_note(f"(raised in the limited child process)\n{res[2]}")
    raise exc
