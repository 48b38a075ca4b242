"""`spacerace validate`: every problem of a scenario, as FILE:LINE: severity: message."""

from __future__ import annotations

import sys


def add_parser(sub) -> None:
    v = sub.add_parser("validate", help="check a scenario and print every problem as FILE:LINE: severity: message")
    v.add_argument("scenario", help="scenario id or folder")
    v.set_defaults(func=run)


def run(args) -> int:
    from game.scenario import validate

    diags = validate(args.scenario)
    for d in diags:
        print(d.format())
    errors = sum(d.severity == "error" for d in diags)
    warnings = len(diags) - errors
    if errors:
        print(f"{args.scenario}: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
        return 1
    print(f"{args.scenario}: ok ({warnings} warning(s))")
    return 0


