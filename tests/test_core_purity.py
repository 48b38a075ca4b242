"""The core is pure: the rules, scenarios, simulations and AI never load pygame; and the packages
are layered: no import cycle between them, and only the command line imports the commands.

The AI runs thousands of games in worker processes and the command line runs
headless; neither may pull in a display library. A fresh interpreter proves it.
"""

from __future__ import annotations

import subprocess
import sys

from gamekit import REPO

CHECK = ("import sys; import game.rules, game.scenario, game.sim, game.ai, game.ai.policies, game.sim.rollout; "
         "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pygame', 'pygame_gui')); "
         "assert not loaded, loaded; print('pure')")


def test_the_core_packages_load_no_pygame():
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "pure"


def test_a_headless_scenario_load_and_game_load_no_pygame():
    code = ("import sys; from game.scenario import load; from game.ai.policies import make_policy; "
            "from game.sim.rollout import play_games; r = load('historical').rules; "
            "play_games(r, make_policy('random', r), make_policy('scripted', r), seed=1, games=4, batch=4); "
            "assert not [m for m in sys.modules if m.startswith('pygame')]; print('pure')")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "pure"


# ------------------------------------------------------------------ layering, read from the source itself

PACKAGES = ("rules", "scenario", "sim", "ai", "session", "ui", "commands")


def imports_of(path) -> set[str]:
    """Every module a source file imports, at its top or inside a function (relative imports resolved)."""
    import ast

    module = ".".join(path.relative_to(REPO).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module.removesuffix(".__init__")
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def sources():
    """(module path relative to the repository, imported modules) for every file of the game package."""
    return [(path.relative_to(REPO).as_posix(), imports_of(path)) for path in sorted((REPO / "game").rglob("*.py"))]


def package_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "game" and parts[1] in PACKAGES else None


def package_graph(files) -> dict[str, dict[str, str]]:
    """{package: {package it imports: the first file that does}} among PACKAGES."""
    graph: dict[str, dict[str, str]] = {p: {} for p in PACKAGES}
    for rel, imported in files:
        here = package_of(rel.removesuffix(".py").replace("/", "."))
        for module in sorted(imported):
            there = package_of(module)
            if here and there and there != here:
                graph[here].setdefault(there, rel)
    return graph


def find_cycle(graph: dict[str, dict[str, str]]) -> list[str] | None:
    """A list of packages that import each other round in a cycle (first repeated at the end), or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, {})):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_nothing_but_the_command_line_imports_the_commands():
    offenders = sorted(rel for rel, imported in sources()
                       if not rel.startswith("game/commands/") and rel != "game/cli.py"
                       and any(m == "game.commands" or m.startswith("game.commands.") for m in imported))
    assert not offenders, f"only game/cli.py and game/commands may import game.commands: {offenders}"


def test_the_packages_do_not_import_each_other_in_a_cycle():
    graph = package_graph(sources())
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle between packages: " + " -> ".join(
        f"{a} ({graph[a][b]})" for a, b in zip(cycle, cycle[1:], strict=False)) + f" -> {cycle[-1]}"
    assert graph["ai"] and graph["session"], "the graph must hold the real imports for this test to mean anything"


def test_each_package_imports_only_the_layers_below_it():
    """rules < scenario < sim < ai < session < ui < commands (the order of PACKAGES)."""
    upward = sorted(f"game.{a} imports game.{b} ({where})" for a, targets in package_graph(sources()).items()
                    for b, where in targets.items() if PACKAGES.index(b) > PACKAGES.index(a))
    assert not upward, upward


def test_the_cycle_finder_finds_a_cycle_and_only_a_cycle():
    files = [("game/sim/bench.py", {"game.ai.policies"}), ("game/ai/arena.py", {"game.sim.rollout", "game.rules"}),
             ("game/rules/step.py", {"numpy"})]
    assert find_cycle(package_graph(files)) in (["ai", "sim", "ai"], ["sim", "ai", "sim"])
    assert find_cycle(package_graph(files[1:])) is None
    assert "game.rules.tables" in imports_of(REPO / "game" / "rules" / "observe.py")
