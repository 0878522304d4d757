"""Limits applied before any work, so that a hostile file costs one bounded job, and the OCR engine
that works within them."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 25 * 1024 * 1024
    max_pages: int = 6
    # Our own pixel caps sit well below Pillow's bomb limits and OpenCV's 2**30.
    max_pixels: int = 40_000_000
    max_side: int = 12_000
    render_dpi: int = 300
    ocr_timeout_s: float = 60.0
    file_timeout_s: float = 180.0
    memory_bytes: int = 3 * 1024 * 1024 * 1024
    ocr_engine: str = "auto"       # "api" (tesseract's library in process), "cli" (its program), "auto"
