"""Run reading in a child process with memory and time limits, so a bomb or a hang costs one job.

The child gets its own process group, so a tesseract it started dies with it. Children come from a
forkserver: a clean single-threaded parent, safe to fork from a threaded program.
"""
import multiprocessing
import os
import resource
import signal

from .errors import CorruptFile, IntakeError, ReadTimeout, ResourceLimit
from .limits import Limits

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["intake.read"])


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
        raise _death(child.exitcode) from None
    finally:
        _kill(child)
        receiver.close()
    if status == "error":
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
    except Exception as error:  # a parser's own failure on a bad file: the file is the problem
        detail = str(error)[:200]   # a parser may quote the whole hostile input back
        result = ("error", CorruptFile(f"Nie udało się odczytać pliku ({type(error).__name__}: {detail})."))
    sender.send(result)
    sender.close()


def _death(exitcode) -> IntakeError:
    if exitcode in (-signal.SIGKILL, -signal.SIGSEGV, -signal.SIGABRT, -signal.SIGBUS):
        return ResourceLimit(f"Proces odczytu zakończył się awaryjnie (sygnał {-exitcode}), "
                             "zwykle przez przekroczenie limitu pamięci.")
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
