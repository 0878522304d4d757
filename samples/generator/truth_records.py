"""Truth records (one JSON object per line in truth.jsonl)."""
import json

AS_OF = "2026-11-25"
FIELD_ORDER = ["nip", "operator_nip", "company", "signers", "account", "city", "date"]


def record(file, path, kind, fields, signed, stamped, wording, meta, extra, info):
    rec = {"file": file, "path": path, "rotation": meta.pop("rotation", 0),
           "as_of": AS_OF, "kind": kind, "multi": bool(extra.pop("multi", False)),
           "fields": {k: fields.get(k) for k in FIELD_ORDER},
           "has_signatures": bool(signed), "has_stamp": bool(stamped),
           "wording": wording}
    rec.update(info)
    rec.update(meta)
    rec.update(extra)
    return rec


def write(path, records):
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def read(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
