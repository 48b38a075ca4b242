"""`spacerace schema`: the JSON Schema of the scenario files, for editor completion."""

from __future__ import annotations

import json

from game.commands.common import write_output


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
    write_output(args.output, text)
    print(f"wrote the scenario JSON Schema to {args.output}")
    return 0
