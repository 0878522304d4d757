"""The committed sample set, through real tesseract, meets the accuracy thresholds kept beside it."""
import json
import os

import pytest

from conftest import ROOT, run_odzysk


@pytest.fixture(scope="module")
def samples_run():
    return run_odzysk("regress", "samples/letters", "--json", timeout=1200)


def test_samples_meet_their_thresholds(samples_run):
    done = samples_run
    summary = json.loads(done.stdout)
    thresholds = json.loads((ROOT / "samples" / "thresholds.json").read_text())
    for field, minimum in thresholds.items():
        assert summary["accuracy"][field] >= minimum, (field, summary["accuracy"][field], summary["misses"])
    assert done.returncode == 0
    truth = (ROOT / "samples" / "letters" / "truth.jsonl").read_text().splitlines()
    assert summary["files"] == len(truth) >= 30
    assert set(summary["by_path"]) >= {"text_pdf", "clean_scan", "dirty_scan", "skewed", "phone_photo", "fax",
                                       "rotated_90", "rotated_180", "scanned_pdf", "blank_second_page"}
    assert summary["versions"]["tesseract"].startswith(("4.", "5."))
    assert "pol.traineddata" in summary["versions"]
    assert summary["confusion"]["unknown"].get("unknown", 0) >= 4


def test_the_tesseract_program_reads_the_samples_as_the_library_does(samples_run):
    """ODZYSK_OCR_ENGINE=cli (where tesserocr is not installed) gives the same fields, file by file."""
    api = json.loads(samples_run.stdout)
    done = run_odzysk("regress", "samples/letters", "--json", timeout=1200,
                      env=dict(os.environ, ODZYSK_OCR_ENGINE="cli"))
    cli = json.loads(done.stdout)
    assert api["versions"]["ocr engine"] == "api" and cli["versions"]["ocr engine"] == "cli"
    assert cli["misses"] == api["misses"] and cli["accuracy"] == api["accuracy"]
    assert cli["verdicts"] == api["verdicts"]


def test_the_independent_samples_meet_their_floors_and_are_reported_per_family():
    done = run_odzysk("regress", "samples/independent-letters", "--json", timeout=1200)
    summary = json.loads(done.stdout)
    floors = json.loads((ROOT / "samples" / "independent-letters" / "thresholds.json").read_text())
    for field, minimum in floors.items():
        assert summary["accuracy"][field] >= minimum, (field, summary["accuracy"][field], summary["misses"])
    assert done.returncode == 0
    assert set(summary["by_family"]) == {"side_by_side", "several_reps", "sig_second_page", "field_table",
                                         "template_dotted", "letterhead", "mark_over_name", "long_letter",
                                         "cover_note", "unrelated"}
    # Genuine letters are not sent back for what the reader could not make out.
    assert len(summary["letters_rejected"]) <= 2, summary["letters_rejected"]


def test_regress_fails_below_a_threshold(tmp_path):
    folder = tmp_path / "set"
    folder.mkdir()
    first = (ROOT / "samples" / "letters" / "truth.jsonl").read_text().splitlines()[0]
    entry = json.loads(first)
    (folder / entry["file"]).write_bytes((ROOT / "samples" / "letters" / entry["file"]).read_bytes())
    entry["fields"]["nip"] = "0000000000"          # a truth the reading cannot meet
    entry["kind"] = "unknown" if entry["kind"] != "unknown" else "mfa_removal"
    (folder / "truth.jsonl").write_text(json.dumps(entry) + "\n")
    (folder / "thresholds.json").write_text(json.dumps({"kind": 0.98}))
    done = run_odzysk("regress", str(folder))
    assert done.returncode == 1
    assert "BELOW THRESHOLD: kind" in done.stdout


def test_an_account_counts_as_read_when_it_differs_only_in_case_as_the_application_matches_it():
    from odzysk.tools.regress import _same
    assert _same("account", "sszczesny", "SSzczesny")
    assert not _same("account", "sszczesny", "sszczesny1")
    assert not _same("account", "sszczesny", None)
    assert _same("account", None, None)
