"""`odzysk regress FOLDER`: accuracy of `odzysk check` against a truth file, with tool versions."""
import json
import statistics
from collections import Counter, defaultdict
from importlib import metadata
from pathlib import Path

from intake import ocr
from odzysk.check import check_files
from odzysk.settings import Settings
from verify.account_check import normalise
from verify.kinds import NAMES, UNKNOWN
from verify.result import CaseResult, Marks, Status, Verdict
from verify.text import fold

from .truth import load_truth, sent_signed

MEASURED = ("kind", "nip", "operator_nip", "account", "signers", "date", "city", "company", "signed", "stamped")
PACKAGES = ("tesserocr", "pytesseract", "opencv-python-headless", "numpy", "Pillow", "pdfplumber", "pdfminer.six",
            "pypdfium2", "rapidfuzz", "python-stdnum")
_KINDS = NAMES + (UNKNOWN,)


def run_regress(folder: Path, settings: Settings, as_json: bool = False) -> int:
    summary = measure(folder, settings)
    print(json.dumps(summary, ensure_ascii=False, indent=1) if as_json else render(summary))
    return 1 if summary["failed"] else 0


def measure(folder: Path, settings: Settings) -> dict:
    """The regression summary of a sample folder, with its thresholds and what fell below them."""
    truth, as_of = load_truth(folder)
    results = list(check_files([str(folder / t["file"]) for t in truth], settings, as_of))
    summary = summarize(truth, results, settings)
    thresholds = _thresholds(folder)
    summary["thresholds"] = thresholds
    summary["failed"] = [f for f, minimum in thresholds.items() if summary["accuracy"].get(f, 0) < minimum]
    return summary


def summarize(truth: list[dict], results: list[CaseResult], settings: Settings) -> dict:
    hits, totals = Counter(), Counter()
    by_path: dict[str, Counter] = defaultdict(Counter)
    by_family: dict[str, Counter] = defaultdict(Counter)
    confusion: dict[str, Counter] = defaultdict(Counter)
    misses = []
    for expected, result in zip(truth, results):
        confusion[expected["kind"]][result.kind] += 1
        for name in MEASURED:
            if name != "kind" and expected["kind"] == "unknown":
                continue        # fields are measured on letters; other documents only for their kind
            ok = _same(name, _expected(expected, name), _got(result, name))
            hits[name] += ok
            totals[name] += 1
            by_path[expected["path"]][name + (":ok" if ok else ":miss")] += 1
            by_family[expected.get("family") or expected.get("wording") or "-"][name + (":ok" if ok else ":miss")] += 1
            if not ok:
                misses.append({"file": expected["file"], "path": expected["path"], "field": name,
                               "expected": _expected(expected, name), "got": _got(result, name)})
    seconds = [r.seconds for r in results]
    pages = sum(max(1, len(r.pages.read if r.pages else ())) for r in results)
    return {"files": len(results), "pages": pages,
            "accuracy": {n: round(hits[n] / totals[n], 4) for n in MEASURED if totals[n]},
            "counts": {n: f"{hits[n]}/{totals[n]}" for n in MEASURED if totals[n]},
            "by_path": {p: _path_accuracy(c) for p, c in sorted(by_path.items())},
            "by_family": {f: _path_accuracy(c) for f, c in sorted(by_family.items())},
            "confusion": {k: dict(confusion[k]) for k in _KINDS if k in confusion},
            "seconds_per_file_median": round(statistics.median(seconds), 2) if seconds else 0,
            "seconds_total_cpu_time_in_files": round(sum(seconds), 1),
            "seconds_per_page": round(sum(seconds) / pages, 2) if pages else 0,
            "verdicts": dict(Counter(r.verdict.value for r in results)),
            "letters_rejected": _rejected_letters(truth, results),
            "letters": sum(t["kind"] != "unknown" and sent_signed(t) for t in truth),
            "unsigned": [{"file": t["file"], "verdict": str(r.verdict)} for t, r in zip(truth, results)
                         if t["kind"] != "unknown" and not sent_signed(t)],
            "versions": versions(settings), "misses": misses}


def _rejected_letters(truth: list[dict], results: list[CaseResult]) -> list[dict]:
    """Letters (not other documents) that the local checks reject, with the failed checks."""
    return [{"file": t["file"], "path": t["path"],
             "failed": [c.name for c in r.checks_with(Status.FAIL)]}
            for t, r in zip(truth, results) if t["kind"] != "unknown" and sent_signed(t) and r.verdict == Verdict.REJECT]


