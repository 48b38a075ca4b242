"""Cross-file checks of a scenario: references, duplicates, cycles, and things
that can never happen (missions that never fly, milestones nobody can earn,
events that never fire, records nothing raises, operations nothing starts,
groups nobody belongs to).
Reports every problem at once.

Severity: an error is a scenario the game cannot compile or that contradicts
itself (an unknown id, a cycle, a decisive goal nobody can reach); a warning is
dead content the game can still play around (an event that never fires, a
mission that never flies).
"""

from __future__ import annotations

from game.scenario.calendar import Calendar, month_of
from game.scenario.diagnostics import ERROR, WARNING, Diagnostic, did_you_mean
from game.scenario.images import check_images
from game.scenario.loader import Entry, RawScenario, is_valid

MAX_ROLES = 6          # distinct programs one mission may fly
MAX_MILESTONES = 64
SINGLE_RECEIVER = ("rival_has", "min_prestige", "max_prestige", "min_lead", "min_budget", "max_budget",
                   "reliability")


def check(raw: RawScenario, cal: Calendar | None) -> list[Diagnostic]:
    """Diagnostics beyond the per-entry schema checks."""
    out: list[Diagnostic] = []
    ids = _ids(raw, out)
    _check_refs(raw, ids, out)
    _check_programs(raw, ids, cal, out)
    flying = _check_missions(raw, ids, cal, out)
    _check_milestones(raw, flying, out)
    _check_records_and_operations(raw, ids, flying, out)
    _check_events(raw, ids, cal, out)
    _check_victory(raw, ids, flying, cal, out)
    _check_estimates(raw, out)
    _check_people(raw, ids, cal, out)
    out += check_images(raw)
    return out


def _diag(out: list, e: Entry, path: tuple, severity: str, message: str) -> None:
    out.append(Diagnostic(*e.at(path), severity, message, e.field(path)))


def _ok(value) -> bool:
    return value is not None and is_valid(value)


def _seq(value) -> list:
    """A checked list, or [] when the value is missing or failed its check."""
    return value if isinstance(value, list) else []


def _map(value) -> dict:
    """A checked table, or {} when the value is missing or failed its check."""
    return value if isinstance(value, dict) else {}


def _sides_differ(a: dict, b: dict) -> bool:
    """True when both entries have a valid side and they differ."""
    sa, sb = a.get("side"), b.get("side")
    return isinstance(sa, str) and isinstance(sb, str) and sa != sb


def _ids(raw: RawScenario, out) -> dict[str, dict[str, Entry]]:
    ids: dict[str, dict[str, Entry]] = {}
    for kind in ("program", "milestone", "mission", "event", "record", "operation", "group", "person"):
        seen: dict[str, Entry] = {}
        for e in raw.entries.get(kind, []):
            ident = e.data.get("id")
            if not isinstance(ident, str):
                continue
            if ident in seen:  # the loader already reports duplicates within a file; this is a safety net
                _diag(out, e, ("id",), ERROR, f"duplicate {kind} id '{ident}' (first defined at "
                                              f"{':'.join(map(str, seen[ident].at(('id',))))})")
                continue
            seen[ident] = e
        ids[kind] = seen
    both = set(ids["program"]) & set(ids["mission"])
    for ident in sorted(both):
        _diag(out, ids["mission"][ident], ("id",), ERROR,
              f"'{ident}' is both a program and a mission id; unlock and cancel could not tell them apart")
    ids["target"] = {**ids["program"], **ids["mission"]}
    flags: dict[str, Entry] = {}
    for e in raw.entries.get("event", []):
        for eff, _ in _effect_tables(e.data):
            for f in _seq(eff.get("set_flags")):
                if isinstance(f, str):
                    flags.setdefault(f, e)
    ids["flag"] = flags
    return ids


def _effect_tables(event: dict) -> list[tuple[dict, tuple]]:
    """(effects table, its path) of an event and of each of its options."""
    tables = [(event.get("effects"), ("effects",))]
    options = event.get("option") if isinstance(event.get("option"), list) else []
    tables += [(o.get("effects"), ("option", i, "effects")) for i, o in enumerate(options) if isinstance(o, dict)]
    return [(t, p) for t, p in tables if isinstance(t, dict)]


