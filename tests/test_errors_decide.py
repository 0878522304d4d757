"""Errors that decide (issue 9, item 5): one base with a code, a treatment, a Polish message and advice;
the actors retry what the treatment says; the sandbox tells the file's fault from a fault of our code."""
import io
import logging
import pickle
import struct
import time

import cv2
import dramatiq
import numpy as np
import pytest
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware import Retries
from PIL import Image

from conftest import letter_pdf
from actions.cases.decisions import DecisionRefused
from registries.application import AppFault, AppRefused
from actions.execution.executor import TryLater
from actions.execution.smtp import NoticeError
from actions.store.files import FileStoreError
from intake.errors import CorruptFile, IntakeError, InternalFault, OdzyskError, ToolMissing, Treatment
from intake.limits import Limits
from intake.mailbox import MailboxRefused, MailboxUnavailable
from intake.read import read_document
from intake.sandbox import provoked_by_file, run_isolated
from odzysk.broker import retry_when
from registries.registry_errors import RegistryBadAnswer, RegistryError, RegistryUnavailable
from verify.letter import decisive_lines
from verify.pipeline import unreadable

LIMITS = Limits(file_timeout_s=60)


# --- one base ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("error, treatment", [
    (CorruptFile("Plik jest uszkodzony."), Treatment.REJECT),
    (ToolMissing("Brak programu tesseract."), Treatment.OPERATOR),
    (MailboxUnavailable("Brak połączenia."), Treatment.RETRY),
    (MailboxRefused("Złe hasło."), Treatment.OPERATOR),
    (RegistryUnavailable("krs", "http-503", "KRS nie odpowiada."), Treatment.RETRY),
    (RegistryBadAnswer("wl", "WL-113", "Wykaz odpowiedział błędem."), Treatment.OPERATOR),
    (TryLater("Aplikacja nie odpowiada."), Treatment.RETRY),
    (NoticeError("Serwer poczty chwilowo nie przyjął.", "retry"), Treatment.RETRY),
    (NoticeError("Serwer poczty odrzucił adresatów.", "operator"), Treatment.OPERATOR),
    (DecisionRefused("Ta sprawa nie czeka na decyzję."), Treatment.OPERATOR),
    (FileStoreError("Brak pliku w magazynie."), Treatment.OPERATOR),
    (InternalFault("Błąd programu."), Treatment.OPERATOR),
], ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value))
def test_every_error_has_a_code_a_treatment_and_a_polish_message(error, treatment):
    assert isinstance(error, OdzyskError)
    assert error.treatment is treatment and error.treatment == treatment.value   # a StrEnum: "retry" etc.
    assert error.code and error.code != OdzyskError.code
    assert error.message.startswith(error.problem)
    copy = pickle.loads(pickle.dumps(error))                # the sandbox and the queue carry errors
    assert (type(copy), copy.code, copy.treatment, copy.message) == (type(error), error.code, error.treatment,
                                                                    error.message)


def test_the_message_is_the_problem_then_the_advice():
    error = CorruptFile("Plik jest uszkodzony.")
    assert error.message == f"Plik jest uszkodzony. {CorruptFile.advice}" and str(error) == "Plik jest uszkodzony."
    assert RegistryError("krs", "shape", "KRS odpowiedział czymś nieczytelnym.").message == (
        "KRS odpowiedział czymś nieczytelnym.")
    assert str(RegistryError("krs", "shape", "x")) == "krs [shape]: x"


# --- the actors retry what the treatment says ----------------------------------------------------------

@pytest.mark.parametrize("error, retried", [
    (TryLater("Aplikacja nie odpowiada."), True),
    (AppFault("5xx"), True),
    (NoticeError("Serwer poczty chwilowo nie przyjął.", "retry"), True),
    (MailboxUnavailable("Brak połączenia."), True),
    (NoticeError("Serwer poczty odrzucił adresatów.", "operator"), False),
    (AppRefused("403"), False),
    (FileStoreError("Brak pliku."), False),
    (MailboxRefused("Złe hasło."), False),
    (CorruptFile("Plik jest uszkodzony."), False),
    (RuntimeError("a bug of ours, or a fault from below nobody wrapped"), True),
], ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value))
def test_the_treatment_decides_what_is_retried(error, retried):
    decide = retry_when(3)
    assert [decide(n, error) for n in range(5)] == [retried] * 3 + [False] * 2


def test_a_notice_refused_for_good_is_tried_once_and_one_refused_for_now_again():
    """Through dramatiq itself: an actor declared as the letters and actions actors are."""
    broker = StubBroker()
    broker.emit_after("process_boot")
    calls = []

    @dramatiq.actor(broker=broker, retry_when=retry_when(2), min_backoff=1, max_backoff=1)
    def send_notice(treatment):
        calls.append(treatment)
        raise NoticeError("Serwer poczty nie przyjął powiadomienia.", treatment)

    assert any(isinstance(m, Retries) for m in broker.middleware)
    worker = dramatiq.Worker(broker, worker_timeout=50)
    worker.start()
    try:
        send_notice.send("operator")
        send_notice.send("retry")
        broker.join(send_notice.queue_name, timeout=10_000, fail_fast=False)
        worker.join()
    finally:
        worker.stop()
    assert calls.count("operator") == 1 and calls.count("retry") == 3


