"""Compile a checked scenario into the numpy tables of `game.rules.Rules`."""

from __future__ import annotations

import math

import numpy as np

from game.rules.bits import pack
from game.rules.tables import SKILL_NAMES, EffectColumns, Rules
from game.scenario.calendar import Calendar, month_of
from game.scenario.checks import MAX_ROLES

F32 = np.float32
SIDE_INDEX = {"us": 0, "ussr": 1}
SIDE_EFFECTS = ("budget", "cash", "prestige", "research")  # columns 0..7: (effect, side) pairs


def calendar_of(meta: dict) -> Calendar:
    s = meta["scenario"]
    return Calendar(month_of(s["start"]), month_of(s["end"]), int(s["turns_per_year"]))


def compile_rules(meta: dict, programs: list[dict], milestones: list[dict], missions: list[dict],
                  events: list[dict], content_hash: str, records: list[dict] = (),
                  operations: list[dict] = (), groups: list[dict] = (), people: list[dict] = ()) -> Rules:
    """Build Rules from checked, cross-referenced entries (plain dicts with defaults filled).
    No records, operations or people: their tables are empty (zero-size, mis_starts_op all -1)."""
    cal = calendar_of(meta)
    T = cal.n_turns
    P, M, K, E = len(programs), len(missions), len(milestones), len(events)
    pidx = {p["id"]: i for i, p in enumerate(programs)}
    midx = {m["id"]: i for i, m in enumerate(missions)}
    kidx = {k["id"]: i for i, k in enumerate(milestones)}
    eidx = {e["id"]: i for i, e in enumerate(events)}
    flags = sorted({f for e in events for eff in _effects_of(e) for f in eff.get("set_flags") or []})
    fidx = {f: i for i, f in enumerate(flags)}
    sides = meta["side"]
    eco, rul, ai = meta["economy"], meta["rules"], meta["ai"]

    def turn_or(date: str, default: int) -> int:
        return int(np.clip(cal.turn_of(month_of(date)), -30000, 30000)) if date else default

    # calendar and budgets
    months = np.array([cal.turn_month(t) for t in range(T + 1)])
    new_year = (months % 12 < cal.months_per_turn) & (np.arange(T + 1) > 0)
    years = months / 12.0
    points = {s: np.array(sides[s]["budget"], float) for s in ("us", "ussr")}
    baseline = np.stack([np.interp(np.floor(years), points[s][:, 0], points[s][:, 1]) for s in ("us", "ussr")], axis=1)

    # programs
    prog_side = np.array([SIDE_INDEX[p["side"]] for p in programs], np.int64)
    prereq = np.zeros((P, P), F32)
    for i, p in enumerate(programs):
        for r in p["requires"]:
            prereq[i, pidx[r]] = 1
    start_cost = np.array([p["start_cost"] for p in programs], F32)

    # missions
    J = max([len(m["steps"]) for m in missions] or [1])
    step_prog = np.full((M, J), P, np.int64)
    step_real = np.zeros((M, J), F32)
    lethality = np.zeros((M, J + 1), F32)
    cum_earn = np.zeros((M, J + 1, K), bool)
    targets = np.zeros((M, K), bool)
    role_prog = np.full((M, MAX_ROLES), P, np.int64)
    role_first = np.zeros((M, MAX_ROLES), np.int64)
    prog_use = np.zeros((M, P), bool)
    ms_prereq = np.zeros((K, K), bool)
    for i, k in enumerate(milestones):
        for r in k["requires"]:
            ms_prereq[i, kidx[r]] = True
    mis_prereq = np.zeros((K, M), F32)
    for i, m in enumerate(missions):
        roles: list[int] = []
        for j, s in enumerate(m["steps"]):
            p = pidx[s["program"]]
            step_prog[i, j] = p
            step_real[i, j] = 1
            lethality[i, j] = s["lethality"]
            for k in s["earns"]:
                targets[i, kidx[k]] = True
                cum_earn[i, j + 1:, kidx[k]] = True
            if p not in roles:
                role_first[i, len(roles)] = j
                roles.append(p)
        role_prog[i, :len(roles)] = roles
        prog_use[i, roles] = True
        pre = ms_prereq[targets[i]].any(axis=0) & ~targets[i]
        mis_prereq[:, i] = pre

    # events: timing and triggers
    recv = np.array([{"us": 0, "ussr": 1, "both": 2}[e["who"]] for e in events], np.int64)
    chance = np.array([1.0 if e["date"] else (1 - math.exp(-1 / e["mtth"]) if e["mtth"] else 0.0)
                       for e in events], F32)
    first_turn = np.array([max(turn_or(e["date"], 0), turn_or(e["trigger"].get("after") or "", 0))
                           for e in events], np.int16)
    last_turn = np.array([cal.last_turn_before(month_of(e["trigger"]["before"])) if e["trigger"].get("before")
                          else T for e in events], np.int16)
    trig = _trigger_tables(events, recv, kidx, fidx, pidx, K, len(flags), P)

    # options and effects
    opt_event, opt_index, n_opts = [], [], np.zeros(E, np.int64)
    for i, e in enumerate(events):
        for j, _ in enumerate(e["option"]):
            opt_event.append(i)
            opt_index.append(j)
        n_opts[i] = len(e["option"])
    maxopt = max(int(n_opts.max()) if E else 0, 1)
    cum = np.ones((E, maxopt), F32)
    for i, e in enumerate(events):
        w = np.array([o["ai_weight"] for o in e["option"]], float)
        if len(w):
            w = w / w.sum() if w.sum() > 0 else np.full(len(w), 1 / len(w))
            cum[i, :len(w)] = np.cumsum(w)
            cum[i, len(w) - 1:] = 1.0
    cum[:, -1] = 1.0
    rows = [(e["effects"], recv[i]) for i, e in enumerate(events)]
    rows += [(events[i]["option"][j]["effects"], recv[i]) for i, j in zip(opt_event, opt_index, strict=False)]
    effects, cols = _effect_tables(rows, pidx, midx, fidx, eidx)

    decisive = meta["victory"].get("decisive_milestone") or ""
    deadline = meta["victory"].get("decisive_deadline") or ""
    return Rules(
        scenario_id=meta["scenario"]["id"], content_hash=content_hash,
        program_ids=tuple(pidx), mission_ids=tuple(midx), milestone_ids=tuple(kidx), event_ids=tuple(eidx),
        flag_ids=tuple(flags),
        n_turns=T, turns_per_year=cal.turns_per_year, months_per_turn=cal.months_per_turn,
        start_month=cal.start_month, new_year=new_year, baseline=baseline.astype(F32),
        pads=np.array([sides[s]["pads"] for s in ("us", "ussr")], np.int64),
        start_cash=np.array([sides[s]["start_cash"] for s in ("us", "ussr")], F32),
        secret_failures=np.array([sides[s]["secret_failures"] for s in ("us", "ussr")], bool),
        prestige_budget_factor=eco["prestige_budget_factor"], budget_swing=eco["budget_swing"],
        noise_sd=eco["noise_sd"], noise_persistence=eco["noise_persistence"], carryover_cap=eco["carryover_cap"],
        review_threshold=eco["review_threshold"], review_strikes=eco["review_strikes"],
        skip_penalty=rul["skip_penalty"], rush_penalty=rul["rush_penalty"],
        crew_loss_prestige=rul["crew_loss_prestige"], grounding_turns=rul["grounding_turns"],
        learn_success=rul["learn_success"], learn_failure=rul["learn_failure"], estimate_noise=rul["estimate_noise"],
        **{k: rul[k] for k in _MORE_RULES},
        decisive_milestone=kidx[decisive] if decisive else -1,
        decisive_deadline=month_of(deadline) if deadline else 10 ** 7,
        prog_side=prog_side, side_programs=(np.flatnonzero(prog_side == 0), np.flatnonzero(prog_side == 1)),
        funding_cap=np.maximum(start_cost / np.array([p["dev_turns"] for p in programs], F32),
                               2 * np.array([p["research_cost"] for p in programs], F32)),
        start_cost=start_cost, dev_cap=start_cost / np.array([p["dev_turns"] for p in programs], F32),
        flight_cost=np.append(np.array([p["flight_cost"] for p in programs], F32), F32(0)),
        research_cost=np.array([p["research_cost"] for p in programs], F32),
        research_pay_cap=2 * np.array([p["research_cost"] for p in programs], F32),
        prog_open_by_turn=np.arange(T + 1)[:, None] >= np.array([turn_or(p["available"], 0) for p in programs]),
        prog_free=~np.array([p["locked"] for p in programs], bool),
        inv_research_cost=1 / np.array([p["research_cost"] for p in programs], F32),
        rel0=np.array([p["reliability"] for p in programs], F32),
        research_cap=np.array([p["research_cap"] for p in programs], F32),
        max_rel=np.array([p["max_reliability"] for p in programs], F32),
        prog_avail_turn=np.array([turn_or(p["available"], 0) for p in programs], np.int16),
        prog_locked=np.array([p["locked"] for p in programs], bool),
        prog_prereq=prereq,
        mis_side=np.array([SIDE_INDEX[m["side"]] for m in missions], np.int64),
        mis_avail_turn=np.array([turn_or(m["available"], 0) for m in missions], np.int16),
        mis_locked=np.array([m["locked"] for m in missions], bool),
        mis_free=~np.array([m["locked"] for m in missions], bool),
        mis_crew=np.array([m["crew"] for m in missions], np.int64),
        mis_cost=np.array([m["cost"] for m in missions], F32),
        mis_steps=np.array([len(m["steps"]) for m in missions], np.int64),
        step_prog=step_prog, step_real=step_real, step_lethality=lethality,
        cum_earn_bits=pack(cum_earn), mis_target_bits=pack(targets), mis_prereq_bits=pack(mis_prereq.T > 0),
        mis_targets=targets, mis_prereq=mis_prereq, mis_prereq_count=mis_prereq.sum(axis=0),
        role_prog=role_prog, mis_prog_use=prog_use,
        role_first_step=role_first,
        prestige_first=np.array([k["prestige"]["first"] for k in milestones], F32),
        prestige_second=np.array([k["prestige"]["second"] for k in milestones], F32),
        prestige_repeat=np.array([k["prestige"]["repeat"] for k in milestones], F32),
        prestige_failure=np.array([k["prestige"]["failure"] for k in milestones], F32),
        ev_recv=recv, ev_public=np.array([e["public"] for e in events], bool), ev_chance=chance,
        ev_first_turn=first_turn, ev_last_turn=last_turn,
        ev_once=np.array([e["once"] for e in events], bool),
        ev_cooldown=np.array([e["cooldown"] for e in events], np.int16),
        flag_seen_by=_flag_visibility(events, recv, fidx),
        ev_fire_target=np.isin(np.arange(E), [eidx[x] for e in events for eff in _effects_of(e) for x in eff["fire"]]),
        **trig,
        opt_event=np.array(opt_event, np.int64), opt_index=np.array(opt_index, np.int64), ev_n_options=n_opts,
        opt_cum_weight=cum, effects=effects, effect_cols=cols,
        ai_launch_threshold=ai["launch_threshold"], ai_crewed_launch_threshold=ai["crewed_launch_threshold"],
        ai_focus=ai["focus"], ai_research_share=ai["research_share"],
        mis_ai_priority=np.array([m["ai_priority"] for m in missions], F32),
        overflow_cut=float(eco["overflow_cut"]), prestige_fade=float(meta["victory"]["prestige_fade"]),
        **_record_tables(missions, records, operations),
        **_people_tables(groups, people, missions, J, turn_or), **{f"crew_{k}": v for k, v in meta["crew"].items()},
    )


