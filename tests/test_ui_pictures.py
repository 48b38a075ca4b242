"""Pictures drawn from data: every program and mission of every shipped scenario gets one of the height asked
for, kinds have their own shapes, sides their own colours (from the palette in use), a modded program of any
kind gets one, a program's `image` is shown as it is, and headquarters shows them in its lists and beside a
row's tooltip."""

from __future__ import annotations

import pygame
import pytest
from uikit import frames, make_app

from game.scenario import load, shipped_ids
from game.scenario.schema import KINDS
from game.ui.app import Options
from game.ui.picture_looks import scenario_looks
from game.ui.pictures import mission_picture, program_picture
from game.ui.start import start_new
from game.ui.theme import palette_name, side_colour, use_palette
from tests.modding_kit import TINY, write_scenario


@pytest.fixture(autouse=True)
def display():
    pygame.init()
    yield


def opaque(surf: pygame.Surface) -> int:
    """Pixels of a picture that are drawn (alpha above half)."""
    return sum(1 for x in range(surf.get_width()) for y in range(surf.get_height()) if surf.get_at((x, y)).a > 128)


def mask(surf: pygame.Surface) -> set[tuple[int, int]]:
    return {(x, y) for x in range(surf.get_width()) for y in range(surf.get_height()) if surf.get_at((x, y)).a > 128}


def count(surf: pygame.Surface, colour) -> int:
    """Pixels of exactly `colour` (its r, g, b) with full alpha."""
    want = tuple(colour[:3])
    return sum(1 for x in range(surf.get_width()) for y in range(surf.get_height())
               if tuple(surf.get_at((x, y)))[:3] == want and surf.get_at((x, y)).a == 255)


@pytest.mark.parametrize("ident", shipped_ids())
def test_every_program_and_mission_of_every_shipped_scenario_gets_a_picture(ident):
    sc = load(ident)
    for h in (20, 48):
        for p in range(len(sc.programs)):
            pic = program_picture(sc, p, h)
            assert pic.get_height() == h and pic.get_width() == h, (sc.programs[p]["id"], h)
            assert opaque(pic) > h * h * 0.04, f"{sc.programs[p]['id']} at {h}px is nearly empty"
        for m in range(len(sc.missions)):
            pic = mission_picture(sc, m, h)
            assert pic.get_height() == h and h // 2 <= pic.get_width() <= h
            assert opaque(pic) > h * h * 0.03, f"{sc.missions[m]['id']} at {h}px is nearly empty"


def test_bigger_launchers_stand_taller_and_kinds_have_their_own_shapes():
    sc = load("historical")
    index = {p["id"]: i for i, p in enumerate(sc.programs)}
    small, big = (mask(program_picture(sc, index[x], 120)) for x in ("redstone", "saturn_v"))
    assert min(y for _, y in big) < min(y for _, y in small) - 20   # taller
    assert len(big) > 1.5 * len(small)                                # and wider
    looks = scenario_looks(sc)
    assert looks[index["r7"]].strap_ons and looks[index["molniya"]].strap_ons and not looks[index["saturn_v"]].strap_ons
    for grown, base in (("r7_upper", "r7"), ("jupiter_c", "redstone"), ("centaur", "atlas")):  # built on another
        assert looks[index[grown]].stages == looks[index[base]].stages + 1
        assert looks[index[grown]].size >= looks[index[base]].size
    one = {}
    for i, lk in enumerate(looks):
        one.setdefault((lk.kind, lk.side), i)
    us = {kind: mask(program_picture(sc, i, 96)) for (kind, side), i in one.items() if side == 0}
    assert len(us) >= 7
    kinds = sorted(us)
    for a in range(len(kinds)):
        for b in range(a + 1, len(kinds)):
            differ = len(us[kinds[a]] ^ us[kinds[b]])
            assert differ > 0.15 * min(len(us[kinds[a]]), len(us[kinds[b]])), (kinds[a], kinds[b])


