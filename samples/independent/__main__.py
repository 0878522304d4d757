"""python -m samples.independent --out DIR --seed N --count N [--families a,b] [--paths a,b]"""
import argparse
import json
import random
import sys
import time
from pathlib import Path

from . import blocks, layouts, letter_facts, renders

KINDS = ["mfa_removal", "ip_unblock", "admin_elevation"]


def n_reps_for(family, rng):
    if family in ("side_by_side", "several_reps"):
        return rng.choice([2, 3])
    if family in ("mark_over_name", "sig_second_page"):
        return rng.choice([1, 2])
    return 1 if rng.random() < 0.8 else 2


def make_one(seed, index, family, paths=None, path_hint=None):
    rng = random.Random(f"independent:{seed}:{index}")
    kind = "unknown" if family == "unrelated" else rng.choice(KINDS)
    font = rng.choice(blocks.FONTS)
    L = letter_facts.make_letter(rng, kind if kind != "unknown" else "mfa_removal", n_reps_for(family, rng), font)
    L.kind = kind if kind != "unknown" else "mfa_removal"
    signed = rng.random() < 0.92
    stamped = rng.random() < (0.95 if family == "mark_over_name" else 0.6)
    if family == "mark_over_name":
        signed = True
    pdf, pages = layouts.draw(family, L, rng, signed, stamped)
    pool = renders.MULTI if pages > 1 else renders.SINGLE
    if paths:
        pool = [p for p in pool if p in paths] or [p for p in paths if p in renders.MULTI] or pool
    path = rng.choice(pool)
    if path_hint in pool:  # single-page letters follow a balanced cycle of render paths
        path = path_hint
    data, ext, meta = renders.render(path, pdf, rng)
    doc_type = L.extra.get("doc_type", kind)
    rec = {"file": f"{index:04d}.{ext}", "path": path, "rotation": meta.pop("rotation", 0),
           "as_of": letter_facts.AS_OF.isoformat(), "kind": kind, "multi": False,
           "fields": {"nip": L.nip,
                      "operator_nip": letter_facts.OPERATOR_NIP if L.operator_named else None,
                      "company": L.company, "signers": L.signers,
                      "account": None if kind == "unknown" else L.account,
                      "city": L.city, "date": L.date.isoformat()},
           "has_signatures": bool(signed), "has_stamp": bool(stamped),
           "wording": f"indep_{family}", "doc_type": doc_type, "font": font, "pages": pages,
           "family": family, "generator": "independent",
           "title": L.title or None, "surname_first": L.surname_first, "date_text": L.date_text}
    rec.update(meta)
    return rec, data


def family_order(seed, count, families):
    rng = random.Random(f"independent-order:{seed}")
    order = []
    while len(order) < count:
        chunk = list(families)
        rng.shuffle(chunk)
        order += chunk
    return order[:count]


def generate(out, seed, count, families=None, paths=None):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    families = families or list(layouts.FAMILIES)
    records = []
    cycle = family_order(f"paths:{seed}", count, paths or renders.SINGLE)
    for i, fam in enumerate(family_order(seed, count, families), start=1):
        rec, data = make_one(seed, i, fam, paths, cycle[i - 1])
        (out / rec["file"]).write_bytes(data)
        records.append(rec)
    with open(out / "truth.jsonl", "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return records


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m samples.independent")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--families", default="", help="comma-separated: " + ",".join(layouts.FAMILIES))
    ap.add_argument("--paths", default="", help="comma-separated: " + ",".join(renders.SINGLE))
    a = ap.parse_args(argv)
    fams = [f for f in a.families.split(",") if f]
    bad = [f for f in fams if f not in layouts.FAMILIES]
    if bad:
        ap.error(f"unknown families: {bad}")
    paths = [p for p in a.paths.split(",") if p]
    t = time.time()
    recs = generate(a.out, a.seed, a.count, fams or None, paths or None)
    print(f"{len(recs)} files in {a.out} ({time.time() - t:.1f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
