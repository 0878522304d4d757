"""Each bad file gets a result with an error and verdict reject, and the batch goes on to the next file."""
import io
import json
import os
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
import numpy as np
from PIL import Image
from reportlab.lib import pdfencrypt

from conftest import letter_pdf, run_odzysk

pytestmark = pytest.mark.hostile


def _png_claiming(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + chunk(b"IEND", b"")


def _jpeg(truncate: bool) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(np.full((800, 600), 255, np.uint8)).save(buffer, "JPEG")
    data = buffer.getvalue()
    return data[: len(data) // 3] if truncate else data


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _bad_files(tmp_path) -> dict[str, str]:
    files = {}

    def put(name: str, data: bytes, code: str):
        (tmp_path / name).write_bytes(data)
        files[str(tmp_path / name)] = code

    put("empty.pdf", b"", "empty_file")
    whole = letter_pdf(tmp_path / "whole.pdf").read_bytes()
    put("truncated.pdf", whole[: len(whole) // 2], "corrupt")
    put("truncated.jpg", _jpeg(truncate=True), "corrupt")
    put("bomb.png", _png_claiming(60000, 60000), "too_large")
    letter_pdf(tmp_path / "encrypted.pdf", encrypt=pdfencrypt.StandardEncryption("tajne", ownerPassword="x"))
    files[str(tmp_path / "encrypted.pdf")] = "encrypted"
    letter_pdf(tmp_path / "pages500.pdf", lines=["strona"], pages=500)
    files[str(tmp_path / "pages500.pdf")] = "too_many_pages"
    put("letter.zip", _zip({"letter.pdf": whole}), "archive")
    put("letter.docx", _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}), "archive")
    put("program.pdf", Path("/bin/true").read_bytes(), "unsupported_type")
    return files


def test_every_bad_file_gets_a_reject_and_the_batch_goes_on(tmp_path, good_letter):
    files = _bad_files(tmp_path)
    done = run_odzysk("check", "--json", "--as-of", "2026-11-25", *files, str(good_letter))
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["file"] for r in results] == list(files) + [str(good_letter)]
    for result in results[:-1]:
        assert result["verdict"] == "reject", result
        assert result["error"]["code"] == files[result["file"]], result
        assert result["error"]["message"]
    good = results[-1]
    assert good["error"] is None and good["kind"] == "mfa_removal"
    assert good["fields"]["nip"] == "1578308628"


@pytest.mark.parametrize("engine", ["api", "cli"])
def test_ocr_that_does_not_end_is_stopped_and_reported(tmp_path, good_letter, engine):
    """Either engine stops a recognition at its limit, and the file is refused with a timeout."""
    # Dense random "glyphs": tesseract needs far longer than the limit set here.
    rng = np.random.default_rng(1)
    page = np.full((3508, 2480), 255, np.uint8)
    for x, y in zip(rng.integers(0, 2450, 40000), rng.integers(0, 3480, 40000)):
        page[y:y + rng.integers(8, 30), x:x + rng.integers(3, 20)] = 0
    Image.fromarray(page).save(tmp_path / "noise.png")
    env = dict(os.environ, ODZYSK_OCR_TIMEOUT_S="0.2", ODZYSK_OCR_ENGINE=engine)
    done = run_odzysk("check", "--json", str(tmp_path / "noise.png"), str(good_letter), env=env)
    assert done.returncode == 0, done.stderr
    first = json.loads(done.stdout.splitlines()[0])
    assert first["error"]["code"] == "timeout" and first["verdict"] == "reject"


def test_a_file_that_takes_too_long_is_killed(tmp_path, good_letter):
    env = dict(os.environ, ODZYSK_FILE_TIMEOUT_S="0.5")
    done = run_odzysk("check", "--json", str(good_letter), env=env)
    assert done.returncode == 0
    result = json.loads(done.stdout)
    assert result["error"]["code"] == "timeout"


def test_missing_file_is_a_usage_error(tmp_path, good_letter):
    done = run_odzysk("check", str(tmp_path / "nope.pdf"), str(good_letter))
    assert done.returncode == 2
    assert "nope.pdf" in done.stderr
    assert run_odzysk("check").returncode == 2
