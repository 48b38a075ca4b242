"""Read a scenario folder: decode, parse and check each file against the schema.

Every problem becomes a Diagnostic with its file and line; nothing raises.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from game.scenario.diagnostics import ERROR, Diagnostic
from game.scenario.linemap import LineMap
from game.scenario.schema import FILES, INVALID, Checker

_AT_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")
MAX_FILE_BYTES = 4 * 1024 * 1024


@dataclass
class Entry:
    """One checked [[program]], [[mission]]... with where it came from."""

    data: dict
    file: str
    index: int
    lines: LineMap

    def line(self, path: tuple = ()) -> int:
        return locate(self.lines, FILES[self.file][0], self.index, path)


@dataclass
class RawScenario:
    """A scenario folder after per-file checks (cross-references not yet checked)."""

    folder: Path
    meta: dict = field(default_factory=dict)           # checked scenario.toml
    meta_lines: LineMap | None = None
    entries: dict[str, list[Entry]] = field(default_factory=dict)  # "program" -> entries
    refs: list[tuple[str, str, str, int, tuple]] = field(default_factory=list)  # (kind, id, file, line, path)
    content_hash: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)


def locate(lines: LineMap, array: str | None, index: int, path: tuple) -> int:
    """Best line for `path` inside entry `index` of `[[array]]` (or inside scenario.toml when array is None)."""
    if array is None:
        for cut in range(len(path), 0, -1):
            head = ".".join(str(p) for p in path[:cut])
            line = lines.entry_line(head)
            if line:
                rest = path[cut:]
                return lines.key_line(head, 0, str(rest[0])) if rest else line
        return 0
    if len(path) >= 2 and path[0] == "option" and isinstance(path[1], int):
        key = str(path[2]) if len(path) > 2 else None
        return lines.sub_entry_line(array, index, "option", path[1], key)
    if path:
        return lines.key_line(array, index, str(path[0]))
    return lines.entry_line(array, index)


def read_toml(path: Path, out: list[Diagnostic]) -> tuple[dict | None, LineMap | None, bytes]:
    """Parse one file; on failure append a diagnostic and return (None, None, raw bytes)."""
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        out.append(Diagnostic(name, 0, ERROR, f"cannot read the file: {exc.strerror or exc}"))
        return None, None, b""
    if len(raw) > MAX_FILE_BYTES:
        out.append(Diagnostic(name, 0, ERROR, f"the file is {len(raw)} bytes; scenario files may be at most "
                                              f"{MAX_FILE_BYTES} bytes"))
        return None, None, raw
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        out.append(Diagnostic(name, line, ERROR, "the file is not valid UTF-8 text; save it as UTF-8"))
        return None, None, raw
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _AT_LINE.search(msg)
        line = int(m.group(1)) if m else 0
        msg = _AT_LINE.sub("", msg).strip()
        out.append(Diagnostic(name, line, ERROR, f"TOML syntax error: {msg}"
                                                 f"{f' (column {m.group(2)})' if m else ''}"))
        return None, None, raw
    except RecursionError:
        out.append(Diagnostic(name, 0, ERROR, "the file nests tables or lists too deeply to read"))
        return None, None, raw
    return data, LineMap(text), raw


def load_raw(folder: Path) -> RawScenario:
    """Read and check every file of a scenario folder. Never raises for bad content."""
    raw = RawScenario(folder=folder)
    digest = hashlib.sha256()
    if not folder.is_dir():
        raw.diagnostics.append(Diagnostic(str(folder), 0, ERROR, "no such scenario folder"))
        return raw
    for name, (array, spec) in FILES.items():
        path = folder / name
        if not path.exists():
            raw.diagnostics.append(Diagnostic(name, 0, ERROR, f"missing file {name} in {folder}"))
            continue
        data, lines, content = read_toml(path, raw.diagnostics)
        digest.update(name.encode() + b"\0" + content + b"\0")
        if data is None:
            continue
        if array is None:
            chk = Checker()
            raw.meta = spec.check(data, (), chk)
            raw.meta_lines = lines
            _collect(raw, chk, name, lambda p, lines=lines: locate(lines, None, 0, p))
            continue
        unknown = [k for k in data if k != array]
        for k in unknown:
            raw.diagnostics.append(Diagnostic(name, lines.entry_line(k) or lines.key_line("", 0, k), ERROR,
                                              f"unknown table '{k}': this file holds only [[{array}]] entries"))
        items = data.get(array, [])
        if not isinstance(items, list):
            raw.diagnostics.append(Diagnostic(name, lines.key_line("", 0, array), ERROR,
                                              f"'{array}' must be written as [[{array}]] entries"))
            items = []
        entries = raw.entries.setdefault(array, [])
        for i, item in enumerate(items):
            chk = Checker()
            checked = spec.check(item, (), chk)
            entry = Entry(checked if isinstance(checked, dict) else {}, name, i, lines)
            label = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else f"#{i + 1}"
            _collect(raw, chk, name, entry.line, f"{array} '{label}': ")
            if isinstance(checked, dict):
                entries.append(entry)
    raw.content_hash = digest.hexdigest()[:16]
    return raw


def _collect(raw: RawScenario, chk: Checker, file: str, line_of, prefix: str = "") -> None:
    for path, message, severity in chk.problems:
        raw.diagnostics.append(Diagnostic(file, line_of(path), severity, prefix + message))
    for kind, ident, path in chk.refs:
        raw.refs.append((kind, ident, file, line_of(path), path, prefix))


def is_valid(value) -> bool:
    """False when a checked value (or anything inside it) failed its check."""
    if value is INVALID:
        return False
    if isinstance(value, dict):
        return all(is_valid(v) for v in value.values())
    if isinstance(value, list):
        return all(is_valid(v) for v in value)
    return True