def _check_refs(raw: RawScenario, ids, out) -> None:
    names = {"target": "program or mission"}
    for kind, ident, file, line, fld in raw.refs:
        if ident in ids.get(kind, {}):
            continue
        what = names.get(kind, kind)
        if kind == "flag":
            msg = f"flag '{ident}' is never set by any event's set_flags{did_you_mean(ident, ids['flag'])}"
        else:
            msg = f"unknown {what} '{ident}'{did_you_mean(ident, ids.get(kind, {}))}"
        out.append(Diagnostic(file, line, ERROR, msg, fld))


def _cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """One dependency cycle as a list of ids, or None (iterative: deep chains cannot overflow the stack)."""
    state: dict[str, int] = {}
    for root in graph:
        if root in state:
            continue
        stack = [(root, iter(graph.get(root, [])))]
        path = [root]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            nxt = next(children, None)
            if nxt is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            elif nxt in graph and nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(graph.get(nxt, []))))
                path.append(nxt)
    return None


def _unlockable(raw: RawScenario) -> set[str]:
    found = set()
    for e in raw.entries.get("event", []):
        for eff, _ in _effect_tables(e.data):
            if _ok(eff.get("unlock")):
                found.update(_seq(eff.get("unlock")))
    return found


def _after_end(cal, date) -> bool:
    return bool(cal and isinstance(date, str) and date and is_valid(date) and month_of(date) > cal.end_month)


def _check_programs(raw: RawScenario, ids, cal, out) -> None:
    graph = {}
    unlockable = _unlockable(raw)
    for e in raw.entries.get("program", []):
        d = e.data
        rel, cap, top = d.get("reliability"), d.get("research_cap"), d.get("max_reliability")
        if _ok(rel) and _ok(cap) and rel > cap:
            _diag(out, e, ("research_cap",), ERROR, f"{cap} is below its starting reliability {rel}")
        if _ok(cap) and _ok(top) and cap > top:
            _diag(out, e, ("max_reliability",), ERROR, f"{top} is below its research_cap {cap}")
        reqs = d.get("requires") if _ok(d.get("requires")) else []
        graph[d.get("id")] = reqs
        for r in reqs:
            other = ids["program"].get(r)
            if other is not None and _sides_differ(other.data, d):
                _diag(out, e, ("requires",), ERROR, f"requires '{r}', a program of the other side")
        if _after_end(cal, d.get("available")):
            _diag(out, e, ("available",), WARNING, f"{d['available']} is after the scenario ends")
        if d.get("locked") is True and d.get("id") not in unlockable:
            _diag(out, e, ("locked",), WARNING, "it is locked and no event unlocks it: it can never be developed")
        if d.get("boosters", "") != "" and d.get("kind") != "launcher":
            _diag(out, e, ("boosters",), WARNING, f"only a launcher's picture shows boosters, and this is a "
                                                  f"{d.get('kind')}: remove the field or make it a launcher")
    cyc = _cycle(graph)
    if cyc:
        _diag(out, ids["program"][cyc[0]], ("requires",), ERROR,
              "programs require each other in a cycle: " + " -> ".join(cyc))


def _developable(raw: RawScenario, ids, cal) -> dict[str, str]:
    """Programs that can never be developed, with the reason (prerequisites followed)."""
    unlockable = _unlockable(raw)
    why: dict[str, str] = {}
    for e in raw.entries.get("program", []):
        d = e.data
        if d.get("locked") is True and d.get("id") not in unlockable:
            why[d.get("id")] = "it is locked and no event unlocks it"
        elif _after_end(cal, d.get("available")):
            why[d.get("id")] = f"it is available only from {d['available']}, after the scenario ends"
    changed = True
    while changed:  # a program whose prerequisite can never be developed cannot be either
        changed = False
        for e in raw.entries.get("program", []):
            d = e.data
            if d.get("id") in why or not _ok(d.get("requires")):
                continue
            dead = [r for r in d["requires"] if r in why]
            if dead:
                why[d["id"]] = f"it requires '{dead[0]}', which can never be developed"
                changed = True
    return why


