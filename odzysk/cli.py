"""The command line: `odzysk check`, `odzysk regress`, `odzysk bench`."""
import argparse
import datetime
import sys
from pathlib import Path

from . import report
from . import settings as settings_module
from .arguments import expand
from .check import check_files


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
    demo = commands.add_parser("demo", help="the desk on SQLite with the sample letters and local stand-ins")
    demo.add_argument("folder", nargs="?", default="samples/letters", help="a sample set with truth.jsonl")
    demo.add_argument("--no-serve", action="store_true", help="load the samples, print the table and stop")
    demo.add_argument("--port", type=int, default=None, help="port of the desk (default 8000)")
    demo.set_defaults(run=_run_demo)
    serve = commands.add_parser("serve", help="the operator desk (and, without REDIS_URL, the workers)")
    serve.add_argument("--port", type=int, default=None, help="port of the desk (default ODZYSK_DESK_PORT or 8000)")
    serve.set_defaults(run=_run_serve)
    worker = commands.add_parser("worker", help="dramatiq workers on the shared Redis, with the scheduler")
    worker.add_argument("--processes", type=int, default=None, help="worker processes (ODZYSK_WORKER_PROCESSES)")
    worker.add_argument("--threads", type=int, default=None, help="threads per process (ODZYSK_WORKER_THREADS)")
    worker.set_defaults(run=_run_worker)
    operator = commands.add_parser("operator", help="manage operators of the desk")
    operator_commands = operator.add_subparsers(dest="operator_command", required=True)
    add = operator_commands.add_parser("add", help="create an operator (asks for the password)")
    add.add_argument("login")
    add.add_argument("--name", default="", help="full name shown on the desk")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.set_defaults(run=_run_operator_add)
    audit = commands.add_parser("audit", help="the audit log")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_commands.add_parser("verify", help="check the hash chain; names the first broken link")
    verify.set_defaults(run=_run_audit_verify)
    scenarios = commands.add_parser("scenarios", help="samples against truthful and forgery-exposing registries")
    scenarios.add_argument("folder", help="a sample set with truth.jsonl")
    scenarios.add_argument("--misses", action="store_true", help="list every case off its expected verdict")
    scenarios.set_defaults(run=_run_scenarios)
    bench = commands.add_parser("bench", help="time odzysk check against plain tesseract on the same pages")
    bench.add_argument("folder", help="folder of letters")
    bench.add_argument("--runs", type=int, default=3, help="runs of each side; medians are reported")
    bench.add_argument("--limit", type=int, default=100, help="files to take from the folder")
    bench.add_argument("--stages", action="store_true",
                       help="also the median time per stage per page and the reading process's peak memory")
    bench.set_defaults(run=_run_bench)
    bench_workers = commands.add_parser("bench-workers", help="letters per minute through the Redis workers (1 and 2 processes)")
    bench_workers.add_argument("folder", help="a sample set with truth.jsonl")
    bench_workers.add_argument("--letters", type=int, default=24, help="letters per run")
    bench_workers.add_argument("--runs", type=int, default=3, help="runs per worker count; medians are reported")
    bench_workers.set_defaults(run=_run_bench_workers)
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
        progress.step(result.file)
        if args.json:
            print(report.json_line(result), flush=True)
        results.append(result)
    progress.close()
    if not args.json:
        print(report.table(results))
    return 2 if missing else 0


def _run_regress(args, parser) -> int:
    from odzysk.tools.regress import run_regress
    return run_regress(Path(args.folder), settings_module.load(), as_json=args.json)


def _run_demo(args, parser) -> int:
    from .demo import run_demo
    return run_demo(Path(args.folder), settings_module.load(), serve=not args.no_serve, port=args.port)


def _run_serve(args, parser) -> int:
    from .serve import run_serve
    return run_serve(settings_module.load(), port=args.port)


def _run_worker(args, parser) -> int:
    from .worker import run_worker
    settings = settings_module.load()
    return run_worker(settings, args.processes or settings.service.worker_processes,
                      args.threads or settings.service.worker_threads)


def _run_operator_add(args, parser) -> int:
    from .admin import add_operator_command
    return add_operator_command(settings_module.load(), args.login, args.name, args.password_stdin)


def _run_audit_verify(args, parser) -> int:
    from .admin import audit_verify_command
    return audit_verify_command(settings_module.load())


def _run_scenarios(args, parser) -> int:
    from odzysk.tools.scenarios import run_scenarios
    return run_scenarios(Path(args.folder), settings_module.load(), args.misses)


def _run_bench(args, parser) -> int:
    from odzysk.tools.bench import run_bench
    return run_bench(Path(args.folder), settings_module.load(), runs=args.runs, limit=args.limit,
                     stages=args.stages)


def _run_bench_workers(args, parser) -> int:
    from odzysk.tools.bench_workers import run_bench_workers
    return run_bench_workers(Path(args.folder), settings_module.load(), letters=args.letters, runs=args.runs)


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


if __name__ == "__main__":
    sys.exit(main())
