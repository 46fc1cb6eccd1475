"""The ``assurance`` command line: run, validate, pack, new-year.

The synthetic demo data has its own command, ``assurance-demo-data`` (package
``safeguarding_demo``), outside the runtime package.

Exit status: 0 success, 2 invalid parameters or input data, 1 anything else; a run
stopped by SIGINT (Ctrl-C) or SIGTERM exits 130 or 143. No traceback unless ``--verbose``.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from safeguarding_assurance.errors import AssuranceError, DataError, ParameterError
from safeguarding_assurance.memory import use_system_allocator
from safeguarding_assurance.paths import OutputLayout, repository_root


def _jobs_default() -> int:
    return max(
        1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assurance",
        description="Build a safeguarding partnership's yearly assurance report "
        "(HTML and tagged PDF) from its registers.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="run one reporting year, or all of them, end to end")
    which = run.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "params_file", nargs="?", type=Path, help="a parameters file (params/YYYY-YY.yaml)"
    )
    which.add_argument("--year", help="a reporting year: reads params/<year>.yaml")
    which.add_argument("--all", action="store_true", help="every parameters file in params/")
    run.add_argument(
        "--audience",
        choices=("public", "internal", "both"),
        help="override the file's audience, or ask for both",
    )
    run.add_argument(
        "--output-root",
        type=Path,
        default=None,
        help="where outputs go (default: outputs/ in the repository)",
    )
    run.add_argument(
        "--jobs",
        type=int,
        default=_jobs_default(),
        help="notebooks run at once (default and most: the number of cores)",
    )
    run.add_argument(
        "--notebook-timeout",
        metavar="SECONDS",
        default=None,
        help="time limit for each notebook (default: $ASSURANCE_NOTEBOOK_TIMEOUT, else 600)",
    )
    run.add_argument(
        "--pdf-timeout",
        metavar="SECONDS",
        default=None,
        help="time limit for each PDF (default: $ASSURANCE_PDF_TIMEOUT, else 300)",
    )
    run.add_argument(
        "--force", action="store_true", help="run even when nothing has changed since the last run"
    )
    run.add_argument("--verbose", action="store_true", help="show tracebacks")
    run.add_argument("--quiet", action="store_true", help="no progress display")

    val = sub.add_parser("validate", help="check the parameters and input data only")
    val.add_argument("params_file", type=Path)
    val.add_argument("--output-root", type=Path, default=None)
    val.add_argument("--verbose", action="store_true")

    pack = sub.add_parser(
        "pack",
        help="write the scrutiny board's cover report (Word) and the data tables (Excel) "
        "from an existing run, without running the notebooks",
    )
    pack_which = pack.add_mutually_exclusive_group(required=True)
    pack_which.add_argument(
        "params_file", nargs="?", type=Path, help="a parameters file (params/YYYY-YY.yaml)"
    )
    pack_which.add_argument("--year", help="a reporting year: reads params/<year>.yaml")
    pack.add_argument(
        "--audience",
        choices=("public", "internal", "both"),
        help="which run's papers (default: the parameters file's audience)",
    )
    pack.add_argument(
        "--output-root",
        type=Path,
        default=None,
        help="where the runs are (default: outputs/ in the repository)",
    )
    pack.add_argument("--verbose", action="store_true", help="show tracebacks")

    ny = sub.add_parser("new-year", help="set up the parameters and content files of a new year")
    ny.add_argument("year", help="the new reporting year, YYYY-YY")
    ny.add_argument("--verbose", action="store_true")
    return parser


def _param_files(args: argparse.Namespace, root: Path) -> list[Path]:
    if args.all:
        files = sorted((root / "params").glob("*.yaml"))
        if not files:
            raise ParameterError(f"no parameters files in {root / 'params'}")
        return files
    if args.year:
        return [root / "params" / f"{args.year}.yaml"]
    return [args.params_file]


def _layout(args: argparse.Namespace, root: Path) -> OutputLayout:
    """The output layout: ``--output-root`` or the repository's ``outputs/``."""
    if args.output_root is not None:
        return OutputLayout(args.output_root.resolve())
    return OutputLayout.default(root)


def _time_limit(option: str | None, flag: str, env: str, default: float) -> float:
    """A time limit: the option, else the environment variable, else the default."""
    from safeguarding_assurance.run import limits

    if option is not None:
        return limits.seconds(option, flag)
    return limits.timeout_from_env(env, default)


def _cmd_run(args: argparse.Namespace) -> int:
    # only what decides whether anything changed: an unchanged run ends before pandas,
    # the notebook machinery or the PDF library is imported
    from safeguarding_assurance.inputs.digest import remembered
    from safeguarding_assurance.run import limits
    from safeguarding_assurance.run.interrupt import RunInterrupted
    from safeguarding_assurance.run.plan import Plan, plan_years, sorted_results
    from safeguarding_assurance.run.progress import Progress

    root = repository_root()
    plan = Plan(
        _param_files(args, root),
        args.audience,
        _layout(args, root),
        max(1, args.jobs),
        args.force,
        args.verbose,
        notebook_timeout=_time_limit(
            args.notebook_timeout,
            "--notebook-timeout",
            limits.NOTEBOOK_TIMEOUT_ENV,
            limits.DEFAULT_NOTEBOOK_TIMEOUT,
        ),
        pdf_timeout=_time_limit(
            args.pdf_timeout, "--pdf-timeout", limits.PDF_TIMEOUT_ENV, limits.DEFAULT_PDF_TIMEOUT
        ),
    )
    try:
        # each input file is hashed once: for the fingerprint, then for the run itself
        with Progress(enabled=not args.quiet) as progress, remembered():
            years, results = plan_years(plan, progress)
            if years:
                # kernels start now, importing the suite while this process imports the
                # rest of the runner and checks the inputs
                from safeguarding_assurance.run.kernels import KernelPool
                from safeguarding_assurance.run.plan import workers_for

                kernels = KernelPool(root, plan.layout.logs, workers_for(plan, years)[0])
                try:
                    from safeguarding_assurance.run.pipeline import run_years
                except BaseException:
                    kernels.stop()
                    kernels.close()
                    raise
                results = run_years(plan, progress, (years, results), kernels)
            else:
                results = sorted_results(results, plan)
    except RunInterrupted as exc:
        sys.stderr.write(f"\n{exc.message()}\n")
        return exc.exit_status
    _print_summary(results)
    statuses = [r.exit_status for r in results]
    if any(s == 1 for s in statuses):
        return 1
    return 2 if any(s == 2 for s in statuses) else 0


