"""The files the game ships and reads at run time: its scenarios and its assets (theme, palette).

In the repository they are the top-level folders `scenarios/` and `assets/`; pyproject.toml maps them to the
packages `game.data.scenarios` and `game.data.assets`, so every kind of install (editable, `pip install .`, a
wheel, pipx) carries them and they are found the same way, through importlib.resources, never by a path
computed from a source file. Beside them, inside the game package itself, `game/data/released/` (the package
`game.data.released`) keeps the shipped scenarios as each release shipped them, to migrate old saves.

    text("game.data.assets", "theme.json")   # one file's text
    folder("game.data.scenarios")            # a real folder holding the package's files
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

SCENARIOS = "game.data.scenarios"
ASSETS = "game.data.assets"
RELEASED = "game.data.released"    # the shipped scenarios as each release shipped them (game/data/released)
SKIP = {"__init__.py", "__pycache__"}


class NotInstalled(RuntimeError):
    """The game's code runs but its data packages cannot be imported (a checkout used without installing it)."""


def files(package: str) -> Traversable:
    """The root of `package`'s files. Raises NotInstalled, saying what to do, when the package is missing."""
    try:
        return resources.files(package)
    except ModuleNotFoundError:
        raise NotInstalled(f"the game's data ({package}) is not installed: from a checkout, install the game with "
                           "`pip install -e .`; otherwise reinstall it") from None


def text(package: str, name: str) -> str:
    """The UTF-8 text of file `name` of `package` (works in a zip too). Raises FileNotFoundError if missing."""
    return files(package).joinpath(name).read_text(encoding="utf-8")


@cache
def folder(package: str) -> Path:
    """A real folder on disk holding every file of `package` (read it, never write to it).

    That is the package's own folder when it is installed as files (every install pip makes); when it is
    inside a zip, its files are copied once to a temporary folder, removed when the program exits.
    """
    root = files(package)
    if isinstance(root, Path):
        return root
    tmp = Path(tempfile.mkdtemp(prefix="spacerace-data-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    _copy(root, tmp)
    return tmp


def _copy(source: Traversable, target: Path) -> None:
    for child in source.iterdir():
        if child.name in SKIP:
            continue
        if child.is_dir():
            (target / child.name).mkdir()
            _copy(child, target / child.name)
        else:
            (target / child.name).write_bytes(child.read_bytes())
