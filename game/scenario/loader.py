"""Read a scenario: follow its `extends` chain, layer the folders, check every entry against the schema.

A scenario folder holds up to eight TOML files. A scenario that extends nothing
needs the five of FILES that are not OPTIONAL_FILES (records.toml,
operations.toml and people.toml may be left out: none of those); one that
`extends = "<id>"` another needs only scenario.toml, and each file it has is
layered over the base's:

- scenario.toml tables merge key by key (the child's values win);
- in an entry file, a `[[program]]` (etc.) with a new id adds an entry, one
  with a known id replaces it in place (people.toml's [[group]] and [[person]]
  share one id space); a `[[patch]]` with a known id merges
  its fields into that entry (tables key by key, anything else replaced); a
  top-level `remove = [ids]` deletes entries. Within one file: entries first,
  then patches, then removals.

Every problem becomes a Diagnostic with the file and line of the layer that
wrote the value at fault; nothing raises for bad content.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from game.scenario.diagnostics import ERROR, Diagnostic, did_you_mean
from game.scenario.linemap import LineMap
from game.scenario.locations import display, find, known_ids
from game.scenario.schema import FILES, ID_RE, INVALID, OPTIONAL_FILES, Checker, field_name

_AT_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")
MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_CHAIN = 16           # scenarios in one extends chain
MERGE_DEPTH = 4          # patches merge tables this deep; deeper values are replaced whole
ENTRY_KEYS = ("remove", "patch")


@dataclass(frozen=True)
class Source:
    """Where (part of) an entry was written: a [[program]] or [[patch]] block of one file."""

    file: str                      # the file, as shown in messages
    lines: LineMap
    array: str | None              # "program", "patch"... (None: scenario.toml)
    index: int                     # which block of that name in the file
    keys: frozenset | None = None  # top-level fields it gave (None: the whole entry)
    folder: Path | None = None     # the scenario folder the file is in (paths in the entry are relative to it)

    def line(self, path: tuple = ()) -> int:
        return locate(self.lines, self.array, self.index, path)


@dataclass
class Entry:
    """One checked [[program]], [[mission]]... with where each of its parts came from."""

    data: dict
    kind: str
    sources: list[Source]

    @property
    def ident(self) -> str:
        i = self.data.get("id")
        return i if isinstance(i, str) else f"#{self.sources[0].index + 1}"

    def source(self, path: tuple = ()) -> Source:
        if path:
            for s in reversed(self.sources):
                if s.keys is None or path[0] in s.keys:
                    return s
        return self.sources[0]

    def at(self, path: tuple = ()) -> tuple[str, int]:
        """(file, line) of a field of this entry."""
        s = self.source(path)
        return s.file, s.line(path)

    def field(self, path: tuple = ()) -> str:
        """"mission.vostok_orbit.steps[1].program" style path of a field of this entry."""
        return f"{self.kind}.{self.ident}" + (f".{field_name(path)}" if path else "").replace(".[", "[")

    @property
    def file(self) -> str:
        return self.sources[0].file

    def line(self, path: tuple = ()) -> int:
        return self.source(path).line(path)


@dataclass
class Layer:
    """One folder of an extends chain, its files parsed."""

    folder: Path
    files: dict[str, tuple[dict, LineMap, str]] = field(default_factory=dict)  # name -> (data, lines, shown)
    extends: str = ""


@dataclass
class RawScenario:
    """A scenario after layering and per-entry checks (cross-references not yet checked)."""

    folder: Path
    meta: dict = field(default_factory=dict)           # checked, merged scenario.toml
    meta_layers: list[tuple[dict, LineMap, str]] = field(default_factory=list)  # base first
    entries: dict[str, list[Entry]] = field(default_factory=dict)  # "program" -> entries
    refs: list[tuple] = field(default_factory=list)  # (kind, id, file, line, field)
    chain: list[str] = field(default_factory=list)   # scenario ids, this one first, its bases after
    folders: list[Path] = field(default_factory=list)
    content_hash: str = ""
    fatal: bool = False                              # a file or the chain could not be read
    broken_chain: bool = False                       # a base is missing, or the chain loops
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def meta_at(self, path: tuple) -> tuple[str, int]:
        """(file, line) of a scenario.toml value: in the last layer that wrote it."""
        best = None
        for data, lines, shown in self.meta_layers:
            depth, node = 0, data
            for p in path:
                if not isinstance(node, dict) or p not in node:
                    break
                node, depth = node[p], depth + 1
            if depth and (best is None or depth >= best[0]):
                best = (depth, lines, shown)
        if best is None:
            if not self.meta_layers:
                return "scenario.toml", 0
            _, lines, shown = self.meta_layers[-1]
            return shown, locate(lines, None, 0, path)
        return best[2], locate(best[1], None, 0, path)


def locate(lines: LineMap, array: str | None, index: int, path: tuple) -> int:
    """Best line for `path` inside entry `index` of `[[array]]` (or inside scenario.toml when array is None)."""
    if array is None:
        for cut in range(len(path), 0, -1):
            head = ".".join(str(p) for p in path[:cut])
            line = lines.entry_line(head)
            if line:
                rest = path[cut:]
                return lines.key_line(head, 0, str(rest[0])) if rest else line
        return lines.key_line("", 0, str(path[0])) if path else 0
    if len(path) >= 2 and path[0] == "option" and isinstance(path[1], int):
        key = str(path[2]) if len(path) > 2 else None
        return lines.sub_entry_line(array, index, "option", path[1], key)
    if len(path) >= 2 and isinstance(path[1], int):
        return lines.element_line(array, index, str(path[0]), path[1])
    if path:
        return lines.key_line(array, index, str(path[0]))
    return lines.entry_line(array, index)


def read_toml(path: Path, out: list[Diagnostic]) -> tuple[dict | None, LineMap | None, bytes]:
    """Parse one file; on failure append a diagnostic and return (None, None, raw bytes)."""
    name = display(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            out.append(Diagnostic(name, 0, ERROR, f"the file is {size} bytes; scenario files may be at most "
                                                  f"{MAX_FILE_BYTES} bytes"))
            return None, None, b""
        raw = path.read_bytes()
    except OSError as exc:
        out.append(Diagnostic(name, 0, ERROR, f"cannot read the file: {exc.strerror or exc}"))
        return None, None, b""
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
    except ValueError as exc:  # e.g. an integer too long to convert
        out.append(Diagnostic(name, 0, ERROR, f"cannot read a value: {str(exc)[:120]}"))
        return None, None, raw
    return data, LineMap(text), raw


def _read_layer(folder: Path, raw: RawScenario, digest) -> Layer | None:
    """Parse the files of one folder; None when its scenario.toml cannot be read."""
    layer = Layer(folder)
    for name in FILES:
        path = folder / name
        if not path.exists():
            if name == "scenario.toml" or not layer.extends and name not in OPTIONAL_FILES:
                raw.diagnostics.append(Diagnostic(display(path), 0, ERROR, f"missing file {name}"
                                                  + (" (a scenario that extends nothing needs all five files)"
                                                     if name != "scenario.toml" else "")))
                raw.fatal = True
            if name == "scenario.toml":
                return None
            continue
        data, lines, content = read_toml(path, raw.diagnostics)
        digest.update(folder.name.encode() + b"/" + name.encode() + b"\0" + content + b"\0")
        if data is None:
            raw.fatal = True
            if name == "scenario.toml":
                return None
            continue
        layer.files[name] = (data, lines, display(path))
        if name == "scenario.toml":
            s = data.get("scenario")
            ext = s.get("extends", "") if isinstance(s, dict) else ""
            layer.extends = ext if isinstance(ext, str) else ""
    return layer


def _read_chain(folder: Path, raw: RawScenario, digest) -> list[Layer]:
    """The layers of a scenario, base first. Reports unknown bases and cycles."""
    layers: list[Layer] = []
    seen: list[Path] = []
    current = folder
    while True:
        layer = _read_layer(current, raw, digest)
        if layer is None:
            break
        layers.append(layer)
        seen.append(current.resolve())
        _, lines, shown = layer.files["scenario.toml"]
        ext = layer.extends
        sc = layer.files["scenario.toml"][0].get("scenario")
        own = sc.get("id") if isinstance(sc, dict) and isinstance(sc.get("id"), str) else current.name
        raw.chain.append(own)
        raw.folders.append(current)
        if not ext:
            break
        where = (shown, lines.key_line("scenario", 0, "extends"))
        raw.broken_chain = True  # until the base is found
        if not ID_RE.match(ext):
            raw.diagnostics.append(Diagnostic(*where, ERROR, f"must be the id of a scenario, not {ext[:60]!r}",
                                              "scenario.extends"))
            raw.fatal = True
            break
        base = find(ext, near=current)
        if base is None:
            raw.diagnostics.append(Diagnostic(*where, ERROR, f"no scenario '{ext}' to extend"
                                              f"{did_you_mean(ext, known_ids(current))}", "scenario.extends"))
            raw.fatal = True
            break
        if base.resolve() in seen:
            cycle = " -> ".join(raw.chain + [ext])
            raw.diagnostics.append(Diagnostic(*where, ERROR, f"scenarios extend each other in a cycle: {cycle}",
                                              "scenario.extends"))
            raw.fatal = True
            break
        if len(layers) >= MAX_CHAIN:
            raw.diagnostics.append(Diagnostic(*where, ERROR, f"more than {MAX_CHAIN} scenarios in the extends chain",
                                              "scenario.extends"))
            raw.fatal = True
            break
        raw.broken_chain = False
        current = base
    layers.reverse()
    return layers


def merge(base, over, depth: int = 0):
    """`over` layered on `base`: tables merge key by key (to MERGE_DEPTH), anything else is replaced."""
    if not (isinstance(base, dict) and isinstance(over, dict)) or depth >= MERGE_DEPTH:
        return over
    out = dict(base)
    for k, v in over.items():
        out[k] = merge(base[k], v, depth + 1) if k in base else v
    return out


def load_raw(folder: Path) -> RawScenario:
    """Read, layer and check every file of a scenario and of the scenarios it extends. Never raises."""
    raw = RawScenario(folder=folder)
    digest = hashlib.sha256()
    if not folder.is_dir():
        raw.diagnostics.append(Diagnostic(display(folder), 0, ERROR, "no such scenario folder"))
        raw.fatal = True
        return raw
    layers = _read_chain(folder, raw, digest)
    raw.content_hash = digest.hexdigest()[:16]
    if not layers or raw.broken_chain:
        return raw
    _merge_meta(raw, layers)
    for name, tables in FILES.items():
        if tables[0][0] is not None:
            _merge_entries(raw, layers, name, tables)
    return raw


def _merge_meta(raw: RawScenario, layers: list[Layer]) -> None:
    merged: dict = {}
    for layer in layers:
        data, lines, shown = layer.files["scenario.toml"]
        raw.meta_layers.append((data, lines, shown))
        merged = merge(merged, data)
    chk = Checker()
    raw.meta = FILES["scenario.toml"][0][1].check(merged, (), chk)
    _collect(raw, chk, raw.meta_at, "")


def _merge_entries(raw: RawScenario, layers: list[Layer], name: str, tables: tuple) -> None:
    """Layer one entry file over the chain. A file of several tables (people.toml: [[group]] and [[person]])
    shares one id space, so that a [[patch]] or `remove` names its entry by id alone."""
    arrays = tuple(array for array, _ in tables)
    specs = dict(tables)
    holds = ", ".join(f"[[{a}]]" for a in arrays)
    items: dict = {}  # key (id, or a tuple for entries without a usable id) -> (array, data, [Source])
    for depth, layer in enumerate(layers):
        if name not in layer.files:
            continue
        data, lines, shown = layer.files[name]

        def report(line, message, fld="", shown=shown):
            raw.diagnostics.append(Diagnostic(shown, line, ERROR, message, fld))

        for k in data:
            if k not in (*arrays, *ENTRY_KEYS):
                report(lines.entry_line(k) or lines.key_line("", 0, k),
                       f"unknown table '{str(k)[:60]}': this file holds {holds}, [[patch]] and remove"
                       f"{did_you_mean(k, (*arrays, *ENTRY_KEYS))}")
        seen: dict[str, tuple[str, Source]] = {}
        for array in arrays:
            for i, item in enumerate(_blocks(data, array, lines, report)):
                src = Source(shown, lines, array, i, folder=layer.folder)
                ident = item.get("id")
                if isinstance(ident, str) and ident in seen:
                    first, where = seen[ident]
                    also = "" if first == array else f" (as a {first}: the ids of {holds} must differ)"
                    report(src.line(("id",)), f"duplicate {array} id '{ident}'{also} (first defined at line "
                                              f"{where.line(('id',))})", f"{array}.{ident}")
                    continue
                key = ident if isinstance(ident, str) else (shown, array, i)
                if isinstance(ident, str):
                    seen[ident] = (array, src)
                    if ident in items and items[ident][0] != array:
                        report(src.line(("id",)), f"'{ident}' is a {items[ident][0]} of the base scenario; a "
                                                  f"{array} cannot replace it (remove it first, or pick another id)",
                               f"{array}.{ident}")
                        continue
                items[key] = (array, item, [src])
        for i, item in enumerate(_blocks(data, "patch", lines, report)):
            src = Source(shown, lines, "patch", i, frozenset(item) - {"id"}, layer.folder)
            ident = item.get("id")
            known = [k for k in items if isinstance(k, str)]
            if not isinstance(ident, str):
                report(src.line(("id",)) or src.line(), "a [[patch]] needs the id of the entry it changes",
                       f"patch#{i + 1}.id")
            elif depth == 0 and ident not in items:
                report(src.line(("id",)), "[[patch]] changes a base scenario's entry; this scenario extends "
                                          "nothing (set [scenario] extends)", f"patch.{ident}")
            elif ident not in items:
                report(src.line(("id",)), f"no {' or '.join(arrays)} '{ident}' to patch{did_you_mean(ident, known)}",
                       f"patch.{ident}")
            else:
                array, base, sources = items[ident]
                items[ident] = (array, merge(base, {k: v for k, v in item.items() if k != "id"}), sources + [src])
        if "remove" in data:
            line = lines.key_line("", 0, "remove")
            gone = data["remove"]
            if depth == 0:
                report(line, "remove deletes a base scenario's entries; this scenario extends nothing", "remove")
            elif not isinstance(gone, list) or not all(isinstance(x, str) for x in gone):
                report(line, "must be a list of ids, like remove = [\"vanguard\"]", "remove")
            else:
                for ident in gone:
                    if ident in items:
                        del items[ident]
                    else:
                        known = [k for k in items if isinstance(k, str)]
                        report(line, f"no {' or '.join(arrays)} '{ident[:60]}' to remove"
                                     f"{did_you_mean(ident, known)}", "remove")
    for array in arrays:
        raw.entries.setdefault(array, [])
    for array, item, sources in items.values():
        chk = Checker()
        checked = specs[array].check(item, (), chk)
        entry = Entry(checked if isinstance(checked, dict) else {}, array, sources)
        _collect(raw, chk, entry.at, entry.field())
        raw.entries[array].append(entry)


def _blocks(data: dict, key: str, lines: LineMap, report) -> list[dict]:
    """The [[key]] tables of a parsed file (a wrongly written value is reported and skipped)."""
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
        report(lines.key_line("", 0, key) or lines.entry_line(key), f"'{key}' must be written as [[{key}]] tables",
               key)
        return [x for x in items if isinstance(x, dict)] if isinstance(items, list) else []
    return items


def _collect(raw: RawScenario, chk: Checker, at, prefix: str) -> None:
    def full(path: tuple) -> str:
        tail = field_name(path) if path else ""
        return (f"{prefix}.{tail}" if prefix and tail else prefix or tail).replace(".[", "[")

    for path, message, severity in chk.problems:
        raw.diagnostics.append(Diagnostic(*at(path), severity, message, full(path)))
    for kind, ident, path in chk.refs:
        raw.refs.append((kind, ident, *at(path), full(path)))


def is_valid(value) -> bool:
    """False when a checked value (or anything inside it) failed its check."""
    if value is INVALID:
        return False
    if isinstance(value, dict):
        return all(is_valid(v) for v in value.values())
    if isinstance(value, list):
        return all(is_valid(v) for v in value)
    return True