def _check_missions(raw: RawScenario, ids, cal, out) -> set[str]:
    """Check missions; return the ids of those that can fly."""
    unlockable = _unlockable(raw)
    dead_programs = _developable(raw, ids, cal)
    flying = set()
    for e in raw.entries.get("mission", []):
        d = e.data
        steps = d.get("steps") if isinstance(d.get("steps"), list) else []
        if not steps and _ok(d.get("steps")):
            _diag(out, e, ("steps",), ERROR, "a mission needs at least one step")
        progs = []
        for s in steps:
            p = s.get("program") if isinstance(s, dict) else None
            if isinstance(p, str) and p in ids["program"] and p not in progs:
                progs.append(p)
        if len(progs) > MAX_ROLES:
            _diag(out, e, ("steps",), ERROR, f"flies {len(progs)} different programs; at most {MAX_ROLES} "
                                             "are supported")
        reasons = []
        for p in progs:
            pd = ids["program"][p].data
            if _sides_differ(pd, d):
                _diag(out, e, ("steps",), ERROR, f"flies '{p}', a program of the other side")
            if p in dead_programs:
                reasons.append(f"program '{p}' can never be developed: {dead_programs[p]}")
        crew = d.get("crew") if _ok(d.get("crew")) else 0
        if crew:
            seats = max([c for p in progs if isinstance(c := ids["program"][p].data.get("crew"), int)] or [0])
            if isinstance(seats, int) and seats < crew:
                _diag(out, e, ("crew",), ERROR, f"carries {crew} crew but none of its programs has that many seats")
        if d.get("locked") is True and d.get("id") not in unlockable:
            reasons.append("it is locked and no event unlocks it")
        if _after_end(cal, d.get("available")):
            reasons.append(f"it is available only from {d['available']}, after the scenario ends")
        for r in reasons:
            _diag(out, e, ("steps",) if r.startswith("program") else ("id",), WARNING, f"can never fly: {r}")
        _check_step_skills(e, steps, crew, _has_people(raw, ids, d.get("side")), out)
        if not reasons and isinstance(d.get("id"), str):
            flying.add(d["id"])
    return flying


def _has_people(raw: RawScenario, ids, side) -> bool:
    """True when some person of the scenario belongs to a group of `side`."""
    groups = {g for g, e in ids["group"].items() if e.data.get("side") == side}
    return any(e.data.get("group") in groups for e in raw.entries.get("person", []))


def _check_step_skills(e: Entry, steps: list, crew: int, people: bool, out) -> None:
    """A step's `skill` helps only a crew: on an uncrewed mission it does nothing; a crewed mission (of a
    side that has people) with no skilled step gains nothing from its crew's skill."""
    skilled = [j for j, s in enumerate(steps) if isinstance(s, dict) and isinstance(s.get("skill"), str)
               and s["skill"]]
    if not crew:
        for j in skilled:
            _diag(out, e, ("steps", j, "skill"), WARNING, "does nothing: the mission carries no crew")
    elif people and steps and not skilled and all(isinstance(s, dict) and "skill" in s for s in steps):
        _diag(out, e, ("crew",), WARNING, "no step names a skill, so the crew's skill never helps it "
                                          "(give a step skill = \"piloting\", \"eva\", \"docking\"...)")