def _record_tables(missions: list[dict], records, operations) -> dict:
    """Rules' record and operation fields: [RC] and [OP] tables, [M, RC] values, [M] operation started."""
    ridx = {r["id"]: i for i, r in enumerate(records)}
    oidx = {o["id"]: i for i, o in enumerate(operations)}
    values = np.zeros((len(missions), len(records)), F32)
    for i, m in enumerate(missions):
        for r, v in (m.get("records") or {}).items():
            values[i, ridx[r]] = v
    return dict(
        record_ids=tuple(ridx), record_prestige=np.array([r["prestige"] for r in records], F32),
        record_min_gain=np.array([r["min_gain"] for r in records], F32), mis_record_value=values,
        op_ids=tuple(oidx), op_side=np.array([SIDE_INDEX[o["side"]] for o in operations], np.int64),
        op_prestige=np.array([o["prestige"] for o in operations], F32),
        op_upkeep=np.array([o["upkeep"] for o in operations], F32),
        op_turns=np.array([o["turns"] for o in operations], np.int64),
        op_record=np.array([ridx[o["record"]] if o["record"] else -1 for o in operations], np.int64),
        mis_starts_op=np.array([oidx[m["starts"]] if m.get("starts") else -1 for m in missions], np.int64),
    )


NEVER_RETIRES = 32000    # person_retire_turn of a person without a `retires` date: past any game's last turn


