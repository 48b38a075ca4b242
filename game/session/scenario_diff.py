"""What changed in a scenario between a save and today: a digest kept in saves, and a short list for people.

    digest = scenario_digest(scenario)                 # stored in the save
    lines = changes(saved_digest, scenario_digest(now)) # ["program saturn_v: reliability 0.6 -> 0.7", ...]

The digest holds the numbers and choices of every program, mission, milestone, event, record,
operation, recruitment group and person (by id), the flags, and the scenario's settings ([scenario],
[side], [economy], [rules], [crew]...), each entry flattened to "path": value ("effects.reliability.r7":
0.05, "steps[1].program": "pioneer"). Texts for people (names, descriptions, event texts, sources, bios)
are left out: they change nothing in a game, and they are most of a scenario's size. Empty values
(none, [], {}) are left out too, and read as "none". Everything in it is public: it is the scenario's
own files, which both sides may read. The lines use "->", not an arrow sign, so that every console and
the game's font can show them.
"""

from __future__ import annotations

import json
import re
from functools import cache

KINDS = ("program", "mission", "milestone", "event", "record", "operation", "group", "person")
TEXTS = frozenset({"name", "description", "text", "title", "source", "label", "bio"})
COUNTED = ("group", "person")   # kinds a digest made before them lacks: their arrival is one line, not one per id
MAX_LINES = 12          # the list a player sees; what is beyond is counted in its last line
MAX_FIELDS = 3          # changed fields named on one entry's line


def _flat(value, prefix: str, out: dict) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            if k not in TEXTS:
                _flat(v, f"{prefix}.{k}" if prefix else str(k), out)
    elif isinstance(value, (list, tuple)) and value and all(isinstance(v, dict) for v in value):
        for i, v in enumerate(value):
            _flat(v, f"{prefix}[{i}]", out)
    elif value is None or value == [] or value == () or value == {}:
        return
    elif isinstance(value, (list, tuple)):
        out[prefix] = [list(v) if isinstance(v, tuple) else v for v in value]
    elif isinstance(value, (bool, int, float, str)):
        out[prefix] = value
    else:
        out[prefix] = str(value)


def flatten(entry: dict) -> dict:
    """An entry's fields as {"path": value} without texts or empty values (the id itself left out)."""
    out: dict = {}
    _flat({k: v for k, v in entry.items() if k != "id"}, "", out)
    return out


def scenario_digest(scenario) -> dict:
    """{"settings": flat meta, "program": {id: flat}, ..., "flag": [ids]}: JSON-ready."""
    digest = {"settings": flatten(scenario.meta)}
    for kind in KINDS:
        digest[kind] = {e["id"]: flatten(e) for e in getattr(scenario, kind + "s")}
    digest["flag"] = list(scenario.rules.flag_ids)
    return json.loads(json.dumps(digest))        # tuples to lists: equal to what a save reads back


@cache
def schema_defaults(kind: str) -> dict:
    """"path": value of every field the scenario format fills in when a file leaves it out, for `kind`
    ("settings" or an entry kind), list items' fields under "name[]." ({} when the format has no such kind)."""
    from game.scenario.schema import FILES, INVALID, Checker, ListOf, Table

    spec = {array or "settings": spec for tables in FILES.values() for array, spec in tables}.get(kind)
    out: dict = {}

    def walk(table: Table, prefix: str) -> None:
        filled = table.check({}, (), Checker())
        for name, f in table.fields.items():
            path = f"{prefix}{name}"
            if isinstance(f.spec, Table):
                walk(f.spec, path + ".")
            elif isinstance(f.spec, ListOf) and isinstance(f.spec.item, Table):
                walk(f.spec.item, path + "[].")
            elif filled.get(name) is not INVALID and name not in TEXTS:
                _flat(filled.get(name), path, out)

    if spec is not None:
        walk(spec, "")
    return out


_INDEX = re.compile(r"\[\d+\]")


def _show(value) -> str:
    if value is None:
        return "none"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= 24 else text[:21] + "..."


def _field_changes(old: dict, new: dict, kind: str) -> list[str]:
    """"path old -> new" for each field that differs. A field the old digest lacks whose new value is the
    format's default for it is no change: the scenario format gained it since (filled in by default)."""
    defaults = schema_defaults(kind)
    added = [k for k in new if k not in old and defaults.get(_INDEX.sub("[]", k), object()) != new[k]]
    keys = [k for k in old if k not in new or new[k] != old[k]] + added
    return [f"{k} {_show(old.get(k))} -> {_show(new.get(k))}" for k in keys]


def _line(head: str, parts: list[str]) -> str:
    shown = parts[:MAX_FIELDS]
    more = f" (and {len(parts) - MAX_FIELDS} more)" if len(parts) > MAX_FIELDS else ""
    return f"{head}: {', '.join(shown)}{more}"


def all_changes(old: dict, new: dict) -> list[str]:
    """Every change from digest `old` to digest `new`, one line per entry: settings first, then programs,
    missions, milestones, events, records, operations and flags (removed, changed, added, each in id order).
    A digest without a kind (saved before records and operations existed) has none of it; of the corps' kinds
    (groups, people) it then gets one line each, "person: 64 added", not one per id."""
    lines = []
    groups: dict[str, list[str]] = {}
    for part in _field_changes(old.get("settings", {}), new.get("settings", {}), "settings"):
        table, _, rest = part.partition(".")
        head = table if table != "side" else "side " + rest.split(".", 1)[0]
        rest = rest if table != "side" else rest.split(".", 1)[1]
        groups.setdefault(head, []).append(rest)
    lines += [_line(head, parts) for head, parts in groups.items()]
    for kind in KINDS:
        was, now = old.get(kind, {}), new.get(kind, {})
        if kind in COUNTED and kind not in old:
            lines += [f"{kind}: {len(now)} added"] if now else []
            continue
        lines += [f"{kind} {i} removed" for i in sorted(set(was) - set(now))]
        for i in sorted(set(was) & set(now)):
            parts = _field_changes(was[i], now[i], kind)
            if parts:
                lines.append(_line(f"{kind} {i}", parts))
        lines += [f"{kind} {i} added" for i in sorted(set(now) - set(was))]
    was, now = set(old.get("flag", [])), set(new.get("flag", []))
    lines += [f"flag {i} removed" for i in sorted(was - now)] + [f"flag {i} added" for i in sorted(now - was)]
    return lines


def changes(old: dict, new: dict, limit: int = MAX_LINES) -> list[str]:
    """The short list a player sees: at most `limit` lines, the last one counting what is left out."""
    lines = all_changes(old, new)
    if len(lines) > limit:
        rest = len(lines) - (limit - 1)
        lines = lines[:limit - 1] + [f"and {rest} more changes"]
    return lines
