"""The result of checking one letter, typed: what `odzysk check --json` prints and `cases.result` stores.

`to_json()` gives that JSON exactly (keys are only ever added, never renamed); `from_json()` reads it
back, also an older stored result that lacks keys added since, so the desk can show any case."""
import enum
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from registries.types import Evidence


class Status(enum.StrEnum):
    PASS = "pass"
    FAIL = "fail"
    INCONCLUSIVE = "inconclusive"


class Verdict(enum.StrEnum):
    READY = "ready"
    REVIEW = "review"
    REJECT = "reject"


_SEVERITY = {Verdict.READY: 0, Verdict.REVIEW: 1, Verdict.REJECT: 2}


@dataclass(frozen=True)
class Check:
    name: str
    status: Status
    detail: str

    def to_json(self) -> dict:
        return {"name": self.name, "status": self.status.value, "detail": self.detail}

    @classmethod
    def from_json(cls, data: dict) -> "Check":
        return cls(str(data.get("name", "")), _status(data.get("status")), str(data.get("detail", "")))


def verdict(checks) -> Verdict:
    """Any failure rejects, any doubt sends the case to a person; no checks at all proves nothing."""
    statuses = {c.status for c in checks}
    if Status.FAIL in statuses or not statuses:
        return Verdict.REJECT
    if Status.INCONCLUSIVE in statuses:
        return Verdict.REVIEW
    return Verdict.READY


@dataclass(frozen=True)
class Source:
    """Where and how surely one field was read."""
    confidence: float
    page: int | None
    box: tuple[float, ...] | None
    read_by: str

    def to_json(self) -> dict:
        return {"confidence": self.confidence, "page": self.page,
                "box": list(self.box) if self.box else None, "read_by": self.read_by}

    @classmethod
    def from_json(cls, data: dict) -> "Source":
        box = data.get("box")
        return cls(data.get("confidence"), data.get("page"),
                   tuple(box) if isinstance(box, (list, tuple)) else None, str(data.get("read_by") or ""))


@dataclass(frozen=True)
class Marks:
    signatures: tuple = ()       # per signer: handwriting found above the printed name
    stamp: bool = False

    def to_json(self) -> dict:
        return {"signatures": list(self.signatures), "stamp": self.stamp}

    @classmethod
    def from_json(cls, data: dict) -> "Marks":
        return cls(tuple(data.get("signatures") or ()), bool(data.get("stamp")))


@dataclass(frozen=True)
class Pages:
    count: int
    read: tuple[int, ...]
    blank: tuple[int, ...]
    rotation: tuple[int, ...]
    skew: tuple[float, ...]

    def to_json(self) -> dict:
        return {"count": self.count, "read": list(self.read), "blank": list(self.blank),
                "rotation": list(self.rotation), "skew": list(self.skew)}

    @classmethod
    def from_json(cls, data: dict) -> "Pages":
        lists = (tuple(data.get(k) or ()) for k in ("read", "blank", "rotation", "skew"))
        return cls(int(data.get("count") or 0), *lists)


@dataclass(frozen=True)
class Registry:
    """What the register says about the company, for the operator to set beside the letter."""
    source: str | None = None
    name: str | None = None
    nip: str | None = None
    krs: str | None = None
    status: str | None = None
    active: bool | None = None
    representation: str | None = None
    board: tuple[str, ...] = ()          # "first names surnames (function), w KRS od dd.mm.yyyy"

    def to_json(self) -> dict:
        return {**asdict(self), "board": list(self.board)}

    @classmethod
    def from_json(cls, data: dict) -> "Registry":
        known = {k: data.get(k) for k in ("source", "name", "nip", "krs", "status", "active", "representation")}
        return cls(**known, board=tuple(data.get("board") or ()))