def test_a_mission_stacks_its_payload_on_its_launcher_and_can_show_its_craft_beside():
    sc = load("historical")
    index = {m["id"]: i for i, m in enumerate(sc.missions)}
    landing, alone = index["apollo_landing"], index["vanguard_satellite"]  # a capsule and a lander; a rocket alone
    stack, wide = mission_picture(sc, landing, 120), mission_picture(sc, landing, 120, beside=True)
    assert stack.get_size() == (84, 120) and wide.get_size() == (120, 120)
    right = {(x, y) for x, y in mask(wide) if x >= 84}
    assert len(right) > 300  # the capsule and the lander, down the right side
    assert mission_picture(sc, alone, 120, beside=True).get_size() == (84, 120)  # nothing to show beside it
    assert mask(stack) != mask(mission_picture(sc, alone, 120))  # a capsule and its tower on top, not a nose


def test_sides_are_told_apart_by_their_colours_and_the_palette_in_use():
    sc = load("historical")
    index = {p["id"]: i for i, p in enumerate(sc.programs)}
    for us, su in (("redstone", "r7"), ("mercury", "vostok"), ("apollo_lm", "lk"), ("skylab", "salyut")):
        a, b = program_picture(sc, index[us], 96), program_picture(sc, index[su], 96)
        assert count(a, side_colour(0)) > 20 and count(a, side_colour(1)) == 0, us
        assert count(b, side_colour(1)) > 20 and count(b, side_colour(0)) == 0, su
    before = palette_name()
    use_palette("standard")
    standard, standard_ussr = program_picture(sc, index["r7"], 96), side_colour(1)
    try:
        use_palette("colourblind")
        blind, blind_ussr = program_picture(sc, index["r7"], 96), side_colour(1)
    finally:
        use_palette(before)
    assert blind_ussr != standard_ussr
    assert count(blind, blind_ussr) > 20 and count(blind, standard_ussr) == 0  # not the cached standard picture
    assert count(standard, standard_ussr) > 20 and count(standard, blind_ussr) == 0


MODDED = "\n".join(f"""
[[program]]
id = "mod_{kind}"
name = "Mod {kind}"
side = "{'us' if i % 2 else 'ussr'}"
kind = "{kind}"
start_cost = {5 + 3 * i}
flight_cost = {1 + i}
research_cost = 5
reliability = 0.6
research_cap = 0.9
max_reliability = 0.95
crew = {i % 4}
""" for i, kind in enumerate(KINDS))


def test_a_modded_program_of_every_kind_gets_its_own_picture(tmp_path):
    assert "rover" in KINDS
    folder = write_scenario(tmp_path / "tiny", {"programs.toml": TINY["programs.toml"] + MODDED})
    sc = load(folder)
    masks = {}
    for p, prog in enumerate(sc.programs):
        pic = program_picture(sc, p, 64)
        assert pic.get_height() == 64 and opaque(pic) > 64 * 64 * 0.04, prog["id"]
        if prog["id"].startswith("mod_"):
            masks[prog["kind"]] = mask(pic)
    assert set(masks) == set(KINDS)
    for a in KINDS:
        for b in KINDS:
            if a < b and not {a, b} <= {"launcher"}:
                assert masks[a] != masks[b], (a, b)


def test_a_programs_image_is_shown_scaled_to_the_height(tmp_path):
    text = TINY["programs.toml"].replace("max_reliability = 0.95\n", 'max_reliability = 0.95\nimage = "art/r.png"\n', 1)
    folder = write_scenario(tmp_path / "tiny", {"programs.toml": text})
    (folder / "art").mkdir()
    img = pygame.Surface((20, 40))
    img.fill((10, 200, 30))
    pygame.draw.rect(img, (250, 0, 250), (0, 0, 20, 20))  # top half magenta, bottom half green
    pygame.image.save(img, str(folder / "art" / "r.png"))
    sc = load(folder)
    pic = program_picture(sc, 0, 80)          # 40x80 once scaled, in the middle of an 80x80 square
    assert pic.get_size() == (80, 80)
    assert tuple(pic.get_at((40, 20)))[:3] == (250, 0, 250) and tuple(pic.get_at((40, 60)))[:3] == (10, 200, 30)
    assert pic.get_at((5, 40)).a == 0         # beside the picture: transparent
    drawn = program_picture(sc, 1, 80)        # the other program has no image: drawn
    assert count(drawn, (10, 200, 30)) == 0 and opaque(drawn) > 0
    mis = mission_picture(sc, 0, 80)          # the mission flies the imaged rocket: its picture shows it
    assert count(mis, (10, 200, 30)) > 100


