"""Save files on disk: atomic writes, reading one into a checked dict, listing a folder's saves.

Nothing here knows what a save's game holds: `read_header` checks only that a file is a Space Race save
(JSON, the right "format", a format version this game reads) and says in one line why not.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from game import __version__
from game.session.paths import autosave_dir
from game.session.save_format import FORMAT, FORMAT_VERSION, SUFFIX, CorruptSaveError, IncompatibleSaveError, SaveError

MAX_BYTES = 64 * 1024 * 1024


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that it is either the old file or the whole new one, never a mix."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def list_saves(folder: Path, autosaves: bool = False) -> list[Path]:
    """Save files of a folder, newest first (autosaves only, or every .save file)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob(f"*{SUFFIX}") if p.is_file() and (not autosaves or p.name.startswith("autosave-"))]
    return sorted(files, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def latest_autosave(folder: Path | None = None) -> Path | None:
    saves = list_saves(Path(folder or autosave_dir()), autosaves=True)
    return saves[0] if saves else None


def read_header(path: str | Path) -> dict:
    """The parsed save, of any format this game reads, checked to be a Space Race save of a format not newer
    than this game's. Raises a SaveError subclass."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CorruptSaveError(f"{path.name} is too large to be a save ({size} bytes)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"no such save file: {path}") from None
    except IsADirectoryError:
        raise SaveError(f"{path} is a folder, not a save file") from None
    except OSError as exc:
        raise SaveError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not raw.strip():
        raise CorruptSaveError(f"{path.name} is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise CorruptSaveError(f"{path.name} is not a Space Race save (it is not text)") from None
    except (json.JSONDecodeError, RecursionError) as exc:
        body = raw.strip()
        if not body.startswith(b"{"):
            raise CorruptSaveError(f"{path.name} is not a Space Race save") from None
        msg, pos = getattr(exc, "msg", ""), getattr(exc, "pos", 0)
        cut = pos >= len(body) - 1 or not body.endswith(b"}") or msg.startswith("Unterminated")
        why = "it is cut short (truncated)" if cut else f"unreadable at line {getattr(exc, 'lineno', '?')}"
        raise CorruptSaveError(f"{path.name} is damaged: {why}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CorruptSaveError(f"{path.name} is not a Space Race save")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CorruptSaveError(f"{path.name} is damaged: no format version")
    if version > FORMAT_VERSION:
        raise IncompatibleSaveError(f"{path.name} was made by a newer game ({data.get('game_version', '?')}, "
                                    f"save format {version}; this game {__version__} reads format {FORMAT_VERSION})")
    return data
