"""The launch view, in the real window (SDL dummy driver): after a turn with launches it plays them, in
date order and both sides, exactly the side's report (so none of the rival's secret failures); Space
and Enter go to the next launch, Escape to the results; reduced motion holds the picture still; the demo
takes its screenshot of it."""

from __future__ import annotations

import numpy as np
import pygame
import pytest
from uikit import DT, click_named, continue_to_hq, frames, make_app, press, run_until

from game.ai.policies import make_policy
from game.rules.tables import FAILURE
from game.scenario import load
from game.session import GameSession, make_seat
from game.session.describe import SIDE_SHORT
from game.ui.app import Options
from game.ui.flow import GameFlow
from game.ui.scenes.launch_timeline import PAD_S, Beat, beat_of


@pytest.fixture(scope="module")
def historical():
    return load("historical")


def play_until(session, done, limit: int = 40) -> None:
    """Resolve turns, each side's orders from the scripted policy on its own observation, until `done()`."""
    policies = {s: make_policy("scripted", session.rules) for s in (0, 1)}
    for _ in range(limit):
        if done():
            return
        for s in (0, 1):
            session.seal(s, policies[s].act(session.observation(s), session.ai_key(s)))
        session.resolve()
    raise AssertionError("no turn of the wanted kind")


def both_sides_launched(session) -> bool:
    return session.turn > 0 and {x.side for x in session.last_report(0).launches} == {0, 1}


def rival_failure_kept_secret(session) -> bool:
    """The USSR flew an uncrewed mission that failed this turn (the US does not hear of it) and also
    flew something the US saw."""
    if session.turn == 0:
        return False
    st = session.state
    secret = any(int(st.launch_mission[0, 1, i]) >= 0 and int(st.launch_outcome[0, 1, i]) == FAILURE
                 and session.scenario.missions[int(st.launch_mission[0, 1, i])].get("crew", 0) == 0
                 for i in range(session.rules.max_pads))
    return secret and any(x.side == 1 for x in session.last_report(0).launches)


def open_launches(app, session) -> GameFlow:
    """Start the flow on a game whose last turn had launches: the first screen is the launch view."""
    flow = GameFlow(app, session)
    flow.start()
    frames(app, 2)
    return flow


def test_after_a_turn_with_launches_they_play_in_date_order_both_sides(tmp_path, monkeypatch, historical):
    session = GameSession.new(historical, (make_seat("scripted", historical.rules),) * 2, seed=1)
    play_until(session, lambda: both_sides_launched(session))
    app = make_app(tmp_path, monkeypatch)
    try:
        open_launches(app, session)
        scene = app.scene
        assert scene.name == "launch"
        app.IDLE_AFTER_S = 0.0
        assert app.target_fps() == app.FPS  # the launch moves: full frame rate even with no input
        report = session.last_report(0)
        assert scene.launches == list(report.launches)
        months = [x.month for x in scene.launches]
        assert months == sorted(months) and {x.side for x in scene.launches} == {0, 1}
        # the header names the side in words; the steps and the outcome appear as the launch plays
        assert scene.beat == beat_of(scene.launch)
        run_until(app, lambda: scene.t >= scene.beat.banner, limit=2000)
        assert app.scene is scene and scene.index == 0
        run_until(app, lambda: app.scene is not scene or scene.index == 1, limit=2000)
        assert app.scene is scene and scene.index == 1  # it went on to the next launch by itself
    finally:
        app.close()


def test_the_rivals_secret_failures_are_not_shown(tmp_path, monkeypatch, historical):
    session = GameSession.new(historical, (make_seat("scripted", historical.rules),) * 2, seed=1)
    play_until(session, lambda: rival_failure_kept_secret(session), limit=60)
    app = make_app(tmp_path, monkeypatch)
    try:
        open_launches(app, session)
        scene = app.scene
        assert scene.name == "launch"
        assert scene.launches == list(session.last_report(0).launches)
        st = session.state
        flown = sum(int(st.launch_mission[0, 1, i]) >= 0 for i in range(session.rules.max_pads))
        assert sum(x.side == 1 for x in scene.launches) < flown
        assert not any(x.side == 1 and x.outcome == FAILURE for x in scene.launches)
    finally:
        app.close()


def test_space_and_enter_go_to_the_next_launch_escape_skips_all(tmp_path, monkeypatch, historical):
    session = GameSession.new(historical, (make_seat("scripted", historical.rules),) * 2, seed=1)
    play_until(session, lambda: len(session.last_report(0).launches) >= 3)
    app = make_app(tmp_path, monkeypatch)
    try:
        open_launches(app, session)
        scene = app.scene
        assert scene.index == 0 and len(scene.launches) >= 3
        press(app, pygame.K_SPACE)
        assert app.scene is scene and scene.index == 1 and scene.t < 0.1
        press(app, pygame.K_RETURN)
        assert app.scene is scene and scene.index == 2
        press(app, pygame.K_ESCAPE)
        assert app.scene.name == "turn-results" and app.scene.report is session.last_report(0)
    finally:
        app.close()