def test_headquarters_shows_a_picture_on_every_row_and_beside_a_rows_tooltip(tmp_path, monkeypatch):
    app = make_app(tmp_path, monkeypatch, Options())
    start_new(app, load("historical"), "human", "human", seed=5)
    for _ in range(100):
        if app.scene.name == "headquarters":
            break
        app.scene.default_action()
        frames(app, 2)
    hq = app.scene
    assert hq.name == "headquarters"
    for tab in ("programs", "missions"):
        hq.set_left(tab)
        frames(app, 2)
        for i, (_, r) in enumerate(hq.rows):
            fill = app.window.get_at((r.x + 1, r.centery))[:3]
            icon = pygame.Rect(r.x + 2, r.y + 2, hq.icon_w, r.h - 4)
            drawn = sum(1 for x in range(icon.x, icon.right) for y in range(icon.y, icon.bottom)
                        if app.window.get_at((x, y))[:3] != fill)
            assert drawn > icon.w * icon.h * 0.05, f"{tab} row {i} has no picture"
            first_text = min(w.rect.x for k, w in hq.widgets.items() if k.startswith(("prog_", "mis_"))
                             and r.collidepoint(w.rect.center))
            assert first_text >= icon.right - 2  # the texts start after the picture
    # hovering a row's name shows its tooltip, and the larger picture beside it, not over it
    name = next(w for k, w in hq.widgets.items() if k.startswith("mis_name_"))
    pygame.mouse.set_pos(name.rect.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=name.rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    frames(app, 100)
    assert name.tool_tip is not None
    shown = hq.hover_picture_rect
    assert shown is not None and not shown.colliderect(name.tool_tip.rect)
    assert count(app.window.subsurface(shown), side_colour(0)) > 30
    app.close()


def test_an_image_that_cannot_be_decoded_falls_back_to_the_drawing(tmp_path):
    text = TINY["programs.toml"].replace("max_reliability = 0.95\n", 'max_reliability = 0.95\nimage = "bad.png"\n', 1)
    folder = write_scenario(tmp_path / "tiny", {"programs.toml": text})
    (folder / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"garbage" * 20)  # the validator reads only the start
    sc = load(folder)
    assert sc.images["rocket_us"].name == "bad.png"
    pic = program_picture(sc, 0, 64)
    assert pic.get_size() == (64, 64) and count(pic, side_colour(0)) > 0  # drawn: the side's colours


@pytest.mark.parametrize("ident", shipped_ids())
def test_every_two_programs_of_a_side_draw_differently(ident):
    """Programs of one kind and size are told apart by their data: a probe's worlds, a capsule's side, seats and
    size, a station's size, and as a last resort a variant hashed from the id."""
    sc = load(ident)
    pics = [pygame.surfarray.array3d(program_picture(sc, p, 48)) for p in range(len(sc.programs))]
    alphas = [pygame.surfarray.array_alpha(program_picture(sc, p, 48)) for p in range(len(sc.programs))]
    for a in range(len(sc.programs)):
        for b in range(a + 1, len(sc.programs)):
            if sc.programs[a]["side"] != sc.programs[b]["side"]:
                continue
            same = (pics[a] == pics[b]).all() and (alphas[a] == alphas[b]).all()
            assert not same, (sc.programs[a]["id"], sc.programs[b]["id"])


def _differ(a: pygame.Surface, b: pygame.Surface) -> float:
    """The share of the drawn pixels of either picture that only one of them draws."""
    ma, mb = mask(a), mask(b)
    return len(ma ^ mb) / max(1, len(ma | mb))


def test_winged_orbiters_and_their_stacks_are_drawn_as_spaceplanes():
    """cold_war's Shuttle and Buran (`shape = "spaceplane"`) are drawn as winged orbiters, not capsules, and each
    mission that flies one shows it on the side of its launcher's tank with the launcher's boosters."""
    from dataclasses import replace

    from game.ui.picture_launcher import draw_rocket
    from game.ui.picture_spaceplane import FOAM
    from game.ui.pictures import DRAW

    sc = load("cold_war")
    looks = scenario_looks(sc)
    index = {p["id"]: i for i, p in enumerate(sc.programs)}
    winged = {p["id"] for p, lk in zip(sc.programs, looks, strict=True) if lk.winged}
    assert winged == {"shuttle_orbiter", "buran"}
    assert looks[index["shuttle_stack"]].boosters == 2 and looks[index["energia"]].boosters == 4
    for ident in winged:
        look = looks[index[ident]]
        capsule = pygame.Surface((96, 96), pygame.SRCALPHA)
        DRAW["capsule"](capsule, capsule.get_rect(), replace(look, winged=False), side_colour(look.side))
        assert _differ(program_picture(sc, index[ident], 96), capsule) > 0.3, ident
    flown = [m for m, mis in enumerate(sc.missions) if any(st["program"] in winged for st in mis["steps"])]
    assert len(flown) >= 6
    for m in flown:
        steps = sc.missions[m]["steps"]
        launcher = max((looks[index[st["program"]]] for st in steps if looks[index[st["program"]]].kind == "launcher"),
                       key=lambda lk: (lk.size, lk.era))
        orbiter = next(looks[index[st["program"]]] for st in steps if st["program"] in winged)
        pic = mission_picture(sc, m, 160)
        as_capsule = pygame.Surface(pic.get_size(), pygame.SRCALPHA)
        draw_rocket(as_capsule, as_capsule.get_rect(), launcher, side_colour(launcher.side),
                    top=replace(orbiter, winged=False))
        assert _differ(pic, as_capsule) > 0.25, sc.missions[m]["id"]
        assert (count(pic, FOAM) > 160 * 5) == (launcher.side == 0), sc.missions[m]["id"]  # the US tank's foam


def test_a_modded_spaceplane_and_boosters_are_drawn_and_a_wrong_shape_is_one_line(tmp_path):
    from game.scenario import validate

    programs = TINY["programs.toml"].replace("max_reliability = 0.95\n", "max_reliability = 0.95\nboosters = 3\n", 1)
    plane = MODDED.split("[[program]]")[1 + KINDS.index("capsule")]
    programs += MODDED + "\n[[program]]" + plane.replace('"mod_capsule"', '"mod_plane"') + 'shape = "spaceplane"\n'
    sc = load(write_scenario(tmp_path / "tiny", {"programs.toml": programs}))
    looks = {p["id"]: lk for p, lk in zip(sc.programs, scenario_looks(sc), strict=True)}
    assert looks["mod_plane"].winged and not looks["mod_capsule"].winged
    assert looks["rocket_us"].boosters == 3 and looks["rocket_us"].strap_ons and looks["rocket_su"].boosters == 0
    ip, ic = (next(i for i, p in enumerate(sc.programs) if p["id"] == x) for x in ("mod_plane", "mod_capsule"))
    assert _differ(program_picture(sc, ip, 64), program_picture(sc, ic, 64)) > 0.3
    bad = write_scenario(tmp_path / "bad", {"programs.toml": programs.replace('"spaceplane"', '"spaceplan"')})
    found = [d for d in validate(bad) if d.severity == "error"]
    line = 1 + (bad / "programs.toml").read_text().split("\n").index('shape = "spaceplan"')
    assert [(d.field, d.line) for d in found] == [("program.mod_plane.shape", line)]
    assert "did you mean 'spaceplane'?" in found[0].message
    odd = write_scenario(tmp_path / "odd", {"programs.toml": programs.replace('shape = "spaceplane"', "boosters = 2")})
    found = [d for d in validate(odd) if d.field == "program.mod_plane.boosters"]
    assert [d.severity for d in found] == ["warning"] and "only a launcher's picture shows boosters" in found[0].message
