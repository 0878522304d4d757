"""What the sandbox's forkserver imports before it forks readers: the reading code, and tesseract's
models loaded once, so that no reader loads them again."""
from . import ocr, read  # noqa: F401

ocr.load_models()
