"""Packaging: the wheel carries every file the game reads at run time, and the game finds its data through
importlib.resources (the packages game.data.scenarios and game.data.assets), whatever the install.

Installing the wheel into a fresh virtual environment and playing from it is CI's job (.ci/run); here the
wheel is built from a copy of the sources (so a stale build/ folder of the checkout cannot leak into it) and
read as a zip.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from importlib import resources
from pathlib import Path

import pytest

from game import data
from game.scenario import locations, validate
from game.ui import theme
from tests.modding_kit import extension

REPO = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "README.md", "game", "scenarios", "assets")
JUNK = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")


def files_under(folder: Path) -> set[str]:
    """Every file below `folder` (posix paths relative to it), leaving out Python's caches."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built by pip from a copy of the sources, without build isolation (setuptools comes with the
    test extra), so the test needs no network."""
    root = tmp_path_factory.mktemp("wheel")
    src = root / "src"
    src.mkdir()
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, src / name, ignore=JUNK)
        else:
            shutil.copy2(REPO / name, src / name)
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "--no-build-isolation",
                          "-w", str(root / "dist"), "-q"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    (built,) = (root / "dist").glob("spacerace-*.whl")
    return built


def test_the_wheel_carries_every_scenario_and_asset_file_and_all_the_code(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, inside in (("scenarios", "game/data/scenarios"), ("assets", "game/data/assets"), ("game", "game")):
        missing = {f"{inside}/{f}" for f in files_under(REPO / folder)} - names
        assert not missing, f"files of {folder}/ not in the wheel: {sorted(missing)}"
    assert any(n.startswith("game/data/scenarios/historical/") and n.endswith(".toml") for n in names)
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    entry = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "spacerace = game.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()


def test_the_wheels_data_packages_import_and_read_from_the_zip(wheel, tmp_path):
    """The wheel on sys.path, imported by zipimport: its data packages are importable as laid out in it, the
    theme is read from the zip and the scenarios are copied out to a real folder (game.data.folder). (Only the
    data: the rules' compiled cache needs the game's sources on disk, so the whole game does not run zipped.)"""
    probe = ("import json, game\n"
             "from game import data\n"
             "from game.ui import theme\n"
             "out = data.folder(data.SCENARIOS)\n"
             "print(json.dumps({'game': game.__file__, 'shipped': str(out),\n"
             "    'files': sorted(p.relative_to(out).as_posix() for p in out.rglob('*') if p.is_file()),\n"
             "    'theme': len(theme.scaled_theme(1.0)), 'palette': 'us' in theme.palette()}))\n")
    env = {"PYTHONPATH": str(wheel), "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["game"].startswith(str(wheel))
    assert not seen["shipped"].startswith(str(REPO))
    assert set(seen["files"]) == files_under(REPO / "scenarios") - {"__init__.py"}
    assert seen["theme"] > 0 and seen["palette"]


def test_shipped_scenarios_are_found_through_importlib_resources():
    root = resources.files(data.SCENARIOS)
    assert locations.SHIPPED_DIR == Path(str(root))
    shipped = [ident for ident, origin, _ in locations.discover() if origin == "shipped"]
    assert shipped == sorted(p.name for p in root.iterdir() if p.joinpath("scenario.toml").is_file())
    assert {"historical", "race_to_the_moon", "soviet_n1_works"} <= set(shipped)
    assert locations.find("historical") == locations.SHIPPED_DIR / "historical"


def test_the_theme_and_palette_are_read_from_the_assets_package():
    assert data.text(data.ASSETS, theme.THEME_FILE) == resources.files(data.ASSETS).joinpath("theme.json").read_text()
    assert theme.palette()["us"] and theme.scaled_theme(2.0)


def test_validation_names_the_shipped_file_and_line_from_any_folder(tmp_path, monkeypatch):
    """An extension of historical that removes a program it uses: the errors point into the shipped files."""
    monkeypatch.chdir(tmp_path)
    mod = tmp_path / "mods" / "no_redstone"
    extension(mod, "historical", {"programs.toml": 'remove = ["redstone"]\n'})
    diags = [d for d in validate(mod) if "redstone" in d.message]
    assert diags
    missions = locations.SHIPPED_DIR / "historical" / "missions.toml"
    hits = [d for d in diags if d.file == str(missions)]
    assert hits and all(d.line > 0 for d in hits)
    assert Path(hits[0].file).is_file()


def test_folder_copies_a_zipped_package_out_to_a_real_folder(tmp_path, monkeypatch):
    archive = tmp_path / "pack.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("zipped_data_probe/__init__.py", "")
        z.writestr("zipped_data_probe/one/scenario.toml", "[scenario]\nid = 'one'\n")
        z.writestr("zipped_data_probe/notes.txt", "hello")
    monkeypatch.syspath_prepend(str(archive))
    monkeypatch.delitem(sys.modules, "zipped_data_probe", raising=False)
    out = data.folder("zipped_data_probe")
    assert out.is_dir() and not str(out).startswith(str(archive))
    assert files_under(out) == {"one/scenario.toml", "notes.txt"}
    assert (out / "one" / "scenario.toml").read_text() == "[scenario]\nid = 'one'\n"
    assert data.text("zipped_data_probe", "notes.txt") == "hello"


def test_a_missing_data_package_says_how_to_install_the_game():
    with pytest.raises(data.NotInstalled, match=r"pip install -e \."):
        data.files("game.data.not_there")
