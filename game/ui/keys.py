"""The keyboard: one table of key bindings per screen, read both by the screens (Scene.key dispatches
through it) and by the help screen (which lists it), so the two cannot disagree.

A binding names its keys as a person reads them ("Ctrl+Enter or E"), the scene method it calls and
what it does. "1-9" is a range: the method gets the position in the range (0 for "1"). A binding
with Ctrl needs Ctrl held; one without does not fire while Ctrl is held. Shift is not looked at.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

NAMED = {
    "Enter": (pygame.K_RETURN, pygame.K_KP_ENTER),
    "Esc": (pygame.K_ESCAPE,),
    "Space": (pygame.K_SPACE,),
    "Page Up": (pygame.K_PAGEUP,),
    "Page Down": (pygame.K_PAGEDOWN,),
    "Up": (pygame.K_UP,),
    "Down": (pygame.K_DOWN,),
    "Left": (pygame.K_LEFT,),
    "Right": (pygame.K_RIGHT,),
    "Tab": (pygame.K_TAB,),
}


def _code(name: str) -> int:
    """The key code of a one-character key ("E", "1") or a function key ("F1"); K_UNKNOWN otherwise."""
    return getattr(pygame, "K_" + (name.lower() if len(name) == 1 else name), pygame.K_UNKNOWN)


@dataclass(frozen=True)
class Binding:
    """`keys` as shown in help ("Ctrl+S", "F1 or H", "1-9"); `action`: the scene method; `text`: what it does."""

    keys: str
    action: str
    text: str

    def codes(self) -> list[tuple[int, bool, int | None]]:
        """(key code, needs Ctrl, index in a range or None) for every key of the binding."""
        out = []
        for part in self.keys.split(" or "):
            ctrl = part.startswith("Ctrl+")
            name = part[5:] if ctrl else part
            if "-" in name and len(name) == 3:  # a range of digits or letters: "1-9"
                lo, hi = name.split("-")
                for i, ch in enumerate(range(ord(lo), ord(hi) + 1)):
                    out.append((_code(chr(ch)), ctrl, i))
            elif name in NAMED:
                out += [(code, ctrl, None) for code in NAMED[name]]
            else:
                out.append((_code(name), ctrl, None))
        return out

    def matches(self, key: int, mod: int) -> tuple[bool, int | None]:
        """Whether key (with modifiers mod) fires this binding, and the index in its range."""
        held = bool(mod & pygame.KMOD_CTRL)
        for code, ctrl, index in self.codes():
            if code == key and ctrl == held:
                return True, index
        return False, None


B = Binding

# Keys the App handles on every screen itself (game/ui/app.py, App._global_key); listed for help.
EVERYWHERE = [
    B("Tab", "focus_next", "move the keyboard focus to the next control (Shift+Tab: the one before)"),
    B("F11", "toggle_fullscreen", "full screen on or off"),
    B("Ctrl+Q", "quit", "quit the game"),
]

# Keys for the control the keyboard focus is on (game/ui/focus.py); they come before the screen's own.
FOCUSED = [
    B("Enter or Space", "press", "press the focused button"),
    B("Left or Right or Up or Down", "step", "step the focused slider, or pick the focused list's previous or "
                                             "next choice"),
    B("Esc", "clear", "take the focus off the control (the screen's own Esc then works)"),
]

# Per screen, by Scene.name; the order is the order help lists them in.
SCREENS: dict[str, tuple[str, list[Binding]]] = {
    "main-menu": ("Main menu", [
        B("N", "new_game", "new game"),
        B("C", "continue_latest", "continue the latest autosave"),
        B("L", "load", "load a game"),
        B("S", "scenarios", "the installed scenarios"),
        B("O", "settings", "settings"),
        B("F1 or H", "help", "this help"),
        B("Esc", "back", "resume the game in progress"),
    ]),
    "new-game": ("New game", [
        B("Ctrl+Enter", "start", "start the game"),
        B("Enter", "start_unless_typing", "start the game when no text field has the cursor"),
        B("Ctrl+1-2", "set_side", "play the United States / the Soviet Union"),
        B("Esc", "back", "back to the main menu"),
    ]),
    "headquarters": ("Headquarters", [
        B("Ctrl+Enter or E", "end_turn", "end the turn (a plain Enter does not, so a key held from the news "
                                         "cannot end it)"),
        B("Enter", "end_turn_hint", "says which keys end the turn"),
        B("1-2", "left_tab_key", "programs / missions"),
        B("O", "operations_key", "operations: yours (keep or stop each) and the rival's seen running"),
        B("3-7", "right_tab_key", "news / firsts / rival / records / the AI's reasons (when watching two AI seats); "
                                  "without records the reasons are 6"),
        B("R", "records_key", "records: the bests so far and which of your missions would beat them"),
        B("Page Down", "page_down", "scroll the list a page down"),
        B("Page Up", "page_up", "scroll the list a page up"),
        B("Down", "row_down", "scroll the list a row down"),
        B("Up", "row_up", "scroll the list a row up"),
        B("C", "open_charts", "charts"),
        B("F", "open_forecast", "the forecast: each side's chances of the open firsts and of winning"),
        B("P", "open_roster", "the roster of your people: training, recruiting, the memorial"),
        B("Ctrl+S", "open_save", "save or load"),
        B("F1 or H", "open_help", "this help"),
        B("G", "open_guide", "the guide to the first turns"),
        B("Esc", "back", "main menu (the game is autosaved every turn)"),
    ]),
    "roster": ("Roster", [
        B("1-2", "left_tab_key", "people / groups"),
        B("3-4", "right_tab_key", "memorial / the rival's people who have flown"),
        B("Page Down", "page_down", "scroll the list a page down"),
        B("Page Up", "page_up", "scroll the list a page up"),
        B("Esc or P", "back", "back to headquarters"),
    ]),
    "crew": ("Choosing a crew", [
        B("Esc or Enter", "back", "back to headquarters"),
    ]),
    "launch": ("The turn's launches", [
        B("Space or Enter", "next_launch", "next launch (after the last one, the turn's results)"),
        B("Esc", "skip_all", "skip the remaining launches"),
    ]),
    "turn-results": ("Turn results", [
        B("Space", "show_all", "show all the results at once"),
        B("Enter", "done", "continue"),
        B("C", "open_charts", "charts"),
    ]),
    "event": ("Event pop-ups", [
        B("1-9", "choose_key", "pick an option of a decision"),
        B("Enter or Space or Esc", "close_key", "close a news item"),
    ]),
    "pass-device": ("Hot-seat hand-over", [
        B("Enter", "ready", "the named player is ready"),
        B("Esc", "back", "main menu"),
    ]),
    "ai-thinking": ("AI thinking", [
        B("Esc", "back", "main menu (the AI keeps thinking)"),
    ]),
    "charts": ("Charts", [
        B("Esc or Enter or C", "back", "back (or continue, at the end of a game)"),
    ]),
    "forecast": ("Forecast", [
        B("Esc or Enter or F", "back", "back to headquarters"),
    ]),
    "game-over": ("Game over", [
        B("C", "open_charts", "charts"),
        B("Esc", "back", "main menu"),
    ]),
    "save-load": ("Save and load", [
        B("Ctrl+S", "save", "save under the name typed"),
        B("1-9", "load_key", "load the save shown at that place in the list"),
        B("Page Up", "newer", "newer saves"),
        B("Page Down", "older", "older saves"),
        B("Esc", "back", "back"),
    ]),
    "save-loaded": ("A loaded save's changes", [
        B("Enter", "go_on", "continue the game"),
        B("Esc", "back", "back to the saves"),
    ]),
    "settings": ("Settings", [
        B("Enter", "apply", "use and keep these settings"),
        B("Esc", "back", "back without changing anything"),
    ]),
    "scenarios": ("Scenarios", [
        B("Esc", "back", "back"),
    ]),
    "help": ("Help", [
        B("Page Down or Down", "scroll_down", "scroll the text down"),
        B("Page Up or Up", "scroll_up", "scroll the text up"),
        B("Esc", "back", "back"),
    ]),
    "waiting-for-rules": ("Waiting for the rules engine", [
        B("Esc", "back", "back"),
    ]),
    "confirm": ("Questions (end the turn anyway?)", [
        B("Y", "yes", "yes"),
        B("N or Esc", "no", "no"),
        B("D", "toggle_dont_ask", "tick or untick \"Don't ask again\""),
    ]),
    "guide": ("The guide (over headquarters)", [
        B("Right", "next", "next callout"),
        B("Left", "previous", "previous callout"),
        B("Esc", "leave", "leave the guide"),
    ]),
}


def bindings(screen: str) -> list[Binding]:
    """The bindings of a screen (by Scene.name); none for a screen not in the table."""
    return SCREENS.get(screen, ("", []))[1]


def find(screen: str, key: int, mod: int) -> tuple[Binding, int | None] | None:
    """The binding of `screen` that `key` with `mod` fires, and its index in a range; None if none."""
    for b in bindings(screen):
        hit, index = b.matches(key, mod)
        if hit:
            return b, index
    return None


def dispatch(scene, screen: str, key: int, mod: int) -> bool:
    """Call the scene method bound to `key` on `screen`; True when a binding fired."""
    found = find(screen, key, mod)
    if found is None:
        return False
    binding, index = found
    method = getattr(scene, binding.action)
    method() if index is None else method(index)
    return True
