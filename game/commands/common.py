"""Helpers shared by the commands: loading a scenario or a policy with a one-line failure."""

from __future__ import annotations

import sys


def load_scenario(scenario: str):
    from game.scenario import ScenarioError, load

    try:
        return load(scenario)
    except ScenarioError as exc:
        lines = [d.format() for d in exc.diagnostics]
        shown = "\n".join(lines[:20]) + (f"\n... and {len(lines) - 20} more" if len(lines) > 20 else "")
        raise SystemExit(f"spacerace: scenario '{scenario}' has errors (run `spacerace validate {scenario}`):"
                         f"\n{shown}") from None


def prepare_core(rules) -> None:
    """Compile (first run) or load the rules engine before a command plays, saying so on stderr when slow."""
    from game.rules import warm_up

    warm_up(rules, announce=lambda message: print(f"spacerace: {message}", file=sys.stderr, flush=True))


def make_policy(name: str, rules):
    from game.ai.policies import make_policy

    try:
        return make_policy(name, rules)
    except ValueError as exc:
        raise SystemExit(f"spacerace: {exc}") from None


def progress_bar(enabled: bool):
    """A callback (done, total) that draws a progress bar on stderr when enabled."""

    def show(done: int, total: int) -> None:
        if enabled:
            bar = "#" * (30 * done // total)
            end = "\n" if done >= total else ""
            print(f"\r[{bar:<30}] {done}/{total}", end=end, file=sys.stderr, flush=True)

    return show


def write_output(path: str, text: str) -> None:
    """Write a command's output file (UTF-8); a failure is a one-line exit, not a traceback."""
    from pathlib import Path

    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise SystemExit(f"spacerace: cannot write {path}: {exc.strerror or exc}") from None
