"""The AI's reasons: watching two AI seats shows each side's reasons for its orders of the turn (the AI's
own words, labelled with the side); a seat without reasons says so; a person playing never sees the
rival AI's reasons."""

from __future__ import annotations

import pygame
from uikit import click_named, default_to_hq, frames, make_app, press, run_until, screen_text

from game.scenario import load
from game.ui.app import Options
from game.ui.start import start_new


def _watch(tmp_path, monkeypatch, us: str, ussr: str):
    """A window watching `us` against `ussr`, stopped on the first headquarters once both AI have decided."""
    app = make_app(tmp_path, monkeypatch, Options(us=us, ussr=ussr))
    app.autoplay = False  # the test moves on itself
    start_new(app, load("historical"), us, ussr, seed=4)
    hq = default_to_hq(app)
    run_until(app, lambda: all(w.done for w in app.flow.workers.values()), limit=20000)
    frames(app, 2)
    return app, hq


def test_watching_shows_both_sides_reasons(tmp_path, monkeypatch):
    app, hq = _watch(tmp_path, monkeypatch, "ai:easy", "ai:easy")
    assert hq.right_tab == "reasons"
    html = hq.widgets["side_panel"].html_text
    assert "United States" in html and "Soviet Union" in html
    for side in (0, 1):
        reasons = app.flow.workers[side].reasons
        assert reasons, f"side {side} gave no reasons"
        for line in reasons:  # the AI's own words, each on the panel
            shown = line[:1].upper() + line[1:]
            assert shown.replace("&", "&amp;").replace("<", "&lt;") in html, line
    assert html.index("United States") < html.index(app.flow.workers[0].reasons[0][1:]) < html.index("Soviet Union")
    press(app, pygame.K_3)  # the news tab, then back to the reasons with 7 (6: the records)
    assert app.scene.right_tab == "news"
    press(app, pygame.K_7)
    assert app.scene.right_tab == "reasons"
    app.close()


def test_a_scripted_seat_says_it_has_no_reasons(tmp_path, monkeypatch):
    app, hq = _watch(tmp_path, monkeypatch, "ai:easy", "scripted")
    html = hq.widgets["side_panel"].html_text
    assert app.flow.workers[1].reasons is None
    assert "has no reasons to give" in html
    assert app.flow.workers[0].reasons[0][1:] in html
    app.close()


def test_single_player_never_shows_the_rival_ai_reasons(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch)
    start_new(app, load("historical"), "human", "ai:easy", seed=4)
    hq = default_to_hq(app)
    rival = app.flow.workers[1]
    run_until(app, lambda: rival.done, limit=20000)
    assert rival.reasons  # the rival AI has reasons, and they stay with it
    assert "tab_reasons" not in hq.widgets and hq.right_tabs == ("news", "firsts", "rival", "records")
    press(app, pygame.K_7)
    assert app.scene.right_tab != "reasons"
    texts = []
    for tab in ("news", "firsts", "rival"):
        click_named(app, f"tab_{tab}")
        texts.append(screen_text(app))
    for line in rival.reasons:
        if line.startswith("strategy:"):  # a strategy name alone could match other words
            continue
        assert all(line[1:] not in t for t in texts), line
    assert all("Reasons" not in t for t in texts)
    app.close()