def _people_tables(groups: list[dict], people: list[dict], missions: list[dict], J: int, turn_or) -> dict:
    """Rules' corps fields: [G] groups, [N] people (the side is the group's), [M, J] step_skill (-1 none)."""
    gidx = {g["id"]: i for i, g in enumerate(groups)}
    side = np.array([SIDE_INDEX[g["side"]] for g in groups], np.int64)
    skill = {k: i for i, k in enumerate(SKILL_NAMES)}
    step_skill = np.full((len(missions), J), -1, np.int64)
    for i, m in enumerate(missions):
        for j, s in enumerate(m["steps"]):
            step_skill[i, j] = skill[s["skill"]] if s.get("skill") else -1
    group = np.array([gidx[p["group"]] for p in people], np.int64)
    return dict(
        group_ids=tuple(gidx), group_side=side,
        group_avail_turn=np.array([turn_or(g["available"], 0) for g in groups], np.int64),
        group_cost=np.array([g["cost"] for g in groups], F32),
        person_ids=tuple(p["id"] for p in people), person_names=tuple(p["name"] for p in people),
        person_side=side[group] if len(people) else np.zeros(0, np.int64), person_group=group,
        person_skill0=np.array([[p["skills"][k] for k in SKILL_NAMES] for p in people], F32).reshape(-1, 5),
        person_start_status=np.array([4 if p["status"] == "retired" else 1 for p in people], np.int8),
        person_retire_turn=np.array([turn_or(p["retires"], NEVER_RETIRES) for p in people], np.int64),
        step_skill=step_skill,
    )


