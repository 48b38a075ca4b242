"""The two palettes: the same keys, readable text (contrast of at least 4.5:1 on the backgrounds it is drawn
on), sides that stay apart under simulated colour blindness, the palette following the settings (the drawn
window changes with it), and each side's marker a different shape."""

from __future__ import annotations

import json

import numpy as np
import pygame
import pytest
from uikit import frames

from game import data
from game.ui import theme
from game.ui.markers import SIDE_SHAPES, draw_side_marker
from game.ui.settings import PALETTES, Settings

TEXT_KEYS = ("text", "muted", "us_text", "ussr_text", "good", "bad", "neutral")
BACKGROUNDS = ("background", "panel")

# Colour-vision deficiency as linear-RGB matrices (Machado, Oliveira and Fernandes 2009, severity 1).
CVD = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}


def linear(colour) -> np.ndarray:
    c = np.asarray(colour[:3], dtype=float) / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def contrast(a, b) -> float:
    """WCAG contrast ratio of two colours."""
    la, lb = (float(linear(c) @ [0.2126, 0.7152, 0.0722]) for c in (a, b))
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def lab(rgb_linear: np.ndarray) -> np.ndarray:
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ rgb_linear
    t = xyz / np.array([0.9505, 1.0, 1.089])
    f = np.where(t > 0.008856, np.cbrt(t), 7.787 * t + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def difference(a, b, vision: str | None = None) -> float:
    """CIE76 colour difference of a and b as seen with `vision` (None: normal)."""
    la, lb = linear(a), linear(b)
    if vision:
        m = np.array(CVD[vision])
        la, lb = np.clip(m @ la, 0, 1), np.clip(m @ lb, 0, 1)
    return float(np.linalg.norm(lab(la) - lab(lb)))


@pytest.fixture(autouse=True)
def standard_after():
    yield
    theme.use_palette("standard")


def test_both_palettes_have_the_same_keys():
    keys = [set(json.loads(data.text(data.ASSETS, f))) - {"_comment"} for f in theme.PALETTE_FILES.values()]
    assert keys[0] == keys[1]
    assert set(theme.PALETTE_FILES) == set(PALETTES)
    assert len(theme.load_palette("colourblind")["series"]) == len(theme.load_palette("standard")["series"])


def test_the_colour_blind_theme_only_replaces_blocks_the_theme_has():
    base = json.loads(data.text(data.ASSETS, theme.THEME_FILE))
    for name, file in theme.THEME_OVERRIDES.items():
        blocks = set(json.loads(data.text(data.ASSETS, file))) - {"_comment"}
        assert blocks and blocks <= set(base), name


@pytest.mark.parametrize("name", PALETTES)
def test_text_colours_contrast_with_their_backgrounds(name):
    pal = theme.load_palette(name)
    low = [(t, b, round(contrast(pal[t], pal[b]), 2)) for t in TEXT_KEYS for b in BACKGROUNDS
           if contrast(pal[t], pal[b]) < 4.5]
    assert low == []


@pytest.mark.parametrize("name", PALETTES)
def test_theme_text_contrasts_with_its_buttons_and_boxes(name):
    theme.use_palette(name)
    t = theme.scaled_theme(1.0)
    defaults = t["defaults"]["colours"]
    pairs = [(defaults["normal_text"], defaults["normal_bg"]), (defaults["normal_text"], defaults["dark_bg"])]
    for block in ("#accent", "#danger", "#toggled"):
        colours = t[block]["colours"]
        pairs.append((defaults["normal_text"], colours["normal_bg"]))
        pairs.append((defaults["hovered_text"], colours["hovered_bg"]))
    for block in ("#us", "#ussr", "#good", "#bad", "#muted", "#small"):
        pairs.append((t[block]["colours"]["normal_text"], defaults["dark_bg"]))
    low = [(a, b) for a, b in pairs if contrast(theme.hex_colour(a), theme.hex_colour(b)) < 4.5]
    assert low == []


@pytest.mark.parametrize("vision", [None, *CVD])
def test_the_sides_stay_apart_in_both_palettes(vision):
    for name in PALETTES:
        pal = theme.load_palette(name)
        assert difference(pal["us"], pal["ussr"], vision) > 40, name
        assert difference(pal["us_text"], pal["ussr_text"], vision) > 40, name


@pytest.mark.parametrize("vision", [None, *CVD])
def test_the_colour_blind_palette_keeps_good_and_bad_apart(vision):
    pal = theme.load_palette("colourblind")
    assert difference(pal["good"], pal["bad"], vision) > 40
    theme.use_palette("colourblind")
    t = theme.scaled_theme(1.0)
    accent, danger = (theme.hex_colour(t[b]["colours"]["normal_bg"]) for b in ("#accent", "#danger"))
    assert difference(accent, danger, vision) > 20


def test_the_standard_palettes_good_and_bad_are_hard_to_tell_apart_for_protanopes():
    """Why the colour-blind palette exists: the standard good (green) and bad (yellow) come close."""
    pal = theme.load_palette("standard")
    assert difference(pal["good"], pal["bad"], "protanopia") < 0.6 * difference(pal["good"], pal["bad"])


def test_unknown_palette_is_refused_with_the_known_names():
    with pytest.raises(ValueError, match="standard, colourblind"):
        theme.use_palette("sepia")


def test_the_window_follows_the_palette_setting(tmp_path, monkeypatch):
    """An App made with the colour-blind setting draws with it, and applying the standard one repaints."""
    monkeypatch.setenv("SPACERACE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SPACERACE_CONFIG_DIR", str(tmp_path / "config"))
    from game.ui.app import App, Options
    from game.ui.main import first_screen

    app = App(Options(), Settings(width=1024, height=640, volume=0.0, palette="colourblind"))
    first_screen(app)
    frames(app, 2)
    new = app.scene.widgets["new"]
    assert theme.palette()["ussr"] == theme.load_palette("colourblind")["ussr"]
    blind_bg = app.window.get_at(new.rect.move(3, 0).midleft)[:3]
    app.apply_settings(Settings(width=1024, height=640, volume=0.0, palette="standard"))
    frames(app, 2)
    assert theme.palette()["ussr"] == theme.load_palette("standard")["ussr"]
    new = app.scene.widgets["new"]
    standard_bg = app.window.get_at(new.rect.move(3, 0).midleft)[:3]
    assert blind_bg != standard_bg  # the accent button is repainted in the other theme's colour
    app.close()


def test_side_markers_differ_in_shape():
    a, b = (pygame.Surface((21, 21)) for _ in SIDE_SHAPES)
    for side, surf in enumerate((a, b)):
        draw_side_marker(surf, side, (10, 10), 18, colour=(255, 255, 255))
    mask_a, mask_b = pygame.mask.from_threshold(a, (255, 255, 255), (1, 1, 1, 255)), \
        pygame.mask.from_threshold(b, (255, 255, 255), (1, 1, 1, 255))
    assert SIDE_SHAPES[0] != SIDE_SHAPES[1]
    assert mask_a.count() > 100 and mask_b.count() > 100
    assert mask_a.overlap_area(mask_b, (0, 0)) < 0.8 * min(mask_a.count(), mask_b.count())