def _check_milestones(raw: RawScenario, flying: set[str], out) -> None:
    ms = raw.entries.get("milestone", [])
    if len(ms) > MAX_MILESTONES:
        out.append(Diagnostic(ms[0].file, 0, ERROR, f"{len(ms)} milestones; at most {MAX_MILESTONES} are supported"))
    graph = {e.data.get("id"): (e.data.get("requires") if _ok(e.data.get("requires")) else []) for e in ms}
    cyc = _cycle(graph)
    if cyc:
        e = next(x for x in ms if x.data.get("id") == cyc[0])
        _diag(out, e, ("requires",), ERROR, "milestones require each other in a cycle: " + " -> ".join(cyc))
    earnable, by_any = set(), set()
    for m in raw.entries.get("mission", []):
        for s in _seq(m.data.get("steps")):
            if isinstance(s, dict) and _ok(s.get("earns")):
                by_any.update(s["earns"])
                if m.data.get("id") in flying:
                    earnable.update(s["earns"])
    for e in ms:
        ident = e.data.get("id")
        if ident not in by_any:
            _diag(out, e, ("id",), WARNING, "no mission can earn it (add it to a step's earns)")
        elif ident not in earnable:
            _diag(out, e, ("id",), WARNING, "only missions that can never fly earn it")


def _check_records_and_operations(raw: RawScenario, ids, flying: set[str], out) -> None:
    """A mission starts only its own side's operations; a record nothing raises and an operation nothing
    starts are dead content (not said while a reference to them is itself in error: that error says it)."""
    missions, operations = raw.entries.get("mission", []), raw.entries.get("operation", [])
    set_by, set_by_flying, started, started_flying = set(), set(), set(), set()
    for m in missions:
        d = m.data
        recs, op = [r for r in _map(d.get("records")) if r in ids["record"]], d.get("starts")
        set_by.update(recs)
        if isinstance(op, str) and op in ids["operation"]:
            started.add(op)
            if _sides_differ(ids["operation"][op].data, d):
                _diag(out, m, ("starts",), ERROR, f"starts '{op}', an operation of the other side")
        if d.get("id") in flying:
            set_by_flying.update(recs)
            started_flying.add(op)
    set_by_missions = set(set_by)
    for e in operations:
        ident, rec = e.data.get("id"), e.data.get("record")
        if all(_ok(m.data.get("starts")) for m in missions):
            if ident not in started:
                _diag(out, e, ("id",), WARNING, "can never run: no mission starts it (set a mission's starts)")
            elif ident not in started_flying:
                _diag(out, e, ("id",), WARNING, "can never run: only missions that can never fly start it")
        if isinstance(rec, str) and rec in ids["record"]:
            if rec in set_by_missions:
                _diag(out, e, ("record",), WARNING, f"'{rec}' is also set by missions' records: its value here is "
                                                    "months of running time, so give the missions' values in months")
            set_by.add(rec)
            if ident in started_flying:
                set_by_flying.add(rec)
    if not all(_ok(m.data.get("records")) for m in missions) or not all(_ok(o.data.get("record"))
                                                                        for o in operations):
        return
    for e in raw.entries.get("record", []):
        ident = e.data.get("id")
        if ident not in set_by:
            _diag(out, e, ("id",), WARNING, "nothing can raise it (name it in a mission's records or an "
                                            "operation's record)")
        elif ident not in set_by_flying:
            _diag(out, e, ("id",), WARNING, "only missions that can never fly (or operations that can never run) "
                                            "raise it")


def _check_events(raw: RawScenario, ids, cal, out) -> None:
    fired_by: dict[str, list[tuple[str, int]]] = {}
    for e in raw.entries.get("event", []):
        for eff, _ in _effect_tables(e.data):
            if _ok(eff.get("fire")):
                for target, delay in _map(eff.get("fire")).items():
                    fired_by.setdefault(target, []).append((e.data.get("id"), delay))
    for e in raw.entries.get("event", []):
        d = e.data
        who = d.get("who")
        trig = d.get("trigger") if isinstance(d.get("trigger"), dict) else {}
        options = d.get("option") if isinstance(d.get("option"), list) else []
        if who == "both":
            if options:
                _diag(out, e, ("option", 0), ERROR, "options need a single receiver: set who to \"us\" or \"ussr\"")
            for key in SINGLE_RECEIVER:
                if trig.get(key):
                    _diag(out, e, ("trigger",), ERROR, f"trigger '{key}' needs a single receiver, not who = \"both\"")
        if d.get("date") and d.get("mtth") is not None:
            _diag(out, e, ("mtth",), ERROR, "give either date or mtth, not both")
        if not d.get("date") and d.get("mtth") is None and d.get("id") not in fired_by:
            _diag(out, e, ("id",), WARNING, "can never fire: it has no date or mtth and no event fires it")
        for eff, path in _effect_tables(d):
            if d.get("id") in _map(eff.get("fire")) and _ok(eff.get("fire")):
                _diag(out, e, path + ("fire",), ERROR, "an event cannot fire itself")
            _check_effect_sides(e, eff, path, ids, out)
        _check_trigger(e, d, trig, who, out)
        if cal:
            _check_event_dates(e, d, trig, cal, out)
    _check_fire_loops(raw, ids, out)


