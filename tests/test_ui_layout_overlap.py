"""Every screen at every window size and UI scale: no two controls overlap, every control lies inside the
window, and the text of every label and button fits its box (pygame_gui would cut it off with "...").

One game of a few turns (human v human, the scripted AI choosing both sides' orders) is shared by every
size; for each window size one App is opened and resized to each UI scale, and every screen is built and
drawn once. Screens that other parts of the game add later are found by their module and must be given a
builder here (test_every_screen_is_checked)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from pygame_gui.core import UIContainer
from pygame_gui.elements import (
    UIButton,
    UIDropDownMenu,
    UIHorizontalSlider,
    UILabel,
    UIScrollingContainer,
    UITextBox,
)
from uikit import DT, scripted_session

import game.ui.scenes
from game.ai.policies import make_policy
from game.scenario import load
from game.session.game import GameSession
from game.session.saves import autosave, open_save, save_game
from game.session.seats import make_seat
from game.ui.app import App, Options
from game.ui.flow import GameFlow
from game.ui.scene import Scene
from game.ui.settings import Settings

SIZES = [(1024, 640), (1280, 720), (1920, 1080), (3840, 2160)]
UI_SCALES = [0.75, 1.0, 1.5, 2.0]
TURNS = 4
COMPOSITES = (UIHorizontalSlider, UIDropDownMenu, UIScrollingContainer, UITextBox, UIContainer)
NOT_SCREENS = {"Scene", "SideScene"}  # classes in game/ui/scenes that are not screens of their own


@pytest.fixture(scope="module")
def session():
    """A game a few turns in, whose last turn had launches, with news and a history to chart."""
    sc = load("historical")
    s = GameSession.new(sc, (make_seat("human", sc.rules), make_seat("human", sc.rules)), 4)
    policies = [make_policy("scripted", sc.rules) for _ in (0, 1)]
    while s.turn < TURNS or not s.last_report(0).launches:  # the last turn's results have launches to show
        assert s.turn < 3 * TURNS, "the scripted sides launched nothing"
        for side in (0, 1):
            s.seal(side, policies[side].act(s.observation(side), s.ai_key(side)))
        s.resolve()
    return s


@pytest.fixture(scope="module")
def late():
    """A game in 1972 (the scripted AI's orders for both human seats): records held, operations running."""
    return scripted_session(34)


def states(app, flow, save, once: dict, late=None):
    """Put the window in each state to check in turn, yielding its label. `once` holds screens made once per
    window (they start work of their own), shown again at each scale. `late`: a session whose headquarters
    shows running operations (own and the rival's) and records."""
    from game.ui.scenes.charts import ChartsScene
    from game.ui.scenes.events import EventScene
    from game.ui.scenes.gameover import GameOverScene
    from game.ui.scenes.handoff import PassDeviceScene
    from game.ui.scenes.help import HelpScene
    from game.ui.scenes.hq import HeadquartersScene
    from game.ui.scenes.hq_tabs import LEFT_TABS, RIGHT_TABS
    from game.ui.scenes.menu import MainMenuScene
    from game.ui.scenes.newgame import NewGameScene
    from game.ui.scenes.preparing import WaitingScene
    from game.ui.scenes.results import ResultsScene
    from game.ui.scenes.saveload import LoadedScene, SaveLoadScene
    from game.ui.scenes.scenarios import ScenariosScene
    from game.ui.scenes.settings import SettingsScene
    from game.ui.scenes.thinking import ThinkingScene

    s = flow.session
    sc = s.scenario
    menu = MainMenuScene(app)
    decision = max(range(len(sc.events)), key=lambda e: len(sc.events[e].get("options", [])))
    longest = max(range(len(sc.events)), key=lambda e: len(sc.events[e]["text"]))

    def event(e, pending):
        ev = EventScene(app, flow, 0, e, 0, 2)
        ev.pending = pending
        return ev

    screens = {
        "main menu": lambda: menu,
        "main menu, resuming": lambda: MainMenuScene(app, resume=menu),
        "new game": lambda: NewGameScene(app),
        "scenarios": lambda: ScenariosScene(app),
        "settings": lambda: SettingsScene(app),
        "help": lambda: HelpScene(app),
        "save and load": lambda: SaveLoadScene(app),
        "a save's changes": lambda: LoadedScene(app, open_save(save), save),
        "results": lambda: ResultsScene(app, flow, 0, s.last_report(0)),
        "event: decision": lambda: event(decision, True),
        "event: longest news": lambda: event(longest, False),
        "charts": lambda: ChartsScene(app, flow, 0),
        "charts, public": lambda: ChartsScene(app, flow, 0, public_only=True),
        "game over": lambda: GameOverScene(app, flow, 0),
        "pass the device": lambda: PassDeviceScene(app, flow, 1),
        "AI thinking": lambda: ThinkingScene(app, flow),
        "waiting for the rules": lambda: WaitingScene(app, lambda: None, back_to=menu),
        **optional_screens(app, flow, once),
    }
    for label, make in screens.items():
        app.show(make())
        yield label
    hq = HeadquartersScene(app, flow, 0)
    app.show(hq)
    yield f"headquarters: {LEFT_TABS[0]}, {RIGHT_TABS[0]}"
    for left in LEFT_TABS[1:]:  # every tab of each side shows once
        hq.set_left(left)
        yield f"headquarters: {left}, {hq.right_tab}"
    for right in RIGHT_TABS[1:]:
        hq.set_right(right)
        yield f"headquarters: {hq.left_tab}, {right}"
    if hasattr(hq, "open_guide"):
        hq.open_guide()
        yield "headquarters with the guide"
        flow.guide = None
    if late is not None:
        late_flow = GameFlow(app, late)
        for side in (0, 1):
            yield from corps_states(app, late_flow, side)
            hq = HeadquartersScene(app, late_flow, side)
            app.show(hq)
            for left in hq.left_tabs:
                hq.set_left(left)
                yield f"headquarters in 1972, side {side}: {left}, {hq.right_tab}"
            for right in hq.right_tabs[1:]:
                hq.set_right(right)
                yield f"headquarters in 1972, side {side}: {hq.left_tab}, {right}"


def corps_states(app, flow, side: int):
    """The roster of `side` with each tab and a booked crewed launch's crew (booked for headquarters too)."""
    from game.ui.scenes.crew import CrewScene
    from game.ui.scenes.roster import LEFT_TABS, RIGHT_TABS, RosterScene

    rules = flow.session.rules
    crewed = max((m for m in range(rules.n_missions) if rules.mis_side[m] == side and rules.mis_crew[m] > 0),
                 key=lambda m: (rules.mis_crew[m], -m))
    if not flow.plans[side].is_launching(crewed):
        flow.plans[side].toggle_launch(crewed)
    back = app.scene
    roster = RosterScene(app, flow, side, back_to=back)
    app.show(roster)
    for left, right in zip(LEFT_TABS, RIGHT_TABS, strict=True):
        roster.set_left(left)
        roster.set_right(right)
        yield f"roster in 1972, side {side}: {left}, {right}"
    app.show(CrewScene(app, flow, side, crewed, back_to=back))
    yield f"crew of the largest crewed mission, side {side}"


def optional_screens(app, flow, once: dict) -> dict:
    """Screens that exist in some versions of the game (each is checked when its module is there)."""
    out = {}
    s = flow.session
    try:
        from game.ui.scenes.launch import LaunchScene
    except ImportError:
        pass
    else:
        out["launch"] = lambda: LaunchScene(app, flow, 0, s.last_report(0))
    try:
        from game.ui.scenes.confirm import ConfirmScene
    except ImportError:
        pass
    else:
        out["confirm"] = lambda: ConfirmScene(
            app, "End the turn with money left?", "Your orders leave most of your money unspent; it carries over.",
            lambda: None, app.scene, dont_ask="confirm_end_turn")
    try:
        from game.ui.scenes.forecast import ForecastScene
    except ImportError:
        pass
    else:
        if "forecast" not in once:  # it starts the forecast's games when made
            once["forecast"] = ForecastScene(app, s, 0, back_to=app.scene)
        out["forecast"] = lambda: once["forecast"]
    return out


CHECKED = {"MainMenuScene", "NewGameScene", "ScenariosScene", "SettingsScene", "HelpScene", "SaveLoadScene",
           "LoadedScene", "ResultsScene", "EventScene", "ChartsScene", "GameOverScene", "PassDeviceScene",
           "ThinkingScene", "WaitingScene", "HeadquartersScene", "LaunchScene", "ConfirmScene", "ForecastScene",
           "RosterScene", "CrewScene"}


def problems_of(app) -> list[str]:
    """What is wrong with the current screen's layout (an empty list when nothing is)."""
    window = app.window.get_rect()
    root = app.manager.get_root_container()
    elements = [e for e in root.elements if e.visible]
    over = overlay(app.scene)
    out = []
    for i, a in enumerate(elements):
        if not window.contains(a.rect):
            out.append(f"{describe(a)} leaves the window {window.size}")
        for b in elements[i + 1:]:
            if (a in over) != (b in over):  # a card floating over the screen may cover what is under it
                continue
            if a.rect.colliderect(b.rect) and not nested(a, b):
                out.append(f"{describe(a)} overlaps {describe(b)}")
        out += text_problems(a)
    return out


def overlay(scene) -> set:
    """The controls of a card drawn over the screen (the guide's over headquarters)."""
    guide = getattr(scene, "guide", None)
    return set(getattr(guide, "widgets", {}).values())


def nested(a, b) -> bool:
    """Whether one element is a part of the other (a slider's buttons, a drop-down's list)."""
    for outer, inner in ((a, b), (b, a)):
        if outer.rect.contains(inner.rect) and (isinstance(outer, COMPOSITES) or isinstance(inner, UIContainer)):
            return True
    return False


def text_problems(e) -> list[str]:
    """A single-line label's or button's text wider or taller than its box."""
    if not isinstance(e, (UILabel, UIButton)) or not e.text:
        return []
    w, h = e.font.size(e.text)
    if w > e.rect.w or h > e.rect.h:
        return [f"{describe(e)}: its text needs {w}x{h} pixels"]
    return []


def describe(e) -> str:
    text = getattr(e, "text", "") or ""
    return f"{type(e).__name__}({text[:30]!r} at {tuple(e.rect)})"


def make_app(tmp_path, monkeypatch, size) -> App:
    monkeypatch.setenv("SPACERACE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SPACERACE_CONFIG_DIR", str(tmp_path / "config"))
    return App(Options(), Settings(width=size[0], height=size[1], volume=0.0))


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_no_screen_overlaps_or_cuts_its_text(tmp_path, monkeypatch, session, late, size):
    app = make_app(tmp_path, monkeypatch, size)
    flow = GameFlow(app, session)
    app.flow = flow
    autosave(session)
    save = save_game(session, tmp_path / "data" / "checked.json")
    found = []
    once: dict = {}
    seen_scales = set()
    try:
        for ui_scale in UI_SCALES:
            app.settings.ui_scale = ui_scale
            app.resize()
            if app.layout.scale in seen_scales:  # this window holds no more: the same layout again
                continue
            seen_scales.add(app.layout.scale)
            for label in states(app, flow, save, once, late):
                app.frame(DT)
                found += [f"{size[0]}x{size[1]} scale {ui_scale}, {label}: {p}" for p in problems_of(app)]
    finally:
        app.close()
    assert not found, f"{len(found)} problems:\n" + "\n".join(found[:40])


@pytest.mark.filterwarnings("ignore:Label Rect is too small")
def test_the_checks_see_an_overlap_and_cut_text(tmp_path, monkeypatch):
    """The checks themselves: two buttons on top of each other, and a label too narrow for its text."""
    app = make_app(tmp_path, monkeypatch, (1024, 640))
    scene = Scene(app)
    app.show(scene)
    scene.button("a", (10, 10, 100, 30), "First", "", lambda: None)
    scene.button("b", (60, 20, 100, 30), "Second", "", lambda: None)
    scene.label("c", (10, 100, 30, 30), "A label far too long for its box")
    scene.button("d", (1000, 100, 100, 30), "Off the edge", "", lambda: None)
    app.frame(DT)
    found = problems_of(app)
    app.close()
    assert any("overlaps" in p and "First" in p and "Second" in p for p in found)
    assert any("A label far too long" in p and "needs" in p for p in found)
    assert any("Off the edge" in p and "leaves the window" in p for p in found)
    assert len(found) == 3


def test_every_screen_is_checked():
    """Each Scene class under game/ui/scenes has a builder above, so a new screen cannot escape the checks."""
    names = set()
    for info in pkgutil.iter_modules(game.ui.scenes.__path__):
        module = importlib.import_module(f"game.ui.scenes.{info.name}")
        names |= {n for n, c in inspect.getmembers(module, inspect.isclass)
                  if issubclass(c, Scene) and c.__module__ == module.__name__}
    assert names - CHECKED - NOT_SCREENS == set()



@pytest.mark.parametrize("size", [(1024, 640), (1280, 720)], ids=["1024x640", "1280x720"])
def test_every_row_tooltip_of_headquarters_fits_the_window(tmp_path, monkeypatch, late, size):
    """In 1972 a mission's tooltip is long (its steps, its stakes, the record it sets, the operation it starts): on
    every row of each left tab of both sides it still fits inside the window, where pygame_gui places it."""
    from game.ui.scenes.hq import HeadquartersScene

    app = make_app(tmp_path, monkeypatch, size)
    window = app.window.get_rect()
    flow = GameFlow(app, late)
    found, checked = [], 0
    try:
        for side in (0, 1):
            hq = HeadquartersScene(app, flow, side)
            app.show(hq)
            app.frame(DT)
            for tab in hq.left_tabs:
                hq.set_left(tab)
                while True:
                    for w in hq.row_widgets:
                        if w.tool_tip_text is None:
                            continue
                        tip = app.manager.create_tool_tip(
                            text=w.tool_tip_text, position=(w.rect.centerx, w.rect.centery),
                            hover_distance=(0, w.rect.h // 2), parent_element=w, object_id=None,
                            wrap_width=w.tool_tip_wrap_width)
                        checked += 1
                        if not window.contains(tip.rect):
                            found.append(f"side {side} {tab}: {describe(w)} tooltip {tuple(tip.rect)}")
                        tip.kill()
                    shown = hq.scroll[tab]
                    hq.page_down()
                    if hq.scroll[tab] == shown:
                        break
    finally:
        app.close()
    assert checked > 100
    assert not found, "\n".join(found[:20])