def versions(settings: Settings) -> dict:
    out = ocr.versions(settings.limits)
    for package in PACKAGES:
        try:
            out[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            out[package] = "missing"
    return out


def render(summary: dict) -> str:
    lines = [f"{summary['files']} files, {summary['pages']} pages; "
             f"{summary['seconds_per_page']} s per page (median {summary['seconds_per_file_median']} s per file)", "",
             "accuracy:"]
    for name, value in summary["accuracy"].items():
        floor = summary["thresholds"].get(name)
        mark = "" if floor is None else (" (min %.0f %%)" % (floor * 100)) + (" BELOW" if value < floor else "")
        lines.append(f"  {name:<13} {value * 100:6.1f} %  {summary['counts'][name]}{mark}")
    lines += ["", "by render path (fields right / measured):"]
    for path, accuracy in summary["by_path"].items():
        lines.append(f"  {path:<18} " + "  ".join(f"{k} {v}" for k, v in accuracy.items()))
    lines += ["", "by layout family (fields right / measured):"]
    for family, accuracy in summary["by_family"].items():
        lines.append(f"  {family:<18} " + "  ".join(f"{k} {v}" for k, v in accuracy.items()))
    lines += ["", "kinds (rows: truth, columns: read):", "  " + " " * 16 + "".join(f"{k[:14]:>16}" for k in _KINDS)]
    for kind, row in summary["confusion"].items():
        lines.append(f"  {kind:<16}" + "".join(f"{row.get(k, 0):>16}" for k in _KINDS))
    lines += ["", "verdicts: " + ", ".join(f"{k} {v}" for k, v in summary["verdicts"].items())]
    rejected = summary["letters_rejected"]
    letters = summary.get("letters", 0)
    kept = 100 * (1 - len(rejected) / letters) if letters else 100.0
    lines.append(f"signed letters rejected by the local checks: {len(rejected)} of {letters} (not rejected: {kept:.1f} %)")
    unsigned = summary.get("unsigned", [])
    if unsigned:
        lines.append(f"unsigned letters rejected (as they should be): {sum(u['verdict'] == 'reject' for u in unsigned)}"
                     f" of {len(unsigned)}")
    lines += [f"  {r['file']} ({r['path']}): {', '.join(r['failed'])}" for r in rejected]
    lines += ["", "misses:"]
    lines += [f"  {m['file']} ({m['path']}) {m['field']}: expected {m['expected']!r}, got {m['got']!r}"
              for m in summary["misses"]] or ["  none"]
    lines += ["", "versions: " + ", ".join(f"{k} {v}" for k, v in summary["versions"].items())]
    if summary["failed"]:
        lines.append("BELOW THRESHOLD: " + ", ".join(summary["failed"]))
    return "\n".join(lines)


def _path_accuracy(counter: Counter) -> dict:
    names = sorted({k.split(":")[0] for k in counter}, key=MEASURED.index)
    return {n: f"{counter[n + ':ok']}/{counter[n + ':ok'] + counter[n + ':miss']}" for n in names
            if n in ("kind", "nip", "account", "signers")}


def _expected(truth: dict, name: str):
    if name in ("signed", "stamped"):
        return bool(truth.get({"signed": "has_signatures", "stamped": "has_stamp"}[name]))
    return truth["kind"] if name == "kind" else truth["fields"].get(name)


def _got(result: CaseResult, name: str):
    marks = result.marks or Marks()
    if name == "signed":
        return bool(marks.signatures) and all(marks.signatures)
    if name == "stamped":
        return marks.stamp
    if name == "kind":
        return result.kind
    value = result.fields.get(name)
    return list(value) if isinstance(value, tuple) else value      # as the JSON summary shows it


def _same(name: str, expected, got) -> bool:
    if name == "signers":
        return sorted(" ".join(s.split()) for s in expected or []) == sorted(" ".join(s.split()) for s in got or [])
    if name == "account":
        # As the application matches a login or an e-mail: ignoring case (contracts/app-admin-api.md).
        return normalise(expected or "") == normalise(got or "")
    if name in ("company",):
        return fold(" ".join(str(expected or "").split())) == fold(" ".join(str(got or "").split()))
    return (expected or None) == (got or None)


def _thresholds(folder: Path) -> dict:
    for candidate in (folder / "thresholds.json", folder.parent / "thresholds.json"):
        if candidate.exists():
            return json.loads(candidate.read_text())
    return {}
