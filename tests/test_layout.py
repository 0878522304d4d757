"""The dependency rule of the design guide: intake <- verify <- actions, registries <- verify, and only
odzysk (the composition root) may import odzysk. A package never imports one that comes after it.
standins (local stand-ins for the registries and the application) is used by odzysk and the tests only."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {
    "intake": set(),
    "registries": set(),
    "verify": {"intake", "registries"},
    "actions": {"intake", "verify", "registries"},
    "standins": {"registries"},
    "odzysk": {"intake", "verify", "registries", "actions", "standins"},
}
# Single modules a package may take from one it may not import otherwise: the errors' one base class.
ALSO_ALLOWED = {"registries": {"intake.errors"}}


def imported_packages(path: Path, exempt: set[str] = frozenset()) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names if alias.name not in exempt}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and node.module not in exempt:
            names.add(node.module.split(".")[0])
    return names & set(ALLOWED)


def test_packages_import_only_what_comes_before_them():
    breaches = []
    for package, allowed in ALLOWED.items():
        for path in (ROOT / package).rglob("*.py"):
            for imported in imported_packages(path, ALSO_ALLOWED.get(package, set())) - allowed - {package}:
                breaches.append(f"{path.relative_to(ROOT)} imports {imported}")
    assert not breaches, breaches


def test_only_the_ocr_module_imports_pytesseract():
    users = [str(p.relative_to(ROOT)) for package in ALLOWED for p in (ROOT / package).rglob("*.py")
             if "pytesseract" in {n.split(".")[0] for n in _all_imports(p)}]
    assert users == ["intake/ocr.py"]


def _all_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out
