"""`odzysk bench FOLDER`: `odzysk check` on a batch of scans against plain `tesseract IMAGE - -l pol`
on the same pages, in the same run. Prints medians of several runs and their ratio, letters per minute,
and with --stages where a page's time goes and the reading process's peak memory."""
import datetime
import os
from collections import defaultdict
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from intake import ocr
from intake.images import decode_pages
from intake.pdf import open_pdf, render_page
from intake.sniff import sniff
from odzysk.arguments import expand
from odzysk.check import check_file, check_files
from odzysk.settings import Settings
from verify import pipeline


def run_bench(folder: Path, settings: Settings, runs: int = 3, limit: int = 12, stages: bool = False) -> int:
    files = expand([str(folder)])[0][:limit]
    today = datetime.date.today()
    with tempfile.TemporaryDirectory(prefix="odzysk-bench-") as tmp:
        pages = _page_images(files, settings, Path(tmp))
        plain, ours, single = [], [], []
        for _ in range(runs):
            plain.append(_timed(lambda: [_plain_tesseract(p) for p in pages]))
            ours.append(_timed(lambda: list(check_files(files, settings, today))))
            single.append(_timed(lambda: check_file(files[0], settings, today)))
    p, o, s = statistics.median(plain), statistics.median(ours), statistics.median(single)
    print(f"batch: {len(files)} files, {len(pages)} pages, {runs} runs, medians")
    print(f"  plain tesseract -l pol, one core, sequential: {p:7.2f} s  ({p / len(pages):.2f} s per page)")
    print(f"  odzysk check, {settings.jobs} processes, all stages:   {o:7.2f} s  ({o / len(pages):.2f} s per page)")
    print(f"  ratio odzysk / plain: {o / p:.2f}  (target at most 0.60)")
    print(f"  letters per minute: {60 * len(files) / o:.1f}")
    print(f"  single file ({Path(files[0]).name}): {s:.2f} s  (target at most 1.20)")
    print(f"  runs: plain {[round(x, 2) for x in plain]}, odzysk {[round(x, 2) for x in ours]}, "
          f"single {[round(x, 2) for x in single]}")
    print(f"  OCR: {', '.join(f'{k} {v}' for k, v in ocr.versions(settings.limits).items() if 'traineddata' not in k)}"
          f"; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if stages:
        _print_stages(files, settings, today)
    return 0


def _print_stages(files: list[str], settings: Settings, today: datetime.date) -> None:
    """Each file read on its own (one process): the median over files of each stage's seconds per page,
    and the reading process's peak memory."""
    per_page: dict[str, list[float]] = defaultdict(list)
    memory = []
    for name in files:
        started = time.perf_counter()
        document = pipeline.read_in_sandbox(Path(name).read_bytes(), settings.limits)
        read = time.perf_counter() - started
        started = time.perf_counter()
        pipeline.local_checks(pipeline.read_letter(document), document, today, settings.max_letter_age_days)
        checks = time.perf_counter() - started
        count = len(document.pages)
        for stage, seconds in document.stages:
            per_page[stage].append(seconds / count)
        per_page["sandbox, transfer"].append((read - sum(s for _, s in document.stages)) / count)
        per_page["checks"].append(checks / count)
        memory.append(document.peak_memory_mb)
    print("stages, median seconds per page over the files (one file at a time):")
    for stage, values in per_page.items():
        print(f"  {stage:<18} {statistics.median(values):6.3f}")
    print(f"  {'all':<18} {sum(statistics.median(v) for v in per_page.values()):6.3f}")
    print(f"peak memory of a reading process: median {statistics.median(memory):.0f} MB, "
          f"largest {max(memory):.0f} MB (target under 600 MB)")


def _timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def _plain_tesseract(image: Path) -> None:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    subprocess.run(["tesseract", str(image), "-", "-l", "pol"], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)


def _page_images(files: list[str], settings: Settings, folder: Path) -> list[Path]:
    """Every page as a PNG for plain tesseract (PDFs rendered at the same dpi as ours); not timed."""
    out = []
    for index, name in enumerate(files):
        data = Path(name).read_bytes()
        kind = sniff(data)
        if kind == "pdf":
            pdf = open_pdf(data, settings.limits)
            images = [render_page(pdf, i, settings.limits) for i in range(len(pdf))]
        else:
            images = decode_pages(data, kind, settings.limits)[0]
        for number, image in enumerate(images):
            path = folder / f"{index:03d}-{number}.png"
            Image.fromarray(np.asarray(image)).save(path, compress_level=1)
            out.append(path)
    return out
