"""`odzysk check` end to end on generated pages: every input form, orientation, and the result's shape."""
import json

import pypdfium2 as pdfium
import pytest
from PIL import Image

from conftest import LETTER, letter_pdf, run_odzysk

EXPECTED = {"kind": "mfa_removal", "nip": "1578308628", "operator_nip": "5471824223",
            "account": "jan.kowalski@example-serwis.pl", "signers": ["Jan Kowalski"], "date": "2026-11-12",
            "city": "Kraków"}


@pytest.fixture(scope="module")
def page_image(tmp_path_factory):
    pdf = letter_pdf(tmp_path_factory.mktemp("page") / "letter.pdf")
    return pdfium.PdfDocument(str(pdf))[0].render(scale=300 / 72).to_pil().convert("L")


def check(*paths, env=None) -> list[dict]:
    done = run_odzysk("check", "--json", "--as-of", "2026-11-25", *map(str, paths), env=env)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def assert_read(result: dict):
    assert result["error"] is None, result["error"]
    assert result["kind"] == EXPECTED["kind"]
    for name in ("nip", "operator_nip", "account", "signers", "date", "city"):
        assert result["fields"][name] == EXPECTED[name], (name, result["fields"][name])


def test_every_input_form_and_orientation(tmp_path, page_image):
    paths = []
    for angle in (0, 90, 180, 270):
        path = tmp_path / f"turned{angle}.bin"          # the name says nothing of the type
        page_image.rotate(-angle, expand=True).save(path, "PNG")
        paths.append(path)
    page_image.rotate(4, expand=True, fillcolor=255).save(tmp_path / "skewed.jpg", "JPEG", quality=70)
    page_image.convert("1").save(tmp_path / "fax.tif", "TIFF", compression="group4", dpi=(204, 196),
                                 save_all=True, append_images=[Image.new("1", page_image.size, 1)])
    page_image.save(tmp_path / "scanned.pdf", "PDF", resolution=300)
    paths += [tmp_path / "skewed.jpg", tmp_path / "fax.tif", tmp_path / "scanned.pdf"]
    results = check(*paths)
    for result in results:
        assert_read(result)
    assert [r["pages"]["rotation"][0] for r in results[:4]] == [0, 270, 180, 90]
    fax = results[5]
    assert fax["pages"]["count"] == 2 and fax["pages"]["blank"] == [2]


def test_result_carries_confidence_page_and_box_for_each_field(tmp_path):
    result = check(letter_pdf(tmp_path / "letter.pdf"))[0]
    assert_read(result)
    for name in ("nip", "account", "signers", "date", "company"):
        source = result["sources"][name]
        assert 0 < source["confidence"] <= 1 and source["page"] == 1
        x0, y0, x1, y1 = source["box"]
        assert 0 <= x0 < x1 <= 2480 and 0 <= y0 < y1 <= 3508
    statuses = {c["name"]: c["status"] for c in result["checks"]}
    assert statuses["nip_checksum"] == statuses["operator_nip"] == statuses["date"] == "pass"
    assert statuses["text_layer"] == "pass" and statuses["pdf_structure"] == "pass"
    # No handwriting and no stamp on this born-digital letter, all of whose print the text layer
    # holds: positively unsigned, so rejected (the help page asks for a signature).
    assert statuses["signatures"] == "fail" and statuses["stamp"] == "inconclusive"
    assert result["verdict"] == "reject"


@pytest.mark.hostile
def test_pages_that_disagree_are_rejected(tmp_path):
    second = [line.replace("jan.kowalski@example-serwis.pl", "inne.konto@example-serwis.pl") for line in LETTER]
    one, two = letter_pdf(tmp_path / "a.pdf"), letter_pdf(tmp_path / "b.pdf", lines=second)
    merged = pdfium.PdfDocument.new()
    for source in (one, two):
        merged.import_pages(pdfium.PdfDocument(str(source)))
    merged.save(tmp_path / "both.pdf")
    result = check(tmp_path / "both.pdf")[0]
    pages = next(c for c in result["checks"] if c["name"] == "pages")
    assert pages["status"] == "fail" and result["verdict"] == "reject"


@pytest.mark.hostile
def test_wrong_operator_old_date_and_bad_checksum_reject(tmp_path):
    lines = [line.replace("547-182-42-23", "526-025-09-95").replace("157-830-86-28", "157-830-86-29")
             .replace("12 listopada 2026", "12 listopada 2025") for line in LETTER]
    result = check(letter_pdf(tmp_path / "bad.pdf", lines=lines))[0]
    statuses = {c["name"]: c["status"] for c in result["checks"]}
    assert statuses["operator_nip"] == statuses["nip_checksum"] == statuses["date"] == "fail"
    assert result["fields"]["nip"] == "1578308629"          # as written, never corrected
    assert result["verdict"] == "reject"


def test_human_table_and_progress(tmp_path):
    done = run_odzysk("check", "--as-of", "2026-11-25", str(letter_pdf(tmp_path / "a.pdf")),
                      str(letter_pdf(tmp_path / "b.pdf")))
    assert done.returncode == 0
    assert "usunięcie MFA" in done.stdout and "1578308628" in done.stdout and "werdykt" in done.stdout
    assert "2/2" in done.stderr
