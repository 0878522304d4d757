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


# Each outside library is imported only where its wrapper lives (a package folder, or one module), so
# that the project's dependence on it is in one place. The two sample generators draw and degrade the sample
# scans with OpenCV and pdfium; they are developer tools, never installed.
THIRD_PARTY = {
    "requests": ("registries/",),
    "smtplib": ("actions/execution/smtp.py",),
    "imapclient": ("intake/mailbox.py",),
    "pytesseract": ("intake/ocr.py",),
    "tesserocr": ("intake/ocr.py",),
    "cv2": ("intake/", "samples/generator/", "samples/independent/"),
    "pdfplumber": ("intake/",),
    "pypdfium2": ("intake/", "samples/generator/", "samples/independent/"),
    "dramatiq": ("odzysk/",),
    "sqlalchemy": ("actions/",),
    "fastapi": ("actions/desk/", "odzysk/"),
}
SCANNED = (*ALLOWED, "samples")


def _third_party_users() -> dict[str, set[str]]:
    users: dict[str, set[str]] = {library: set() for library in THIRD_PARTY}
    for package in SCANNED:
        for path in (ROOT / package).rglob("*.py"):
            for library in {n.split(".")[0] for n in _all_imports(path)} & set(THIRD_PARTY):
                users[library].add(path.relative_to(ROOT).as_posix())
    return users


def test_outside_libraries_are_imported_only_by_their_wrappers():
    breaches = [f"{path} imports {library}" for library, paths in _third_party_users().items()
                for path in sorted(paths) if not path.startswith(THIRD_PARTY[library])]
    assert not breaches, breaches


def test_every_library_in_the_rule_is_still_used_by_its_wrapper():
    """A rule about a library that its wrapper no longer imports (renamed, moved) would guard nothing."""
    users = _third_party_users()
    unused = [library for library, places in THIRD_PARTY.items()
              if not any(path.startswith(places) for path in users[library])]
    assert not unused, unused


def _all_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


# Size and naming rules of the design guide. Our code is the packages above plus the sample generator;
# the migrations (generated, and frozen once released) and the tests are outside them.
OUR_PACKAGES = (*ALLOWED, "samples")
MODULE_LINES_MAX = 400
FUNCTION_LINES_MAX = 60
# Python fixes these names, so every package may have its own.
NAMES_PYTHON_FIXES = {"__init__.py", "__main__.py"}


def _our_modules() -> list[Path]:
    return [path for package in OUR_PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
            if "migrations" not in path.relative_to(ROOT).parts]


def test_no_module_is_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in _our_modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MODULE_LINES_MAX}
    assert not long, long


def test_no_function_is_over_60_lines():
    long = []
    for path in _our_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > FUNCTION_LINES_MAX:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({lines} lines)")
    assert not long, long


def test_no_two_modules_share_a_file_name():
    by_name: dict[str, list[str]] = {}
    for path in _our_modules():
        if path.name not in NAMES_PYTHON_FIXES:
            by_name.setdefault(path.name, []).append(str(path.relative_to(ROOT)))
    clashes = {name: paths for name, paths in by_name.items() if len(paths) > 1}
    assert not clashes, clashes