_MORE_RULES = ("estimate_memory", "estimate_renewal", "intel_noise", "min_step_chance", "research_luck", "rush_window",
               "min_reliability", "min_research_speed", "min_cost_multiplier")   # [rules] keys Rules keeps as they are


def _flag_visibility(events: list[dict], recv: np.ndarray, fidx: dict) -> np.ndarray:
    """bool [S, F]: a side sees a flag when an event it hears of (public, its own or both sides') sets it."""
    seen = np.zeros((2, len(fidx)), bool)
    for i, e in enumerate(events):
        hearers = (0, 1) if e["public"] or recv[i] == 2 else (recv[i],)
        for eff in _effects_of(e):
            for f in eff.get("set_flags") or []:
                for s in hearers:
                    seen[s, fidx[f]] = True
    return seen


def _effects_of(event: dict) -> list[dict]:
    return [event["effects"]] + [o["effects"] for o in event["option"]]


def _trigger_tables(events, recv, kidx, fidx, pidx, K, F, P) -> dict:
    E = len(events)
    has = np.zeros((2 * K, E), F32)
    lacks = np.zeros((2 * K, E), F32)
    any_ = np.zeros((K, E), F32)
    fl = np.zeros((F, E), F32)
    notfl = np.zeros((F, E), F32)
    inf = np.float32(np.inf)
    out = {name: np.full(E, -inf if name.startswith("trig_min") else inf, F32)
           for name in ("trig_min_prestige", "trig_max_prestige", "trig_min_lead", "trig_min_budget",
                        "trig_max_budget")}
    rel_prog = np.full(E, P, np.int64)
    rel_min = np.full(E, -inf, F32)
    for i, e in enumerate(events):
        t = e["trigger"]
        sides = (0, 1) if recv[i] == 2 else (recv[i],)
        for k in t.get("has") or []:
            for s in sides:
                has[s * K + kidx[k], i] = 1
        for k in t.get("rival_has") or []:
            has[(1 - recv[i]) * K + kidx[k], i] = 1
        for k in t.get("lacks") or []:
            for s in sides:
                lacks[s * K + kidx[k], i] = 1
        for k in t.get("any_has") or []:
            any_[kidx[k], i] = 1
        for f in t.get("flags") or []:
            fl[fidx[f], i] = 1
        for f in t.get("not_flags") or []:
            notfl[fidx[f], i] = 1
        for key in ("min_prestige", "max_prestige", "min_lead", "min_budget", "max_budget"):
            if t.get(key) is not None:
                out["trig_" + key][i] = t[key]
        for p, v in (t.get("reliability") or {}).items():
            rel_prog[i], rel_min[i] = pidx[p], v  # one program per event; the last one given counts
    bits = np.stack([pack(has[:K].T > 0), pack(has[K:].T > 0), pack(lacks[:K].T > 0), pack(lacks[K:].T > 0),
                     pack(any_.T > 0)])
    return dict(trig_bits=bits, trig_flags=fl, trig_flags_count=fl.sum(axis=0),
                trig_not_flags=notfl, trig_rel_prog=rel_prog, trig_rel_min=rel_min,
                trig_side=np.where(recv == 2, 0, recv), **out)


