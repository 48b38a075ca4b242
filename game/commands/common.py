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


def compile_core_apart(scenario: str) -> None:
    """Compile the rules engine into its cache in a separate process (a minute or two on a first start),
    so that a window open meanwhile keeps drawing: in this process the compiler would hold the
    interpreter for seconds at a time. Raises RuntimeError with the end of the compiler's output if
    that process fails."""
    import subprocess

    script = ("import sys\n"
              "from game.commands.common import load_scenario\n"
              "from game.rules import warm_up\n"
              "warm_up(load_scenario(sys.argv[1]).rules)\n")
    done = subprocess.run([sys.executable, "-c", script, scenario], capture_output=True, text=True)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise RuntimeError("could not compile the rules engine: " + (" / ".join(tail) or f"exit {done.returncode}"))


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