def _check_effect_sides(e: Entry, eff: dict, path: tuple, ids, out) -> None:
    """Effects on the other side's programs or missions do nothing: warn."""
    who = e.data.get("who")
    if who not in ("us", "ussr"):
        return
    for name in ("reliability", "cost", "ground", "unlock", "cancel"):
        targets = eff.get(name)
        if not _ok(targets):
            continue
        for t in _seq(targets) if isinstance(targets, list) else _map(targets):
            other = ids["target"].get(t)
            if other is not None and _sides_differ(other.data, {"side": who}):
                _diag(out, e, path + (name,), WARNING,
                      f"'{t}' belongs to the other side; effects change only the receiver's ({who}) things")


def _check_trigger(e: Entry, d: dict, trig: dict, who, out) -> None:
    """Triggers that can never hold."""
    def ids_of(key):
        v = trig.get(key)
        return set(v) if _ok(v) and isinstance(v, list) else set()

    clash = ids_of("has") & ids_of("lacks")
    if clash:
        _diag(out, e, ("trigger",), WARNING, f"can never fire: the trigger both has and lacks {sorted(clash)}")
    if who == "both":
        clash = ids_of("any_has") & ids_of("lacks")
        if clash:
            _diag(out, e, ("trigger",), WARNING,
                  f"can never fire: with who = \"both\", lacks {sorted(clash)} means no side has what any_has needs")
    clash = ids_of("flags") & ids_of("not_flags")
    if clash:
        _diag(out, e, ("trigger",), WARNING, f"can never fire: the trigger needs flags {sorted(clash)} both set "
                                             "and not set")
    for lo, hi in (("min_prestige", "max_prestige"), ("min_budget", "max_budget")):
        a, b = trig.get(lo), trig.get(hi)
        if _ok(a) and _ok(b) and a > b:
            _diag(out, e, ("trigger",), WARNING, f"can never fire: {lo} {a} is above {hi} {b}")


def _check_event_dates(e: Entry, d, trig, cal, out) -> None:
    lo, hi = cal.start_month, cal.end_month
    first = [month_of(x) for x in (d.get("date"), trig.get("after")) if isinstance(x, str) and x and is_valid(x)]
    before = trig.get("before") if isinstance(trig.get("before"), str) and is_valid(trig.get("before")) else ""
    if first and max(first) > hi:
        _diag(out, e, ("date",) if d.get("date") else ("trigger",), WARNING,
              "can never fire: its date is after the scenario ends")
    if before and month_of(before) <= lo:
        _diag(out, e, ("trigger",), WARNING, "can never fire: 'before' is at or before the scenario's start")
    elif before and first and month_of(before) <= max(first):
        _diag(out, e, ("trigger",), WARNING, "can never fire: its window closes before it opens")


def _check_fire_loops(raw: RawScenario, ids, out) -> None:
    """Repeatable events that fire each other in a ring would go on firing for ever."""
    graph = {}
    for e in raw.entries.get("event", []):
        d = e.data
        if d.get("once") is False:
            targets = [t for eff, _ in _effect_tables(d) if _ok(eff.get("fire")) for t in _map(eff.get("fire"))]
            graph[d.get("id")] = [t for t in targets if t in ids["event"] and ids["event"][t].data.get("once") is False]
    cyc = _cycle(graph)
    if cyc and len(cyc) > 2:
        _diag(out, ids["event"][cyc[0]], ("effects",), WARNING,
              "repeatable events fire each other in an endless ring: " + " -> ".join(cyc))


