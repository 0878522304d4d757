"""Run reading in a child process with memory and time limits, so a bomb or a hang costs one job.

The child gets its own process group, so a tesseract it started dies with it. Children come from a
forkserver: a clean single-threaded parent, safe to fork from a threaded program.

A failure in the child is the file's fault (CorruptFile: ask the sender for another) only when the file
provoked it: a parser library's own error, or any error raised inside a library while it chewed the bytes.
An error raised in our own code (an AttributeError, a TypeError, a NameError in intake/, verify/, ...) is
a bug of ours: InternalFault, treatment operator, logged here with the child's traceback.
"""
import logging
import multiprocessing
import os
import resource
import signal
import traceback

from .errors import CorruptFile, IntakeError, InternalFault, ReadTimeout, ResourceLimit
from .limits import Limits

log = logging.getLogger("intake.sandbox")

# Our top-level packages: an exception whose innermost frame is in one of them was raised by our code.
OUR_PACKAGES = frozenset({"intake", "verify", "registries", "actions", "odzysk", "standins", "samples"})
# Libraries whose own exception classes mean "these bytes cannot be decoded", wherever they surface (a C
# function such as cv2's or zlib's raises from our frame, having none of its own).
DECODERS = frozenset({"PIL", "pdfminer", "pdfplumber", "pypdfium2", "pypdfium2_raw", "cv2", "zlib", "struct",
                      "lzma", "bz2", "email", "binascii"})
# Never a reaction to input, wherever raised: a name or a module that is not there.
PROGRAMMING_ERRORS = (NameError, ImportError)

_context = multiprocessing.get_context("forkserver")
# Loaded once in the forkserver, before it forks: a reader that had to import a module (or load a model)
# itself would pay for it on every file. "__main__" is multiprocessing's own default: without it each
# reader imports the program's main module again.
_preloaded = ["__main__", "intake.preload"]
_context.set_forkserver_preload(_preloaded)


def preload(*modules: str) -> None:
    """Have the forkserver import these too (the modules of the functions that readers are given). Call
    at import time: once the forkserver runs, the list is read."""
    _preloaded.extend(m for m in modules if m not in _preloaded)
    _context.set_forkserver_preload(_preloaded)


def run_isolated(function, *args, limits: Limits):
    """function(*args) in a limited child; its result, or the IntakeError that explains the failure."""
    receiver, sender = _context.Pipe(duplex=False)
    child = _context.Process(target=_child, args=(sender, limits.memory_bytes, function, args), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(limits.file_timeout_s):
            raise ReadTimeout(f"Odczyt pliku przekroczył {limits.file_timeout_s:.0f} s i został przerwany.")
        status, payload = receiver.recv()
    except EOFError:
        child.join(5)
        status, payload = "error", _death(child.exitcode)
    finally:
        _kill(child)
        receiver.close()
    if status == "error":
        if isinstance(payload, InternalFault):
            log.error("our code failed while reading a file (not the file's fault): %s\n%s",
                      payload.problem, payload.details)
        raise payload
    return payload


def _child(sender, memory_bytes: int, function, args) -> None:
    os.setpgrp()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        result = ("ok", function(*args))
    except IntakeError as error:
        result = ("error", error)
    except MemoryError:
        result = ("error", ResourceLimit("Odczyt pliku przekroczył limit pamięci."))
    except RecursionError:
        result = ("error", CorruptFile("Struktura pliku jest zapętlona lub zbyt głęboka."))
    except Exception as error:
        result = ("error", explain(error))
    sender.send(result)
    sender.close()


def explain(error: Exception) -> IntakeError:
    """The IntakeError for an unexpected exception: the file's fault or ours (see the module's text)."""
    detail = str(error)[:200]   # a parser may quote the whole hostile input back
    if provoked_by_file(error):
        return CorruptFile(f"Nie udało się odczytać pliku ({type(error).__name__}: {detail}).")
    return InternalFault(f"Błąd programu podczas odczytu pliku ({type(error).__name__}: {detail}).",
                         "".join(traceback.format_exception(error)))


def provoked_by_file(error: Exception) -> bool:
    """True for a decoder's own error, or any other error raised inside a library (not by our code);
    False for a programming error, or anything raised by a frame of our packages."""
    if _top_level(type(error).__module__) in DECODERS:
        return True
    if isinstance(error, PROGRAMMING_ERRORS):
        return False
    return _top_level(_innermost_module(error)) not in OUR_PACKAGES


def _innermost_module(error: Exception) -> str:
    """The module of the frame that raised `error` (the last one of its traceback)."""
    tb = error.__traceback__
    if tb is None:
        return ""
    while tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_globals.get("__name__", "")


def _top_level(module: str) -> str:
    return (module or "").partition(".")[0]


def _death(exitcode) -> IntakeError:
    if exitcode in (-signal.SIGKILL, -signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS):
        return ResourceLimit(f"Proces odczytu zakończył się awaryjnie (sygnał {-exitcode}), "
                             "zwykle przez przekroczenie limitu pamięci.")
    if exitcode is not None and exitcode >= 0:    # Python itself ended it: an error outside `_child`'s guard
        return InternalFault(f"Proces odczytu zakończył się bez wyniku (kod {exitcode}).",
                             "the child exited before sending a result; its traceback, if any, is on stderr")
    return CorruptFile(f"Proces odczytu zakończył się bez wyniku (kod {exitcode}).")


def _kill(child) -> None:
    """End the child and whatever it started (an orphaned tesseract keeps the group alive)."""
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if child.is_alive():
        child.kill()
    child.join(5)