def test_the_buttons_skip_one_and_all(tmp_path, monkeypatch, historical):
    session = GameSession.new(historical, (make_seat("scripted", historical.rules),) * 2, seed=1)
    play_until(session, lambda: len(session.last_report(0).launches) >= 2)
    app = make_app(tmp_path, monkeypatch)
    try:
        open_launches(app, session)
        scene = app.scene
        click_named(app, "skip")
        assert scene.index == 1
        for _ in range(len(scene.launches) - 2):
            click_named(app, "skip")
        click_named(app, "skip")  # past the last launch: the results
        assert app.scene.name == "turn-results"
    finally:
        app.close()


def window_bytes(app) -> bytes:
    return pygame.image.tobytes(app.window, "RGB")


def frames_during_first_step(app, scene) -> tuple[bytes, bytes]:
    """Two pictures of the first step after its outcome showed, a sixth of a second apart."""
    beat: Beat = scene.beat
    run_until(app, lambda: scene.t >= beat.reveal(0) + DT, limit=2000)
    first = window_bytes(app)
    frames(app, 10)
    assert beat.reveal(0) < scene.t < beat.step_start(1) and scene.index == 0
    return first, window_bytes(app)


@pytest.mark.parametrize("reduced", [True, False])
def test_reduced_motion_holds_the_picture_still(tmp_path, monkeypatch, historical, reduced):
    session = GameSession.new(historical, (make_seat("scripted", historical.rules),) * 2, seed=1)
    play_until(session, lambda: session.turn > 0 and any(len(x.steps) >= 2 and x.outcome != 5
                                                         for x in session.last_report(0).launches[:1]))
    app = make_app(tmp_path, monkeypatch)
    app.settings.reduced_motion = reduced
    try:
        open_launches(app, session)
        a, b = frames_during_first_step(app, app.scene)
        if reduced:
            assert a == b
        else:
            assert a != b  # the stack climbs: the same moment is not still without reduced motion
    finally:
        app.close()


def test_animation_speed_scales_the_durations(tmp_path, monkeypatch, historical):
    session = GameSession.new(historical, (make_seat("scripted", historical.rules),) * 2, seed=1)
    play_until(session, lambda: session.turn > 0 and bool(session.last_report(0).launches))
    app = make_app(tmp_path, monkeypatch)
    app.settings.animation_speed = 4.0
    try:
        open_launches(app, session)
        scene = app.scene
        t0 = scene.t
        frames(app, 15)  # a quarter of a second at four times the speed: one second of the launch
        assert scene.t - t0 == pytest.approx(1.0, abs=1e-6)
        assert scene.t >= PAD_S  # off the pad already
    finally:
        app.close()


def test_hotseat_each_side_sees_its_own_reports_launches(tmp_path, monkeypatch, historical):
    session = GameSession.new(historical, (make_seat("human", historical.rules),) * 2, seed=1)
    play_until(session, lambda: both_sides_launched(session))
    app = make_app(tmp_path, monkeypatch)
    app.settings.confirm_end_turn = False
    seen = {}
    try:
        open_launches(app, session)
        for _ in range(400):
            scene = app.scene
            if scene.name == "launch":
                seen[scene.side] = list(scene.launches)
                assert scene.side == app.flow.viewer
                press(app, pygame.K_ESCAPE)
            elif scene.name in ("pass-device", "turn-results"):
                click_named(app, "continue")
            elif scene.name == "event":
                click_named(app, "continue" if "continue" in scene.widgets else "option_0")
            elif scene.name == "headquarters":
                if scene.side == 1:
                    break
                press(app, pygame.K_RETURN, pygame.KMOD_CTRL)
            else:
                frames(app, 1)
        assert set(seen) == {0, 1}
        for side in (0, 1):
            assert seen[side] == list(session.reports[side][-1].launches)
        # the rival's secret failures differ between the two reports; both hold the other's public launches
        assert {x.side for x in seen[0]} == {0, 1} and {x.side for x in seen[1]} >= {1}
    finally:
        app.close()


def test_the_header_names_the_side_in_words(tmp_path, monkeypatch, historical):
    session = GameSession.new(historical, (make_seat("scripted", historical.rules),) * 2, seed=1)
    play_until(session, lambda: both_sides_launched(session))
    app = make_app(tmp_path, monkeypatch)
    try:
        open_launches(app, session)
        scene = app.scene
        texts = {k[1] for k in scene._cache if k[0] == "text"}
        x = scene.launch
        assert SIDE_SHORT[x.side] in "".join(texts)
        assert historical.missions[x.mission]["name"] in texts
    finally:
        app.close()


def test_the_demo_takes_a_launch_screenshot(tmp_path, monkeypatch):
    from game.ui.start import start_demo

    shots = tmp_path / "shots"
    app = make_app(tmp_path, monkeypatch, Options(us="scripted", ussr="scripted", turns=10, screenshots=str(shots)))
    try:
        start_demo(app, seed=1)
        run_until(app, lambda: app.flow.finished or any("launch" in p.name for p in app.shots), limit=20000)
        launch = [p for p in app.shots if "launch" in p.name]
        assert launch and launch[0].stat().st_size > 10_000
        image = pygame.image.load(str(launch[0]))
        assert image.get_size() == (1280, 720)
        # taken in flight: the engines' flame is in the picture (bright orange pixels)
        rgb = pygame.surfarray.pixels3d(image)
        flame = (rgb[..., 0] > 240) & (rgb[..., 1] > 120) & (rgb[..., 1] < 160) & (rgb[..., 2] < 60)
        assert np.count_nonzero(flame) > 100
    finally:
        app.close()


