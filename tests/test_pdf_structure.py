"""PDF features that can hide or overlay content are flagged for the operator (B2)."""
import json

import pytest
import pypdfium2 as pdfium
from reportlab.pdfgen import canvas

from conftest import letter_pdf, run_odzysk

pytestmark = pytest.mark.hostile


def structure(path) -> dict:
    done = run_odzysk("check", "--json", "--as-of", "2026-11-25", str(path))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    return next(c for c in result["checks"] if c["name"] == "pdf_structure") | {"verdict": result["verdict"]}


def test_annotation_is_flagged(tmp_path):
    path = tmp_path / "annotated.pdf"
    page = canvas.Canvas(str(path))
    page.drawString(60, 780, "Upoważnienie")
    page.textAnnotation("inne.konto@example.pl", Rect=(60, 500, 300, 520))
    page.showPage()
    page.save()
    check = structure(path)
    assert check["status"] == "inconclusive" and "adnotacje" in check["detail"]
    assert check["verdict"] != "ready"


def test_later_revision_is_flagged(tmp_path):
    original = letter_pdf(tmp_path / "letter.pdf")
    pdf = pdfium.PdfDocument(str(original))
    updated = tmp_path / "updated.pdf"
    with open(updated, "wb") as out:
        out.write(original.read_bytes())
        pdf.save(out, flags=pdfium.raw.FPDF_INCREMENTAL)
    check = structure(updated)
    assert check["status"] == "inconclusive" and "wersje pliku" in check["detail"]
