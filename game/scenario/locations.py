"""Where scenarios live: shipped with the game, in the user's data folder, or at any path.

The shipped ones are the package `game.data.scenarios` (the repository's `scenarios/` folder), found through
importlib.resources in every kind of install. By id, the game looks there first, then in the
user's folder (platformdirs `user_data_dir("spacerace")/scenarios`). An
`extends = "<id>"` is looked up first next to the extending scenario (the
folder that holds it), then the same way.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from game import data

SHIPPED_DIR = data.folder(data.SCENARIOS)  # a real folder (see game.data.folder)
SCENARIO_FILE = "scenario.toml"


def user_dir() -> Path:
    """The user's scenario folder (it may not exist yet); SPACERACE_DATA_DIR overrides the data folder."""
    return Path(os.environ.get("SPACERACE_DATA_DIR") or user_data_dir("spacerace")) / "scenarios"


def search_dirs(near: Path | None = None) -> list[tuple[str, Path]]:
    """(origin, folder) pairs searched for scenario ids, in order: next to `near`, shipped, user."""
    dirs = [("shipped", SHIPPED_DIR), ("user", user_dir())]
    if near is not None:
        parent = near.resolve().parent
        if all(parent != d.resolve() for _, d in dirs):
            dirs.insert(0, ("local", parent))
    return dirs


def is_scenario_dir(path: Path) -> bool:
    try:
        return path.is_dir() and (path / SCENARIO_FILE).is_file()
    except OSError:
        return False


def find(ident: str, near: Path | None = None) -> Path | None:
    """The folder of scenario `ident`, or None."""
    if not ident or "/" in ident or "\\" in ident or ident in (".", ".."):
        return None
    for _, folder in search_dirs(near):
        if is_scenario_dir(folder / ident):
            return folder / ident
    return None


def resolve(id_or_path: str | Path) -> Path:
    """The folder of a scenario given as a path or as an id (a path that is a folder wins)."""
    path = Path(id_or_path)
    try:
        if path.is_dir():
            return path
    except OSError:
        pass
    return find(str(id_or_path)) or SHIPPED_DIR / str(id_or_path)


def discover() -> list[tuple[str, str, Path]]:
    """Every scenario found: (id, origin, folder) with origin "shipped" or "user", sorted by origin then id.
    A user scenario with the id of a shipped one is listed too; by id, the shipped one is used."""
    found = []
    for origin, folder in search_dirs():
        try:
            children = sorted(folder.iterdir()) if folder.is_dir() else []
        except OSError:
            children = []
        found += [(p.name, origin, p) for p in children if is_scenario_dir(p)]
    return found


def known_ids(near: Path | None = None) -> list[str]:
    """Ids that `find` can resolve (for "did you mean")."""
    ids = []
    for _, folder in search_dirs(near):
        try:
            ids += [p.name for p in folder.iterdir() if is_scenario_dir(p)] if folder.is_dir() else []
        except OSError:
            pass
    return sorted(set(ids))


def display(path: Path) -> str:
    """A path as the user should see it in messages: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