def test_the_launch_sounds_are_generated_the_same_every_time_without_global_randomness():
    from game.ui.sounds import RECIPES

    before = np.random.get_state()[1].copy()
    for name in ("tick", "rumble", "chime", "explosion", "fanfare", "loss"):
        a, b = RECIPES[name](), RECIPES[name]()
        assert a.size > 500 and np.array_equal(a, b) and np.abs(a).max() <= 1.0, name
    assert np.array_equal(np.random.get_state()[1], before)


def test_a_first_won_closes_its_launch_with_a_banner_naming_it(historical):
    from game.ui.scenes.launch import banner_lines

    session = GameSession.new(historical, (make_seat("scripted", historical.rules),) * 2, seed=1)
    play_until(session, lambda: session.turn > 0 and bool(session.last_report(0).firsts)
               and bool(session.last_report(0).launches))
    report = session.last_report(0)
    banners = [banner_lines(historical, report, x) for x in report.launches]
    won = {historical.milestones[k]["name"] for k, _, _ in report.firsts}
    shown = {name for kind, lines, _ in banners if kind == "first" for name in lines[1].split(", ")}
    assert shown == won
    assert all(sound == "fanfare" for kind, _, sound in banners if kind == "first")


def test_random_keys_and_clicks_on_the_launch_view_end_on_the_results(tmp_path, monkeypatch, historical):
    import random

    session = GameSession.new(historical, (make_seat("scripted", historical.rules),) * 2, seed=1)
    play_until(session, lambda: len(session.last_report(0).launches) >= 3)
    app = make_app(tmp_path, monkeypatch, size=(1024, 640))
    rng = random.Random(7)  # the test's own generator
    try:
        open_launches(app, session)
        w, h = app.window.get_size()
        for _ in range(400):
            if app.scene.name != "launch":
                break
            if rng.random() < 0.5:
                pos = (rng.randrange(w), rng.randrange(h))
                pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
                pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
            else:
                key = rng.choice([pygame.K_SPACE, pygame.K_RETURN, pygame.K_a, pygame.K_TAB, pygame.K_F1])
                pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
                pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0))
            frames(app, 3)
        assert app.scene.name == "turn-results"
    finally:
        app.close()


def test_the_last_turns_launches_play_before_the_end_of_the_game(tmp_path, monkeypatch, historical):
    """A game that ends (here at its --turns limit) on a turn with launches shows them, then that turn's
    results, before the game-over screen."""
    seats = (make_seat("scripted", historical.rules),) * 2
    probe = GameSession.new(historical, seats, seed=1)
    play_until(probe, lambda: both_sides_launched(probe))
    session = GameSession.new(historical, seats, seed=1)
    play_until(session, lambda: session.turn == probe.turn - 1)
    app = make_app(tmp_path, monkeypatch)
    try:
        flow = GameFlow(app, session, turns_limit=1)
        flow.start()
        continue_to_hq(app)
        press(app, pygame.K_RETURN, pygame.KMOD_CTRL)  # watching: next turn
        run_until(app, lambda: app.scene.name == "launch", limit=3000)
        assert session.turn == probe.turn and app.scene.launches == list(session.last_report(0).launches)
        click_named(app, "skip_all")
        assert app.scene.name == "turn-results"
        click_named(app, "continue")
        assert app.scene.name == "game-over"
    finally:
        app.close()


def test_each_first_is_announced_by_one_launch_only():
    """Two flights of a turn that earn the same new first (two station crews, say): the first one flown wins it,
    and only its banner and its line of the results say FIRST."""
    from uikit import scripted_session

    from game.ui.scenes.launch import banner_lines
    from game.ui.scenes.results import result_lines

    s = scripted_session(34, seed=5)  # a game where two flights of a turn earn one first by then
    sc = s.scenario
    shared = 0
    for rep in s.reports[0]:
        for k, side, _ in rep.firsts:
            name = sc.milestones[k]["name"]
            earners = [x for x in rep.launches if x.side == side and k in x.earned]
            shared += len(earners) > 1
            named = [x for x in earners if banner_lines(sc, rep, x)[0] == "first"
                     and name in banner_lines(sc, rep, x)[1][1].split(", ")]
            assert named == ([] if earners[0].crew_lost else earners[:1]), name  # a lost crew's banner says so
        outcomes = [line.split("FIRST: ")[1] for line in result_lines(s, rep) if "FIRST: " in line]
        for k, _, _ in rep.firsts:  # one results line names it as a first
            assert sum(sc.milestones[k]["name"] in line.split("<")[0].split(", ") for line in outcomes) == 1
    assert shared, "no first was earned by two flights of one turn in this game"