# --- the sandbox: the file's fault, or ours ------------------------------------------------------------

def _tiff_whose_second_page_has_no_size() -> bytes:
    """A real hostile file: the first page is sound, the second directory names no width or height, so
    Pillow's own code raises TypeError("Missing dimensions") when the reader turns the page."""
    out = io.BytesIO()
    Image.new("L", (8, 8), 255).save(out, "TIFF")
    data = bytearray(out.getvalue())
    first = struct.unpack_from("<I", data, 4)[0]
    entries = struct.unpack_from("<H", data, first)[0]
    struct.pack_into("<I", data, first + 2 + 12 * entries, len(data))          # the next directory: ...
    data += struct.pack("<H", 1) + struct.pack("<HHII", 259, 3, 1, 1) + struct.pack("<I", 0)   # ... sizeless
    return bytes(data)


@pytest.mark.hostile
def test_a_library_failing_on_hostile_bytes_is_the_files_fault():
    with pytest.raises(IntakeError) as caught:
        run_isolated(read_document, _tiff_whose_second_page_has_no_size(), LIMITS, limits=LIMITS)
    assert type(caught.value) is CorruptFile and caught.value.treatment == "reject"
    assert "TypeError" in caught.value.message and "Poproś nadawcę" in caught.value.message


def _assert_ours(error: IntakeError, records, where: str) -> None:
    assert type(error) is InternalFault and error.code == "internal" and error.treatment == "operator"
    assert "nie wina nadawcy" in error.message and "Poproś nadawcę" not in error.message
    logged = [r for r in records if r.name == "intake.sandbox" and r.levelno == logging.ERROR]
    assert logged and "Traceback" in logged[0].getMessage() and where in logged[0].getMessage()


@pytest.mark.hostile
def test_a_bug_in_our_reading_code_is_ours_not_the_senders(tmp_path, caplog):
    """The same entry point with a broken call: the AttributeError rises in intake/read.py."""
    data = letter_pdf(tmp_path / "letter.pdf").read_bytes()
    with caplog.at_level(logging.ERROR, logger="intake.sandbox"), pytest.raises(IntakeError) as caught:
        run_isolated(read_document, data, "not the limits", limits=LIMITS)
    _assert_ours(caught.value, caplog.records, "intake/read.py")


def focus_with_a_bug(lines):
    """The verify stage's hook into reading, handing on the lines' texts where it means the lines."""
    return decisive_lines(tuple(line.text for line in lines))


@pytest.mark.hostile
def test_a_bug_in_the_verify_stage_run_by_the_reader_is_ours(tmp_path, caplog):
    data = letter_pdf(tmp_path / "letter.pdf").read_bytes()
    with caplog.at_level(logging.ERROR, logger="intake.sandbox"), pytest.raises(IntakeError) as caught:
        run_isolated(read_document, data, LIMITS, focus_with_a_bug, limits=LIMITS)
    _assert_ours(caught.value, caplog.records, "verify/letter.py")
    assert "AttributeError" in caught.value.message


def _raised_in(module: str, code: str, **names) -> Exception:
    """The exception `code` raises when run as a frame of `module` (as if that line were in it)."""
    try:
        exec(compile(code, f"<{module}>", "exec"), {"__name__": module, **names})
    except Exception as error:
        return error
    raise AssertionError("nothing raised")


def test_which_exceptions_the_file_provoked():
    empty = np.zeros((0, 0), np.uint8)
    # A decoder's own error class is the file's fault even from our frame (C functions have none).
    assert provoked_by_file(_raised_in("intake.cleanup", "cv2.resize(empty, (1, 1))", cv2=cv2, empty=empty))
    assert provoked_by_file(_raised_in("intake.images", "struct.unpack('<I', b'')", struct=struct))
    # A plain error raised by our own code is ours, whatever its type.
    assert not provoked_by_file(_raised_in("verify.letter", "None.box"))
    assert not provoked_by_file(_raised_in("intake.read", "int('x')"))
    # Raised inside a library: the bytes it was chewing; a name that is not there never is.
    assert provoked_by_file(_raised_in("PIL.TiffImagePlugin", "raise TypeError('Missing dimensions')"))
    assert not provoked_by_file(_raised_in("PIL.Image", "undefined_name"))


def test_a_fault_of_ours_sends_the_case_to_a_person_and_a_bad_file_rejects_it():
    ours = unreadable("pismo.pdf", InternalFault("Błąd programu."), time.monotonic())
    theirs = unreadable("pismo.pdf", CorruptFile("Plik uszkodzony."), time.monotonic())
    assert ours.verdict == "review" and ours.checks[0].status == "inconclusive"
    assert ours.error.code == "internal" and ours.error.treatment == "operator"
    assert theirs.verdict == "reject" and theirs.checks[0].status == "fail"
