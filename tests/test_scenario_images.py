"""A program's `image` field: a PNG or JPEG inside the scenario folder. `spacerace validate` reports a missing
file, a file that is no picture and a path leading out of the folder, each with file and line; a good one
reaches the loaded Scenario (Scenario.images), also from a scenario that extends another."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zlib

from game.scenario import load, validate
from game.scenario.schema import json_schema
from tests.modding_kit import TINY, extension, messages, write_scenario


def png_bytes(w: int = 4, h: int = 4, rgb=(200, 30, 30)) -> bytes:
    """A real PNG file of one colour (written by hand: the core tests import no image library)."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    rows = b"".join(b"\0" + bytes(rgb) * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def with_image(path: str) -> dict[str, str]:
    """TINY's programs.toml with `image = path` on its first program (the line after `max_reliability`)."""
    text = TINY["programs.toml"].replace("max_reliability = 0.95\n", f'max_reliability = 0.95\nimage = "{path}"\n', 1)
    return {"programs.toml": text}


def line_of(folder, needle: str) -> int:
    lines = (folder / "programs.toml").read_text().splitlines()
    return next(i for i, x in enumerate(lines, 1) if needle in x)


def validate_cli(folder) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-m", "game", "validate", str(folder)], capture_output=True, text=True,
                          timeout=120)
    return done.returncode, done.stdout + done.stderr


def test_a_good_png_is_clean_and_reaches_the_scenario(tmp_path):
    folder = write_scenario(tmp_path / "tiny", with_image("art/rocket.png"))
    (folder / "art").mkdir()
    (folder / "art" / "rocket.png").write_bytes(png_bytes())
    assert messages(validate(folder)) == []
    sc = load(folder)
    assert sc.images == {"rocket_us": (folder / "art" / "rocket.png").resolve()}
    assert sc.programs[0]["image"] == "art/rocket.png" and sc.programs[1]["image"] == ""


def test_a_jpeg_is_accepted(tmp_path):
    folder = write_scenario(tmp_path / "tiny", with_image("rocket.jpg"))
    (folder / "rocket.jpg").write_bytes(b"\xff\xd8\xff\xe0\0\x10JFIF\0" + b"\0" * 32)
    assert messages(validate(folder)) == []


def test_a_missing_file_is_reported_with_file_and_line_by_the_command(tmp_path):
    folder = write_scenario(tmp_path / "tiny", with_image("art/nothing.png"))
    code, out = validate_cli(folder)
    line = line_of(folder, "image =")
    assert code == 1
    assert f"programs.toml:{line}: error: program.rocket_us.image: 'art/nothing.png': no such file in tiny/" in out


def test_a_file_that_is_no_picture_is_reported(tmp_path):
    folder = write_scenario(tmp_path / "tiny", with_image("notes.png"))
    (folder / "notes.png").write_text("not a picture at all")
    code, out = validate_cli(folder)
    line = line_of(folder, "image =")
    assert code == 1
    assert f"programs.toml:{line}: error: program.rocket_us.image: 'notes.png' is not a PNG or JPEG picture" in out


def test_a_path_out_of_the_folder_is_reported_even_when_the_file_exists(tmp_path):
    outside = tmp_path / "secret.png"
    outside.write_bytes(png_bytes())
    for path in ("../secret.png", str(outside)):
        folder = write_scenario(tmp_path / "tiny", with_image(path))
        found = messages(validate(folder))
        line = line_of(folder, "image =")
        assert len(found) == 1 and f"/tiny/programs.toml:{line}: error: program.rocket_us.image: " in found[0]
        assert "out of the scenario folder" in found[0] or "not absolute" in found[0]
    (tmp_path / "tiny" / "link.png").symlink_to(outside)
    folder = write_scenario(tmp_path / "tiny", with_image("link.png"))
    assert any("leads out of the scenario folder" in m for m in messages(validate(folder)))


def test_a_folder_is_no_picture(tmp_path):
    folder = write_scenario(tmp_path / "tiny", with_image("art"))
    (folder / "art").mkdir()
    assert any("'art': a folder in tiny/" in m for m in messages(validate(folder)))


def test_an_extension_points_at_its_own_files_and_is_reported_in_its_own_file(tmp_path):
    write_scenario(tmp_path / "tiny")
    patch = '[[patch]]\nid = "rocket_su"\nimage = "su.png"\n'
    ext = extension(tmp_path / "tiny_art", "tiny", {"programs.toml": patch})
    found = messages(validate(ext))
    assert len(found) == 1
    assert "tiny_art/programs.toml:3: error: program.rocket_su.image: 'su.png': no such file in tiny_art/" in found[0]
    (ext / "su.png").write_bytes(png_bytes())
    assert messages(validate(ext)) == []
    assert load(ext).images == {"rocket_su": (ext / "su.png").resolve()}


def test_the_schema_command_shows_the_field_and_the_rover_kind():
    prog = json_schema()["$defs"]["programs.toml"]["properties"]["program"]["items"]["properties"]
    assert prog["image"]["type"] == "string" and "PNG or JPEG" in prog["image"]["description"]
    assert "rover" in prog["kind"]["enum"]
    done = subprocess.run([sys.executable, "-m", "game", "schema"], capture_output=True, text=True, timeout=120)
    shown = json.loads(done.stdout)
    assert "image" in shown["$defs"]["programs.toml"]["properties"]["program"]["items"]["properties"]


def test_names_the_system_refuses_are_reported_not_raised(tmp_path):
    for i, path in enumerate(("a\\u0000b.png", "x" * 5000, "loop.png", "C:/art/r.png")):
        folder = write_scenario(tmp_path / f"s{i}" / "tiny", with_image(path))
        if path == "loop.png":
            (folder / "loop.png").symlink_to(folder / "loop.png")
        found = messages(validate(folder))
        assert len(found) == 1 and f"programs.toml:{line_of(folder, 'image =')}: error: program.rocket_us.image" \
            in found[0], found
