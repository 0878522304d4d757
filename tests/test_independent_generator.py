"""The independent sample generator (samples/independent): determinism, truth records, files that open.
No OCR and no part of the reader is run here."""
import datetime
import hashlib
import json
import time

import pypdfium2 as pdfium
import pytest
from PIL import Image
from stdnum.pl import nip as stdnip

from samples.independent import __main__ as gen
from samples.independent import layouts

KEYS = {"file", "path", "rotation", "as_of", "kind", "multi", "fields", "has_signatures", "has_stamp",
        "doc_type", "pages", "family", "generator"}
FIELDS = ["nip", "operator_nip", "company", "signers", "account", "city", "date"]
KINDS = {"mfa_removal", "ip_unblock", "admin_elevation", "unknown"}


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def read_truth(folder):
    return [json.loads(line) for line in (folder / "truth.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def test_same_seed_same_bytes(tmp_path):
    fams = ["side_by_side", "template_dotted", "cover_note"]
    paths = ["scanned_pdf", "text_pdf", "fax"]  # the PDF writers are where a clock could leak in
    gen.generate(tmp_path / "a", seed=11, count=3, families=fams, paths=paths)
    time.sleep(1.1)  # a timestamp in the files would now differ
    gen.generate(tmp_path / "b", seed=11, count=3, families=fams, paths=paths)
    gen.generate(tmp_path / "c", seed=12, count=3, families=fams, paths=paths)
    assert digests(tmp_path / "a") == digests(tmp_path / "b")
    assert digests(tmp_path / "a") != digests(tmp_path / "c")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("indep")
    # cheap render paths keep this quick; one of each family
    gen.generate(out, seed=3, count=len(layouts.FAMILIES), paths=["text_pdf", "fax", "clean_scan", "rotated_180"])
    return out, read_truth(out)


def test_truth_records(sample):
    out, truth = sample
    assert len(truth) == len(layouts.FAMILIES)
    assert {rec["family"] for rec in truth} == set(layouts.FAMILIES)
    for i, rec in enumerate(truth, start=1):
        assert KEYS <= set(rec)
        assert list(rec["fields"]) == FIELDS
        assert rec["file"].startswith(f"{i:04d}.")
        assert rec["generator"] == "independent"
        assert rec["kind"] in KINDS
        assert rec["family"] in layouts.FAMILIES
        assert rec["as_of"] == "2026-11-25"
        f = rec["fields"]
        assert stdnip.is_valid(f["nip"]) and len(f["nip"]) == 10
        assert f["operator_nip"] in (None, "5471824223")
        age = (datetime.date(2026, 11, 25) - datetime.date.fromisoformat(f["date"])).days
        assert 0 < age <= 30
        assert f["signers"] and all(isinstance(s, str) for s in f["signers"])
        assert (rec["kind"] == "unknown") == (rec["family"] == "unrelated")


def test_files_open(sample):
    out, truth = sample
    for rec in truth:
        p = out / rec["file"]
        assert p.stat().st_size < 400 * 1024
        if p.suffix == ".pdf":
            doc = pdfium.PdfDocument(str(p))
            assert len(doc) == rec["pages"]
            doc.close()
        else:
            with Image.open(p) as im:
                im.load()
                assert getattr(im, "n_frames", 1) == rec["pages"]
                if p.suffix == ".tif":
                    assert im.mode == "1"


def test_every_family_over_a_larger_count():
    order = gen.family_order(5, 40, list(layouts.FAMILIES))
    assert set(order) == set(layouts.FAMILIES)
