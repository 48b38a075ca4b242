"""`spacerace schema`: the JSON Schema of the scenario files, for editor completion."""

from __future__ import annotations

import json
from pathlib import Path


def add_parser(sub) -> None:
    s = sub.add_parser("schema", help="print the JSON Schema of the scenario format (for editor completion)")
    s.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead of printing it")
    s.set_defaults(func=run)


def run(args) -> int:
    from game.scenario.schema import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if not args.output:
        print(text, end="")
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise SystemExit(f"spacerace: cannot write {args.output}: {exc.strerror or exc}") from None
    print(f"wrote the scenario JSON Schema to {args.output}")
    return 0