def _effect_tables(rows, pidx, midx, fidx, eidx) -> tuple[np.ndarray, EffectColumns]:
    """[R, X] effect matrix and where its columns land. Columns 0..7 are the side effects."""
    columns: dict[tuple, int] = {}
    for n, name in enumerate(SIDE_EFFECTS):
        for s in (0, 1):
            columns[(name, s)] = 2 * n + s
    entries: list[tuple[int, tuple, float]] = []
    for r, (eff, who) in enumerate(rows):
        sides = (0, 1) if who == 2 else (who,)
        for name in SIDE_EFFECTS:
            if eff.get(name) is not None:
                entries += [(r, (name, s), float(eff[name])) for s in sides]
        for name in ("reliability", "cost", "ground"):
            for p, v in (eff.get(name) or {}).items():
                entries.append((r, ("prog", name, pidx[p]), float(v)))
        for name in ("unlock", "cancel"):
            for x in eff.get(name) or []:
                key = ("prog", name, pidx[x]) if x in pidx else ("mis", name, midx[x])
                entries.append((r, key, 1.0))
        for name, kind in (("set_flags", "set"), ("clear_flags", "clear")):
            for f in eff.get(name) or []:
                entries.append((r, ("flag", kind, fidx[f]), 1.0))
        for ev, delay in (eff.get("fire") or {}).items():
            entries.append((r, ("fire", int(delay), eidx[ev]), 1.0))
    for _, key, _ in entries:
        columns.setdefault(key, len(columns))
    matrix = np.zeros((len(rows), len(columns)), F32)
    for r, key, v in entries:
        matrix[r, columns[key]] += v

    def group(prefix: str, kind) -> tuple[np.ndarray, np.ndarray]:
        pairs = [(c, k[2]) for k, c in columns.items() if k[0] == prefix and k[1] == kind]
        return np.array([c for c, _ in pairs], np.int64), np.array([t for _, t in pairs], np.int64)

    program_cols = {k: group("prog", k) for k in ("reliability", "cost", "ground", "unlock", "cancel")}
    mission_cols = {k: group("mis", k) for k in ("unlock", "cancel")}
    flag_cols = {k: group("flag", k) for k in ("set", "clear")}
    delays = sorted({k[1] for k in columns if k[0] == "fire"})
    fire_cols = [(d, *group("fire", d)) for d in delays]
    cols = EffectColumns(program_cols={k: v for k, v in program_cols.items() if len(v[0])},
                         mission_cols={k: v for k, v in mission_cols.items() if len(v[0])},
                         flag_cols={k: v for k, v in flag_cols.items() if len(v[0])}, fire_cols=fire_cols)
    return matrix, cols
