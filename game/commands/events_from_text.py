"""`spacerace events-from-text FILE.txt [-o OUT.toml]`: a draft events file from a historical document."""

from __future__ import annotations

import sys
from pathlib import Path

from game.commands.common import write_output


def add_parser(sub) -> None:
    s = sub.add_parser("events-from-text", help="draft an events.toml from a plain-text historical document: "
                                                "one event per dated fact")
    s.add_argument("file", metavar="FILE.txt", help="the plain-text document")
    s.add_argument("-o", "--output", metavar="OUT.toml", help="write the draft here instead of printing it")
    s.set_defaults(func=run)


def run(args) -> int:
    """Print (or write with -o) the draft; each relative date that could not be counted is a line on stderr."""
    from game.scenario.textevents import draft_events, read_facts

    path = Path(args.file)
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise SystemExit(f"spacerace: cannot read {args.file}: {exc.strerror or exc}") from None
    facts, unanchored = read_facts(text)
    draft = draft_events(facts, path.name, unanchored)
    for u in unanchored:
        print(f"{args.file}:{u.line}: \"{u.phrase}\" not drafted: {u.reason}; give its date in the text or add "
              "the event by hand", file=sys.stderr)
    if not args.output:
        print(draft, end="")
        print(f"{len(facts)} dated fact(s) found in {args.file}", file=sys.stderr)
        return 0
    write_output(args.output, draft)
    print(f"wrote {len(facts)} draft event(s) from {args.file} to {args.output}")
    print("use it as events.toml of a scenario that extends another, then run `spacerace validate` on that scenario")
    return 0
