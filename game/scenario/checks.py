"""Cross-file checks of a scenario: references, duplicates, cycles, and things
that can never happen (missions that never fly, milestones nobody can earn,
events that never fire). Reports every problem at once.
"""

from __future__ import annotations

from game.scenario.calendar import Calendar, month_of
from game.scenario.diagnostics import ERROR, WARNING, Diagnostic, did_you_mean
from game.scenario.loader import RawScenario, is_valid

MAX_ROLES = 6          # distinct programs one mission may fly
MAX_MILESTONES = 64


def check(raw: RawScenario, cal: Calendar | None) -> list[Diagnostic]:
    """Diagnostics beyond the per-file schema checks."""
    out: list[Diagnostic] = []
    ids = _ids(raw, out)
    _check_refs(raw, ids, out)
    _check_programs(raw, ids, cal, out)
    _check_milestones(raw, out)
    _check_missions(raw, ids, cal, out)
    _check_events(raw, ids, cal, out)
    _check_victory(raw, ids, cal, out)
    return out


def _ids(raw: RawScenario, out) -> dict[str, dict[str, object]]:
    ids: dict[str, dict[str, object]] = {}
    for kind in ("program", "milestone", "mission", "event"):
        seen: dict[str, object] = {}
        for e in raw.entries.get(kind, []):
            ident = e.data.get("id")
            if not isinstance(ident, str):
                continue
            if ident in seen:
                first = seen[ident]
                out.append(Diagnostic(e.file, e.line(("id",)), ERROR,
                                      f"duplicate {kind} id '{ident}' (first defined at line {first.line(('id',))})"))
                continue
            seen[ident] = e
        ids[kind] = seen
    ids["target"] = {**ids["program"], **ids["mission"]}
    flags = {}
    for e in raw.entries.get("event", []):
        for eff in _effect_tables(e.data):
            for f in eff.get("set_flags") or []:
                if isinstance(f, str):
                    flags.setdefault(f, e)
    ids["flag"] = flags
    return ids


def _effect_tables(event: dict) -> list[dict]:
    tables = [event.get("effects")] + [o.get("effects") for o in (event.get("option") or []) if isinstance(o, dict)]
    return [t for t in tables if isinstance(t, dict)]


def _check_refs(raw: RawScenario, ids, out) -> None:
    names = {"target": "program or mission"}
    for kind, ident, file, line, _path, prefix in raw.refs:
        if ident in ids.get(kind, {}):
            continue
        what = names.get(kind, kind)
        if kind == "flag":
            msg = f"flag '{ident}' is never set by any event's set_flags{did_you_mean(ident, ids['flag'])}"
        else:
            msg = f"unknown {what} '{ident}'{did_you_mean(ident, ids.get(kind, {}))}"
        out.append(Diagnostic(file, line, ERROR, prefix + msg))


