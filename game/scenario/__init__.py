"""Scenarios: TOML files -> checked data -> compiled Rules.

    scenario = load("historical")          # raises ScenarioError with every problem
    problems = validate("path/to/folder")  # list of Diagnostic
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.rules.tables import Rules
from game.scenario.calendar import Calendar
from game.scenario.checks import check
from game.scenario.compile import calendar_of, compile_rules
from game.scenario.diagnostics import ERROR, Diagnostic, ScenarioError, has_errors
from game.scenario.loader import RawScenario, is_valid, load_raw

BUILTIN_DIR = Path(__file__).resolve().parents[2] / "scenarios"


@dataclass(frozen=True)
class Scenario:
    """A loaded scenario: its texts and entries for people, its Rules for the engine."""

    folder: Path
    meta: dict
    programs: list[dict]
    milestones: list[dict]
    missions: list[dict]
    events: list[dict]
    rules: Rules
    calendar: Calendar
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.meta["scenario"]["id"]

    @property
    def name(self) -> str:
        return self.meta["scenario"]["name"]


def resolve(id_or_path: str | Path) -> Path:
    """The folder of a scenario given as a path or as the id of a shipped scenario."""
    path = Path(id_or_path)
    if path.is_dir():
        return path
    return BUILTIN_DIR / str(id_or_path)


def shipped_ids() -> list[str]:
    """Ids of the scenarios shipped with the game."""
    if not BUILTIN_DIR.is_dir():
        return []
    return sorted(p.name for p in BUILTIN_DIR.iterdir() if (p / "scenario.toml").exists())


def _read(id_or_path) -> tuple[RawScenario, list[Diagnostic], Calendar | None]:
    folder = resolve(id_or_path)
    if not folder.is_dir():
        known = ", ".join(shipped_ids()) or "none"
        return RawScenario(folder=folder), [Diagnostic(
            str(id_or_path), 0, ERROR, f"no scenario folder or shipped scenario of that name (shipped: {known})")], None
    raw = load_raw(folder)
    cal = None
    if is_valid(raw.meta) and raw.meta:
        cal = calendar_of(raw.meta)
        s = raw.meta["scenario"]
        lines = raw.meta_lines
        if cal.end_month < cal.start_month:
            raw.diagnostics.append(Diagnostic("scenario.toml", lines.key_line("scenario", 0, "end"), ERROR,
                                              "scenario: end comes before start"))
            cal = None
        if s["id"] != folder.name and not str(id_or_path).endswith(s["id"]):
            raw.diagnostics.append(Diagnostic("scenario.toml", lines.key_line("scenario", 0, "id"), "warning",
                                              f"scenario id '{s['id']}' differs from its folder name '{folder.name}'"))
    diags = raw.diagnostics + (check(raw, cal) if not _fatal(raw) else [])
    return raw, diags, cal


def _fatal(raw: RawScenario) -> bool:
    """True when a file could not be read at all (cross-checks would only add noise)."""
    return any(d.severity == ERROR and (d.message.startswith(("TOML syntax", "missing file", "cannot read",
                                                               "the file is")))
               for d in raw.diagnostics)


def validate(id_or_path) -> list[Diagnostic]:
    """Every problem of a scenario, errors and warnings, sorted by file and line. Never raises."""
    _, diags, _ = _read(id_or_path)
    return sorted(diags, key=lambda d: (d.file, d.line, d.severity))


def load(id_or_path) -> Scenario:
    """Load, check and compile a scenario. Raises ScenarioError listing every error."""
    raw, diags, cal = _read(id_or_path)
    if has_errors(diags) or cal is None:
        raise ScenarioError(sorted([d for d in diags if d.severity == ERROR], key=lambda d: (d.file, d.line)))
    data = {k: [e.data for e in raw.entries.get(k, [])] for k in ("program", "milestone", "mission", "event")}
    rules = compile_rules(raw.meta, data["program"], data["milestone"], data["mission"], data["event"],
                          raw.content_hash)
    return Scenario(folder=raw.folder, meta=raw.meta, programs=data["program"], milestones=data["milestone"],
                    missions=data["mission"], events=data["event"], rules=rules, calendar=cal,
                    warnings=[d for d in diags if d.severity != ERROR])


__all__ = ["Scenario", "ScenarioError", "Diagnostic", "load", "validate", "resolve", "shipped_ids"]
