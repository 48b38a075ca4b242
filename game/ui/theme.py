"""Looks: the pygame_gui theme and the palette, both JSON files of the package `game.data.assets` (assets/).

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


def hex_colour(text: str) -> tuple[int, ...]:
    """"#rrggbb" or "#rrggbbaa" -> (r, g, b[, a])."""
    t = text.lstrip("#")
    return tuple(int(t[i:i + 2], 16) for i in range(0, len(t), 2))


@lru_cache(maxsize=1)
def palette() -> dict:
    """Palette name -> colour tuple (and "series": list of colour tuples)."""
    raw = json.loads(data.text(data.ASSETS, PALETTE_FILE))
    out = {}
    for k, v in raw.items():
        if k.startswith("_"):
            continue
        out[k] = [hex_colour(c) for c in v] if isinstance(v, list) else hex_colour(v)
    return out


def side_colour(side: int, text: bool = False) -> tuple[int, ...]:
    p = palette()
    return p[("us", "ussr")[side] + ("_text" if text else "")]


@lru_cache(maxsize=8)
def _base_theme() -> str:
    return data.text(data.ASSETS, THEME_FILE)


def scaled_theme(scale: float) -> dict:
    """The theme with every font size (and text box padding, from scale 1 up) multiplied by `scale` (a fresh
    dict)."""
    theme = copy.deepcopy(json.loads(_base_theme()))
    for block in theme.values():
        font = block.get("font") if isinstance(block, dict) else None
        if font and "size" in font:
            font["size"] = str(font_size(int(font["size"]), scale))
        misc = block.get("misc") if isinstance(block, dict) else None
        if misc and "padding" in misc:  # text keeps its margin at 4K
            misc["padding"] = ",".join(str(max(0, round(int(v) * max(1.0, scale)))) for v in misc["padding"].split(","))
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
