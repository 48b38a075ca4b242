"""Texts of records and operations for the screens: a record's value, what a mission sets or starts, the
records panel of headquarters, the rival's running operations and the turn's news of both.

Everything is read from one side's Observation (records and running operations are public; the turns an
operation has left are known only for the side's own) and the scenario's public data.
"""

from __future__ import annotations

import numpy as np

from game.session.checker import money
from game.session.describe import SIDE_SHORT, side_name
from game.ui.scene import coloured, escape
from game.ui.theme import palette


def _tag(side: int) -> str:
    from game.ui.scenes.panels import side_tag

    return side_tag(side)


def _muted(text: str) -> str:
    return coloured(text, palette()["muted"])


def amount(scenario, r: int, value: float) -> str:
    """A record's value with its unit: "84 days"."""
    unit = scenario.records[r].get("unit", "")
    return f"{value:g} {unit}".strip()


def record_name(scenario, r: int) -> str:
    return scenario.records[r]["name"]


def operation_name(scenario, op: int) -> str:
    return scenario.operations[op]["name"]


def beats(rules, obs, r: int, value: float) -> bool:
    """Whether `value` would raise record r as it stands in the observation (by more than its min_gain)."""
    return value > 0 and value > float(obs.record_value[0, r]) + float(rules.record_min_gain[r])


def mission_records(scenario, m: int) -> list[tuple[int, float]]:
    """(record, value) for each record mission m sets when it succeeds at every step."""
    rules = scenario.rules
    return [(int(r), float(rules.mis_record_value[m, r])) for r in np.flatnonzero(rules.mis_record_value[m] > 0)]


def mission_starts(scenario, m: int) -> int:
    """The operation mission m starts or renews when it succeeds at every step (-1: none)."""
    return int(scenario.rules.mis_starts_op[m]) if scenario.rules.n_operations else -1


def pays_beyond_firsts(scenario, obs, m: int) -> bool:
    """Whether mission m would, by a full success, beat a record as it stands, or start an operation of the side
    that is not running or has its last turn to run."""
    if any(beats(scenario.rules, obs, r, v) for r, v in mission_records(scenario, m)):
        return True
    op = mission_starts(scenario, m)
    return op >= 0 and (not obs.op_running[0, op] or int(obs.op_left[0, op]) <= 1)


def mission_extras(scenario, obs, m: int) -> list[str]:
    """Short phrases for a mission row: "sets record: 84 days" for each record it would beat as the records
    stand, and "starts: Crewed Skylab workshop" (the tooltip, mission_extras_tip, says it all)."""
    out = [f"sets record: {amount(scenario, r, value)}" for r, value in mission_records(scenario, m)
           if beats(scenario.rules, obs, r, value)]
    op = mission_starts(scenario, m)
    if op >= 0:
        out.append(f"{'renews' if obs.op_running[0, op] else 'starts'}: {operation_name(scenario, op)}")
    return out


def mission_extras_tip(scenario, obs, m: int) -> list[str]:
    """Tooltip lines (HTML) of what mission m sets and starts, with the record as it stands and what it pays."""
    rules = scenario.rules
    lines = []
    for r, value in mission_records(scenario, m):
        rec = scenario.records[r]
        now = float(obs.record_value[0, r])
        held = f"now {amount(scenario, r, now)}, {SIDE_SHORT[int(obs.record_side[0, r])]}" if now > 0 else "not set"
        verdict = (f"{float(rules.record_prestige[r]):+g} prestige" if beats(rules, obs, r, value)
                   else "not enough")
        lines.append(f"Sets record <b>{escape(rec['name'])}</b>: {escape(amount(scenario, r, value))} "
                     f"({escape(held)}: {verdict}).")
    op = mission_starts(scenario, m)
    if op >= 0:
        verb = "Renews" if obs.op_running[0, op] else "Starts"
        lines.append(f"{verb} <b>{escape(operation_name(scenario, op))}</b> for {int(rules.op_turns[op])} turn(s) "
                     f"{escape(operation_terms(scenario, op))}.")
    return lines


def operation_terms(scenario, op: int) -> str:
    """"(upkeep 5, +1.5 prestige a turn)"."""
    rules = scenario.rules
    return f"(upkeep {money(rules.op_upkeep[op])}, {float(rules.op_prestige[op]):+g} prestige a turn)"


def starting_missions(scenario, op: int) -> list[int]:
    """The missions that start or renew operation op."""
    return [int(m) for m in np.flatnonzero(scenario.rules.mis_starts_op == op)]


