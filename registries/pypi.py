"""The Python Package Index's JSON API, for the dependency audit (odzysk/tools/shipped.py): the
advisories PyPI lists for a release."""
import requests


def newest_release_advisories(name: str, version: str, timeout_s: float = 30) -> list[str] | None:
    """The advisory ids PyPI lists for `name` when `version` is its newest release; None when PyPI
    cannot tell (no answer, or `version` is not the newest)."""
    try:
        data = requests.get(f"https://pypi.org/pypi/{name}/json", timeout=timeout_s).json()
    except (requests.RequestException, ValueError):
        return None
    if data.get("info", {}).get("version") != version:
        return None
    return [v.get("id", "?") for v in data.get("vulnerabilities") or []]