@dataclass(frozen=True)
class ReadError:
    """Why the file could not be read, and what to do about it (intake's error, as data)."""
    code: str
    message: str
    treatment: str

    def to_json(self) -> dict:
        return {"code": self.code, "message": self.message, "treatment": self.treatment}

    @classmethod
    def from_json(cls, data: dict) -> "ReadError":
        return cls(str(data.get("code", "")), str(data.get("message", "")), str(data.get("treatment", "")))


@dataclass(frozen=True)
class CaseResult:
    file: str
    kind: str
    fields: dict[str, Any]               # FIELD_NAMES -> value; signers a tuple of names
    checks: tuple[Check, ...]
    verdict: Verdict
    sources: dict[str, Source] = field(default_factory=dict)
    marks: Marks | None = None           # None: the file was never read
    error: ReadError | None = None
    evidence: tuple[Evidence, ...] = ()
    registry: Registry | None = None
    pages: Pages | None = None           # None: the file was never read
    seconds: float = 0.0

    def with_check(self, check: Check) -> "CaseResult":
        """One more check; the verdict can only get worse by it (a doubt sends a ready case to a person)."""
        added = verdict([check])
        worse = added if _SEVERITY[added] > _SEVERITY[self.verdict] else self.verdict
        return replace(self, checks=self.checks + (check,), verdict=worse)

    def checks_with(self, status: Status) -> list[Check]:
        return [c for c in self.checks if c.status == status]

    def to_json(self) -> dict:
        return {
            "file": self.file, "kind": self.kind,
            "fields": {k: list(v) if isinstance(v, tuple) else v for k, v in self.fields.items()},
            "sources": {k: s.to_json() for k, s in self.sources.items()},
            "marks": self.marks.to_json() if self.marks else {},
            "checks": [c.to_json() for c in self.checks],
            "verdict": self.verdict.value,
            "error": self.error.to_json() if self.error else None,
            "evidence": [asdict(e) for e in self.evidence],
            "registry": self.registry.to_json() if self.registry else None,
            "pages": self.pages.to_json() if self.pages else {},
            "seconds": self.seconds,
        }

    @classmethod
    def from_json(cls, data: dict | None) -> "CaseResult":
        """Tolerant of what older code stored: a missing part reads as absent, a stray entry is skipped."""
        data = data if isinstance(data, dict) else {}
        checks = tuple(Check.from_json(c) for c in _list(data.get("checks")) if isinstance(c, dict))
        fields = {k: tuple(v) if isinstance(v, list) else v for k, v in _dict(data.get("fields")).items()}
        return cls(
            file=str(data.get("file") or ""), kind=str(data.get("kind") or "unknown"), fields=fields,
            checks=checks, verdict=_verdict(data.get("verdict"), checks),
            sources={k: Source.from_json(s) for k, s in _dict(data.get("sources")).items() if isinstance(s, dict)},
            marks=Marks.from_json(data["marks"]) if _dict(data.get("marks")) else None,
            error=ReadError.from_json(data["error"]) if _dict(data.get("error")) else None,
            evidence=tuple(_evidence(e) for e in _list(data.get("evidence")) if isinstance(e, dict)),
            registry=Registry.from_json(data["registry"]) if _dict(data.get("registry")) else None,
            pages=Pages.from_json(data["pages"]) if _dict(data.get("pages")) else None,
            seconds=data.get("seconds") or 0.0,
        )


def _status(value) -> Status:
    try:
        return Status(value)
    except ValueError:
        # Never stored by our code; should it appear, it reads as a doubt for a person, never as a pass.
        return Status.INCONCLUSIVE


def _verdict(value, checks: tuple[Check, ...]) -> Verdict:
    try:
        return Verdict(value)
    except ValueError:
        return verdict(checks)


def _evidence(data: dict) -> Evidence:
    return Evidence(str(data.get("service", "")), str(data.get("url", "")), str(data.get("fetched_at", "")),
                    str(data.get("sha256", "")), data.get("status"), data.get("request_id"))


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list:
    return value if isinstance(value, list) else []
