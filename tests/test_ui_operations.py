"""Records and operations in the window, driven by posted events in SDL's dummy mode on a real game of the
historical scenario (both sides' orders from the scripted AI, replayed into human seats): headquarters lists
the side's operations with a Keep/Stop toggle whose choice reaches the sealed orders and the money the turn
needs, the records tab and the news name records raised in that game, mission rows say what a flight sets and
starts, the launch view's banner names a record, and the rival's operations show only what is public."""

from __future__ import annotations

import numpy as np
import pygame
from uikit import click, click_named, continue_to_hq, frames, make_app, press, screen_text, scripted_session

from game.rules.tables import GROUNDED, READY
from game.session.checker import check_plan
from game.session.plan import Plan, money_left, upkeep_due
from game.ui.app import Options
from game.ui.flow import GameFlow

LATE = 34  # Autumn 1972 in historical: records raised, the US running an operation


def _headquarters(tmp_path, monkeypatch, turns: int = LATE):
    """An App at the US headquarters of a hot-seat game played `turns` turns (through the hand-over, the
    launches and the results, as a player gets there)."""
    app = make_app(tmp_path, monkeypatch, Options())
    session = scripted_session(turns)
    GameFlow(app, session).start()
    continue_to_hq(app)
    assert app.scene.name == "headquarters" and app.scene.side == 0
    return app, session


def _own_running(session, side: int) -> list[int]:
    obs = session.observation(side)
    return [int(op) for op in np.flatnonzero(obs.op_running[0] & (session.rules.op_side == side))]


def test_stop_toggle_changes_the_orders_handed_in(tmp_path, monkeypatch):
    app, s = _headquarters(tmp_path, monkeypatch)
    rules = s.rules
    running = _own_running(s, 0)
    assert running, "the US runs no operation in this game"
    op = running[0]
    upkeep = float(rules.op_upkeep[op])
    hq = app.scene
    press(app, pygame.K_o)
    assert app.scene.left_tab == "operations"
    assert s.scenario.operations[op]["name"] in screen_text(app)
    kept_left = money_left(rules, hq.obs, hq.plan)
    button = app.scene.widgets[f"op_stop_{op}"]
    assert button.text == "Keep"
    click(app, button)
    assert op in hq.plan.stops and app.scene.widgets[f"op_stop_{op}"].text == "Stop"
    assert money_left(rules, hq.obs, hq.plan) == kept_left + upkeep  # the upkeep is not needed any more
    click(app, app.scene.widgets[f"op_stop_{op}"])  # and back: kept
    assert op not in hq.plan.stops
    click(app, app.scene.widgets[f"op_stop_{op}"])  # stopped again, then the turn ends
    click_named(app, "end_turn")
    frames(app, 2)
    assert s.has_sealed(0)
    assert s.sealed[0].stop[0, op] and int(s.sealed[0].stop[0].sum()) == 1
    app.close()


def test_upkeep_counts_in_the_money_the_turn_needs(tmp_path, monkeypatch):
    s = scripted_session(LATE)
    rules = s.rules
    obs = s.observation(0)
    op = _own_running(s, 0)[0]
    plan = Plan(0)
    assert upkeep_due(rules, obs, plan) == sum(float(rules.op_upkeep[o]) for o in _own_running(s, 0)) > 0
    program = next(int(p) for p in np.flatnonzero(rules.prog_side == 0)
                   if int(obs.status[0, p]) in (READY, GROUNDED))  # developed: research takes money
    plan.funding[program] = float(obs.cash[0]) - upkeep_due(rules, obs, plan) + 1.0  # one over, with the upkeep
    problems = [p.text for p in check_plan(s.scenario, obs, plan) if p.is_error]
    assert problems and "upkeep" in problems[0] and "stop an operation" in problems[0]
    for o in _own_running(s, 0):  # stopping them frees their upkeep (at least 1): the money is enough
        plan.toggle_stop(o)
    assert upkeep_due(rules, obs, plan) == 0
    assert not [p for p in check_plan(s.scenario, obs, plan) if p.is_error]
    assert plan.to_orders(rules).stop[0, op]


