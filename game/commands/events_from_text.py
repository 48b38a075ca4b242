"""`spacerace events-from-text FILE.txt [-o OUT.toml]`: a draft events file from a historical document."""

from __future__ import annotations

import sys
from pathlib import Path

from game.commands.common import write_output


def add_parser(sub) -> None:
    s = sub.add_parser("events-from-text", help="draft an events.toml from a plain-text historical document: "
                                                "one event per dated statement")
    s.add_argument("file", metavar="FILE.txt", help="the plain-text document")
    s.add_argument("-o", "--output", metavar="OUT.toml", help="write the draft here instead of printing it")
    s.set_defaults(func=run)


def run(args) -> int:
    from game.scenario.textevents import draft_events, find_statements

    path = Path(args.file)
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise SystemExit(f"spacerace: cannot read {args.file}: {exc.strerror or exc}") from None
    statements = find_statements(text)
    draft = draft_events(statements, path.name)
    if not args.output:
        print(draft, end="")
        print(f"{len(statements)} dated statement(s) found in {args.file}", file=sys.stderr)
        return 0
    write_output(args.output, draft)
    print(f"wrote {len(statements)} draft event(s) from {args.file} to {args.output}")
    print("use it as events.toml of a scenario that extends another, then run `spacerace validate` on that scenario")
    return 0
