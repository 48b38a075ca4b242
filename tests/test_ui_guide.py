"""The guided first turns: offered on a new game when the setting is on, callouts that outline the real
widgets they explain, headquarters usable under them, Esc or Leave at any time, "I know the game" kept
in the settings file, and the tour going on into the second turn."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton
from uikit import click, click_named, frames, make_app, press, run_until

from game.rules.tables import READY
from game.scenario import load
from game.ui.app import Options
from game.ui.guide import first_program
from game.ui.settings import load_settings
from game.ui.start import start_new


def _new_game(tmp_path, monkeypatch, size=(1280, 720), **settings):
    app = make_app(tmp_path, monkeypatch, size=size, **{"guide": True, **settings})
    start_new(app, load("historical"), "human", "ai:easy", seed=2)
    frames(app, 2)
    while app.scene.name == "event":
        press(app, pygame.K_RETURN)
    frames(app, 2)
    assert app.scene.name == "headquarters"
    return app


def test_the_offer_then_callouts_that_point_at_real_widgets(tmp_path, monkeypatch):
    app = _new_game(tmp_path, monkeypatch)
    hq, guide = app.scene, app.flow.guide
    assert guide.visible and guide.current() is None and set(guide.widgets) == {"show", "skip"}
    assert all(isinstance(w, UIButton) for w in guide.widgets.values())  # nothing else of it takes clicks
    click(app, guide.widgets["show"])
    titles = []
    while guide.visible:
        card = guide.current()
        titles.append(card.title)
        target = guide.target_rect(card.target)
        assert target is not None and app.window.get_rect().contains(target), card.title
        assert not guide.text_rect.colliderect(target), card.title  # the card never hides what it explains
        assert not guide.card.colliderect(hq.widgets["end_turn"].rect), card.title
        if card.target in hq.widgets:
            assert target == hq.widgets[card.target].rect
        if card.title == "Fund this first":
            p, m = first_program(hq.scenario, hq.obs, 0)
            assert card.target == f"program:{p}" and hq.scenario.programs[p]["name"] in card.text
            assert hq.scenario.missions[m]["name"] in card.text
            assert target == next(r for q, r in hq.rows if q == p)
        if card.title == "Missions, step by step":  # with the missions shown, it points at the first one's name
            press(app, pygame.K_2)
            first = hq.widgets[f"mis_name_{hq.rows[0][0]}"]
            assert guide.target_rect(card.target) == first.rect and first.tool_tip_text
            press(app, pygame.K_1)
        press(app, pygame.K_RIGHT)
    assert titles == ["Your money", "Fund this first", "Missions, step by step", "Ending the turn"]
    assert app.scene is hq and not app.flow.session.has_sealed(0)  # Right on the last card only hides it
    app.close()


def _needed(rules, m: int) -> set[int]:
    """The programs mission m flies and every program they require, however far back."""
    need = {int(p) for p in rules.mis_prog_use[m].nonzero()[0]}
    while True:
        more = {int(q) for p in need for q in rules.prog_prereq[p].nonzero()[0]} - need
        if not more:
            return need
        need |= more


def test_the_first_program_is_read_from_the_data():
    from game.rules import init, observe
    from game.rules.rng import game_keys
    from game.session.checker import program_blocker

    for sid in ("historical", "race_to_the_moon"):
        sc = load(sid)
        state = init(sc.rules, game_keys(2, 1))
        for side in (0, 1):
            obs = observe(sc.rules, state, side)
            p, m = first_program(sc, obs, side)
            assert sc.rules.prog_side[p] == side and p in _needed(sc.rules, m), (sid, side)
            assert int(obs.status[0, p]) != READY and program_blocker(sc, obs, p) == "", (sid, side)
            assert (sc.rules.mis_targets[m] & ~obs.held[0].any(axis=0)).any(), (sid, side)


def test_headquarters_stays_usable_under_the_guide_and_esc_leaves_it(tmp_path, monkeypatch):
    app = _new_game(tmp_path, monkeypatch)
    hq, guide = app.scene, app.flow.guide
    press(app, pygame.K_RIGHT)  # Right on the offer starts the tour
    assert guide.current().title == "Your money"
    p = next(p for p in hq.programs if hq.widgets[f"prog_max_{p}"].is_enabled)
    click_named(app, f"prog_max_{p}")  # a click on headquarters goes to headquarters
    assert app.flow.plans[0].funding.get(p, 0) > 0 and guide.current().title == "Your money"
    press(app, pygame.K_2)  # and so do its keys
    assert app.scene.left_tab == "missions" and guide.visible
    press(app, pygame.K_ESCAPE)  # Esc leaves the guide, not the game
    assert not guide.visible and app.scene.name == "headquarters" and not guide.widgets
    press(app, pygame.K_g)  # G brings it back
    assert guide.visible and guide.current().title == "Your money"
    click(app, guide.widgets["leave"])
    assert not guide.visible
    press(app, pygame.K_ESCAPE)  # now Esc is headquarters' own: the menu
    assert app.scene.name == "main-menu"
    app.close()


def test_i_know_the_game_turns_the_offer_off_for_good(tmp_path, monkeypatch):
    app = _new_game(tmp_path, monkeypatch)
    click(app, app.flow.guide.widgets["skip"])
    assert not app.flow.guide.visible
    assert load_settings().guide is False  # written to the settings file in the test's config folder
    app.close()
    again = make_app(tmp_path, monkeypatch, guide=load_settings().guide)
    start_new(again, load("historical"), "human", "ai:easy", seed=2)
    assert again.flow.guide is None
    again.close()


def test_the_tour_goes_on_into_the_second_turn(tmp_path, monkeypatch):
    app = _new_game(tmp_path, monkeypatch)
    guide = app.flow.guide
    press(app, pygame.K_RIGHT)
    while guide.visible:
        press(app, pygame.K_RIGHT)
    hq = app.scene
    p = next(p for p in hq.programs if hq.widgets[f"prog_max_{p}"].is_enabled)
    click_named(app, f"prog_max_{p}")
    press(app, pygame.K_e)
    run_until(app, lambda: app.scene.name not in ("headquarters", "ai-thinking"), limit=5000)
    for _ in range(30):
        if app.scene.name == "headquarters":
            break
        if app.scene.name == "event" and app.scene.pending:
            press(app, pygame.K_1)
        else:
            press(app, pygame.K_ESCAPE if app.scene.name == "launch" else pygame.K_RETURN)
    assert app.scene.name == "headquarters" and app.flow.session.turn == 1
    assert guide.visible and guide.current().title == "What happened"
    assert guide.target_rect("tab_news") == app.scene.widgets["tab_news"].rect
    app.close()


def test_no_guide_when_watching_or_when_the_setting_is_off(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, guide=False)
    start_new(app, load("historical"), "human", "ai:easy", seed=2)
    assert app.flow.guide is None
    app.close()
    watch = make_app(tmp_path, monkeypatch, Options(us="ai:easy", ussr="ai:easy"), guide=True)
    start_new(watch, load("historical"), "ai:easy", "ai:easy", seed=2)
    assert watch.flow.guide is None
    watch.close()


def test_in_hotseat_each_side_is_offered_its_own_tour(tmp_path, monkeypatch):
    """Two people at one device: the US player's answer does not decide for the USSR player, whose
    headquarters gets its own offer and cards about its own programs."""
    app = make_app(tmp_path, monkeypatch, guide=True)
    start_new(app, load("historical"), "human", "human", seed=2)
    offers = {}
    for _ in range(400):
        scene = app.scene
        if scene.name == "headquarters" and scene.side not in offers:
            guide = app.flow.guide
            assert guide is not None and guide.side == scene.side and guide.visible and guide.current() is None
            offers[scene.side] = guide
            click(app, guide.widgets["show"])
            while guide.current().title != "Fund this first":
                click(app, guide.widgets["next"])
            card = guide.current()
            p, _ = first_program(scene.scenario, scene.obs, scene.side)
            assert scene.scenario.programs[p]["side"] == ("us", "ussr")[scene.side]
            assert card.target == f"program:{p}"
            press(app, pygame.K_ESCAPE)  # leave the tour
            assert not guide.visible
            if scene.side == 1:
                break
            press(app, pygame.K_RETURN, pygame.KMOD_CTRL)  # end the US turn: on to the USSR player
        elif scene.name == "pass-device":
            click_named(app, "continue")
        elif scene.name == "event":
            press(app, pygame.K_RETURN)
        frames(app, 1)
    assert set(offers) == {0, 1} and offers[0] is not offers[1]
