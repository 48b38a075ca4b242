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


COMPILING = "compiling the rules engine (only on the first run after an install or update)"


def _say(message: str) -> None:
    print(f"spacerace: {message}", file=sys.stderr, flush=True)


def prepare_core(rules) -> None:
    """Compile (first run) or load the rules engine before a command plays. When it compiles, one line on
    stderr says so first (worded here, with no duration: the time depends on the machine)."""
    from game.rules import warm_up

    warm_up(rules, announce=lambda _their_words: _say(COMPILING + "..."))


def compile_core_apart(scenario: str, started=None) -> None:
    """Compile the rules engine into its cache in a separate process, so that a window open meanwhile
    keeps drawing: in this process the compiler would hold the interpreter for seconds at a time. With
    a warm cache that process only loads. `started(process)`, when given, is called with the running
    subprocess.Popen as soon as it exists, so that the caller can end it (a window closed meanwhile).
    Raises RuntimeError, in one line with the end of the compiler's output, if that process fails."""
    import subprocess

    script = ("import sys\n"
              "from game.commands.common import load_scenario\n"
              "from game.rules import warm_up\n"
              "warm_up(load_scenario(sys.argv[1]).rules)\n")
    process = subprocess.Popen([sys.executable, "-c", script, scenario], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    if started is not None:
        started(process)
    out, err = process.communicate()
    if process.returncode != 0:
        tail = (err or out).strip().splitlines()[-3:]
        raise RuntimeError("could not compile the rules engine: "
                           + (" / ".join(line.strip() for line in tail) or f"exit {process.returncode}"))


def prepare_core_apart(scenario: str, rules, started=None) -> None:
    """The rules engine ready in this process without this process compiling it: compile_core_apart,
    then prepare_core, which now only loads (well under a second on a warm cache). For a window's
    background thread; raises what those raise."""
    compile_core_apart(scenario, started)
    prepare_core(rules)


def announce_background_compile() -> None:
    """Say on stderr that the rules engine compiles while the window is already usable."""
    _say(COMPILING + " in the background; the window is usable meanwhile")


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