def test_records_tab_and_news_name_the_records_of_the_game(tmp_path, monkeypatch):
    app, s = _headquarters(tmp_path, monkeypatch)
    sc = s.scenario
    obs = s.observation(0)
    raised = [r for r in range(sc.rules.n_records) if obs.record_value[0, r] > 0]
    assert raised, "nobody set a record in this game"
    press(app, pygame.K_r)
    assert app.scene.right_tab == "records"
    text = screen_text(app)
    for r in raised:
        rec = sc.records[r]
        value = f"{float(obs.record_value[0, r]):g} {rec['unit']}"
        assert f"<b>{rec['name']}</b>: {value}" in text
        holder = ("US", "USSR")[int(obs.record_side[0, r])]
        assert f"{value} <b><font color=" in text and f"'>{holder}</font></b>" in text
    # every turn's digest named the records that turn raised, with the holder
    digests = [rep for rep in s.reports[0] if rep.records]
    assert digests
    from game.ui.scenes.results import result_lines

    for rep in digests:
        lines = "\n".join(result_lines(s, rep))
        for r, side, _, value in rep.records:
            who = ("United States", "Soviet Union")[side]
            assert f"New record: {sc.records[r]['name']}, {value:g} {sc.records[r]['unit']} ({who})" in lines
    app.close()


def test_mission_rows_say_what_a_flight_sets_and_starts(tmp_path, monkeypatch):
    from game.ui.scenes.panels import mission_subline

    app, s = _headquarters(tmp_path, monkeypatch, turns=20)  # 1965: the longest stay is open to beat
    sc = s.scenario
    hq = app.scene
    press(app, pygame.K_2)
    shown = [m for m, _ in hq.rows]
    setters = [m for m in shown if sc.missions[m].get("records")]
    starters = [m for m in hq.missions if sc.missions[m].get("starts")]
    assert setters and starters  # missions that set a record come early in the list
    for m in setters:
        tip = hq.widgets[f"mis_name_{m}"].tool_tip_text
        for rid, v in sc.missions[m]["records"].items():
            rec = sc.records[sc.rules.record_ids.index(rid)]
            assert f"Sets record <b>{rec['name']}</b>: {v:g} {rec['unit']} (" in tip
            line = mission_subline(sc, hq.obs, m, [])
            r = sc.rules.record_ids.index(rid)
            beats = v > float(hq.obs.record_value[0, r]) + float(sc.rules.record_min_gain[r])
            assert (f"sets record: {v:g} {rec['unit']}" in line) == beats
    assert any("sets record: " in mission_subline(sc, hq.obs, m, []) for m in setters)
    for m in starters:
        op = sc.rules.op_ids.index(sc.missions[m]["starts"])
        verb = "renews" if hq.obs.op_running[0, op] else "starts"
        assert f"{verb}: {sc.operations[op]['name']}" in mission_subline(sc, hq.obs, m, [])
    app.close()


def test_launch_banner_names_a_record_raised(tmp_path, monkeypatch):
    from game.ui.scenes.launch import LaunchScene, banner_lines

    s = scripted_session(LATE)
    sc = s.scenario
    found = [(rep, x) for rep in s.reports[0] for x in rep.launches if x.records]
    assert found, "no launch raised a record in this game"
    rep, launch = found[-1]
    kind, lines, sound = banner_lines(sc, rep, launch)
    for r in launch.records:  # the value this flight set
        value = float(sc.rules.mis_record_value[launch.mission, r])
        assert (r, launch.side, value) in {(k, side, v) for k, side, _, v in rep.records}
        assert any(f"{sc.records[r]['name']}: {value:g} {sc.records[r]['unit']}" in line for line in lines)
    assert kind in ("first", "record") and sound == "fanfare"
    app = make_app(tmp_path, monkeypatch, Options())  # the banner is drawn at the end of that launch
    flow = GameFlow(app, s)
    app.flow = flow
    scene = LaunchScene(app, flow, 0, rep)
    app.show(scene)
    frames(app, 1)
    scene.index = rep.launches.index(launch)
    scene.t = scene.beat.banner + 0.05
    frames(app, 1)
    assert scene.launch is launch
    app.close()