def _print_summary(results) -> None:
    out = sys.stderr
    if len(results) > 1 or any(r.outcome != "ok" for r in results):
        out.write("\n{:<9} {:<9} {:<8} {:>8}\n".format("year", "audience", "outcome", "time"))
        for r in results:
            out.write(f"{r.year:<9} {r.audience:<9} {r.outcome:<8} {r.seconds:>7.1f}s\n")
    for r in results:
        if r.outcome in ("failed", "invalid"):
            who = r.year if r.audience == "-" else f"{r.year} {r.audience}"
            out.write(f"\n{who}: {r.message}\n")
        elif r.outcome == "ok":
            out.write(f"{r.year} {r.audience}: written to {r.output}\n")


def _cmd_validate(args: argparse.Namespace) -> int:
    from safeguarding_assurance.contract.params import load_params

    params = load_params(args.params_file)  # a bad parameters file fails before any import
    from safeguarding_assurance.run.preflight import (
        data_message,
        public_refusal,
        validate_for_run,
    )

    try:
        checked = validate_for_run(params, _layout(args, params.root))
    except DataError as exc:
        sys.stderr.write(data_message(exc) + "\n")
        return 2
    warnings = checked.warnings
    for w in [w for w in warnings if w not in set(checked.identifiers)]:
        sys.stderr.write(f"warning: {w}\n")
    if checked.identifiers:
        # a public run would stop here: say so, and fail when public is this file's edition
        lead = "A public run would be refused"
        sys.stderr.write(f"{public_refusal(checked, lead)}\n")
        if params.audience == "public":
            return 2
    print(
        f"{args.params_file}: parameters and input data are valid "
        f"({len(warnings)} warning{'s' if len(warnings) != 1 else ''})"
        + ("; a public run would be refused" if checked.identifiers else "")
    )
    if checked.not_supplied:
        files = ", ".join(f"{name}.csv" for name in checked.not_supplied)
        print(f"optional registers not supplied (their chapters are left out): {files}")
    return 0


def _cmd_pack(args: argparse.Namespace) -> int:
    from safeguarding_assurance.contract.params import load_params

    root = repository_root()
    params = load_params(root / "params" / f"{args.year}.yaml" if args.year else args.params_file)
    from safeguarding_assurance.run.pack import pack_run

    audiences = (
        ("public", "internal") if args.audience == "both" else (args.audience or params.audience,)
    )
    layout = _layout(args, params.root)
    for audience in audiences:
        for path in pack_run(params, audience, layout):
            print(f"wrote {path}")
    return 0


def _cmd_new_year(args: argparse.Namespace) -> int:
    from safeguarding_assurance.run.new_year import new_year

    for path in new_year(args.year, repository_root()):
        print(f"wrote {path}")
    return 0


COMMANDS = {
    "run": _cmd_run,
    "validate": _cmd_validate,
    "pack": _cmd_pack,
    "new-year": _cmd_new_year,
}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``assurance`` command."""
    # nbformat validates notebooks with jsonschema, which imports rfc3987-syntax when
    # JupyterLab's dependencies are installed; that compiles a grammar for about 3 s at
    # every start (measured). No notebook schema uses IRI formats, so it stays unloaded.
    sys.modules.setdefault("rfc3987_syntax", None)
    use_system_allocator()
    args = _build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except AssuranceError as exc:
        if getattr(args, "verbose", False):
            traceback.print_exc()
        sys.stderr.write(f"{exc}\n")
        return exc.exit_status
    except KeyboardInterrupt:
        # a run handles its own signals (RunInterrupted); this is Ctrl-C before it started
        # anything, or during validate or new-year
        what = (
            "nothing was published; the previous outputs are untouched"
            if args.command == "run"
            else "stopped"
        )
        sys.stderr.write(f"\ninterrupted: {what}\n")
        return 130
    except Exception as exc:
        if getattr(args, "verbose", False):
            traceback.print_exc()
            sys.stderr.write(f"error: {type(exc).__name__}: {exc}\n")
        else:
            # the Python error type means nothing to a user: the words, and where to look
            sys.stderr.write(
                f"error: the suite stopped on something it did not expect ({exc}); run again "
                "with --verbose for the details\n"
            )
        return 1


def entry_point() -> None:
    """The console script: run, then leave without the interpreter's slow teardown.

    Every file is written and closed and every kernel shut down before ``main``
    returns; tearing down the modules loaded (pandas, matplotlib, WeasyPrint, zmq)
    measured 0.6 s more on each run for nothing.
    """
    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    sys.exit(main())
