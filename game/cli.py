"""The command line: `spacerace COMMAND ...` (see `spacerace --help`).

Every command reports bad input with a short message and a non-zero exit,
never a traceback. Commands live in game/commands, one module each.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from game import __version__
from game.commands import COMMANDS


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="spacerace", description="Space Race: the Cold War race to space.")
    p.add_argument("--version", action="version", version=f"spacerace {__version__}")
    sub = p.add_subparsers(dest="command")
    for name in COMMANDS:
        importlib.import_module(f"game.commands.{name}").add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    from game.process import keep_freed_memory

    keep_freed_memory()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # no command: open the game
        args = parser.parse_args(["play"])
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("spacerace: interrupted", file=sys.stderr)
        return 130
