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
from game.scenario.diagnostics import ERROR, WARNING, Diagnostic, ScenarioError, has_errors, sort_key
from game.scenario.images import image_paths
from game.scenario.loader import RawScenario, is_valid, load_raw
from game.scenario.locations import SHIPPED_DIR, discover, display, known_ids, resolve, user_dir

BUILTIN_DIR = SHIPPED_DIR
ENTRY_KINDS = ("program", "milestone", "mission", "event", "record", "operation", "group", "person")
INTERNAL = "the scenario passed its checks but could not be compiled (a bug in the game's checks; please report it)"


@dataclass(frozen=True)
class Scenario:
    """A loaded scenario: its texts and entries for people, its Rules for the engine.

    chain: the scenario's id, then the ids of the scenarios it extends (base last);
    folders: their folders, in the same order; content_hash: hash of every file of the chain;
    images: the picture file of each program that names one (its `image`, checked).
    """

    folder: Path
    meta: dict
    programs: list[dict]
    milestones: list[dict]
    missions: list[dict]
    events: list[dict]
    rules: Rules
    calendar: Calendar
    warnings: list[Diagnostic] = field(default_factory=list)
    chain: tuple[str, ...] = ()
    folders: tuple[Path, ...] = ()
    images: dict[str, Path] = field(default_factory=dict)  # program id -> its checked `image` file
    records: list[dict] = field(default_factory=list)      # records.toml's entries (none: [])
    operations: list[dict] = field(default_factory=list)   # operations.toml's entries (none: [])
    groups: list[dict] = field(default_factory=list)       # people.toml's [[group]] entries (none: [])
    persons: list[dict] = field(default_factory=list)      # people.toml's [[person]] entries (none: [])

    @property
    def id(self) -> str:
        return self.meta["scenario"]["id"]

    @property
    def name(self) -> str:
        return self.meta["scenario"]["name"]

    @property
    def description(self) -> str:
        return self.meta["scenario"]["description"]

    @property
    def version(self) -> str:
        return self.meta["scenario"]["version"]

    @property
    def content_hash(self) -> str:
        return self.rules.content_hash


def shipped_ids() -> list[str]:
    """Ids of the scenarios shipped with the game."""
    return [ident for ident, origin, _ in discover() if origin == "shipped"]


def _read(id_or_path) -> tuple[RawScenario, list[Diagnostic], Calendar | None]:
    folder = resolve(id_or_path)
    if not folder.is_dir():
        known = ", ".join(known_ids()) or "none"
        return RawScenario(folder=folder, fatal=True), [Diagnostic(
            str(id_or_path), 0, ERROR, f"no scenario folder or scenario of that id (known: {known})")], None
    raw = load_raw(folder)
    cal = None
    if raw.meta and is_valid(raw.meta.get("scenario")):
        cal = calendar_of(raw.meta)
        s = raw.meta["scenario"]
        if cal.end_month < cal.start_month:
            raw.diagnostics.append(Diagnostic(*raw.meta_at(("scenario", "end")), ERROR, "comes before start",
                                              "scenario.end"))
            cal = None
        if s["id"] != folder.name:
            raw.diagnostics.append(Diagnostic(*raw.meta_at(("scenario", "id")), WARNING,
                                              f"'{s['id']}' differs from the folder name '{folder.name}'; "
                                              "the game finds scenarios by folder name", "scenario.id"))
    diags = raw.diagnostics + (check(raw, cal) if not raw.fatal else [])
    return raw, diags, cal


def validate(id_or_path) -> list[Diagnostic]:
    """Every problem of a scenario, errors and warnings, sorted by file and line. Never raises."""
    _, diags, _ = _read(id_or_path)
    return sorted(set(diags), key=sort_key)


def describe(id_or_path) -> dict:
    """What the scenario list shows: id, name, description, version, extends, errors, warnings and a
    one-line status. Never raises."""
    raw, diags, _ = _read(id_or_path)
    s = raw.meta.get("scenario") if isinstance(raw.meta, dict) else None
    s = s if isinstance(s, dict) else {}

    def text(key: str, default: str = "") -> str:
        return s[key] if isinstance(s.get(key), str) else default

    errors = sum(d.severity == ERROR for d in set(diags))
    warnings = len(set(diags)) - errors
    status = (f"INVALID ({errors} error(s))" if errors else "ok") + (f", {warnings} warning(s)" if warnings else "")
    return {"id": text("id", resolve(id_or_path).name), "name": text("name", "?"), "description": text("description"),
            "version": text("version", "?"), "extends": text("extends"), "chain": list(raw.chain),
            "errors": errors, "warnings": warnings, "valid": not errors, "status": status}


def load(id_or_path) -> Scenario:
    """Load, check and compile a scenario. Raises ScenarioError listing every error."""
    raw, diags, cal = _read(id_or_path)
    if has_errors(diags) or cal is None or raw.fatal:
        raise ScenarioError(sorted({d for d in diags if d.severity == ERROR}, key=sort_key))
    data = {k: [e.data for e in raw.entries.get(k, [])] for k in ENTRY_KINDS}
    try:
        rules = compile_rules(raw.meta, data["program"], data["milestone"], data["mission"], data["event"],
                              raw.content_hash, records=data["record"], operations=data["operation"],
                              groups=data["group"], people=data["person"])
    except Exception as exc:  # a gap in the checks: say so instead of crashing (the fuzz tests hunt these)
        raise ScenarioError([Diagnostic(display(raw.folder), 0, ERROR, f"{INTERNAL}: {type(exc).__name__}: "
                                        f"{str(exc)[:200]}")]) from exc
    return Scenario(folder=raw.folder, meta=raw.meta, programs=data["program"], milestones=data["milestone"],
                    missions=data["mission"], events=data["event"], rules=rules, calendar=cal,
                    warnings=sorted({d for d in diags if d.severity != ERROR}, key=sort_key),
                    chain=tuple(raw.chain), folders=tuple(raw.folders), images=image_paths(raw),
                    records=data["record"], operations=data["operation"], groups=data["group"],
                    persons=data["person"])


__all__ = ["Scenario", "ScenarioError", "Diagnostic", "load", "validate", "resolve", "shipped_ids", "discover",
           "describe", "user_dir", "display"]