def _cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """One dependency cycle as a list of ids, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in graph.get(n, []):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m in graph and state.get(m) is None:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in graph:
        if state.get(n) is None:
            found = visit(n)
            if found:
                return found
    return None


def _check_programs(raw: RawScenario, ids, cal, out) -> None:
    graph = {}
    for e in raw.entries.get("program", []):
        d = e.data
        label = f"program '{d.get('id')}': "
        rel, cap, top = d.get("reliability"), d.get("research_cap"), d.get("max_reliability")
        if is_valid(rel) and is_valid(cap) and rel > cap:
            out.append(Diagnostic(e.file, e.line(("research_cap",)), ERROR,
                                  label + f"research_cap {cap} is below its starting reliability {rel}"))
        if is_valid(cap) and is_valid(top) and cap > top:
            out.append(Diagnostic(e.file, e.line(("max_reliability",)), ERROR,
                                  label + f"max_reliability {top} is below its research_cap {cap}"))
        reqs = d.get("requires") if is_valid(d.get("requires")) else []
        graph[d.get("id")] = reqs
        for r in reqs:
            other = ids["program"].get(r)
            if other is not None and other.data.get("side") != d.get("side"):
                out.append(Diagnostic(e.file, e.line(("requires",)), ERROR,
                                      label + f"requires '{r}', a program of the other side"))
        if cal and is_valid(d.get("available")) and d.get("available") and month_of(d["available"]) > cal.end_month:
            out.append(Diagnostic(e.file, e.line(("available",)), WARNING,
                                  label + f"available {d['available']} is after the scenario ends"))
    cyc = _cycle(graph)
    if cyc:
        e = ids["program"][cyc[0]]
        out.append(Diagnostic(e.file, e.line(("requires",)), ERROR,
                              "programs require each other in a cycle: " + " -> ".join(cyc)))


def _check_milestones(raw: RawScenario, out) -> None:
    ms = raw.entries.get("milestone", [])
    if len(ms) > MAX_MILESTONES:
        out.append(Diagnostic(ms[0].file, 0, ERROR, f"{len(ms)} milestones; at most {MAX_MILESTONES} are supported"))
    graph = {e.data.get("id"): (e.data.get("requires") if is_valid(e.data.get("requires")) else []) for e in ms}
    cyc = _cycle(graph)
    if cyc:
        e = next(x for x in ms if x.data.get("id") == cyc[0])
        out.append(Diagnostic(e.file, e.line(("requires",)), ERROR,
                              "milestones require each other in a cycle: " + " -> ".join(cyc)))
    earnable = set()
    for m in raw.entries.get("mission", []):
        for s in m.data.get("steps") or []:
            if isinstance(s, dict) and is_valid(s.get("earns")):
                earnable.update(s["earns"])
    for e in ms:
        if e.data.get("id") not in earnable:
            out.append(Diagnostic(e.file, e.line(("id",)), ERROR,
                                  f"milestone '{e.data.get('id')}': no mission can earn it (add it to a step's earns)"))
        h = e.data.get("historical")
        if isinstance(h, str) and h:
            from game.scenario.schema import DATE_RE
            if not DATE_RE.match(h):
                out.append(Diagnostic(e.file, e.line(("historical",)), ERROR,
                                      f"milestone '{e.data.get('id')}': historical must be \"YYYY-MM\", not {h!r}"))


def _unlockable(raw: RawScenario) -> set[str]:
    found = set()
    for e in raw.entries.get("event", []):
        for eff in _effect_tables(e.data):
            if is_valid(eff.get("unlock")):
                found.update(eff.get("unlock") or [])
    return found


def _check_missions(raw: RawScenario, ids, cal, out) -> None:
    unlockable = _unlockable(raw)
    for e in raw.entries.get("mission", []):
        d = e.data
        label = f"mission '{d.get('id')}': "
        steps = d.get("steps") if isinstance(d.get("steps"), list) else []
        if not steps and is_valid(d.get("steps")):
            out.append(Diagnostic(e.file, e.line(("steps",)), ERROR, label + "has no steps"))
        progs = []
        for s in steps:
            p = s.get("program") if isinstance(s, dict) else None
            if isinstance(p, str) and p in ids["program"] and p not in progs:
                progs.append(p)
        if len(progs) > MAX_ROLES:
            out.append(Diagnostic(e.file, e.line(("steps",)), ERROR,
                                  label + f"flies {len(progs)} different programs; at most {MAX_ROLES} are supported"))
        for p in progs:
            pd = ids["program"][p].data
            if pd.get("side") != d.get("side"):
                out.append(Diagnostic(e.file, e.line(("steps",)), ERROR,
                                      label + f"flies '{p}', a program of the other side"))
            if pd.get("locked") and p not in unlockable:
                out.append(Diagnostic(e.file, e.line(("steps",)), ERROR,
                                      label + f"can never fly: program '{p}' is locked and no event unlocks it"))
        crew = d.get("crew") if is_valid(d.get("crew")) else 0
        if crew:
            seats = max([ids["program"][p].data.get("crew") or 0 for p in progs] or [0])
            if isinstance(seats, int) and seats < crew:
                out.append(Diagnostic(e.file, e.line(("crew",)), ERROR,
                                      label + f"carries {crew} crew but none of its programs has that many seats"))
        if d.get("locked") and d.get("id") not in unlockable:
            out.append(Diagnostic(e.file, e.line(("locked",)), ERROR,
                                  label + "can never fly: it is locked and no event unlocks it"))
        if cal and is_valid(d.get("available")) and d.get("available") and month_of(d["available"]) > cal.end_month:
            out.append(Diagnostic(e.file, e.line(("available",)), ERROR,
                                  label + f"can never fly: available {d['available']} is after the scenario ends"))


def _check_events(raw: RawScenario, ids, cal, out) -> None:
    fired_by = set()
    for e in raw.entries.get("event", []):
        for eff in _effect_tables(e.data):
            if is_valid(eff.get("fire")):
                fired_by.update((eff.get("fire") or {}).keys())
    for e in raw.entries.get("event", []):
        d = e.data
        label = f"event '{d.get('id')}': "
        who = d.get("who")
        trig = d.get("trigger") if isinstance(d.get("trigger"), dict) else {}
        options = d.get("option") if isinstance(d.get("option"), list) else []
        if who == "both":
            if options:
                out.append(Diagnostic(e.file, e.line(("option", 0)), ERROR,
                                      label + "options need a single receiver: set who to \"us\" or \"ussr\""))
            for key in ("rival_has", "min_prestige", "max_prestige", "min_lead", "min_budget", "max_budget",
                        "reliability"):
                if trig.get(key):
                    out.append(Diagnostic(e.file, e.line(("trigger",)), ERROR,
                                          label + f"trigger '{key}' needs a single receiver, not who = \"both\""))
        if d.get("date") and d.get("mtth") is not None:
            out.append(Diagnostic(e.file, e.line(("mtth",)), ERROR, label + "give either date or mtth, not both"))
        if not d.get("date") and d.get("mtth") is None and d.get("id") not in fired_by:
            out.append(Diagnostic(e.file, e.line(("id",)), ERROR,
                                  label + "can never fire: it has no date or mtth and no event fires it"))
        if d.get("id") in (eff_fire for eff in _effect_tables(d) for eff_fire in (eff.get("fire") or {})):
            out.append(Diagnostic(e.file, e.line(("effects",)), ERROR, label + "fires itself"))
        if cal:
            _check_event_dates(e, d, trig, cal, label, out)


def _check_event_dates(e, d, trig, cal, label, out) -> None:
    lo, hi = cal.start_month, cal.end_month
    first = [month_of(x) for x in (d.get("date"), trig.get("after")) if isinstance(x, str) and x and is_valid(x)]
    before = trig.get("before")
    if first and max(first) > hi:
        out.append(Diagnostic(e.file, e.line(("date",) if d.get("date") else ("trigger",)), ERROR,
                              label + "can never fire: its date is after the scenario ends"))
    if isinstance(before, str) and before and month_of(before) <= lo:
        out.append(Diagnostic(e.file, e.line(("trigger",)), ERROR,
                              label + "can never fire: 'before' is at or before the scenario's start"))
    if isinstance(before, str) and before and first and month_of(before) <= max(first):
        out.append(Diagnostic(e.file, e.line(("trigger",)), ERROR,
                              label + "can never fire: its window closes before it opens"))


def _check_victory(raw: RawScenario, ids, cal, out) -> None:
    v = raw.meta.get("victory") if isinstance(raw.meta, dict) else None
    if not isinstance(v, dict):
        return
    lines = raw.meta_lines
    line = lines.key_line("victory", 0, "decisive_milestone") if lines else 0
    k = v.get("decisive_milestone")
    if isinstance(k, str) and k and k not in ids["milestone"]:
        out.append(Diagnostic("scenario.toml", line, ERROR,
                              f"victory: unknown milestone '{k}'{did_you_mean(k, ids['milestone'])}"))
    dl = v.get("decisive_deadline")
    if isinstance(dl, str) and dl:
        from game.scenario.schema import DATE_RE
        if not DATE_RE.match(dl):
            out.append(Diagnostic("scenario.toml", lines.key_line("victory", 0, "decisive_deadline") if lines else 0,
                                  ERROR, f"victory: decisive_deadline must be \"YYYY-MM\", not {dl!r}"))
