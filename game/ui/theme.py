"""Looks: the pygame_gui theme and the palette, both JSON files of the package `game.data.assets` (assets/).

Two palettes: "standard" (palette.json) and "colourblind" (palette_colourblind.json, the same keys). The
App calls `use_palette(settings.palette)` at start and when settings are applied; from then on `palette()`,
`side_colour()` and `scaled_theme()` give that palette's colours (the colour-blind theme replaces the
blocks of theme.json listed in theme_colourblind.json).

Font sizes in the theme are for a UI scale of 1; `scaled_theme` multiplies them
so text stays readable from 1024x640 up to 4K.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache

from game import data

THEME_FILE = "theme.json"
PALETTE_FILE = "palette.json"
PALETTE_FILES = {"standard": PALETTE_FILE, "colourblind": "palette_colourblind.json"}
THEME_OVERRIDES = {"colourblind": "theme_colourblind.json"}  # blocks replacing theme.json's, per palette

_current = "standard"


def use_palette(name: str) -> None:
    """Make `name` ("standard" or "colourblind") the palette every later palette()/scaled_theme() call gives.
    Raises ValueError for an unknown name."""
    global _current
    if name not in PALETTE_FILES:
        raise ValueError(f"unknown palette {name!r}: use one of {', '.join(PALETTE_FILES)}")
    _current = name


def palette_name() -> str:
    """The palette in use."""
    return _current


def hex_colour(text: str) -> tuple[int, ...]:
    """"#rrggbb" or "#rrggbbaa" -> (r, g, b[, a])."""
    t = text.lstrip("#")
    return tuple(int(t[i:i + 2], 16) for i in range(0, len(t), 2))


def palette() -> dict:
    """The palette in use: colour name -> colour tuple (and "series": list of colour tuples). Do not modify it."""
    return load_palette(_current)


@lru_cache(maxsize=len(PALETTE_FILES))
def load_palette(name: str) -> dict:
    """Palette `name`'s colours, read once from its file."""
    raw = json.loads(data.text(data.ASSETS, PALETTE_FILES[name]))
    out = {}
    for k, v in raw.items():
        if k.startswith("_"):
            continue
        out[k] = [hex_colour(c) for c in v] if isinstance(v, list) else hex_colour(v)
    return out


def side_colour(side: int, text: bool = False) -> tuple[int, ...]:
    """Side 0 (US) or 1 (USSR)'s colour in the palette in use: for shapes, or (`text`) for text on panels."""
    p = palette()
    return p[("us", "ussr")[side] + ("_text" if text else "")]


@lru_cache(maxsize=8)
def _base_theme(name: str) -> str:
    """The theme of palette `name` as JSON text: theme.json with that palette's replaced blocks."""
    theme = json.loads(data.text(data.ASSETS, THEME_FILE))
    if name in THEME_OVERRIDES:
        theme.update({k: v for k, v in json.loads(data.text(data.ASSETS, THEME_OVERRIDES[name])).items()
                      if not k.startswith("_")})
    return json.dumps(theme)


def scaled_theme(scale: float) -> dict:
    """The theme of the palette in use with every font size (and text box padding, from scale 1 up) multiplied
    by `scale` (a fresh dict)."""
    theme = copy.deepcopy(json.loads(_base_theme(_current)))
    for block in theme.values():
        font = block.get("font") if isinstance(block, dict) else None
        if font and "size" in font:
            font["size"] = str(font_size(int(font["size"]), scale))
        misc = block.get("misc") if isinstance(block, dict) else None
        if misc and "padding" in misc:  # text keeps its margin at 4K
            misc["padding"] = ",".join(str(max(0, round(int(v) * max(1.0, scale)))) for v in misc["padding"].split(","))
    # pygame_gui's fixed 20-pixel parts grow with the text: a slider's handle, a drop-down's open button; a
    # slider's arrow buttons cannot grow, so from scale 1.75 they are left out (the handle and the keyboard's
    # arrows move it)
    handle = str(max(16, round(20 * scale)))
    theme.setdefault("horizontal_slider", {}).setdefault("misc", {}).update(
        {"sliding_button_width": handle, "enable_arrow_buttons": "0" if scale >= 1.75 else "1"})
    theme.setdefault("drop_down_menu", {}).setdefault("misc", {})["open_button_width"] = handle
    return theme


def font_size(base: int, scale: float) -> int:
    return max(9, round(base * scale))


def theme_font_sizes(scale: float) -> set[tuple[int, bool]]:
    """(size, bold) of every font the theme uses at `scale` (to preload them)."""
    out = set()
    for block in scaled_theme(scale).values():
        font = block.get("font") if isinstance(block, dict) else None
        if font:
            out.add((int(font["size"]), font.get("bold") == "1"))
    return out