def test_rival_operations_show_only_what_is_public(tmp_path, monkeypatch):
    s = scripted_session(LATE)
    theirs = _own_running(s, 0)
    assert theirs
    app = make_app(tmp_path, monkeypatch, Options())
    flow = GameFlow(app, s)
    app.flow = flow
    from game.ui.scenes.hq import HeadquartersScene

    hq = HeadquartersScene(app, flow, 1)
    app.show(hq)
    frames(app, 2)
    hq.set_left("operations")
    frames(app, 1)
    obs = s.observation(1)
    for op in theirs:
        assert obs.op_left[0, op] == 0  # the Observation hides how long the rival's runs
        sub = hq.widgets[f"op_sub_{op}"].text
        assert sub.startswith("theirs (US)") and "running" in sub and "left" not in sub
        assert f"op_stop_{op}" not in hq.widgets  # no order for the rival's
        tip = hq.widgets[f"op_name_{op}"].tool_tip_text
        assert "not how long it has left" in tip and "turn(s) left" not in tip
    hq.set_right("rival")
    frames(app, 1)
    rival = hq.widgets["side_panel"].html_text
    for op in theirs:
        assert s.scenario.operations[op]["name"] in rival
    assert "turn(s) left" not in rival and "turns left" not in rival
    app.close()


def test_a_saved_game_keeps_its_digests_records_and_operations(tmp_path):
    from game.session.saves import open_save, save_game

    s = scripted_session(LATE)
    assert any(rep.records for rep in s.reports[0]) and any(rep.operations for rep in s.reports[1])
    back = open_save(save_game(s, tmp_path / "late")).session
    assert back.reports == s.reports  # records raised (with the launch that raised each) and operations


def test_each_rise_of_a_record_in_a_turn_is_named_with_its_flight():
    """Two flights of one turn that each beat the record (the second beating the first) are both named, each
    with the value it set, and each paid the record's prestige."""
    s = scripted_session(LATE, seed=5)  # a game where a record rises twice in one turn by then
    rules = s.rules
    twice = [rep for rep in s.reports[0] if len({r for r, *_ in rep.records}) < len(rep.records)]
    assert twice, "no record rose twice in one turn in this game"
    for rep in twice:
        by_record: dict = {}
        for r, _side, v0, v1 in rep.records:
            assert v1 > v0 + float(rules.record_min_gain[r])
            assert by_record.get(r, v0) == v0  # each rise starts from the value the last one left
            by_record[r] = v1
        setters = [x for x in rep.launches if x.records]
        assert len(setters) >= 2
        for x in setters:
            assert x.prestige >= min(float(rules.record_prestige[r]) for r in x.records)


def test_an_operation_in_its_last_turn_is_named_until_a_flight_that_renews_it_is_booked():
    from game.session.checker import mission_blockers

    # the first turn from 1970 on where a US operation runs its last turn in this game
    for turn in range(30, 41):
        s = scripted_session(turn)
        obs = s.observation(0)
        last = [op for op in _own_running(s, 0) if obs.op_left[0, op] == 1]
        if last:
            break
    assert last, "no US operation runs its last turn in this game from 1970 on"
    sc, rules = s.scenario, s.rules
    plan = Plan(0)
    warned = [p.text for p in check_plan(sc, obs, plan) if not p.is_error]
    for op in last:
        assert any(t.startswith(f"{sc.operations[op]['name']} runs its last turn") for t in warned)
    op = next((o for o in last for m in np.flatnonzero(rules.mis_starts_op == o)
               if obs.mission_open[0, m] and not mission_blockers(sc, obs, int(m))), None)
    assert op is not None, "no flight can renew an operation in its last turn"
    renewer = next(int(m) for m in np.flatnonzero(rules.mis_starts_op == op)
                   if obs.mission_open[0, m] and not mission_blockers(sc, obs, int(m)))
    assert sc.missions[renewer]["name"] in next(t for t in warned if t.startswith(sc.operations[op]["name"]))
    plan.toggle_launch(renewer)
    assert not any(p.text.startswith(sc.operations[op]["name"]) for p in check_plan(sc, obs, plan))
    plan.toggle_launch(renewer)
    plan.toggle_stop(op)  # stopped: no warning either
    assert not any(p.text.startswith(sc.operations[op]["name"]) for p in check_plan(sc, obs, plan))
