"""What we ship: the installed distributions that odzysk needs at run time (its requirements and
theirs, not the test tools), pinned as installed. `python -m odzysk.tools.shipped` prints them as a
requirements file for the dependency audit."""
import re
import sys
from importlib import metadata

from registries.pypi import newest_release_advisories

_REQUIREMENT = re.compile(r"^([A-Za-z0-9._-]+)\s*(?:\[([^\]]*)\])?")
_EXTRA = re.compile(r"extra\s*==\s*['\"]([^'\"]+)['\"]")


def shipped(root: str = "odzysk") -> dict[str, str]:
    seen: dict[str, str] = {}
    todo: list[tuple[str, frozenset[str]]] = [(root, frozenset())]
    while todo:
        name, extras = todo.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        key = _canonical(dist.metadata["Name"])
        seen[key] = dist.version
        for requirement in dist.requires or []:
            extra = _EXTRA.search(requirement)
            if extra and extra.group(1) not in extras:
                continue          # our own dev extra, or another package's optional parts
            match = _REQUIREMENT.match(requirement)
            wanted = frozenset(x.strip() for x in (match.group(2) or "").split(",") if x.strip())
            if match and (_canonical(match.group(1)) not in seen or wanted):
                todo.append((match.group(1), wanted))
    seen.pop(_canonical(root), None)
    return dict(sorted(seen.items()))


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


if __name__ == "__main__":
    for name, version in shipped().items():
        sys.stdout.write(f"{name}=={version}\n")


def audit(pins: dict[str, str], timeout_s: float = 600) -> dict:
    """pip-audit over what we ship, against the package index's advisory data. Where the index does not
    answer for a release (the per-release API is not reachable from every network), the release is
    looked up in the index's project page, whose advisories are those of its newest release: that
    answers for every pin that is the newest. What is still unaudited is reported, never passed over."""
    import json
    import subprocess
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as requirements:
        requirements.write("".join(f"{name}=={version}\n" for name, version in pins.items()))
        requirements.flush()
        run = subprocess.run([sys.executable, "-m", "pip_audit", "--requirement", requirements.name, "--no-deps",
                              "--disable-pip", "--vulnerability-service", "pypi", "--progress-spinner", "off",
                              "--format", "json"], capture_output=True, text=True, timeout=timeout_s)
    report = json.loads(run.stdout or "{}")
    found, unaudited = {}, []
    for dep in report.get("dependencies", []):
        if dep.get("vulns"):
            found[dep["name"]] = [v["id"] for v in dep["vulns"]]
        elif "skip_reason" in dep:
            vulns = newest_release_advisories(dep["name"], dep.get("version") or pins.get(dep["name"], ""))
            if vulns is None:
                unaudited.append(f"{dep['name']}=={pins.get(dep['name'], '?')}")
            elif vulns:
                found[dep["name"]] = vulns
    return {"audited": len(pins) - len(unaudited), "vulnerable": found, "unaudited": unaudited,
            "pip_audit_exit": run.returncode, "pip_audit_error": run.stderr[-500:] if not run.stdout else ""}
