"""The two OCR engines (intake/ocr.py): tesseract's library in process, its models loaded once before the
sandbox forks its readers, and the tesseract program. Both are real tesseract on real pages."""
import threading
import time

import numpy as np
import pytest

from conftest import ROOT, letter_pdf, run_odzysk
from intake import ocr
from intake.errors import ReadTimeout, ToolMissing
from intake.limits import Limits
from intake.read import read_document
from intake.sandbox import run_isolated
from verify.letter import decisive_lines

API = Limits(ocr_engine="api")


def _models_of_this_thread() -> list[str]:
    return sorted(lang for thread, lang in ocr._apis if thread == threading.get_ident())


def _read_for_ever(limits: Limits) -> None:
    page = np.full((3508, 2480), 255, np.uint8)
    page[::40, :] = 0
    while True:
        ocr.read_lines(page, limits)


def test_a_reader_starts_with_both_models_loaded():
    """The forkserver loads them once; every reader it forks has them (no reader loads a model)."""
    assert run_isolated(_models_of_this_thread, limits=Limits()) == ["eng", "pol"]
    assert run_isolated(_models_of_this_thread, limits=Limits()) == ["eng", "pol"]


def test_a_reader_killed_inside_tesseract_costs_one_file_and_the_next_file_is_read(tmp_path):
    started = time.monotonic()
    with pytest.raises(ReadTimeout):
        run_isolated(_read_for_ever, API, limits=Limits(file_timeout_s=2, ocr_engine="api"))
    assert time.monotonic() - started < 5
    document = run_isolated(read_document, letter_pdf(tmp_path / "good.pdf").read_bytes(), API, limits=API)
    assert "1578308628" in document.pages[0].text.replace("-", "")


@pytest.mark.parametrize("name", ["0031.jpg", "0008.png", "0005.tif"])
def test_both_engines_read_a_scan_alike(name):
    """The library built against the system's tesseract reads exactly as its program: the same words,
    confidences and boxes, the same second readings (samples: a dirty scan, a clean one, a fax)."""
    assert ocr.versions(API)["tesseract"] == ocr.versions(Limits(ocr_engine="cli"))["tesseract"], \
        "tesserocr is not built against the system's tesseract: `make setup` builds it so (--no-binary)"
    data = (ROOT / "samples" / "letters" / name).read_bytes()
    api = read_document(data, API, decisive_lines)
    cli = read_document(data, Limits(ocr_engine="cli"), decisive_lines)
    assert [page.lines for page in api.pages] == [page.lines for page in cli.pages]
    assert [page.rereads for page in api.pages] == [page.rereads for page in cli.pages]
    assert any(page.rereads for page in api.pages)


def test_an_unknown_engine_is_refused_with_the_choices():
    with pytest.raises(ToolMissing) as caught:
        ocr.read_lines(np.full((100, 100), 255, np.uint8), Limits(ocr_engine="gpu"))
    assert "auto, api albo cli" in caught.value.problem


def test_versions_name_the_engine_and_the_tesseract_that_reads():
    api, cli = ocr.versions(API), ocr.versions(Limits(ocr_engine="cli"))
    assert api["ocr engine"] == "api" and cli["ocr engine"] == "cli"
    assert api["tesseract"][:2] in ("4.", "5.") and cli["tesseract"][:2] in ("4.", "5.")
    assert "pol.traineddata" in api and "eng.traineddata" in cli


def test_a_document_says_where_its_time_went_and_how_much_memory_its_reader_took(tmp_path):
    document = run_isolated(read_document, letter_pdf(tmp_path / "good.pdf").read_bytes(), API, decisive_lines,
                            limits=API)
    stages = dict(document.stages)
    assert set(stages) == {"decode", "clean-up", "orientation", "ocr", "under stamps", "second opinion", "marks", "preview"}
    assert stages["ocr"] > 0 and stages["second opinion"] > 0 and stages["decode"] > 0
    assert sum(stages.values()) <= document.seconds
    assert 50 < document.peak_memory_mb < 3072


def test_bench_prints_the_ratio_letters_per_minute_the_stages_and_peak_memory():
    done = run_odzysk("bench", "samples/letters", "--runs", "1", "--limit", "2", "--stages", timeout=600)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for expected in ("ratio odzysk / plain:", "letters per minute:", "single file (0001.pdf):",
                     "ocr engine api, tesseract 5.", "second opinion", "sandbox, transfer",
                     "peak memory of a reading process: median"):
        assert expected in out, out
    ratio = float(out.split("ratio odzysk / plain:")[1].split()[0])
    assert 0 < ratio < 10
