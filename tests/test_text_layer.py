"""A PDF whose text layer says something other than what the page shows is a failed check (B1)."""
import json

import pytest
import pypdfium2 as pdfium
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from conftest import LETTER, letter_pdf, run_odzysk

pytestmark = pytest.mark.hostile


def scan_with_layer(tmp_path, layer_lines, name):
    """A scanned page (an image of the letter) under an invisible text layer, as OCR tools make."""
    source = letter_pdf(tmp_path / f"{name}-source.pdf")
    image = pdfium.PdfDocument(str(source))[0].render(scale=300 / 72).to_pil()
    path = tmp_path / f"{name}.pdf"
    page = canvas.Canvas(str(path))
    page.drawImage(ImageReader(image), 0, 0, width=595.27, height=841.89)
    text = page.beginText(60, 780)
    text.setTextRenderMode(3)
    text.setFont("DV", 11)
    for line in layer_lines:
        text.textLine(line)
    page.drawText(text)
    page.showPage()
    page.save()
    return path


def check(path):
    done = run_odzysk("check", "--json", "--as-of", "2026-11-25", str(path))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_hidden_layer_naming_another_account_fails(tmp_path):
    forged = [line.replace("jan.kowalski@example-serwis.pl", "admin@attacker.pl") for line in LETTER]
    result = check(scan_with_layer(tmp_path, forged, "forged"))
    layer = next(c for c in result["checks"] if c["name"] == "text_layer")
    assert layer["status"] == "fail" and "admin@attacker.pl" in layer["detail"]
    assert result["verdict"] == "reject"
    assert result["fields"]["account"] == "jan.kowalski@example-serwis.pl"   # what a person sees


def test_layer_that_matches_the_page_passes(tmp_path):
    result = check(scan_with_layer(tmp_path, LETTER, "honest"))
    layer = next(c for c in result["checks"] if c["name"] == "text_layer")
    assert layer["status"] == "pass", layer
