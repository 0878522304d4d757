"""CLI: python -m samples.generator --out DIR --seed N --count K [--holdout] [--paths ..]"""
import argparse
import os
import random
import sys
import time

import numpy as np

from verify.kinds import NAMES as KINDS

from . import content, degrade, layout, others, truth_records



def plan(count, seed, holdout, paths):
    """Deterministic schedule: (doc type, path, signed, stamped) per file."""
    rng = random.Random(f"plan:{seed}:{holdout}")
    n_unk = 0 if count < 4 else min(count // 3, max(5, round(count * 0.16)))
    types = [others.UNKNOWN_TYPES[i % 5] for i in range(n_unk)]
    types += [KINDS[i % len(KINDS)] for i in range(count - n_unk)]
    rng.shuffle(types)
    reps, rest = divmod(count, len(paths))
    path_list = paths * reps + rng.sample(paths, rest)
    rng.shuffle(path_list)
    unsigned = set(rng.sample(range(count), max(1, round(count * 0.05)) if count >= 10 else 0))
    unstamped = set(rng.sample(range(count), round(count * 0.15)))
    return [(t, p, i not in unsigned, i not in unstamped)
            for i, (t, p) in enumerate(zip(types, path_list))]


def build(doc_type, rng, holdout, signed, stamped):
    if doc_type in KINDS:
        doc, fields, wid, _ = content.build_letter(rng, holdout, [doc_type], signed, stamped)
        return doc, fields, doc_type, wid, signed, stamped, {}
    doc, fields, wid, signed, stamped, extra = others.BUILDERS[doc_type](
        rng, holdout, signed, stamped)
    return doc, fields, "unknown", wid, signed, stamped, extra


def make_one(i, spec, seed, holdout, out, max_bytes):
    doc_type, path, signed, stamped = spec
    rng = random.Random(f"doc:{seed}:{holdout}:{i}")
    np_rng = np.random.default_rng(rng.getrandbits(64))
    doc, fields, kind, wid, signed, stamped, extra = build(doc_type, rng, holdout,
                                                          signed, stamped)
    style = layout.random_style(rng, holdout)
    pdf = layout.render_pdf(doc, style, rng, np_rng)
    files, meta = degrade.render(path, pdf, rng, np_rng, max_bytes)
    data, ext = files[0]
    name = f"{i + 1:04d}.{ext}"
    with open(os.path.join(out, name), "wb") as fh:
        fh.write(data)
    info = {"doc_type": doc_type, "font": style.family, "holdout": holdout}
    return truth_records.record(name, path, kind, fields, signed, stamped, wid, meta, extra, info)


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m samples.generator")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=32)
    ap.add_argument("--holdout", action="store_true", help="use disjoint pools/fonts")
    ap.add_argument("--paths", default=",".join(degrade.PATHS),
                    help="comma-separated render paths to cycle through")
    ap.add_argument("--max-kb", type=int, default=320, help="per-file size budget (KB)")
    ap.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1))
    args = ap.parse_args(argv)
    paths = [p.strip() for p in args.paths.split(",") if p.strip()]
    bad = [p for p in paths if p not in degrade.PATHS]
    if bad:
        ap.error(f"unknown paths {bad}; choose from {degrade.PATHS}")
    os.makedirs(args.out, exist_ok=True)
    specs = plan(args.count, args.seed, args.holdout, paths)
    jobs = [(i, s, args.seed, args.holdout, args.out, args.max_kb * 1024)
            for i, s in enumerate(specs)]
    t0 = time.time()
    if args.jobs > 1 and len(jobs) > 1:
        from multiprocessing import Pool
        with Pool(args.jobs) as pool:
            records = pool.starmap(make_one, jobs)
    else:
        records = [make_one(*j) for j in jobs]
    truth_records.write(os.path.join(args.out, "truth.jsonl"), records)
    print(f"wrote {len(records)} files + truth.jsonl to {args.out} "
          f"in {time.time() - t0:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
