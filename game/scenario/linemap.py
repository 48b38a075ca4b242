"""Line numbers for TOML values. tomllib gives none, so we find them in the text.

A LineMap knows where each table header and each `key =` line is. It answers
"on which line is field F of the N-th [[program]]?" well enough for error
messages, falling back to the entry's header line, then to line 0.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\" ]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"]+)\s*=")


class LineMap:
    """Where things are in one TOML file's text."""

    def __init__(self, text: str):
        self.blocks: list[tuple[str, int, dict[str, int]]] = []  # (header name, line, {key: line})
        current = ("", 0, {})
        self.blocks.append(current)
        for number, line in enumerate(text.splitlines(), start=1):
            header = _HEADER.match(line)
            if header and not line.lstrip().startswith("#"):
                current = (header.group(2).replace('"', "").strip(), number, {})
                self.blocks.append(current)
                continue
            key = _KEY.match(line)
            if key:
                current[2].setdefault(key.group(1).strip('"'), number)

    def entry_line(self, table: str, index: int = 0) -> int:
        """Line of the index-th header named `table` (0 if absent)."""
        found = [b for b in self.blocks if b[0] == table]
        return found[index][1] if index < len(found) else 0

    def key_line(self, table: str, index: int, key: str) -> int:
        """Line of `key` in the index-th block named `table` or in the sub-tables
        that follow it (`[[event.option]]`); else the header's line."""
        seen = -1
        for pos, (name, line, keys) in enumerate(self.blocks):
            if name != table:
                continue
            seen += 1
            if seen != index:
                continue
            if key in keys:
                return keys[key]
            for name2, _, keys2 in self.blocks[pos + 1:]:
                if name2 == table or not name2.startswith(table + "."):
                    break
                if key in keys2:
                    return keys2[key]
            return line
        return 0

    def sub_entry_line(self, table: str, index: int, sub: str, sub_index: int, key: str | None = None) -> int:
        """Line of the sub_index-th `[[table.sub]]` after the index-th `[[table]]` (or of its `key`)."""
        seen = -1
        for pos, (name, line, _keys) in enumerate(self.blocks):
            if name != table:
                continue
            seen += 1
            if seen != index:
                continue
            n = -1
            for name2, line2, keys2 in self.blocks[pos + 1:]:
                if name2 == table:
                    break
                if name2 == f"{table}.{sub}":
                    n += 1
                    if n == sub_index:
                        return keys2.get(key, line2) if key else line2
            return line
        return 0