def _check_estimates(raw: RawScenario, out) -> None:
    """An estimate's error keeps estimate_memory of itself and gains a fresh error of spread
    estimate_renewal at each observation: unless memory² + renewal² is 1, its spread drifts away from
    the estimate_noise / sqrt(1 + observations) the players are shown."""
    rules = raw.meta.get("rules") if isinstance(raw.meta, dict) else None
    if not isinstance(rules, dict):
        return
    memory, renewal = rules.get("estimate_memory", 0.7), rules.get("estimate_renewal", 0.714)
    if not (_ok(memory) and _ok(renewal) and isinstance(memory, (int, float)) and isinstance(renewal, (int, float))):
        return
    total = memory ** 2 + renewal ** 2
    fits = max(1 - memory ** 2, 0) ** 0.5
    if abs(total - 1) > 0.01:
        key = "estimate_renewal" if renewal != 0.714 else "estimate_memory"   # the one moved from its default
        out.append(Diagnostic(*raw.meta_at(("rules", key)), WARNING,
                              f"estimate_memory² + estimate_renewal² is {total:.3f}, not 1: estimates will be "
                              f"{'more' if total > 1 else 'less'} wrong than the spread the players are shown "
                              f"(estimate_memory = {memory} wants estimate_renewal = {fits:.3f})",
                              f"rules.{key}"))


def _check_victory(raw: RawScenario, ids, flying, cal, out) -> None:
    v = raw.meta.get("victory") if isinstance(raw.meta, dict) else None
    if not isinstance(v, dict):
        return
    k = v.get("decisive_milestone")
    if isinstance(k, str) and k and k in ids["milestone"]:
        earned = any(isinstance(s, dict) and _ok(s.get("earns")) and k in s["earns"]
                     for m in raw.entries.get("mission", []) if m.data.get("id") in flying
                     for s in _seq(m.data.get("steps")))
        if not earned:
            out.append(Diagnostic(*raw.meta_at(("victory", "decisive_milestone")), ERROR,
                                  f"no mission that can fly earns '{k}': nobody can win by it",
                                  "victory.decisive_milestone"))
    dl = v.get("decisive_deadline")
    if cal and isinstance(dl, str) and dl and is_valid(dl):
        if month_of(dl) <= cal.start_month:
            out.append(Diagnostic(*raw.meta_at(("victory", "decisive_deadline")), ERROR,
                                  f"{dl} is at or before the scenario's start: nobody can win by it",
                                  "victory.decisive_deadline"))
        if not k:
            out.append(Diagnostic(*raw.meta_at(("victory", "decisive_deadline")), WARNING,
                                  "a deadline without a decisive_milestone does nothing",
                                  "victory.decisive_deadline"))


def _check_people(raw: RawScenario, ids, cal, out) -> None:
    """Groups nobody belongs to and dates that cannot matter (warnings): the game plays around them."""
    members: dict[str, int] = {}
    for e in raw.entries.get("person", []):
        g = e.data.get("group")
        if isinstance(g, str):
            members[g] = members.get(g, 0) + 1
        group = ids["group"].get(g) if isinstance(g, str) else None
        retires, joins = e.data.get("retires"), group.data.get("available") if group else ""
        if (isinstance(retires, str) and retires and is_valid(retires) and isinstance(joins, str) and joins
                and is_valid(joins) and month_of(retires) <= month_of(joins)):
            _diag(out, e, ("retires",), WARNING, f"{retires} is not after the group's date {joins}: the person "
                                                 "never serves")
    for e in raw.entries.get("group", []):
        if e.data.get("id") not in members:
            _diag(out, e, ("id",), WARNING, "nobody belongs to this group (give a [[person]] group = "
                                            f"\"{e.data.get('id')}\")")
        if _after_end(cal, e.data.get("available")):
            _diag(out, e, ("available",), WARNING, f"{e.data['available']} is after the scenario ends: it can "
                                                   "never be recruited")
