import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

pytest_plugins = ["services.databases", "services.smtp", "services.browser", "services.dovecot"]

ROOT = Path(__file__).resolve().parent.parent
ODZYSK = [sys.executable, "-m", "odzysk"]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

LETTER = [
    "Kraków, 12 listopada 2026 r.", "", "Serwis RTV AGD Jan Kowalski", "ul. Długa 5, 30-001 Kraków",
    "NIP: 157-830-86-28", "", "UPOWAŻNIENIE", "",
    "Upoważniam operatora aplikacji Serwisant Online, firmę Sugar Mice Software,",
    "Arkadiusz Kuryłowicz, NIP 547-182-42-23 do usunięcia ze wskazanego poniżej",
    "konta zabezpieczenia w postaci uwierzytelniania dwuskładnikowego.", "",
    "login lub email konta: jan.kowalski@example-serwis.pl", "", "", "", "........................",
    "Jan Kowalski", "Właściciel",
]


def letter_pdf(path: Path, lines=LETTER, hidden: list[tuple[int, str]] = (), encrypt=None, pages: int = 1) -> Path:
    """A born-digital letter; `hidden` puts invisible text (render mode 3) at the given line numbers."""
    if "DV" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DV", FONT))
    page = canvas.Canvas(str(path), encrypt=encrypt)
    for _ in range(pages):
        page.setFont("DV", 11)
        for index, text in enumerate(lines):
            page.drawString(60, 780 - 18 * index, text)
        for index, text in hidden:
            obj = page.beginText(60, 780 - 18 * index)
            obj.setTextRenderMode(3)
            obj.setFont("DV", 11)
            obj.textLine(text)
            page.drawText(obj)
        page.showPage()
    page.save()
    return path


def run_odzysk(*args, env=None, timeout=600) -> subprocess.CompletedProcess:
    return subprocess.run(ODZYSK + list(args), capture_output=True, text=True, cwd=ROOT, env=env, timeout=timeout)


@pytest.fixture
def good_letter(tmp_path) -> Path:
    return letter_pdf(tmp_path / "good.pdf")
