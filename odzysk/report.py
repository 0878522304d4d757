"""How results are shown: a readable table for people, one JSON object per line for programs."""
import json
import sys

from verify.kinds import report_labels
from verify.result import CaseResult, Status, Verdict

_VERDICTS = {Verdict.READY: "gotowe", Verdict.REVIEW: "do sprawdzenia", Verdict.REJECT: "odrzucone"}
_STATUS = {Status.PASS: "OK", Status.FAIL: "BŁĄD", Status.INCONCLUSIVE: "?"}
_CHECKS = {"readable": "odczyt pliku", "kind": "rodzaj wniosku", "one_request": "jeden wniosek",
           "nip_checksum": "NIP", "operator_nip": "operator", "date": "data", "account": "konto w piśmie",
           "signers": "podpisujący", "reading": "pewność odczytu", "signatures": "podpisy odręczne",
           "stamp": "pieczęć", "pages": "strony", "text_layer": "warstwa tekstowa", "pdf_structure": "budowa PDF",
           "registry": "rejestr", "representation": "reprezentacja", "account_match": "konto w aplikacji",
           "replay": "powtórzone pismo", "sender": "nadawca"}
_KINDS = report_labels()


def json_line(result: CaseResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False)


def table(results: list[CaseResult]) -> str:
    header = ("plik", "rodzaj", "NIP", "konto", "podpisujący", "data", "werdykt")
    rows = [_row(r) for r in results]
    widths = [min(40, max(len(str(x)) for x in col)) for col in zip(header, *rows)]
    out = [_format(header, widths), _format(["-" * w for w in widths], widths)]
    out += [_format(row, widths) for row in rows]
    out.append("")
    for result in results:
        out.append(f"{result.file}: {_VERDICTS[result.verdict]}")
        out += [f"  [{_STATUS[c.status]:>4}] {_CHECKS.get(c.name, c.name)}: {c.detail}" for c in result.checks]
    return "\n".join(out)


def _row(result: CaseResult) -> tuple:
    fields = result.fields
    return (result.file, _KINDS.get(result.kind, result.kind), fields.get("nip") or "-",
            fields.get("account") or "-", ", ".join(fields.get("signers") or []) or "-",
            fields.get("date") or "-", _VERDICTS[result.verdict])


def _format(row, widths) -> str:
    return "  ".join(_cut(str(cell), w).ljust(w) for cell, w in zip(row, widths)).rstrip()


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


class Progress:
    """A one-line progress bar on stderr for a batch."""

    def __init__(self, total: int, stream=sys.stderr):
        self.total, self.done, self.stream = total, 0, stream
        self.active = total > 1

    def step(self, name: str) -> None:
        if not self.active:
            return
        self.done += 1
        filled = round(30 * self.done / self.total)
        self.stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} {name[-40:]:<40}")
        self.stream.flush()

    def close(self) -> None:
        if self.active:
            self.stream.write("\n")
            self.stream.flush()