def months_text(months: int) -> str:
    return f"{months} month{'s' if months != 1 else ''}"


# --- headquarters' records panel ------------------------------------------------------------------------------
def records_html(session, side: int) -> str:
    """Every record: its value and holder, what a rise pays, and which of the side's open missions (and own
    operations) could raise it now."""
    sc = session.scenario
    rules = sc.rules
    obs = session.observation(side)
    if not rules.n_records:
        return _muted("This scenario has no records: only firsts count.")
    out = ["<b>Records</b> " + _muted("(each new best pays its prestige again)")]
    open_missions = [int(m) for m in np.flatnonzero(obs.mission_open[0])]
    for r in range(rules.n_records):
        rec = sc.records[r]
        value, holder = float(obs.record_value[0, r]), int(obs.record_side[0, r])
        now = (f"{escape(amount(sc, r, value))} {_tag(holder)}" if value > 0 and holder >= 0
               else _muted("not set yet"))
        gain = float(rules.record_min_gain[r])
        pays = f"{float(rules.record_prestige[r]):+g} prestige a rise" + (f", by more than {gain:g}" if gain else "")
        out.append(f"<br><b>{escape(rec['name'])}</b>: {now} {_muted('· ' + pays)}")
        if rec.get("description"):
            out.append(_muted(escape(rec["description"])))
        could = [(m, v) for m in open_missions for rr, v in mission_records(sc, m)
                 if rr == r and beats(rules, obs, r, v)]
        if could:
            names = ", ".join(f"{escape(sc.missions[m]['name'])} ({escape(amount(sc, r, v))})"
                              for m, v in sorted(could, key=lambda x: -x[1]))
            out.append(f"Your missions that would beat it: {names}")
        ops = [op for op in np.flatnonzero((rules.op_record == r) & (rules.op_side == side))]
        for op in ops:
            running = bool(obs.op_running[0, op])
            state = (f"running {months_text(int(obs.op_months[0, op]))}" if running else "not running")
            out.append(f"{escape(operation_name(sc, op))} raises it with every month it runs ({state}).")
        if not could and not ops:
            out.append(_muted("None of your open missions would beat it now."))
    return "<br>".join(out)


def rival_operations_html(session, side: int) -> list[str]:
    """Lines for the rival panel: the rival's operations seen running (public: name, kind, months run)."""
    sc = session.scenario
    rules = sc.rules
    obs = session.observation(side)
    rival = 1 - side
    if not rules.n_operations:
        return []
    running = [int(op) for op in np.flatnonzero(obs.op_running[0] & (rules.op_side == rival))]
    out = ["<br><b>Their operations running</b>"]
    for op in running:
        kind = sc.operations[op].get("kind", "other")
        months = months_text(int(obs.op_months[0, op]))
        out.append(f"{escape(operation_name(sc, op))} {_muted(f'· {kind} · running {months}')}")
    if not running:
        out.append(_muted("none"))
    return out


# --- a turn's news ----------------------------------------------------------------------------------------------
def record_news(scenario, report) -> list[str]:
    """"New record: Longest stay in space, 84 days (United States)" for each record the turn raised (HTML)."""
    pal = palette()
    out = []
    for r, side, _, value in report.records:
        who = side_name(scenario, side) if side >= 0 else "nobody"
        out.append(f"{_tag(side)} " + coloured(f"New record: {record_name(scenario, r)}, "
                                               f"{amount(scenario, r, value)} ({who})", pal["good"]))
    return out


def operation_news(scenario, report) -> list[str]:
    """One line per operation the turn started, renewed or ended (HTML)."""
    words = {"started": "started", "renewed": "kept running by a new success", "ended": "ended"}
    out = []
    for op, what in report.operations:
        side = int(scenario.rules.op_side[op])
        out.append(f"{_tag(side)} {escape(operation_name(scenario, op))}: {words[what]}")
    return out


def record_banner(scenario, report, launch) -> list[str]:
    """Plain lines naming the records one launch raised, with the value its mission set: "Longest stay in
    space: 84 days"."""
    values = scenario.rules.mis_record_value[launch.mission]
    return [f"{record_name(scenario, r)}: {amount(scenario, r, float(values[r]))}" for r in launch.records]


__all__ = ["amount", "beats", "mission_extras", "mission_extras_tip", "mission_records", "mission_starts",
           "months_text", "operation_name", "operation_news", "operation_terms", "pays_beyond_firsts",
           "record_banner", "record_name",
           "record_news", "records_html", "rival_operations_html", "starting_missions"]
