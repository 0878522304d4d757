"""The command line: `odzysk check`, `odzysk regress`, `odzysk bench`."""
import argparse
import datetime
import sys
from pathlib import Path

from . import report, settings as settings_module
from .check import check_files
from .files import expand

def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    return args.run(args, parser)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="odzysk", description="Recovery desk for Serwisant Online.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="read letters of authorization and check them")
    check.add_argument("files", nargs="+", help="files, or folders whose files are read")
    check.add_argument("--json", action="store_true", help="one JSON object per line instead of a table")
    check.add_argument("--as-of", type=_date, default=None, help="judge dates as of this day (YYYY-MM-DD)")
    check.set_defaults(run=_run_check)
    regress = commands.add_parser("regress", help="measure accuracy on a sample set with a truth file")
    regress.add_argument("folder", help="folder with truth.jsonl and the files it lists")
    regress.add_argument("--json", action="store_true", help="print the report as JSON")
    regress.set_defaults(run=_run_regress)
    demo = commands.add_parser("demo", help="check the sample letters against local stand-ins of the registries")
    demo.add_argument("folder", nargs="?", default="samples/letters", help="a sample set with truth.jsonl")
    demo.set_defaults(run=_run_demo)
    scenarios = commands.add_parser("scenarios", help="samples against truthful and forgery-exposing registries")
    scenarios.add_argument("folder", help="a sample set with truth.jsonl")
    scenarios.set_defaults(run=_run_scenarios)
    bench = commands.add_parser("bench", help="time odzysk check against plain tesseract on the same pages")
    bench.add_argument("folder", help="folder of letters")
    bench.add_argument("--runs", type=int, default=3, help="runs of each side; medians are reported")
    bench.add_argument("--limit", type=int, default=12, help="files to take from the folder")
    bench.set_defaults(run=_run_bench)
    return parser


def _run_check(args, parser) -> int:
    paths, missing = expand(args.files)
    for path in missing:
        print(f"odzysk: {path}: no such file or folder", file=sys.stderr)
    settings = settings_module.load()
    today = args.as_of or datetime.date.today()
    progress = report.Progress(len(paths)) if not args.json or sys.stderr.isatty() else report.Progress(0)
    results = []
    for result in check_files(paths, settings, today):
        progress.step(result["file"])
        if args.json:
            print(report.json_line(result), flush=True)
        results.append(result)
    progress.close()
    if not args.json:
        print(report.table(results))
    return 2 if missing else 0


def _run_regress(args, parser) -> int:
    from .regress import run_regress
    return run_regress(Path(args.folder), settings_module.load(), as_json=args.json)


def _run_demo(args, parser) -> int:
    from .demo import run_demo
    return run_demo(Path(args.folder), settings_module.load())


def _run_scenarios(args, parser) -> int:
    from .scenarios import run_scenarios
    return run_scenarios(Path(args.folder), settings_module.load())


def _run_bench(args, parser) -> int:
    from .bench import run_bench
    return run_bench(Path(args.folder), settings_module.load(), runs=args.runs, limit=args.limit)


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


if __name__ == "__main__":
    sys.exit(main())
